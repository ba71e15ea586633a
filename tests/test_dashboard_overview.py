"""The Overview page on a small warehouse built here, and the pieces it is made of."""

import base64
import json
from datetime import date, datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import app, charts, queries
from scripts.warehouse import rebuild

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "dashboard" / "app.py"

COUNTRIES = [  # iso3, name_en, lat, lon
    ("FRA", "France", 46.6, 2.4), ("MEX", "Mexico", 23.6, -102.5), ("KEN", "Kenya", 0.2, 37.9),
    ("MLT", "Malta", 35.9, 14.4), ("IND", "India", 22.9, 79.6), ("BHR", "Bahrain", 26.0, 50.5),
    ("CHN", "China", 35.0, 103.8),
]
MEMBERS = [("FRA", "member", 1951), ("MEX", "member", None), ("KEN", "member", None),
           ("MLT", "member", 1993), ("IND", "member", 2008), ("BHR", "observer", None)]
MISSIONS = [("MEX", "country", "Mexico City"), ("KEN", "regional", "Nairobi"),
            ("KEN", "sub", "Kakuma"), ("IND", "country", None)]
FRENCH_NAMES = {"MEX": "Mexique", "IND": "Inde", "CHN": "Chine", "MLT": "Malte", "BHR": "Bahreïn"}
EVENT_COUNTRIES = [("e1", "MEX", "host"), ("e1", "KEN", "participant"), ("e2", "MEX", "host"),
                   ("e3", "MEX", "host"), ("e3", "IND", "participant")]


def _country(iso3: str, name: str, lat: float, lon: float) -> dict:
    return {"iso3": iso3, "name_en": name, "name_fr": FRENCH_NAMES.get(iso3, name), "name_es": name, "lat": lat,
            "lon": lon, "is_iso": True}


def _event(event_id: str, start: date, end: date, is_sample: bool) -> dict:
    return {"event_id": event_id, "title": f"Event {event_id}", "themes": ["labour"], "city": "Mexico City",
            "start_date": start, "end_date": end, "date_precision": "day", "iso3": "MEX",
            "source_file": "events.csv", "source_row": 2, "is_sample": is_sample, "origin": "table",
            "ingested_at": datetime(2026, 11, 1)}


def _run(run_id: int, status: str, finished: datetime) -> dict:
    return {"run_id": run_id, "started_at": finished, "finished_at": finished, "status": status,
            "rows_read": 10, "rows_loaded": 10, "rows_rejected": 0}


def write_warehouse(path: Path, tables: dict[str, list[dict]]) -> Path:
    """Build a real warehouse at `path` (every table created) holding the given rows."""
    with rebuild(path) as con:
        for table, rows in tables.items():
            con.register("incoming", pd.DataFrame(rows))
            con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM incoming")
            con.unregister("incoming")
    return path


def small_tables(sample: bool = True) -> dict[str, list[dict]]:
    """Seven countries, five members and one observer, four offices in three countries, three events in Mexico."""
    return {
        "countries": [_country(*row) for row in COUNTRIES],
        "member_states": [{"iso3": iso3, "status": status, "admitted_year": year,
                           "source_file": "member_states.csv"} for iso3, status, year in MEMBERS],
        "missions": [{"mission_id": f"{iso3}-{kind}-{city}", "iso3": iso3, "office_type": kind,
                      "city": city, "lat": 1.0, "lon": 2.0, "geo_precision": "city",
                      "source_file": "missions.csv"} for iso3, kind, city in MISSIONS],
        "events": [_event("e1", date(2015, 8, 18), date(2015, 8, 20), is_sample=sample),
                   _event("e2", date(2019, 3, 5), date(2019, 3, 5), is_sample=False),
                   _event("e3", date(2024, 11, 2), date(2024, 11, 30), is_sample=False)],
        "event_countries": [{"event_id": event, "iso3": iso3, "role": role} for event, iso3, role in EVENT_COUNTRIES],
        "load_runs": [_run(1, "ok", datetime(2026, 11, 20, 9, 30)),
                      _run(2, "failed", datetime(2026, 11, 28, 8, 0))],
    }


