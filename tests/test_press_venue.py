"""Venue phrases: a city after 'in', 'à', 'en', nearest to the event's date; countries as a fallback."""

import pytest

from scripts.normalize.countries import CountryResolver
from scripts.normalize.places import Gazetteer
from scripts.press.country_names import CountryNames
from scripts.press.venue import find_venues, nearest_venue


@pytest.fixture(scope="module")
def lookups():
    return Gazetteer.from_reference(), CountryNames.from_reference(CountryResolver.from_reference())


def _venues(lookups, text):
    return [(venue.city, venue.iso3) for venue in find_venues(text, 0, len(text), *lookups)]


@pytest.mark.parametrize("text, expected", [
    ("officials met in Tunis for a workshop", [("Tunis", "TUN")]),
    ("se sont réunis à Genève", [("Genève", "CHE")]),
    ("se reunieron en la Ciudad de Guatemala en el marco", [("Ciudad de Guatemala", "GTM")]),
    ("se reunieron en la ciudad de Guatemala", [("Guatemala", "GTM")]),
    ("ils se sont réunis au Caire", [("Le Caire", "EGY")]),
    ("held in the Moroccan city of Oujda", [("Oujda", "MAR")]),
    ("a workshop held in Niger", [(None, "NER")]),
    ("held in Africa in May", []),
])
def test_prepositions_introduce_cities_and_countries(lookups, text, expected):
    assert _venues(lookups, text) == expected


def test_nearest_city_to_the_dates_wins_over_countries(lookups):
    text = "IOM's office in Tunisia organized the workshop held in Sfax from 3 to 5 May, not in Tunis."
    venue = nearest_venue(find_venues(text, 0, len(text), *lookups), text.index("from 3"))
    assert (venue.city, venue.iso3) == ("Sfax", "TUN")


def test_a_town_missing_from_the_gazetteer_counts_when_its_country_follows(lookups):
    assert _venues(lookups, "held in Saly, Senegal, from 3 to 5 May") == [("Saly", "SEN")]
    assert _venues(lookups, "réunis à Rosso (Mauritanie) du 3 au 5 mai") == [("Rosso", "MRT")]
    assert _venues(lookups, "held in May, Senegal") == []



def test_a_town_the_gazetteer_lacks_is_the_venue_when_au_and_its_country_follow(lookups):
    assert _venues(lookups, "se sont réunis à Saly, au Sénégal, pour un atelier")[:1] == [("Saly", "SEN")]


def _venues_named(lookups, text, named):
    return [(venue.city, venue.iso3) for venue in find_venues(text, 0, len(text), *lookups, frozenset(named))]


@pytest.mark.parametrize("text, named, expected", [
    ("a workshop in the Nicaraguan capital Managua", [], [("Managua", "NIC")]),
    ("la formation s'est déroulée à la préfecture de Man", [], [("Man", "CIV")]),
    ("un atelier à La Somone, au Sénégal", ["SEN"], [("La Somone", "SEN"), (None, "SEN")]),
    ("an atelier held in Nadi", ["FJI"], [("Nadi", "FJI")]),
    ("an atelier held in Nadi", [], []),  # towns only among the countries a release names
    ("un atelier à Bali", ["IDN", "MYS"], [(None, "IDN")]),
    ("un atelier à Bali", [], [(None, "IDN")]),  # the province, not the small town in India
    ("un atelier à Gao", ["MLI"], [("Gao", "MLI")]),  # Burkina Faso has a Gao too
    ("un atelier à Gao", ["BFA"], [("Gao", "BFA")]),
])
def test_towns_provinces_and_capitals_of_the_named_countries(lookups, text, named, expected):
    assert _venues_named(lookups, text, named) == expected


def test_a_town_no_table_knows_right_after_the_dates(lookups):
    from scripts.press.venue import town_after_date
    text = "un taller celebrado del 22 al 24 de febrero en Juan Dolio."
    assert town_after_date(text, text.index("del 22"), *lookups) == "Juan Dolio"
    text = "a workshop held from 3 to 5 May in Europe."
    assert town_after_date(text, text.index("from 3"), *lookups) is None


def test_a_title_case_headline_names_only_known_cities(lookups):
    from scripts.press.venue import town_after_date
    assert town_after_date("Border Officers Trained in Crisis Response", 0, *lookups) is None
    assert town_after_date("Border Officers Trained in Dakar", 0, *lookups) == "Dakar"
    assert town_after_date("Des agents formés à Ndiobène", 0, *lookups) == "Ndiobène"


@pytest.mark.parametrize("text, expected", [
    ("s'est achevé mercredi dans la ville malienne de Sikasso, à 380 km au sud", [("Sikasso", "MLI")]),
    ("a drill held in Senegal's Saint-Louis airport", [("Saint-Louis", "SEN")]),
    ("El encuentro se celebra en un hotel de Tela, a orillas del Caribe", [("Tela", "HND")]),
    ("les travaux ont repris à Ribat Hôtel de Kaolack", [("Kaolack", "SEN")]),
    ("réunis dans la salle des fêtes de la Mairie de Ziguinchor", [("Ziguinchor", "SEN")]),
    ("officials trained at the University of Nairobi", [("Nairobi", "KEN")]),
])
def test_city_words_with_adjectives_possessive_countries_and_hotels(lookups, text, expected):
    assert _venues(lookups, text) == expected


def test_no_shorter_city_inside_a_longer_unknown_name(lookups):
    assert _venues_named(lookups, "un encuentro en San Zzyzx del Sur", []) == []
