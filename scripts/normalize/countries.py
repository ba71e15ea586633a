"""Country-name resolver: messy en/fr/es names and codes to ISO3, never a guess.

Steps, first hit wins:
0. repair - mojibake from a wrong decoding ('CÃ´te d'Ivoire') is mended first (ftfy).
1. exact  - a whole-value ISO2/ISO3 code written in capitals ('CH', 'CIV', 'XK', 'CAN') or as a flag emoji, unless the
            aliases mark a two-letter one ambiguous ('UA' is also the Union africaine, 'NA' is N/A); an ISO3
            code in other case ('jpn', 'VeN') unless it is also a word ('can', 'per', 'est');
            a three-digit M49 code ('276'); or an
            official name in en/fr/es from countries.csv / country_names.csv, after folding
            (case, accents, apostrophes, spaces, edge dots).
2. alias  - a name of country_aliases.csv, or a variant of any known name: articles dropped,
            words reordered ('Korea, Rep.'), 'St'/'Saint', '&'/'and'/'et'/'y', state titles
            dropped ('Estado de Israel'), abbreviations ('Is.', 'Isds', 'Terr.', 'N.'), a name
            in another language (UN names in Arabic, Chinese, Russian; CLDR names in every
            locale: 'Mısır', '中国'; never one the en/fr/es tables hold), a name narrowed by
            'excluding…' a country or territory ('China excluding Hong Kong'; 'Sweden except
            Stockholm' names none) or qualified by '(former)', or a
            'Myanmar (Birmanie)' form whose every part names the same country, or a territory
            and its sovereign ('Guam (US)', 'Bouvet Island (NO)').
   Names of not_countries.csv and aliases with an empty iso3 ('Korea') stop here with None, and so
   does a list whose pieces name two countries ('St. Martin and St. Maarten').
3. words  - every word of the name belongs to one country's names, some perhaps abbreviated
            ('democratic korea', 'Lao P.Dem.R', 'St.Vin. & Gren.', 'Trinidad Tbg'; see
            country_words.py); or a known
            name written without spaces ('BosniaandHerzegovina').
4. fuzzy  - a strict typo match (see country_fuzzy.py), blocked by non-country names, including
            the city and organization tables when they exist.
"""

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import ftfy

from scripts.normalize.country_fuzzy import NOT_A_COUNTRY, TypoMatcher
from scripts.normalize.country_keys import (
    bare_key,
    canonical_key,
    flag_letters,
    fuzzy_form,
    glued_key,
    light_key,
    listed_pieces,
    name_parts,
    name_words,
    names_no_country,
    qualified,
)
from scripts.normalize.country_words import WordMatcher

REFERENCE_DIR = Path(__file__).resolve().parents[2] / "data" / "reference"
_NAME_COLUMNS = ("name_en", "name_fr", "name_es")
_AMBIGUOUS = None
MIN_GLUED_LETTERS = 7  # a shorter run of letters may be a word or a code, not a glued name
# ISO3 codes that are also words of English, French or Spanish text: in lower or title case, words.
CODE_WORDS = frozenset("""
    and are ago arm aus bel ben bra can cod col com cri cub dom est fin gab gin gum guy ita jam ken
    lie mac mar mus nor pan per pry sen sur ton ven
""".split())
_MOJIBAKE_HINT = re.compile("[\u00c2\u00c3\u00c5\u00e2\u00ef\ufffd]")  # lead bytes of UTF-8 read as cp1252


@dataclass(frozen=True)
class CountryMatch:
    """A resolved country: its ISO3 code and how the name was recognised."""

    iso3: str
    how: str  # "exact" | "alias" | "words" | "fuzzy"


def _read_csv(path: Path) -> list[dict]:
    """Rows of a UTF-8 CSV file, or no rows if the file does not exist."""
    if not path.exists():
        return []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _claim(index: dict, key: str, iso3: str | None) -> None:
    """Record key -> iso3; a key claimed by two countries becomes ambiguous."""
    if key:
        index[key] = iso3 if index.get(key, iso3) == iso3 else _AMBIGUOUS


