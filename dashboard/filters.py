"""Filter state: sidebar widgets <-> session_state <-> URL query params, shared by every page."""

import re
import unicodedata
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path

import streamlit as st

from dashboard import queries
from dashboard.i18n import LANGUAGES, language_names, organization_label, region_label, t
from scripts.backend import locate

SCHEMES = ("iom", "m49")
_KEYS = {"lang": "f_lang", "start": "f_start", "end": "f_end", "scheme": "f_scheme", "region": "f_region",
         "country": "f_country", "types": "f_types", "themes": "f_themes", "orgs": "f_orgs", "text": "f_text",
         "sectors": "f_sectors", "funders": "f_funders"}
_PARAMS = {"lang": "lang", "start": "from", "end": "to", "scheme": "scheme", "region": "region",
           "country": "country", "types": "type", "themes": "theme", "orgs": "org", "text": "q",
           "sectors": "sector", "funders": "funder"}
_LISTS = ("types", "themes", "orgs", "sectors", "funders")
_PENDING = "pending_filters"
_ADJUSTED = "link_adjusted"
TEXT_LIMIT = 200     # characters of search text a link may carry
SHOWN_LIMIT = 30     # characters of a dropped value quoted back to the visitor
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


@dataclass(frozen=True)
class Adjustment:
    """One part of a link that was dropped or changed: why (a key under filters.link), the parameter, its value."""

    reason: str
    param: str
    value: str = ""


@dataclass(frozen=True)
class Known:
    """What a link may name, from the store: the days of the events and programmes, and the codes of each filter."""

    first: date | None
    last: date | None
    regions: Mapping[str, Collection[str]]                    # scheme -> region ids in use
    retired: Collection[str]                                  # regional offices that have closed
    countries: Callable[[str, str | None], Collection[str]]   # (scheme, region or None) -> ISO3 codes
    types: Collection[str]
    themes: Collection[str]
    orgs: Collection[str]
    sectors: Collection[str] | None = None                    # programme sectors ('1:15190'); None: not checked
    funders: Collection[str] | None = None                    # programme funders; None: not checked


