"""Store versions: each script run pins one version of the warehouse; reads borrow cursors, cached per version."""

import contextlib
import functools
import itertools
import os
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import streamlit as st

from scripts.backend import Store, is_postgres
from scripts.schema import TABLES
from scripts.warehouse import connect_readonly, data_version

QUERIES: dict[str, Callable[..., Any]] = {}  # every versioned query by name (the benchmark times them through it)
# A refresh swaps in a new store file while pages are reading. Each script run pins the version it
# started with (pin()), so all its queries read one complete version. Each version gets its own
# DuckDB instance, opened through a private hard link: DuckDB shares one instance per path, so a
# second connection to the path itself would see the old file. The newest KEEP_VERSIONS stay open
# for runs still reading them. A read borrows a cursor (a child connection of the instance) that no
# other thread uses meanwhile, so reads run in parallel; _LOCK guards only the open versions and
# their idle cursors. A version pushed out is closed once its last read has ended, and never lent again.
# A PostgreSQL store (postgres_reads.py) has one version per published schema, read through a connection pool;
# a replaced schema stays readable for a grace period, so a run that pinned it reads it whole.
KEEP_VERSIONS = 4
_LOCK = threading.Lock()
_OPEN: dict[str, dict[str, "_Version"]] = {}
_RUN = threading.local()
_LINKS = itertools.count()
_STORES: dict[str, Store] = {}  # the cache keys stores by their text, which hides a password: the store itself


@dataclass
class _Version:
    """One open store version: its DuckDB instance, the cursors idle between reads, the reads using it."""

    con: duckdb.DuckDBPyConnection
    idle: list[duckdb.DuckDBPyConnection] = field(default_factory=list)
    reads: int = 0
    retired: bool = False

    def retire(self) -> None:
        """Lend no more cursors; close the instance now, or when its last read ends (under the lock)."""
        self.retired = True
        if not self.reads:
            self.con.close()  # closes its cursors too


def pin(path: Store) -> str:
    """Fix the store version this script run reads (call at the start of every run; '' if unreadable)."""
    _STORES[str(path)] = path
    try:
        version = _current(str(path))
    except _read_errors():  # not a store, or out of reach: warehouse_state() explains it to the visitor
        version = None
    _RUN.pins = {str(path): version}
    return version or ""


def versioned(query: Callable[..., Any]) -> Callable[..., Any]:
    """Turn `query(con, ...)` into `query(path, ...)`, cached on the run's pinned data version."""
    known = QUERIES.get(query.__name__)
    if known is not None and known.__module__ != query.__module__:  # a module reloaded may register again
        raise ValueError(f"{query.__module__} and {known.__module__} both name a query {query.__name__}")
    QUERIES[query.__name__] = query

    @functools.wraps(query)
    def by_path(path: Store, *args: Any, **kwargs: Any) -> Any:
        _STORES[str(path)] = path
        return _cached(query.__name__, str(path), _version(str(path)), *args, **kwargs)

    return by_path


@st.cache_data(max_entries=256, show_spinner=False)
def _cached(query_name: str, path: str, version: str, *args: Any, **kwargs: Any) -> Any:
    with _cursor(path, version) as con:
        return QUERIES[query_name](con, *args, **kwargs)


@contextlib.contextmanager
def reading(path: Store) -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor of the version this run pinned (for reads that stream and are never cached)."""
    _STORES[str(path)] = path
    with _cursor(str(path), _version(str(path))) as cursor:
        yield cursor


def _version(path: str) -> str:
    """The version pinned by this run, else the store's current one."""
    pinned = getattr(_RUN, "pins", {}).get(path)
    if pinned:
        return pinned
    return _current(path)


def _current(path: str) -> str:
    """The store's current version, opened if new: DuckDB's under the lock; PostgreSQL's is one query, lock-free."""
    if is_postgres(_STORES.get(path)):
        from dashboard.queries import postgres_reads  # psycopg is needed only with a PostgreSQL store
        return postgres_reads.served_version(_STORES[path])
    with _LOCK:
        return _open_current(path)


def _open_current(path: str) -> str:
    """Open the store's current version if it is new (under the lock); return its version key."""
    versions = _OPEN.setdefault(path, {})
    current = data_version(Path(path))
    if current in versions or not current:
        return current
    link = Path(path).with_name(f".{Path(path).name}.reader-{os.getpid()}-{next(_LINKS)}")  # a new path each time
    link.unlink(missing_ok=True)
    try:
        os.link(path, link)
    except OSError:  # no hard links here: read the path itself, one version at a time
        for old in versions.values():
            old.retire()
        versions.clear()
        versions[current] = _Version(connect_readonly(Path(path)))
        return current
    try:
        current = data_version(link)  # the linked file is the version, even if a swap just happened
        if current not in versions:
            versions[current] = _Version(connect_readonly(link))
    finally:
        link.unlink(missing_ok=True)
    for old in list(versions)[:-KEEP_VERSIONS]:
        versions.pop(old).retire()
    return current


@contextlib.contextmanager
def _cursor(path: str, version: str) -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor of a version (of the current one if that version is no longer open), this thread's until done."""
    if is_postgres(_STORES.get(path)):
        from dashboard.queries import postgres_reads
        with postgres_reads.cursor(_STORES[path], version or _current(path)) as cursor:
            yield cursor
        return
    with _LOCK:
        if version not in _OPEN.get(path, {}):
            version = _open_current(path)
        lent = _OPEN[path][version]
        lent.reads += 1
        cursor = lent.idle.pop() if lent.idle else lent.con.cursor()
    healthy = False
    try:
        yield cursor
        healthy = True
    finally:
        with _LOCK:
            lent.reads -= 1
            if lent.retired:
                lent.retire()
            elif healthy:
                lent.idle.append(cursor)
            else:  # a read that failed or stopped half-way: its cursor may hold a pending result
                cursor.close()


def warehouse_state(path: Store) -> str:
    """'missing', 'unreadable' (not a warehouse of this version, or a database out of reach), 'empty' or 'ready'."""
    _STORES[str(path)] = path
    if getattr(_RUN, "pins", {}).get(str(path), "") is None:  # this run found it unreadable: no second wait
        return "unreadable"
    try:
        if not (_version(str(path)) if is_postgres(path) else path.is_file()):
            return "missing"
        return _loaded_state(path)
    except _read_errors():
        return "unreadable"


def _read_errors() -> tuple[type[Exception], ...]:
    """What a store that cannot be read raises: DuckDB's errors, and psycopg's where it is installed."""
    try:
        import psycopg
    except ImportError:
        return (duckdb.Error,)
    return duckdb.Error, psycopg.Error


@versioned
def _loaded_state(con: duckdb.DuckDBPyConnection) -> str:
    present = {name for (name,) in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    if not {table.name for table in TABLES} <= present:
        return "unreadable"
    rows = con.execute(
        "SELECT (SELECT count(*) FROM member_states) + (SELECT count(*) FROM missions)"
        " + (SELECT count(*) FROM events)"
    ).fetchone()[0]
    return "ready" if rows else "empty"
