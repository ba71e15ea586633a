"""The fault corpus beside the bad-input table (the README lists every kind).

Torn and garbage versions of each file migdash writes and reads back, odd encodings and delimiters of each
file an analyst edits, empty and header-only files of each kind, file names that are not UTF-8, several
unusable files at once, and many failed refreshes in a row. Every case: the refresh exits 0, 1 or 2 with a
named reason, never a traceback; the next good refresh succeeds; the Data quality page renders.
"""

import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
from page_app import open_app
from streamlit.testing.v1 import AppTest

from scripts import defects, history
from scripts.cli import main
from scripts.refresh import LOADERS

HEADER = "event_id,title,event_type,start_date,end_date,country\n"
GOOD = HEADER + "G1,Good workshop,workshop,2019-05-01,2019-05-02,Senegal\nG2,Good meeting,meeting,2020-02-03,,Mali\n"
ACCENTED = "A1;Atelier régional à Thiès;atelier;2019-03-04;;Sénégal\n"
SEMICOLONS = HEADER.replace(",", ";")
RELEASE = ("Dakar, 5 May 2023 - Officials from Senegal and Mali met in Dakar from 3 to 4 May 2023 for a "
           "workshop on migration data organized by IOM.\n")
OVERRIDES = "press/overrides.csv"


@dataclass(frozen=True)
class Fault:
    name: str
    damage: Callable[[Path, Path], None]  # (raw folder, store) -> None
    exit_code: int
    said: str = ""        # words the fatal reason must contain (exit 2), or a warning code the report must hold
    loaded: tuple[str, ...] = ()  # event ids that must load


def write(relative: str, content: str, encoding: str = "utf-8") -> Callable[[Path, Path], None]:
    return lambda raw, store: _put(raw / relative, content.encode(encoding))


def write_bytes(relative: bytes, content: bytes) -> Callable[[Path, Path], None]:
    """A file whose name is raw bytes (not necessarily UTF-8)."""
    return lambda raw, store: _put(Path(os.fsdecode(os.fsencode(raw) + b"/" + relative)), content)


def _put(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)


def beside_store(suffix: str, content: bytes) -> Callable[[Path, Path], None]:
    return lambda raw, store: store.with_name(store.name + suffix).write_bytes(content)


def store_bytes(change: Callable[[bytes], bytes]) -> Callable[[Path, Path], None]:
    return lambda raw, store: store.write_bytes(change(store.read_bytes()))


def both(*damages: Callable[[Path, Path], None]) -> Callable[[Path, Path], None]:
    return lambda raw, store: [damage(raw, store) for damage in damages] and None


def with_release(damage: Callable[[Path, Path], None]) -> Callable[[Path, Path], None]:
    """The damage beside one good press release (overrides are read when there are releases)."""
    return both(write("press/dakar.txt", RELEASE), damage)


