"""A page run reads one complete warehouse version, even when a refresh swaps the store meanwhile; reads run in
parallel, and a version is closed only once no read is using it."""

import threading
import time
from pathlib import Path

import duckdb
import pytest

from dashboard import queries
from dashboard.queries import store as versions
from scripts.refresh import refresh
from scripts.warehouse import rebuild

READERS = 4
SWAPS = 12
WAIT_S = 60  # generous: the machine running the suite may be busy


def members(folder: Path, names: list[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    rows = "".join(f"{name},member,,test\n" for name in names)
    (folder / "member_states.csv").write_text("country,status,admitted_year,source\n" + rows, encoding="utf-8")
    return folder


def swap_in(store: Path, number: int) -> None:
    """Swap in store version `number` as a refresh does: `number` member states and refreshes 1 to `number`."""
    with rebuild(store) as con:
        con.execute("INSERT INTO member_states SELECT 'M' || i, 'member', NULL, NULL, 'test' FROM range(?) t(i)",
                    [number])
        con.execute("INSERT INTO load_runs SELECT i + 1, now(), now(), 'ok', NULL, 0, 0, 0, NULL FROM range(?) t(i)",
                    [number])


def slow_runs(arrived: threading.Barrier | threading.Event, release: threading.Event | None = None):
    """A stand-in for `refresh_runs` whose query waits inside DuckDB: at `arrived`, then for `release` if given."""
    def meet(value: int) -> int:
        if isinstance(arrived, threading.Barrier):
            arrived.wait()
        else:
            arrived.set()
        if release is not None:
            assert release.wait(WAIT_S)
        return value

    def query(con: duckdb.DuckDBPyConnection, limit: int = 10) -> int:
        try:
            con.create_function("meet", meet, ["BIGINT"], "BIGINT", side_effects=True)
        except duckdb.CatalogException:  # one instance per version: the other reader registered it
            pass
        return con.execute("SELECT meet(count(*)) FROM load_runs").fetchone()[0]

    return query


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


def test_threads_reading_while_the_store_is_swapped_read_whole_versions(tmp_path):
    store = tmp_path / "wh" / "migdash.duckdb"
    swap_in(store, 1)
    done, rounds, seen, errors = threading.Event(), [0] * READERS, [], []

    def read(reader: int) -> None:
        while not done.is_set():
            try:
                queries.pin(store)  # one page run: two queries, the second never cached
                figures = queries.key_figures(store)
                runs = queries.refresh_runs(store, limit=1_000_000 + rounds[reader])
                seen.append((figures["members"], len(runs), int(runs["run_id"].max())))
            except Exception as error:  # a failed read is a finding: keep it, say what it was
                errors.append(repr(error))
            rounds[reader] += 1

    threads = [threading.Thread(target=read, args=(reader,)) for reader in range(READERS)]
    for thread in threads:
        thread.start()
    try:
        for number in range(2, SWAPS + 2):
            swap_in(store, number)
            started = list(rounds)  # let every reader start a run on this version before the next swap,
            deadline = time.monotonic() + WAIT_S  # so no run outlives KEEP_VERSIONS swaps
            while any(now < then + 2 for now, then in zip(rounds, started)) and time.monotonic() < deadline:
                time.sleep(0.005)
    finally:
        done.set()
        for thread in threads:
            thread.join(WAIT_S)
    assert errors == []
    torn = [read for read in seen if len(set(read)) != 1]
    assert torn == [] and len(seen) >= READERS * SWAPS
    assert {members for members, _, _ in seen} >= {SWAPS + 1}  # the last version was read too
    assert len(versions._OPEN[str(store)]) <= versions.KEEP_VERSIONS


def test_two_slow_reads_from_two_threads_are_inside_duckdb_at_once(tmp_path, monkeypatch: pytest.MonkeyPatch):
    store = tmp_path / "migdash.duckdb"
    swap_in(store, 3)
    both_inside = threading.Barrier(2, timeout=WAIT_S)  # broken, and the queries fail, if reads ran one by one
    monkeypatch.setitem(versions.QUERIES, "refresh_runs", slow_runs(both_inside))
    results: list[int] = []
    threads = [threading.Thread(target=lambda limit=limit: results.append(queries.refresh_runs(store, limit=limit)))
               for limit in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(WAIT_S * 2)
    assert results == [3, 3] and not both_inside.broken


def test_a_version_pushed_out_mid_read_finishes_the_read_then_closes(tmp_path, monkeypatch: pytest.MonkeyPatch):
    store = tmp_path / "migdash.duckdb"
    swap_in(store, 1)
    inside, release = threading.Event(), threading.Event()
    monkeypatch.setitem(versions.QUERIES, "refresh_runs", slow_runs(inside, release))
    version = queries.pin(store)
    old = versions._OPEN[str(store)][version]
    results: list[int] = []
    reader = threading.Thread(target=lambda: results.append(queries.refresh_runs(store, limit=1)))
    reader.start()
    assert inside.wait(WAIT_S)
    for number in range(2, versions.KEEP_VERSIONS + 3):  # the read's version is pushed out of the open ones
        swap_in(store, number)
        queries.pin(store)
    assert version not in versions._OPEN[str(store)] and old.retired
    assert old.con.execute("SELECT 1").fetchone() == (1,)  # still open: a read is using it
    release.set()
    reader.join(WAIT_S)
    assert results == [1]
    with pytest.raises(duckdb.ConnectionException):
        old.con.execute("SELECT 1")  # closed with its last read
    monkeypatch.undo()
    versions._RUN.pins = {str(store): version}  # a run still pinned to it reads the current version instead
    assert queries.key_figures(store)["members"] == versions.KEEP_VERSIONS + 2
