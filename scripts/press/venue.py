"""Where the event took place, from phrases such as 'met in Tunis', 'se sont réunis à Genève',
'se reunieron en la Ciudad de Guatemala', 'held … in Mbour', 'celebrada en Sucre, Bolivia'.

A venue is a preposition (in, at, à, au, dans, en, Spanish a) followed by a capitalized name that the
gazetteer knows as a city ('in the city of Oujda', 'dans la ville malienne de Sikasso', 'en un hotel
de Tela', "in Sierra Leone's Lungi" too), unless the name is a region or a month ('in Africa', 'in
May'); or a name that is exactly a country's; or a town of towns.csv or a province (as its country)
of a country the text names ('à Sevaré', 'à Bali'); or a town the gazetteer lacks when its country
follows ('in Saly, Senegal'). A province of one country that is also a small town elsewhere is the
province unless only the town's country is named (Bali is in Indonesia). A shorter city inside a
longer unknown name is none ('San' of 'San Cristóbal'). Within a sentence the candidate nearest to
the event's date phrase wins, cities before countries. Verbs of hosting put the venue before them
("d'Abéché a servi de cadre"); a name no table knows right after the dates, or ending a headline
that is not in Title Case, may be a town too small for any table.
"""

import re
from dataclasses import dataclass

from scripts.normalize.dates import parse_date
from scripts.normalize.places import Gazetteer
from scripts.normalize.text import fold
from scripts.press.country_names import POSSESSIVE, CountryNames
from scripts.press.datelines import display_name

MAX_NAME_WORDS = 4
_PREPOSITIONS = frozenset("in at à au aux dans en a".split())  # Spanish 'a': 'una visita a Panamá'
_ARTICLES = frozenset("the la el le l' los las les".split())
_PARTICLES = frozenset("de del la el du des of the y al".split())
_COUNTRY_PREPOSITION = re.compile(r"^(?:in|au|aux|en|[aà])\s+", re.IGNORECASE)
_COUNTRY_AFTER = re.compile(r"\s*[,(]\s*([^\W\d_][^,.;:()\n]{1,60}?)\s*(?=[,.;:)\n]|$)")
TITLE_CASE_SHARE = 0.6
VERB_WINDOW_CHARS = 60  # 'se llevó a cabo del 24 al 26 de mayo en San José'
_VENUE_VERB = re.compile(
    r"\b(?:held|hold|holds|took place|takes place|hosted|convened|met|gathered|open(?:s|ed)?|start(?:s|ed)|"
    r"beg(?:an|ins)|commenced|kicked off|got under ?way|a debute|a commence|comenz[oó]|inici[oó]|empez[oó]|"
    r"s'est tenue?s?|se sont tenue?s|"
    r"s'ouvre|s'est ouverte?|inaugur\w*|se inaugur\w*|"
    r"a eu lieu|ont eu lieu|aura lieu|reunie?s?|se celebr\w*|celebrad[oa]s?|tuvo lugar|tiene lugar|tendra lugar|"
    r"se llev\w* a cabo|se reun\w*|se realiz\w*|se desarroll\w*|"
    r"realizad[oa]s?|(?:s'est |c'est |se )?d[eé]roul[eé]e?s?|se tient|se tiendra|se tenait|organi[sz]ed|organisee?s?"
    r"|organizad[oa]s?|desarrollad[oa]s?)\b"
    r"(?:\s+[\w'-]+){0,8}\s+(?:in|at|a|au|aux|dans|en)(?:\s+(?:the|la|le|les|el|l'|a|an|un|une|una))?"
    r"(?:\s+[\w-]+\s+(?:of|de|d'|del))?\s*$")  # '… à la préfecture de Man', '… in the city of Oujda'

_FUSED_ARTICLES = {"au": "Le ", "aux": "Les "}  # 'au Caire' is 'Le Caire'
_CITY_WORDS = frozenset(
    "city town village capital ville capitale localite commune prefecture ciudad localidad municipio hotel".split())
