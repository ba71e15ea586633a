"""Fixtures shared by the suite."""

import itertools
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from scripts import postgres, warehouse
from scripts.backend import PostgresStore
from scripts.refresh import DEMO_DIR, refresh
from tools import pgcluster

_DATABASES = itertools.count(1)


@pytest.fixture(scope="session")
def demo_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse refreshed once from the shipped raw files (read it, never write it)."""
    path = tmp_path_factory.mktemp("shipped") / "migdash.duckdb"
    refresh(DEMO_DIR, path)
    return path


@pytest.fixture
def shipped(demo_warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The demo warehouse, served to the pages this test opens."""
    monkeypatch.setenv("MIGDASH_WAREHOUSE", str(demo_warehouse))
    return demo_warehouse


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[str]:
    """The URL of a throwaway PostgreSQL cluster for the whole session; fails (never skips) when there is none."""
    try:
        with pgcluster.cluster() as url:
            yield url
    except pgcluster.ClusterUnavailable as error:
        pytest.fail(f"{error} (make test installs it)")


@pytest.fixture
def postgres_store(postgres_cluster: str) -> PostgresStore:
    """A new empty database on the session's cluster, as a store."""
    return PostgresStore(pgcluster.new_database(postgres_cluster, f"migdash_{next(_DATABASES)}"))


@pytest.fixture(scope="session")
def demo_postgres(postgres_cluster: str, demo_warehouse: Path) -> PostgresStore:
    """The demo warehouse published into PostgreSQL as a refresh publishes it: the very same rows (read it only)."""
    store = PostgresStore(pgcluster.new_database(postgres_cluster, "migdash_shipped"))
    with warehouse.exclusive(store), duckdb.connect(str(demo_warehouse), read_only=True) as con:
        postgres.publish(store, con)
    return store
