"""The only code that opens the store: a DuckDB file rebuilt beside the old one and swapped in, or a build
published into PostgreSQL (scripts/postgres.py)."""

import fcntl
import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import datetime
from pathlib import Path

import duckdb

from scripts.backend import Store, is_postgres
from scripts.report import UnusableInput
from scripts.schema import TABLES

STALE_READER_SECONDS = 60
KEEP_SET_ASIDE = 3
MEMORY_LIMIT = "1GB"  # DuckDB spills to disk past this: a refresh of 1M rows stays under 2 GiB


def connect_readonly(path: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection (memory capped, spilling past it); many may be open at once, also during a refresh."""
    return duckdb.connect(str(path), read_only=True, config={"memory_limit": MEMORY_LIMIT})


def data_version(path: Path) -> str:
    """A key that changes whenever a refresh swaps in a new store ('' if none)."""
    try:
        st = path.stat()
    except FileNotFoundError:
        return ""
    return f"{st.st_ino}-{st.st_mtime_ns}-{st.st_size}"


@contextmanager
def exclusive(path: Store) -> Iterator[None]:
    """Hold the refresh lock of a store so that refreshes run one at a time; UnusableInput if it cannot be there."""
    if is_postgres(path):
        from scripts import postgres  # psycopg is needed only with a PostgreSQL store
        with postgres.exclusive(path):
            yield
        return
    if path.exists() and not path.is_file():
        raise UnusableInput(path, "is a folder, not a warehouse file")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(path.with_name(path.name + ".lock"), "w")
    except OSError as error:
        raise UnusableInput(path, f"a warehouse cannot be written there ({error.strerror})") from None
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextmanager
def rebuild(path: Store) -> Iterator[duckdb.DuckDBPyConnection]:
    """Build a new store with every table created; swap it in (or publish it) only on success."""
    if is_postgres(path):
        from scripts import postgres
        with tempfile.TemporaryDirectory(prefix="migdash-build-") as folder:
            con = _new_build(Path(folder) / "build.duckdb")
            with con:
                yield con
                postgres.publish(path, con)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    building = path.with_name(f".{path.name}.building-{os.getpid()}")
    building.unlink(missing_ok=True)
    con = _new_build(building)
    try:
        yield con
        con.execute("CHECKPOINT")
        con.close()
        with open(building, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(building, path)
        _fsync_dir(path.parent)
    except BaseException:
        con.close()
        building.unlink(missing_ok=True)
        building.with_name(building.name + ".wal").unlink(missing_ok=True)
        raise


def remove_stale_builds(path: Store) -> None:
    """Delete what a killed refresh or reader left: half-built stores, old reader links, a WAL (under the lock).

    Stores are checkpointed and closed before they are swapped in and readers never write, so a WAL beside
    the store is a leftover, and DuckDB would replay it into the next store opened at that path. In PostgreSQL
    a killed publish leaves nothing (it rolls back): there, the schemas replaced long enough ago are dropped.
    """
    if is_postgres(path):
        from scripts import postgres
        postgres.drop_replaced(path)
        return
    for stale in path.parent.glob(f".{path.name}.building-*"):
        stale.unlink(missing_ok=True)
    for link in path.parent.glob(f".{path.name}.reader-*"):  # a live reader removes its own within a second
        with suppress(OSError):  # a hard link keeps the store's mtime; making it sets the inode's ctime
            if time.time() - link.lstat().st_ctime > STALE_READER_SECONDS:
                link.unlink()
    path.with_name(path.name + ".wal").unlink(missing_ok=True)


def set_aside(path: Path) -> Path:
    """Move a store that cannot be read out of the way, kept beside it for inspection; return its new path.

    Only the newest KEEP_SET_ASIDE are kept: a disk that keeps tearing stores must not fill up with them.
    """
    kept = path.with_name(f"{path.name}.unreadable-{datetime.now():%Y%m%dT%H%M%S%f}")
    os.replace(path, kept)
    for old in sorted(path.parent.glob(f"{path.name}.unreadable-*"))[:-KEEP_SET_ASIDE]:
        old.unlink(missing_ok=True)
    return kept


def _new_build(file: Path) -> duckdb.DuckDBPyConnection:
    """A new DuckDB file with every warehouse table created, memory capped."""
    con = duckdb.connect(str(file))
    con.execute("SET enable_progress_bar = false")
    con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
    for table in TABLES:
        con.execute(table.ddl())
    return con


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
