"""The refresh end to end on small raw folders built here, with the real DuckDB file."""

import hashlib
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import duckdb
import pytest

from scripts import backend, warehouse
from scripts.cli import main
from scripts.refresh import DEMO_DIR, RAW_DIR, refresh
from scripts.report import UnusableInput
from scripts.schema import HISTORY_TABLES, TABLES

TODAY = date(2026, 11, 29)
EVENTS_HEADER = "event_id,title,event_type,themes,start_date,end_date,city,country,participants,organizations\n"


def write(folder: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding=encoding)
    return path


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    """A small, valid raw folder: two members, one mission, three events."""
    folder = tmp_path / "raw"
    write(folder, "member_states.csv", "country,status,admitted_year,source\n"
                                       "Tchad,membre,,test\nMexico,member,,test\nMalaysia,observer,,test\n")
    write(folder, "missions.csv", "country,office_type,city,opened,source\nChad,country,N'Djamena,,test\n")
    write(folder, "events_a.csv", EVENTS_HEADER +
          "E1,Atelier sur la traite,atelier,lutte contre la traite,18/08/2015,20/08/2015,N'Djamena,Tchad,"
          "Niger;Cameroun;Tchad,OIM;CEDEAO\n"
          "E2,Regional workshop on labour migration,workshop,labour-migration,2016-03-05,,Mexico City,Mexico,"
          "Guatemala;Honduras,IOM\n"
          ",Taller regional,taller,,5 de marzo de 2016,,,América del Sur,Peru;Chile,ACNUR\n")
    return folder


def store_of(tmp_path: Path) -> Path:
    return tmp_path / "wh" / "migdash.duckdb"


def rows(store: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(store), read_only=True) as con:
        return con.execute(sql).fetchall()


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_refresh_normalizes_multilingual_values(raw, tmp_path):
    store = store_of(tmp_path)
    report = refresh(raw, store, today=TODAY)
    assert report.rows_rejected == 0, report.flat()
    assert rows(store, "SELECT iso3, status FROM member_states ORDER BY iso3") == [
        ("MEX", "member"), ("MYS", "observer"), ("TCD", "member")]
    assert rows(store, "SELECT event_id, start_date, end_date, iso3, event_type, themes FROM events "
                       "WHERE event_id = 'E1'") == [
        ("E1", date(2015, 8, 18), date(2015, 8, 20), "TCD", "workshop", ["counter-trafficking"])]
    assert rows(store, "SELECT iso3, role FROM event_countries WHERE event_id = 'E1' ORDER BY iso3") == [
        ("CMR", "participant"), ("NER", "participant"), ("TCD", "host")]
    assert rows(store, "SELECT org_id FROM event_organizations WHERE event_id = 'E1' ORDER BY 1") == [
        ("ECOWAS",), ("IOM",)]
    region_only = rows(store, "SELECT iso3, region_scope, start_date, lang FROM events WHERE title = 'Taller regional'")
    assert region_only[0][0] is None and region_only[0][1] and region_only[0][2] == date(2016, 3, 5)
    assert region_only[0][3] == "es"


def test_missions_are_placed_at_their_city(raw, tmp_path):
    store = store_of(tmp_path)
    refresh(raw, store, today=TODAY)
    (iso3, lat, lon, precision, office), = rows(store, "SELECT iso3, lat, lon, geo_precision, office_id FROM missions")
    assert (iso3, precision, office) == ("TCD", "city", "RO_DKR")
    assert 11 < lat < 13 and 14 < lon < 16  # N'Djamena


