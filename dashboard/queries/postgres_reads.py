"""Reading a PostgreSQL warehouse: a connection pool per database, the served schema as the data version, and
cursors with the interface of DuckDB's that the queries use (`?` parameters, fetchone/fetchall, df, chunks)."""

import contextlib
import functools
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pandas as pd
import psycopg
import pyarrow as pa
from psycopg_pool import ConnectionPool

from scripts import dialect, postgres
from scripts.backend import PostgresStore

POOL_SIZE = (1, 8)  # connections per database and replica: a page run reads through one at a time
WAIT_SECONDS = 5  # for a connection: a database out of reach is reported to the visitor, not waited on
CHUNK_ROWS = 2048  # DuckDB's vector size: fetch_df_chunk(n) returns n of them
_POOLS: dict[str, ConnectionPool] = {}
_LOCK = threading.Lock()
_CONVERT = threading.local()  # an in-memory DuckDB per thread turns fetched rows into frames as DuckDB's .df() does
_ARROW_TYPES = {16: pa.bool_(), 20: pa.int64(), 21: pa.int16(), 23: pa.int32(), 25: pa.string(), 1043: pa.string(),
                700: pa.float32(), 701: pa.float64(), 1700: pa.float64(), 1082: pa.date32(),
                1114: pa.timestamp("us"), 1184: pa.timestamp("us", tz="UTC"), 1009: pa.list_(pa.string()),
                1015: pa.list_(pa.string())}
_BOOLEAN = 16
_NUMERIC = 1700
_STRINGS = re.compile(r"('(?:[^']|'')*')")


def served_version(store: PostgresStore) -> str:
    """The schema served now: the data version pages pin ('' before the first publish)."""
    with _pool(store).connection() as con:
        return postgres.served(con)


@contextlib.contextmanager
def cursor(store: PostgresStore, version: str) -> Iterator["Cursor"]:
    """A cursor reading one published schema, on a pooled connection that is this thread's until done."""
    with _pool(store).connection() as con:
        con.execute(f"SET search_path TO {postgres.search_path(version)}")
        with con.cursor() as raw:
            yield Cursor(raw)


class Cursor:
    """A psycopg cursor behind the calls the queries make of a DuckDB connection."""

    dialect = dialect.POSTGRES

    def __init__(self, raw: psycopg.ClientCursor):
        self._raw = raw

    def execute(self, sql: str, params: list | tuple = ()) -> "Cursor":
        """Run a query written with `?` placeholders."""
        self._raw.execute(_placeholders(sql), list(params))
        return self

    def fetchone(self) -> tuple | None:
        """The next row."""
        return self._raw.fetchone()

    def fetchall(self) -> list[tuple]:
        """Every remaining row."""
        return self._raw.fetchall()

    def df(self) -> pd.DataFrame:
        """Every remaining row as a frame typed as DuckDB types it."""
        return self._frame(self._raw.fetchall())

    def fetch_df_chunk(self, vectors: int = 1) -> pd.DataFrame:
        """The next rows (vectors of CHUNK_ROWS) as a frame; empty at the end."""
        return self._frame(self._raw.fetchmany(vectors * CHUNK_ROWS))

    def write_csv(self, sql: str, params: list, target: Path) -> None:
        """Write a query's rows as CSV with a header to a file, streamed from the server, cells as DuckDB writes them
        (booleans as true/false, where PostgreSQL's COPY writes t/f)."""
        self._raw.execute(f"SELECT * FROM ({_placeholders(sql)}) q LIMIT 0", list(params))
        cells = ", ".join(f'q."{c.name}"::text AS "{c.name}"' if c.type_code == _BOOLEAN else f'q."{c.name}"'
                          for c in self._raw.description)
        statement = f"COPY (SELECT {cells} FROM ({_placeholders(sql)}) q) TO STDOUT (FORMAT csv, HEADER)"
        with self._raw.copy(statement, list(params)) as copy, open(target, "wb") as handle:
            for block in copy:
                handle.write(block)

    def _frame(self, rows: list[tuple]) -> pd.DataFrame:
        columns = self._raw.description or []
        arrays = [pa.array(_column(rows, i, column.type_code), type=_ARROW_TYPES.get(column.type_code))
                  for i, column in enumerate(columns)]
        table = pa.Table.from_arrays(arrays, names=[column.name for column in columns])
        if not hasattr(_CONVERT, "con"):
            _CONVERT.con = duckdb.connect()
        return _CONVERT.con.from_arrow(table).df()


def _column(rows: list[tuple], index: int, type_code: int) -> list:
    """One column of fetched rows as Arrow takes it: NUMERIC's Decimals as floats, as DuckDB's .df() gives DECIMAL."""
    values = [row[index] for row in rows]
    return [None if value is None else float(value) for value in values] if type_code == _NUMERIC else values


@functools.lru_cache(maxsize=512)
def _placeholders(sql: str) -> str:
    """DuckDB's `?` placeholders as psycopg's `%s`, and `%` escaped, outside string literals."""
    parts = _STRINGS.split(sql)
    return "".join(part.replace("%", "%%") if i % 2 else part.replace("%", "%%").replace("?", "%s")
                   for i, part in enumerate(parts))


def _pool(store: PostgresStore) -> ConnectionPool:
    with _LOCK:
        pool = _POOLS.get(store.url)
        if pool is None:
            pool = _POOLS[store.url] = ConnectionPool(
                store.url, min_size=POOL_SIZE[0], max_size=POOL_SIZE[1], open=True, timeout=WAIT_SECONDS,
                kwargs={"autocommit": True, "cursor_factory": psycopg.ClientCursor,
                        "options": postgres.OPTIONS})
        return pool
