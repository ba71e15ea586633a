"""Dates and date ranges as people write them in en/fr/es files and press releases.

Decisions, so that nothing is guessed silently:
- A value is a day, a month or a year; `ParsedDate.value` is the first day of that period.
- Numeric day/month forms (18/08/2015, 18.08.2015, 18-08-2015) follow `order` when both
  readings are valid; when only one reading is a real date ("08/18/2015") that one is used.
  `column_order` tells a loader which order a whole column uses.
- Two-digit years are accepted only at the end of a numeric day/month form ("18/08/15"),
  where the year's position is unambiguous: 00-49 -> 2000s, 50-99 -> 1900s (the organization
  dates from 1951); "15-08-18" is therefore 15 August 2018. "18 août 15" is refused.
- A bare number: 1900-2100 is a year; otherwise an Excel serial day (1900 date system) is
  accepted only if it lands between 1950-01-01 and 2100-12-31, because small integers in a
  date column are far more often junk than dates from the 1900s.
- Years are never taken from today. A range or day without a year takes the `anchor`'s
  year (e.g. a press release's publication date); if that puts the start more than 183 days
  after the anchor, the year before. Dates without a day are never anchored.
"""

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass

from scripts.normalize.text import fold

_MONTH_NAMES = {
    1: "january jan janvier janv enero ene",
    2: "february feb fevrier fevr fev febrero",
    3: "march mar mars marzo",
    4: "april apr avril avr abril abr",
    5: "may mai mayo",
    6: "june jun juin junio",
    7: "july jul juillet juil julio",
    8: "august aug aout agosto ago",
    9: "september sep sept septembre septiembre setiembre set",
    10: "october oct octobre octubre",
    11: "november nov novembre noviembre",
    12: "december dec decembre diciembre dic",
}
_MONTHS = {name: number for number, names in _MONTH_NAMES.items() for name in names.split()}
_FILLERS = frozenset(
    "de del le la el the of on in en du les los las from between entre desde "
    "monday tuesday wednesday thursday friday saturday sunday "
    "mon tue tues wed thu thur thurs fri sat sun "
    "lundi mardi mercredi jeudi vendredi samedi dimanche "
    "lunes martes miercoles jueves viernes sabado domingo "
    "lun mer jeu ven sam dim mie jue vie sab dom".split()  # 'mar.' (mardi, martes) is read in _word_parts
)
_MIN_YEAR, _MAX_YEAR = 1900, 2100
_SERIAL_EPOCH = datetime.date(1899, 12, 30)
_SERIAL_MIN = datetime.date(1950, 1, 1)
_SERIAL_MAX = datetime.date(2100, 12, 31)
_ANCHOR_WINDOW = datetime.timedelta(days=183)

_TIME = r"(?:[ t]\d{1,2}[:h]\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?)?"
_ISO = re.compile(r"(\d{4})([-/.])(\d{1,2})(?:\2(\d{1,2})" + _TIME + r")?")
_NUMERIC_DMY = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})" + _TIME)
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_ORDINAL = re.compile(r"(\d)(?:er|re|st|nd|rd|th|o|°)(?![a-z])")
_TOKEN = re.compile(r"\d+|[a-z]+")
_FOREIGN = re.compile(r"[^a-z0-9\s,./'-]")
_RANGE_WORDS = re.compile(
    r"\s(?:au|al|a|to|until|till|through|thru|hasta|et|y|and|jusqu'au|jusqu au)\s"
)
_RANGE_DASH = re.compile(r"\s[-/~]\s")


@dataclass(frozen=True)
class ParsedDate:
    """A calendar date and how much of it the source stated."""

    value: datetime.date
    precision: str  # "day" | "month" | "year"


# (year, month, day), each None when the text does not state it
_Parts = tuple[int | None, int | None, int | None]


