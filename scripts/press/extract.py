"""A press release (Document) to an event record (Extraction), with a confidence for each field.

Order of work: contact details are removed first (privacy.py) and nothing later sees them; the
countries the text names are found (mentions.py); the dateline gives a city and the publication
date's stand-in; the event's dates come from the text (event_dates.py). The host is the venue
phrase next to those dates, which beats the dateline's city (a Geneva release about a workshop
'held in Mbour'); else a venue told by a verb of taking place or of hosting anywhere in the body
('the ceremony took place in Accra', "d'Abéché a servi de cadre"); else nothing for an online
event (its country only when the body names one); else a town no table knows right after the
dates; else the dateline (a headquarters dateline, 'Geneva –', yields to a venue of the lead);
else, without a dateline, the first venue of the lead or the first city of a sentence about the
event, else a city the title or lead names without a preposition ('la Intendencia de Montevideo');
else the first participating country, or the country most mentions name, or the country whose office
site published the release ('panama.iom.int'), with a low confidence.
Participating countries are the host and the countries named in the title, the first
sentence, or a sentence about the event or its participants, except donors and background
(migrants' origins and destinations, earlier and coming events, a project's quoted title);
organizations come from the alias table; themes from keywords.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from scripts.normalize.countries import REFERENCE_DIR, CountryResolver
from scripts.normalize.language import detect
from scripts.normalize.organizations import OrganizationResolver
from scripts.normalize.places import Gazetteer
from scripts.normalize.text import fold
from scripts.press.country_names import CountryNames
from scripts.press.cues import (
    describes_membership,
    has_aside_cue,
    has_event_cue,
    has_participant_cue,
    is_online,
    sentences,
)
from scripts.press.datelines import Dateline, find_dateline
from scripts.press.document import Document
from scripts.press.event_dates import FALLBACK_CONFIDENCE, find_event_dates
from scripts.press.mentions import CountryMentions
from scripts.press.privacy import redact
from scripts.press.themes import ThemeTagger
from scripts.press.venue import (
    Venue,
    after_venue_verb,
    capitalized_names,
    find_venues,
    hosting_venues,
    nearest_venue,
    town_after_date,
)
from scripts.schema import REVIEW_THRESHOLD

SUMMARY_SENTENCES = 2
LEAD_SENTENCES = 2
FIRST_COUNTRY_CONFIDENCE = 0.3
DOMINANT_MENTIONS, DOMINANT_SHARE = 2, 0.6
DATELINE_CITY_CONFIDENCE = 0.55  # a city known only from the dateline may be the office's, not the venue
ONLINE_CONFIDENCE = 0.7
UNKNOWN_TOWN_CONFIDENCE = 0.45
# Cities whose datelines are often the organizations' headquarters rather than the venue.
HEADQUARTERS = frozenset(fold(name) for name in (
    "Geneva", "Genève", "Ginebra", "New York", "Nueva York", "Brussels", "Bruxelles", "Bruselas", "Washington"))
HOME_SITE = "iom.int"  # the organization's sites: a country office publishes on <country>.iom.int
MAX_SUMMARY_CHARS = 400
MAX_TITLE_CHARS = 120
REVIEWED_FIELDS = ("start_date", "end_date", "city", "iso3", "countries")
RECORD_KEYS = ("file", "title", "lang", "start_date", "end_date", "city", "iso3", "countries",
               "organizations", "themes", "confidence")


@dataclass(frozen=True)
class Extraction:
    """An event record read from a press release; confidence maps field names to 0..1."""

    file: str
    title: str
    lang: str | None
    start_date: datetime.date | None
    end_date: datetime.date | None
    city: str | None
    iso3: str | None
    countries: list[str]
    organizations: list[str]
    themes: list[str]
    summary: str
    url: str | None
    published: datetime.date | None
    confidence: dict[str, float] = field(default_factory=dict)

    def as_record(self) -> dict:
        """The record of the `migdash extract --json` contract: RECORD_KEYS, dates in ISO form."""
        record = {key: getattr(self, key) for key in RECORD_KEYS}
        for key in ("start_date", "end_date"):
            record[key] = record[key].isoformat() if record[key] else None
        return record

    def uncertain_fields(self, threshold: float = REVIEW_THRESHOLD) -> list[str]:
        """Fields of the record whose confidence is below threshold: the reasons to review it."""
        return [name for name in REVIEWED_FIELDS if self.confidence.get(name, 0.0) < threshold]

    def as_text(self) -> str:
        """A readable summary for people, one field a line, confidences in brackets."""
        sure = self.confidence
        dates = (f"{self.start_date} to {self.end_date}" if self.start_date != self.end_date
                 else str(self.start_date)) if self.start_date else "-"
        lines = [
            self.file,
            f"  title          {self.title or '-'}",
            f"  language       {self.lang or '-'}",
            f"  dates          {dates} [{sure.get('start_date', 0):.2f}]",
            f"  host           {self.city or '-'}, {self.iso3 or '-'} "
            f"[{sure.get('city', 0):.2f} / {sure.get('iso3', 0):.2f}]",
            f"  countries      {', '.join(self.countries) or '-'} [{sure.get('countries', 0):.2f}]",
            f"  organizations  {', '.join(self.organizations) or '-'}",
            f"  themes         {', '.join(self.themes) or '-'}",
            f"  summary        {self.summary or '-'}",
        ]
        return "\n".join(lines)


@dataclass(frozen=True)
class _Host:
    city: str | None
    iso3: str | None
    city_confidence: float
    iso3_confidence: float


class Extractor:
    """Turns Documents into Extractions; build once (it loads the reference tables), use many times."""

    def __init__(self, countries: CountryNames, gazetteer: Gazetteer, organizations: OrganizationResolver,
                 mentions: CountryMentions, themes: ThemeTagger):
        """The resolvers and finders the extraction uses."""
        self._countries = countries
        self._gazetteer = gazetteer
        self._organizations = organizations
        self._mentions = mentions
        self._themes = themes

    @classmethod
    def from_reference(cls, reference_dir: Path = REFERENCE_DIR) -> "Extractor":
        """An extractor over the reference tables of the repository (or another folder)."""
        countries = CountryNames.from_reference(CountryResolver.from_reference(reference_dir), reference_dir)
        gazetteer = Gazetteer.from_reference(reference_dir)
        organizations = OrganizationResolver.from_reference(reference_dir)
        mentions = CountryMentions.from_reference(countries, gazetteer, organizations, reference_dir)
        return cls(countries, gazetteer, organizations, mentions, ThemeTagger.from_reference(reference_dir))

    def extract(self, document: Document, published: datetime.date | None = None) -> Extraction:
        """The event record of a document; `published` stands in when the document states no date."""
        title, text = redact(document.title), redact(document.text)
        published = document.published or published
        mentions = self._mentions.find(f"{title}\n\n{text}")
        named = frozenset(mention.iso3 for mention in mentions)
        dateline = find_dateline(text, self._gazetteer, self._countries, published, named)
        anchor = (dateline.date if dateline else None) or published  # 'hier' counts from the dateline's day
        body_start = dateline.end if dateline else 0
        dates = find_event_dates(text, anchor, skip_until=dateline.dates_from if dateline else 0)
        lead = [text[a:b] for a, b in sentences(text) if b > body_start][:LEAD_SENTENCES]
        online = is_online(" ".join([title, text[:body_start], *lead]))
        dated = dates is not None and dates.confidence > FALLBACK_CONFIDENCE  # a date the text gives, not a stand-in
        present = frozenset(m.iso3 for m in mentions if not m.funding and not m.background)
        host = self._host(title, text, dateline, dates.offset if dated else body_start, body_start, online, named,
                          present)
        participants = self._participants(title, text, body_start, mentions)
        if host.iso3 is None and not online and (country := participants[0] if participants else _dominant(mentions)):
            host = _Host(host.city, country, host.city_confidence, FIRST_COUNTRY_CONFIDENCE)
        if host.iso3 is None and (country := self._site_country(document.url)):  # a country office's own site
            host = _Host(host.city, country, host.city_confidence, FIRST_COUNTRY_CONFIDENCE)
        countries = list(dict.fromkeys(([host.iso3] if host.iso3 else []) + participants))
        themes = self._themes.tag(title, text)
        organizations = self._organizations.find_in_text(f"{title}\n{text}")
        lang = detect(f"{title}\n{text}")
        confidence = {
            "title": 1.0 if title else 0.0,
            "lang": 0.9 if lang else 0.0,
            "start_date": dates.confidence if dates else 0.0,
            "end_date": dates.confidence if dates else 0.0,
            "city": host.city_confidence,
            "iso3": host.iso3_confidence,
            "countries": _countries_confidence(participants, host.iso3),
            "organizations": 0.9 if organizations else 0.5,
            "themes": min((score for _, score in themes), default=0.0),
        }
        return Extraction(
            file=document.file, title=title or _summary(text, body_start, sentences_wanted=1, limit=MAX_TITLE_CHARS),
            lang=lang,
            start_date=dates.start if dates else None, end_date=dates.end if dates else None,
            city=host.city, iso3=host.iso3, countries=countries,
            organizations=organizations,
            themes=[theme for theme, _ in themes], summary=_summary(text, body_start),
            url=document.url, published=published or (dateline.date if dateline else None), confidence=confidence)

    def _participants(self, title: str, text: str, body_start: int, mentions: list) -> list[str]:
        """ISO3 of the countries named in the title, the first sentence, or a sentence about the
        event or its participants, in order; background mentions are left out, and so is a country named
        as a donor anywhere."""
        combined = f"{title}\n\n{text}"
        shift = len(title) + 2
        spans = [(max(start, body_start) + shift, end + shift) for start, end in sentences(text) if end > body_start]
        kept = [(0, shift)] + [(start, end) for index, (start, end) in enumerate(spans)
                               if not describes_membership(combined[start:end])
                               and (index == 0 or has_event_cue(combined[start:end])
                                    or has_participant_cue(combined[start:end]))]
        donors = {mention.iso3 for mention in mentions if mention.funding}  # 'Ambassador of Japan' of a Japanese grant
        return [mention.iso3 for mention in mentions
                if mention.iso3 not in donors and not mention.background
                and any(start <= mention.start < end for start, end in kept)]

    def organization_id(self, name: str) -> str:
        """The org_id an acronym or a name stands for, or the text itself when none."""
        return self._organizations.resolve(name) or name

    def same_city(self, name: str, other: str, iso3: str | None = None) -> bool:
        """True when two city names are the same spelling (case and accents aside) or the same place."""
        if fold(name) == fold(other):
            return True
        place, other_place = self._gazetteer.city(name, iso3), self._gazetteer.city(other, iso3)
        return bool(place and other_place and (place.name, place.iso3) == (other_place.name, other_place.iso3))

    def _host(self, title: str, text: str, dateline: Dateline | None, date_offset: int, body_start: int,
              online: bool, named: frozenset[str], present: frozenset[str]) -> _Host:
        """The venue next to the event's dates (the lead's when the text gives none), preferring the
        dateline's city there; else one told by 'held in', 'a eu lieu à'…; else, unless the event
        is online and the dateline names no known city, a town no table knows right after the dates or
        ending the title, in the dateline's country or the only one named (not as a donor or an origin);
        else the
        dateline's place; else a venue in the lead, else the first city of a sentence about the event."""
        spans = sentences(text)
        body = [span for span in spans if span[1] > body_start]
        sentence = next(((a, b) for a, b in spans if a <= date_offset < b), (0, len(text)))
        near = self._venues(text, *sentence, named)
        agreeing = [v for v in near if dateline and dateline.city and v.city and self.same_city(v.city, dateline.city)]
        venue = agreeing[0] if agreeing else nearest_venue(near, date_offset)
        if venue is None or venue.city is None:  # 'in Iraq' near the dates, 'the training held in Erbil' later
            told = [v for span in body if not has_aside_cue(text[span[0]:span[1]])
                    for v in after_venue_verb(text, self._venues(text, *span, named))
                    + hosting_venues(text, *span, self._gazetteer, named)
                    if venue is None or (v.city and v.iso3 == venue.iso3)]
            venue = min(told, key=lambda v: v.offset) if told else venue
        if venue is None and online:  # no venue; the host is the one country the body names, if one
            body_named = {m.iso3 for m in self._mentions.find(text[body_start:])}
            return _Host(None, body_named.pop() if len(body_named) == 1 else None, ONLINE_CONFIDENCE, 0.5)
        country = dateline.iso3 if dateline else (next(iter(present)) if len(present) == 1 else None)
        town = None
        if venue is None and not (dateline and dateline.known_city):
            town = (town_after_date(text, date_offset, self._gazetteer, self._countries)
                    or town_after_date(title, 0, self._gazetteer, self._countries))
        known = (self._gazetteer.city(town, country) or (None if dateline else self._gazetteer.city(town))) \
            if town else None
        if known:  # 'First Festival in La Chorrera' of a text that names no country but China, for a Chinese society
            return _Host(town, known.iso3, UNKNOWN_TOWN_CONFIDENCE, 0.5)
        if town and country:  # a town too small for the gazetteer, in the dateline's (or the only named) country
            return _Host(town, country, UNKNOWN_TOWN_CONFIDENCE, 0.5)
        headquarters = dateline is not None and fold(dateline.city or "") in HEADQUARTERS
        if venue is None and (dateline is None or headquarters):  # 'Geneva –' is often the office, not the venue
            lead = [span for span in body[:LEAD_SENTENCES] if not has_aside_cue(text[span[0]:span[1]])]
            before = [(0, body_start)] if headquarters else []  # a standfirst above a 'Geneva –' dateline
            venue = nearest_venue([v for span in before + lead for v in self._venues(text, *span, named)], body_start)
        if venue is None and dateline is None:  # else the first city the body names outside an aside
            cities = [v for a, b in body if has_event_cue(text[a:b]) and not has_aside_cue(text[a:b])
                      for v in self._venues(text, a, b, named) if v.city]
            venue = cities[0] if cities else None
        in_dateline = dateline is not None and dateline.city is not None
        if venue and venue.city:
            agrees = in_dateline and venue.iso3 == dateline.iso3
            return _Host(venue.city, venue.iso3, 0.95 if agrees else 0.8, 0.95 if agrees else 0.85)
        if venue:
            if in_dateline and dateline.iso3 == venue.iso3:
                return _Host(dateline.city, venue.iso3, 0.75, 0.95)
            return _Host(None, venue.iso3, 0.0, 0.8)
        if dateline:
            city_confidence = (DATELINE_CITY_CONFIDENCE if dateline.known_city else 0.4) if dateline.city else 0.0
            city_confidence = min(city_confidence, FIRST_COUNTRY_CONFIDENCE) if headquarters else city_confidence
            return _Host(dateline.city, dateline.iso3, city_confidence, 0.55 if dateline.iso3 else 0.0)
        lead = " ".join([title, *(text[a:b] for a, b in body[:LEAD_SENTENCES])])
        named_city = self._named_city(lead) or (None if present else self._named_city(lead, major=False))
        if named_city:  # 'La Intendencia de Montevideo preparará…', '…bénéficiaires du foyer de Médenine'
            return _Host(named_city.name, named_city.iso3, FIRST_COUNTRY_CONFIDENCE, FIRST_COUNTRY_CONFIDENCE)
        return _Host(None, None, 0.0, 0.0)

    def _site_country(self, url: str | None) -> str | None:
        """The country whose office site published the release ('https://panama.iom.int/…'), or None."""
        host = urlsplit(url or "").hostname or ""
        office, _, organization = host.removeprefix("www.").partition(".")
        return self._countries.glued(office) if organization == HOME_SITE else None

    def _named_city(self, text: str, major: bool = True):
        """The first capital or large city (any city unless major), by its own name, that text names anywhere,
        or None."""
        for name in capitalized_names(text):
            place = self._gazetteer.city(name)
            if place and place.how == "exact" and (self._gazetteer.is_major(place) or not major) \
                    and not self._countries.iso3(name):
                return place
        return None

    def _venues(self, text: str, start: int, end: int, named: frozenset[str]) -> list[Venue]:
        return find_venues(text, start, end, self._gazetteer, self._countries, named)


