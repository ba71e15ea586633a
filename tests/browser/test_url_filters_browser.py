"""Filters live in the URL: a shared link reproduces the view, and the filters survive a page switch."""

from pathlib import Path
from urllib.parse import parse_qsl, urlparse

import duckdb
import pytest

from dashboard.i18n import t

SHARED = {"lang": "fr", "country": "SEN", "type": "workshop", "from": "2018-01-01", "to": "2024-12-31"}
WITH_EVENTS = {**SHARED, "country": "ARG"}  # five workshops with Argentina in the shipped sample
TIMELINE_EVENT_IDS = """() => document.querySelector('.st-key-regional_timeline .js-plotly-plot').data
    .flatMap(trace => trace.type === 'bar' ? [...trace.customdata] : [])"""


def _expected(warehouse: Path, params: dict[str, str]) -> tuple[str, str, set[str]]:
    """The country's French name, the event type's French label, and the ids of the matching events."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        (country,) = con.execute("SELECT name_fr FROM countries WHERE iso3 = ?", [params["country"]]).fetchone()
        (event_type,) = con.execute("SELECT label_fr FROM vocabulary WHERE vocabulary = 'event_type' AND code = ?",
                                    [params["type"]]).fetchone()
        rows = con.execute(
            "SELECT event_id FROM events WHERE event_type = ? AND start_date <= ? AND end_date >= ?"
            " AND (iso3 = ? OR event_id IN (SELECT event_id FROM event_countries WHERE iso3 = ?))",
            [params["type"], params["to"], params["from"], params["country"], params["country"]]).fetchall()
    return country, event_type, {event_id for (event_id,) in rows}


def _widgets(tab) -> dict[str, object]:
    """What the sidebar shows: language, country, chosen event types, first and last day of the period."""
    def combobox(key: str) -> str:
        return tab.page.get_by_role("combobox", name=t(key, "fr"), exact=True).input_value()

    types = tab.page.get_by_test_id("stMultiSelect").filter(has_text=t("filters.types", "fr"))
    return {"lang": combobox("filters.language"), "country": combobox("filters.country"),
            "types": types.locator("[data-tag] span[title]").all_inner_texts(),
            "period": tab.page.locator('[data-testid="stDateInput"] input[type="date"]').evaluate_all(
                "inputs => inputs.map(input => input.value)")}


@pytest.mark.parametrize("params", [SHARED, WITH_EVENTS], ids=["no-matching-event", "five-events"])
def test_a_shared_link_reproduces_the_view(tab, shipped_warehouse: Path, params: dict[str, str]) -> None:
    tab.open("regional-activity", **params)
    country, event_type, events = _expected(shipped_warehouse, params)
    assert _widgets(tab) == {"lang": t("language", "fr"), "country": country, "types": [event_type],
                             "period": [params["from"], params["to"]]}
    if events:
        assert set(tab.page.evaluate(TIMELINE_EVENT_IDS)) == events
    else:
        assert tab.page.get_by_text(t("regional.no_events", "fr")).is_visible()


def test_filters_survive_a_page_switch(tab, shipped_warehouse: Path) -> None:
    tab.open("regional-activity", **WITH_EVENTS)
    before = _widgets(tab)
    tab.navigate("events")
    assert urlparse(tab.page.url).path == "/events"
    assert dict(parse_qsl(urlparse(tab.page.url).query)) == WITH_EVENTS
    assert _widgets(tab) == before