def parse_date(text: str, order: str = "dmy") -> ParsedDate | None:
    """One date in any supported form, or None; never raises on arbitrary text."""
    parts = _parts(_prepare(text), order)
    if parts is None or parts[0] is None:
        return None
    return _build(parts)


def column_order(values: Iterable[str]) -> str:
    """Day/month order of a column's numeric dates: 'dmy', 'mdy', 'ambiguous' or 'none'."""
    day_first = month_first = undecided = seen = False
    for value in values:
        match = _NUMERIC_DMY.fullmatch(str(value).strip().lower())
        if match is None:
            continue
        seen = True
        first, second = int(match[1]), int(match[3])
        day_first |= first > 12
        month_first |= second > 12
        undecided |= first != second
        if day_first and month_first:
            return "ambiguous"
    if day_first or month_first:
        return "dmy" if day_first else "mdy"
    if undecided:
        return "ambiguous"
    return "dmy" if seen else "none"


def parse_range(
    text: str, anchor: datetime.date | None = None, order: str = "dmy"
) -> tuple[ParsedDate, ParsedDate] | None:
    """Start and end of a range ('du 18 au 20 août 2015'); a single date is a one-day range."""
    prepared = _prepare(text)
    if not prepared:
        return None
    single = _parts(prepared, order)
    if single is not None:
        return _single_range(single, anchor)
    for left, right in _splits(prepared):
        start, end = _parts(left, order), _parts(right, order)
        if start is not None and end is not None:
            found = _combine(start, end, anchor)
            if found is not None:
                return found
    return None


def _prepare(text: object) -> str:
    """Folded, ordinal-free text ('1er Mars' -> '1 mars'); '' when it cannot be a date."""
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        text = str(text)
    if not isinstance(text, str):
        return ""
    text = text.strip().lower() if text.isascii() else fold(text)
    return _ORDINAL.sub(r"\1", text)


def _parts(text: str, order: str) -> _Parts | None:
    """Year, month and day stated by one date expression, or None if it is not one."""
    if not text:
        return None
    if text[0].isdigit():
        numeric = _numeric_parts(text, order)
        if numeric is not None:
            return numeric or None
    if _FOREIGN.search(text):
        return None
    return _word_parts(_TOKEN.findall(text))


def _numeric_parts(text: str, order: str) -> _Parts | tuple[()] | None:
    """Parts of an all-numeric form; () if it looks numeric but is no date; None if not numeric."""
    match = _ISO.fullmatch(text)
    if match and (match[4] or match[2] != "."):  # '2015.0' is a number, not a month
        year, month = int(match[1]), int(match[3])
        day = int(match[4]) if match[4] else None
        return (year, month, day) if _valid(year, month, day or 1) else ()
    match = _NUMERIC_DMY.fullmatch(text)
    if match:
        return _day_month_parts(int(match[1]), int(match[3]), match[4], order)
    if len(text) > 2 and _NUMBER.fullmatch(text):  # '18' alone is a day, see _word_parts
        return _bare_number_parts(float(text))
    return None


def _day_month_parts(first: int, second: int, year_text: str, order: str) -> _Parts | tuple[()]:
    year = int(year_text)
    if len(year_text) == 2:
        year += 2000 if year < 50 else 1900
    day, month = (second, first) if order == "mdy" else (first, second)
    if not _valid(year, month, day):
        day, month = month, day
    return (year, month, day) if _valid(year, month, day) else ()


def _bare_number_parts(number: float) -> _Parts | tuple[()]:
    if number.is_integer() and _MIN_YEAR <= number <= _MAX_YEAR:
        return (int(number), None, None)
    if number >= 61:
        day = _SERIAL_EPOCH + datetime.timedelta(days=int(min(number, 10**6)))
        if _SERIAL_MIN <= day <= _SERIAL_MAX:
            return (day.year, day.month, day.day)
    return ()


