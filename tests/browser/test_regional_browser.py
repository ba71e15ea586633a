"""Filters in a real browser: a click on a map country focuses every page; links and downloads carry the filters."""

import csv
from pathlib import Path
from urllib.parse import parse_qsl, urlparse

import duckdb
import pytest

from dashboard.i18n import t, tn

MAP = ".st-key-regional_map"
COUNTRY_SHAPES = """() => [...document.querySelectorAll('.st-key-regional_map path.choroplethlocation')].map(shape => {
    const box = shape.getBoundingClientRect();
    return [shape.__data__.loc, shape.__data__.z, box.width * box.height]; })"""
# The point of the country's shape farthest from every city bubble (a click there hits the country).
CLEAR_POINT = """iso3 => {
    const shape = [...document.querySelectorAll('.st-key-regional_map path.choroplethlocation')]
        .find(candidate => candidate.__data__.loc === iso3);
    const bubbles = [...document.querySelectorAll('.st-key-regional_map .scattergeo path.point')].map(point => {
        const box = point.getBoundingClientRect();
        return [box.x + box.width / 2, box.y + box.height / 2, box.width / 2]; });
    const box = shape.getBoundingClientRect(), toShape = shape.getScreenCTM().inverse();
    let best = null;
    for (let i = 1; i < 20; i++) for (let j = 1; j < 20; j++) {
        const x = box.x + box.width * i / 20, y = box.y + box.height * j / 20;
        if (!shape.isPointInFill(new DOMPoint(x, y).matrixTransform(toShape))) continue;
        const clearance = Math.min(1e9, ...bubbles.map(([bx, by, r]) => Math.hypot(x - bx, y - by) - r));
        if (best === null || clearance > best[2]) best = [x, y, clearance];
    }
    return best; }"""
TIMELINE_EVENT_IDS = """() => document.querySelector('.st-key-regional_timeline .js-plotly-plot').data
    .flatMap(trace => trace.type === 'bar' ? [...trace.customdata] : [])"""
SHARED = {"lang": "fr", "country": "SEN", "type": "workshop", "from": "2018-01-01", "to": "2024-12-31"}
WITH_EVENTS = {**SHARED, "country": "ARG"}  # five workshops with Argentina in the shipped sample


def _read(warehouse: Path, sql: str, params: list) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql, params).fetchall()


def _events_of(warehouse: Path, iso3: str, event_type: str = "%", start: str = "0001-01-01",
               end: str = "9999-12-31") -> set[str]:
    """Events the country hosted or took part in, of the type, overlapping the period: straight from the store."""
    rows = _read(warehouse, "SELECT event_id FROM events WHERE coalesce(event_type, '') LIKE ? AND start_date <= ?"
                 " AND end_date >= ? AND (iso3 = ? OR event_id IN (SELECT event_id FROM event_countries"
                 " WHERE iso3 = ?))", [event_type, end, start, iso3, iso3])
    return {event_id for (event_id,) in rows}


def _widgets(tab, lang: str) -> dict[str, object]:
    """What the sidebar shows: language, country, chosen event types, first and last day of the period."""
    sidebar = tab.page.get_by_test_id("stSidebar")

    def combobox(key: str) -> str:
        return sidebar.get_by_role("combobox", name=t(key, lang), exact=True).input_value()

    types = sidebar.get_by_test_id("stMultiSelect").filter(has_text=t("filters.types", lang))
    return {"lang": combobox("filters.language"), "country": combobox("filters.country"),
            "types": types.locator("[data-tag] span[title]").all_inner_texts(),
            "period": sidebar.locator('[data-testid="stDateInput"] input[type="date"]').evaluate_all(
                "inputs => inputs.map(input => input.value)")}


def test_clicking_a_country_on_the_map_filters_the_whole_dashboard(tab, demo_warehouse: Path) -> None:
    tab.open("regional-activity", lang="en")
    tab.page.locator(MAP).scroll_into_view_if_needed()
    shapes = [(iso3, events) for iso3, events, area in tab.page.evaluate(COUNTRY_SHAPES) if events and area > 1500]
    iso3 = max(shapes, key=lambda shape: (shape[1], shape[0]))[0]
    x, y, clearance = tab.page.evaluate(CLEAR_POINT, iso3)
    assert clearance > 3, f"no point of {iso3} is clear of city bubbles"

    tab.page.mouse.click(x, y)
    tab.page.wait_for_function("iso3 => location.search.includes('country=' + iso3)", arg=iso3)
    tab.settle()
    tab.screenshot("regional-activity-clicked-en")

    [(name,)] = _read(demo_warehouse, "SELECT name_en FROM countries WHERE iso3 = ?", [iso3])
    events = _events_of(demo_warehouse, iso3)
    assert _widgets(tab, "en")["country"] == name
    assert set(tab.page.evaluate(TIMELINE_EVENT_IDS)) == events
    tab.navigate("events")
    assert tab.page.get_by_text(tn("events.count", len(events)).replace("**", "")).is_visible()
    tab.navigate("country-profile")
    tab.screenshot("country-profile-clicked-en")
    profile = tab.page.get_by_test_id("stMain").get_by_role("combobox", name=t("filters.country"), exact=True)
    assert profile.input_value() == name


@pytest.mark.parametrize("params", [SHARED, WITH_EVENTS], ids=["no-matching-event", "five-events"])
def test_a_shared_link_reproduces_the_view(tab, demo_warehouse: Path, params: dict[str, str]) -> None:
    tab.open("regional-activity", **params)
    [(country,)] = _read(demo_warehouse, "SELECT name_fr FROM countries WHERE iso3 = ?", [params["country"]])
    [(event_type,)] = _read(demo_warehouse, "SELECT label_fr FROM vocabulary WHERE vocabulary = 'event_type'"
                            " AND code = ?", [params["type"]])
    assert _widgets(tab, "fr") == {"lang": t("language", "fr"), "country": country, "types": [event_type],
                                   "period": [params["from"], params["to"]]}
    events = _events_of(demo_warehouse, params["country"], params["type"], params["from"], params["to"])
    if events:
        assert set(tab.page.evaluate(TIMELINE_EVENT_IDS)) == events
    else:
        assert tab.page.get_by_text(t("regional.no_events", "fr")).is_visible()


def test_filters_survive_a_page_switch(tab) -> None:
    tab.open("regional-activity", **WITH_EVENTS)
    before = _widgets(tab, "fr")
    tab.navigate("events")
    assert urlparse(tab.page.url).path == "/events"
    assert dict(parse_qsl(urlparse(tab.page.url).query)) == WITH_EVENTS
    assert _widgets(tab, "fr") == before


def test_the_events_csv_download_holds_exactly_the_filtered_events(tab, demo_warehouse: Path) -> None:
    tab.open("events", **WITH_EVENTS)
    button = tab.page.get_by_test_id("stDownloadButton").filter(has_text="CSV").get_by_role("button")
    with tab.page.expect_download(timeout=10_000) as download:
        button.click()
    with open(download.value.path(), encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    params = WITH_EVENTS
    assert [row["event_id"] for row in rows] and {row["event_id"] for row in rows} == _events_of(
        demo_warehouse, params["country"], params["type"], params["from"], params["to"])
