"""Datelines: the city, country and date that open a release, and sentences that are not datelines."""

import datetime

import pytest

from scripts.normalize.countries import CountryResolver
from scripts.normalize.places import Gazetteer
from scripts.press.country_names import CountryNames
from scripts.press.datelines import display_name, find_dateline

ANCHOR = datetime.date(2023, 3, 14)


@pytest.fixture(scope="module")
def lookups():
    return Gazetteer.from_reference(), CountryNames.from_reference(CountryResolver.from_reference())


@pytest.mark.parametrize("text, city, iso3, day", [
    ("Tunis - From 10 to 12 May, officials met.", "Tunis", "TUN", None),
    ("Amman, 3 June 2021 – Officials met.", "Amman", "JOR", datetime.date(2021, 6, 3)),
    ("GENÈVE (OIM) – Les représentants…", "Genève", "CHE", None),
    ("Ciudad de Guatemala, 5 de marzo de 2019.- Del 4 al 6…", "Ciudad de Guatemala", "GTM", datetime.date(2019, 3, 5)),
    ("Dakar, 12 mars 2023 – L'Organisation…", "Dakar", "SEN", datetime.date(2023, 3, 12)),
    ("San José – Del 8 al 10 de julio de 2019…", "San José", "CRI", None),
    ("COX'S BAZAR, Bangladesh – Health workers…", "Cox's Bazar", "BGD", None),
    ("PORT-AU-PRINCE, Haïti – L'OIM…", "Port-au-Prince", "HTI", None),
    ("Dakar (Sénégal), le 12 mars – L'OIM…", "Dakar", "SEN", datetime.date(2023, 3, 12)),
    ("Geneva/Nairobi – IOM…", "Geneva", "CHE", None),
    ("Lima, Perú.- Los días 14 y 15…", "Lima", "PER", None),
    ("Rosso, Mauritanie – Des agents…", "Rosso", "MRT", None),
    ("Kayes- Une cinquantaine d'agents…", "Kayes", "MLI", None),
    ("Agadez, les 4 et 5 mai 2022 - Des élus…", "Agadez", "NER", datetime.date(2022, 5, 4)),
    ("Bishkek, May 3-4 2021-The Ministry…", "Bishkek", "KGZ", datetime.date(2021, 5, 3)),
    ("Tegucigalpa, 14 de marzo de 2019.\nLa Secretaría…", "Tegucigalpa", "HND", datetime.date(2019, 3, 14)),
    ("PNA (LAHORE, 9 May 2022) – A seminar…", "Lahore", "PAK", datetime.date(2022, 5, 9)),
])
def test_dateline_gives_city_country_and_date(lookups, text, city, iso3, day):
    dateline = find_dateline(text, *lookups, anchor=ANCHOR)
    assert (dateline.city, dateline.iso3, dateline.date) == (city, iso3, day)
    assert text[dateline.end:][0].isupper()


@pytest.mark.parametrize("text", [
    "Honduras, 14 de marzo de 2019\nLa Secretaría…",
    "Tegucigalpa\nLa Secretaría…",
    "Wednesday, 14 March 2019\nThe Ministry…",
])
def test_a_line_of_its_own_is_a_dateline_only_with_a_known_city_and_a_date(lookups, text):
    dateline = find_dateline(text, *lookups, anchor=ANCHOR)
    assert dateline is None or dateline.city is None


def test_country_dateline_without_a_city_of_that_name_gives_the_country(lookups):
    dateline = find_dateline("Haïti – Les autorités…", *lookups)
    assert (dateline.city, dateline.iso3) == (None, "HTI")


@pytest.mark.parametrize("text", [
    "In a statement - the Director said…",
    "The workshop – held in Tunis – ended.",
    "IOM today launched a plan – the first of its kind.",
    "Breaking – news",
])
def test_sentences_with_a_dash_are_not_datelines(lookups, text):
    assert find_dateline(text, *lookups) is None


def test_capitals_only_names_get_ordinary_case():
    assert [display_name(n) for n in ("PORT-AU-PRINCE", "COX'S BAZAR", "CIUDAD DE MÉXICO", "Genève")] == [
        "Port-au-Prince", "Cox's Bazar", "Ciudad de México", "Genève"]


def test_dateline_after_a_short_date_line_is_found(lookups):
    text = "12 May 2022\n\nNAIROBI, Kenya – Statisticians met."
    dateline = find_dateline(text, *lookups)
    assert (dateline.city, dateline.iso3) == ("Nairobi", "KEN")
    assert text[dateline.end:] == "Statisticians met."


@pytest.mark.parametrize("text, city, iso3, day", [
    ("02 May 2019, Tadjourah, Djibouti: The workshop opened.", "Tadjourah", "DJI", datetime.date(2019, 5, 2)),
    ("Santo Domingo, D.N.- Representantes de varias instituciones…", "Santo Domingo", "DOM", None),
    ("SUVA, Fiji (ILO News) - The two organizations launched…", "Suva", "FJI", None),
])
def test_date_first_heads_abbreviations_and_agency_tags(lookups, text, city, iso3, day):
    found = find_dateline(text, *lookups, ANCHOR)
    assert (found.city, found.iso3, found.date) == (city, iso3, day)


def test_a_dateline_after_a_standfirst_and_a_caption_is_found(lookups):
    text = ("The two organizations want to make seasonal work safer for the people of the Pacific islands.\n\n"
            "Participants at the launch. © Photo\n"
            "SUVA, Fiji (ILO News) - The two organizations launched a programme on 29 November 2022.")
    found = find_dateline(text, *lookups, ANCHOR)
    assert (found.city, found.iso3) == ("Suva", "FJI")
    assert text[found.end:].startswith("The two organizations launched")


def test_an_unknown_town_before_a_colon_needs_its_country_and_a_date(lookups):
    assert find_dateline("Tadjourah: the workshop opened this morning.", *lookups, ANCHOR) is None


@pytest.mark.parametrize("text, city, iso3", [
    ("Kilimanjaro – IOM organized a three-day training course.", None, "TZA"),
    ("Tapachula, Chiapas.- Al acudir a la presentación…", "Tapachula", "MEX"),
    ("(Barquisimeto) La Comisión Nacional para Refugiados dictó un taller…", "Barquisimeto", "VEN"),
    ("San Pedro de Macorís. “La seguridad fronteriza es una prioridad”, señaló el ministro.", "San Pedro de Macorís",
     "DOM"),
    ("PORT OF SPAIN, Trinidad, CMC—A three-day regional workshop got underway here on Monday.", "Port of Spain",
     "TTO"),
])
def test_region_agency_parenthesized_and_full_stop_datelines(lookups, text, city, iso3):
    found = find_dateline(text, *lookups, ANCHOR)
    assert (found.city, found.iso3) == (city, iso3)


def test_a_sentence_opening_with_an_unknown_name_and_a_full_stop_is_no_dateline(lookups):
    assert find_dateline("Delegates arrived. They met on Monday.", *lookups, ANCHOR) is None


def test_a_town_opening_a_text_that_names_no_country_is_placed_only_when_one_country_has_it(lookups):
    dateline = find_dateline("Bouna - Des agents des frontières suivent une formation…", *lookups)
    assert (dateline.city, dateline.iso3, dateline.known_city) == ("Bouna", "CIV", True)
    assert find_dateline("Asadabad - Officials met the team…", *lookups) is None  # towns of Afghanistan and Iran
    assert find_dateline("La réunion - Elle a rassemblé trente agents…", *lookups) is None
