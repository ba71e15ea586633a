"""Names made of one country's words in another order, fewer of them or abbreviated: 'democratic korea',
'Lao P.Dem.R', 'Cent. Af. Rep.', 'Bsnia.&Hrzgvna.'."""

import re
from collections import defaultdict
from collections.abc import Iterable

from scripts.normalize.country_keys import STATE_FORM_WORDS, name_words
from scripts.normalize.text import fold

MIN_WORDS = 2  # one word alone ('Sierra', 'Verde') is too little to name a country
SHORT_WORD = 3  # an unknown word this short may stand for a longer one ('af', 'p') or for initials ('pn', 'ur')
VAGUE_WORDS = STATE_FORM_WORDS | {"democratic", "people", "north", "south", "island", "saint"}
NOT_A_COUNTRY = ""
RESIDUAL_WORDS = {"nes", "nei", "nec"}  # 'Carib. NES': not elsewhere specified, a remainder, not a country
_CUT_WORD = re.compile(r"([^\W\d_]+)\.")
_BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")


class WordMatcher:
    """Finds the one country whose name holds every word of a query; two candidates, or a non-country, refuse."""

    def __init__(self, forms: Iterable[tuple[str, str]]):
        """Index (name, iso3) pairs; iso3 NOT_A_COUNTRY marks a name whose words block the answer."""
        self._forms: list[tuple[tuple[str, ...], str]] = []
        self._with_word: dict[str, set[int]] = defaultdict(set)
        self._words_of: dict[str, set[str]] = defaultdict(set)
        self._with_initial: dict[str, set[int]] = defaultdict(set)
        for name, iso3 in forms:
            words = tuple(name_words(name))
            if words:
                for word in words:
                    self._with_word[word].add(len(self._forms))
                    self._with_initial[word[0]].add(len(self._forms))
                self._forms.append((words, iso3))
                if iso3 != NOT_A_COUNTRY:  # without a sovereign in brackets: 'Isle of Man (… Northern Ireland)'
                    self._words_of[iso3] |= set(name_words(_BRACKETS.sub(" ", name)))

    def match(self, name: str) -> str | None:
        """The ISO3 of the one country whose names hold every word of name, short words read as abbreviations."""
        cut = {fold(word) for word in _CUT_WORD.findall(name)}  # 'Gren.', 'Britan.': written short, any length
        for words in (name_words(name), name_words(name, expand=False)):  # 'Isl.' is 'island' or 'islamic'
            found = self._match_words(list(dict.fromkeys(words)), cut)
            if found is not None:
                return found or None
        return None

    def _match_words(self, words: list[str], cut: set[str]) -> str | None:
        """The one owner of words, NOT_A_COUNTRY when two or a non-country own them, None when none does."""
        if len(words) < MIN_WORDS or RESIDUAL_WORDS & set(words):
            return NOT_A_COUNTRY
        known = [word for word in words if word in self._with_word]
        holders = self._holding(known)
        if known and not holders:  # 'pr', 'd': short words some other name holds whole may be abbreviations here
            known = [word for word in known if len(word) >= SHORT_WORD]
            holders = self._holding(known)
        short = [word for word in words if word not in known]
        rest = {index: tuple(word for word in self._forms[index][0] if word not in known) for index in holders}
        if any(word not in VAGUE_WORDS and len(word) >= SHORT_WORD for word in known):
            owners = {self._forms[index][1] for index in holders
                      if all(_abbreviates(word, rest[index], word in cut) for word in short)}
            if not owners and not short:
                owners = {iso3 for iso3, words_of in self._words_of.items() if set(known) <= words_of}
        elif len(known) + sum(len(word) >= SHORT_WORD for word in short) >= MIN_WORDS:  # 'St.Vin. & Gren.'
            if not known:
                holders = set.intersection(*(self._with_initial[word[0]] for word in short))
                rest = {index: self._forms[index][0] for index in holders}
            owners = {self._forms[index][1] for index in holders if _spells(short, rest[index], cut)}
        else:
            return NOT_A_COUNTRY
        if not owners:
            return None
        return next(iter(owners)) if len(owners) == 1 else NOT_A_COUNTRY

    def _holding(self, words: list[str]) -> set[int]:
        """The forms holding every one of words (none for no words)."""
        return set.intersection(*(self._with_word[word] for word in words)) if words else set()

    def words_of(self, iso3: str) -> set[str]:
        """Every word of every name of a country."""
        return self._words_of.get(iso3, set())


def _abbreviates(short: str, form: tuple[str, ...], cut: bool) -> bool:
    """True when short begins a longer word of form ('af': 'african'), spells the initials of a run of its words
    ('pn': 'papua new') or keeps a longer word's letters in order from its first ('tbg': 'tobago', 'hrzgvna');
    form holds the words the query's full words did not already take. A longer word not written cut ('Gren.')
    must keep the letters in order: a typo is the typo matcher's to judge."""
    if len(short) <= SHORT_WORD or cut:
        if any(len(word) > len(short) and word.startswith(short) for word in form):
            return True
        if len(short) > 1 and short in "".join(word[0] for word in form):
            return True
    return len(short) >= SHORT_WORD and any(len(word) > len(short) and _keeps_letters(short, word) for word in form)


def _keeps_letters(short: str, word: str) -> bool:
    """True when short is word with letters left out, the first kept."""
    letters = iter(word)
    return short[0] == word[0] and all(letter in letters for letter in short)


def _spells(short: list[str], form: tuple[str, ...], cut: set[str]) -> bool:
    """True when the short words abbreviate every word of form but its state title, and nothing else."""
    return (all(_abbreviates(word, form, word in cut) for word in short)
            and all(any(_abbreviates(word, (part,), word in cut) for word in short)
                    for part in form if part not in STATE_FORM_WORDS))
