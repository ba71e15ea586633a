"""Text folding shared by every normalizer: one key per spelling variant."""

import re
import unicodedata

_PUNCT = str.maketrans({
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'",
    "\u2013": "-", "\u2014": "-", "\u2010": "-", "\u2011": "-",
    "\u00a0": " ", "\u202f": " ",
})
_SPACES = re.compile(r"\s+")
_PUNCT_SAME_LENGTH = str.maketrans({key: value for key, value in _PUNCT.items() if value != " "})


def strip_accents(text: str) -> str:
    """Remove combining marks: 'Côte d'Ivoire' -> 'Cote d'Ivoire'."""
    if text.isascii():  # most names: nothing to decompose
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """Case-, accent-, apostrophe- and space-insensitive key of a name."""
    text = strip_accents(str(text).translate(_PUNCT)).casefold()
    return _SPACES.sub(" ", text).strip()


def fold_in_place(text: str) -> str:
    """Casefold and strip accents one character at a time, so positions stay aligned with text (quotes and dashes
    made plain, spaces kept)."""
    chars = []
    for ch in text.translate(_PUNCT_SAME_LENGTH):
        plain = strip_accents(ch).casefold()
        chars.append(plain[0] if len(plain) == 1 else ch.lower())
    return "".join(chars)
