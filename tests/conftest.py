"""Fixtures shared by the suite."""

from pathlib import Path

import pytest

from scripts.refresh import DEMO_DIR, refresh


@pytest.fixture(scope="session")
def demo_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse refreshed once from the shipped raw files (read it, never write it)."""
    path = tmp_path_factory.mktemp("shipped") / "migdash.duckdb"
    refresh(DEMO_DIR, path)
    return path