def test_bad_rows_are_rejected_with_row_numbers_and_reasons(raw, tmp_path):
    write(raw, "events_bad.csv", EVENTS_HEADER +
          "B1,Good one,meeting,,2019-01-10,2019-01-11,,Senegal,,\n"
          "B2,Unknown host,meeting,,2019-01-10,,,Atlantide,,\n"
          "B3,Impossible date,meeting,,31/02/2019,,,Senegal,,\n"
          "B4,Backwards,meeting,,2019-05-10,2019-05-01,,Senegal,,\n"
          "B5,,meeting,,2019-05-10,,,Senegal,,\n"
          "B1,Same id again,meeting,,2019-06-10,,,Senegal,,\n"
          "B7,Too early,meeting,,1920-01-01,,,Senegal,Narnia,UNKNOWNORG\n")
    report = refresh(raw, store_of(tmp_path), today=TODAY)
    errors = [r for r in report.flat() if r[0] == "events_bad.csv"]
    assert errors == [
        ["events_bad.csv", 3, "country", "unknown-country"],
        ["events_bad.csv", 4, "start_date", "bad-date"],
        ["events_bad.csv", 5, "end_date", "end-before-start"],
        ["events_bad.csv", 6, "title", "missing-value"],
        ["events_bad.csv", 7, "event_id", "duplicate-key"],
        ["events_bad.csv", 8, "organizations", "unknown-organization"],
        ["events_bad.csv", 8, "participants", "unknown-country"],
        ["events_bad.csv", 8, "start_date", "implausible-date"],
    ]
    bad_file = next(f for f in report.files if f.source_file == "events_bad.csv")
    assert (bad_file.rows_read, bad_file.rows_loaded, bad_file.rows_rejected) == (7, 1, 6)
    stored = rows(store_of(tmp_path), "SELECT row_number, code, severity, message FROM rejections "
                                      "WHERE source_file = 'events_bad.csv' AND row_number = 3")
    assert stored == [(3, "unknown-country", "error", "'Atlantide' is not a country we know")]


def test_ambiguous_day_order_is_reported_not_guessed(raw, tmp_path):
    write(raw, "events_us.csv", EVENTS_HEADER + "U1,One,meeting,,03/04/2019,,,Senegal,,\n"
                                                "U2,Two,meeting,,05/06/2019,,,Senegal,,\n")
    report = refresh(raw, store_of(tmp_path), today=TODAY)
    assert [r for r in report.flat() if r[0] == "events_us.csv"] == [
        ["events_us.csv", 2, "start_date", "ambiguous-date-order"],
        ["events_us.csv", 3, "start_date", "ambiguous-date-order"]]


def test_month_first_column_is_detected(raw, tmp_path):
    write(raw, "events_us.csv", EVENTS_HEADER + "U1,One,meeting,,03/04/2019,,,Senegal,,\n"
                                                "U2,Two,meeting,,12/31/2019,,,Senegal,,\n")
    refresh(raw, store_of(tmp_path), today=TODAY)
    assert rows(store_of(tmp_path), "SELECT start_date FROM events WHERE event_id = 'U1'") == [(date(2019, 3, 4),)]


def test_fatal_input_exits_2_and_leaves_warehouse_byte_for_byte(raw, tmp_path, capsys):
    store = store_of(tmp_path)
    assert main(["refresh", "--raw", str(raw), "--warehouse", str(store)]) == 0
    before = sha(store)
    (raw / "events_broken.csv").write_bytes(b"\x00\x01\x02PK\x03\x04" * 100)
    assert main(["refresh", "--raw", str(raw), "--warehouse", str(store)]) == 2
    assert "events_broken.csv" in capsys.readouterr().err
    assert sha(store) == before
    assert not list(store.parent.glob(".*building*"))
    (raw / "events_broken.csv").unlink()
    assert main(["refresh", "--raw", str(raw), "--warehouse", str(store)]) == 0
    assert rows(store, "SELECT run_id, status FROM load_runs ORDER BY run_id") == [
        (1, "ok"), (2, "failed"), (3, "ok")]


def test_crash_while_building_leaves_previous_warehouse(raw, tmp_path):
    store = store_of(tmp_path)
    refresh(raw, store, today=TODAY)
    before = sha(store)
    with pytest.raises(RuntimeError):
        with warehouse.rebuild(store) as con:
            con.execute("INSERT INTO load_runs VALUES (99, now(), now(), 'ok', NULL, 0, 0, 0, NULL)")
            raise RuntimeError("crash")
    assert sha(store) == before
    assert sorted(p.name for p in store.parent.iterdir()) == ["migdash.duckdb", "migdash.duckdb.lock"]


def test_killed_refresh_leaves_previous_warehouse(raw, tmp_path):
    store = store_of(tmp_path)
    refresh(raw, store, today=TODAY)
    before = sha(store)
    killer = ("import os, signal, sys; from pathlib import Path; from scripts import warehouse\n"
              "with warehouse.rebuild(Path(sys.argv[1])) as con:\n"
              "    con.execute('CREATE TABLE filler AS SELECT range AS i FROM range(100000)')\n"
              "    os.kill(os.getpid(), signal.SIGKILL)\n")
    done = subprocess.run([sys.executable, "-c", killer, str(store)], cwd=Path(__file__).parents[1])
    assert done.returncode == -9
    assert sha(store) == before
    refresh(raw, store, today=TODAY)
    assert not list(store.parent.glob(".*building*"))


