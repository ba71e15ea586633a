"""The Programmes page on the shipped sample warehouse (16 illustrative programmes), and the Country profile's list."""

import base64
import csv
import io
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import numpy as np
import pytest
from page_app import open_app
from page_app import run as _run
from streamlit.testing.v1 import AppTest

from dashboard.filters import Filters
from dashboard.views import programmes as programmes_page

MAP, REGIONS, FUNDERS, SECTORS, TIMELINE = range(5)  # the page's charts, in page order
PAGE = "programmes"


@pytest.fixture(scope="module")
def warehouse(demo_warehouse: Path) -> Iterator[Path]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MIGDASH_WAREHOUSE", str(demo_warehouse))
        yield demo_warehouse


@pytest.fixture(scope="module")
def default_page(warehouse: Path) -> AppTest:
    """The page as a first visit without URL parameters shows it (read it, never click on it)."""
    return open_app(PAGE)


def _sql(path: Path, query: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(query, params or []).fetchall()


def _figure(app: AppTest, index: int) -> dict:
    return json.loads(app.get("plotly_chart")[index].proto.spec)


def _values(array: list | dict) -> list:
    """A figure's array as a list, also when plotly wrote it as typed binary data."""
    if isinstance(array, dict):
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"]).tolist()
    return array


def _metric(app: AppTest, label: str) -> str:
    return next(tile.value for tile in app.metric if tile.label == label)


def _shaded(app: AppTest) -> dict[str, float]:
    countries = _figure(app, MAP)["data"][0]
    return dict(zip(countries["locations"], _values(countries["z"])))


def _budget_sql(path: Path, currency: str, iso3: str | None = None) -> dict[str, float]:
    return dict(_sql(path, "SELECT iso3, sum(value) FROM programme_country_budgets WHERE currency = ?"
                     " AND (? IS NULL OR iati_identifier IN (SELECT iati_identifier FROM programme_countries"
                     " WHERE iso3 = ?)) AND (? IS NULL OR iso3 = ?) GROUP BY 1", [currency, iso3, iso3, iso3, iso3]))


@pytest.mark.parametrize("lang, title, budget", [("en", "Programme portfolio", "Budget by recipient country (USD)"),
                                                 ("fr", "Portefeuille de programmes",
                                                  "Budget par pays bénéficiaire (USD)"),
                                                 ("es", "Cartera de programas", "Presupuesto por país receptor (USD)")])
def test_programmes_page_speaks_the_language(warehouse: Path, lang: str, title: str, budget: str) -> None:
    app = open_app(PAGE, lang=lang)
    assert app.title[0].value == title and budget in [header.value for header in app.subheader]
    assert len(app.get("plotly_chart")) == 5 and len(app.metric) == 4
    assert _figure(app, MAP)["layout"]["separators"] == {"en": ".,", "fr": ",\u202f", "es": ",."}[lang]
    ukraine = {"en": "Ukraine", "fr": "Ukraine", "es": "Ucrania"}[lang]
    assert any(f"<b>{ukraine}</b>" in text for text in _figure(app, MAP)["data"][0]["text"])


def test_sample_programmes_are_flagged(default_page: AppTest) -> None:
    assert [w.value for w in default_page.warning] == [
        "Sample data: 16 of the 16 programmes shown here are illustrative, not real programmes."]


def test_the_map_shades_each_country_by_its_budget_share_in_the_most_used_currency(warehouse: Path,
                                                                                   default_page: AppTest) -> None:
    assert [option for option in default_page.get("button_group")[0].proto.options] and _shaded(default_page) == (
        pytest.approx(_budget_sql(warehouse, "USD")))
    assert _metric(default_page, "Budget") == "59.5M\u00a0USD"
    assert sum(_budget_sql(warehouse, "USD").values()) == 59_500_000
    assert any("never converted" in caption.value for caption in default_page.caption)


def test_choosing_another_currency_shows_that_currency_alone(warehouse: Path) -> None:
    app = open_app(PAGE)
    app.session_state["programmes_currency"] = "EUR"
    _run(app)
    assert _shaded(app) == pytest.approx(_budget_sql(warehouse, "EUR"))
    assert _figure(app, MAP)["data"][0]["colorbar"]["title"]["text"] == "EUR"


def test_a_map_click_focuses_the_page_on_the_country(warehouse: Path) -> None:
    app = open_app(PAGE)
    app.session_state["programmes_map"] = {"selection": {"points": [{"location": "SEN"}]}}
    _run(app)
    programmes = {p for (p,) in _sql(warehouse, "SELECT iati_identifier FROM programme_countries WHERE iso3 = 'SEN'")}
    assert app.session_state["f_country"] == "SEN" and app.query_params["country"] == "SEN"
    assert _metric(app, "Programmes") == str(len(programmes)) == "3"
    assert set(_figure(app, TIMELINE)["data"][0]["customdata"]) == programmes
    assert _shaded(app) == pytest.approx(_budget_sql(warehouse, "EUR", "SEN"))  # Senegal's budgets are in EUR
    assert [button.label for button in app.button if button.key == "programmes_clear_country"] == ["Senegal"]


def test_a_region_bar_click_focuses_on_the_region(warehouse: Path) -> None:
    app = open_app(PAGE)
    app.session_state["programmes_regions"] = {"selection": {"points": [{"customdata": "RO_NBO"}]}}
    _run(app)
    assert app.session_state["f_region"] == "RO_NBO"
    assert set(_shaded(app)) == {iso3 for (iso3,) in _sql(
        warehouse, "SELECT DISTINCT b.iso3 FROM programme_country_budgets b JOIN countries c USING (iso3)"
                   " WHERE c.iom_region = 'RO_NBO' AND b.currency = 'USD'")}


def test_a_funder_bar_click_keeps_only_its_programmes_and_the_link_says_so(warehouse: Path) -> None:
    app = open_app(PAGE)
    app.session_state["programmes_funder_chart"] = {"selection": {"points": [{"customdata": "DE-1"}]}}
    _run(app)
    funded = _sql(warehouse, "SELECT count(*) FROM programme_organizations WHERE role = 'funding' AND ref = 'DE-1'")
    assert app.query_params["funder"] == "DE-1" and _metric(app, "Programmes") == str(funded[0][0])
    assert app.multiselect(key="programmes_funders").value == ["DE-1"]


def test_sector_and_funder_filters_come_from_the_link_and_an_unknown_one_is_dropped(warehouse: Path) -> None:
    app = open_app(PAGE, sector="98:RR,98:NOPE", funder="Switzerland")
    assert app.multiselect(key="programmes_sectors").value == ["98:RR"]
    assert app.multiselect(key="programmes_funders").value == ["Switzerland"]
    assert [info.value for info in app.info] == [
        "No programmes match these filters. Widen the period, or remove a sector, funder, region or country filter."]
    assert "unknown sector '98\\:NOPE' was dropped" in " ".join(caption.value for caption in app.caption)
    app.multiselect(key="programmes_funders").set_value([])
    _run(app)
    expected = _sql(warehouse, "SELECT count(DISTINCT iati_identifier) FROM programme_sectors"
                    " WHERE vocabulary = '98' AND code = 'RR'")[0][0]
    assert _metric(app, "Programmes") == str(expected) and app.query_params["sector"] == "98:RR"


def test_sector_and_funder_filters_are_written_in_the_link() -> None:
    filters, _ = Filters.from_params({"sector": "98:RR", "funder": "DE-1"})
    assert filters.to_params() == {"sector": "98:RR", "funder": "DE-1"}


def test_a_period_keeps_the_programmes_running_in_it(warehouse: Path) -> None:
    app = open_app(PAGE, **{"from": "2019-01-01", "to": "2019-12-31"})
    running = _sql(warehouse, "SELECT count(*) FROM programmes WHERE start_date <= DATE '2019-12-31'"
                   " AND coalesce(end_date, DATE '9999-12-31') >= DATE '2019-01-01'")[0][0]
    assert _metric(app, "Programmes") == str(running) == "3"


def test_the_timeline_is_capped_and_says_how_many_it_shows(warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(programmes_page, "TIMELINE_SHOWN", 5)
    app = open_app(PAGE)
    assert len(_figure(app, TIMELINE)["data"][0]["customdata"]) == 5
    assert any(caption.value.startswith("Showing the 5 most recently started of 16 programmes")
               for caption in app.caption)


def test_the_timeline_groups_by_sector_on_request(warehouse: Path) -> None:
    app = open_app(PAGE)
    app.session_state["programmes_grouping"] = "sector"
    lanes = _figure(_run(app), TIMELINE)["layout"]["yaxis"]["ticktext"]
    assert "Return and reintegration" in lanes and "West and Central Africa (Dakar)" not in lanes


def test_dac_sectors_are_named_by_the_codelist_in_the_page_s_language(warehouse: Path) -> None:
    app = open_app(PAGE, lang="fr")
    app.session_state["programmes_vocabulary"] = "1"
    bars = _figure(_run(app), SECTORS)["data"][0]["y"]
    assert "Faciliter la migration et la mobilité de façon ordonnée, sans danger, régulière et responsable" in bars
    assert not any(name.isdigit() for name in bars)  # never a bare code
    assert "Orderly, safe and regular migration" not in bars  # the file's own English name yields to the codelist's


def test_without_programmes_the_page_says_how_to_load_some(demo_warehouse: Path, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    path = shutil.copy(demo_warehouse, tmp_path / "migdash.duckdb")
    with duckdb.connect(str(path)) as con:
        for table in ("programmes", "programme_countries", "programme_country_budgets", "programme_sectors",
                      "programme_organizations", "programme_budgets"):
            con.execute(f"DELETE FROM {table}")
    monkeypatch.setenv("MIGDASH_WAREHOUSE", str(path))
    app = open_app(PAGE, lang="fr")
    assert [info.value for info in app.info] == [
        "Aucun programme n’est encore chargé. Placez des fichiers d’activités IATI (`.xml`, tels que téléchargés"
        " depuis la publication IATI de l’organisation) dans `data/raw/iati/` et lancez `migdash refresh`."]
    assert not app.get("plotly_chart")


def test_the_csv_download_holds_exactly_the_filtered_programmes(warehouse: Path) -> None:
    chosen = Filters(country="SEN")
    text = programmes_page.csv_download(warehouse, chosen).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    expected = {p for (p,) in _sql(warehouse, "SELECT iati_identifier FROM programme_countries WHERE iso3 = 'SEN'")}
    assert {row["iati_identifier"] for row in rows} == expected
    assert all(row["is_sample"] == "true" for row in rows)
    assert programmes_page.xlsx_download(warehouse, chosen)[:2] == b"PK"


def test_figures_of_the_page_are_small(default_page: AppTest) -> None:
    assert sum(len(chart.proto.spec) for chart in default_page.get("plotly_chart")) < 300_000


def test_the_country_profile_lists_the_country_s_programmes(warehouse: Path) -> None:
    app = open_app("country_profile", country="SEN", lang="es")
    table = next(frame.value for frame in app.dataframe if "Programa" in frame.value.columns)
    expected = _sql(warehouse, "SELECT iati_identifier FROM programme_countries WHERE iso3 = 'SEN'")
    assert sorted(table["Identificador IATI"]) == sorted(p for (p,) in expected)
    alpha = table[table["Identificador IATI"] == "XM-DAC-47066-SAMPLE.0001"].iloc[0]
    assert alpha["Presupuesto para el país"] == "2.800.000\u00a0EUR"  # 40% of 7 million euros
    assert alpha["Estado"] == "En ejecución"
    assert alpha["Sectores CAD"] == "Facilitation of orderly, safe, regular and responsible migration and mobility"
    assert any("datos de muestra" in caption.value for caption in app.caption)


def test_the_country_profile_names_the_programmes_dac_sectors_in_french(warehouse: Path) -> None:
    app = open_app("country_profile", country="SEN", lang="fr")
    table = next(frame.value for frame in app.dataframe if "Secteurs CAD" in frame.value.columns)
    alpha = table[table["Identifiant IATI"] == "XM-DAC-47066-SAMPLE.0001"].iloc[0]
    assert alpha["Secteurs CAD"] == ("Faciliter la migration et la mobilité de façon ordonnée, sans danger, régulière"
                                     " et responsable")


def test_the_period_reaches_as_far_as_the_programmes_do(warehouse: Path) -> None:
    app = open_app(PAGE, **{"from": "2027-01-01", "to": "2027-12-31"})  # past the last event, not the last programme
    running = _sql(warehouse, "SELECT count(*) FROM programmes WHERE start_date <= DATE '2027-12-31'"
                   " AND coalesce(end_date, DATE '9999-12-31') >= DATE '2027-01-01'")[0][0]
    assert app.session_state["f_end"].isoformat() == "2027-12-31" and _metric(app, "Programmes") == str(running)
    assert not any("Link adjusted" in caption.value for caption in app.caption)
