"""The Data quality page: refreshes, files, rejected rows and names to review, on shipped and hand-built data."""

import json
from datetime import datetime, timedelta
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest
from test_dashboard_overview import small_tables, write_warehouse

from dashboard import charts
from dashboard.views import data_quality
from scripts import history
from tools.apptest import open_page

PLANTED = [  # the five deliberate errors of the shipped sample files: file, row, field, problem
    ("events_americas_sample.xlsx", 32, "title", "Missing value"),
    ("events_francophone_sample.csv", 17, "country", "Unknown country"),
    ("events_francophone_sample.csv", 42, "start date", "Not a date"),
    ("events_sample.csv", 92, "end date", "End before start"),
    ("events_sample.csv", 152, "event id", "Duplicate"),
]


def _quality(lang: str = "en", **state: object) -> AppTest:
    page = AppTest.from_function(open_page, args=("data_quality",), default_timeout=30)
    page.query_params["lang"] = lang
    for key, value in state.items():
        page.session_state[key] = value
    page.run()
    assert not page.exception, page.exception
    return page


def _table(page: AppTest, column: str, index: int = 0) -> pd.DataFrame:
    """The index-th table on the page that has the column."""
    return [frame.value for frame in page.dataframe if column in frame.value.columns][index]


def _rows(frame: pd.DataFrame, *columns: str) -> list[tuple]:
    return list(frame[list(columns)].itertuples(index=False, name=None))