@dataclass(frozen=True)
class Filters:
    """What the visitor asked to see; hashable, so queries cache on it."""

    lang: str = "en"
    start: date | None = None
    end: date | None = None
    scheme: str = "iom"            # iom: regional offices (current scheme) | m49: UN M49 sub-regions
    region: str | None = None      # office_id, or M49 sub-region name
    country: str | None = None     # ISO3: events hosted or attended by the country
    types: tuple[str, ...] = field(default_factory=tuple)
    themes: tuple[str, ...] = field(default_factory=tuple)
    orgs: tuple[str, ...] = field(default_factory=tuple)
    text: str = ""
    sectors: tuple[str, ...] = field(default_factory=tuple)  # programmes: '<vocabulary>:<code>' (the page's filter)
    funders: tuple[str, ...] = field(default_factory=tuple)  # programmes: funder identifier, else name (the page's)

    def previous(self) -> "Filters | None":
        """The same filters over the period of equal length just before (None without a period)."""
        if self.start is None or self.end is None:
            return None
        length = self.end - self.start
        return replace(self, start=self.start - length - timedelta(days=1), end=self.start - timedelta(days=1))

    def to_params(self) -> dict[str, str]:
        """URL query parameters for the filters that differ from the defaults."""
        params = {}
        for name, param in _PARAMS.items():
            value = getattr(self, name)
            if value == getattr(DEFAULT, name):
                continue
            params[param] = ",".join(value) if isinstance(value, tuple) else str(value)
        return params

    @classmethod
    def from_params(cls, params: Mapping[str, str | Sequence[str]], known: Known | None = None,
                    lang: str = "en") -> tuple["Filters", tuple[Adjustment, ...]]:
        """Filters from URL query parameters and what was dropped or changed to fit `known` (None: form only)."""
        adjusted: list[Adjustment] = []

        def one(param: str) -> str:
            values = [value for value in (v.strip() for v in _values(params, param)) if value]
            if len(set(values)) > 1:
                adjusted.append(Adjustment("repeated", param, _shown(values[0])))
            return values[0] if values else ""

        def code(param: str, value: str, codes: Collection[str] | None, reason: str) -> str | None:
            match = value if codes is None or not value else _match(value, codes)
            if value and match is None:
                adjusted.append(Adjustment(reason, param, _shown(value)))
            return match or None

        def day(param: str) -> date | None:
            value = one(param)
            if value and _day(value) is None:
                adjusted.append(Adjustment("bad_date", param, _shown(value)))
            return _day(value)

        def listed(param: str, codes: Collection[str] | None) -> tuple[str, ...]:
            kept, dropped = [], []
            for value in (part.strip() for given in _values(params, param) for part in given.split(",")):
                match = value if codes is None else _match(value, codes)
                if value and match is None:
                    dropped.append(value)
                elif match and match not in kept:
                    kept.append(match)
            if dropped:
                adjusted.append(Adjustment(f"unknown_{param}", param, _shown(", ".join(dropped))))
            return tuple(kept)

        lang = code("lang", one("lang"), LANGUAGES, "unknown_lang") or lang
        scheme = code("scheme", one("scheme"), SCHEMES, "unknown_scheme") or DEFAULT.scheme
        start, end = day("from"), day("to")
        if known and not known.first and (start or end):  # a store without events: no period to fit
            adjusted.append(Adjustment("period", "from"))
            start = end = None
        if known and known.first and known.last:
            wanted = (start or known.first, end or known.last)
            shown = clamped_period(*wanted, known.first, known.last)
            if shown != wanted:
                adjusted.append(Adjustment("period", "from"))
                start, end = shown
        region = one("region")
        retired = known is not None and _match(region, known.retired) is not None
        region = code("region", region, known and known.regions[scheme],
                      "retired_region" if retired else "unknown_region")
        country = code("country", one("country"), known and known.countries(scheme, None), "unknown_country")
        if country and region and known and country not in known.countries(scheme, region):
            adjusted.append(Adjustment("outside_region", "country", country))
            country = None
        text = one("q")
        if any(unicodedata.category(c).startswith("C") for c in text):
            adjusted.append(Adjustment("text_cleaned", "q"))
            text = "".join(c for c in text if not unicodedata.category(c).startswith("C")).strip()
        if len(text) > TEXT_LIMIT:
            adjusted.append(Adjustment("text_shortened", "q", str(TEXT_LIMIT)))
            text = text[:TEXT_LIMIT].strip()
        filters = cls(lang=lang, start=start, end=end, scheme=scheme, region=region, country=country,
                      types=listed("type", known and known.types), themes=listed("theme", known and known.themes),
                      orgs=listed("org", known and known.orgs), text=text,
                      sectors=listed("sector", known and known.sectors),
                      funders=listed("funder", known and known.funders))
        return filters, tuple(adjusted)


DEFAULT = Filters()


def current() -> Filters:
    """The filters of this session: from the URL on first load, then from the sidebar widgets."""
    if _KEYS["lang"] not in st.session_state:
        path = locate()
        store = known(path) if queries.warehouse_state(path) == "ready" else None
        initial, adjustments = Filters.from_params({name: st.query_params.get_all(name) for name in st.query_params},
                                                   store, _browser_language())
        st.session_state[_ADJUSTED] = (None, adjustments)
        for name, key in _KEYS.items():
            value = getattr(initial, name)
            st.session_state[key] = list(value) if isinstance(value, tuple) else value
    pending = st.session_state.pop(_PENDING, {})
    for chart_key in pending.pop("forget", ()):
        st.session_state.pop(chart_key, None)  # the click is used up: the chart starts unselected
    for name, value in pending.items():
        st.session_state[_KEYS[name]] = value
    return _from_state()


def known(path: Path) -> Known:
    """The days and codes of the store at `path`, as the query layer gives them."""
    first, last = queries.period_bounds(path)
    return Known(first, last, {scheme: queries.regions(path, scheme) for scheme in SCHEMES},
                 queries.retired_regions(path),
                 lambda scheme, region: queries.country_options(path, "en", scheme, region),
                 queries.event_type_options(path), queries.theme_options(path), queries.organizations(path),
                 queries.sector_options(path), queries.funder_options(path))


