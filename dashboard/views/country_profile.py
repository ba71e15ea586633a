"""Country profile page: membership, regional office, offices, programmes, events hosted and attended, partners,
timeline."""

from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard import charts, downloads, filters, layout, queries
from dashboard.filters import Filters
from dashboard.i18n import format_dates, format_money, format_month, format_number, label, region_label, t, tn
from dashboard.layout import plain_markdown

TOP_SHOWN = 10
TIMELINE_SHOWN = 150
PROGRAMMES_SHOWN = 50
ROLE_COLORS = {"host": "#1f5c99", "participant": "#e39d2c"}


def render() -> None:
    """Draw the profile of the country chosen in the sidebar (or on the page)."""
    f = filters.current()
    lang = f.lang
    path = layout.start("country.title", lang)
    if path is None:
        return
    st.caption(t("country.subtitle", lang))
    iso3 = _choose_country(path, f)
    facts = queries.country_facts(path, iso3, lang) if iso3 else None
    if facts is None:
        st.info(t("country.choose", lang), icon=":material/flag:")
        return
    _membership(path, iso3, facts, lang)
    counts = queries.event_totals(path, f)
    layout.sample_banner("country.sample_banner", counts, lang)
    _offices(path, iso3, facts, lang)
    _programmes(path, f, facts["name"])
    _events(path, f, counts)


def _choose_country(path: Path, f: Filters) -> str | None:
    """The country filter, with a selector on the page that sets it for every page."""
    countries = {None: t("country.none_chosen", f.lang), **queries.country_options(path, f.lang, f.scheme, f.region)}
    options = list(countries)
    chosen = st.selectbox(t("country.selector", f.lang), options, format_func=countries.get,
                          index=options.index(f.country) if f.country in countries else 0,
                          placeholder=t("filters.choose", f.lang))
    if chosen != f.country:
        filters.request(country=chosen)
    return f.country


def _membership(path: Path, iso3: str, facts: dict, lang: str) -> None:
    st.header(plain_markdown(facts["name"]), divider="gray")
    status = facts["status"]
    admitted = "—" if status == "non_member" else _year(facts["admitted_year"], lang)
    offices = queries.country_regional_offices(path, iso3)
    current = offices[offices["valid_to"].isna()]
    office = _office_name(current.iloc[0], lang) if len(current) else t("country.unknown", lang)
    tiles = (("status", t(f"map.status_long.{status}", lang)), ("admitted", admitted), ("office", office))
    for column, (name, value) in zip(st.columns([1, 1, 2]), tiles):
        with column.container(border=True, height="stretch"):
            st.caption(t(f"country.tiles.{name}", lang), help=t(f"country.tiles.{name}_help", lang))
            st.markdown("#### " + plain_markdown(value))
    before = offices[offices["valid_to"].notna() & ~offices["office_id"].isin(current["office_id"])]
    if len(before):
        office = before.iloc[-1]
        st.caption(t("country.office_before", lang, office=_office_name(office, lang),
                     first=_year(office["valid_from"], lang), last=_year(office["valid_to"], lang)))


def _office_name(office: pd.Series, lang: str) -> str:
    """A regional office's name in the language: the shared region names, else this page's, else English."""
    former = label("country.former_offices", office["office_id"], lang, office["name_en"])
    return region_label("iom", office["office_id"], lang, former)


def _year(value: object, lang: str) -> str:
    return str(int(value)) if pd.notna(value) else t("country.unknown", lang)


def _offices(path: Path, iso3: str, facts: dict, lang: str) -> None:
    st.subheader(t("country.offices.title", lang))
    offices = queries.country_missions(path, iso3, lang)
    if offices.empty:
        st.info(t("country.offices.none", lang), icon=":material/domain_disabled:")
        return
    table, chart = st.columns([2, 3], gap="large")
    unknown = t("country.unknown", lang)
    table.dataframe(downloads.neutralized(pd.DataFrame({
        t("country.offices.type", lang): offices["office_label"],
        t("country.offices.city", lang): offices["city"].fillna(unknown),
        t("country.offices.opened", lang): offices["opened"].map(
            lambda day: str(day.year) if pd.notna(day) else unknown),
    })), hide_index=True, width="stretch")
    centre = (facts["lat"], facts["lon"]) if pd.notna(facts["lat"]) else (0.0, 0.0)
    chart.plotly_chart(charts.country_office_map(iso3, centre, offices, lang), config=charts.PLOTLY_CONFIG,
                       key="country_office_map")
    chart.caption(t("country.offices.caption", lang))