def _dominant(mentions: list) -> str | None:
    """The one country a text names, or the one most of its mentions name (a national event: 'the
    Ministry … of Chile'), if any."""
    counts = Counter(m.iso3 for m in mentions if not m.funding and not m.background)
    if not counts:
        return None
    (iso3, count), *rest = counts.most_common()
    alone = not rest  # the one country the text names
    return iso3 if alone or count >= DOMINANT_MENTIONS and count >= DOMINANT_SHARE * sum(counts.values()) else None


def _countries_confidence(participants: list[str], host: str | None) -> float:
    """Higher when several countries are named (a list) or when the host is among them."""
    if not participants:
        return 0.3 if host else 0.0
    return 0.9 if len(set(participants)) > 1 or host in participants else 0.6


def _summary(text: str, body_start: int, sentences_wanted: int = SUMMARY_SENTENCES,
             limit: int = MAX_SUMMARY_CHARS) -> str:
    """The first sentences after the dateline, cut at limit characters (a title when none is given)."""
    spans = [span for span in sentences(text) if span[1] > body_start][:sentences_wanted]
    summary = " ".join(text[max(start, body_start):end].strip() for start, end in spans)
    summary = " ".join(summary.split())
    if len(summary) > limit:
        summary = summary[:limit].rsplit(" ", 1)[0] + " …"
    return redact(summary)