def test_refreshing_twice_gives_identical_tables(raw, tmp_path):
    store = store_of(tmp_path)
    refresh(raw, store, today=TODAY)
    data_tables = [t.name for t in TABLES if t.name not in HISTORY_TABLES]
    first = {t: rows(store, f"SELECT * FROM {t} ORDER BY ALL") for t in data_tables}
    report = refresh(raw, store, today=TODAY)
    assert {t: rows(store, f"SELECT * FROM {t} ORDER BY ALL") for t in data_tables} == first
    unchanged = {"added": 0, "removed": 0, "changed": 0}
    assert report.changes == dict.fromkeys(("member_states", "missions", "events"), unchanged)


def test_report_says_what_changed(raw, tmp_path):
    store = store_of(tmp_path)
    refresh(raw, store, today=TODAY)
    path = raw / "events_a.csv"
    path.write_text(path.read_text().replace("Regional workshop on labour migration", "Labour migration workshop")
                    + "E9,New event,meeting,,2020-01-01,,,Senegal,,\n")
    report = refresh(raw, store, today=TODAY)
    assert report.changes["events"] == {"added": 1, "removed": 0, "changed": 1}
    assert len(rows(store, "SELECT DISTINCT run_id FROM load_files")) == 2


def test_event_ids_are_stable_without_source_ids(raw, tmp_path):
    store = store_of(tmp_path)
    refresh(raw, store, today=TODAY)
    first = rows(store, "SELECT event_id FROM events WHERE title = 'Taller regional'")
    (raw / "events_a.csv").rename(raw / "events_renamed.csv")
    refresh(raw, store, today=TODAY)
    assert rows(store, "SELECT event_id FROM events WHERE title = 'Taller regional'") == first
    assert first[0][0].startswith("ev-")


def test_french_cp1252_semicolon_file_loads(raw, tmp_path):
    write(raw, "events_fr.csv", "titre;type;date de début;date de fin;ville;pays;pays participants\n"
                                "Réunion régionale;réunion;18 août 2015;20 août 2015;Dakar;Sénégal;\"Mali;Gambie\"\n",
          encoding="cp1252")
    refresh(raw, store_of(tmp_path), today=TODAY)
    assert rows(store_of(tmp_path), "SELECT title, start_date, iso3, lang FROM events WHERE title LIKE 'Réunion%'") == [
        ("Réunion régionale", date(2015, 8, 18), "SEN", "fr")]


def test_strict_exits_1_when_rows_are_rejected(raw, tmp_path):
    write(raw, "events_bad.csv", EVENTS_HEADER + "X1,Unknown host,meeting,,2019-01-10,,,Atlantide,,\n")
    args = ["refresh", "--raw", str(raw), "--warehouse", str(store_of(tmp_path))]
    assert main(args) == 0
    assert main([*args, "--strict"]) == 1


def test_shipped_data_is_real_and_loads_whole(tmp_path):
    store = store_of(tmp_path)
    report = refresh(RAW_DIR, store)
    assert rows(store, "SELECT status, count(*) FROM member_states GROUP BY 1 ORDER BY 1") == [
        ("member", 175), ("observer", 8)]
    assert report.table_counts["missions"] >= 150
    assert report.table_counts["events"] >= 150
    assert [r for r in report.rejections if r.severity == "error"] == []
    assert rows(store, "SELECT count(*) FROM events WHERE is_sample OR source_url IS NULL") == [(0,)]


def test_demo_data_loads_with_its_planted_errors(tmp_path):
    report = refresh(DEMO_DIR, store_of(tmp_path))
    assert report.table_counts["events"] >= 300
    rejected = {(r.source_file, r.code) for r in report.rejections if r.severity == "error"}
    assert rejected and all(not f.startswith(("member_states", "missions")) for f, _ in rejected)


def test_unusable_raw_folder_is_an_error(tmp_path):
    with pytest.raises(UnusableInput):
        refresh(tmp_path / "missing", store_of(tmp_path))


def test_countries_resolve_prints_tab_separated_lines(capsys):
    assert main(["countries", "resolve", "Tchad", "Atlantide"]) == 0
    assert capsys.readouterr().out.splitlines() == ["Tchad\tTCD\texact", "Atlantide\t-\tnot-found"]


