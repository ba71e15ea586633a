"""Lookup keys for country names: one key per spelling, word order and article variant."""

import re

from scripts.normalize.text import fold

_EDGE_PUNCT = " .,;:*\"'"
_ACRONYM = re.compile(r"\b(?:[a-z]\. ?){2,}|\b[a-z]\.[a-z]\b")
_NOT_WORD = re.compile(r"[^a-z0-9 ]+")
_ELIDED_ARTICLE = re.compile(r"\b[dl]'")
_SPLIT_PARTS = re.compile(r"\s*(?:[()\[\]/:]|\s-\s|\s(?:or|ou|o)\s)\s*", re.IGNORECASE)  # 'Vaticano o Santa Sede'
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")  # 'GuineaBissau', 'UnitedStates'
# 'N. Korea', 'S.Sudan', 'W. Sahara', 'E. Timor', 'Heard I. and…'; not 'U.S.' nor 'P.N.G.'
_LIST_SEPARATOR = re.compile(r"\s*(?:,|\band\b|\bet\b|\by\b|&)\s*")
_NOT_LETTER = re.compile(r"[^a-z0-9]+")
_FLAG_A = 0x1F1E6  # REGIONAL INDICATOR SYMBOL LETTER A: a flag emoji is two of these
_LISTED = re.compile(r"\s*(?:\band\b|\bet\b|\by\b|&|\s[\u2013\u2014]\s)\s*", re.IGNORECASE)
_INITIAL = re.compile(r"(?<![.\w])(?<!\. )([nswei])\.\s*(?=[a-z]{3})")
_INITIALS = {"n": "north ", "s": "south ", "w": "western ", "e": "east ", "i": "island "}
# 'China excluding Hong Kong', 'Sudan (incl. South Sudan)': what follows narrows or widens, not renames.
_QUALIFIER_TAIL = re.compile(
    r"[\s,(]+(?:excluding|excl|except|without|not including|including|incl|sans|hors|y compris|sauf"
    r"|sin|excepto|salvo|incluido|incluyendo)\b.*$", re.IGNORECASE | re.DOTALL)

# Abbreviations and cross-language forms of the words that make up country names.
_WORD_FORMS = {
    "st": "saint", "ste": "sainte", "sta": "santa", "sto": "santo",
    "rep": "republic", "republique": "republic", "republica": "republic",
    "dem": "democratic", "democratique": "democratic", "democratica": "democratic",
    "fed": "federated", "sts": "states",
    "is": "island", "isl": "island", "isls": "island", "isds": "island", "islds": "island",
    "islands": "island", "iles": "island", "islas": "island", "ile": "island", "isla": "island",
    "terr": "territory", "terrs": "territory", "territories": "territory",
    "br": "british", "occ": "occupied", "sint": "saint", "eq": "equatorial", "fr": "french",
    "rp": "republic", "repu": "republic", "democ": "democratic", "cent": "central", "afr": "african",
    "bol": "bolivarian", "dom": "dominican", "dr": "democratic republic",
    "northern": "north",  # 'N. Mariana Is.'; not 'southern': 'Southern Africa' is no 'South Africa'
    "em": "emirates",
    "peoples": "people",
}
# Articles, prepositions and connectors of en/fr/es/pt names: never tell two countries apart.
_FILLER_WORDS = frozenset(
    "the of and de del des du la le les el los las et y e s da do dos".split())


# Words that date or qualify a name without naming a country: 'Sudan (former)', 'Ethiopia (up to 1993)'.
_QUALIFIER_WORDS = frozenset("""
    former formerly old ancien ancienne anciennement antiguo antigua antiguamente ex
    up to until till since before after from jusqu jusqu'en depuis avant apres hasta desde antes despues
    masc fem mainland proper
""".split())
# What opens a part that gives another name for the same country: 'Croatia (local name: Hrvatska)'.
_ANOTHER_NAME = re.compile(r"^\W*(?:local(?:ly)? name|also known as|also|aka|a\.k\.a\.|formerly|now|officially"
                           r"|anciennement|aujourd'hui|antes|hoy)\b\W*", re.IGNORECASE)


# Words of a state's formal title that never change which country a name means; a part of
# 'Australia (Commonwealth of)' made only of these can be set aside. 'Democratic' and 'People'
# are not among them: they tell the two Congos and the two Koreas apart.
STATE_FORM_WORDS = frozenset("""
    republic commonwealth kingdom royaume reino state states etat estado federal federale
    federative federativa federation confederation confederacion union grand duchy duche
    ducado principality principaute principado sultanate sultanat sultanato independent
    country pays pais collectivity collectivite territorial
""".split())


