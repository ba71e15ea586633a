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
    _member_map(path)
    _mission_map(path)


def _freshness(path: Path) -> str:
    finished = queries.last_refresh(path)
    if finished is None:
        return t("overview.never_refreshed") + "."
    return t("overview.data_as_of", when=format_timestamp(finished)) + "."


def _key_figures(figures: dict) -> None:
    if figures["first_event_day"] is None:
        span = t("overview.no_events")
    else:
        span = t("overview.event_span_value", first=format_month(figures["first_event_day"]),
                 last=format_month(figures["last_event_day"]))
    tiles = [
        ("overview.members", format_number(figures["members"])),
        ("overview.observers", format_number(figures["observers"])),
        ("overview.mission_countries", format_number(figures["mission_countries"])),
        ("overview.events", format_number(figures["events"])),
        ("overview.event_span", span),
    ]
    for column, (label, value) in zip(st.columns(len(tiles)), tiles):
        column.metric(t(label), value, border=True)


def _member_map(path: Path) -> None:
    st.subheader(t("overview.member_map"))
    figure = charts.member_state_map(queries.membership_by_country(path))
    st.plotly_chart(figure, config=charts.PLOTLY_CONFIG, key="member_map")
    st.caption(t("overview.member_map_caption"))


def _mission_map(path: Path) -> None:
    st.subheader(t("overview.mission_map"))
    offices = queries.mission_offices(path)
    if offices.empty:
        st.info(t("overview.no_offices"))
        return
    st.plotly_chart(charts.mission_map(offices), config=charts.PLOTLY_CONFIG, key="mission_map")
    st.caption(t("overview.mission_map_caption"))
