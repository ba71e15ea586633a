"""Refreshes into PostgreSQL: the same tables as a DuckDB file, published in one transaction, one at a time."""

import shutil
import subprocess
import sys
import threading
import time

import duckdb
import psycopg
import pytest

from scripts import history, postgres, warehouse
from scripts.backend import PostgresStore
from scripts.cli import main
from scripts.refresh import DEMO_DIR, refresh
from scripts.schema import HISTORY_TABLES, TABLES
from tools import visitors

DATA_TABLES = [t for t in TABLES if t.name not in HISTORY_TABLES]


def served(store: PostgresStore) -> str:
    with postgres.connect(store) as con:
        return postgres.served(con)


def members(store: PostgresStore) -> int:
    with postgres.connect(store) as con:
        schema = postgres.served(con)
        return con.execute(f"SELECT count(*) FROM {schema}.member_states WHERE status = 'member'").fetchone()[0]


def run_schemas(store: PostgresStore) -> list[str]:
    with postgres.connect(store) as con:
        return [name for (name,) in con.execute("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'run\\_%'"
                                                " ORDER BY nspname").fetchall()]


def rows_in_postgres(store: PostgresStore) -> dict[str, list]:
    with postgres.connect(store) as con:
        schema = postgres.served(con)
        return {t.name: sorted(con.execute(f"SELECT {_columns(t)} FROM {schema}.{t.name}").fetchall(), key=repr)
                for t in DATA_TABLES}


def rows_in_duckdb(path) -> dict[str, list]:
    with duckdb.connect(str(path), read_only=True) as con:
        return {t.name: sorted(con.execute(f"SELECT {_columns(t)} FROM {t.name}").fetchall(), key=repr)
                for t in DATA_TABLES}


def _columns(table) -> str:
    return ", ".join(c for c in table.column_names if c != "ingested_at")


def test_a_refresh_into_postgresql_serves_the_same_rows_as_a_duckdb_file(postgres_store, demo_warehouse):
    refresh(DEMO_DIR, postgres_store)
    assert served(postgres_store) == "run_1"
    assert rows_in_postgres(postgres_store) == rows_in_duckdb(demo_warehouse)


def test_a_second_refresh_carries_history_over_and_serves_a_new_schema(postgres_store, tmp_path):
    folders = visitors.raw_folders(tmp_path)
    assert main(["refresh", "--raw", str(folders["a"]), "--warehouse", postgres_store.url, "--json"]) == 0
    first = refresh(folders["b"], postgres_store)
    assert (first.run_id, served(postgres_store), members(postgres_store)) == (2, "run_2", visitors.MEMBERS_IN_B)
    assert first.changes["member_states"]["removed"] == 183 - visitors.MEMBERS_IN_B  # members and observers
    with postgres.connect(postgres_store) as con:
        assert con.execute("SELECT run_id, status FROM run_2.load_runs ORDER BY 1").fetchall() == [(1, "ok"), (2, "ok")]
    assert run_schemas(postgres_store) == ["run_1", "run_2"]  # the first is kept for the grace period
    assert postgres.drop_replaced(postgres_store, grace_seconds=0) == ["run_1"]
    assert run_schemas(postgres_store) == ["run_2"] and members(postgres_store) == visitors.MEMBERS_IN_B



def test_a_refresh_after_one_that_left_a_table_empty_compares_and_publishes(postgres_store, tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(DEMO_DIR / "member_states.csv", raw / "member_states.csv")  # no missions, no events: empty tables
    assert refresh(raw, postgres_store).run_id == 1
    again = refresh(raw, postgres_store)
    assert (again.run_id, served(postgres_store)) == (2, "run_2")
    assert again.changes["events"] == {"added": 0, "removed": 0, "changed": 0}


KILL_MID_PUBLISH = """
import os, signal, sys
from pathlib import Path
from scripts import dialect
from scripts.backend import PostgresStore
from scripts.refresh import refresh
ddl = dialect.postgres_ddl
def dying(table, schema, collation):
    if table.name == "events":  # member_states and more are already copied into the new schema
        os.kill(os.getpid(), signal.SIGKILL)
    return ddl(table, schema, collation)
dialect.postgres_ddl = dying
refresh(Path(sys.argv[1]), PostgresStore(sys.argv[2]))
"""


def test_a_refresh_killed_mid_publish_leaves_the_previous_data_served(postgres_store, tmp_path):
    folders = visitors.raw_folders(tmp_path)
    refresh(folders["a"], postgres_store)
    killed = subprocess.run([sys.executable, "-c", KILL_MID_PUBLISH, str(folders["b"]), postgres_store.url],
                            cwd=visitors.ROOT, capture_output=True, text=True)
    assert killed.returncode == -9, killed.stderr
    assert (served(postgres_store), members(postgres_store), run_schemas(postgres_store)) == ("run_1", 175, ["run_1"])
    assert refresh(folders["b"], postgres_store).run_id == 2
    assert members(postgres_store) == visitors.MEMBERS_IN_B


def test_a_failed_refresh_is_logged_in_the_database_and_recorded_by_the_next(postgres_store, tmp_path):
    refresh(DEMO_DIR, postgres_store)
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "events.xls").write_bytes(b"not excel")
    assert main(["refresh", "--raw", str(bad), "--warehouse", postgres_store.url]) == 2
    assert [run["run_id"] for run in history.logged_failures(postgres_store)] == [2]
    assert served(postgres_store) == "run_1"
    assert refresh(DEMO_DIR, postgres_store).run_id == 3
    assert history.logged_failures(postgres_store) == []
    with postgres.connect(postgres_store) as con:
        assert con.execute("SELECT run_id, status FROM run_3.load_runs ORDER BY 1").fetchall() == [
            (1, "ok"), (2, "failed"), (3, "ok")]


def test_a_second_refresh_waits_for_the_first_and_never_interleaves(postgres_store):
    reports = []
    with psycopg.connect(postgres_store.url, autocommit=True) as holder:
        holder.execute("SELECT pg_advisory_lock(%s)", [postgres.LOCK_KEY])  # as a refresh running elsewhere
        waiting = threading.Thread(target=lambda: reports.append(refresh(DEMO_DIR, postgres_store)))
        waiting.start()
        time.sleep(3)
        assert waiting.is_alive() and not reports and run_schemas(postgres_store) == []
        holder.execute("SELECT pg_advisory_unlock(%s)", [postgres.LOCK_KEY])
        waiting.join(timeout=300)
    assert [report.run_id for report in reports] == [1] and served(postgres_store) == "run_1"


def test_an_unreachable_database_is_unusable_input_and_names_no_password(capsys, tmp_path):
    url = f"postgresql://analyst:hunter2@127.0.0.1:{visitors._free_port()}/migdash"
    assert main(["refresh", "--raw", str(DEMO_DIR), "--warehouse", url]) == 2
    err = capsys.readouterr().err
    assert "the database cannot be reached" in err and "hunter2" not in err and "analyst:***@" in err
    with pytest.raises(Exception, match="cannot be reached"):
        with warehouse.exclusive(PostgresStore(url)):
            pass
