"""What carries over from one warehouse to the next: past runs, first-seen times, and what changed."""

import json
from contextlib import suppress
from datetime import datetime
from pathlib import Path

import duckdb

from scripts.backend import Store, is_postgres
from scripts.schema import BY_NAME, HISTORY_TABLES

TRACKED = {"member_states": "iso3", "missions": "mission_id", "events": "event_id"}


def failures_path(warehouse: Path) -> Path:
    """Failed runs are logged beside the store, which a failure must not touch."""
    return warehouse.with_name(warehouse.name + ".failed.jsonl")


def last_run_id(warehouse: Store) -> int:
    """Highest run id in the store or among logged failures (0 if none)."""
    if is_postgres(warehouse):
        from scripts import postgres  # psycopg is needed only with a PostgreSQL store
        return postgres.last_run_id(warehouse)
    ids = [run["run_id"] for run in logged_failures(warehouse)]
    if warehouse.exists():
        try:
            with duckdb.connect(str(warehouse), read_only=True) as con:
                ids.append(con.execute("SELECT coalesce(max(run_id), 0) FROM load_runs").fetchone()[0])
        except duckdb.Error:
            pass
    return max(ids, default=0)


def record_failure(warehouse: Store, run_id: int, started: datetime, message: str) -> None:
    """Log a failed run beside the store (PostgreSQL: in its catalog); the next good refresh moves it into load_runs."""
    run = {"run_id": run_id, "started_at": started.isoformat(), "finished_at": datetime.now().isoformat(),
           "message": message}
    if is_postgres(warehouse):
        from scripts import postgres
        postgres.record_failure(warehouse, run)
        return
    with suppress(OSError):  # a log that cannot be written (a folder in its place) must not hide the failure itself
        with open(failures_path(warehouse), "a", encoding="utf-8") as handle:
            handle.write(json.dumps(run) + "\n")


class UnreadableStore(Exception):
    """The previous store exists but cannot be read (torn, truncated, or not a warehouse)."""


def carry_over(con: duckdb.DuckDBPyConnection, warehouse: Store) -> dict[str, dict[str, int]]:
    """Copy past runs and first-seen times from the previous store; return what changed per table.

    Raises UnreadableStore, having copied nothing, when a previous store exists but cannot be read.
    """
    if _attach_previous(con, warehouse):
        con.begin()
        try:
            _check_previous(con)
            for table in HISTORY_TABLES:
                con.execute(f"INSERT INTO {table} SELECT {_previous_columns(con, table)} FROM prev.{table}")
            con.execute("""UPDATE events SET ingested_at = p.ingested_at FROM prev.events p
                           WHERE p.event_id = events.event_id""")
            changes = {table: _changes(con, table, key) for table, key in TRACKED.items()}
            con.commit()
        except duckdb.Error:
            con.rollback()
            raise UnreadableStore(warehouse) from None
        finally:
            con.execute("DROP SCHEMA IF EXISTS prev CASCADE" if is_postgres(warehouse)
                        else "DETACH DATABASE IF EXISTS prev")
    else:
        changes = {t: {"added": _count(con, t), "removed": 0, "changed": 0} for t in TRACKED}
    for run in logged_failures(warehouse):
        con.execute("INSERT INTO load_runs SELECT ?, ?, ?, 'failed', ?, 0, 0, 0, NULL "
                    "WHERE ? NOT IN (SELECT run_id FROM load_runs)",
                    [run["run_id"], run["started_at"], run["finished_at"], run["message"], run["run_id"]])
    return changes


def _previous_columns(con: duckdb.DuckDBPyConnection, table: str) -> str:
    """The select list that copies a history table from the previous store: a column it predates is null."""
    found = {row[0] for row in con.execute(f"DESCRIBE prev.{table}").fetchall()}
    return ", ".join(name if name in found else f"NULL AS {name}" for name in BY_NAME[table].column_names)


def forget_failures(warehouse: Store) -> None:
    """Drop the failure log once a good refresh has moved it into the store (PostgreSQL: the publish did)."""
    if is_postgres(warehouse):
        return
    with suppress(OSError):  # not a file: nothing of ours to drop
        failures_path(warehouse).unlink(missing_ok=True)


def logged_failures(warehouse: Store) -> list[dict]:
    """The failed runs logged beside the store; a line a crash tore or that was garbled is left out."""
    if is_postgres(warehouse):
        from scripts import postgres
        return postgres.logged_failures(warehouse)
    path = failures_path(warehouse)
    if not path.is_file():
        return []
    return [run for line in path.read_text(encoding="utf-8", errors="replace").splitlines()
            if (run := _logged_run(line)) is not None]


def _logged_run(line: str) -> dict | None:
    """One failure record, or None when the line is not one ('{"run_id": 7, "star' after a crash)."""
    try:
        run = json.loads(line)
        datetime.fromisoformat(run["started_at"])
        datetime.fromisoformat(run["finished_at"])
    except (ValueError, TypeError, KeyError):
        return None
    ok = isinstance(run.get("run_id"), int) and isinstance(run.get("message"), str)
    return run if ok else None


def _attach_previous(con: duckdb.DuckDBPyConnection, warehouse: Store) -> bool:
    """Make the previous store readable as `prev` (a copy of the served schema, from PostgreSQL); False if none.

    Raises UnreadableStore when a previous file exists but cannot be attached."""
    if is_postgres(warehouse):
        from scripts import postgres
        return postgres.copy_previous(warehouse, con, (*HISTORY_TABLES, *TRACKED))
    if not warehouse.exists():
        return False
    try:
        con.execute("ATTACH ? AS prev (READ_ONLY)", [str(warehouse)])
    except duckdb.Error:
        raise UnreadableStore(warehouse) from None
    return True


def _check_previous(con: duckdb.DuckDBPyConnection) -> None:
    """Raises duckdb.Error if the previous store lacks a table we copy or a column we compare."""
    for table in HISTORY_TABLES:
        con.execute(f"SELECT * FROM prev.{table} LIMIT 0")
    for table in TRACKED:
        con.execute(f"SELECT {', '.join(BY_NAME[table].column_names)} FROM prev.{table} LIMIT 0")


def _count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def _changes(con: duckdb.DuckDBPyConnection, table: str, key: str) -> dict[str, int]:
    """Rows added, removed and changed since the previous store, in one join of keys and row hashes."""
    cols = ", ".join(c for c in BY_NAME[table].column_names if c != "ingested_at")
    added, removed, changed = con.execute(f"""SELECT count(*) FILTER (WHERE p.k IS NULL),
        count(*) FILTER (WHERE n.k IS NULL), count(*) FILTER (WHERE n.h <> p.h)
        FROM (SELECT {key} AS k, hash({cols}) AS h FROM {table}) n
        FULL JOIN (SELECT {key} AS k, hash({cols}) AS h FROM prev.{table}) p ON n.k = p.k""").fetchone()
    return {"added": added, "removed": removed, "changed": changed}
