"""Language of a short text (en, fr or es) from function words that only one of the three uses."""

import re

MARKERS: dict[str, tuple[str, ...]] = {
    "en": ("the", "of", "and", "for", "on", "with", "to", "from", "workshop", "meeting", "training",
           "conference", "launch", "campaign", "migration", "border", "trafficking"),
    "fr": ("le", "les", "des", "du", "au", "aux", "et", "sur", "pour", "avec", "dans", "une", "atelier",
           "réunion", "formation", "lancement", "régional", "régionale", "frontières", "migrants", "traite"),
    "es": ("el", "los", "las", "del", "y", "sobre", "para", "con", "una", "taller", "reunión",
           "capacitación", "lanzamiento", "campaña", "migración", "fronteras", "migrantes", "trata"),
}


def _pattern(words: tuple[str, ...]) -> str:
    return r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b"


PATTERNS = {lang: re.compile(_pattern(words)) for lang, words in MARKERS.items()}


def detect(text: str | None) -> str | None:
    """'en', 'fr' or 'es' by the most marker words; None when no marker or a tie."""
    if not text:
        return None
    lowered = text.lower()
    scores = sorted(((len(p.findall(lowered)), lang) for lang, p in PATTERNS.items()), reverse=True)
    return scores[0][1] if scores[0][0] > scores[1][0] else None


def detect_sql(values_sql: str) -> str:
    """The same rule as detect(), as a DuckDB query giving (value, lang) for a query of values."""
    counts = ", ".join(f"len(regexp_extract_all(lower(value), '{_pattern(words)}')) AS {lang}"
                       for lang, words in MARKERS.items())
    return (f"SELECT value, CASE WHEN en > greatest(fr, es) THEN 'en' WHEN fr > greatest(en, es) THEN 'fr' "
            f"WHEN es > greatest(en, fr) THEN 'es' END AS lang FROM (SELECT value, {counts} FROM ({values_sql}))")
