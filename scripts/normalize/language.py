"""Language of a short text (en, fr or es) from marker words that only one of the three uses.

One rule, written once in SQL: the refresh runs it over every distinct title inside DuckDB, and detect() runs the
same query for one text. Words are runs of letters, marks, digits and underscores in any script (RE2's `\\b` and
`\\w`, which DuckDB's regular expressions use, know ASCII only: "Yémen" would hold the Spanish word "y").
"""

import threading

import duckdb

MARKERS: dict[str, tuple[str, ...]] = {
    "en": ("the", "of", "and", "for", "on", "with", "to", "from", "workshop", "meeting", "training",
           "conference", "launch", "campaign", "migration", "border", "trafficking"),
    "fr": ("le", "les", "des", "du", "au", "aux", "et", "sur", "pour", "avec", "dans", "une", "atelier",
           "réunion", "formation", "lancement", "régional", "régionale", "frontières", "migrants", "traite"),
    "es": ("el", "los", "las", "del", "y", "sobre", "para", "con", "una", "taller", "reunión",
           "capacitación", "lanzamiento", "campaña", "migración", "fronteras", "migrantes", "trata"),
}
WORD = r"[\p{L}\p{M}\p{N}_]+"
_ONE_TEXT = threading.Lock()
_connection: duckdb.DuckDBPyConnection | None = None


def detect_sql(values_sql: str) -> str:
    """DuckDB SQL giving (value, lang) for a query of values: the language with most marker words, NULL on a tie."""
    counts = ", ".join(f"len(list_filter(words, lambda word: list_contains({_sql_list(words)}, word))) AS {lang}"
                       for lang, words in MARKERS.items())
    return (f"SELECT value, CASE WHEN en > greatest(fr, es) THEN 'en' WHEN fr > greatest(en, es) THEN 'fr' "
            f"WHEN es > greatest(en, fr) THEN 'es' END AS lang FROM (SELECT value, {counts} FROM "
            f"(SELECT value, regexp_extract_all(lower(nfc_normalize(value)), '{WORD}') AS words FROM ({values_sql})))")


def _sql_list(words: tuple[str, ...]) -> str:
    return "[" + ", ".join(f"'{word}'" for word in words) + "]"


def detect(text: str | None) -> str | None:
    """The language of one text by the rule of detect_sql(); None when it cannot tell."""
    global _connection
    if not text:
        return None
    with _ONE_TEXT:
        if _connection is None:
            _connection = duckdb.connect()
        return _connection.execute(detect_sql("SELECT ?::VARCHAR AS value"), [text]).fetchone()[1]
