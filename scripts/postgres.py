"""The warehouse in PostgreSQL: each refresh is built in DuckDB as for a file, then published into a new schema.

Readers find the served schema in one small pointer table, `migdash.publications` (the newest row). A publish
creates `run_<id>`, copies every table into it, and adds its row to the pointer table, all in ONE transaction:
readers see the whole new schema or none of it, and a publish that fails or is killed rolls back, leaving the
previous one served. (A pointer row rather than a swap of search_path or views: each reader pins a version by
reading the pointer once per page run, and old schemas stay readable for the runs still using them.)
Schemas replaced more than GRACE_SECONDS ago are dropped by the next refresh. Refreshes take an advisory lock:
a second one waits for the first to finish, never interleaves.
"""

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import psycopg

from scripts import dialect
from scripts.backend import PostgresStore
from scripts.report import UnusableInput
from scripts.schema import BY_NAME, TABLES

CATALOG = "migdash"
LOCK_KEY = 0x6D696764  # the refresh lock, one per database
GRACE_SECONDS = 600  # a page run reading a replaced schema has this long to finish
OPTIONS = "-c datestyle=ISO -c client_encoding=UTF8"  # dates and text as the warehouse writes them
DROP_LOCK_TIMEOUT = "2s"  # a schema still in use is dropped by a later refresh instead of waiting here
CATALOG_DDL = f"""
CREATE SCHEMA IF NOT EXISTS {CATALOG};
CREATE TABLE IF NOT EXISTS {CATALOG}.publications (run_id integer PRIMARY KEY, schema_name text NOT NULL,
    published_at timestamptz NOT NULL DEFAULT clock_timestamp());
CREATE TABLE IF NOT EXISTS {CATALOG}.failures (run_id integer NOT NULL, started_at text NOT NULL,
    finished_at text NOT NULL, message text NOT NULL);
"""


def connect(store: PostgresStore, **options) -> psycopg.Connection:
    """A connection to the store's database, dates and text as the warehouse writes them."""
    return psycopg.connect(store.url, options=OPTIONS, **options)


@contextmanager
def exclusive(store: PostgresStore) -> Iterator[None]:
    """Hold the store's refresh lock (waiting for a refresh that holds it); the catalog exists inside.

    UnusableInput when the database cannot be reached."""
    try:
        con = connect(store, autocommit=True)
    except psycopg.OperationalError as error:
        reason = str(error).strip().splitlines()[-1] if str(error).strip() else type(error).__name__
        raise UnusableInput(store, f"the database cannot be reached ({reason})") from None
    with con:
        con.execute("SELECT pg_advisory_lock(%s)", [LOCK_KEY])
        try:
            for statement in _statements(CATALOG_DDL + dialect.SHIMS.format(catalog=CATALOG)):
                con.execute(statement)
            yield
        finally:
            con.execute("SELECT pg_advisory_unlock(%s)", [LOCK_KEY])


def served(con: psycopg.Connection) -> str:
    """The schema readers are served now ('' before the first publish)."""
    try:
        row = con.execute(f"SELECT schema_name FROM {CATALOG}.publications ORDER BY run_id DESC LIMIT 1").fetchone()
    except psycopg.errors.UndefinedTable:
        con.rollback()
        return ""
    return row[0] if row else ""


def search_path(schema: str) -> str:
    """The search_path of a reader of a published schema (the catalog gives the dialect's functions)."""
    return f"{schema}, {CATALOG}"


def publish(store: PostgresStore, build: duckdb.DuckDBPyConnection) -> None:
    """Copy every table of a finished DuckDB build into schema run_<id> (its run) and serve it, in one transaction."""
    run_id = build.execute("SELECT coalesce(max(run_id), 0) FROM load_runs WHERE status = 'ok'").fetchone()[0]
    schema = f"run_{run_id}"
    with connect(store) as con, tempfile.TemporaryDirectory(prefix="migdash-publish-") as folder:
        collation = _collation(con)
        con.execute(f"CREATE SCHEMA {schema}")  # a killed publish rolled its schema back: none is left over
        for table in TABLES:
            con.execute(dialect.postgres_ddl(table, schema, collation))
            rows = Path(folder) / f"{table.name}.csv"
            build.execute(f"COPY ({dialect.copy_out_select(table)}) TO '{rows}' (FORMAT csv, HEADER false)")
            with con.cursor().copy(f"COPY {schema}.{table.name} FROM STDIN (FORMAT csv)") as copy, \
                    open(rows, "rb") as handle:
                while block := handle.read(1 << 20):
                    copy.write(block)
            rows.unlink()
            if table.key:
                con.execute(f"CREATE INDEX ON {schema}.{table.name} ({table.key[0]})")
            con.execute(f"ANALYZE {schema}.{table.name}")
        con.execute(f"INSERT INTO {CATALOG}.publications (run_id, schema_name) VALUES (%s, %s)", [run_id, schema])
        con.execute(f"DELETE FROM {CATALOG}.failures WHERE run_id <= %s", [run_id])  # now in load_runs
        con.commit()


