"""Fixtures shared by the suite."""

from pathlib import Path

import pytest

from scripts.refresh import RAW_DIR, refresh


@pytest.fixture(scope="session")
def shipped_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse refreshed once from the shipped raw files (read it, never write it)."""
    path = tmp_path_factory.mktemp("shipped") / "migdash.duckdb"
    refresh(RAW_DIR, path)
    return path
