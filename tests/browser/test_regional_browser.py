"""A real mouse click on a country of the Regional activity map focuses the whole dashboard on it."""

from pathlib import Path

import duckdb

from dashboard.i18n import t

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


def _events_of(warehouse: Path, iso3: str) -> set[str]:
    """Events the country hosted or took part in, read straight from the store."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute("SELECT event_id FROM events WHERE iso3 = ? UNION"
                           " SELECT event_id FROM event_countries WHERE iso3 = ?", [iso3, iso3]).fetchall()
    return {event_id for (event_id,) in rows}


def _country_name(warehouse: Path, iso3: str) -> str:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute("SELECT name_en FROM countries WHERE iso3 = ?", [iso3]).fetchone()[0]


def test_clicking_a_country_on_the_map_filters_the_whole_dashboard(tab, shipped_warehouse: Path) -> None:
    tab.open("regional-activity", lang="en")
    tab.page.locator(MAP).scroll_into_view_if_needed()
    tab.page.wait_for_selector(f"{MAP} path.choroplethlocation")
    shapes = [(iso3, events) for iso3, events, area in tab.page.evaluate(COUNTRY_SHAPES) if events and area > 1500]
    iso3 = max(shapes, key=lambda shape: (shape[1], shape[0]))[0]
    x, y, clearance = tab.page.evaluate(CLEAR_POINT, iso3)
    assert clearance > 3, f"no point of {iso3} is clear of city bubbles"

    tab.page.mouse.click(x, y)
    tab.page.wait_for_function("iso3 => location.search.includes('country=' + iso3)", arg=iso3)
    tab.settle()
    tab.screenshot("regional-activity-clicked-en")

    name = _country_name(shipped_warehouse, iso3)
    assert tab.page.get_by_role("combobox", name=t("filters.country"), exact=True).input_value() == name
    assert set(tab.page.evaluate(TIMELINE_EVENT_IDS)) == _events_of(shipped_warehouse, iso3)