GARBAGE = bytes(range(256)) * 40
WRITTEN = [  # files migdash writes and reads back
    Fault("store replaced by garbage", store_bytes(lambda data: GARBAGE), 0, "unreadable-previous-store"),
    Fault("store torn (second half lost)", store_bytes(lambda data: data[: len(data) // 2]), 0,
          "unreadable-previous-store"),
    Fault("store emptied (0 bytes)", store_bytes(lambda data: b""), 0, "unreadable-previous-store"),
    Fault("store's WAL left as garbage", beside_store(".wal", GARBAGE), 0),
    Fault("failure log torn mid-line", beside_store(".failed.jsonl", b'{"run_id": 7, "started_at": "2026-0'), 0),
    Fault("failure log replaced by garbage", beside_store(".failed.jsonl", GARBAGE), 0),
    Fault("failure log with valid JSON of the wrong shape", beside_store(".failed.jsonl", b'[1, 2]\n{"run_id": "x"}\n'),
          0),
    Fault("refresh lock holding garbage", beside_store(".lock", GARBAGE), 0),
    Fault("failure log replaced by a folder", lambda raw, store: store.with_name(store.name + ".failed.jsonl").mkdir(),
          0),
    Fault("defect log replaced by a folder", lambda raw, store: store.with_name(store.name + ".defects.log").mkdir(),
          0),
    Fault("half-built store left by a killed refresh", lambda raw, store: store.with_name(
        f".{store.name}.building-999999").write_bytes(GARBAGE), 0),
    Fault("defect log holding garbage", beside_store(".defects.log", GARBAGE), 0),
]
EDITED = [  # files an analyst edits, and their names
    Fault("events in UTF-16 with BOM", write("events_utf16.csv", HEADER + "U1,Réunion,meeting,2019-01-01,,Tchad\n",
                                             "utf-16"), 0, loaded=("U1",)),
    Fault("events in Windows-1252 with semicolons (French Excel)", write("events_excel.csv", SEMICOLONS + ACCENTED,
                                                                         "cp1252"), 0, loaded=("A1",)),
    Fault("events tab-separated in Latin-1", write("events_tabs.tsv", (SEMICOLONS + ACCENTED).replace(";", "\t"),
                                                   "latin-1"), 0, loaded=("A1",)),
    Fault("events with old Mac line ends", write("events_mac.csv", (HEADER + "C1,Mac,meeting,2019-01-01,,Chad\n")
                                                 .replace("\n", "\r")), 0, loaded=("C1",)),
    Fault("member states in Windows-1252 with semicolons", write(
        "member_states_excel.csv", "country;status\nCôte d'Ivoire;member\n", "cp1252"), 0),
    Fault("missions header only", write("missions_empty.csv", "country;office_type;city\n"), 0),
    Fault("member states header only", write("member_states_empty.csv", "country,status\n"), 0),
    Fault("empty member states file", write("member_states_none.csv", ""), 2, "empty"),
    Fault("empty missions file", write("missions_none.csv", ""), 2, "empty"),
    Fault("overrides in Windows-1252 with semicolons", with_release(write(
        OVERRIDES, "event_id;field;value\npress-000000000000;city;Thiès\n", "cp1252")), 0, "unknown-override"),
    Fault("overrides in UTF-16", with_release(write(OVERRIDES, "event_id\tfield\tvalue\nx\tcity\tDakar\n", "utf-16")),
          0, "unknown-override"),
    Fault("overrides with French headers", with_release(write(OVERRIDES, "identifiant,champ,valeur\nx,ville,Dakar\n")),
          0, "unknown-override-field"),
    Fault("overrides naming a misspelled field", with_release(write(OVERRIDES, "event_id,field,value\nx,contry,SEN\n")),
          0, "unknown-override-field"),
    Fault("overrides with a misspelled header", with_release(write(OVERRIDES, "event_id,feild,value\nx,city,Dakar\n")),
          2, "field"),
    Fault("overrides header only", with_release(write(OVERRIDES, "event_id,field,value\n")), 0),
    Fault("overrides empty", with_release(write(OVERRIDES, "")), 2, "empty"),
    Fault("overrides replaced by garbage", with_release(write_bytes(b"press/overrides.csv", GARBAGE)), 2, "binary"),
    Fault("press release in UTF-16", write("press/utf16.txt", RELEASE, "utf-16"), 0),
    Fault("press release in Windows-1252", write("press/cp1252.txt", RELEASE.replace("Dakar", "Thiès"), "cp1252"), 0),
    Fault("empty press release", write("press/empty.txt", ""), 0),
    Fault("events file name not UTF-8", write_bytes(b"events_\xe9t\xe9.csv", (HEADER + "N1,Name,meeting,2019-01-01,,"
                                                                              "Chad\n").encode()),
          0, "file-name-not-utf8", loaded=("N1",)),
    Fault("press file name not UTF-8", write_bytes(b"press/r\xe9union.txt", RELEASE.encode()), 0, "file-name-not-utf8"),
    Fault("ignored file name not UTF-8", write_bytes(b"notes_\xe9.csv", b"anything"), 0),
    Fault("unusable file name not UTF-8", write_bytes(b"events_\xe9.csv", b""), 2, "empty"),
    Fault("file name with a newline and a terminal escape", write("events_a\nb\x1b[31m.csv", HEADER), 0),
]
FAULTS = WRITTEN + EDITED


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store after one good refresh of GOOD, to copy into each case."""
    folder = tmp_path_factory.mktemp("template")
    (folder / "raw").mkdir()
    (folder / "raw" / "events_good.csv").write_text(GOOD, encoding="utf-8")
    assert main(["refresh", "--raw", str(folder / "raw"), "--warehouse", str(folder / "migdash.duckdb")]) == 0
    return folder


@pytest.fixture
def site(template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    raw, store = tmp_path / "raw", tmp_path / "wh" / "migdash.duckdb"
    shutil.copytree(template / "raw", raw)
    store.parent.mkdir()
    shutil.copy(template / "migdash.duckdb", store)
    monkeypatch.setenv("MIGDASH_WAREHOUSE", str(store))
    return raw, store


def refresh(raw: Path, store: Path, capsys: pytest.CaptureFixture) -> tuple[int, dict]:
    capsys.readouterr()
    code = main(["refresh", "--raw", str(raw), "--warehouse", str(store), "--json"])
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    return code, json.loads(out.out)


def assert_recovers(raw: Path, store: Path, capsys: pytest.CaptureFixture) -> None:
    """With the raw folder good again, a refresh succeeds and the Data quality page renders."""
    shutil.rmtree(raw)
    raw.mkdir()
    (raw / "events_good.csv").write_text(GOOD, encoding="utf-8")
    code, report = refresh(raw, store, capsys)
    assert code == 0 and report["status"] == "ok"
    page = open_app("data_quality")
    assert page.title[0].value == "Data quality"
    assert not page.error


@pytest.mark.parametrize("fault", FAULTS, ids=[fault.name for fault in FAULTS])
def test_a_fault_gets_a_named_outcome_and_the_next_good_refresh_succeeds(fault, site, capsys):
    raw, store = site
    fault.damage(raw, store)
    code, report = refresh(raw, store, capsys)
    assert code == fault.exit_code, report
    if code == 2:
        assert report["status"] == "failed" and fault.said in report["reason"].lower()
    else:
        warnings = {rejection["code"] for rejection in report["rejections"]}
        assert not fault.said or fault.said in warnings, warnings
        with duckdb.connect(str(store), read_only=True) as con:
            ids = {event_id for (event_id,) in con.execute("SELECT event_id FROM events").fetchall()}
        assert {"G1", "G2", *fault.loaded} <= ids
    assert_recovers(raw, store, capsys)


def test_an_unreadable_store_is_set_aside_not_overwritten(site, capsys):
    raw, store = site
    store.write_bytes(GARBAGE)
    code, report = refresh(raw, store, capsys)
    kept = next(r["value"] for r in report["rejections"] if r["code"] == "unreadable-previous-store")
    assert code == 0 and (store.parent / kept).read_bytes() == GARBAGE


def test_only_the_newest_unreadable_stores_are_kept(site, capsys):
    raw, store = site
    for _ in range(5):
        store.write_bytes(GARBAGE)
        assert refresh(raw, store, capsys)[0] == 0
    assert len(list(store.parent.glob(store.name + ".unreadable-*"))) == 3


def test_a_stale_wal_is_not_replayed_into_the_next_store(site, capsys):
    raw, store = site
    with duckdb.connect(str(store.with_name("other.duckdb"))) as con:  # a real WAL of another database
        con.execute("SET checkpoint_threshold = '1GB'")
        con.execute("CREATE TABLE events AS SELECT 'intruder' AS event_id")
        shutil.copy(store.with_name("other.duckdb.wal"), store.with_name(store.name + ".wal"))
    assert refresh(raw, store, capsys)[0] == 0
    assert not store.with_name(store.name + ".wal").exists()
    with duckdb.connect(str(store), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM events WHERE event_id = 'intruder'").fetchone()[0] == 0


def test_every_unusable_file_of_a_run_is_named_in_one_report(site, capsys):
    raw, store = site
    (raw / "events_empty.csv").write_text("")
    (raw / "events_quote.csv").write_text(HEADER + 'Q1,"never closed,meeting,2019-01-01,,Chad\n')
    (raw / "press").mkdir()
    (raw / "press" / "dakar.txt").write_text(RELEASE)
    (raw / "press" / "overrides.csv").write_text("event_id,feild,value\n")
    code, report = refresh(raw, store, capsys)
    assert code == 2
    named = {Path(problem["file"]).name: problem["reason"] for problem in report["unusable"]}
    assert set(named) == {"events_empty.csv", "events_quote.csv", "overrides.csv"}
    assert "empty" in named["events_empty.csv"] and "quote" in named["events_quote.csv"]
    failure = history.logged_failures(store)[-1]["message"]
    assert all(name in failure for name in named)
    code = main(["refresh", "--raw", str(raw), "--warehouse", str(store)])
    err = capsys.readouterr().err
    assert code == 2 and "3 unusable input files" in err and all(name in err for name in named)


def test_many_failed_refreshes_in_a_row_then_a_good_one(site, capsys):
    raw, store = site
    (raw / "events_empty.csv").write_text("")
    for _ in range(14):
        assert refresh(raw, store, capsys)[0] == 2
    assert open_app("data_quality").title[0].value == "Data quality"
    assert_recovers(raw, store, capsys)
    with duckdb.connect(str(store), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM load_runs WHERE status = 'failed'").fetchone()[0] == 14


def test_a_defect_keeps_its_traceback_and_prints_it_on_request(site, capsys, monkeypatch):
    raw, store = site

    def broken(*args):
        raise RuntimeError("a planted defect")

    monkeypatch.setitem(LOADERS, "events", broken)
    assert main(["refresh", "--raw", str(raw), "--warehouse", str(store)]) == 3
    err = capsys.readouterr().err
    assert "Traceback" not in err and "a planted defect" in err and "--traceback" in err
    log = defects.defects_path(store).read_text()
    assert "Traceback (most recent call last)" in log and "a planted defect" in log
    assert main(["refresh", "--raw", str(raw), "--warehouse", str(store), "--traceback"]) == 3
    assert "Traceback (most recent call last)" in capsys.readouterr().err


def test_a_store_torn_under_the_dashboard_gives_a_sentence_and_a_logged_traceback(site):
    raw, store = site
    store.write_bytes(store.read_bytes()[: store.stat().st_size * 2 // 3])
    app = AppTest.from_file(str(Path(__file__).parents[1] / "dashboard" / "app.py"), default_timeout=60)
    app.query_params["lang"] = "fr"
    app.run()
    assert not app.exception
    assert "erreur interne" in app.error[0].value
    assert "Traceback (most recent call last)" in defects.defects_path(store).read_text()


def test_names_reach_the_screen_printable(site, capsys):
    raw, store = site
    (raw / "events_a\nb\x1b[31m.csv").write_text("")
    assert main(["refresh", "--raw", str(raw), "--warehouse", str(store)]) == 2
    err = capsys.readouterr().err
    assert "events_a\\x0ab\\x1b[31m.csv: empty file" in err and "\x1b" not in err


@pytest.mark.parametrize("where", ["folder", "under a file"])
def test_a_warehouse_path_that_cannot_hold_a_store_is_refused_and_touched_nowhere(where, site, capsys):
    raw, store = site
    target = store.parent / "folder" if where == "folder" else raw / "events_good.csv" / "migdash.duckdb"
    if where == "folder":
        (target / "keep.txt").parent.mkdir()
        (target / "keep.txt").write_text("mine")
    code, report = refresh(raw, target, capsys)
    assert code == 2 and report["file"] == str(target)
    assert where != "folder" or (target / "keep.txt").read_text() == "mine"
    assert (raw / "events_good.csv").read_text() == GOOD


def test_a_raw_path_that_is_a_file_is_named_as_such(site, capsys):
    raw, store = site
    code, report = refresh(raw / "events_good.csv", store, capsys)
    assert code == 2 and "not a folder" in report["reason"]
