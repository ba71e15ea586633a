"""Regional activity page: key figures against the previous period, event map, events per month, timeline."""

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import streamlit as st

from dashboard import charts, filters, layout, queries
from dashboard.filters import Filters
from dashboard.i18n import format_day, format_number, format_percent, t, tn
from scripts.normalize.text import fold

PLACES_SHOWN = 300
TIMELINE_SHOWN = 150


def render() -> None:
    """Draw the Regional activity page for the filters in force."""
    f = filters.current()
    path = layout.start("regional.title", f.lang)
    if path is None:
        return
    st.caption(t("regional.subtitle", f.lang))
    shown = queries.event_totals(path, f)
    layout.sample_banner("regional.sample_banner", shown, f.lang)
    layout.focus_bar(path, f, "regional")
    last_day = queries.event_date_bounds(path)[1]
    if last_day is None:
        st.info(t("regional.no_events_at_all", f.lang), icon=":material/event_busy:")
        return
    current, previous, defaulted = comparison_periods(f, last_day)
    _key_figures(path, current, previous, defaulted)
    if not shown["events"]:
        st.info(t("regional.no_events", f.lang), icon=":material/filter_alt:")
        return
    labels, colors = _regions(path, f)
    _map(path, f, current, previous)
    _months(path, f, labels, colors)
    _timeline(path, f, labels, colors, shown["events"])


def comparison_periods(f: Filters, last_day: date) -> tuple[Filters, Filters, bool]:
    """The period the key figures report on, the one of equal length before, and whether it was defaulted.

    Without a chosen period: the 12 months ending on the last day of data.
    """
    if f.start is not None and f.end is not None:
        return f, f.previous(), False
    end = f.end or max(last_day, f.start or last_day)
    start = f.start or _one_year_before(end) + timedelta(days=1)
    current = replace(f, start=start, end=end)
    return current, current.previous(), True


def _one_year_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)



def _key_figures(path: Path, current: Filters, previous: Filters, defaulted: bool) -> None:
    lang = current.lang
    now, before = queries.event_totals(path, current), queries.event_totals(path, previous)
    tiles = (("events", now["events"], before["events"]),
             ("countries", queries.countries_involved(path, current), queries.countries_involved(path, previous)),
             ("participants", now["participants"], before["participants"]))
    for column, (name, value, old) in zip(st.columns(len(tiles)), tiles):
        column.metric(t(f"regional.kpi.{name}", lang), format_number(value, lang), delta=_delta(value, old, lang),
                      delta_color="normal" if value != old else "off", delta_arrow="auto" if value != old else "off",
                      delta_description=t("regional.kpi.vs_previous", lang),
                      help=t(f"regional.kpi.{name}_help", lang), border=True)
    line = t("regional.kpi.period_default" if defaulted else "regional.kpi.period", lang,
             **_period_days(current, previous))
    if now["participants_unknown"]:
        line += " " + tn("regional.kpi.unknown_participants", now["events"], lang,
                         unknown=format_number(now["participants_unknown"], lang),
                         share=format_percent(now["participants_unknown"] / now["events"], lang))
    st.caption(line)


def _period_days(current: Filters, previous: Filters) -> dict[str, str]:
    """The first and last days of both periods, written in the language."""
    days = {"start": current.start, "end": current.end, "previous_start": previous.start, "previous_end": previous.end}
    return {name: format_day(day, current.lang) for name, day in days.items()}


def _delta(value: int, old: int, lang: str) -> str:
    """'+12 (+8%)', '-3 (-20%)' or '0': the change, with its share of the old value when there is one."""
    change = value - old
    if change == 0:
        return "0"
    sign = "+" if change > 0 else "-"
    text = sign + format_number(abs(change), lang)
    if old:
        text += f" ({sign}{format_percent(abs(change) / old, lang)})"
    return text