def _word_parts(tokens: list[str]) -> _Parts | None:
    """Parts of a form with a month name: '5 march 2016', 'march 5 2016', 'mars 2016'."""
    if tokens[:1] == ["mar"] and any(token in _MONTHS for token in tokens[1:]):
        tokens = tokens[1:]  # 'mar. 4 juin': Tuesday, the month comes later
    shape, numbers = [], []
    for token in tokens:
        if token.isdigit():
            if len(token) <= 2 and 1 <= int(token) <= 31:
                shape.append("d")
            elif len(token) == 4 and _MIN_YEAR <= int(token) <= _MAX_YEAR:
                shape.append("y")
            else:
                return None
            numbers.append(int(token))
        elif token in _MONTHS:
            shape.append("m")
            numbers.append(_MONTHS[token])
        elif token not in _FILLERS:
            return None
    values = dict(zip(shape, numbers))
    if len(values) != len(shape) or "".join(shape) not in _WORD_SHAPES:
        return None
    year, month, day = values.get("y"), values.get("m"), values.get("d")
    if month is not None and day is not None and not _valid(year or 2000, month, day):
        return None
    return (year, month, day)


# y = year, m = month name, d = day. Shapes without a year only count inside ranges/anchoring.
_WORD_SHAPES = frozenset(["dmy", "mdy", "my", "y", "dm", "md", "m", "d", "dy"])


def _valid(year: int, month: int, day: int) -> bool:
    if not (_MIN_YEAR <= year <= _MAX_YEAR and 1 <= month <= 12 and 1 <= day <= 31):
        return False
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


def _build(parts: _Parts) -> ParsedDate | None:
    year, month, day = parts
    if year is None or (day is not None and month is None):
        return None
    if not _valid(year, month or 1, day or 1):
        return None
    precision = "day" if day is not None else "month" if month is not None else "year"
    return ParsedDate(datetime.date(year, month or 1, day or 1), precision)


def _single_range(parts: _Parts, anchor: datetime.date | None):
    year, month, day = parts
    if year is None:
        if anchor is None or month is None or day is None:
            return None
        year = _anchored_year(month, day, anchor)
    found = _build((year, month, day))
    return (found, found) if found else None


def _splits(text: str):
    """Candidate (start, end) halves of a range text, most explicit separators first."""
    for pattern in (_RANGE_WORDS, _RANGE_DASH):
        halves = pattern.split(text)
        if len(halves) == 2:
            yield halves[0], halves[1]
    for separator in "-/":
        if text.count(separator) == 1:
            left, right = text.split(separator)
            yield left, right


def _combine(start: _Parts, end: _Parts, anchor: datetime.date | None):
    """Fill each half's missing parts from the other and the anchor; None if inconsistent."""
    (start_year, start_month, start_day), (end_year, end_month, end_day) = start, end
    if (start_day is None) != (end_day is None):
        return None
    if start_day is None and (start_month is None) != (end_month is None):
        return None
    crosses_year = (  # '28 décembre au 2 janvier'; a borrowed month never crosses
        start_month is not None
        and end_month is not None
        and (start_month, start_day or 1) > (end_month, end_day or 1)
    )
    end_month = end_month or start_month
    start_month = start_month or end_month
    if start_day is not None and start_month is None:
        return None
    if start_year is None and end_year is None:
        if anchor is None or start_day is None:
            return None
        start_year = _anchored_year(start_month, start_day, anchor)
        end_year = start_year + crosses_year
    elif start_year is None:
        start_year = end_year - crosses_year
    elif end_year is None:
        end_year = start_year + crosses_year
    first = _build((start_year, start_month, start_day))
    last = _build((end_year, end_month, end_day))
    if first is None or last is None or last.value < first.value:
        return None
    return first, last


def _anchored_year(month: int, day: int, anchor: datetime.date) -> int:
    """The anchor's year, or the year before if that would put the day >183 days after it."""
    year = anchor.year
    if not _valid(year, month, day):  # 29 February
        return year
    if datetime.date(year, month, day) - anchor > _ANCHOR_WINDOW:
        return year - 1
    return year
