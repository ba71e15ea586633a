"""Countries named in running text, in en/fr/es, with lists and contractions ('du Tchad', "d'Haïti").

A mention is a run of words that starts with a capital and uses only words that occur in some
country name ('République démocratique du Congo', 'the Sudan'); the longest run the resolver
knows exactly or as an alias wins, never a typo match; a nationality adjective counts only beside
officials or a public body ('Malaysian officers', 'autoridades hondureñas'; demonyms.py), never alone
('Nigerian', 'sirios'). A mention inside a longer name of something else is dropped: a region ('Lake Chad',
'golfe de Guinée'), a city ('Ciudad de Guatemala', 'San Salvador'), an organization. Capitals-only
words of three letters or fewer are codes in other senses ('IN', 'DE', 'ES') except a few known
abbreviations. Mentions that follow a funding cue ('funded by the Government of Japan', 'with
the support of the Government of Canada') are marked so that donors can be told from participants.
"""

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from scripts.normalize.countries import REFERENCE_DIR
from scripts.normalize.organizations import OrganizationResolver
from scripts.normalize.places import Gazetteer
from scripts.normalize.text import fold
from scripts.press.country_names import NAME_TOKEN, POSSESSIVE, CountryNames, word_key
from scripts.press.demonyms import Demonyms

MAX_NAME_WORDS = 10
MAX_CONTEXT_WORDS = 5  # "Agencia de los Estados Unidos para el Desarrollo Internacional"
FUNDING_WINDOW_CHARS = 160
ABBREVIATIONS = frozenset(["USA", "UK", "UAE", "DRC", "RDC", "EAU", "EEUU"])
_FEATURE_AFTER = frozenset("delta basin river valley sea gulf bay lake desert corridor state province".split())
_FEATURE_BEFORE = frozenset("lake gulf river lac golfe fleuve bassin delta lago golfo rio cuenca mar mer".split())
_FUNDING_CUE = re.compile(
    r"\b(?:fund\w*|financ\w*|donat\w*|donor\w*|contributions?|grants?|sponsor\w*|bailleurs?|subvention\w*"
    r"|fondos|aportes?|donantes?|support\w*|soutien|souten\w*|appui|appuy\w*|apoyo|apoyad[oa]s?)\b")
# Country names that are also given names: 'Maurice Konaté', 'Jordan Peterson' name a person.
GIVEN_NAMES = frozenset("maurice jordan chad georgia israel india salvador kenya".split())
# Where people come from, a border, an earlier event: a country named after these is background, not a participant.
_BACKGROUND_CUE = re.compile(
    r"\b(?:en provenance|provenant|originaires?|venant|venu(?:e|s|es)?|provenientes?|procedentes?|originari[oa]s?"
    r"|venid[oa]s|llegad[oa]s|arriv\w+|returning|returnees|returned|deported|expelled|retourn\w+|expuls\w+|refoul\w+"
    r"|rapatri\w+|retornad[oa]s|deportad[oa]s|fleeing|coming"
    r"|refugees|migrants|nationals|r[eé]fugi[eé]s|ressortissants|migrantes|refugiados|nacionales)"
    r"\s+(?:from|de|du|des|d['’])"
    r"|\b(?:fronti[eè]res? avec|borders? with|fronteras? con|bordering|frontali[eè]re?s? avec|limítrofes? con)"
    r"|\b(?:especially|particularly|notably|mainly|mostly|those|people|persons|notamment|surtout|principalement"
    r"|especialmente|particularmente|principalmente|sobre todo) (?:coming )?(?:from|de|du|des|d['’])"
    r"|\b(?:smuggled|trafficked) (?:into|to)|\bse dirigen (?:a|hacia)|\bhuyen de(?: la violencia en)?"
    r"|\bdesplazad[oa]s (?:de|desde)|\bd[eé]plac[eé]e?s (?:de|du|des)"
    r"|\b(?:on (?:their|the|its|his|her) way to|en route (?:to|for|vers)|heading (?:to|for|towards)|bound for"
    r"|[aà] destination (?:de|du|des)|rumbo a|con destino a|en camino (?:a|hacia)|hacia)\b"
    r"|\b(?:previously|earlier|pr[eé]c[eé]demment|auparavant|anteriormente|previamente)\s+(?:held\s+)?(?:in|en|au|aux|[aà])\b")
