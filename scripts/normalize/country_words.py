"""Names made of one country's words in another order, fewer of them or abbreviated: 'democratic korea',
'Lao P.Dem.R', 'Cent. Af. Rep.'."""

import re
from collections import defaultdict
from collections.abc import Iterable

from scripts.normalize.country_keys import STATE_FORM_WORDS, name_words
from scripts.normalize.text import fold

MIN_WORDS = 2  # one word alone ('Sierra', 'Verde') is too little to name a country
SHORT_WORD = 3  # an unknown word this short may stand for a longer one ('af', 'p') or for initials ('pn', 'ur')
VAGUE_WORDS = STATE_FORM_WORDS | {"democratic", "people", "north", "south", "island", "saint"}
NOT_A_COUNTRY = ""
_CUT_WORD = re.compile(r"([^\W\d_]+)\.")
_BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")


class WordMatcher:
    """Finds the one country whose name holds every word of a query; two candidates, or a non-country, refuse."""

    def __init__(self, forms: Iterable[tuple[str, str]]):
        """Index (name, iso3) pairs; iso3 NOT_A_COUNTRY marks a name whose words block the answer."""
        self._forms: list[tuple[tuple[str, ...], str]] = []
        self._with_word: dict[str, set[int]] = defaultdict(set)
        self._words_of: dict[str, set[str]] = defaultdict(set)
        for name, iso3 in forms:
            words = tuple(name_words(name))
            if words:
                for word in words:
                    self._with_word[word].add(len(self._forms))
                self._forms.append((words, iso3))
                if iso3 != NOT_A_COUNTRY:  # without a sovereign in brackets: 'Isle of Man (… Northern Ireland)'
                    self._words_of[iso3] |= set(name_words(_BRACKETS.sub(" ", name)))

    def match(self, name: str) -> str | None:
        """The ISO3 of the one country whose names hold every word of name, short words read as abbreviations."""
        words = list(dict.fromkeys(name_words(name)))
        cut = {fold(word) for word in _CUT_WORD.findall(name)}  # 'Gren.', 'Britan.': written short, any length
        known = [word for word in words if word in self._with_word]
        short = [word for word in words if word not in self._with_word]
        if len(words) < MIN_WORDS or not any(word not in VAGUE_WORDS and len(word) >= SHORT_WORD for word in known) \
                or any(len(word) > SHORT_WORD and word not in cut for word in short):
            return None
        holders = set.intersection(*(self._with_word[word] for word in known))
        owners = {iso3 for index in holders for form, iso3 in [self._forms[index]]
                  if all(_abbreviates(word, tuple(w for w in form if w not in known)) for word in short)}
        if not owners and not short:
            owners = {iso3 for iso3, words_of in self._words_of.items() if set(known) <= words_of}
        return next(iter(owners)) if len(owners) == 1 and NOT_A_COUNTRY not in owners else None

    def words_of(self, iso3: str) -> set[str]:
        """Every word of every name of a country."""
        return self._words_of.get(iso3, set())


def _abbreviates(short: str, form: tuple[str, ...]) -> bool:
    """True when short begins a longer word of form ('af': 'african') or spells the initials of a run of its
    words ('pn': 'papua new'); form holds the words the query's full words did not already take."""
    if any(len(word) > len(short) and word.startswith(short) for word in form):
        return True
    initials = "".join(word[0] for word in form)
    return len(short) > 1 and short in initials
