"""The programme queries on a few activities written here: budgets split by country and kept per currency, the
period, sector and funder filters, DAC sector names, regions, the timeline, a country's programmes and the
download."""

import csv
from datetime import date
from pathlib import Path

import pytest

from dashboard import queries
from dashboard.filters import Filters
from scripts.refresh import refresh

ACTIVITIES = """<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="2.03">
 <iati-activity default-currency="USD">
  <iati-identifier>TEST-A</iati-identifier>
  <title><narrative>Alpha</narrative><narrative xml:lang="fr">Alpha en français</narrative></title>
  <participating-org ref="XI-IATI-EC_INTPA" role="1"><narrative>European Union</narrative></participating-org>
  <activity-status code="2"/>
  <activity-date iso-date="2024-01-01" type="2"/><activity-date iso-date="2025-12-31" type="3"/>
  <recipient-country code="SN" percentage="60"/><recipient-country code="ML" percentage="40"/>
  <sector vocabulary="1" code="15190" percentage="100"/>
  <sector vocabulary="98" code="RR" percentage="100"><narrative>Return</narrative></sector>
  <budget><period-start iso-date="2024-01-01"/><period-end iso-date="2024-12-31"/><value>1000</value></budget>
  <budget><period-start iso-date="2025-01-01"/><period-end iso-date="2025-12-31"/><value>2000</value></budget>
 </iati-activity>
 <iati-activity default-currency="EUR">
  <iati-identifier>TEST-B</iati-identifier>
  <title><narrative>Beta</narrative></title>
  <participating-org role="1"><narrative>Kind donor</narrative></participating-org>
  <activity-status code="2"/>
  <activity-date iso-date="2023-01-01" type="2"/>
  <recipient-country code="KE"/><recipient-country code="ET"/>
  <sector vocabulary="98" code="MD"><narrative>Data</narrative></sector>
  <budget><period-start iso-date="2023-01-01"/><period-end iso-date="2023-12-31"/><value>500</value></budget>
 </iati-activity>
 <iati-activity default-currency="USD">
  <iati-identifier>TEST-C</iati-identifier>
  <title><narrative>Gamma</narrative></title>
  <activity-status code="4"/>
  <activity-date iso-date="2022-01-01" type="2"/><activity-date iso-date="2022-12-31" type="4"/>
  <recipient-region code="298" vocabulary="1" percentage="100"/>
  <budget><period-start iso-date="2022-01-01"/><period-end iso-date="2022-12-31"/><value>300</value></budget>
 </iati-activity>
 <iati-activity default-currency="USD">
  <iati-identifier>TEST-D</iati-identifier>
  <title><narrative>Delta</narrative></title>
  <recipient-country code="SN" percentage="100"/>
  <sector vocabulary="2" code="151"><narrative>Governance</narrative></sector>
  <budget><period-start iso-date="2021-01-01"/><period-end iso-date="2021-12-31"/><value>50</value></budget>
 </iati-activity>
</iati-activities>
"""
NOT_2025 = Filters(start=date(2025, 6, 1), end=date(2026, 1, 1))


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse refreshed from the four activities above alone."""
    raw = tmp_path_factory.mktemp("raw")
    (raw / "iati").mkdir()
    (raw / "iati" / "activities.xml").write_text(ACTIVITIES, encoding="utf-8")
    path = raw.parent / "programmes.duckdb"
    refresh(raw, path)
    return path


def _budgets(store: Path, filters: Filters, currency: str) -> dict[str, float]:
    frame = queries.budget_per_country(store, filters, currency)
    return dict(zip(frame["iso3"], frame["budget"]))


def test_budgets_are_split_by_country_share_and_kept_per_currency(store: Path) -> None:
    assert queries.budget_currencies(store, Filters()) == ["USD", "EUR"]
    assert _budgets(store, Filters(), "USD") == {"SEN": 1850.0, "MLI": 1200.0}  # 60% of A's 3,000, and all of D
    euros = queries.budget_per_country(store, Filters(), "EUR")
    assert dict(zip(euros["iso3"], euros["budget"])) == {"ETH": 250.0, "KEN": 250.0}
    assert euros["share_assumed"].all()  # B gives no percentages: split evenly, and said so


def test_a_region_s_budget_is_the_sum_of_its_countries(store: Path) -> None:
    dakar = Filters(region="RO_DKR")
    assert _budgets(store, dakar, "USD") == _budgets(store, Filters(), "USD")
    assert queries.budget_currencies(store, dakar) == ["USD"]
    assert _budgets(store, Filters(region="RO_NBO"), "EUR") == {"ETH": 250.0, "KEN": 250.0}


def test_a_period_keeps_the_programmes_running_in_it_and_their_budget_lines_overlapping_it(store: Path) -> None:
    totals = queries.programme_totals(store, NOT_2025)
    assert (totals["loaded"], totals["programmes"], totals["dated"]) == (4, 2, 2)  # A, and B that has no end
    assert _budgets(store, NOT_2025, "USD") == {"SEN": 1200.0, "MLI": 800.0}  # A's 2025 line only
    assert queries.budget_currencies(store, NOT_2025) == ["USD"]  # B's one line is of 2023
    assert set(queries.programme_timeline(store, NOT_2025)["iati_identifier"]) == {"TEST-A", "TEST-B"}


def test_sector_and_funder_filters_keep_their_programmes(store: Path) -> None:
    assert queries.programme_totals(store, Filters(sectors=("98:RR",)))["programmes"] == 1
    named_only = Filters(funders=("Kind donor",))
    assert list(queries.programme_timeline(store, named_only)["iati_identifier"]) == ["TEST-B"]
    assert queries.programme_totals(store, Filters(sectors=("98:RR",), funders=("Kind donor",)))["programmes"] == 0
    funders, total = queries.top_funders(store, Filters())
    assert list(zip(funders["funder"], funders["name"], funders["programmes"])) == [
        ("XI-IATI-EC_INTPA", "European Union", 1), ("Kind donor", "Kind donor", 1)] and total == 2
    assert queries.funder_options(store) == {"XI-IATI-EC_INTPA": "European Union", "Kind donor": "Kind donor"}
    assert queries.sector_options(store) == {
        "1:15190": "Facilitation of orderly, safe, regular and responsible migration and mobility",
        "2:151": "I.5.a. Government and civil society, general", "98:MD": "Data", "98:RR": "Return"}


def test_dac_sectors_are_named_by_their_codelist_in_french_on_a_french_page(store: Path) -> None:
    french = queries.sector_options(store, "fr")
    assert french["1:15190"] == ("Faciliter la migration et la mobilité de façon ordonnée, sans danger, régulière"
                                 " et responsable")
    assert french["2:151"] == "I.5.a. Gouvernement & société civile, général"  # the codelist's, not the file's
    assert french["98:RR"] == "Return"  # the organization's own vocabulary: as the file names it
    assert queries.sector_options(store, "es")["1:15190"].startswith("Facilitation of orderly")  # no Spanish names
    sectors, _ = queries.programme_sectors(store, Filters(lang="fr"), "1")
    assert list(sectors["name"]) == [french["1:15190"]]


def test_programmes_count_once_in_each_region_and_regional_ones_apart(store: Path) -> None:
    per_region = queries.programmes_per_region(store, Filters())
    assert dict(zip(per_region["region"], per_region["programmes"])) == {
        "RO_DKR": 2, "RO_NBO": 1, queries.NO_COUNTRY: 1}
    assert queries.programme_totals(store, Filters())["countries"] == 4


def test_the_timeline_shows_the_most_recent_programmes_in_the_region_of_their_largest_country(store: Path) -> None:
    shown = queries.programme_timeline(store, Filters(lang="fr"), "98", 2)
    assert list(shown["iati_identifier"]) == ["TEST-A", "TEST-B"]  # D has no dates: never drawn
    assert list(shown["title"]) == ["Alpha en français", "Beta"]
    assert list(shown["region"]) == ["RO_DKR", "RO_NBO"] and list(shown["sector"]) == ["98:RR", "98:MD"]
    assert list(shown["countries"]) == ["Mali, Sénégal", "Éthiopie, Kenya"]
    regional = queries.programme_timeline(store, Filters(), "1")
    assert dict(zip(regional["iati_identifier"], regional["region"]))["TEST-C"] == queries.NO_COUNTRY
    assert dict(zip(regional["iati_identifier"], regional["sector"]))["TEST-B"] == queries.NO_SECTOR


def test_sectors_are_counted_per_vocabulary(store: Path) -> None:
    vocabularies = queries.sector_vocabularies(store, Filters())
    assert dict(zip(vocabularies["vocabulary"], vocabularies["programmes"])) == {"98": 2, "1": 1, "2": 1}
    sectors, total = queries.programme_sectors(store, Filters(), "98")
    assert list(zip(sectors["sector"], sectors["name"], sectors["programmes"])) == [
        ("98:MD", "Data", 1), ("98:RR", "Return", 1)] and total == 2


def test_a_country_s_programmes_carry_its_share_of_their_budget(store: Path) -> None:
    rows, total = queries.country_programmes(store, Filters(country="SEN"))
    assert total == 2
    assert list(zip(rows["iati_identifier"], rows["currency"], rows["budget"])) == [
        ("TEST-A", "USD", 1800.0), ("TEST-D", "USD", 50.0)]  # started most recently first; D has no dates


def test_a_country_s_programmes_carry_their_dac_sector_names(store: Path) -> None:
    rows, _ = queries.country_programmes(store, Filters(country="SEN", lang="fr"))
    assert dict(zip(rows["iati_identifier"], rows["sectors"])) == {  # A's own vocabulary 98 is left out
        "TEST-A": "Faciliter la migration et la mobilité de façon ordonnée, sans danger, régulière et responsable",
        "TEST-D": "I.5.a. Gouvernement & société civile, général"}
    kenya, _ = queries.country_programmes(store, Filters(country="KEN"))
    assert kenya["sectors"].isna().all()  # B has sectors of the organization's vocabulary only


def test_the_download_holds_exactly_the_filtered_programmes_with_the_budget_in_focus(store: Path,
                                                                                   tmp_path: Path) -> None:
    target = tmp_path / "programmes.csv"
    queries.export_programmes_csv(store, Filters(region="RO_DKR"), target)
    with open(target, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(row["iati_identifier"], row["recipient_iso3"], row["budget_currency"], row["budget"]) for row in rows] == [
        ("TEST-A", "MLI; SEN", "USD", "3000.00"), ("TEST-D", "SEN", "USD", "50.00")]
    assert rows[0]["funder_names"] == "European Union" and rows[0]["sectors"] == "1:15190; 98:RR"
    assert rows[0]["sector_names"] == ("Facilitation of orderly, safe, regular and responsible migration and mobility;"
                                       " Return")
    assert rows[0]["status_name"] == "Implementation" and rows[0]["source_file"] == "iati/activities.xml"
    frames = list(queries.export_programmes(store, Filters(lang="fr", funders=("Kind donor",)), 100))
    assert [list(frame["title"]) for frame in frames] == [["Beta"]]