def light_key(text: str) -> str:
    """Folded text without edge punctuation: 'Tchad.' and ' TCHAD ' share a key."""
    return fold(text).strip(_EDGE_PUNCT)


def name_words(text: str, expand: bool = True) -> list[str]:
    """Meaningful words of a name in a common vocabulary, in their original order (abbreviations as written
    when not expand: 'isl' may be 'islamic' as well as 'island', 'n.' 'new' as well as 'north')."""
    text = _ELIDED_ARTICLE.sub(" ", fold(_CAMEL.sub(" ", text)).replace("&", " and "))
    if expand:
        text = _INITIAL.sub(lambda m: _INITIALS[m.group(1)], text)
    text = _ACRONYM.sub(lambda m: m.group().replace(".", "").replace(" ", "") + " ", text)
    text = _NOT_WORD.sub(" ", text.replace(".", " "))
    forms = _WORD_FORMS if expand else {}
    words = (form for word in text.split() for form in forms.get(word, word).split())
    return [word for word in words if word not in _FILLER_WORDS]


def canonical_key(text: str) -> str:
    """Order- and article-free key: 'Korea, Rep. of' and 'la République de Corée' share one."""
    return " ".join(sorted(name_words(text)))


def bare_key(text: str) -> str:
    """Canonical key without state-title words: 'Estado de Israel' -> 'israel'.

    Empty when a stray letter is left ('Korea,n Republic' must not become 'N. Korea').
    """
    words = [word for word in name_words(text) if word not in STATE_FORM_WORDS]
    return "" if any(len(word) == 1 for word in words) else " ".join(sorted(words))


def fuzzy_form(text: str) -> str:
    """Canonical words in their written order, the form that typo matching compares."""
    return " ".join(name_words(text))


def qualified(text: str) -> tuple[str, list[str]]:
    """(the name before 'excluding…', 'incl.…', 'sans…', the places that follow): 'China excluding
    Hong Kong and Macao' -> ('China', ['Hong Kong', 'Macao']); (text, []) when there is no such tail."""
    match = _QUALIFIER_TAIL.search(text)
    if not match:
        return text, []
    tail = re.sub(r"^[\s,(]*\w+\.?\s*", "", match.group()).strip(" )")
    return text[:match.start()].strip(), [piece for piece in _LIST_SEPARATOR.split(tail) if piece.strip()]


def name_parts(text: str) -> list[str]:
    """The pieces of 'Myanmar (Burma)' or 'Myanmar / Birmanie'; one piece if no such split."""
    parts = (_ANOTHER_NAME.sub("", part) for part in _SPLIT_PARTS.split(text))
    return [part for part in parts if part.strip(_EDGE_PUNCT) and not part.lstrip().startswith("+")]  # '(+DOM TOM)'


def glued_key(text: str) -> str:
    """The folded letters and digits of a name, run together: 'Bosnia and Herzegovina' -> 'bosniaandherzegovina'."""
    return _NOT_LETTER.sub("", fold(text))


def flag_letters(text: str) -> str | None:
    """The two letters a flag emoji spells ('🇸🇨' -> 'SC'), or None for any other text."""
    letters = text.strip()
    if len(letters) == 2 and all(_FLAG_A <= ord(letter) < _FLAG_A + 26 for letter in letters):
        return "".join(chr(ord(letter) - _FLAG_A + ord("A")) for letter in letters)
    return None


def listed_pieces(text: str) -> list[str]:
    """The pieces of a name that lists places: 'St. Martin and St. Maarten' -> ['St. Martin', 'St. Maarten']."""
    pieces = (piece for part in _SPLIT_PARTS.split(text) for piece in _LISTED.split(part))
    return [piece for piece in pieces if piece.strip(_EDGE_PUNCT)]


def names_no_country(part: str) -> bool:
    """True for 'Republic of', 'Commonwealth', 'UNSCR 1244', 'former', 'up to 2011', "l'": a part
    that names no country."""
    words = name_words(part)
    return not words or (set(words) <= STATE_FORM_WORDS | _QUALIFIER_WORDS or "1244" in words
                            or all(word.isdigit() or word in _QUALIFIER_WORDS for word in words))
