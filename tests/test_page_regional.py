"""The Regional activity page on the shipped sample warehouse, and the pieces it is made of."""

import base64
import json
import shutil
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest
from page_app import open_app
from page_app import run as _run
from streamlit.testing.v1 import AppTest

from dashboard import charts
from dashboard.filters import Filters
from dashboard.views.regional import comparison_periods

MAP, MONTHS, TIMELINE = range(3)  # the page's charts, in page order
YEAR_2024 = Filters(start=date(2024, 1, 1), end=date(2024, 12, 31))




@pytest.fixture(scope="module")
def warehouse(demo_warehouse: Path) -> Iterator[Path]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MIGDASH_WAREHOUSE", str(demo_warehouse))
        yield demo_warehouse


@pytest.fixture(scope="module")
def default_page(warehouse: Path) -> AppTest:
    """The page as a first visit without URL parameters shows it (read it, never click on it)."""
    return _open()






def _figure(app: AppTest, index: int) -> dict:
    return json.loads(app.get("plotly_chart")[index].proto.spec)


def _values(array: list | dict) -> list:
    """A figure's array as a list, also when plotly wrote it as typed binary data."""
    if isinstance(array, dict):
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"]).tolist()
    return array


def _sql(path: Path, query: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(query, params or []).fetchall()


def _event_count(path: Path) -> int:
    return _sql(path, "SELECT count(*) FROM events")[0][0]


def _monthly_total(app: AppTest) -> int:
    return sum(sum(_values(trace["y"])) for trace in _figure(app, MONTHS)["data"])


def _timeline_events(app: AppTest) -> list[str]:
    bars = next(trace for trace in _figure(app, TIMELINE)["data"] if trace["type"] == "bar")
    return bars["customdata"]


@pytest.mark.parametrize("lang, title, senegal, july", [
    ("en", "Regional activity", "Senegal", "Jul 2024"),
    ("fr", "Activité régionale", "Sénégal", "juil. 2024"),
    ("es", "Actividad regional", "Senegal", "jul 2024"),
])
def test_regional_page_speaks_the_language(warehouse: Path, lang: str, title: str, senegal: str, july: str) -> None:
    app = _open(lang=lang, **{"from": "2024-05-01", "to": "2024-12-31"})
    assert app.title[0].value == title
    assert len(app.get("plotly_chart")) == 3 and len(app.metric) == 3
    countries = next(trace for trace in _figure(app, MAP)["data"] if trace["type"] == "choropleth")
    assert any(f"<b>{senegal}</b>" in text for text in countries["text"])
    assert july in _figure(app, MONTHS)["layout"]["xaxis"]["ticktext"]
    assert _figure(app, MAP)["layout"]["separators"] == {"en": ".,", "fr": ",\u202f", "es": ",."}[lang]


def test_regional_page_flags_sample_events(warehouse: Path, default_page: AppTest) -> None:
    samples, events = _sql(warehouse, "SELECT count(*) FILTER (WHERE is_sample), count(*) FROM events")[0]
    assert [w.value for w in default_page.warning] == [
        f"Sample data: {samples} of the {events} events shown here are illustrative, not real events."]


def test_choropleth_counts_each_event_once_per_country_hosted_or_attended(warehouse: Path,
                                                                         default_page: AppTest) -> None:
    countries = next(trace for trace in _figure(default_page, MAP)["data"] if trace["type"] == "choropleth")
    expected = dict(_sql(warehouse, "SELECT iso3, count(DISTINCT event_id) FROM event_countries GROUP BY iso3"))
    assert dict(zip(countries["locations"], _values(countries["z"]))) == expected


def test_bubbles_count_events_at_their_host_city(warehouse: Path, default_page: AppTest) -> None:
    bubbles = next(trace for trace in _figure(default_page, MAP)["data"] if trace["type"] == "scattergeo")
    located = _sql(warehouse, "SELECT count(*) FROM events WHERE lat IS NOT NULL")[0][0]
    assert sum(_values(bubbles["marker"]["size"])) == located


def test_monthly_chart_sums_to_the_filtered_event_count(warehouse: Path) -> None:
    app = _open(**{"from": "2020-03-01", "to": "2022-12-31", "type": "workshop,conference"})
    expected = _sql(warehouse, "SELECT count(*) FROM events WHERE end_date >= ? AND start_date <= ?"
                    " AND event_type IN ('workshop', 'conference')", [date(2020, 3, 1), date(2022, 12, 31)])[0][0]
    assert _monthly_total(app) == expected > 0
    # a conference from 28 February to 2 March 2020 counts in the period's first month
    first_month = min(pd.Timestamp(x) for trace in _figure(app, MONTHS)["data"] for x in trace["x"])
    assert first_month == pd.Timestamp(2020, 3, 1)


def test_map_click_focuses_every_chart_on_the_country(warehouse: Path) -> None:
    app = _open()
    app.session_state["regional_map"] = {"selection": {"points": [{"location": "SEN"}]}}
    _run(app)
    senegal = {event for (event,) in _sql(warehouse, "SELECT event_id FROM event_countries WHERE iso3 = 'SEN'")}
    assert app.session_state["f_country"] == "SEN" and app.query_params["country"] == "SEN"
    assert [button.label for button in app.button if button.key == "regional_clear_country"] == ["Senegal"]
    assert _monthly_total(app) == len(senegal)
    assert set(_timeline_events(app)) == senegal
    countries = next(trace for trace in _figure(app, MAP)["data"] if trace["type"] == "choropleth")
    widths = dict(zip(countries["locations"], _values(countries["marker"]["line"]["width"])))
    assert widths["SEN"] > max(width for iso3, width in widths.items() if iso3 != "SEN")


def test_a_bubble_click_focuses_on_its_host_country(warehouse: Path) -> None:
    app = _open()
    app.session_state["regional_map"] = {"selection": {"points": [{"lat": 14.7, "lon": -17.4, "customdata": ["SEN"]}]}}
    assert _run(app).session_state["f_country"] == "SEN"


def test_removing_the_country_focus_shows_every_country_again(warehouse: Path) -> None:
    app = _open(country="SEN")
    next(button for button in app.button if button.key == "regional_clear_country").click()
    _run(app)
    assert app.session_state["f_country"] is None and _monthly_total(app) == _event_count(warehouse)


def test_region_bar_click_focuses_on_the_region(warehouse: Path) -> None:
    app = _open(scheme="m49")
    app.session_state["regional_months"] = {"selection": {"points": [{"x": "2020-01-01",
                                                                       "customdata": ["Western Asia", "Jan 2020"]}]}}
    _run(app)
    hosted = _sql(warehouse, "SELECT count(*) FROM events e JOIN countries c USING (iso3)"
                  " WHERE c.un_subregion = 'Western Asia'")[0][0]
    assert app.session_state["f_region"] == "Western Asia" and _monthly_total(app) == hosted
    lanes = _figure(app, TIMELINE)["layout"]["yaxis"]["ticktext"]
    assert {"Türkiye", "Jordan"} <= set(lanes)  # lanes are host countries once a region is chosen


def test_events_without_a_host_are_their_own_series_not_a_region(demo_warehouse: Path, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    path = shutil.copy(demo_warehouse, tmp_path / "migdash.duckdb")
    with duckdb.connect(str(path)) as con:
        con.execute("INSERT INTO events BY NAME SELECT 'region-wide' AS event_id, 'Regional dialogue' AS title,"
                    " ['labour-migration'] AS themes, DATE '2026-11-26' AS start_date, DATE '2026-11-27' AS end_date,"
                    " 'day' AS date_precision, 'RO_DKR' AS region_scope, 'events.csv' AS source_file,"
                    " 2 AS source_row, true AS is_sample, 'table' AS origin, ? AS ingested_at",
                    [datetime(2026, 11, 28)])
    monkeypatch.setenv("MIGDASH_WAREHOUSE", str(path))
    app = _open()
    series = {trace["name"]: sum(_values(trace["y"])) for trace in _figure(app, MONTHS)["data"]}
    assert series["Region-wide / no host"] == 1 and sum(series.values()) == _event_count(demo_warehouse) + 1
    assert _figure(app, TIMELINE)["layout"]["yaxis"]["ticktext"][-1] == "Region-wide / no host"
    app.session_state["regional_months"] = {"selection": {"points": [{"customdata": ["-no-host", "Nov 2026"]}]}}
    assert _run(app).session_state["f_region"] is None


def test_timeline_shows_the_150_most_recent_events_and_says_so(warehouse: Path, default_page: AppTest) -> None:
    app = default_page
    recent = [event for (event,) in _sql(
        warehouse, "SELECT event_id FROM events ORDER BY start_date DESC, end_date DESC, event_id LIMIT 150")]
    assert sorted(_timeline_events(app)) == sorted(recent)
    shown = f"Showing the 150 most recent of {_event_count(warehouse)} events"
    assert any(caption.value.startswith(shown) for caption in app.caption)


def test_key_figures_compare_the_period_with_the_one_before(warehouse: Path) -> None:
    app = _open(**{"from": "2024-01-01", "to": "2024-12-31"})

    def events(period: Filters) -> int:
        return _sql(warehouse, "SELECT count(*) FROM events WHERE end_date >= ? AND start_date <= ?",
                    [period.start, period.end])[0][0]

    now, before = events(YEAR_2024), events(YEAR_2024.previous())
    tile = app.metric[0]
    assert (tile.label, tile.value) == ("Events", str(now))
    assert tile.proto.delta.startswith("+" if now >= before else "-")
    assert int(tile.proto.delta.split()[0].lstrip("+")) == now - before


def test_countries_involved_are_the_countries_on_the_map_and_the_overview_counts_the_same(warehouse: Path) -> None:
    regional, overview = (open_app(page, **{"from": "2024-01-01", "to": "2024-12-31"})
                          for page in ("regional", "overview"))
    shaded = next(trace for trace in _figure(regional, MAP)["data"] if trace["type"] == "choropleth")["locations"]
    expected = _sql(warehouse, "SELECT count(DISTINCT ec.iso3) FROM event_countries ec JOIN events e USING (event_id)"
                    " WHERE e.end_date >= ? AND e.start_date <= ?", [YEAR_2024.start, YEAR_2024.end])[0][0]
    shown = [next(tile.value for tile in app.metric if tile.label == "Countries involved")
             for app in (regional, overview)]
    assert len(shaded) == expected > 0
    assert shown == [str(expected), str(expected)]


def test_change_map_colours_countries_by_the_difference(warehouse: Path) -> None:
    app = _open(**{"from": "2024-01-01", "to": "2024-12-31"})
    app.toggle(key="regional_change").set_value(True)
    changes = _figure(_run(app), MAP)["data"][0]

    def per_country(period: Filters) -> dict[str, int]:
        return dict(_sql(warehouse, "SELECT ec.iso3, count(*) FROM event_countries ec JOIN events e USING (event_id)"
                         " WHERE e.end_date >= ? AND e.start_date <= ? GROUP BY 1", [period.start, period.end]))

    now, before = per_country(YEAR_2024), per_country(YEAR_2024.previous())
    expected = {iso3: now.get(iso3, 0) - before.get(iso3, 0) for iso3 in now.keys() | before.keys()}
    assert dict(zip(changes["locations"], _values(changes["z"]))) == expected
    assert changes["zmid"] == 0


def test_figures_of_the_page_are_small(default_page: AppTest) -> None:
    assert sum(len(chart.proto.spec) for chart in default_page.get("plotly_chart")) < 300_000


def test_without_a_period_key_figures_cover_the_last_12_months_of_data() -> None:
    current, previous, defaulted = comparison_periods(Filters(), date(2026, 11, 26))
    assert (current.start, current.end) == (date(2025, 11, 27), date(2026, 11, 26))
    assert (previous.start, previous.end) == (date(2024, 11, 27), date(2025, 11, 26)) and defaulted
    leap = comparison_periods(Filters(), date(2024, 2, 29))[0]
    assert (leap.start, leap.end) == (date(2023, 3, 1), date(2024, 2, 29))


def test_a_chosen_period_is_compared_with_the_equal_period_before() -> None:
    chosen = Filters(start=date(2024, 1, 1), end=date(2024, 1, 31))
    assert comparison_periods(chosen, date(2026, 1, 1)) == (chosen, chosen.previous(), False)


def test_timeline_puts_overlapping_events_of_a_lane_on_separate_lines() -> None:
    events = pd.DataFrame({
        "event_id": ["a", "b", "c", "d"], "title": ["A", "B", "C", "D"],
        "start_date": pd.to_datetime(["2024-01-01", "2024-01-03", "2024-06-01", "2024-01-02"]),
        "end_date": pd.to_datetime(["2024-01-05", "2024-01-04", "2024-06-02", "2024-01-02"]),
        "city": ["Dakar", None, "Lima", "Quito"], "iso3": ["SEN", "SEN", "PER", "ECU"],
        "country": ["Senegal", "Senegal", "Peru", "Ecuador"], "region": ["RO_DKR", "RO_DKR", "RO_PAN", "RO_PAN"],
        "event_type": ["Workshop", None, "Meeting", "Training"], "participants_total": [40, None, 12, 8]})
    figure = charts.event_timeline(events, "region", {"RO_DKR": "Dakar", "RO_PAN": "Panama"},
                                   charts.region_colors(["RO_DKR", "RO_PAN"]))
    bars = next(trace for trace in figure.data if trace.type == "bar")
    line = dict(zip(bars.customdata, bars.y))
    assert line["a"] != line["b"] and line["c"] == line["d"] and min(line["c"], line["d"]) > max(line["a"], line["b"])
    assert list(figure.layout.yaxis.ticktext) == ["Dakar", "Panama"]
    hover = dict(zip(bars.customdata, bars.hovertext))
    assert "Jan 1\u2009–\u20095, 2024" in hover["a"] and "Participants: unknown" in hover["b"]


def test_a_crowded_timeline_lane_stays_at_most_eight_lines_high() -> None:
    day = pd.Timestamp("2026-01-01")
    events = pd.DataFrame({
        "event_id": [f"e{n}" for n in range(30)], "title": ["Same day"] * 30, "start_date": [day] * 30,
        "end_date": [day + pd.Timedelta(days=2)] * 30, "city": ["Dakar"] * 30, "iso3": ["SEN"] * 30,
        "country": ["Senegal"] * 30, "region": ["RO_DKR"] * 30, "event_type": ["Workshop"] * 30,
        "participants_total": [10] * 30})
    bars = charts.event_timeline(events, "region", {"RO_DKR": "Dakar"}, charts.region_colors(["RO_DKR"])).data[0]
    assert len(bars.y) == 30 and set(bars.y) == set(range(charts.LANE_LINES))


def test_filters_that_match_no_event_say_so_instead_of_drawing_empty_charts(warehouse: Path) -> None:
    app = _open(q="no event has these words")
    assert [info.value for info in app.info] == [
        "No events match these filters. Widen the period or remove a filter in the sidebar."]
    assert not app.get("plotly_chart") and [tile.value for tile in app.metric] == ["0", "0", "0"]


def _open(**params: str) -> AppTest:
    return open_app("regional", **params)