class CountryResolver:
    """Resolves country names and codes to ISO3, caching each distinct value."""

    def __init__(self, codes: dict[str, str], official: list[tuple[str, str]],
                 aliases: list[tuple[str, str | None]], not_countries: list[str],
                 other_names: Iterable[str] = (), other_languages: Iterable[tuple[str, str]] = (),
                 sovereigns: dict[str, str] | None = None):
        """Build the indexes; an alias with iso3 None marks a name that must stay unresolved.

        Names in other languages only fill keys that no en/fr/es name, alias or non-country holds;
        sovereigns maps a territory's ISO3 to its sovereign's ('GUM' -> 'USA').
        """
        self._codes = codes
        self._sovereigns = sovereigns or {}
        self._exact: dict[str, str | None] = {}
        self._alias: dict[str, str | None] = {}
        self._canonical: dict[str, str | None] = {}
        for name, iso3 in official:
            _claim(self._exact, light_key(name), iso3)
            _claim(self._canonical, canonical_key(name), iso3)
        for name, iso3 in aliases:
            _claim(self._alias, light_key(name), iso3)
            _claim(self._canonical, canonical_key(name), iso3)
        for name in not_countries:
            self._alias[light_key(name)] = _AMBIGUOUS
            self._canonical[canonical_key(name)] = _AMBIGUOUS
        for name, iso3 in other_languages:
            key = light_key(name)
            if key not in self._exact and key not in self._canonical:
                self._alias.setdefault(key, iso3)
        self._fuzzy_sources = (official, aliases, not_countries, other_names)
        self._cache: dict[str, CountryMatch | None] = {}

    @classmethod
    def from_reference(cls, reference_dir: Path = REFERENCE_DIR) -> "CountryResolver":
        """Load the reference CSVs (cities and organization aliases only if present)."""
        countries = _read_csv(reference_dir / "countries.csv")
        codes = {row[col]: row["iso3"] for row in countries for col in ("iso2", "iso3", "m49") if row[col]}
        official = [(row[col], row["iso3"]) for row in countries for col in _NAME_COLUMNS]
        official += [(row["name"], row["iso3"])
                     for row in _read_csv(reference_dir / "country_names.csv")]
        aliases = [(row["alias"], row["iso3"].strip() or None)
                   for row in _read_csv(reference_dir / "country_aliases.csv")]
        not_countries = [row["name"] for row in _read_csv(reference_dir / "not_countries.csv")]
        other_languages = [(row["name"], row["iso3"])
                           for row in _read_csv(reference_dir / "country_names_other_languages.csv")]
        sovereigns = {row["iso3"]: row["sovereign"] for row in _read_csv(reference_dir / "territories.csv")}
        return cls(codes, official, aliases, not_countries, _LazyNames(reference_dir), other_languages, sovereigns)

    def resolve(self, name: str) -> CountryMatch | None:
        """The country a name or code stands for, or None when unknown or ambiguous."""
        if not isinstance(name, str):
            return None
        if name not in self._cache:
            self._cache[name] = self._resolve(name)
        return self._cache[name]

    def resolve_many(self, names: Iterable[str]) -> dict[str, CountryMatch | None]:
        """Resolve each distinct value once: value -> match or None."""
        return {name: self.resolve(name) for name in dict.fromkeys(names)}

    def _resolve(self, name: str) -> CountryMatch | None:
        """Run the steps of the module docstring on one value."""
        if _MOJIBAKE_HINT.search(name) and (repaired := ftfy.fix_encoding(name)) != name:
            return self.resolve(repaired)
        found = self._without_typos(name)
        if found is not None or self._is_refused(name):
            return found
        narrowed, removed = qualified(name)  # 'China excluding Hong Kong' is China; 'Sweden except Stockholm' is none
        if narrowed != name:
            return self.resolve(narrowed) if removed and all(map(self._without_typos, removed)) else None
        parts = name_parts(name)
        if parts and parts != [name]:  # 'Myanmar (Burma)', 'Guam (US)', 'France(+DOM TOM)'
            parts = [part for part in parts if not names_no_country(part)]
            matches = [self._code(part) or self._without_typos(part) or self._by_words(part) for part in parts]
            iso3 = self._one_place({match.iso3 for match in matches if match})
            if iso3 and all(match or self._part_of(iso3, part) for match, part in zip(matches, parts)):
                return CountryMatch(iso3, "alias")
        if self._names_several(name):
            return None
        if found := self._by_words(name) or self._glued_name(name):
            return found
        iso3 = self._typos.match(fuzzy_form(name))
        return CountryMatch(iso3, "fuzzy") if iso3 else None

    def _glued_name(self, name: str) -> CountryMatch | None:
        """A name written without spaces ('BosniaandHerzegovina', 'SaintMartin(Frenchpart)'), known with them."""
        key = glued_key(name)
        if any(ch.isspace() for ch in name.strip()) or len(key) < MIN_GLUED_LETTERS:
            return None
        iso3 = self._glued.get(key)
        return CountryMatch(iso3, "alias") if iso3 else None

    @cached_property
    def _glued(self) -> dict[str, str | None]:
        """Names and aliases run together -> ISO3; None when another country or a non-country shares the key."""
        official, aliases, not_countries, _ = self._fuzzy_sources
        index: dict[str, str | None] = {}
        for name, iso3 in [*official, *aliases, *((name, None) for name in not_countries)]:
            _claim(index, glued_key(name), iso3)
        return index

    def _by_words(self, name: str) -> CountryMatch | None:
        """Step 3 of the module docstring."""
        iso3 = self._words.match(name)
        return CountryMatch(iso3, "words") if iso3 else None

    def _names_several(self, name: str) -> bool:
        """True when the pieces of a list name two countries: 'St. Martin and St. Maarten'."""
        found = {match.iso3 for piece in listed_pieces(name) if (match := self._without_typos(piece))}
        return len(found) > 1

    def _part_of(self, iso3: str, part: str) -> bool:
        """True when every word of part belongs to a name of the country ('Gaza' of 'Palestine/Gaza')."""
        return set(name_words(part)) <= self._words.words_of(iso3)

    def _one_place(self, iso3s: set[str]) -> str | None:
        """The one country the parts name, or the territory when the other part is its sovereign."""
        if len(iso3s) == 1:
            return next(iter(iso3s))
        if len(iso3s) == 2:
            first, second = sorted(iso3s)
            if self._sovereigns.get(first) == second:
                return first
            if self._sovereigns.get(second) == first:
                return second
        return None

    def _is_code(self, bare: str) -> bool:
        """True for a code of the table as the module docstring says codes may be written."""
        if bare.isdigit():  # M49 numbers, zero-padded or not ('040', '40'); a lone digit is a count
            return len(bare) >= 2 and bare.zfill(3) in self._codes
        if not bare.isalpha() or bare.upper() not in self._codes or light_key(bare) in self._alias:
            return False
        if bare.isupper():
            return True
        odd_case = not bare.islower() and not bare.istitle()  # 'VeN' is no word
        return len(bare) == 3 and (odd_case or bare.lower() not in CODE_WORDS)

    def _code(self, part: str) -> CountryMatch | None:
        """A code in capitals inside a longer name ('NO' in 'Bouvet Island (NO)'): never the word 'no' there."""
        bare = part.strip(" .*")
        return CountryMatch(self._codes[bare], "exact") if bare.isupper() and bare in self._codes else None

    def _without_typos(self, name: str) -> CountryMatch | None:
        """Steps 1 and 2 without the part split: codes, exact names, aliases, variants."""
        bare = flag_letters(name) or name.strip(" .*")
        if self._is_code(bare):
            return CountryMatch(self._codes[bare.zfill(3) if bare.isdigit() else bare.upper()], "exact")
        key = light_key(name)
        if self._exact.get(key):
            return CountryMatch(self._exact[key], "exact")
        if key in self._alias:
            iso3 = self._alias[key]
        else:
            canonical = canonical_key(name)
            iso3 = (self._canonical[canonical] if canonical in self._canonical
                    else self._canonical.get(bare_key(name)))
        return CountryMatch(iso3, "alias") if iso3 else None

    def _is_refused(self, name: str) -> bool:
        """True for a known non-country or ambiguous name: no further guessing."""
        key = light_key(name)
        if key in self._alias:
            return self._alias[key] is _AMBIGUOUS
        canonical = canonical_key(name)
        return canonical in self._canonical and self._canonical[canonical] is _AMBIGUOUS

    @cached_property
    def _words(self) -> WordMatcher:
        """The word matcher over the en/fr/es names, aliases and non-countries, built on first need."""
        official, aliases, not_countries, _ = self._fuzzy_sources
        return WordMatcher([*official, *((name, iso3 or NOT_A_COUNTRY) for name, iso3 in aliases),
                            *((name, NOT_A_COUNTRY) for name in not_countries)])

    @cached_property
    def _typos(self) -> TypoMatcher:
        """The typo matcher, built on first need so that loading stays fast."""
        official, aliases, not_countries, other_names = self._fuzzy_sources
        forms = [(fuzzy_form(name), iso3) for name, iso3 in official]
        forms += [(fuzzy_form(name), iso3 or NOT_A_COUNTRY) for name, iso3 in aliases]
        forms += [(fuzzy_form(name), NOT_A_COUNTRY) for name in not_countries]
        forms += [(fuzzy_form(name), NOT_A_COUNTRY) for name in other_names]
        return TypoMatcher(forms)


class _LazyNames:
    """City and organization names of the reference folder, read only when iterated."""

    def __init__(self, reference_dir: Path):
        """Remember where the optional tables live."""
        self._dir = reference_dir

    def __iter__(self):
        """Yield every city name, city alternate name and organization alias."""
        for row in _read_csv(self._dir / "cities.csv"):
            yield row.get("name", "")
            yield from (alt for alt in (row.get("alt_names") or "").split(";") if alt.strip())
        for row in _read_csv(self._dir / "organization_aliases.csv"):
            yield row.get("alias", "")
