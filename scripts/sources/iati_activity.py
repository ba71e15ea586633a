"""One IATI activity element to programme rows, with its problems: errors reject the activity, warnings a value."""

import functools
import math
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

import pycountry

from scripts import reference

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
LANGS = ("en", "fr", "es")
TOLERANCE = 0.5  # percentages such as 33.33 x 3 are rounded by the publisher
ROLES = {"1": "funding", "2": "accountable", "3": "extending", "4": "implementing",
         "funding": "funding", "accountable": "accountable", "extending": "extending", "implementing": "implementing"}
DATE_TYPES = {"1": "planned_start", "2": "actual_start", "3": "planned_end", "4": "actual_end",  # 2.0x
              "start-planned": "planned_start", "start-actual": "actual_start",  # 1.0x
              "end-planned": "planned_end", "end-actual": "actual_end"}
TRANSACTION_TYPES_1 = {"IF": "1", "C": "2", "D": "3", "E": "4", "IR": "5", "LR": "6", "R": "7", "QP": "8", "QS": "9",
                       "CG": "10"}  # 1.0x letters -> 2.0x codes
OTHER_TAGS = ("reporting-org", "title", "description", "activity-status", "activity-date", "participating-org",
              "recipient-country", "recipient-region", "sector", "budget", "location")
COUNTRIES = {c.alpha_2: c.alpha_3 for c in pycountry.countries} | {"XK": "XKX"}  # XK: Kosovo, user-assigned
CURRENCIES = reference.iati_codes("Currency")  # withdrawn codes too: old values are stated in them


@dataclass
class Activity:
    """The rows of one activity (tuples in table column order) and its problems as (field, code, value, severity)."""

    identifier: str | None
    line: int
    programme: dict = field(default_factory=dict)
    countries: list = field(default_factory=list)
    regions: list = field(default_factory=list)
    sectors: list = field(default_factory=list)
    organizations: list = field(default_factory=list)
    budgets: list = field(default_factory=list)
    transactions: list = field(default_factory=list)
    locations: list = field(default_factory=list)
    problems: list = field(default_factory=list)

    @property
    def rejected(self) -> bool:
        """An error keeps the whole activity out."""
        return any(severity == "error" for *_, severity in self.problems)

    def problem(self, field_name: str, code: str, value: object = None, severity: str = "error") -> None:
        """Note a problem of this activity."""
        self.problems.append((field_name, code, None if value is None else str(value), severity))


def read_activity(el) -> Activity:
    """Every field the programme tables keep (contact details are skipped, never read)."""
    lang = el.get(XML_LANG, "en")
    ident = el.findtext("iati-identifier")
    act = Activity(ident.strip() if ident and ident.strip() else None, el.sourceline or 0)
    if act.identifier is None:
        act.problem("iati_identifier", "missing-value")
    currency = el.get("default-currency")
    prog = act.programme
    prog.update(default_currency=currency, humanitarian=_flag(el.get("humanitarian")),
                last_updated=_timestamp(act, el.get("last-updated-datetime")))
    countries, regions = [], []
    for child in el.iterchildren("transaction"):
        _transaction(act, child, currency, lang)
    for child in el.iterchildren(*OTHER_TAGS):
        tag = child.tag
        if tag == "reporting-org":
            prog["reporting_org"] = child.get("ref")
        elif tag in ("title", "description"):
            if tag == "description" and child.get("type", "1") != "1":
                continue
            for code, text in _narratives(child, lang).items():
                prog.setdefault(f"{tag}_{code}", text)
        elif tag == "activity-status":
            prog["status"] = child.get("code")
        elif tag == "activity-date":
            kind = DATE_TYPES.get(child.get("type", ""))
            if kind:
                prog[kind] = _date(act, "activity_date", child.get("iso-date"))
        elif tag == "participating-org":
            _organization(act, child, lang)
        elif tag == "recipient-country":
            countries.append(child)
        elif tag == "recipient-region":
            regions.append(child)
        elif tag == "sector":
            act.sectors.append(child)
        elif tag == "budget":
            _budget(act, child, currency)
        elif tag == "location":
            _location(act, child, lang)
    _places(act, countries, regions)
    _sectors(act, lang)
    return act


