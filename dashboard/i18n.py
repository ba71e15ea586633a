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
    text = _text(key, lang)
    if text is None:
        raise KeyError(key)
    return text.format(**values) if values else text


def label(group: str, code: str | None, lang: str = DEFAULT_LANGUAGE, fallback: str | None = None) -> str:
    """The UI label of a code in a group of strings ("quality.codes"): in the language, else in English, else
    `fallback` (the code itself unless given); '' for no code (None, or a frame's missing value)."""
    if not isinstance(code, str):
        return ""
    return _text(f"{group}.{code}", lang) or (code if fallback is None else fallback)


def region_label(scheme: str, region: str, lang: str = DEFAULT_LANGUAGE, fallback: str | None = None) -> str:
    """A region's name in the language: a regional office (scheme iom) or a UN M49 sub-region (m49)."""
    return label(f"regions.{scheme}", region, lang, fallback)


def organization_label(org_id: str, name: str | None) -> str:
    """An organization as the filters list it: 'ACRONYM: name', or the acronym alone when it is its only name."""
    return org_id if not name or name == org_id else f"{org_id}: {name}"


def _text(key: str, lang: str) -> str | None:
    """The string for `key` in the language, else in English; None when neither has it."""
    return strings(lang).get(key) or strings(DEFAULT_LANGUAGE).get(key)


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
