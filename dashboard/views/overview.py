"""Overview page: key figures, the member-state and office maps, and the activity of the chosen period."""

from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard import charts, filters, layout, queries
from dashboard.filters import Filters
from dashboard.i18n import format_day, format_month, format_number, format_timestamp, t, tn


def render() -> None:
    """Draw the Overview page from the current warehouse."""
    chosen = filters.current()
    lang = chosen.lang
    path = layout.start("overview.title", lang)
    if path is None:
        return
    figures = queries.key_figures(path)
    st.caption(f"{t('overview.subtitle', lang)} {_freshness(path, lang)}")
    layout.sample_banner("overview.sample_banner", figures, lang)
    _key_figures(figures, lang)
    _maps(path, lang)
    _stated_beside_recorded(path, figures, lang)
    _activity(path, chosen, figures)


def _freshness(path: Path, lang: str) -> str:
    last = queries.last_refresh(path)
    if last is None:
        return t("overview.never_refreshed", lang) + "."
    finished, run = last
    return t("overview.data_as_of", lang, when=format_timestamp(finished, lang), run=run) + "."


def _key_figures(figures: dict, lang: str) -> None:
    tiles = [("overview.members", figures["members"]), ("overview.observers", figures["observers"]),
             ("overview.mission_countries", figures["mission_countries"]), ("overview.events", figures["events"])]
    for column, (label, value) in zip(st.columns(len(tiles)), tiles):
        column.metric(t(label, lang), format_number(value, lang), border=True)


def _event_span(figures: dict, lang: str) -> None:
    first, last = figures["first_event_day"], figures["last_event_day"]
    span, span_help = t("overview.no_events", lang), None
    if first is not None:
        span = (str(first.year) if first.year == last.year
                else t("overview.event_span_value", lang, first=first.year, last=last.year))
        span_help = t("overview.event_span_help", lang, first=format_month(first, lang), last=format_month(last, lang))
    st.metric(t("overview.event_span", lang), span, help=span_help, border=True)


def _maps(path: Path, lang: str) -> None:
    membership, offices = st.columns(2, gap="large")
    with membership:
        st.subheader(t("overview.member_map", lang))
        figure = charts.member_state_map(queries.membership_by_country(path, lang), lang)
        st.plotly_chart(figure, config=charts.PLOTLY_CONFIG, key="member_map")
        st.caption(t("overview.member_map_caption", lang))
    with offices:
        st.subheader(t("overview.mission_map", lang))
        located = queries.mission_offices(path, lang)
        if located.empty:
            st.info(t("overview.no_offices", lang))
            return
        st.plotly_chart(charts.mission_map(located, lang), config=charts.PLOTLY_CONFIG, key="mission_map")
        st.caption(t("overview.mission_map_caption", lang))


def _stated_beside_recorded(path: Path, figures: dict, lang: str) -> None:
    """The organization's latest stated figures beside what the warehouse records, and membership over time."""
    st.subheader(t("overview.stated_title", lang))
    stated = queries.stated_figures(path)
    latest = stated.groupby("figure").tail(1).set_index("figure")
    recorded = {"member_states": figures["members"], "observer_states": figures["observers"],
                "countries_present": figures["mission_countries"]}
    rows = [_stated_row(figure, latest.loc[figure] if figure in latest.index else None, value, lang)
            for figure, value in recorded.items()]
    st.dataframe(pd.DataFrame(rows), hide_index=True, column_config={
        t("overview.stated_column_source", lang): st.column_config.LinkColumn(display_text=r"https?://([^/]+)")})
    sourced = figures["sourced_mission_countries"]
    st.caption(" ".join((t("overview.stated_caption", lang), tn("overview.stated_sourced", sourced, lang),
                         tn("overview.stated_unverified", figures["mission_countries"] - sourced, lang))))
    members = stated[stated["figure"] == "member_states"]
    if not members.empty:
        st.markdown(f"**{t('overview.growth_title', lang)}**")
        st.plotly_chart(charts.membership_growth(members, queries.admissions_by_year(path), lang),
                        config=charts.PLOTLY_CONFIG, key="membership_growth")
        st.caption(t("overview.growth_caption", lang, unknown=format_number(figures["admission_year_unknown"], lang),
                     total=format_number(figures["members"] + figures["observers"], lang)))


