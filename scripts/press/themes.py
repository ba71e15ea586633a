"""Themes of a release from keywords in en/fr/es: the theme vocabulary's labels and aliases
(vocabulary.csv) plus a small keyword taxonomy of our own (theme_keywords.csv).

Keywords match whole words on folded text, longest first and without overlap. A hit weighs 2 for
a phrase and 1 for a single word ('health', 'trata'), doubled in the title; a theme needs
MIN_SCORE, and at most MAX_THEMES are kept, strongest first.
"""

import csv
import re
from pathlib import Path

from scripts.normalize.countries import REFERENCE_DIR
from scripts.normalize.text import fold

_PUNCTUATION = re.compile(r"[^\w']+")
MIN_SCORE = 3
MAX_THEMES = 3
FULL_CONFIDENCE_SCORE = 8


def _key(text: str) -> str:
    """Folded text with hyphens and punctuation read as spaces ('sûres, ordonnées' = 'sures ordonnees')."""
    return " ".join(_PUNCTUATION.sub(" ", fold(text)).split())


class ThemeTagger:
    """Finds theme codes in a title and a body."""

    def __init__(self, keywords: list[tuple[str, str]]):
        """keywords: (theme code, keyword in any language)."""
        self._theme_of = {_key(keyword): theme for theme, keyword in keywords if keyword.strip()}
        ordered = sorted(self._theme_of, key=len, reverse=True)
        self._pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, ordered)) + r")(?!\w)")

    @classmethod
    def from_reference(cls, reference_dir: Path = REFERENCE_DIR) -> "ThemeTagger":
        """Theme labels and aliases from vocabulary.csv, keywords from theme_keywords.csv."""
        keywords = []
        with (reference_dir / "vocabulary.csv").open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                if row["vocabulary"] == "theme":
                    spellings = [row["code"], row["label_en"], row["label_fr"], row["label_es"],
                                 *row["aliases"].split(";")]
                    keywords += [(row["code"], spelling) for spelling in spellings]
        with (reference_dir / "theme_keywords.csv").open(encoding="utf-8", newline="") as handle:
            keywords += [(row["theme"], row["keyword"]) for row in csv.DictReader(handle)]
        return cls(keywords)

    def tag(self, title: str, text: str) -> list[tuple[str, float]]:
        """(theme code, confidence 0..1) for the themes of a release, strongest first."""
        scores: dict[str, int] = {}
        for part, factor in ((title, 2), (text, 1)):
            for match in self._pattern.finditer(_key(part)):
                weight = 2 if " " in match.group() else 1
                theme = self._theme_of[match.group()]
                scores[theme] = scores.get(theme, 0) + weight * factor
        ranked = sorted((item for item in scores.items() if item[1] >= MIN_SCORE), key=lambda item: -item[1])
        return [(theme, round(min(1.0, score / FULL_CONFIDENCE_SCORE), 2)) for theme, score in ranked[:MAX_THEMES]]