# An earlier or a coming event, or a body's membership ('comprenant le Djibouti, l'Erythrée…'): the first
# country named after the cue (and those listed beside it) takes no part.
_EARLIER_CUE = re.compile(
    r"\b(?:building on|builds on|following (?:up on )?the|s['’]appuyant sur|faisant suite [aà]|[aà] la suite d[eu]"
    r"|dans le prolongement d[eu]|tras|despu[eé]s de|en seguimiento (?:a|de)|sobre la base de"
    r"|ahead of|in the run-up to|in preparation for|(?:to be|will be) held in|[aà] quelques jours d[eu]|peu avant"
    r"|en vue d[eu]|en pr[eé]paration d[eu]|qui se tiendra|de cara a|en preparaci[oó]n (?:de|para)"
    r"|que se celebrar[aá]|pocos d[ií]as antes de"
    r"|comprenant|comprising|made up of|composed of|qui comprend|que comprende"
    r"|con miras a|with a view to|similar(?:es)?|similaires?"
    r"|(?:adopted|agreed|signed|adopt[ée]e?s?|sign[ée]e?s?|adoptad[oa]s?|firmad[oa]s?) in)\b",
    re.IGNORECASE)
EARLIER_WINDOW_CHARS = 90
PROJECT_NAME_CHARS = 200
PROJECT_WORD_WINDOW = 40
_PROJECT_WORD = re.compile(r"\b(?:project|programme|program|initiative|projet|proyecto|programa|iniciativa"
                           r"|entitled|titled|intitul[ée]e?|denominad[oa]|titulad[oa])\b", re.IGNORECASE)
_BESIDE = re.compile(r"\s*(?:,|\(|and|et|y)?\s*(?:au|aux|en|in|the|la|le|el|du|de la|des)?\s*")
_DONOR_FILLERS = frozenset(
    "by from of the and with through its their generous generously financial kind people kingdom republic "
    "government governments par de du des la le les d l et avec grace au aux financier financiere peuple "
    "royaume gouvernement gouvernements del el los las y con por gracias al financiero financiera pueblo reino "
    "gobierno gobiernos for pour para embassy ambassade embajada as well federal federale provided fourni fournie "
    "proporcionado proporcionada brindado brindada".split())


@dataclass(frozen=True)
class Mention:
    """A country named in text: its ISO3, the words as written, where, and whether as a funder."""

    iso3: str
    text: str
    start: int
    end: int
    funding: bool
    background: bool = False  # after 'refugees from', 'border with', 'held previously in'…


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    key: str
    capital: bool