def drop_replaced(store: PostgresStore, grace_seconds: float = GRACE_SECONDS) -> list[str]:
    """Drop the schemas replaced more than grace_seconds ago (never the served one); return those dropped."""
    dropped = []
    with connect(store, autocommit=True) as con:
        con.execute(f"SET lock_timeout = '{DROP_LOCK_TIMEOUT}'")
        replaced = con.execute(
            f"SELECT p.run_id, p.schema_name FROM {CATALOG}.publications p WHERE EXISTS (SELECT 1 FROM"
            f" {CATALOG}.publications n WHERE n.run_id > p.run_id"
            " AND n.published_at < clock_timestamp() - make_interval(secs => %s))", [grace_seconds]).fetchall()
        for run_id, schema in replaced:
            try:
                with con.transaction():
                    con.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
                    con.execute(f"DELETE FROM {CATALOG}.publications WHERE run_id = %s", [run_id])
            except psycopg.errors.LockNotAvailable:  # a reader still holds it: the next refresh tries again
                continue
            dropped.append(schema)
    return dropped


def last_run_id(store: PostgresStore) -> int:
    """Highest run id served or logged as failed (0 if none)."""
    with connect(store) as con:
        schema = served(con)
        ids = [run["run_id"] for run in _failures(con)]
        if schema:
            ids.append(con.execute(f"SELECT coalesce(max(run_id), 0) FROM {schema}.load_runs").fetchone()[0])
    return max(ids, default=0)


def record_failure(store: PostgresStore, run: dict) -> None:
    """Log a failed run in the catalog; the next publish moves it into load_runs."""
    with connect(store) as con:
        con.execute(f"INSERT INTO {CATALOG}.failures VALUES (%(run_id)s, %(started_at)s, %(finished_at)s,"
                    " %(message)s)", run)


def logged_failures(store: PostgresStore) -> list[dict]:
    """The failed runs not yet moved into the served load_runs."""
    with connect(store) as con:
        return _failures(con)


def copy_previous(store: PostgresStore, build: duckdb.DuckDBPyConnection, tables: tuple[str, ...]) -> bool:
    """Copy the served schema's `tables` into schema `prev` of the build (False if nothing is served yet)."""
    with connect(store) as con, tempfile.TemporaryDirectory(prefix="migdash-previous-") as folder:
        schema = served(con)
        if not schema:
            return False
        build.execute("CREATE SCHEMA prev")
        for name in tables:
            table, rows = BY_NAME[name], Path(folder) / f"{name}.csv"
            with con.cursor().copy(f"COPY ({dialect.copy_out_lists(table, schema)}) TO STDOUT (FORMAT csv)") as copy, \
                    open(rows, "wb") as handle:
                for block in copy:
                    handle.write(block)
            columns = ", ".join(f"'{c}': 'VARCHAR'" for c in table.column_names)
            source = (f"read_csv('{rows}', header = false, columns = {{{columns}}}, allow_quoted_nulls = false,"
                      " quote = '\"', escape = '\"', delim = ',')") if rows.stat().st_size else (
                "(SELECT " + ", ".join(f"NULL::VARCHAR AS {c}" for c in table.column_names) + " WHERE false)")
            # (an empty table leaves an empty file, which read_csv cannot sniff)
            build.execute(f"CREATE TABLE prev.{name} AS {dialect.copy_in_select(table, source)}")
    return True


def _failures(con: psycopg.Connection) -> list[dict]:
    try:
        rows = con.execute(f"SELECT run_id, started_at, finished_at, message FROM {CATALOG}.failures ORDER BY run_id"
                           ).fetchall()
    except psycopg.errors.UndefinedTable:
        con.rollback()
        return []
    return [{"run_id": r, "started_at": s, "finished_at": f, "message": m} for r, s, f, m in rows]


def _collation(con: psycopg.Connection) -> str:
    """The first of dialect.COLLATIONS this server has."""
    names = {name for (name,) in con.execute("SELECT collname FROM pg_collation").fetchall()}
    return next(name for name in dialect.COLLATIONS if name in names)


def _statements(script: str) -> list[str]:
    return [statement.strip() for statement in script.split(";\n") if statement.strip()]