_OF = frozenset("of de d' del du".split())
_BUILDING_WORDS = frozenset("hotel salle hall room centre center centro universite university universidad campus aula "
                            "auditorium auditorio palais palacio palace gouvernorat governorate mairie headquarters "
                            "siege sede".split())
MAX_BUILDING_WORDS = 7
_PUNCTUATION = re.compile(r"[,.;:()\n]")
_TOWN_AFTER_DATE = re.compile(
    r"[^.;:\n]{0,50}?\b(?:in|en|à|at)\s+(?P<name>[A-ZÀ-Þ][\w'’-]+(?:\s+(?:de |del |la )?[A-ZÀ-Þ][\w'’-]+){0,2})"
    r"(?=\s*[.,;:)]|\s*$|\s+[a-zà-ÿ])")
_HOSTING_CUE = re.compile(r"\b(?:a servi de cadre|servi de cadre|a abrite|abrite|a accueilli|hosted|played host"
                          r"|fue (?:la )?sede|sirvio de (?:marco|escenario)|acogio)\b")
_CAPITALIZED = re.compile(r"(?<!\w)[A-ZÀ-Þ][\w'’-]+(?:\s+(?:de |del |la )?[A-ZÀ-Þ][\w'’-]+){0,2}")
_TOWN_ENDING_TITLE = re.compile(r"[^\n]*\s(?:in|en|à|at)\s+(?P<name>[A-ZÀ-Þ][\w'’-]+(?:\s+[A-ZÀ-Þ][\w'’-]+)?)\s*$")
_TOKEN = re.compile(r"[dlDL]['’](?=\w)|\w+(?:[-'’]\w+)*")


@dataclass(frozen=True)
class Venue:
    """A city (as written, with its country) or a country alone, and where the phrase stands."""

    city: str | None
    iso3: str
    offset: int


def find_venues(text: str, start: int, end: int, gazetteer: Gazetteer, countries: CountryNames,
                named: frozenset[str] = frozenset()) -> list[Venue]:
    """Cities and countries introduced by a preposition in text[start:end], in order; `named` holds
    the countries the whole text names."""
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, start, end)]
    venues = []
    for index, (_, _, word) in enumerate(tokens):
        if word.lower() not in _PREPOSITIONS:
            continue
        first = index + 1
        if first < len(tokens) and tokens[first][2] in _ARTICLES:  # 'à La Somone', 'in The Hague': the name's own
            first += 1
        first, city_phrase = _after_city_word(tokens, first)
        article = _FUSED_ARTICLES.get(word.lower(), "")
        venue = _name_after(text, tokens, first, gazetteer, countries, city_phrase, article, named)
        if venue is None or venue.city is None:
            venue = _city_of_building(text, tokens, first, gazetteer, countries, named) or venue
        if venue:
            venues.append(venue)
    return venues


def town_after_date(text: str, offset: int, gazetteer: Gazetteer, countries: CountryNames) -> str | None:
    """A capitalized name right after the event's date phrase that no table knows ('del 22 al 24 de
    febrero en Juan Dolio.', 'on Monday in Nadi to…'), or ending a title ('L'OIM inaugure un centre
    à Belladère'): a town too small for the gazetteer, or None; a headline in title case names only known cities
    ('… Officials in Disaster Preparedness')."""
    match = _TOWN_AFTER_DATE.match(text, offset)
    if match is None and not _title_case(text):
        match = _TOWN_ENDING_TITLE.match(text, offset)
    if not match:
        return None
    name = match.group("name")
    words = name.split()
    known = [" ".join(words[:size]) for size in range(len(words), 0, -1) if gazetteer.city(" ".join(words[:size]))]
    if known:  # 'en Maicao Agencia de Noticias…': the known city, not the run of capitals
        return display_name(known[0])
    if any(word.isupper() for word in words) or _title_case(text) or countries.iso3(name) or gazetteer.region(name) \
            or _is_month(name) or gazetteer.subdivision(name) or _used_as_words(name, text):
        return None
    return display_name(name)


