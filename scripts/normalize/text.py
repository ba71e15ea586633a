"""Text folding shared by every normalizer: one key per spelling variant."""

import re
import unicodedata

_PUNCT = str.maketrans({
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'",
    "\u2013": "-", "\u2014": "-", "\u2010": "-", "\u2011": "-",
    "\u00a0": " ", "\u202f": " ",
})
_SPACES = re.compile(r"\s+")


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