def region_options(path: Path, scheme: str, lang: str) -> dict[str, str]:
    """The regions of a scheme to choose from, id -> name in the language."""
    return {region: region_label(scheme, region, lang, name) for region, name in queries.regions(path, scheme).items()}


def organization_options(path: Path, lang: str) -> dict[str, str]:
    """The organizations to choose from, org_id -> 'ACRONYM: name' in the language."""
    return {org: organization_label(org, name) for org, name in queries.organizations(path, lang).items()}


def link_adjustments() -> tuple[Adjustment, ...]:
    """What was dropped or changed in the link this session opened with, while its filters are still in force."""
    shown, adjustments = st.session_state.get(_ADJUSTED, (None, ()))
    if not adjustments:
        return ()
    now = _from_state()
    if shown is None:  # the first page drawn: the filters the sidebar settled on are the link's
        st.session_state[_ADJUSTED] = (now, adjustments)
    elif now != shown:  # the visitor has chosen other filters: the link's notice is done
        st.session_state[_ADJUSTED] = (shown, ())
        return ()
    return adjustments


def request(chart_key: str | None = None, **changes: object) -> None:
    """Apply filter changes asked for inside a page (a click on `chart_key`) on an immediate rerun."""
    st.session_state[_PENDING] = {**changes, "forget": (chart_key,) if chart_key else ()}
    st.rerun()


def clicked(event: object, field: str = "location") -> str | None:
    """The value of `field` (or the first customdata item) of the first point selected in a chart event."""
    points = ((event or {}).get("selection") or {}).get("points") or []
    if not points:
        return None
    point = points[0]
    value = point.get(field)
    if value is None and point.get("customdata"):
        value = point["customdata"][0] if isinstance(point["customdata"], list) else point["customdata"]
    return value


def page_multiselect(name: str, label: str, options: Mapping[str, str], lang: str, key: str) -> None:
    """A list filter chosen on a page rather than in the sidebar (sectors, funders): kept with the shared filters, so
    it is in the URL and survives page switches, which a widget's own state would not."""
    chosen = [value for value in st.session_state.get(_KEYS[name]) or [] if value in options]
    st.session_state[_KEYS[name]] = chosen
    if st.session_state.get(key) != chosen:  # set elsewhere (a link, the reset button): the widget follows
        st.session_state[key] = chosen
    st.multiselect(label, list(options), key=key, format_func=options.get, placeholder=t("filters.any", lang),
                   on_change=_copy_choice, args=(key, name))


def _copy_choice(key: str, name: str) -> None:
    st.session_state[_KEYS[name]] = list(st.session_state[key])


def sidebar(filters: Filters) -> Filters:
    """Draw the filter widgets in the sidebar and keep the URL in step; returns the filters now in force."""
    path = locate()
    lang = filters.lang
    with st.sidebar:
        st.selectbox(t("filters.language", lang), LANGUAGES, key=_KEYS["lang"], format_func=language_names().get,
                     placeholder=t("filters.choose", lang))
        lang = st.session_state[_KEYS["lang"]]
        if queries.warehouse_state(path) == "ready":
            _filter_widgets(path, filters, lang)
    chosen = _from_state()
    st.query_params.from_dict(chosen.to_params())
    return chosen


def _filter_widgets(path, filters: Filters, lang: str) -> None:
    first, last = queries.period_bounds(path)
    st.subheader(t("filters.title", lang))
    if first is not None:
        _period_widget(first, last, lang)
    st.radio(t("filters.scheme", lang), SCHEMES, key=_KEYS["scheme"], horizontal=True,
             format_func=lambda s: t(f"filters.schemes.{s}", lang))
    regions = region_options(path, st.session_state[_KEYS["scheme"]], lang)
    _valid_choice(_KEYS["region"], regions)
    st.selectbox(t("filters.region", lang), [None, *regions], key=_KEYS["region"], placeholder=t("filters.all", lang),
                 format_func=lambda r: t("filters.all", lang) if r is None else regions[r])
    scheme, region = st.session_state[_KEYS["scheme"]], st.session_state[_KEYS["region"]]
    countries = queries.country_options(path, lang, scheme, region)
    _valid_choice(_KEYS["country"], countries)
    st.selectbox(t("filters.country", lang), [None, *countries], key=_KEYS["country"],
                 placeholder=t("filters.all", lang),
                 format_func=lambda c: t("filters.all", lang) if c is None else countries[c])
    for name, options in (("types", queries.event_type_options(path, lang)),
                          ("themes", queries.theme_options(path, lang)),
                          ("orgs", organization_options(path, lang))):
        st.session_state[_KEYS[name]] = [v for v in st.session_state[_KEYS[name]] if v in options]
        st.multiselect(t(f"filters.{name}", lang), list(options), key=_KEYS[name], format_func=options.get,
                       placeholder=t("filters.any", lang))
    st.text_input(t("filters.text", lang), key=_KEYS["text"], placeholder=t("filters.text_hint", lang))
    st.button(t("filters.reset", lang), on_click=_reset, icon=":material/filter_alt_off:")


