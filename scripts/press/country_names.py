"""Country names looked up exactly: every spelling of the name tables (en/fr/es names, UN forms,
aliases) as a sequence of folded words, resolved by the CountryResolver only when the words form
a known name, so that no typo matching ever runs on running text ('Nigerian' is not Nigeria).
"""

import csv
import re
from collections.abc import Iterable
from pathlib import Path

from scripts.normalize.countries import REFERENCE_DIR, CountryResolver
from scripts.normalize.text import fold

# A word of a name: elided d'/l' alone ("d'Haïti"), hyphenated words whole ('Guinée-Bissau').
NAME_TOKEN = re.compile(r"[dlDL]['’](?=\w)|\w+(?:-\w+)*(?:['’]\w+)*")
POSSESSIVE = re.compile(r"['’]s$")
_ARTICLES = frozenset("the la le les l' el los las".split())
# Names that are also everyday words in running text (Spanish and French 'reunión'/'réunion': a meeting).
COMMON_WORDS = frozenset({("reunion",), ("la", "reunion")})


def word_key(token: str) -> str:
    """Folded key of one word, without an English possessive ("Rica's" -> 'rica')."""
    return fold(POSSESSIVE.sub("", token))


def key_sequences(name: str) -> list[tuple[str, ...]]:
    """Word keys of a name as text may show it: hyphenated words whole, and split too."""
    whole = tuple(word_key(token) for token in NAME_TOKEN.findall(name))
    split = tuple(part for key in whole for part in key.split("-"))
    return [whole, split] if split != whole else [whole]


class CountryNames:
    """Known country-name spellings as word sequences, resolved exactly or as aliases."""

    def __init__(self, resolver: CountryResolver, names: Iterable[str]):
        """The resolver and every spelling to recognise."""
        self._resolver = resolver
        self._names = {keys for name in names for keys in key_sequences(name)} - COMMON_WORDS
        self._prefixes = {keys[:length] for keys in self._names for length in range(1, len(keys) + 1)}

    @classmethod
    def from_reference(cls, resolver: CountryResolver, reference_dir: Path = REFERENCE_DIR) -> "CountryNames":
        """Spellings from countries.csv, country_names.csv and country_aliases.csv (aliases with a code)."""
        names = [row[column] for row in _rows(reference_dir / "countries.csv")
                 for column in ("name_en", "name_fr", "name_es")]
        names += [row["name"] for row in _rows(reference_dir / "country_names.csv")]
        names += [row["alias"] for row in _rows(reference_dir / "country_aliases.csv") if row["iso3"].strip()]
        return cls(resolver, names)

    def is_name(self, keys: tuple[str, ...]) -> bool:
        """True when the word keys spell a whole country name."""
        return keys in self._names

    def starts_name(self, keys: tuple[str, ...]) -> bool:
        """True when the word keys are the beginning of some country name."""
        return keys in self._prefixes

    def iso3(self, name: str) -> str | None:
        """ISO3 of a name spelled as in the tables (case, accents, articles aside), else None."""
        sequences = key_sequences(name)
        sequences += [keys[1:] for keys in sequences if keys and keys[0] in _ARTICLES]
        if not any(self.is_name(keys) for keys in sequences):
            return None
        match = self._resolver.resolve(name.strip())
        return match.iso3 if match and match.how != "fuzzy" else None

    def glued(self, word: str) -> str | None:
        """ISO3 of a country code or name written in one lower-case word, as in web addresses ('southsudan',
        'bih'), else None."""
        match = self._resolver.resolve(word)
        return match.iso3 if match and match.how != "fuzzy" else None


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))
