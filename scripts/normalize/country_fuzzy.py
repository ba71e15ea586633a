"""Strict typo matching of country names: answers only when one country is clearly closest."""

from collections import defaultdict
from collections.abc import Iterable

from rapidfuzz import process
from rapidfuzz.distance import OSA

MIN_FUZZY_LENGTH = 5
SHORT_WORD = 3
# Words that turn a country into a part of the world: 'Southern Africa' is no typo of 'South Africa'.
REGION_WORDS = frozenset("""
    north northern south southern east eastern west western central centre center middle
    region regional nord sud est ouest occidental occidentale oriental orientale centrale
    septentrional septentrionale meridional meridionale norte sur este oeste centro austral
    horn corne cuerno gulf golfe golfo lake lac lago basin bassin cuenca sea mer mar sub
    subregion city ville ciudad province provincia
""".split())
NOT_A_COUNTRY = ""


def max_edits(length: int) -> int:
    """How many typing errors a name of this length may carry: 1, or 2 from ten letters on."""
    return 1 if length < 10 else 2


class TypoMatcher:
    """Closest-name search over known names, refusing ties, short inputs and region phrases."""

    def __init__(self, forms: Iterable[tuple[str, str]]):
        """Index (form, iso3) pairs; iso3 NOT_A_COUNTRY marks a name that blocks its neighbours."""
        self._by_length: dict[int, list[str]] = defaultdict(list)
        self._owners: dict[str, set[str]] = defaultdict(set)
        for form, iso3 in forms:
            if form and iso3 not in self._owners[form]:
                if not self._owners[form]:
                    self._by_length[len(form)].append(form)
                self._owners[form].add(iso3)

    def _near(self, query: str, reach: int) -> list[tuple[str, int]]:
        """Known forms within `reach` edits of the query, with their distance."""
        found = []
        for length in range(len(query) - reach, len(query) + reach + 1):
            choices = self._by_length.get(length)
            if choices:
                hits = process.extract(query, choices, scorer=OSA.distance,
                                       score_cutoff=reach, limit=None)
                found += [(form, distance) for form, distance, _ in hits]
        return found

    def match(self, query: str) -> str | None:
        """The iso3 of the single country within a few typos of the query, else None.

        The country's name must be a plausible typo of the query (see _plausible). Any other
        country must be at least two edits further away; a non-country name (city, region,
        organization) that is a plausible typo too must simply be further away.
        """
        if len(query) < MIN_FUZZY_LENGTH:
            return None
        allowed = max_edits(len(query))
        near = self._near(query, allowed + 1)
        countries = [(distance, form) for form, distance in near
                     if distance <= allowed and self._owners[form] - {NOT_A_COUNTRY}
                     and self._plausible(query, form)]
        if not countries:
            return None
        best, best_form = min(countries)
        iso3s = self._owners[best_form] - {NOT_A_COUNTRY}
        if len(iso3s) != 1:
            return None
        for form, distance in near:
            owners = self._owners[form]
            if owners - {NOT_A_COUNTRY} - iso3s and distance < best + 2:
                return None
            if (form != best_form and NOT_A_COUNTRY in owners and distance <= best
                    and self._plausible(query, form)):
                return None
        return next(iter(iso3s))

    @staticmethod
    def _plausible(query: str, form: str) -> bool:
        """Typos stay inside words, keep the first letter and every region word; short names
        may only lose, gain or swap a letter, since one changed letter makes other real names;
        words of up to three letters ('uk', 'us', 'dem') are never mistyped."""
        if query[0] != form[0] or query.count(" ") != form.count(" "):
            return False
        if any(word != other for word, other in zip(query.split(), form.split())
               if min(len(word), len(other)) <= SHORT_WORD):
            return False
        if len(query) < 7 and len(query) == len(form) and sorted(query) != sorted(form):
            return False
        return not (set(query.split()) & REGION_WORDS) - set(form.split())
