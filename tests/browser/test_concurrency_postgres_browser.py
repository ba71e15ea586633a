"""Twenty sessions across two replicas on one PostgreSQL warehouse while refreshes run, two killed mid-publish.

Each replica is its own Streamlit process; every page load must name a refresh and show that refresh's member
count (tools.visitors explains the two raw folders), and nothing a killed publish wrote may ever be served.
"""

import json
import subprocess
import threading
from contextlib import ExitStack

from scripts import postgres
from tools import visitors

REPLICAS = 2
SESSIONS = 20
LOADS_PER_SESSION = 1
REFRESHES = 4
KILL_EVERY = 2  # the second and the fourth refresh are killed while they copy rows into their new schema


def test_two_replicas_serve_whole_versions_while_publishes_run_and_die(postgres_store, tmp_path):
    assert visitors.CHROMIUM.exists(), "make test installs Debian's chromium"
    folders = visitors.raw_folders(tmp_path)
    first = subprocess.run(visitors.refresh_command(folders["a"], postgres_store), cwd=visitors.ROOT,
                           capture_output=True, text=True, check=True)
    expected = {json.loads(first.stdout)["run_id"]: visitors.members_of(postgres_store)}
    log = []
    with ExitStack() as servers:
        urls = [servers.enter_context(visitors.serve(postgres_store, tmp_path, f"replica-{number}")).url
                for number in range(REPLICAS)]
        done = threading.Event()
        refresher = threading.Thread(target=visitors.refresh_loop,
                                     args=(folders, postgres_store, REFRESHES, KILL_EVERY, expected, done, log,
                                           lambda: visitors.publishing(postgres_store)))
        refresher.start()
        observed, failures = visitors.visit(urls, SESSIONS, LOADS_PER_SESSION)
        refresher.join(timeout=600)
    assert done.is_set(), log
    assert sum("killed" in entry for entry in log) == 2, log
    assert failures == [], failures
    assert len(observed) == SESSIONS * LOADS_PER_SESSION
    assert visitors.torn_reads(observed, expected) == [], (expected, log)
    assert sorted(set(expected.values())) == [visitors.MEMBERS_IN_B, 175]
    with postgres.connect(postgres_store) as con:  # killed publishes left no schema behind
        schemas = {name for (name,) in con.execute("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'run\\_%'")}
        published = {name for (name,) in con.execute(f"SELECT schema_name FROM {postgres.CATALOG}.publications")}
    assert schemas == published == {f"run_{run}" for run in expected}
