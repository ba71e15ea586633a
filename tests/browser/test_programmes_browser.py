"""The Programmes page in a real browser: the budget map is drawn in every language, and a click on a country
focuses the page on it."""

from pathlib import Path
from urllib.parse import parse_qsl, urlparse

import duckdb
import pytest

from dashboard.i18n import t

MAP = ".st-key-programmes_map"
# Each country shape drawn: its code, its budget, its area on screen and its fill colour.
COUNTRY_SHAPES = """() => [...document.querySelectorAll('.st-key-programmes_map path.choroplethlocation')]
    .map(shape => {
    const box = shape.getBoundingClientRect();
    return [shape.__data__.loc, shape.__data__.z, box.width * box.height, getComputedStyle(shape).fill]; })"""
# A point inside a country's shape, near the middle of its box.
INSIDE = """iso3 => {
    const shape = [...document.querySelectorAll('.st-key-programmes_map path.choroplethlocation')]
        .find(candidate => candidate.__data__.loc === iso3);
    const box = shape.getBoundingClientRect(), toShape = shape.getScreenCTM().inverse();
    let best = null;
    for (let i = 1; i < 20; i++) for (let j = 1; j < 20; j++) {
        const x = box.x + box.width * i / 20, y = box.y + box.height * j / 20;
        if (!shape.isPointInFill(new DOMPoint(x, y).matrixTransform(toShape))) continue;
        const off = Math.hypot(i - 10, j - 10);
        if (best === null || off < best[2]) best = [x, y, off];
    }
    return best; }"""
TIMELINE_IDS = """() => [...document.querySelector('.st-key-programmes_timeline .js-plotly-plot').data[0].customdata]"""


def _read(warehouse: Path, sql: str, params: list) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql, params).fetchall()


def _metric(tab, label: str) -> str:
    tile = tab.page.get_by_test_id("stMetric").filter(has_text=label)
    return tile.get_by_test_id("stMetricValue").inner_text().strip()


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_the_budget_map_is_drawn_in_every_language(tab, demo_warehouse: Path, lang: str) -> None:
    tab.open("programmes", lang=lang)
    tab.page.wait_for_selector(f"{MAP} path.choroplethlocation", timeout=30_000)
    shapes = tab.page.evaluate(COUNTRY_SHAPES)
    budgets = dict(_read(demo_warehouse, "SELECT iso3, sum(value) FROM programme_country_budgets"
                         " WHERE currency = 'USD' GROUP BY 1", []))
    drawn = {iso3: fill for iso3, z, area, fill in shapes if area > 0}
    assert set(drawn) == set(budgets)  # every country with a budget in dollars has its shape on screen
    assert len(set(drawn.values())) > 3  # shaded by budget, not one flat colour
    assert tab.page.get_by_role("heading", name=t("programmes.title", lang)).is_visible()
    tab.screenshot(f"programmes-{lang}")
    assert not tab.failures


def test_clicking_a_country_focuses_the_page_on_it(tab, demo_warehouse: Path) -> None:
    tab.open("programmes", lang="en")
    tab.page.locator(MAP).scroll_into_view_if_needed()
    shapes = [(iso3, area) for iso3, z, area, _ in tab.page.evaluate(COUNTRY_SHAPES) if z and area > 1500]
    iso3 = max(shapes, key=lambda shape: (shape[1], shape[0]))[0]
    x, y, _ = tab.page.evaluate(INSIDE, iso3)

    tab.page.mouse.click(x, y)
    tab.page.wait_for_function("iso3 => location.search.includes('country=' + iso3)", arg=iso3)
    tab.settle()
    tab.page.wait_for_selector(f"{MAP} path.choroplethlocation", timeout=30_000)
    tab.screenshot("programmes-clicked-en")

    programmes = {p for (p,) in _read(demo_warehouse, "SELECT iati_identifier FROM programme_countries WHERE iso3 = ?",
                                      [iso3])}
    assert _metric(tab, t("programmes.kpi.programmes")) == str(len(programmes))
    assert set(tab.page.evaluate(TIMELINE_IDS)) == programmes
    assert {loc for loc, *_ in tab.page.evaluate(COUNTRY_SHAPES)} == {iso3}
    [(name,)] = _read(demo_warehouse, "SELECT name_en FROM countries WHERE iso3 = ?", [iso3])
    assert tab.page.get_by_role("button", name=name).is_visible()  # the focus, with a button that removes it
    assert not tab.failures


def test_the_sector_and_funder_filters_stay_in_the_link_across_pages(tab) -> None:
    tab.open("programmes", lang="fr", sector="98:RR", funder="XI-IATI-EC_INTPA")
    assert _metric(tab, t("programmes.kpi.programmes", "fr")) == "2"
    tab.navigate("events")
    tab.navigate("programmes")
    assert dict(parse_qsl(urlparse(tab.page.url).query)) == {"lang": "fr", "sector": "98:RR",
                                                             "funder": "XI-IATI-EC_INTPA"}
    assert _metric(tab, t("programmes.kpi.programmes", "fr")) == "2"
