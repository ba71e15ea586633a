"""Eight sessions read the Overview while refreshes run (two killed half-way): no failed load, no torn read.

Every page names its refresh and shows that refresh's member count (tools.visitors explains the two raw folders).
Afterwards the store must equal a clean refresh of the same files.
"""

import json
import subprocess
import threading
from pathlib import Path

import duckdb

from scripts.schema import HISTORY_TABLES, TABLES
from tools import visitors

SESSIONS = 8  # make bench runs twenty beside a CPU hog; here the suite's time budget rules
LOADS_PER_SESSION = 2
REFRESHES = 4
KILL_EVERY = 2  # the second and the fourth refresh are killed half-way


def data_tables(store: Path) -> dict[str, list]:
    """Every non-history table, rows sorted, first-seen times left out."""
    with duckdb.connect(str(store), read_only=True) as con:
        return {t.name: con.execute(f"SELECT {', '.join(c for c in t.column_names if c != 'ingested_at')} "
                                    f"FROM {t.name} ORDER BY ALL").fetchall()
                for t in TABLES if t.name not in HISTORY_TABLES}


def test_sessions_read_whole_versions_while_refreshes_run_and_die(tmp_path):
    assert visitors.CHROMIUM.exists(), "make test installs Debian's chromium"
    folders = visitors.raw_folders(tmp_path)
    store = tmp_path / "wh" / "migdash.duckdb"
    first = subprocess.run(visitors.refresh_command(folders["a"], store), cwd=visitors.ROOT, capture_output=True,
                           text=True)
    expected = {json.loads(first.stdout)["run_id"]: visitors.members_of(store)}
    log = []
    with visitors.serve(store, tmp_path) as server:
        done = threading.Event()
        refresher = threading.Thread(target=visitors.refresh_loop,
                                     args=(folders, store, REFRESHES, KILL_EVERY, expected, done, log))
        refresher.start()
        observed, failures = visitors.visit(server.url, SESSIONS, LOADS_PER_SESSION)
        refresher.join(timeout=600)
    assert done.is_set(), log
    assert failures == [], failures
    assert len(observed) == SESSIONS * LOADS_PER_SESSION
    assert visitors.torn_reads(observed, expected) == [], (expected, log)
    last = log[-1]  # the folder of the last refresh that completed
    clean = tmp_path / "clean.duckdb"
    subprocess.run(visitors.refresh_command(folders[last], clean), cwd=visitors.ROOT, check=True, capture_output=True)
    assert data_tables(store) == data_tables(clean)
    assert sorted(set(expected.values())) == [visitors.MEMBERS_IN_B, 175]