@pytest.fixture
def warehouse(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "migdash.duckdb"
    monkeypatch.setenv("MIGDASH_WAREHOUSE", str(path))
    return path


def _file(name: str, modified: datetime, run_id: int = 1) -> dict:
    return {"run_id": run_id, "source_file": name, "kind": "events", "sha256": "ab" * 32, "modified_at": modified,
            "encoding": "utf-8", "rows_read": 3, "rows_loaded": 3, "rows_rejected": 0}


def _rejection(row: int, code: str = "bad-date", value: str = "31/02/2019", severity: str = "error") -> dict:
    return {"run_id": 1, "source_file": "events.csv", "row_number": row, "field": "start_date",
            "severity": severity, "code": code, "value": value, "message": f"'{value}' is not a date"}


def test_quality_lists_the_five_planted_rejections_with_their_rows(shipped: Path) -> None:
    rejected = _table(_quality(), "Details")
    assert _rows(rejected, "File", "Row", "Field", "Problem") == PLANTED
    assert "'Atlantide' is not a country we know" in rejected["Details"].tolist()


def test_quality_keeps_dropped_values_apart_from_rejected_rows(warehouse: Path) -> None:
    tables = small_tables()
    tables["rejections"] = [_rejection(4), {**_rejection(7, "unknown-city", "Port Lointain", "warning"),
                                            "field": "city", "message": "city 'Port Lointain' is unknown"}]
    write_warehouse(warehouse, tables)
    page = _quality()
    dropped = _table(page, "Details", 1)
    assert _rows(dropped, "File", "Row", "Field", "Problem", "Value") == [
        ("events.csv", 7, "city", "Unknown city", "Port Lointain")]
    assert [tab.label for tab in page.tabs] == ["Rejected rows (1)", "Values dropped, rows kept (1)"]


def test_quality_filters_rejected_rows_by_problem_and_file(shipped: Path) -> None:
    by_code = _table(_quality(quality_error_codes=["bad-date", "duplicate-key"]), "Details")
    assert _rows(by_code, "Row", "Problem") == [(42, "Not a date"), (152, "Duplicate")]
    by_file = _table(_quality(quality_error_files=["events_sample.csv"]), "Details")
    assert by_file["Row"].tolist() == [92, 152]


def test_quality_counts_rows_per_problem_in_a_bar_chart(shipped: Path) -> None:
    chart = json.loads(_quality().get("plotly_chart")[0].proto.spec)
    bars = {(group, label): x for trace in chart["data"] for group, label, x in zip(*trace["y"], trace["x"])}
    assert bars == {("Rows rejected", label): 1 for *_, label in PLANTED}


def test_quality_lists_unknown_names_and_names_matched_fuzzily(shipped: Path) -> None:
    page = _quality()
    unknown = _table(page, "Name as written")
    assert sorted(_rows(unknown, "Field", "Name as written", "Rows")) == [("country", "Atlantide", 1)]
    matched = _table(page, "How")
    assert sorted(_rows(matched, "Name as written", "Code", "Recognised as", "How", "Rows")) == [
        ("Philipines", "PHL", "Philippines", "Fuzzy", 1), ("Senegall", "SEN", "Senegal", "Fuzzy", 1),
        ("Tunesia", "TUN", "Tunisia", "Alias", 2)]  # 'Tunesia' is also Tunisia's Faroese name


def test_quality_speaks_french(shipped: Path) -> None:
    page = _quality("fr")
    rejected = _table(page, "Détails")
    assert ("events_francophone_sample.csv", 17, "pays", "Pays inconnu", "« Atlantide » n'est pas un pays connu") \
        in _rows(rejected, "Fichier", "Ligne", "Champ", "Problème", "Détails")
    assert "Sénégal" in _table(page, "Méthode")["Reconnu comme"].tolist()
    assert page.title[0].value == "Qualité des données"


def test_quality_summarizes_the_last_refresh_and_its_changes(shipped: Path) -> None:
    page = _quality()
    assert page.success[0].value.startswith("The last refresh, on ")
    assert page.success[0].value.endswith(": 733 rows read, 728 loaded, 5 rejected.")  # 16 sample programmes among them
    runs = _table(page, "Changes")
    assert runs.loc[0, "Status"] == "Succeeded"
    assert runs.loc[0, "Changes"] == "Events +346 −0 ~0 · Member states +183 −0 ~0 · Offices +183 −0 ~0"
    files = _table(page, "SHA-256 (start)")
    assert len(files) == 12 and files["SHA-256 (start)"].str.len().eq(12).all()  # iati/programmes_sample.xml too


def test_quality_explains_a_failed_last_refresh(warehouse: Path) -> None:
    tables = small_tables()
    tables["load_runs"][1]["message"] = "events_2024.xlsx: not a spreadsheet"
    write_warehouse(warehouse, tables)
    page = _quality()
    assert page.error[0].value.startswith("The last refresh, on Nov 28, 2026, 08:00, failed")
    assert "still shows the data of the refresh of Nov 20, 2026, 09:30" in page.error[0].value
    runs = _table(page, "Reason for failure")
    assert _rows(runs, "Refresh", "Status", "Reason for failure") == [
        (2, "Failed", "events_2024.xlsx: not a spreadsheet"), (1, "Succeeded", "")]


def test_quality_opens_after_more_failed_refreshes_than_it_lists(warehouse: Path) -> None:
    tables = small_tables()
    failed = tables["load_runs"][1]
    tables["load_runs"] += [{**failed, "run_id": run_id, "message": "disk full"} for run_id in range(3, 15)]
    write_warehouse(warehouse, tables)
    page = _quality()
    assert "still shows the data of the refresh of Nov 20, 2026, 09:30" in page.error[0].value
    assert len(_table(page, "Reason for failure")) == data_quality.RUNS_SHOWN


def test_quality_shows_a_failure_logged_beside_the_store(warehouse: Path) -> None:
    write_warehouse(warehouse, small_tables())
    history.record_failure(warehouse, 3, datetime(2026, 11, 29, 7, 0), "missions.csv: the file is empty")
    page = _quality()
    assert "failed" in page.error[0].value
    assert _rows(_table(page, "Reason for failure"), "Refresh", "Reason for failure")[0] == (
        3, "missions.csv: the file is empty")


def test_quality_survives_a_torn_failure_log(warehouse: Path) -> None:
    write_warehouse(warehouse, small_tables())
    history.record_failure(warehouse, 3, datetime(2026, 11, 29, 7, 0), "missions.csv: the file is empty")
    with history.failures_path(warehouse).open("a", encoding="utf-8") as log:
        log.write('{"run_id": 4, "started_at": "2026-11-30T0')  # a crash in the middle of a write
    page = _quality()
    assert _rows(_table(page, "Reason for failure"), "Refresh", "Reason for failure")[0] == (
        3, "missions.csv: the file is empty")


def test_quality_flags_files_not_modified_for_180_days(warehouse: Path) -> None:
    tables = small_tables()
    tables["load_files"] = [_file("events_old.csv", datetime.now() - timedelta(days=400)),
                            _file("events_new.csv", datetime.now() - timedelta(days=3))]
    write_warehouse(warehouse, tables)
    page = _quality()
    assert _rows(_table(page, "Stale"), "File", "Stale") == [("events_new.csv", ""), ("events_old.csv", "Stale")]
    assert page.warning[0].value.startswith("1 file of 2 has not been modified for more than 180 days")
    assert any("not modified for more than 180 days" in caption.value for caption in page.caption)


def test_quality_pages_through_long_lists(warehouse: Path) -> None:
    tables = small_tables()
    tables["rejections"] = [_rejection(row) for row in range(2, 122)]
    write_warehouse(warehouse, tables)
    page = _quality()
    assert _table(page, "Details")["Row"].tolist() == list(range(2, 52))
    assert "Rows 1–50 of 120" in [caption.value for caption in page.caption]
    page.number_input[0].set_value(3).run()
    assert _table(page, "Details")["Row"].tolist() == list(range(102, 122))
    assert "Rows 101–120 of 120" in [caption.value for caption in page.caption]


def test_quality_shows_names_as_data_never_as_markup(warehouse: Path) -> None:
    tables = small_tables()
    tables["rejections"] = [_rejection(2, "unknown-country", "**Atlantis** <img src=x>")]
    write_warehouse(warehouse, tables)
    page = _quality()
    assert "**Atlantis** <img src=x>" in _table(page, "Name as written")["Name as written"].tolist()
    shown_as_text = [element.value for kind in ("markdown", "caption", "success", "error", "warning", "info")
                     for element in page.get(kind)]
    assert not [text for text in shown_as_text if "Atlantis" in str(text)]


def test_quality_says_when_no_row_had_a_problem(warehouse: Path) -> None:
    write_warehouse(warehouse, small_tables())
    page = _quality()
    assert "No problems: every row of the last refresh was loaded as it was." in [s.value for s in page.success]
    assert not page.get("plotly_chart")


def test_readable_changes_gives_each_table_added_removed_changed() -> None:
    changes = json.dumps({"events": {"added": 1200, "removed": 3, "changed": 0}, "missions": {"added": 0}})
    assert data_quality.readable_changes(changes, "en") == "Events +1,200 −3 ~0 · Offices +0 −0 ~0"
    assert data_quality.readable_changes(changes, "fr") == "Événements +1\u202f200 −3 ~0 · Bureaux +0 −0 ~0"
    assert data_quality.readable_changes(None, "en") == ""


def test_problem_chart_groups_problems_by_severity_largest_first() -> None:
    counts = pd.DataFrame({"severity": ["error", "error", "warning"], "code": ["bad-date", "missing-value", "x"],
                           "label": ["Not a date", "Missing value", "Unknown city"], "rows": [2, 7, 1200]})
    figure = charts.problem_counts_chart(counts, "en")
    assert [(trace.name, list(trace.y[1]), list(trace.text)) for trace in figure.data] == [
        ("Rows rejected", ["Missing value", "Not a date"], ["7", "2"]),
        ("Values dropped", ["Unknown city"], ["1,200"])]


def test_low_confidence_press_fields_wait_in_the_review_list(shipped):
    review = _table(_quality(), "Confidence")
    assert len(review) and (review["Confidence"] < 0.6).all()
    press = Path(__file__).resolve().parents[1] / "data" / "demo" / "press"
    assert set(review["File"]) <= {f"press/{p.name}" for p in press.iterdir()}