def _narratives(el, lang: str) -> dict[str, str]:
    """First text per language (en/fr/es) of an element's narratives (1.0x: its own text)."""
    found = {}
    for narrative in el.iterchildren("narrative") if len(el) else [el]:
        text = (narrative.text or "").strip()
        code = narrative.get(XML_LANG, lang).lower()[:2]
        if text and code in LANGS:
            found.setdefault(code, text)
    return found


def _name(el, lang: str) -> str | None:
    """The element's name in any language, English first (1.0x: its own text)."""
    if el is None:
        return None
    first = None
    for narrative in el:
        if narrative.tag != "narrative" or not narrative.text:
            continue
        text = narrative.text.strip()
        if text and narrative.get(XML_LANG, lang).startswith("en"):
            return text
        first = first or text or None
    if first is None and len(el) == 0 and el.text and el.text.strip():
        return el.text.strip()
    return first


def _date(act: Activity, field_name: str, text: str | None) -> str | None:
    """An xsd:date as YYYY-MM-DD text, checked (a time zone or time after the day is dropped); a bad one is an
    error. Kept as text: Arrow takes text much faster than date objects, and the warehouse casts it."""
    if text is None:
        act.problem(field_name, "missing-value")
        return None
    day = _checked_day(text)
    if day is None:
        act.problem(field_name, "bad-date", text)
    return day


@functools.lru_cache(maxsize=65536)
def _checked_day(text: str) -> str | None:
    """Worked out once per distinct text: a file's transactions and budgets share their days."""
    day = text if len(text) == 10 else text.strip()[:10]
    try:
        date.fromisoformat(day)
    except ValueError:
        return None
    return day


def _timestamp(act: Activity, text: str | None) -> str | None:
    """A last-updated date-time as UTC text; a bad one only drops the value."""
    if not text:
        return None
    moment = _utc_text(text.strip())
    if moment is None:
        act.problem("last_updated", "bad-date", text, "warning")
    return moment