def _stated_row(figure: str, stated: pd.Series | None, recorded: int, lang: str) -> dict[str, str | None]:
    """One line of the stated-beside-recorded table; a figure never stated says so."""
    if stated is None:
        shown, as_of, source = t("overview.stated_unknown", lang), "", None
    else:
        shown, as_of, source = format_number(int(stated["value"]), lang), stated["as_of"], stated["source_url"]
        if stated["at_least"]:
            shown = t("overview.stated_more_than", lang, value=shown)
    return {t("overview.stated_column_figure", lang): t(f"overview.stated_figure.{figure}", lang),
            t("overview.stated_column_stated", lang): shown, t("overview.stated_column_as_of", lang): as_of,
            t("overview.stated_column_source", lang): source,
            t("overview.stated_column_recorded", lang): format_number(recorded, lang)}


def _activity(path: Path, chosen: Filters, figures: dict) -> None:
    lang = chosen.lang
    st.subheader(t("overview.activity", lang))
    st.caption(_period_text(chosen))
    now = _counts(path, chosen)
    previous = chosen.previous()
    before = _counts(path, previous) if previous is not None else None
    span, events, countries = st.columns(3)
    with span:
        _event_span(figures, lang)
    for column, name in ((events, "events"), (countries, "countries")):
        with column:
            _change_metric(name, now[name], None if before is None else before[name], lang)
    st.markdown(f"**{t('overview.latest', lang)}**")
    latest = queries.latest_events(path, chosen)
    if latest.empty:
        st.info(t("overview.no_latest", lang))
        return
    st.dataframe(_latest_table(latest, lang), hide_index=True)
    st.caption(t("overview.latest_caption", lang))


def _counts(path: Path, chosen: Filters) -> dict[str, int]:
    """The events matching the filters and the countries they involve."""
    return {"events": queries.event_totals(path, chosen)["events"],
            "countries": queries.countries_involved(path, chosen)}


def _change_metric(name: str, value: int, previous: int | None, lang: str) -> None:
    help_text, delta, description = t(f"overview.{name}_in_period_help", lang), None, None
    if previous is not None:
        change = value - previous
        delta = ("+" if change > 0 else "") + format_number(change, lang)
        description = t("overview.vs_previous", lang)
        help_text += "\n\n" + t("overview.previous_help", lang, value=format_number(previous, lang))
    st.metric(t(f"overview.{name}_in_period", lang), format_number(value, lang), delta=delta,
              delta_description=description, help=help_text, border=True)


def _period_text(chosen: Filters) -> str:
    lang = chosen.lang
    previous = chosen.previous()
    if previous is not None:
        days = (chosen.end - chosen.start).days + 1
        return tn("overview.period_both", days, lang, start=format_day(chosen.start, lang),
                  end=format_day(chosen.end, lang), previous_start=format_day(previous.start, lang),
                  previous_end=format_day(previous.end, lang))
    if chosen.start is not None:
        return t("overview.period_from", lang, start=format_day(chosen.start, lang))
    if chosen.end is not None:
        return t("overview.period_until", lang, end=format_day(chosen.end, lang))
    return t("overview.period_all", lang)


def _latest_table(events: pd.DataFrame, lang: str) -> pd.DataFrame:
    host = (events["city"] + ", " + events["country"]).fillna(events["country"]).fillna(events["city"])
    return pd.DataFrame({
        t("overview.column_date", lang): events["start_date"].map(lambda day: format_day(day, lang)),
        t("overview.column_title", lang): events["title"],
        t("overview.column_host", lang): host.fillna("—"),
    })
