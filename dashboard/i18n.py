"""UI strings: `t("overview.members")` looks a key up in locales/<lang>/*.json (one file per page)."""

import json
from datetime import date, datetime
from functools import cache
from pathlib import Path

from babel import dates, numbers

LOCALES_DIR = Path(__file__).resolve().parent / "locales"
DEFAULT_LANGUAGE = "en"
LANGUAGES = ("en", "fr", "es")


def language_names() -> dict[str, str]:
    """Each language in its own words, for the language switch."""
    return {lang: t("language", lang) for lang in LANGUAGES}


@cache
def strings(lang: str = DEFAULT_LANGUAGE) -> dict[str, str]:
    """Every UI string of a language, keyed by dotted path ("overview.members"), from locales/<lang>/*.json."""
    merged: dict[str, str] = {}
    for part in sorted((LOCALES_DIR / lang).glob("*.json")):
        with open(part, encoding="utf-8") as handle:
            merged.update(_flatten(json.load(handle)))
    return merged


def t(key: str, lang: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """The UI string for `key` in `lang` (English if missing there), with {placeholders} filled."""
    text = strings(lang).get(key) or strings(DEFAULT_LANGUAGE)[key]
    return text.format(**values) if values else text


def format_number(value: int, lang: str = DEFAULT_LANGUAGE) -> str:
    """A count with the language's digit grouping: 12,345 / 12 345."""
    return numbers.format_decimal(value, locale=lang)


def format_month(day: date, lang: str = DEFAULT_LANGUAGE) -> str:
    """Month and year in the language: 'Aug 2015', 'août 2015'."""
    return dates.format_date(day, "MMM y", locale=lang)


def format_timestamp(moment: datetime, lang: str = DEFAULT_LANGUAGE) -> str:
    """Day, month, year and time in the language: '29 Nov 2026, 10:04'."""
    return dates.format_datetime(moment, "d MMM y, HH:mm", locale=lang)


def _flatten(tree: dict, prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for name, value in tree.items():
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{prefix}{name}."))
        else:
            flat[f"{prefix}{name}"] = value
    return flat
