"""Countries named by their nationality adjective beside people or bodies that take part: 'Malaysian immigration
officers', 'the Afghan delegation', 'fonctionnaires colombiens', 'la délégation malienne', 'autoridades hondureñas'.

An adjective alone names no participant: 'Syrian refugees' and 'migrants maliens' are origins, 'the Japanese
embassy' a donor's house. So an English adjective counts only right before (at most two words before) a word for
officials or a public body, a French or Spanish one only right after (at most two words after) such a word.
Adjectives several countries share ('Congolese', 'dominicano') are not in the table. Plurals are made here from
the singular forms of data/reference/demonyms.csv: French adds -s, Spanish -s after a vowel and -es after a
consonant ('francés' → 'franceses'), on folded text.
"""

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from scripts.normalize.countries import REFERENCE_DIR
from scripts.normalize.text import fold, fold_in_place

DEMONYMS_FILE = "demonyms.csv"
MAX_WORDS_BETWEEN = 2
LISTED_CHARS = 40  # how far back an adjective listed before another may start ('Ethiopian and Kenyan officials')
_BODIES = {
    "en": r"officials?|officers?|authorit(?:y|ies)|delegations?|delegates?|governments?|ministr(?:y|ies)|ministers?"
          r"|police|policemen|policewomen|counterparts?|experts?|representatives?|participants?|trainers?|judges?"
          r"|prosecutors?|customs|army|navy|troops|forces|guards?|agenc(?:y|ies)|department|bureau|services?"
          r"|administration|staff|teams?|parliamentarians?|senators?|mayors?|governors?",
    "fr": r"fonctionnaires|responsables?|autorites?|delegations?|delegue(?:e|s|es)?|gouvernements?|ministeres?"
          r"|ministres?|police|policiers|gendarmerie|gendarmes|homologues?|experts?|representant(?:e|s|es)?"
          r"|participant(?:e|s|es)?|formateurs|magistrats|douanes?|douaniers|armee|forces|agents|services?"
          r"|administrations?|partie|parlementaires|elus|maires?|gouverneurs?",
    "es": r"funcionari[oa]s?|autoridad(?:es)?|delegaci(?:on|ones)|delegad[oa]s?|gobiernos?|ministerios?|ministr[oa]s?"
          r"|policias?|policiales|homolog[oa]s?|expert[oa]s?|representantes?|participantes?|capacitadores"
          r"|jueces|fiscales|aduanas?|ejercito|fuerzas|agentes|servicios?|cancilleria|institut[oa]s?|direcci(?:on|ones)"
          r"|parlamentarios|legisladores|alcaldes?|gobernador(?:es)?|contraparte",
}
# Words for people named by where they come from: 'Nigerian migrants and officials' names no Nigerian official.
_ORIGINS = (r"(?:migrants?|migrantes?|refugees?|refugies?|refugiad[oa]s?|returnees?|retornad[oa]s?|nationals?"
            r"|ressortissants?|nacionales|victims?|victimes?|victimas?|workers?|travailleurs?|trabajador(?:es|as)?"
            r"|students?|etudiants?|estudiantes?|citizens?|citoyens?|ciudadan[oa]s?|and|et|y)\b")
_WORD = rf"(?!{_ORIGINS})[\w'-]+"
# 'Latin American officials', 'les gouvernements sud américains': a continent's people, not a country's.
_NOT_A_CONTINENT = "".join(f"(?<!{word} )" for word in ("latin", "south", "north", "central", "latino", "sud", "nord"))


@dataclass(frozen=True)
class Adjective:
    """A nationality adjective naming a country that takes part, and where it stands."""

    iso3: str
    start: int
    end: int


class Demonyms:
    """Finds nationality adjectives beside officials or public bodies, in en/fr/es."""

    def __init__(self, rows: list[dict]):
        """rows: iso3, lang, demonym (singular forms)."""
        self._iso3 = {}
        forms: dict[str, set[str]] = {lang: set() for lang in _BODIES}
        for row in rows:
            for form in _with_plurals(fold(row["demonym"]), row["lang"]):
                self._iso3[form] = row["iso3"]
                forms[row["lang"]].add(form)
        self._patterns = [(self._pattern(lang, alternation), self._next(alternation), self._previous(alternation))
                          for lang, words in forms.items() if words
                          for alternation in ["|".join(map(re.escape, sorted(words, key=len, reverse=True)))]]

    @classmethod
    def from_reference(cls, reference_dir: Path = REFERENCE_DIR) -> "Demonyms":
        """The table of the reference folder (none when the file is missing)."""
        path = reference_dir / DEMONYMS_FILE
        if not path.exists():
            return cls([])
        with path.open(encoding="utf-8", newline="") as handle:
            return cls(list(csv.DictReader(handle)))

    @staticmethod
    def _pattern(lang: str, alternation: str) -> re.Pattern:
        adjective = rf"(?P<adjective>{alternation})"
        body = r"(?:" + _BODIES[lang] + r")"
        between = rf"(?:{_WORD}\s+){{0,{MAX_WORDS_BETWEEN}}}?"
        order = rf"{adjective}\s+{between}{body}" if lang == "en" else rf"{body}\s+{between}{adjective}"
        return re.compile(rf"(?<![\w-]){_NOT_A_CONTINENT}{order}(?![\w-])")

    @staticmethod
    def _next(alternation: str) -> re.Pattern:
        return re.compile(rf"\s*(?:,|and|et|y)\s+(?P<adjective>{alternation})(?![\w-])")

    @staticmethod
    def _previous(alternation: str) -> re.Pattern:
        return re.compile(rf"(?<![\w-])(?P<adjective>{alternation}),?\s+(?:and\s+|et\s+|y\s+)?$")

    def find(self, text: str) -> list[Adjective]:
        """Every adjective of text that stands beside officials or a public body, in order; the adjectives listed
        with one ('Ethiopian and Kenyan officials', 'du gouvernement colombien, chilien et salvadorien') too."""
        folded = fold_in_place(text)
        found = set()
        for pattern, after, before in self._patterns:
            for match in pattern.finditer(folded):
                found.add(match.span("adjective"))
                start, end = match.span("adjective")
                while more := after.match(folded, end):
                    found.add(more.span("adjective"))
                    end = more.end()
                while more := before.search(folded, max(0, start - LISTED_CHARS), start):
                    found.add(more.span("adjective"))
                    start = more.start()
        return [Adjective(self._iso3[folded[start:end]], start, end) for start, end in sorted(found)]


def _with_plurals(form: str, lang: str) -> set[str]:
    """A folded singular form and its plural ('colombien' → 'colombiens'; 'frances' → 'franceses')."""
    if lang == "en" or form.endswith(("s", "x")) and lang == "fr":
        return {form}
    if lang == "fr":
        return {form, form + "s"}
    if form.endswith("z"):
        return {form, form[:-1] + "ces"}
    return {form, form + ("s" if form[-1] in "aeiou" else "es")}
