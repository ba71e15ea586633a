"""Datelines that open a news release: 'Tunis –', 'Amman, 3 June 2021 –', 'GENÈVE (OIM) –',
'02 May 2019, Tadjourah, Djibouti:', 'SUVA, Fiji (ILO News) -',
'Ciudad de Guatemala, 5 de marzo de 2019.-', 'COX'S BAZAR, Bangladesh –', 'Dakar (Sénégal), le 12 mars –',
'Rabat, les 10 et 11 avril 2018 -' (the event's first day stands for the date), 'Yaoundé- C'est…',
'Ashgabat, April 12-13 2022-International…', 'RSS (KATHMANDU, 12 November 2019) –', and a line of its own
that gives a city and a date.

The head before the dash is split on commas: the first part is the city, the other parts a
country or a date; a parenthesized agency tag ('(IOM)') is ignored. A head is accepted only when
its city is in the gazetteer, or when it also names a country or a date, or is written in capitals
as datelines are (before a colon: a country and a date): a sentence that happens to contain a dash
is not a dateline. A head that names
a country ('Panamá –', 'Djibouti –') is its capital when the gazetteer knows a city of that name
there, else the country alone ('Haïti –').
"""

import datetime
import re
from dataclasses import dataclass

from scripts.normalize.dates import parse_range
from scripts.normalize.places import Gazetteer
from scripts.press.country_names import CountryNames

MAX_HEAD_CHARS = 140
MAX_CITY_WORDS = 5
MAX_LINES = 10
MAX_SKIPPED_LINE_CHARS = 80
MAX_SKIPPED_PARAGRAPHS = 3
_HEAD = re.compile(rf"\s*(?P<head>[^\n]{{2,{MAX_HEAD_CHARS}}}?)"
                   r"(?P<separator>\s*\.\s?[-–—]+|\s+[-–—]{1,2}|(?<=[)\w])[-–—]{1,2}(?=\s)|(?<=\d)-(?=[A-Z])"
                   r"|\s*[–—]|\s*:|\.?[ \t]*(?=\n))"
                   r"(?:\s+|(?<=[–—-])(?=[A-Z]))")
_PARENTHESES = re.compile(r"\(([^()]*)\)")
_AGENCY_FIRST = re.compile(r"(?P<agency>[A-Z]{2,8})\s*\((?P<inside>[^(),]+,[^()]+)\)")  # 'RSS (KATHMANDU, 12 Nov…)'
# A head without dash: '(Barquisimeto) La Comisión…' or 'San Pedro de Macorís. “La seguridad…'.
_BARE_HEAD = re.compile(r"\s*(?P<head>\([^()\n]{2,40}\)|[A-ZÀ-Þ][^\n.,:;()]{1,40}(?=\.\s))(?P<separator>\.?)"
                        r"\s+(?=[\"“«A-ZÀ-Þ])")
_LOWER_PARTICLES = frozenset("de del la las los el du des au aux of the y et le les da do dos".split())
_WORD = re.compile(r"\w[\w'’]*")
# Parts of a head that name neither the city nor the country: 'D.N.', 'D.C.', a news agency ('CMC',
# 'EFE'), an administrative area ('Bokeo Province').
_ABBREVIATION = re.compile(
    r"(?:[A-Z]\.){1,3}[A-Z]?\.?|[A-Z]{2,8}"
    r"|[A-Z][\w'-]+(?: [A-Z][\w'-]+)? (?:Province|Region|District|State|Department|County|Governorate)"
    r"|(?:Province|Région|Región|Département|Departamento|District|Provincia|Estado) (?:de |du |del |of )?[A-Z][\w'-]+")


@dataclass(frozen=True)
class Dateline:
    """What a dateline says: a city as written (tidied), its country, a date, and where it ends."""

    city: str | None
    iso3: str | None
    known_city: bool
    date: datetime.date | None
    end: int
    dates_from: int  # where the event's dates may be read from: the head when it states several days, else end


def find_dateline(text: str, gazetteer: Gazetteer, countries: CountryNames,
                  anchor: datetime.date | None = None, named: frozenset[str] = frozenset()) -> Dateline | None:
    """The dateline opening the text, or one of the next lines after short ones such as a date,
    a byline or a photo caption, and after at most MAX_SKIPPED_PARAGRAPHS longer ones (a standfirst);
    None when there is none."""
    offset, skipped = 0, 0
    for line in text.split("\n")[:MAX_LINES]:
        if line.strip():
            found = _dateline_at(text, offset, gazetteer, countries, anchor, named)
            if found:
                return found
            skipped += len(line) > MAX_SKIPPED_LINE_CHARS
            if skipped > MAX_SKIPPED_PARAGRAPHS:
                return None
        offset += len(line) + 1
    return None


