"""IATI activity files: streamed into the programme tables, malformed activities rejected with their identifier."""

import shutil
from datetime import date
from pathlib import Path

import duckdb
import pytest

from scripts.cli import main
from scripts.refresh import DEMO_DIR, refresh

FIXTURES = Path(__file__).parent / "data" / "iati"


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    """A raw folder holding the two fixture files in iati/."""
    folder = tmp_path / "raw" / "iati"
    folder.mkdir(parents=True)
    for name in ("iom_activities.xml", "bad_activities.xml"):
        shutil.copy(FIXTURES / name, folder / name)
    return folder.parent


def _query(store: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(store), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_iati_rejections_name_the_activity_field_and_reason(raw, tmp_path):
    report = refresh(raw, tmp_path / "w.duckdb")
    found = [[r.record, r.field, r.code] for r in report.rejections if r.source_file == "iati/bad_activities.xml"]
    assert found == [[None, "iati_identifier", "missing-value"],
                     ["XM-DAC-47066-BAD.DATE", "activity_date", "bad-date"],
                     ["XM-DAC-47066-BAD.NUMBER", "transaction_value", "bad-decimal"],
                     ["XM-DAC-47066-BAD.COUNTRY", "recipient_country", "unknown-country"],
                     ["XM-DAC-47066-BAD.PERCENT", "recipient_country", "bad-percentages"],
                     ["XM-DAC-47066-BAD.GOOD", "iati_identifier", "duplicate-key"]]
    counts = {f.source_file: (f.rows_read, f.rows_loaded, f.rows_rejected) for f in report.files}
    assert counts == {"iati/bad_activities.xml": (7, 1, 6), "iati/iom_activities.xml": (3, 3, 0)}


def test_iati_rejections_are_stored_with_their_record_and_line(raw, tmp_path):
    store = tmp_path / "w.duckdb"
    refresh(raw, store)
    assert _query(store, """SELECT row_number, record_id, value FROM rejections
                            WHERE code = 'unknown-country'""") == [(51, "XM-DAC-47066-BAD.COUNTRY", "QQ")]


def test_iati_activity_fields_are_kept(raw, tmp_path):
    store = tmp_path / "w.duckdb"
    refresh(raw, store)
    row = _query(store, """SELECT title_en, title_fr, title_es, status, planned_start, actual_start, start_date,
                                  end_date, reporting_org, humanitarian, last_updated, default_currency
                           FROM programmes WHERE iati_identifier = 'XM-DAC-47066-TST.0001'""")[0]
    assert [str(v) for v in row] == ["Return and reintegration support in the Sahel",
                                     "Appui au retour et à la réintégration au Sahel", "None", "2", "2024-01-01",
                                     "2024-02-15", "2024-02-15", "2026-12-31", "XM-DAC-47066", "True",
                                     "2026-11-28 09:15:00", "USD"]
    spanish = _query(store, "SELECT title_es, title_en FROM programmes WHERE iati_identifier LIKE '%0002'")
    assert spanish == [("Protección de personas migrantes en Centroamérica",
                        "Protection of migrants in Central America")]
    assert _query(store, """SELECT vocabulary, code, name, percentage FROM programme_sectors
                            WHERE iati_identifier LIKE '%0001' ORDER BY 1, 2""") == [
        ("1", "15190", None, 70.0), ("1", "72010", None, 30.0), ("98", "RR", "Return and reintegration", 100.0),
        ("99", "MP", "Migration policy", 100.0)]
    assert _query(store, """SELECT role, ref, name FROM programme_organizations
                            WHERE iati_identifier LIKE '%0001' ORDER BY 1""")[0] == (
        "accountable", "XM-DAC-47066", "International Organization for Migration (IOM)")
    assert _query(store, "SELECT name, lat, lon FROM programme_locations") == [("Agadez", 16.97, 7.99)]


def test_iati_values_stay_in_their_currency(raw, tmp_path):
    store = tmp_path / "w.duckdb"
    refresh(raw, store)
    assert _query(store, """SELECT currency, sum(value) FROM programme_budgets GROUP BY 1 ORDER BY 1""") == [
        ("EUR", 200000.0), ("USD", 2400100.5)]
    assert _query(store, """SELECT transaction_type, transaction_date, value, currency, provider_ref, receiver_name
                            FROM programme_transactions WHERE iati_identifier LIKE '%0001' ORDER BY 2""")[0][2:] == (
        1500000.0, "USD", "XI-IATI-EC_INTPA", "IOM")


def test_iati_budgets_split_over_countries_add_up(raw, tmp_path):
    store = tmp_path / "w.duckdb"
    refresh(raw, store)
    assert _query(store, """SELECT iso3, percentage, percentage_assumed FROM programme_countries
                            WHERE iati_identifier LIKE '%0002' ORDER BY 1""") == [
        ("GTM", pytest.approx(100 / 3), True), ("HND", pytest.approx(100 / 3), True),
        ("SLV", pytest.approx(100 / 3), True)]
    split = _query(store, """SELECT iso3, value, share_assumed FROM programme_country_budgets
                             WHERE iati_identifier LIKE '%0001' AND period_start = '2024-01-01' ORDER BY 1""")
    assert split == [("MLI", 400000.0, False), ("NER", 600000.0, False)]
    # every country's share of a budget adds up to the budget when the countries hold all of it
    assert _query(store, """SELECT b.iati_identifier, b.value, sum(c.value) FROM programme_budgets b
                            JOIN programme_country_budgets c USING (iati_identifier, period_start)
                            WHERE b.iati_identifier NOT LIKE '%0003' GROUP BY ALL
                            HAVING abs(b.value - sum(c.value)) > 1e-6""") == []
    # a programme half in a region puts half its budget on its country, and the region holds the rest
    assert _query(store, "SELECT iso3, value FROM programme_country_budgets WHERE iati_identifier LIKE '%0003'") == [
        ("KEN", 100000.0)]
    assert _query(store, "SELECT code, percentage FROM programme_regions") == [("298", 50.0)]


def test_iati_contact_details_are_not_stored(raw, tmp_path):
    store = tmp_path / "w.duckdb"
    refresh(raw, store)
    with duckdb.connect(str(store), read_only=True) as con:
        tables = [t for (t,) in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()]
        text = "".join(str(con.execute(f"SELECT * FROM {t}").fetchall()) for t in tables)
    assert "example.org" not in text and "A Person" not in text


def test_iati_codelists_are_reference_tables(raw, tmp_path):
    store = tmp_path / "w.duckdb"
    refresh(raw, store)
    assert _query(store, """SELECT name_en, name_fr FROM iati_codelists
                            WHERE codelist = 'OrganisationRole' AND code = '4'""") == [
        ("Implementing", "Mise en œuvre")]


def test_dac_sector_and_currency_codelists_are_reference_tables_with_their_version(raw, tmp_path):
    store = tmp_path / "w.duckdb"
    refresh(raw, store)
    assert _query(store, """SELECT codelist, code, name_en, name_fr, version FROM iati_codelists
                            WHERE (codelist, code) IN (('Sector', '15190'), ('SectorCategory', '151'),
                                                      ('Currency', 'USD')) ORDER BY 1""") == [
        ("Currency", "USD", "US Dollar", None, "b1254d51b6cb0a5836b4eb2920f88c825f6c7c13"),
        ("Sector", "15190", "Facilitation of orderly, safe, regular and responsible migration and mobility",
         "Faciliter la migration et la mobilité de façon ordonnée, sans danger, régulière et responsable",
         "01cbd84723c577f48b0ee0f0122bacc23f2795fa"),
        ("SectorCategory", "151", "I.5.a. Government and civil society, general",
         "I.5.a. Gouvernement & société civile, général", "0733cd9589e5399bbe3b6944f9f591ac78fd06e9")]


def test_iati_currencies_are_checked_against_the_currency_codelist(tmp_path):
    folder = tmp_path / "raw" / "iati"
    folder.mkdir(parents=True)
    budget = '<budget><period-start iso-date="2024-01-01"/><period-end iso-date="2024-12-31"/>{}</budget>'
    (folder / "currencies.xml").write_text(f"""<iati-activities version="2.03">
 <iati-activity default-currency="XYZ"><iati-identifier>T-UNKNOWN</iati-identifier>
  {budget.format('<value>10</value>')}</iati-activity>
 <iati-activity default-currency="USD"><iati-identifier>T-OWN</iati-identifier>
  <transaction><transaction-type code="3"/><transaction-date iso-date="2024-02-01"/><value currency="EURO">5</value>
  </transaction></iati-activity>
 <iati-activity default-currency=" eur "><iati-identifier>T-CASE</iati-identifier>
  {budget.format('<value>7</value>')}</iati-activity>
 <iati-activity default-currency="XYZ"><iati-identifier>T-STATED</iati-identifier>
  {budget.format('<value currency="EEK">3</value>')}</iati-activity>
</iati-activities>""", encoding="utf-8")
    store = tmp_path / "w.duckdb"
    report = refresh(folder.parent, store)
    rejected = [r for r in report.rejections if r.source_file == "iati/currencies.xml"]
    assert [[r.record, r.field, r.code, r.value] for r in rejected] == [
        ["T-UNKNOWN", "currency", "unknown-code", "XYZ"], ["T-OWN", "currency", "unknown-code", "EURO"]]
    assert rejected[0].message == "'XYZ' is not a known currency"
    # a known code in another case is stored in capitals; a withdrawn one (EEK, before the euro) still names a value
    assert _query(store, "SELECT iati_identifier, currency FROM programme_budgets ORDER BY 1") == [
        ("T-CASE", "EUR"), ("T-STATED", "EEK")]


@pytest.mark.parametrize(("content", "reason"), [
    (b"", "not readable as XML"),
    (b"\x89PNG\r\n\x1a\n\x00\x00binary", "not readable as XML"),
    (b"<?xml version='1.0'?><iati-organisations version='2.03'/>", "not an IATI activity file"),
    (b"<iati-activities version='2.03'><iati-activity><iati-identifier>X</iati-identifier>", "not readable as XML"),
    (b"<?xml version='1.0'?><!DOCTYPE r [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;'>]>"
     b"<iati-activities version='2.03'><iati-activity><iati-identifier>&b;</iati-identifier></iati-activity>"
     b"</iati-activities>", "declares XML entities"),
])
def test_unreadable_iati_file_exits_2_naming_it(raw, tmp_path, capsys, content, reason):
    (raw / "iati" / "broken.xml").write_bytes(content)
    store = tmp_path / "w.duckdb"
    assert main(["refresh", "--raw", str(raw), "--warehouse", str(store)]) == 2
    err = capsys.readouterr().err
    assert "broken.xml" in err and reason in err
    assert not store.exists()


def test_refresh_prints_activities_per_iati_file(raw, tmp_path, capsys):
    assert main(["refresh", "--raw", str(raw), "--warehouse", str(tmp_path / "w.duckdb")]) == 0
    lines = capsys.readouterr().out.splitlines()
    line = next(line for line in lines if "iati/bad_activities.xml" in line and "activities" in line)
    assert line.split() == ["iati/bad_activities.xml", "iati", "7", "activities", "read", "1", "loaded", "6",
                            "rejected"]


def test_generated_bench_files_load_with_their_planted_faults(tmp_path):
    from tools.sample_iati import write_bench_files

    write_bench_files(tmp_path / "raw" / "iati", activities=200, transactions=1000)
    report = refresh(tmp_path / "raw", tmp_path / "w.duckdb")
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (200, 198, 2)
    assert sorted(code for *_, code in report.flat()) == ["bad-date", "bad-percentages", "unknown-country"]
    assert report.table_counts["programme_transactions"] == 990


def test_quality_page_lists_iati_rejections_with_their_identifier(raw, tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from tools.apptest import open_page

    shutil.copy(DEMO_DIR / "member_states.csv", raw / "member_states.csv")  # pages open on a store with member states
    store = tmp_path / "w.duckdb"
    refresh(raw, store)
    monkeypatch.setenv("MIGDASH_WAREHOUSE", str(store))
    page = AppTest.from_function(open_page, args=("data_quality",), default_timeout=30)
    page.query_params["lang"] = "fr"
    page.run()
    assert not page.exception, page.exception
    table = next(frame.value for frame in page.dataframe if "Enregistrement" in frame.value.columns)
    shown = list(table[["Ligne", "Enregistrement", "Champ", "Problème"]].itertuples(index=False, name=None))
    assert (61, "XM-DAC-47066-BAD.PERCENT", "pays bénéficiaire", "Pourcentages différents de 100") in shown
    assert (19, "", "identifiant IATI", "Valeur manquante") in shown


def test_a_1_0x_activity_is_read_where_its_shape_differs(tmp_path):
    folder = tmp_path / "raw" / "iati"
    folder.mkdir(parents=True)
    (folder / "old.xml").write_text(
        '<iati-activities version="1.03"><iati-activity default-currency="USD">'
        "<iati-identifier>XM-DAC-47066-OLD.1</iati-identifier><title>An older file</title>"
        '<participating-org role="Funding" ref="GB-1">DFID</participating-org>'
        '<activity-date type="start-actual" iso-date="2012-03-01"/><recipient-country code="SN"/>'
        '<transaction><transaction-type code="D"/><transaction-date iso-date="2012-05-01"/>'
        '<value value-date="2012-05-01">100</value><provider-org ref="GB-1">DFID</provider-org></transaction>'
        '<location><coordinates latitude="14.7" longitude="-17.4"/></location>'
        "</iati-activity></iati-activities>", encoding="utf-8")
    store = tmp_path / "w.duckdb"
    refresh(tmp_path / "raw", store)
    assert _query(store, "SELECT title_en, actual_start FROM programmes") == [("An older file", date(2012, 3, 1))]
    assert _query(store, "SELECT role, ref, name FROM programme_organizations") == [("funding", "GB-1", "DFID")]
    assert _query(store, "SELECT transaction_type, provider_name FROM programme_transactions") == [("3", "DFID")]
    assert _query(store, "SELECT lat, lon FROM programme_locations") == [(14.7, -17.4)]


def test_a_single_activity_exported_on_its_own_is_read(tmp_path):
    folder = tmp_path / "raw" / "iati"
    folder.mkdir(parents=True)
    (folder / "one.xml").write_text(  # the shape a portal's export of one activity takes: no iati-activities around it
        '<?xml version="1.0"?><iati-activity xmlns:portal="http://example.org/portal" portal:version="2.03" '
        'humanitarian="1" default-currency="EUR"><iati-identifier>XM-DAC-47066-CT.0101</iati-identifier>'
        '<reporting-org ref="XM-DAC-47066" type="40"><narrative>IOM</narrative></reporting-org>'
        "<title><narrative>Shelter kits for families displaced by floods</narrative></title>"
        '<activity-status code="2"/><activity-date iso-date="2022-04-01" type="2"/>'
        '<contact-info type="1"><email>office@example.org</email></contact-info><recipient-country code="MZ"/>'
        '<sector code="CT" vocabulary="99"><narrative>Counter-trafficking</narrative></sector>'
        '<policy-marker code="2a" vocabulary="99"/><capital-spend percentage="0"/>'
        '<budget type="1"><period-start iso-date="2022-04-01"/><period-end iso-date="2023-03-31"/>'
        '<value value-date="2022-04-01">250000</value></budget></iati-activity>', encoding="utf-8")
    store = tmp_path / "w.duckdb"
    report = refresh(tmp_path / "raw", store)
    assert (report.rows_read, report.rows_loaded) == (1, 1)
    assert _query(store, "SELECT iati_identifier, humanitarian FROM programmes") == [("XM-DAC-47066-CT.0101", True)]
    assert _query(store, "SELECT iso3, currency, value FROM programme_country_budgets") == [("MOZ", "EUR", 250000.0)]
    assert _query(store, "SELECT vocabulary, code FROM programme_sectors") == [("99", "CT")]


def test_iati_programmes_of_a_file_named_sample_are_flagged_illustrative(raw, tmp_path):
    shutil.copy(FIXTURES / "iom_activities.xml", raw / "iati" / "programmes_sample.xml")
    (raw / "iati" / "iom_activities.xml").unlink()
    store = tmp_path / "w.duckdb"
    refresh(raw, store)
    assert _query(store, "SELECT source_file, is_sample, count(*) FROM programmes GROUP BY 1, 2 ORDER BY 1") == [
        ("iati/bad_activities.xml", False, 1), ("iati/programmes_sample.xml", True, 3)]


def test_iati_a_revised_budget_replaces_the_original_of_its_period(tmp_path):
    folder = tmp_path / "raw" / "iati"
    folder.mkdir(parents=True)
    budget = ('<budget{kind}><period-start iso-date="{year}-01-01"/><period-end iso-date="{year}-12-31"/>'
              "<value>{value}</value></budget>")
    budgets = "".join(budget.format(kind=kind, year=year, value=value) for kind, year, value in (
        ("", 2024, 10000), (' type="2"', 2024, 8000), (' type="1"', 2025, 5000)))
    (folder / "revised.xml").write_text(
        '<iati-activities version="2.03"><iati-activity default-currency="EUR"><iati-identifier>REV-1'
        '</iati-identifier><recipient-country code="SN" percentage="100"/>' + budgets
        + "</iati-activity></iati-activities>", encoding="utf-8")
    store = tmp_path / "w.duckdb"
    refresh(folder.parent, store)
    assert _query(store, "SELECT period_start, value FROM programme_country_budgets ORDER BY 1") == [
        (date(2024, 1, 1), 8000.0), (date(2025, 1, 1), 5000.0)]  # 2024's original is superseded; 2025 has none
    assert _query(store, "SELECT count(*) FROM programme_budgets") == [(3,)]  # every budget line is kept
