"""Overview page: key figures, the member-state map and the office map."""

from pathlib import Path

import streamlit as st

from dashboard import charts, queries
from dashboard.i18n import format_month, format_number, format_timestamp, t
from scripts.warehouse import warehouse_path


def render() -> None:
    """Draw the Overview page from the current warehouse."""
    st.title(t("overview.title"))
    path = warehouse_path()
    state = queries.warehouse_state(path)
    if state != "ready":
        st.info(t(f"warehouse.{state}"), icon=":material/database:")
        return
    figures = queries.key_figures(path)
    st.caption(f"{t('overview.subtitle')} {_freshness(path)}")
    if figures["sample_events"]:
        st.warning(
            t("overview.sample_banner", sample=format_number(figures["sample_events"]),
              total=format_number(figures["events"])),
            icon=":material/science:",
        )
    _key_figures(figures)
    _maps(path)


def _freshness(path: Path) -> str:
    finished = queries.last_refresh(path)
    if finished is None:
        return t("overview.never_refreshed") + "."
    return t("overview.data_as_of", when=format_timestamp(finished)) + "."


def _key_figures(figures: dict) -> None:
    first, last = figures["first_event_day"], figures["last_event_day"]
    span, span_help = t("overview.no_events"), None
    if first is not None:
        span = (str(first.year) if first.year == last.year
                else t("overview.event_span_value", first=first.year, last=last.year))
        span_help = t("overview.event_span_help", first=format_month(first), last=format_month(last))
    tiles = [
        ("overview.members", format_number(figures["members"]), None),
        ("overview.observers", format_number(figures["observers"]), None),
        ("overview.mission_countries", format_number(figures["mission_countries"]), None),
        ("overview.events", format_number(figures["events"]), None),
        ("overview.event_span", span, span_help),
    ]
    for column, (label, value, help_text) in zip(st.columns(len(tiles)), tiles):
        column.metric(t(label), value, help=help_text, border=True)


def _maps(path: Path) -> None:
    membership, offices = st.columns(2, gap="large")
    with membership:
        st.subheader(t("overview.member_map"))
        figure = charts.member_state_map(queries.membership_by_country(path))
        st.plotly_chart(figure, config=charts.PLOTLY_CONFIG, key="member_map")
        st.caption(t("overview.member_map_caption"))
    with offices:
        st.subheader(t("overview.mission_map"))
        located = queries.mission_offices(path)
        if located.empty:
            st.info(t("overview.no_offices"))
            return
        st.plotly_chart(charts.mission_map(located), config=charts.PLOTLY_CONFIG, key="mission_map")
        st.caption(t("overview.mission_map_caption"))