def _used_as_words(name: str, text: str) -> bool:
    """True when every word of a capitalized name also stands in the text in lower case ('in Disaster
    Preparedness' beside 'disaster preparedness'): a term, not a town."""
    lowered = set(re.findall(r"\b[a-zà-ÿ][\w'’-]*", text))
    return all(word.lower() in lowered for word in name.split() if len(word) > 2)


def hosting_venues(text: str, start: int, end: int, gazetteer: Gazetteer, named: frozenset[str]) -> list[Venue]:
    """Cities named before a verb of hosting in text[start:end] ("La salle de l'ADETIC d'Abéché a
    servi de cadre à un atelier", 'Nouakchott hosted…', 'Lima fue sede de…')."""
    cue = _HOSTING_CUE.search(fold(text[start:end]))
    if not cue:
        return []
    venues = []
    for match in _CAPITALIZED.finditer(text, start, start + cue.start()):
        place = gazetteer.city(match.group()) or gazetteer.town(match.group(), named)
        if place and not gazetteer.region(match.group()) and not _is_month(match.group()):
            venues.append(Venue(display_name(match.group()), place.iso3, match.start()))
    return venues


def _title_case(text: str) -> bool:
    """True for a headline that capitalizes its words ('Officials Receive Trafficking in Persons
    Training'), where a capital says nothing of a place."""
    words = [word for word in text.split() if len(word) > 3 and word[0].isalpha()]
    return bool(words) and sum(word[0].isupper() for word in words) > TITLE_CASE_SHARE * len(words)


def capitalized_names(text: str) -> list[str]:
    """Runs of capitalized words in text ('Montevideo', 'San Pedro de Macorís'), in order."""
    return [match.group() for match in _CAPITALIZED.finditer(text)]


def after_venue_verb(text: str, venues: list[Venue]) -> list[Venue]:
    """The venues that directly follow a verb of taking place ('held in', 'a eu lieu à', 'se celebró en')."""
    return [venue for venue in venues
            if _VENUE_VERB.search(fold(text[max(0, venue.offset - VERB_WINDOW_CHARS):venue.offset]))]


def nearest_venue(venues: list[Venue], offset: int) -> Venue | None:
    """The city nearest to offset, else the country nearest to it, else None."""
    for kind in ([v for v in venues if v.city], [v for v in venues if not v.city]):
        if kind:
            return min(kind, key=lambda venue: abs(venue.offset - offset))
    return None


def _after_city_word(tokens: list, first: int) -> tuple[int, bool]:
    """Skip 'city of', 'Moroccan city of', "ville d'", 'ciudad de', 'the Nicaraguan capital'
    (not 'Ciudad de México', a name)."""
    for skip in (0, 1):
        word = first + skip
        if word + 1 < len(tokens) and tokens[word][2].islower() and fold(tokens[word][2]) in _CITY_WORDS:
            if fold(tokens[word + 1][2]) in _OF:
                return word + 2, True
            if tokens[word + 1][2][0].isupper():  # 'the Nicaraguan capital Managua'
                return word + 1, True
            if word + 2 < len(tokens) and tokens[word + 1][2].islower() and fold(tokens[word + 2][2]) in _OF:
                return word + 3, True  # 'la ville malienne de Sikasso', 'la ciudad fronteriza de Tecún Umán'
    return first, False


def _city_of_building(text: str, tokens: list, first: int, gazetteer: Gazetteer, countries: CountryNames,
                      named: frozenset[str]) -> Venue | None:
    """The city a building ends with: 'à Azalaï Hôtel de Cotonou', 'dans la salle de conférence du Gouvernorat de
    Gao', 'at the University of Nairobi'; none across punctuation."""
    building = False
    for index in range(first, min(first + MAX_BUILDING_WORDS, len(tokens) - 1)):
        if _PUNCTUATION.search(text, tokens[index][1], tokens[index + 1][0]):
            return None
        word = fold(tokens[index][2])
        building = building or word in _BUILDING_WORDS
        if building and word in _OF:
            venue = _name_after(text, tokens, index + 1, gazetteer, countries, False, "", named)
            if venue and venue.city:
                return venue
    return None


