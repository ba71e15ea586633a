"""The Country profile page on the shipped sample warehouse: membership, offices, events, partners, timeline."""

import base64
import json
from pathlib import Path

import duckdb
import numpy as np
import pytest
from page_app import open_app
from page_app import run as _run
from streamlit.testing.v1 import AppTest

from dashboard import charts
from dashboard.views import country_profile

PERIOD = {"from": "2020-01-01", "to": "2026-12-31"}
PREVIOUS = ("2012-12-31", "2019-12-31")  # the 2,557 days just before PERIOD
PARTNERS, CO_PARTICIPANTS, TIMELINE = 1, 2, 3  # the page's charts after the office map




@pytest.fixture
def warehouse(demo_warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MIGDASH_WAREHOUSE", str(demo_warehouse))
    return demo_warehouse






def _sql(path: Path, query: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(query, params or []).fetchall()


def _figure(app: AppTest, index: int) -> dict:
    return json.loads(app.get("plotly_chart")[index].proto.spec)


def _counts(path: Path, iso3: str, first: str, last: str) -> tuple[int, int, int]:
    """Hosted, attended and all events of a country in a period, counted straight from the tables."""
    hosted, attended = _sql(path, (
        "SELECT count(*) FILTER (WHERE ec.role = 'host'), count(*) FILTER (WHERE ec.role = 'participant')"
        " FROM event_countries ec JOIN events e USING (event_id)"
        " WHERE ec.iso3 = ? AND e.end_date >= CAST(? AS DATE) AND e.start_date <= CAST(? AS DATE)"),
        [iso3, first, last])[0]
    return hosted, attended, hosted + attended


def _tile(app: AppTest, label: str) -> str:
    """The value written under a fact tile's caption."""
    elements = list(app.main)
    start = next(n for n, element in enumerate(elements) if element.type == "caption" and element.value == label)
    value = next(element for element in elements[start:] if element.type == "markdown")
    return value.value.removeprefix("#### ")


def _values(array: list | dict) -> list:
    """A figure's array as a list, also when plotly wrote it as typed binary data."""
    if isinstance(array, dict):
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"]).tolist()
    return array


@pytest.mark.parametrize("lang, title, hosted", [("en", "Country profile", "Events hosted"),
                                                 ("fr", "Profil de pays", "Événements accueillis"),
                                                 ("es", "Perfil de país", "Eventos acogidos")])
def test_country_page_renders_in_every_language(warehouse: Path, lang: str, title: str, hosted: str) -> None:
    app = _open(lang=lang, country="SEN", **PERIOD)
    assert app.title[0].value == title
    assert app.metric[0].label == hosted
    assert len(app.get("plotly_chart")) == 4


def test_country_profile_for_senegal_counts_what_the_tables_hold(warehouse: Path) -> None:
    app = _open(country="SEN", **PERIOD)
    now = _counts(warehouse, "SEN", PERIOD["from"], PERIOD["to"])
    before = _counts(warehouse, "SEN", *PREVIOUS)
    assert [int(metric.value) for metric in app.metric] == list(now)
    assert [metric.delta for metric in app.metric] == [f"{n - b:+d}" if n != b else "0" for n, b in zip(now, before)]


def test_country_profile_shows_membership_and_regional_office(warehouse: Path) -> None:
    app = _open(country="SEN")
    assert app.header[0].value == "Senegal"
    assert _tile(app, "Membership") == "Member state"
    assert _tile(app, "Admitted in") == "unknown"
    assert _tile(app, "Regional office now") == "West and Central Africa \\(Dakar\\)"


def test_country_profile_names_the_office_before_2024(warehouse: Path) -> None:
    app = _open(lang="es", country="CRI")
    assert "Panamá" in _tile(app, "Oficina regional actual")
    assert ("Antes de la reestructuración de 2024: Centroamérica, Norteamérica y el Caribe (San José) (2011–2023)."
            in [caption.value for caption in app.caption])


def test_country_profile_lists_and_maps_the_offices(warehouse: Path) -> None:
    app = _open(country="SEN")
    offices = app.dataframe[0].value
    assert sorted(offices["Office"]) == ["Country office", "Regional office"] and set(offices["City"]) == {"Dakar"}
    office_map = _figure(app, 0)
    assert office_map["data"][0]["locations"] == ["SEN"] and office_map["layout"]["geo"]["fitbounds"] == "locations"
    assert {trace.get("name") for trace in office_map["data"][1:]} == {"Regional office", "Country office"}
    assert json.loads(app.get("plotly_chart")[0].proto.config)["topojsonURL"] == "/app/static/"


def test_country_partners_are_counted_without_the_organization_itself(warehouse: Path) -> None:
    app = _open(country="SEN")
    bars = _figure(app, PARTNERS)["data"][0]
    expected = _sql(warehouse, "SELECT org_id, count(*) AS n FROM event_organizations WHERE org_id <> 'IOM'"
                    " AND event_id IN (SELECT event_id FROM event_countries WHERE iso3 = 'SEN')"
                    " GROUP BY org_id ORDER BY n DESC, org_id LIMIT 10")
    assert list(zip(bars["y"], _values(bars["x"]))) == expected


def test_country_co_participants_leave_the_country_out(warehouse: Path) -> None:
    bars = _figure(_open(lang="fr", country="SEN"), CO_PARTICIPANTS)["data"][0]
    assert "Sénégal" not in bars["y"] and "Côte d'Ivoire" in bars["y"]
    assert _values(bars["x"]) == sorted(_values(bars["x"]), reverse=True)


def test_country_timeline_shows_every_event_up_to_its_cap(warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (total,) = _sql(warehouse, "SELECT count(*) FROM event_countries WHERE iso3 = 'SEN'")[0]
    app = _open(country="SEN")
    assert len(_figure(app, TIMELINE)["data"][0]["customdata"]) == total
    monkeypatch.setattr(country_profile, "TIMELINE_SHOWN", 2)
    app = _open(country="SEN")
    assert len(_figure(app, TIMELINE)["data"][0]["customdata"]) == 2
    assert f"Showing the 2 events with the most participants, of {total}." in app.caption[-1].value


def test_country_page_asks_for_a_country_when_none_is_chosen(warehouse: Path) -> None:
    app = _open()
    assert "Choose a country" in app.info[0].value and not app.get("plotly_chart")


def test_country_selector_on_the_page_sets_the_shared_country_filter(warehouse: Path) -> None:
    app = _open()
    app.selectbox[-1].set_value("KEN")
    app = _run(app)
    assert app.header[0].value == "Kenya" and app.query_params["country"] == "KEN"
    assert app.session_state["f_country"] == "KEN"


def test_ranked_bars_write_source_names_as_text() -> None:
    import pandas as pd

    figure = charts.ranked_bars(pd.DataFrame({"org_id": ["<b>X</b>"], "name": ["A & B"], "events": [1234]}),
                                "org_id", "name", "fr")
    bar = figure.data[0]
    assert list(bar.y) == ["&lt;b&gt;X&lt;/b&gt;"] and bar.hovertext[0] == "A &amp; B: 1\u202f234"


def test_country_page_says_when_the_country_has_no_event_under_the_filters(warehouse: Path) -> None:
    app = _open(country="SEN", q="no-event-has-this-name")
    assert [int(metric.value) for metric in app.metric] == [0, 0, 0]
    assert "hosted or attended no event" in app.info[0].value
    assert len(app.get("plotly_chart")) == 1  # the office map only


def _open(**params: str) -> AppTest:
    return open_app("country_profile", **params)
