"""The reference tables load into the warehouse whole and consistent."""

import duckdb
import pytest

from scripts import reference
from scripts.normalize import language
from scripts.schema import TABLES


@pytest.fixture(scope="module")
def con():
    connection = duckdb.connect()
    for table in TABLES:
        connection.execute(table.ddl())
    reference.load(connection)
    yield connection
    connection.close()


def scalar(con, sql: str):
    return con.execute(sql).fetchone()[0]


def test_countries_cover_iso_and_kosovo(con):
    assert scalar(con, "SELECT count(*) FROM countries WHERE is_iso") == 249
    assert con.execute("SELECT iso2, is_iso FROM countries WHERE iso3 = 'XKX'").fetchall() == [("XK", False)]
    assert scalar(con, "SELECT count(*) FROM countries WHERE name_fr IS NULL OR name_es IS NULL") == 0


def test_every_member_state_has_a_country_row_and_current_office(con):
    missing = con.execute(f"""SELECT m.iso3 FROM read_csv('{reference.REFERENCE_DIR / "iom_member_states.csv"}') m
                              LEFT JOIN countries c USING (iso3) WHERE c.iom_region IS NULL""").fetchall()
    assert missing == []


def test_regional_offices_keep_their_history(con):
    assert scalar(con, "SELECT count(*) FROM regional_offices WHERE valid_to IS NULL") == 7
    assert con.execute("SELECT office_id, valid_from, valid_to FROM country_offices WHERE iso3 = 'ALB' "
                       "ORDER BY valid_from").fetchall() == [("RO_VIE_SEEECA", 2011, 2023), ("RO_VIE_ECA", 2024, None)]


def test_language_of_titles():
    assert language.detect("Atelier régional sur la traite des personnes") == "fr"
    assert language.detect("Taller regional sobre migración laboral") == "es"
    assert language.detect("Regional workshop on labour migration") == "en"
    assert language.detect("Dakar 2019") is None
    sql = language.detect_sql("SELECT 'Taller sobre trata de personas' AS value")
    assert duckdb.sql(sql).fetchall() == [("Taller sobre trata de personas", "es")]


def test_language_markers_are_whole_words_in_any_script():
    # DuckDB's \b is ASCII-only: "Yémen" held the Spanish "y" and "Delémont" the Spanish "del"
    assert language.detect("Training Yémen") == "en"
    assert language.detect("Atelier à Delémont") == "fr"
    assert language.detect("Taller en Toño") == "es"  # not the English "to"
    assert language.detect("RE\u0301UNION ET FORMATION") == "fr"  # decomposed accents, capitals
    titles = ["Training Yémen", "Atelier à Delémont", "Réunion régionale à Paraná", "Dakar 2019"]
    values = " UNION ALL ".join(f"SELECT '{title}' AS value" for title in titles)
    in_sql = dict(duckdb.sql(language.detect_sql(values)).fetchall())
    assert in_sql == {title: language.detect(title) for title in titles}