def _name_after(text: str, tokens: list, first: int, gazetteer: Gazetteer, countries: CountryNames,
                city_phrase: bool, article: str, named: frozenset[str]) -> Venue | None:
    """The longest capitalized name at tokens[first] that is a city or a country; after 'city of'
    a name that is also a country's ('la ciudad de Guatemala') is the city. `article` is the one
    a preposition swallowed ('au Caire')."""
    if first >= len(tokens) or not tokens[first][2][0].isupper():
        return None
    last = first
    while (last + 1 < len(tokens) and last + 1 - first < MAX_NAME_WORDS
           and text[tokens[last][1]:tokens[last + 1][0]] == " "
           and (tokens[last + 1][2][0].isupper() or tokens[last + 1][2].lower() in _PARTICLES)):
        last += 1
    for end in range(last, first - 1, -1):
        if not tokens[end][2][0].isupper():
            continue
        name = text[tokens[first][0]:tokens[end][1]]
        country = countries.iso3(name)
        if country and end < last and POSSESSIVE.search(tokens[end][2]):
            inner = _name_after(text, tokens, end + 1, gazetteer, countries, city_phrase, "", named | {country})
            if inner and inner.city and inner.iso3 == country:  # "in Sierra Leone's Lungi International Airport"
                return inner
        if country:
            place = gazetteer.city(name, country)
            if place and (place.how == "exact" or city_phrase):
                return Venue(display_name(name), place.iso3, tokens[first][0])
            return Venue(None, country, tokens[first][0])
        if article and gazetteer.city(article + name):
            name = article + name
        place = gazetteer.city(name) or _city_of_named_country(gazetteer, name, named)
        town = None if place else gazetteer.town(name, named)
        if town and not gazetteer.region(name) and not _is_month(name):
            return Venue(display_name(name), town.iso3, tokens[first][0])
        province = gazetteer.subdivision(name)
        if province and (place is None and province in named or place and province != place.iso3
                         and place.iso3 not in named and not gazetteer.is_capital(place)):
            return Venue(None, province, tokens[first][0])  # a province or island is no city
        if place and not gazetteer.region(name) and not _is_month(name) \
                and (end == last or place.iso3 in named or not tokens[end + 1][2][0].isupper()):
            return Venue(display_name(name), place.iso3, tokens[first][0])  # not 'San' of 'San Cristóbal'
    return _town_of_named_country(text, tokens, first, last, countries)


def _city_of_named_country(gazetteer: Gazetteer, name: str, named: frozenset[str]):
    """The city of that name in the one named country that has one ('Gao' of a text naming Mali, not Burkina Faso's)."""
    places = [place for iso3 in sorted(named) if (place := gazetteer.city(name, iso3)) and place.iso3 == iso3]
    return places[0] if len(places) == 1 else None


def _town_of_named_country(text: str, tokens: list, first: int, last: int, countries: CountryNames) -> Venue | None:
    """A town the gazetteer lacks, followed by its country: 'in Saly, Senegal', 'à Saly, au Sénégal',
    'à Rosso (Mauritanie)', 'en Necoclí, en Colombia'."""
    name = text[tokens[first][0]:tokens[last][1]]
    after = _COUNTRY_AFTER.match(text, tokens[last][1])
    country = countries.iso3(_COUNTRY_PREPOSITION.sub("", after.group(1))) if after else None
    if country and not countries.iso3(name) and not _is_month(name):
        return Venue(display_name(name), country, tokens[first][0])
    return None


def _is_month(name: str) -> bool:
    """True for a month name ('in May'), which a few gazetteer towns share."""
    found = parse_date(f"{name} 2000")
    return found is not None and found.precision == "month"