def _period_widget(first: date, last: date, lang: str) -> None:
    start, end = st.session_state[_KEYS["start"]], st.session_state[_KEYS["end"]]
    wanted = (start or first, end or last)
    shown = clamped_period(*wanted, first, last)
    if shown != wanted:  # the store changed since the link was read (its notice is the link's): keep within bounds
        st.session_state[_KEYS["start"]], st.session_state[_KEYS["end"]] = shown
        st.session_state.pop("f_period", None)
    chosen = st.date_input(t("filters.period", lang), value=shown, min_value=first, max_value=max(last, shown[1]),
                           format="YYYY-MM-DD", key="f_period")
    if isinstance(chosen, tuple) and len(chosen) == 2:
        whole = chosen == (first, last)
        st.session_state[_KEYS["start"]], st.session_state[_KEYS["end"]] = (None, None) if whole else chosen


def clamped_period(start: date, end: date, first: date, last: date) -> tuple[date, date]:
    """A period the right way round, from the first event at the earliest to the end of the last event's year."""
    horizon = date(last.year, 12, 31)
    start, end = sorted((start, end))
    start = min(max(start, first), horizon)
    return start, min(max(end, start), horizon)


def _valid_choice(key: str, options: Mapping) -> None:
    if st.session_state.get(key) not in options:
        st.session_state[key] = None


def _reset() -> None:
    lang = st.session_state[_KEYS["lang"]]
    for name, key in _KEYS.items():
        value = getattr(DEFAULT, name)
        st.session_state[key] = list(value) if isinstance(value, tuple) else value
    st.session_state[_KEYS["lang"]] = lang
    st.session_state.pop("f_period", None)


def _from_state() -> Filters:
    values = {name: st.session_state.get(key) for name, key in _KEYS.items()}
    for name in _LISTS:
        values[name] = tuple(values[name] or ())
    values["text"] = (values["text"] or "").strip()
    return Filters(**values)


def visitor_language() -> str:
    """The session's language, else the link's, else the browser's: safe to call before the store is read."""
    chosen = st.session_state.get(_KEYS["lang"]) or str(st.query_params.get("lang", "")).strip().lower()
    return chosen if chosen in LANGUAGES else _browser_language()


def _browser_language() -> str:
    locale = (getattr(st.context, "locale", None) or "").lower()
    return next((lang for lang in LANGUAGES if locale.startswith(lang)), DEFAULT.lang)


def _values(params: Mapping[str, str | Sequence[str]], param: str) -> list[str]:
    value = params.get(param)
    if value is None:
        return []
    return [value] if isinstance(value, str) else [str(v) for v in value]


def _match(value: str, codes: Collection[str]) -> str | None:
    """The code that is `value`, or is it but for case when only one is."""
    if value in codes:
        return value
    folded = [code for code in codes if code.casefold() == value.casefold()]
    return folded[0] if len(folded) == 1 else None


def _shown(value: str) -> str:
    """A value quoted back to the visitor: control and invisible characters marked, cut to SHOWN_LIMIT."""
    visible = "".join("\ufffd" if unicodedata.category(c).startswith("C") else c for c in value)
    return visible if len(visible) <= SHOWN_LIMIT else visible[:SHOWN_LIMIT - 1] + "…"


def _day(text: str) -> date | None:
    """A day written YYYY-MM-DD (nothing else: not '20240101', not other digits), None if not one."""
    if not _ISO_DAY.fullmatch(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None