class CountryMentions:
    """Finds the countries a text names; build once, use on many texts."""

    def __init__(self, names: CountryNames, gazetteer: Gazetteer, organizations: OrganizationResolver,
                 other_names: set[str], demonyms: Demonyms | None = None):
        """Country names, the gazetteer and organizations, folded names of other things (regions…), and the
        nationality adjectives."""
        self._names = names
        self._gazetteer = gazetteer
        self._organizations = organizations
        self._other_names = other_names
        self._demonyms = demonyms or Demonyms([])

    @classmethod
    def from_reference(cls, names: CountryNames, gazetteer: Gazetteer, organizations: OrganizationResolver,
                       reference_dir: Path = REFERENCE_DIR) -> "CountryMentions":
        """Non-country names from not_countries.csv of the reference folder."""
        with (reference_dir / "not_countries.csv").open(encoding="utf-8-sig", newline="") as handle:
            others = {fold(row["name"]) for row in csv.DictReader(handle)}
        return cls(names, gazetteer, organizations, others, Demonyms.from_reference(reference_dir))

    def find(self, text: str) -> list[Mention]:
        """Every country mention of text, in order."""
        tokens = [_Token(m.start(), _word_end(m), word_key(m.group()), m.group()[0].isupper())
                  for m in NAME_TOKEN.finditer(text)]
        mentions, index = [], 0
        earlier_end = -1  # end of the last mention that placed an earlier event
        while index < len(tokens):
            found = self._longest_name(text, tokens, index)
            if found is None:
                index += 1
                continue
            last, iso3 = found
            if not (self._inside_other_name(text, tokens, index, last) or _names_a_person(text, tokens, index, last)):
                start, end = tokens[index].start, tokens[last].end
                before = text[max(0, start - FUNDING_WINDOW_CHARS):start]
                earlier = _in_project_name(text, start) or _first_after_earlier_cue(text, start, mentions) or (
                    earlier_end >= 0 and _BESIDE.fullmatch(text[earlier_end:start]) is not None)
                earlier_end = end if earlier else -1
                mentions.append(Mention(iso3, text[start:end], start, end, _after_cue(before, _FUNDING_CUE),
                                        earlier or _after_cue(before, _BACKGROUND_CUE)))
            index = last + 1
        named = [(mention.start, mention.end) for mention in mentions]
        for adjective in self._demonyms.find(text):  # 'Malaysian officers', 'la délégation malienne'
            start, end = adjective.start, adjective.end
            if not any(a < end and start < b for a, b in named):
                before = text[max(0, start - FUNDING_WINDOW_CHARS):start]
                mentions.append(Mention(adjective.iso3, text[start:end], start, end, _after_cue(before, _FUNDING_CUE),
                                        _in_project_name(text, start) or _after_cue(before, _BACKGROUND_CUE)))
        return sorted(mentions, key=lambda mention: mention.start)

    def _longest_name(self, text: str, tokens: list[_Token], first: int) -> tuple[int, str] | None:
        """(last token, ISO3) of the longest country name starting at tokens[first], or None."""
        if not tokens[first].capital:
            return None
        last = first - 1
        while (last + 1 < len(tokens) and last + 1 - first < MAX_NAME_WORDS
               and (last < first or _adjacent(text, tokens[last], tokens[last + 1]))
               and self._names.starts_name(tuple(t.key for t in tokens[first:last + 2]))):
            last += 1
        for end in range(last, first - 1, -1):
            if not self._names.is_name(tuple(t.key for t in tokens[first:end + 1])):
                continue
            name = text[tokens[first].start:tokens[end].end]
            iso3 = self._names.iso3(name)
            if iso3 and _plausible(name):
                return end, iso3
        return None

    def _inside_other_name(self, text: str, tokens: list[_Token], first: int, last: int) -> bool:
        """True when the mention is part of a longer region, city, organization or feature name."""
        if _names_a_feature(text, tokens, first, last):
            return True
        for before in range(MAX_CONTEXT_WORDS + 1):
            for after in range(MAX_CONTEXT_WORDS + 1):
                start, end = first - before, last + after
                if before == after == 0 or start < 0 or end >= len(tokens):
                    continue
                if not _adjacent_run(text, tokens, start, end):
                    continue
                if self._is_other_name(text[tokens[start].start:tokens[end].end]):
                    return True
        return False

    def _is_other_name(self, name: str) -> bool:
        """A region, city or organization name (and not a country name)."""
        if fold(name) in self._other_names or self._gazetteer.region(name):
            return True
        if self._organizations.resolve(name) or self._gazetteer.city(name):
            return self._names.iso3(name) is None
        return False