def _regions(path: Path, f: Filters) -> tuple[dict[str, str], dict[str, str]]:
    """Label and colour of every region of the scheme, and of the two series for events without one."""
    options = filters.region_options(path, f.scheme, f.lang)
    unplaced = {queries.NO_HOST: t("regional.no_host", f.lang), queries.NO_REGION: t("regional.no_region", f.lang)}
    return {**options, **unplaced}, charts.region_colors(list(options), tuple(unplaced))


def _map(path: Path, f: Filters, current: Filters, previous: Filters) -> None:
    lang = f.lang
    st.subheader(t("regional.map.title", lang))
    if st.toggle(t("regional.map.change_toggle", lang), key="regional_change",
                 help=t("regional.map.change_toggle_help", lang)):
        columns = ["iso3", "name", "events"]
        changes = (queries.events_per_country(path, current)[columns]
                   .merge(queries.events_per_country(path, previous)[columns], on=["iso3", "name"], how="outer",
                          suffixes=("_current", "_previous"))
                   .rename(columns={"events_current": "current", "events_previous": "previous"}))
        changes[["current", "previous"]] = changes[["current", "previous"]].fillna(0).astype(int)
        figure = charts.change_map(changes, lang, f.country)
        caption = t("regional.map.change_caption", lang, **_period_days(current, previous))
    else:
        places, place_count = queries.event_places(path, f, PLACES_SHOWN)
        figure = charts.events_map(queries.events_per_country(path, f), places, lang, f.country,
                                   zoom=bool(f.region))
        caption = t("regional.map.caption", lang)
        if place_count > len(places):
            caption += " " + t("regional.map.places_shown", lang, shown=format_number(len(places), lang),
                               total=format_number(place_count, lang))
    event = st.plotly_chart(figure, key="regional_map", on_select="rerun", selection_mode="points",
                            config=charts.PLOTLY_CONFIG)
    st.caption(caption)
    iso3 = filters.clicked(event)
    if iso3:
        filters.request("regional_map", country=iso3)


def _months(path: Path, f: Filters, labels: dict[str, str], colors: dict[str, str]) -> None:
    st.subheader(t("regional.months.title", f.lang))
    figure = charts.monthly_by_region(queries.events_per_month(path, f), labels, colors, f.lang)
    event = st.plotly_chart(figure, key="regional_months", on_select="rerun", selection_mode="points",
                            config=charts.PLOTLY_CONFIG)
    st.caption(t(f"regional.months.caption_{f.scheme}", f.lang))
    region = filters.clicked(event)
    if region is not None:
        chosen = {"region": region} if region not in (queries.NO_HOST, queries.NO_REGION) else {}
        filters.request("regional_months", **chosen)


def _timeline(path: Path, f: Filters, labels: dict[str, str], colors: dict[str, str], total: int) -> None:
    lang = f.lang
    st.subheader(t("regional.timeline.title", lang))
    events = queries.recent_events(path, f, TIMELINE_SHOWN)
    if f.region:
        hosts = events.dropna(subset="iso3").drop_duplicates("iso3")
        lanes = _alphabetical(dict(zip(hosts["iso3"], hosts["country"].fillna(hosts["iso3"]))))
        lane_column = "iso3"
    else:
        lanes = _alphabetical({region: labels.get(region, region) for region in set(events["region"])})
        lane_column = "region"
    st.plotly_chart(charts.event_timeline(events, lane_column, lanes, colors, lang), key="regional_timeline",
                    config=charts.PLOTLY_CONFIG)
    grouping = t(f"regional.timeline.by_{lane_column}", lang)
    if total > len(events):
        st.caption(t("regional.timeline.caption_some", lang, grouping=grouping, shown=format_number(len(events), lang),
                     total=format_number(total, lang)))
    else:
        st.caption(tn("regional.timeline.caption_all", total, lang, grouping=grouping))



def _alphabetical(labels: dict[str, str]) -> dict[str, str]:
    """Labels in alphabetical order, accents ignored; the series without a region last."""
    unplaced = (queries.NO_HOST, queries.NO_REGION)
    return dict(sorted(labels.items(), key=lambda item: (item[0] in unplaced, fold(item[1]))))