def _dateline_at(text: str, offset: int, gazetteer: Gazetteer, countries: CountryNames,
                 anchor: datetime.date | None, named: frozenset[str]) -> Dateline | None:
    """The dateline starting at text[offset], or None."""
    match = _HEAD.match(text, offset) or _BARE_HEAD.match(text, offset)
    if not match:
        return None
    head = match.group("head").strip()
    if match.re is _BARE_HEAD:  # '(Barquisimeto) La Comisión…', 'San Pedro de Macorís. “La…': a known city only
        head = head.strip("()")
        if not gazetteer.city(head):
            return None
    agency_first = _AGENCY_FIRST.fullmatch(head)
    if agency_first and not gazetteer.city(agency_first.group("agency")):  # the agency, then its city and date
        head = agency_first.group("inside")
    iso3s, date, others = [], None, []
    for inner in _PARENTHESES.findall(head):
        found = _country(inner, countries)
        if found:
            iso3s.append(found)
    parts = _with_years([part.strip() for part in _PARENTHESES.sub(" ", head).split(",") if part.strip()])
    if len(parts) > 1 and _day(parts[0], anchor):  # '02 May 2019, Tadjourah, Djibouti:'
        parts = parts[1:] + parts[:1]
    elif len(parts) > 1 and (days := parse_range(parts[0], anchor=anchor)):
        date = days[0].value  # '22-28 October 2023, Almaty, Kazakhstan -': the event's first day anchors the text
        parts = parts[1:]
    several_days = any((days := parse_range(part, anchor=anchor)) and days[0] != days[1] for part in head.split(","))

    if not parts:
        return None
    for part in parts[1:]:
        day = _first_day(part, anchor)
        country = None if day else _country(part, countries)
        if day:
            date = day
        elif country:
            iso3s.append(country)
        elif gazetteer.subdivision(part):  # 'Tapachula, Chiapas.-'
            iso3s.append(gazetteer.subdivision(part))
        elif not _ABBREVIATION.fullmatch(part):
            others.append(part)
    city_text = parts[0].split("/")[0].strip()
    if others or not _looks_like_place(city_text):
        return None
    own_line = match.re is _HEAD and match.group("separator").strip(" \t.") == ""
    if own_line and (date is None or not gazetteer.city(city_text)):
        return None  # a line of its own needs a known city and a date: 'Ciudad de México, 28 de septiembre de 2016.'
    dates_from = match.start("head") if several_days else match.end()
    return _dateline(city_text, iso3s[0] if iso3s else None, date, match, dates_from, gazetteer, countries, named)


def _dateline(city_text: str, iso3: str | None, date, match: re.Match, dates_from: int, gazetteer: Gazetteer,
              countries: CountryNames, named: frozenset[str]) -> Dateline | None:
    """Check the city against the gazetteer (and the towns of the countries the text names, or of the one
    country with a town of that name when the text names none) and the acceptance rule of the module docstring."""
    colon = match.group("separator").strip() == ":"
    region = None if iso3 or colon or gazetteer.city(city_text) else gazetteer.subdivision(city_text)
    as_country = _country(city_text, countries) or region
    anywhere = None if _proper_name(city_text) and not colon else frozenset()  # a town only one country has
    place = gazetteer.city(city_text, iso3 or as_country) or (
        None if as_country else gazetteer.town(city_text, frozenset([iso3]) if iso3 else named or anywhere))
    if as_country and place is None:  # 'Kenya –', 'Kilimanjaro –' (a region): the country alone
        return Dateline(None, as_country, False, date, match.end(), dates_from)
    evidence = bool(iso3 and date) if colon else bool(iso3 or date or city_text.isupper())
    if place is None and not evidence:  # 'Tadjourah, Djibouti, 2 May 2019:' names enough to be one
        return None
    return Dateline(display_name(city_text), iso3 or (place.iso3 if place else None), place is not None,
                    date, match.end(), dates_from)


def _proper_name(text: str) -> bool:
    """True when every longer word is capitalized ('Guiglo', 'Bouna Centre'; not 'La réunion')."""
    return all(word[0].isupper() for word in text.split() if len(word) > 3)


def display_name(name: str) -> str:
    """A place name as written, with capitals-only names given ordinary case ('CIUDAD DE MÉXICO')."""
    name = " ".join(name.split())
    if not name.isupper():
        return name
    return _WORD.sub(_cased_word, name.lower())


def _cased_word(match: re.Match) -> str:
    """A word capitalized, unless it is a particle inside the name ('de', 'au', 'of')."""
    word = match.group()
    return word if match.start() and word in _LOWER_PARTICLES else word[:1].upper() + word[1:]


def _with_years(parts: list[str]) -> list[str]:
    """Parts with a lone year joined to the part before it ('June 24', '2014' -> 'June 24, 2014')."""
    joined: list[str] = []
    for part in parts:
        if joined and re.fullmatch(r"\d{4}", part):
            joined[-1] = f"{joined[-1]}, {part}"
        else:
            joined.append(part)
    return joined


def _looks_like_place(text: str) -> bool:
    """A short name starting with a capital and holding no digits."""
    return (bool(text) and text[0].isupper() and not any(ch.isdigit() for ch in text)
            and len(text.split()) <= MAX_CITY_WORDS)


def _country(text: str, countries: CountryNames) -> str | None:
    """ISO3 of a country name known exactly or as an alias; never a typo match."""
    return countries.iso3(text)


def _first_day(text: str, anchor: datetime.date | None) -> datetime.date | None:
    """The day, or the first of the days, a dateline part states ('le 12 mars', 'les 10 et 11 avril 2018')."""
    found = parse_range(text, anchor=anchor)
    return found[0].value if found and found[0].precision == "day" else None


def _day(text: str, anchor: datetime.date | None) -> datetime.date | None:
    """The single day a dateline part states ('3 June 2021', 'le 12 mars'), or None."""
    found = parse_range(text, anchor=anchor)
    if found and found[0] == found[1] and found[0].precision == "day":
        return found[0].value
    return None