def test_warehouse_env_var_selects_the_store(monkeypatch, tmp_path):
    monkeypatch.setenv("MIGDASH_WAREHOUSE", str(tmp_path / "elsewhere.duckdb"))
    assert backend.locate() == tmp_path / "elsewhere.duckdb"
    assert backend.locate(tmp_path / "x.duckdb") == tmp_path / "x.duckdb"
    assert os.environ["MIGDASH_WAREHOUSE"]


def test_a_postgresql_url_selects_the_database_and_creates_no_folder(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MIGDASH_WAREHOUSE", "postgresql://analyst:secret@db.example:5433/migdash")
    store = backend.locate()
    assert backend.is_postgres(store) and store.url == "postgresql://analyst:secret@db.example:5433/migdash"
    assert str(store) == "postgresql://analyst:***@db.example:5433/migdash"
    assert store.name == "postgres-db.example-5433-migdash" and "secret" not in str(store.with_name("x.log"))
    assert store.with_name("x.log") == backend.DEFAULT_PATH.parent / "postgres-db.example-5433-migdash" / "x.log"
    assert backend.is_postgres(backend.locate("postgres://localhost/other"))
    assert list(tmp_path.iterdir()) == []


def test_the_secrets_file_names_the_store_when_the_environment_does_not(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("MIGDASH_WAREHOUSE", raising=False)
    (tmp_path / ".streamlit").mkdir()
    (tmp_path / ".streamlit" / "secrets.toml").write_text('MIGDASH_WAREHOUSE = "postgresql://team@db/migdash"\n')
    assert backend.locate() == backend.PostgresStore("postgresql://team@db/migdash")
    assert backend.locate(tmp_path / "mine.duckdb") == tmp_path / "mine.duckdb"


def test_row_with_extra_fields_is_rejected_not_lost(raw, tmp_path):
    write(raw, "events_extra.csv", EVENTS_HEADER + "M1,Fine,meeting,,2019-01-10,,,Senegal,,\n"
                                                   "M2,Unquoted, comma,meeting,,2019-01-10,,,Senegal,,IOM\n")
    report = refresh(raw, store_of(tmp_path), today=TODAY)
    assert [r for r in report.flat() if r[0] == "events_extra.csv"] == [["events_extra.csv", 3, None, "malformed-row"]]
    extra = next(f for f in report.files if f.source_file == "events_extra.csv")
    assert (extra.rows_read, extra.rows_loaded, extra.rows_rejected) == (2, 1, 1)


def test_table_keys_are_unique_after_refresh(raw, tmp_path):
    store = store_of(tmp_path)
    refresh(raw, store, today=TODAY)
    refresh(raw, store, today=TODAY)
    for table in TABLES:
        if table.key:
            keys = ", ".join(table.key)
            assert rows(store, f"SELECT {keys}, count(*) FROM {table.name} GROUP BY ALL HAVING count(*) > 1") == []


def test_a_date_range_in_the_start_column_gives_start_and_end(raw, tmp_path):
    write(raw, "events_ranges.csv", "titre,date,pays\nAtelier,du 18 au 20 août 2015,Sénégal\n")
    refresh(raw, store_of(tmp_path), today=TODAY)
    assert rows(store_of(tmp_path), "SELECT start_date, end_date FROM events WHERE title = 'Atelier'") == [
        (date(2015, 8, 18), date(2015, 8, 20))]


def test_a_folder_with_only_events_loads(tmp_path):
    raw = tmp_path / "only"
    write(raw, "events.csv", EVENTS_HEADER + "O1,Only,meeting,,2019-01-10,,Dakar,Senegal,,\n")
    report = refresh(raw, store_of(tmp_path), today=TODAY)
    assert report.table_counts["events"] == 1 and report.table_counts["missions"] == 0
    assert rows(store_of(tmp_path), "SELECT geo_precision FROM events") == [("city",)]


def test_a_link_out_of_the_raw_folder_is_ignored(raw, tmp_path):
    secret = write(tmp_path / "elsewhere", "events_secret.csv",
                   EVENTS_HEADER + "S1,Secret,meeting,,2019-01-10,,,Senegal,,\n")
    (raw / "events_link.csv").symlink_to(secret)
    report = refresh(raw, store_of(tmp_path), today=TODAY)
    assert "events_link.csv" in report.ignored_files
    assert rows(store_of(tmp_path), "SELECT count(*) FROM events WHERE event_id = 'S1'") == [(0,)]


PRESS = """---
published: 2022-05-20
url: https://example.org/news/tunis-workshop
---
Workshop on search and rescue at sea

Tunis - From 10 to 12 May 2022, officials from Tunisia, Libya, Egypt, the Sudan and the Niger met in Tunis
for a workshop on search and rescue at sea, organized by IOM with UNHCR and the IFRC.

For more information, please contact Jane Doe, jane.doe@example.org, +216 71 000 000.
"""


def test_press_releases_become_events_and_overrides_survive_a_refresh(raw, tmp_path):
    write(raw / "press", "tunis.md", PRESS)
    store = store_of(tmp_path)
    refresh(raw, store, today=TODAY)
    (event_id, start, end, iso3, origin, url), = rows(
        store, "SELECT event_id, start_date, end_date, iso3, origin, source_url FROM events WHERE origin = 'press'")
    assert (start, end, iso3, url) == (date(2022, 5, 10), date(2022, 5, 12), "TUN",
                                        "https://example.org/news/tunis-workshop")
    participants = rows(store, f"SELECT iso3 FROM event_countries WHERE event_id = '{event_id}' ORDER BY 1")
    assert participants == [("EGY",), ("LBY",), ("NER",), ("SDN",), ("TUN",)]
    assert not rows(store, "SELECT * FROM events WHERE summary LIKE '%@%' OR summary LIKE '%+216%'")
    write(raw / "press", "overrides.csv", f"event_id,field,value\n{event_id},city,Hammamet\n")
    refresh(raw, store, today=TODAY)
    refresh(raw, store, today=TODAY)
    assert rows(store, f"SELECT city FROM events WHERE event_id = '{event_id}'") == [("Hammamet",)]
    assert rows(store, f"SELECT confidence, overridden FROM press_fields WHERE event_id = '{event_id}' "
                       "AND field = 'city'") == [(1.0, True)]


def test_a_dateline_only_city_and_a_weekday_date_land_in_the_review_list(raw, tmp_path):
    from scripts.schema import REVIEW_THRESHOLD
    write(raw / "press", "amman.md", "---\npublished: 2021-06-03\n---\nOfficials discuss labour mobility\n\n"
          "Amman – Officials of Jordan and Lebanon met on Tuesday to discuss labour mobility with IOM.\n")
    store = store_of(tmp_path)
    refresh(raw, store, today=TODAY)
    assert rows(store, "SELECT city, start_date FROM events WHERE origin = 'press'") == [("Amman", date(2021, 6, 1))]
    review = rows(store, f"SELECT field FROM press_fields WHERE confidence < {REVIEW_THRESHOLD} ORDER BY 1")
    assert {"city", "start_date", "end_date"} <= {field for (field,) in review}


def test_text_search_column_ignores_case_and_accents(raw, tmp_path):
    write(raw, "events_accents.csv", EVENTS_HEADER + "A1,Réunion RÉGIONALE,meeting,,2019-01-10,,Thiès,Senegal,,\n")
    refresh(raw, store_of(tmp_path), today=TODAY)
    assert rows(store_of(tmp_path), "SELECT search_text FROM events WHERE event_id = 'A1'") == [
        ("reunion regionale thies",)]


def test_an_internal_error_exits_3_without_traceback_and_keeps_the_warehouse(raw, tmp_path, monkeypatch, capsys):
    store = store_of(tmp_path)
    assert main(["refresh", "--raw", str(raw), "--warehouse", str(store)]) == 0
    before = sha(store)

    def broken(*args):
        raise RuntimeError("boom")

    monkeypatch.setattr("scripts.refresh.reference.load", broken)
    assert main(["refresh", "--raw", str(raw), "--warehouse", str(store)]) == 3
    err = capsys.readouterr().err
    assert "internal error (RuntimeError: boom)" in err and "Traceback" not in err
    assert sha(store) == before


def test_a_torn_or_garbled_failure_log_is_survived_not_obeyed(raw, tmp_path):
    from scripts.history import failures_path, logged_failures
    store = store_of(tmp_path)
    refresh(raw, store, today=TODAY)
    log = failures_path(store)
    log.write_bytes(b'{"run_id": 2, "started_at": "2026-11-01T10:00:00", "finished_at": "2026-11-01T10:01:00", '
                    b'"message": "disk full"}\n{"run_id": 3, "started_at": "2026-11-\n\xff\xfe garbage\n[1, 2]\n')
    assert [run["run_id"] for run in logged_failures(store)] == [2]
    refresh(raw, store, today=TODAY)  # a crash mid-write used to make every later refresh exit 3
    assert rows(store, "SELECT run_id, status FROM load_runs ORDER BY run_id") == [(1, "ok"), (2, "failed"), (3, "ok")]
    assert not log.exists()


def test_text_search_finds_typographic_apostrophes_typed_straight(raw, tmp_path):
    from dashboard.filters import Filters
    from dashboard.queries import event_conditions
    write(raw, "events_quotes.csv", EVENTS_HEADER + "Q1,Atelier en Côte d’Ivoire,meeting,,2019-01-10,,Abidjan,CIV,,\n")
    store = store_of(tmp_path)
    refresh(raw, store, today=TODAY)
    assert rows(store, "SELECT search_text FROM events WHERE event_id = 'Q1'") == [
        ("atelier en cote d'ivoire abidjan",)]
    where, params = event_conditions(Filters(text="côte d'Ivoire"))
    with duckdb.connect(str(store), read_only=True) as con:
        found = con.execute(f"SELECT e.event_id FROM events e WHERE {where}", params).fetchall()
    assert found == [("Q1",)]


def _refresh_with_stderr_on_a_terminal(raw: Path, store: Path, *options: str) -> tuple[int, str, str]:
    """Run `migdash refresh` in a child whose stderr is a terminal (a pseudo-terminal): exit code, stdout, stderr."""
    import pty

    leader, follower = pty.openpty()
    child = subprocess.Popen([sys.executable, "-m", "scripts.cli", "refresh", "--raw", str(raw), "--warehouse",
                              str(store), *options], stdout=subprocess.PIPE, stderr=follower,
                             cwd=Path(__file__).resolve().parents[1])
    os.close(follower)
    shown = bytearray()
    while True:
        try:
            block = os.read(leader, 65536)
        except OSError:  # the child closed the terminal
            break
        if not block:
            break
        shown += block
    out = child.stdout.read().decode("utf-8")
    child.stdout.close()
    os.close(leader)
    return child.wait(timeout=120), out, shown.decode("utf-8", errors="replace")


def test_json_output_stays_pure_json_even_on_a_terminal(raw, tmp_path):
    import json

    code, out, shown = _refresh_with_stderr_on_a_terminal(raw, store_of(tmp_path), "--json")
    assert code == 0
    assert json.loads(out)["status"] == "ok"  # the whole of stdout is one JSON document
    assert shown == ""  # and nothing is drawn on the terminal meanwhile


def test_a_terminal_shows_progress_bars_with_rows_per_second(raw, tmp_path):
    code, out, shown = _refresh_with_stderr_on_a_terminal(raw, store_of(tmp_path))
    assert code == 0
    assert out.startswith("Refresh 1:")
    assert "normalizing events" in shown and "rows/s" in shown and "100%" in shown


def test_progress_elsewhere_is_one_line_per_step(raw, tmp_path, capsys):
    assert main(["refresh", "--raw", str(raw), "--warehouse", str(store_of(tmp_path))]) == 0
    steps = capsys.readouterr().err.splitlines()
    assert [line.split("] ", 1)[1] for line in steps][:2] == ["reading events_a.csv", "reading member_states.csv"]
    assert all(line.startswith("[") and "s] " in line for line in steps)


def test_a_smaller_town_is_placed_when_the_country_has_one_of_that_name(tmp_path):
    raw = tmp_path / "towns"
    write(raw, "events.csv", EVENTS_HEADER + "T1,Border meeting,meeting,,2019-01-10,,Pattaya,Thailand,,\n"
                                             "T2,Port visit,meeting,,2019-02-10,,Madang,Ghana,,\n")
    report = refresh(raw, store_of(tmp_path), today=TODAY)
    placed = rows(store_of(tmp_path), "SELECT event_id, round(lat, 2), round(lon, 2), geo_precision FROM events "
                                      "ORDER BY event_id")
    assert placed[0] == ("T1", 12.93, 100.88, "city") and placed[1][3] == "country"
    assert [(r.row_number, r.field, r.code) for r in report.rejections] == [(3, "city", "unknown-city")]
