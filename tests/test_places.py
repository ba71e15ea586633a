import csv

import pytest

from scripts.normalize.places import REFERENCE_DIR, Gazetteer, Place

CITY_COLUMNS = ["city_id", "name", "alt_names", "iso3", "lat", "lon", "population", "is_capital"]
REGION_COLUMNS = ["region_id", "name_en", "name_fr", "name_es", "aliases"]


def write_csv(path, columns, rows):
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        writer.writerows(rows)


@pytest.fixture
def small(tmp_path):
    write_csv(tmp_path / "cities.csv", CITY_COLUMNS, [
        [1, "Geneva", "Genève;Ginebra;Genf", "CHE", 46.2, 6.15, 200000, 0],
        [2, "Bern", "Berne;Berna", "CHE", 46.95, 7.45, 130000, 1],
        [3, "Valencia", "València", "ESP", 39.47, -0.38, 800000, 0],
        [4, "Valencia", "", "VEN", 10.16, -68.0, 1400000, 0],
        [5, "San José", "San Jose", "CRI", 9.93, -84.08, 340000, 1],
        [6, "San Jose", "", "USA", 37.34, -121.9, 1000000, 0],
        [7, "London", "Londres", "GBR", 51.5, -0.13, 8900000, 0],
        [8, "London", "", "CAN", 42.98, -81.23, 420000, 0],
        [9, "San Juan", "", "ARG", -31.5, -68.5, 450000, 0],
        [10, "San Juan", "", "ARG", -31.0, -68.0, 20000, 0],
        [11, "Berna", "", "ARG", -29.0, -59.0, 30000, 0],
    ])
    write_csv(tmp_path / "regions.csv", REGION_COLUMNS, [
        ["horn-of-africa", "Horn of Africa", "Corne de l'Afrique", "Cuerno de África", "HoA"],
        ["sahel", "Sahel", "Sahel", "Sahel", "Central Sahel"],
    ])
    return Gazetteer.from_reference(tmp_path)


@pytest.fixture(scope="module")
def shipped():
    return Gazetteer.from_reference()


def test_city_matches_own_name_case_and_accent_insensitively(small):
    assert small.city("GENEVA") == Place("Geneva", "CHE", 46.2, 6.15, "exact")
    assert small.city("san jose", "CRI").how == "exact"


def test_city_matches_french_and_spanish_alternate_names(small):
    assert small.city("Genève").iso3 == "CHE"
    assert small.city("Ginebra").how == "alt"


def test_city_prefers_own_names_over_alternate_names(small):
    # "Berna" is Bern's Spanish name but the own name of a town in Argentina.
    assert small.city("Berna").iso3 == "ARG"
    assert small.city("Berna", "CHE").name == "Bern"


def test_city_with_country_keeps_to_that_country(small):
    assert small.city("Valencia", "VEN").iso3 == "VEN"
    assert small.city("Geneva", "FRA") is None


def test_city_refuses_names_shared_by_countries_of_similar_size(small):
    assert small.city("Valencia") is None


def test_city_shared_name_goes_to_the_only_capital(small):
    assert small.city("San Jose").iso3 == "CRI"


def test_city_shared_name_goes_to_a_far_more_populous_city(small):
    assert small.city("London").iso3 == "GBR"


def test_city_repeated_within_a_country_gives_the_most_populous(small):
    assert small.city("San Juan").lat == -31.5


def test_city_unknown_or_empty_name_gives_none(small):
    assert small.city("Atlantis") is None
    assert small.city("") is None


def test_capital_by_iso3(small):
    assert small.capital("che").name == "Bern"
    assert small.capital("ESP") is None


def test_region_names_in_three_languages_and_aliases(small):
    assert small.region("Corne de l'Afrique") == "horn-of-africa"
    assert small.region("cuerno de africa") == "horn-of-africa"
    assert small.region("HoA") == "horn-of-africa"


def test_region_ignores_articles_and_region_wording(small):
    assert small.region("the Sahel") == "sahel"
    assert small.region("région du Sahel") == "sahel"
    assert small.region("Sahel region") == "sahel"


def test_region_refuses_countries_and_cities(small):
    assert small.region("Niger") is None
    assert small.region("Geneva") is None


def test_shipped_gazetteer_knows_iom_cities_in_three_languages(shipped):
    assert shipped.city("Ginebra").name == "Geneva"
    assert shipped.city("Bruxelles").name == "Brussels"
    assert shipped.city("Ciudad de México").name == "Mexico City"
    assert shipped.city("Le Caire").name == "Cairo"
    assert shipped.city("Kakuma", "KEN").iso3 == "KEN"


def test_shipped_regions_include_continents_and_migration_corridors(shipped):
    assert shipped.region("América del Sur") == "south-america"
    assert shipped.region("Caraïbes") == "caribbean"
    assert shipped.region("Lake Chad Basin") == "lake-chad-basin"
    assert shipped.region("Western Balkans") == "western-balkans"


def test_shipped_gazetteer_has_a_capital_for_every_iom_member_and_observer(shipped):
    with (REFERENCE_DIR / "iom_member_states.csv").open(encoding="utf-8") as handle:
        states = [row["iso3"] for row in csv.DictReader(handle)]
    assert [iso3 for iso3 in states if shipped.capital(iso3) is None] == []


def test_shipped_cities_file_is_compact_and_well_formed():
    path = REFERENCE_DIR / "cities.csv"
    assert path.stat().st_size < 2_000_000
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == CITY_COLUMNS
    assert len({row["city_id"] for row in rows}) == len(rows)
    assert all(len(row["iso3"]) == 3 and -90 <= float(row["lat"]) <= 90 for row in rows)


def test_shipped_gazetteer_places_capitals():
    gazetteer = Gazetteer.from_reference()
    assert gazetteer.capital("SEN").name == "Dakar"