def _after_cue(before: str, cue: re.Pattern) -> bool:
    """True when the words before a mention follow a cue: a donor's ('funded by the Government of …',
    'avec l'appui du gouvernement du …') or background ('refugees from …', 'border with …').

    Between the last cue of the sentence and the mention there may be only names (capitalized
    words) and fillers such as 'the Government of': 'with the support of UNHCR, officials from
    Peru' does not make Peru a donor.
    """
    clause = re.split(r"[.;:!?]", before)[-1]
    cues = list(cue.finditer(clause.lower()))
    if not cues:
        return False
    gap = clause[cues[-1].end():]
    words = [word for word in re.findall(r"[^\W\d_]+", gap) if not word[0].isupper()]
    return all(fold(word) in _DONOR_FILLERS for word in words)


def _in_project_name(text: str, start: int) -> bool:
    """True inside the quoted name of a project or programme ('the START project, “…transitions in
    Egypt, Tunisia and Libya”'): the countries of its title are no participants."""
    opening = max(text.rfind("“", 0, start), text.rfind('"', 0, start), text.rfind("«", 0, start))
    if opening < 0 or start - opening > PROJECT_NAME_CHARS or any(q in text[opening + 1:start] for q in '”"»'):
        return False
    return bool(_PROJECT_WORD.search(text[max(0, opening - PROJECT_WORD_WINDOW):opening]))


def _first_after_earlier_cue(text: str, start: int, mentions: list[Mention]) -> bool:
    """True when an earlier-event cue ('building on the meeting held in…') stands in the clause
    before text[start], near enough, with no other country named since."""
    window = text[max(0, start - EARLIER_WINDOW_CHARS):start]
    clause = re.split(r"[.;!?]", window)[-1]
    cues = list(_EARLIER_CUE.finditer(clause))
    if not cues:
        return False
    cue_end = start - len(clause) + cues[-1].end()
    return not any(mention.start >= cue_end for mention in mentions)


def _names_a_person(text: str, tokens: list[_Token], first: int, last: int) -> bool:
    """True for a country name that is also a given name, followed by a capitalized word: 'Maurice Konaté'."""
    following = tokens[last + 1] if last + 1 < len(tokens) else None
    return (first == last and tokens[first].key in GIVEN_NAMES and following is not None and following.capital
            and _adjacent(text, tokens[last], following) and not text[following.start:following.end].isupper())


def _names_a_feature(text: str, tokens: list[_Token], first: int, last: int) -> bool:
    """True for 'Niger Delta', 'Congo Basin', 'delta du Niger', 'fleuve Sénégal': a river or a basin."""
    if last + 1 < len(tokens) and _adjacent(text, tokens[last], tokens[last + 1]):
        if tokens[last + 1].key in _FEATURE_AFTER:
            return True
    start = first
    while start > max(0, first - 2) and _adjacent(text, tokens[start - 1], tokens[start]):
        start -= 1
    return any(token.key in _FEATURE_BEFORE for token in tokens[start:first])


def _adjacent_run(text: str, tokens: list[_Token], start: int, end: int) -> bool:
    """True when tokens[start..end] follow each other with only spaces between them."""
    return all(_adjacent(text, a, b) for a, b in zip(tokens[start:end], tokens[start + 1:end + 1]))


def _word_end(match: re.Match) -> int:
    """End of a token without a possessive ("Costa Rica's" ends after 'Rica')."""
    possessive = POSSESSIVE.search(match.group())
    return match.end() - (len(possessive.group()) if possessive else 0)


def _adjacent(text: str, left: _Token, right: _Token) -> bool:
    """True when only spaces (or nothing, after an elided d'/l') separate two tokens."""
    gap = text[left.end:right.start]
    return gap == "" if left.key in ("d'", "l'") else (gap != "" and gap.isspace() and "\n" not in gap)


def _plausible(name: str) -> bool:
    """False for short capitals-only words, which are codes or acronyms in running text."""
    letters = "".join(ch for ch in name if ch.isalpha())
    return not (name.isupper() and len(letters) <= 3) or name in ABBREVIATIONS
