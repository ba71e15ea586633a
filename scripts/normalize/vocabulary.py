"""Controlled vocabularies (event types, themes, office types, member status), en/fr/es labels."""

import csv
import re
from collections import defaultdict
from pathlib import Path

from scripts.normalize.text import fold

REFERENCE_DIR = Path(__file__).resolve().parents[2] / "data" / "reference"
LANGUAGES = ("en", "fr", "es")
# List cells use ";" by the data contract; "," and "|" are accepted too (no label contains them).
_LIST_SEPARATORS = re.compile(r"[;,|]")
_JOINERS = re.compile(r"[-_/]+")


def _key(value: str) -> str:
    """Lookup key: folded, with hyphens, underscores and slashes read as spaces."""
    return " ".join(_JOINERS.sub(" ", fold(value)).split())


class Vocabulary:
    """Folded exact lookup of codes, labels and aliases, per vocabulary."""

    def __init__(self, rows: list[dict]):
        self._codes: dict[str, dict[str, str]] = defaultdict(dict)
        self._labels: dict[tuple[str, str], dict[str, str]] = {}
        for row in rows:
            vocabulary, code = row["vocabulary"], row["code"]
            self._labels[vocabulary, code] = {lang: row[f"label_{lang}"] for lang in LANGUAGES}
            spellings = [code, *self._labels[vocabulary, code].values(), *row["aliases"].split(";")]
            for spelling in spellings:
                if spelling.strip():
                    self._codes[vocabulary][_key(spelling)] = code

    @classmethod
    def from_reference(cls, reference_dir: Path = REFERENCE_DIR) -> "Vocabulary":
        """Load vocabulary.csv from the reference folder."""
        with (reference_dir / "vocabulary.csv").open(encoding="utf-8", newline="") as handle:
            return cls(list(csv.DictReader(handle)))

    def vocabularies(self) -> list[str]:
        """Names of the loaded vocabularies."""
        return sorted(self._codes)

    def code(self, vocabulary: str, value: str) -> str | None:
        """The code for a value in any language or alias (folded exact match), else None."""
        return self._index(vocabulary).get(_key(str(value or "")))

    def codes(self, vocabulary: str, value: str) -> tuple[list[str], list[str]]:
        """A list cell -> (codes in order without repeats, items that matched nothing)."""
        found: list[str] = []
        unmatched: list[str] = []
        for item in (part.strip() for part in _LIST_SEPARATORS.split(str(value or ""))):
            if not item:
                continue
            code = self.code(vocabulary, item)
            if code is None:
                unmatched.append(item)
            elif code not in found:
                found.append(code)
        return found, unmatched

    def label(self, vocabulary: str, code: str, lang: str) -> str:
        """The code's label in lang (en|fr|es), English if lang is unknown, the code if it is."""
        self._index(vocabulary)
        labels = self._labels.get((vocabulary, code))
        if labels is None:
            return code
        return labels.get(lang) or labels["en"]

    def _index(self, vocabulary: str) -> dict[str, str]:
        """The lookup table of one vocabulary; an unknown vocabulary name is a programming error."""
        if vocabulary not in self._codes:
            known = ", ".join(self.vocabularies())
            raise KeyError(f"unknown vocabulary {vocabulary!r}; known: {known}")
        return self._codes[vocabulary]
