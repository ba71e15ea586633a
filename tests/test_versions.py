"""A page run reads one complete warehouse version, even when a refresh swaps the store meanwhile."""

from pathlib import Path

from dashboard import queries
from scripts.refresh import refresh


def members(folder: Path, names: list[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    rows = "".join(f"{name},member,,test\n" for name in names)
    (folder / "member_states.csv").write_text("country,status,admitted_year,source\n" + rows, encoding="utf-8")
    return folder


def test_a_pinned_run_keeps_its_version_while_new_runs_see_the_new_one(tmp_path):
    store = tmp_path / "wh" / "migdash.duckdb"
    refresh(members(tmp_path / "a", ["Chad", "Mali", "Peru"]), store)
    queries.pin(store)
    assert queries.key_figures(store)["members"] == 3
    refresh(members(tmp_path / "b", ["Chad"]), store)
    assert queries.key_figures(store)["members"] == 3  # same run: same version
    queries.pin(store)  # the next run
    assert queries.key_figures(store)["members"] == 1
    assert not list(store.parent.glob(".*reader*"))  # private links are removed once opened