def _programmes(path: Path, f: Filters, country: str) -> None:
    """The programmes with the country among their recipients: title, status, dates, the country's budget share,
    DAC sectors."""
    lang = f.lang
    st.subheader(t("country.programmes.title", lang))
    rows, total = queries.country_programmes(path, f, PROGRAMMES_SHOWN)
    if rows.empty:
        st.caption(t("country.programmes.none", lang))
        return
    money = rows.dropna(subset="currency").assign(
        amount=lambda budgets: [format_money(value, currency, lang)
                                for value, currency in zip(budgets["budget"], budgets["currency"])])
    budgets = money.groupby("iati_identifier", sort=False)["amount"].agg("; ".join)
    programmes = rows.drop_duplicates("iati_identifier")
    table = pd.DataFrame({
        t("country.programmes.programme", lang): programmes["title"],
        t("country.programmes.status", lang): programmes["status"].map(lambda code: label("programmes.status", code,
                                                                                           lang)),
        t("country.programmes.dates", lang): [_programme_dates(start, end, lang) for start, end in
                                              zip(programmes["start_date"], programmes["end_date"])],
        t("country.programmes.budget", lang): programmes["iati_identifier"].map(budgets).fillna("—"),
        t("country.programmes.sectors", lang): programmes["sectors"].fillna("—"),
        t("country.programmes.identifier", lang): programmes["iati_identifier"],
    })
    sectors_help = t("country.programmes.sectors_help", lang)
    st.dataframe(downloads.neutralized(table), hide_index=True, width="stretch", column_config={
        t("country.programmes.programme", lang): st.column_config.Column(width="large"),
        t("country.programmes.sectors", lang): st.column_config.Column(width="medium", help=sectors_help)})
    caption = t("country.programmes.caption", lang, country=country) + " " + t("programmes.money", lang)
    if len(programmes) < total:
        caption = t("country.programmes.shown", lang, shown=format_number(len(programmes), lang),
                    total=format_number(total, lang)) + " " + caption
    if programmes["is_sample"].any():
        caption += " " + t("country.programmes.sample", lang)
    st.caption(caption)


def _programme_dates(start: object, end: object, lang: str) -> str:
    """A programme's months, 'since' a start without an end, or unknown."""
    if pd.isna(start):
        return t("country.unknown", lang)
    if pd.isna(end):
        return t("country.programmes.since", lang, start=format_month(pd.Timestamp(start).date(), lang))
    return format_dates(pd.Timestamp(start).date(), pd.Timestamp(end).date(), "month", lang)


def _events(path: Path, f: Filters, counts: dict) -> None:
    lang = f.lang
    st.subheader(t("country.events.title", lang))
    previous = f.previous()
    before = queries.event_totals(path, previous) if previous else None
    for column, (name, count) in zip(st.columns(3), (("hosted", "hosted"), ("attended", "attended"),
                                                      ("total", "events"))):
        column.metric(t(f"country.events.{name}", lang), format_number(counts[count], lang),
                      delta=_change(counts[count], before[count], lang) if before else None,
                      delta_description=t("country.events.vs_previous", lang) if before else None,
                      help=t(f"country.events.{name}_help", lang), border=True)
    if previous is None:
        st.caption(t("country.events.no_period", lang))
    else:
        st.caption(t("country.events.period", lang, now=format_dates(f.start, f.end, "day", lang),
                     before=format_dates(previous.start, previous.end, "day", lang)))
    if not counts["events"]:
        st.info(t("country.events.none", lang), icon=":material/event_busy:")
        return
    _partners(path, f)
    _timeline(path, f, counts["events"])


def _change(value: int, old: int, lang: str) -> str:
    """'+3', '-2' or '0': the change since the previous period."""
    change = value - old
    return ("+" if change > 0 else "-" if change < 0 else "") + format_number(abs(change), lang)


def _partners(path: Path, f: Filters) -> None:
    organizations, countries = st.columns(2, gap="large")
    with organizations:
        ranked, total = queries.country_partners(path, f, TOP_SHOWN)
        _ranking("country.partners", ranked, total, "org_id", f.lang,
                 organization=_home_organization(path, f.lang))
    with countries:
        ranked, total = queries.country_co_participants(path, f, TOP_SHOWN)
        _ranking("country.co_participants", ranked, total, "name", f.lang)


def _ranking(prefix: str, ranked: pd.DataFrame, total: int, label_column: str, lang: str, **extra: str) -> None:
    """A titled bar chart of the top entries with how many there are in all, or a line saying there are none."""
    st.markdown("**" + t(f"{prefix}.title", lang) + "**")
    if ranked.empty:
        st.caption(t(f"{prefix}.none", lang))
        return
    st.plotly_chart(charts.ranked_bars(ranked, label_column, "name", lang), key=prefix.replace(".", "_"),
                    config=charts.PLOTLY_CONFIG)
    st.caption(t(f"{prefix}.caption", lang, shown=format_number(len(ranked), lang),
                 total=format_number(total, lang), **extra))


def _home_organization(path: Path, lang: str) -> str:
    """The organization's own acronym and name in the language, as the organization list writes it."""
    return filters.organization_options(path, lang).get(queries.HOME_ORGANIZATION, queries.HOME_ORGANIZATION)


def _timeline(path: Path, f: Filters, total: int) -> None:
    lang = f.lang
    st.subheader(t("country.timeline.title", lang))
    events = queries.country_timeline(path, f, TIMELINE_SHOWN)
    lanes = {role: t(f"country.timeline.{role}", lang) for role in ROLE_COLORS}
    figure = charts.event_timeline(events.assign(region=events["role"]), "role", lanes, ROLE_COLORS, lang)
    st.plotly_chart(figure, key="country_timeline", config=charts.PLOTLY_CONFIG)
    if len(events) == total:
        st.caption(tn("country.timeline.caption_all", total, lang))
    else:
        st.caption(t("country.timeline.caption_some", lang, shown=format_number(len(events), lang),
                     total=format_number(total, lang)))