@pytest.fixture
def warehouse(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "migdash.duckdb"
    monkeypatch.setenv("MIGDASH_WAREHOUSE", str(path))
    return path


def _render(**params: str) -> AppTest:
    app = AppTest.from_file(str(APP), default_timeout=30)
    app.query_params.update(params)
    app.run()
    assert not app.exception, app.exception
    return app


def _metrics(app: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in app.metric}


def _metric(app: AppTest, label: str):
    return next(m for m in app.metric if m.label == label)


def test_overview_shows_key_figures(warehouse: Path) -> None:
    write_warehouse(warehouse, small_tables())
    app = _render()
    assert _metrics(app) == {
        "Member states": "5", "Observer states": "1", "Countries with a mission": "3",
        "Events loaded": "3", "Event dates": "2015–2024", "Matching events": "3", "Countries involved": "3",
    }
    captions = " ".join(c.value for c in app.caption)
    assert "Data as of Nov 20, 2026, 09:30 (refresh 1)" in captions


def test_overview_member_map_colours_members_observers_and_others(warehouse: Path) -> None:
    write_warehouse(warehouse, small_tables())
    member_map = json.loads(_render().get("plotly_chart")[0].proto.spec)
    choropleths = {trace["name"]: set(trace["locations"]) for trace in member_map["data"]
                   if trace["type"] == "choropleth"}
    assert choropleths == {"Member states": {"FRA", "MEX", "KEN", "MLT", "IND"},
                           "Observer states": {"BHR"}, "Not members": {"CHN"}}
    assert all(trace["locationmode"] == "ISO-3" for trace in member_map["data"]
               if trace["type"] == "choropleth")
    assert member_map["layout"]["geo"]["projection"]["type"] == "natural earth"


def test_overview_member_map_hover_gives_admission_year_or_unknown(warehouse: Path) -> None:
    write_warehouse(warehouse, small_tables())
    member_map = json.loads(_render().get("plotly_chart")[0].proto.spec)
    members = next(trace for trace in member_map["data"] if trace["name"] == "Member states")
    hover = dict(zip(members["locations"], members["text"]))
    assert "Admitted in 1951" in hover["FRA"]
    assert "Admission year unknown" in hover["MEX"]


def test_overview_shows_small_member_states_as_dots(warehouse: Path) -> None:
    write_warehouse(warehouse, small_tables())
    member_map = json.loads(_render().get("plotly_chart")[0].proto.spec)
    dots = {trace["legendgroup"]: trace["text"] for trace in member_map["data"]
            if trace["type"] == "scattergeo"}
    assert dots == {"member": ["<b>Malta</b><br>Member state<br>Admitted in 1993"],
                    "observer": ["<b>Bahrain</b><br>Observer state<br>Admission year unknown"]}


def test_overview_office_map_has_one_trace_per_office_type(warehouse: Path) -> None:
    write_warehouse(warehouse, small_tables())
    office_map = json.loads(_render().get("plotly_chart")[1].proto.spec)
    assert [trace["name"] for trace in office_map["data"]] == [
        "Regional office (1)", "Country office (2)", "Sub-office (1)"]


def test_overview_compares_the_chosen_period_with_the_one_before(warehouse: Path) -> None:
    write_warehouse(warehouse, small_tables())
    app = _render(**{"from": "2019-01-01", "to": "2024-12-31"})
    events, countries = _metric(app, "Matching events"), _metric(app, "Countries involved")
    assert (events.value, events.delta) == ("2", "+1")  # 2019 and 2024 against 2015
    assert (countries.value, countries.delta) == ("2", "0")  # MEX, IND against MEX, KEN
    captions = " ".join(c.value for c in app.caption)
    assert "Events from Jan 1, 2019 to Dec 31, 2024" in captions
    assert "compared with the 2,192 days before (Dec 31, 2012 to Dec 31, 2018)" in captions


def test_overview_without_a_period_shows_no_change(warehouse: Path) -> None:
    write_warehouse(warehouse, small_tables())
    events = _metric(_render(), "Matching events")
    assert (events.value, events.delta) == ("3", "")


def test_overview_lists_the_latest_events_first(warehouse: Path) -> None:
    write_warehouse(warehouse, small_tables())
    latest = _render().dataframe[-1].value
    assert latest.to_dict("list") == {
        "Date": ["Nov 2, 2024", "Mar 5, 2019", "Aug 18, 2015"], "Title": ["Event e3", "Event e2", "Event e1"],
        "Host": ["Mexico City, Mexico"] * 3}


def test_overview_latest_events_follow_the_filters(warehouse: Path) -> None:
    write_warehouse(warehouse, small_tables())
    app = _render(country="KEN")
    assert app.dataframe[-1].value["Title"].tolist() == ["Event e1"]
    assert _metric(app, "Countries involved").value == "2"


def test_overview_in_french_names_countries_and_legends_in_french(warehouse: Path) -> None:
    write_warehouse(warehouse, small_tables())
    app = _render(lang="fr")
    member_map, office_map = (json.loads(chart.proto.spec) for chart in app.get("plotly_chart"))
    members = next(trace for trace in member_map["data"] if trace["name"] == "États membres")
    assert "<b>Mexique</b><br>État membre<br>Année d'admission inconnue" in members["text"]
    assert [trace["name"] for trace in office_map["data"]] == ["Bureau régional (1)", "Bureau de pays (2)",
                                                              "Sous-bureau (1)"]
    assert app.dataframe[-1].value.to_dict("list")["Date"] == ["2 nov. 2024", "5 mars 2019", "18 août 2015"]
    assert app.title[0].value == "Vue d'ensemble"


def test_overview_flags_sample_data(warehouse: Path) -> None:
    write_warehouse(warehouse, small_tables(sample=True))
    app = _render()
    assert [w.value for w in app.warning] == [
        "Sample data: 1 event of the 3 shown here is illustrative, not a real event."]


def test_overview_has_no_sample_banner_for_real_data(warehouse: Path) -> None:
    write_warehouse(warehouse, small_tables(sample=False))
    assert not _render().warning


def test_overview_explains_a_missing_warehouse(warehouse: Path) -> None:
    app = _render()
    assert "migdash refresh" in app.info[0].value
    assert not app.get("plotly_chart")


def test_overview_explains_an_empty_warehouse(warehouse: Path) -> None:
    write_warehouse(warehouse, {})
    app = _render()
    assert "migdash refresh" in app.info[0].value and "no member states" in app.info[0].value


def test_overview_explains_a_file_that_is_not_a_warehouse(warehouse: Path) -> None:
    warehouse.write_text("not a database")
    app = _render()
    assert "cannot be read" in app.info[0].value


def test_overview_shows_a_refresh_without_restarting(warehouse: Path) -> None:
    write_warehouse(warehouse, small_tables())
    app = _render()
    tables = small_tables()
    tables["member_states"] = tables["member_states"][:2]
    write_warehouse(warehouse, tables)
    app.run()
    assert _metrics(app)["Member states"] == "2"


def test_membership_query_names_countries_in_the_requested_language(warehouse: Path) -> None:
    tables = small_tables()
    tables["countries"][0]["name_es"] = "Francia"
    write_warehouse(warehouse, tables)
    names = queries.membership_by_country(warehouse, lang="es").set_index("iso3")["name"]
    assert names["FRA"] == "Francia" and names["CHN"] == "China"


def test_member_map_builder_needs_no_streamlit() -> None:
    countries = pd.DataFrame({"iso3": ["FRA", "TUV"], "name": ["France", "Tuvalu"],
                              "status": ["member", "member"], "admitted_year": [1951, None],
                              "lat": [46.6, -8.5], "lon": [2.4, 179.2]})
    figure = charts.member_state_map(countries)
    assert [trace.type for trace in figure.data] == ["choropleth", "scattergeo", "choropleth",
                                                     "choropleth"]
    assert len(figure.to_json()) < 20_000


def test_world_map_shapes_are_iso3_codes() -> None:
    shapes = charts.world_shape_ids()
    assert len(shapes) >= 170 and {"FRA", "MEX", "KEN", "CHN"} <= shapes and "MLT" not in shapes


def test_page_urls_differ_from_page_module_names() -> None:
    modules = {module.stem for module in (ROOT / "dashboard" / "pages").glob("*.py")}
    assert not {url for *_, url in app.PAGES} & modules


def test_overview_sets_the_stated_figures_beside_what_is_recorded(warehouse: Path) -> None:
    tables = small_tables(sample=False)
    tables["stated_figures"] = [
        {"figure": "member_states", "value": 4, "at_least": False, "as_of": "2015", "as_of_day": date(2015, 1, 1),
         "source_url": "https://example.org/members-2015"},
        {"figure": "member_states", "value": 5, "at_least": False, "as_of": "2024-06",
         "as_of_day": date(2024, 6, 1), "source_url": "https://example.org/members-2024"},
        {"figure": "countries_present", "value": 100, "at_least": True, "as_of": "2018-01",
         "as_of_day": date(2018, 1, 1), "source_url": "https://example.org/presence"}]
    tables["missions"][0]["source"] = "https://example.org/mexico-office"
    tables["missions"][1]["source"] = "capital city (not verified)"
    write_warehouse(warehouse, tables)
    app = _render()
    table = next(frame.value for frame in app.dataframe if "Stated" in frame.value.columns)
    assert table.fillna("").to_dict("records") == [
        {"Figure": "Member States", "Stated": "5", "As of": "2024-06", "Source": "https://example.org/members-2024",
         "On record here": "5"},
        {"Figure": "Observer States", "Stated": "unknown", "As of": "", "Source": "", "On record here": "1"},
        {"Figure": "Countries with an office", "Stated": "more than 100", "As of": "2018-01",
         "Source": "https://example.org/presence", "On record here": "3"}]
    captions = " ".join(c.value for c in app.caption)
    assert "Offices: 1 country has an office with a source; 2 more are placed at the capital" in captions
    assert "The year of 3 of 6 states is unknown" in captions
    growth = json.loads(app.get("plotly_chart")[-1].proto.spec)["data"]  # the page's last chart
    line = next(trace for trace in growth if trace["type"] == "scatter")
    assert _numbers(line["y"]) == [4, 5]
    bars = next(trace for trace in growth if trace["type"] == "bar")
    assert sum(_numbers(bars["y"])) == 3  # the admission years on record: 1951, 1993, 2008


def _numbers(values: list | dict) -> list:
    """A plotly array as numbers, whether plain or typed ({'dtype', 'bdata'} in base64)."""
    if isinstance(values, dict):
        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"]).tolist()
    return list(values)


def test_overview_without_stated_figures_says_they_are_unknown_and_draws_no_curve(warehouse: Path) -> None:
    write_warehouse(warehouse, small_tables(sample=False))
    app = _render()
    table = next(frame.value for frame in app.dataframe if "Stated" in frame.value.columns)
    assert set(table["Stated"]) == {"unknown"}
    assert len(app.get("plotly_chart")) == 2  # the two maps only
