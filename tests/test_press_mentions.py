"""Countries named in running text: lists and contractions count; demonyms, cities, regions,
organizations and short capitals codes do not; donors are marked."""

import pytest

from scripts.normalize.countries import CountryResolver
from scripts.normalize.organizations import OrganizationResolver
from scripts.normalize.places import Gazetteer
from scripts.press.country_names import CountryNames
from scripts.press.mentions import CountryMentions


@pytest.fixture(scope="module")
def mentions():
    names = CountryNames.from_reference(CountryResolver.from_reference())
    return CountryMentions.from_reference(names, Gazetteer.from_reference(), OrganizationResolver.from_reference())


def _iso3s(mentions, text):
    return [mention.iso3 for mention in mentions.find(text)]


@pytest.mark.parametrize("text, expected", [
    ("officials from Tunisia, Libya, Egypt, the Sudan and the Niger met", ["TUN", "LBY", "EGY", "SDN", "NER"]),
    ("des représentants du Tchad, du Niger et de la Mauritanie", ["TCD", "NER", "MRT"]),
    ("les délégations d'Haïti et aux Philippines", ["HTI", "PHL"]),
    ("delegaciones de Guatemala, Honduras y El Salvador", ["GTM", "HND", "SLV"]),
    ("la République démocratique du Congo, le Royaume-Uni et les Émirats arabes unis", ["COD", "GBR", "ARE"]),
    ("Trinidad and Tobago, Bosnia and Herzegovina and Guinea Bissau", ["TTO", "BIH", "GNB"]),
    ("Costa Rica's minister and the Republic of Korea", ["CRI", "KOR"]),
    ("Papua New Guinea and Equatorial Guinea", ["PNG", "GNQ"]),
])
def test_lists_and_contractions_give_each_country_once(mentions, text, expected):
    assert _iso3s(mentions, text) == expected


@pytest.mark.parametrize("text", [
    "refugiados sirios y migrantes venezolanos",
    "des femmes syriennes et tchadiennes",
    "Nigerian, Syrian and Venezuelan nationals",
    "Lake Chad, the Niger Delta, the Gulf of Guinea, le bassin du lac Tchad",
    "officials from Guatemala City and San Salvador, and from Mexico City",
    "the Bali Process and ECOWAS",
    "IN DE LA ES MA TO",
    "le préfet Maurice Ouédraogo et Jordan Mwale ont ouvert la session",
])
def test_demonyms_places_organizations_and_codes_are_not_countries(mentions, text):
    assert _iso3s(mentions, text) == []


def test_countries_named_as_funders_are_marked(mentions):
    found = mentions.find("Funded by the Government of Japan and the Netherlands, with officials from Mali. "
                          "Financé par l’Union européenne, l’atelier a réuni des agents du Niger.")
    assert [(m.iso3, m.funding) for m in found] == [("JPN", True), ("NLD", True), ("MLI", False), ("NER", False)]


def test_supporting_countries_are_donors_but_countries_after_other_words_are_not(mentions):
    found = mentions.find("With the support of the Government of Canada, officials of Peru met. "
                          "With the support of UNHCR, officials from Chile met. "
                          "Une formation pour la Mauritanie, avec le soutien de l'Espagne.")
    assert [(m.iso3, m.funding) for m in found] == [("CAN", True), ("PER", False), ("CHL", False),
                                                     ("MRT", False), ("ESP", True)]


@pytest.mark.parametrize("text, background", [
    ("L'afflux de personnes en provenance du Soudan continue.", ["SDN"]),
    ("dans la province du Lac, à la frontière avec le Nigéria", ["NGA"]),
    ("Similar dialogues were held previously in Malaysia and Singapore.", ["MYS", "SGP"]),
    ("miles de refugiados y migrantes de Venezuela", ["VEN"]),
    ("Officials from Chad and Niger met in N'Djamena.", []),
    ("checks on travellers entering Ghana, particularly from Togo and Burkina Faso", ["TGO", "BFA"]),
    ("la région partage une longue limite frontalière avec le Cameroun", ["CMR"]),
    ("familias que huyen de la violencia en Nicaragua", ["NIC"]),
    ("workers smuggled into Malaysia every year", ["MYS"]),
    ("the compact adopted in Marrakech, Morocco guides the talks", ["MAR"]),
    ("une formation similaire organisée au Sénégal", ["SEN"]),
    ("en el marco del proyecto titulado «Cooperación entre Panamá y Costa Rica»", ["PAN", "CRI"]),
    ("Delegates of Ghana and Togo attended the training.", []),
])
def test_countries_named_as_origins_borders_or_earlier_venues_are_background(mentions, text, background):
    assert [m.iso3 for m in mentions.find(text) if m.background] == background


def test_spanish_reunion_is_a_meeting_not_reunion_island(mentions):
    assert _iso3s(mentions, "La reunión fue convocada por Guatemala. Reunión técnica en Honduras.") == ["GTM", "HND"]


def test_countries_inside_the_names_of_national_agencies_are_no_mentions():
    from scripts.normalize.countries import CountryResolver
    from scripts.normalize.organizations import OrganizationResolver
    from scripts.normalize.places import Gazetteer
    from scripts.press.country_names import CountryNames
    from scripts.press.mentions import CountryMentions
    names = CountryNames.from_reference(CountryResolver.from_reference())
    mentions = CountryMentions.from_reference(names, Gazetteer.from_reference(), OrganizationResolver.from_reference())
    text = "La OIM, la Agencia de los Estados Unidos para el Desarrollo Internacional (USAID) y Honduras celebraron."
    assert [mention.iso3 for mention in mentions.find(text)] == ["HND"]


def test_a_country_that_is_also_a_given_name_still_counts_before_lower_case_words_and_codes(mentions):
    text = "des délégués de Maurice et du Kenya, puis Jordan a pris la parole"
    assert _iso3s(mentions, text) == ["MUS", "KEN", "JOR"]
    assert _iso3s(mentions, "les délégations de Maurice, Madagascar et les Seychelles") == ["MUS", "MDG", "SYC"]
