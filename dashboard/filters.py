"""Filter state: sidebar widgets <-> session_state <-> URL query params, shared by every page."""

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

import streamlit as st

from dashboard import queries
from dashboard.i18n import LANGUAGES, language_names, t
from scripts.warehouse import warehouse_path

SCHEMES = ("iom", "m49")
_KEYS = {"lang": "f_lang", "start": "f_start", "end": "f_end", "scheme": "f_scheme", "region": "f_region",
         "country": "f_country", "types": "f_types", "themes": "f_themes", "orgs": "f_orgs", "text": "f_text"}
_PARAMS = {"lang": "lang", "start": "from", "end": "to", "scheme": "scheme", "region": "region",
           "country": "country", "types": "type", "themes": "theme", "orgs": "org", "text": "q"}
_PENDING = "pending_filters"


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
    def from_params(cls, params: Mapping[str, str]) -> "Filters":
        """Filters from URL query parameters; malformed values fall back to the defaults."""
        def text(param: str) -> str:
            return str(params.get(param, "") or "").strip()

        def listed(param: str) -> tuple[str, ...]:
            return tuple(v.strip() for v in text(param).split(",") if v.strip())

        lang = text("lang") if text("lang") in LANGUAGES else DEFAULT.lang
        scheme = text("scheme") if text("scheme") in SCHEMES else DEFAULT.scheme
        return cls(lang=lang, start=_day(text("from")), end=_day(text("to")), scheme=scheme,
                   region=text("region") or None, country=text("country").upper() or None,
                   types=listed("type"), themes=listed("theme"), orgs=listed("org"), text=text("q")[:200])


DEFAULT = Filters()


def current() -> Filters:
    """The filters of this session: from the URL on first load, then from the sidebar widgets."""
    if _KEYS["lang"] not in st.session_state:
        initial = Filters.from_params(st.query_params.to_dict())
        if "lang" not in st.query_params:
            initial = replace(initial, lang=_browser_language())
        for name, key in _KEYS.items():
            value = getattr(initial, name)
            st.session_state[key] = list(value) if isinstance(value, tuple) else value
    pending = st.session_state.pop(_PENDING, {})
    for chart_key in pending.pop("forget", ()):
        st.session_state.pop(chart_key, None)  # the click is used up: the chart starts unselected
    for name, value in pending.items():
        st.session_state[_KEYS[name]] = value
    return _from_state()


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


def sidebar(filters: Filters) -> Filters:
    """Draw the filter widgets in the sidebar and keep the URL in step; returns the filters now in force."""
    path = warehouse_path()
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
    first, last = queries.event_date_bounds(path)
    st.subheader(t("filters.title", lang))
    if first is not None:
        _period_widget(first, last, lang)
    st.radio(t("filters.scheme", lang), SCHEMES, key=_KEYS["scheme"], horizontal=True,
             format_func=lambda s: t(f"filters.schemes.{s}", lang))
    regions = queries.region_options(path, st.session_state[_KEYS["scheme"]], lang)
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
                          ("orgs", queries.organization_options(path, lang))):
        st.session_state[_KEYS[name]] = [v for v in st.session_state[_KEYS[name]] if v in options]
        st.multiselect(t(f"filters.{name}", lang), list(options), key=_KEYS[name], format_func=options.get,
                       placeholder=t("filters.any", lang))
    st.text_input(t("filters.text", lang), key=_KEYS["text"], placeholder=t("filters.text_hint", lang))
    st.button(t("filters.reset", lang), on_click=_reset, icon=":material/filter_alt_off:")


def _period_widget(first: date, last: date, lang: str) -> None:
    start, end = st.session_state[_KEYS["start"]], st.session_state[_KEYS["end"]]
    wanted = (start or first, end or last)
    shown = clamped_period(*wanted, first)
    if shown != wanted:  # an old link ('?from=1990-01-01') or a reversed one: shown from the first event, and said
        st.session_state[_KEYS["start"]], st.session_state[_KEYS["end"]] = shown
        st.session_state.pop("f_period", None)
        st.caption(t("filters.period_adjusted", lang))
    chosen = st.date_input(t("filters.period", lang), value=shown, min_value=first, max_value=max(last, shown[1]),
                           format="YYYY-MM-DD", key="f_period")
    if isinstance(chosen, tuple) and len(chosen) == 2:
        whole = chosen == (first, last)
        st.session_state[_KEYS["start"]], st.session_state[_KEYS["end"]] = (None, None) if whole else chosen


def clamped_period(start: date, end: date, first: date) -> tuple[date, date]:
    """A period turned the right way round, starting no earlier than the first event (it may end later
    than the last: a period to the end of the year is a fair choice)."""
    start, end = sorted((start, end))
    start = max(start, first)
    return start, max(end, start)


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
    for name in ("types", "themes", "orgs"):
        values[name] = tuple(values[name] or ())
    values["text"] = (values["text"] or "").strip()
    return Filters(**values)


def _browser_language() -> str:
    locale = (getattr(st.context, "locale", None) or "").lower()
    return next((lang for lang in LANGUAGES if locale.startswith(lang)), DEFAULT.lang)


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None