@functools.lru_cache(maxsize=4096)
def _utc_text(text: str) -> str | None:
    """Worked out once per distinct text: a file's activities share a few update times."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return (moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment).isoformat(sep=" ")


def _number(act: Activity, field_name: str, text: str | None) -> float | None:
    """A decimal (thousands separators refused, as the schema does); a bad one is an error."""
    if text is None or not text.strip():
        act.problem(field_name, "missing-value")
        return None
    try:
        value = float(text)
    except ValueError:
        act.problem(field_name, "bad-decimal", text)
        return None
    if not math.isfinite(value):
        act.problem(field_name, "bad-decimal", text)
        return None
    return value


def _percentage(act: Activity, field_name: str, text: str | None) -> float | None:
    if text is None:
        return None
    value = _number(act, field_name, text)
    if value is not None and not 0 <= value <= 100:
        act.problem(field_name, "bad-decimal", text)
    return value


def _flag(text: str | None) -> bool | None:
    return None if text is None else text.strip().lower() in ("1", "true")


def _organization(act: Activity, el, lang: str) -> None:
    role = ROLES.get((el.get("role") or "").strip().lower())
    if role is None:
        act.problem("participating_org", "unknown-code", el.get("role"), "warning")
        return
    act.organizations.append((role, el.get("ref") or None, _name(el, lang), el.get("type")))


def _value(act: Activity, node, currency: str | None, field_name: str) -> tuple:
    """(value, currency, value_date) of a value element (None: missing, an error)."""
    if node is None:
        act.problem(field_name, "missing-value")
        return None, None, None
    amount = _number(act, field_name, node.text)
    money = node.get("currency") or currency
    if money not in CURRENCIES:
        money = _currency(act, money)
    stated = node.get("value-date")
    return amount, money, _date(act, "value_date", stated) if stated else None


def _currency(act: Activity, text: str | None) -> str | None:
    """A currency not in the codelist as written, trimmed and in capitals; missing or still unknown is an error."""
    code = (text or "").strip().upper()
    if not code:
        act.problem("currency", "missing-value")
    elif code not in CURRENCIES:
        act.problem("currency", "unknown-code", text)
    return code or None


def _budget(act: Activity, el, currency: str | None) -> None:
    start = end = value = None
    for child in el:
        tag = child.tag
        if tag == "period-start":
            start = child.get("iso-date")
        elif tag == "period-end":
            end = child.get("iso-date")
        elif tag == "value":
            value = child
    act.budgets.append((el.get("type"), _date(act, "budget_period", start), _date(act, "budget_period", end),
                        *_value(act, value, currency, "budget_value")))


def _transaction(act: Activity, el, currency: str | None, lang: str) -> None:
    # One pass over the children, the last of each tag kept: a transaction is the most repeated element of a file
    children = {child.tag: child for child in el}
    kind, day = children.get("transaction-type"), children.get("transaction-date")
    provider, receiver = children.get("provider-org"), children.get("receiver-org")
    code = None if kind is None else kind.get("code")
    if not code:
        act.problem("transaction_type", "missing-value")
    act.transactions.append((TRANSACTION_TYPES_1.get(code, code),
                             _date(act, "transaction_date", None if day is None else day.get("iso-date")),
                             *_value(act, children.get("value"), currency, "transaction_value"),
                             None if provider is None else provider.get("ref") or None, _name(provider, lang),
                             None if receiver is None else receiver.get("ref") or None, _name(receiver, lang)))


def _location(act: Activity, el, lang: str) -> None:
    pos = el.findtext("point/pos")
    coordinates = el.find("coordinates")  # 1.0x
    parts = pos.split() if pos else [] if coordinates is None else [coordinates.get("latitude"),
                                                                    coordinates.get("longitude")]
    if not parts:
        return
    try:
        lat, lon = (float(part) for part in parts)
    except (TypeError, ValueError):
        act.problem("location", "bad-decimal", pos or parts, "warning")
        return
    if -90 <= lat <= 90 and -180 <= lon <= 180:
        act.locations.append((_name(el.find("name"), lang), lat, lon))
    else:
        act.problem("location", "bad-decimal", pos, "warning")


def _shares(act: Activity, field_name: str, stated: list[float | None]) -> list[tuple[float, bool]]:
    """(percentage, assumed) per item: as stated when every item states one and they add up to 100, evenly split
    when none does; anything else is an error."""
    if all(p is None for p in stated):
        return [(100 / len(stated), len(stated) > 1)] * len(stated)
    total = sum(p or 0 for p in stated)
    if any(p is None for p in stated) or abs(total - 100) > TOLERANCE:
        act.problem(field_name, "bad-percentages", f"{total:g}")
    return [(p or 0.0, False) for p in stated]


def _places(act: Activity, countries: list, regions: list) -> None:
    """Countries and regions share one 100 %: ISO alpha-2 codes to ISO3, percentages checked or split evenly."""
    if not countries and not regions:
        return
    stated = [_percentage(act, "recipient_country", el.get("percentage")) for el in countries]
    stated += [_percentage(act, "recipient_region", el.get("percentage")) for el in regions]
    shares = _shares(act, "recipient_country", stated)
    merged: dict[str, list] = {}
    for el, (share, assumed) in zip(countries, shares):
        code = (el.get("code") or "").strip().upper()
        iso3 = COUNTRIES.get(code)
        if iso3 is None:
            act.problem("recipient_country", "unknown-country", el.get("code"))
        elif iso3 in merged:
            merged[iso3][0] += share
        else:
            merged[iso3] = [share, assumed]
    act.countries = [(iso3, share, assumed) for iso3, (share, assumed) in merged.items()]
    seen = set()
    for el, (share, assumed) in zip(regions, shares[len(countries):]):
        key = (el.get("vocabulary") or "1", (el.get("code") or "").strip())
        if not key[1]:
            act.problem("recipient_region", "missing-value")
        elif key not in seen:
            seen.add(key)
            act.regions.append((*key, None if assumed else share))


def _sectors(act: Activity, lang: str) -> None:
    """Sectors grouped by vocabulary (1 when unstated); each vocabulary's percentages add up to 100."""
    by_vocabulary: dict[str, list] = {}
    for el in act.sectors:
        by_vocabulary.setdefault((el.get("vocabulary") or "1").strip(), []).append(el)
    act.sectors = []
    for vocabulary, items in by_vocabulary.items():
        stated = [_percentage(act, "sector", el.get("percentage")) for el in items]
        merged: dict[str, list] = {}
        for el, (share, assumed) in zip(items, _shares(act, "sector", stated)):
            code = (el.get("code") or "").strip()
            if not code:
                act.problem("sector", "missing-value")
            elif code in merged:
                merged[code][1] += share
            else:
                merged[code] = [_name(el, lang), share, assumed]
        act.sectors += [(vocabulary, code, name, share, assumed) for code, (name, share, assumed) in merged.items()]
