"""UI strings: `t("overview.members")` looks a key up in locales/<lang>/*.json (one file per page).

A message that holds a count has a form per CLDR plural category of the language: `{"one": "{count} event",
"other": "{count} events"}`, read by `tn(key, count, lang)`. The forms a language may have are its CLDR
categories (French "one" is 0 and 1, English and Spanish "one" is 1 alone); a missing one falls back to "other".
Days, months and numbers are written here too, the same way on every page."""

import json
from datetime import date, datetime
from functools import cache
from pathlib import Path

from babel import Locale, dates, numbers

LOCALES_DIR = Path(__file__).resolve().parent / "locales"
DEFAULT_LANGUAGE = "en"
LANGUAGES = ("en", "fr", "es")
OTHER = "other"  # the plural form every language has, and the one used when a language lacks a form


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


def tn(key: str, count: int, lang: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """The plural form of `key` for `count` in the language ('1 event', '0 événement'), {count} and the rest filled."""
    values.setdefault("count", format_number(count, lang))
    for language in dict.fromkeys((lang, DEFAULT_LANGUAGE)):
        texts = strings(language)
        text = texts.get(f"{key}.{plural_form(count, language)}") or texts.get(f"{key}.{OTHER}")
        if text:
            return text.format(**values)
    raise KeyError(key)


def plural_form(count: float, lang: str = DEFAULT_LANGUAGE) -> str:
    """The CLDR plural category of a number in the language: 'one', 'many' or 'other' in en, fr, es."""
    return _locale(lang).plural_form(abs(count))


def plural_forms(lang: str = DEFAULT_LANGUAGE) -> frozenset[str]:
    """The plural categories CLDR gives the language ('other' among them)."""
    return frozenset(_locale(lang).plural_form.tags) | {OTHER}


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(lang)


def label(group: str, code: str | None, lang: str = DEFAULT_LANGUAGE, fallback: str | None = None) -> str:
    """A code's label in a group ("quality.codes"): the language's, English's, else `fallback` or the code."""
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


def format_money(value: float, currency: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """An amount rounded to the unit with its ISO currency code, never converted: '2,400,000 EUR', '2 400 000 EUR'."""
    return f"{format_number(round(value), lang)}\u00a0{currency}"


def format_compact_money(value: float, currency: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """An amount shortened as the language shortens numbers, with its currency code: '59.5M USD', '59,5 M USD'."""
    short = numbers.format_compact_decimal(value, format_type="short", fraction_digits=1, locale=lang)
    return f"{short}\u00a0{currency}"


def format_percent(share: float, lang: str = DEFAULT_LANGUAGE) -> str:
    """A share as a percentage in the language: '8%', '8 %'."""
    return numbers.format_percent(share, locale=lang)


# Dates are written by CLDR skeletons, each language in its own order and abbreviations: one rule for every page.
DAY_SKELETON = "yMMMd"        # 'Mar 5, 2025', '5 mars 2025', '5 mar 2025'
MONTH_SKELETON = "yMMM"       # 'Aug 2015', 'août 2015', 'ago 2015'
SHORT_DAY_SKELETON = "MMMd"   # 'Mar 5', '5 mars': axis ticks inside one year
TIME_SKELETON = "Hm"          # '09:30'


@cache
def format_day(day: date, lang: str = DEFAULT_LANGUAGE) -> str:
    """A day in the language: 'Mar 5, 2025', '5 mars 2025', '5 mar 2025'."""
    return dates.format_skeleton(DAY_SKELETON, _day(day), locale=lang)


def format_short_day(day: date, lang: str = DEFAULT_LANGUAGE) -> str:
    """A day without its year, for axis ticks: 'Mar 5', '5 mars'."""
    return dates.format_skeleton(SHORT_DAY_SKELETON, _day(day), locale=lang)


def format_month(day: date, lang: str = DEFAULT_LANGUAGE) -> str:
    """Month and year in the language: 'Aug 2015', 'août 2015'."""
    return dates.format_skeleton(MONTH_SKELETON, _day(day), locale=lang)


def format_dates(start: date, end: date, precision: str = "day", lang: str = DEFAULT_LANGUAGE) -> str:
    """A first and a last day as precisely as known (day, month, year): '18–20 août 2015', 'Aug 2015', '2015–2016'."""
    start, end = _day(start), _day(end)
    if precision == "year":
        return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
    skeleton = MONTH_SKELETON if precision == "month" else DAY_SKELETON
    if start == end or (precision == "month" and (start.year, start.month) == (end.year, end.month)):
        return dates.format_skeleton(skeleton, start, locale=lang)
    return dates.format_interval(start, end, skeleton, locale=lang)


def format_timestamp(moment: datetime, lang: str = DEFAULT_LANGUAGE) -> str:
    """Day and time in the language, joined as CLDR joins them: 'Nov 29, 2026, 10:04', '29 nov. 2026, 10:04'."""
    joined = dates.get_datetime_format("medium", locale=lang).replace("'", "")
    time = dates.format_skeleton(TIME_SKELETON, moment, locale=lang)
    return joined.replace("{0}", time).replace("{1}", format_day(_day(moment), lang))


def _day(value: date) -> date:
    """The calendar day of a date, datetime or pandas Timestamp."""
    return value.date() if isinstance(value, datetime) else value


def _flatten(tree: dict, prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for name, value in tree.items():
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{prefix}{name}."))
        else:
            flat[f"{prefix}{name}"] = value
    return flat
