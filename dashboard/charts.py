"""Pure figure builders: small DataFrames in, plotly Figures out (no streamlit here)."""

import html
import json
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from babel import numbers
from plotly.subplots import make_subplots

from dashboard.i18n import format_dates, format_money, format_month, format_number, format_short_day, t, tn

STATIC_DIR = Path(__file__).resolve().parent / "static"
# Map shapes come from the app's own static folder, never from a CDN.
PLOTLY_CONFIG = {"topojsonURL": "/app/static/", "displaylogo": False}
MAP_HEIGHT = 300

STATUS_COLORS = {"member": "#1f5c99", "observer": "#e39d2c", "non_member": "#dfe3e8"}
OFFICE_COLORS = {"regional": "#b8432f", "country": "#1f5c99", "sub": "#5b9bd5", "liaison": "#6a8a3a"}
OFFICE_SIZES = {"regional": 11, "country": 7, "sub": 5, "liaison": 7}
_LAND = "#eef0f3"


@cache
def world_shape_ids() -> frozenset[str]:
    """ISO3 codes that have a shape in the world map at 110m resolution."""
    with open(STATIC_DIR / "world_110m.json", encoding="utf-8") as handle:
        topology = json.load(handle)
    return frozenset(g["id"] for g in topology["objects"]["countries"]["geometries"] if g.get("id"))


def member_state_map(countries: pd.DataFrame, lang: str = "en") -> go.Figure:
    """Choropleth of member, observer and non-member states; states too small to draw are dots."""
    hover = _membership_hover(countries, lang)
    too_small = ~countries["iso3"].isin(world_shape_ids()) & countries["lat"].notna()
    fig = go.Figure()
    for status, color in STATUS_COLORS.items():
        rows = countries["status"] == status
        fig.add_trace(go.Choropleth(
            locations=countries.loc[rows, "iso3"], z=[1] * int(rows.sum()), locationmode="ISO-3",
            colorscale=[[0, color], [1, color]], showscale=False, marker_line_color="white",
            marker_line_width=0.5, text=hover[rows], hovertemplate="%{text}<extra></extra>",
            name=t(f"map.status.{status}", lang), legendgroup=status, showlegend=True,
        ))
        dots = rows & too_small & (status != "non_member")
        if dots.any():
            fig.add_trace(go.Scattergeo(
                lat=countries.loc[dots, "lat"], lon=countries.loc[dots, "lon"], mode="markers",
                marker={"size": 6, "color": color, "line": {"color": "white", "width": 1}},
                text=hover[dots], hovertemplate="%{text}<extra></extra>",
                legendgroup=status, showlegend=False,
            ))
    return _world_layout(fig)


def mission_map(offices: pd.DataFrame, lang: str = "en") -> go.Figure:
    """Dots at each office, one colour per office type (regional, country, sub, liaison)."""
    fig = go.Figure()
    for office_type, color in OFFICE_COLORS.items():
        rows = offices[offices["office_type"] == office_type]
        if rows.empty:
            continue
        label = t(f"map.office.{office_type}", lang)
        place = (rows["city"] + ", " + rows["country"]).fillna(rows["country"])
        fig.add_trace(go.Scattergeo(
            lat=rows["lat"], lon=rows["lon"], mode="markers", name=f"{label} ({len(rows)})",
            marker={"size": OFFICE_SIZES[office_type], "color": color, "opacity": 0.85,
                    "line": {"color": "white", "width": 0.6}},
            text="<b>" + place + "</b><br>" + label, hovertemplate="%{text}<extra></extra>",
        ))
    return _world_layout(fig)


def _membership_hover(countries: pd.DataFrame, lang: str) -> pd.Series:
    status = countries["status"].map(lambda s: t(f"map.status_long.{s}", lang))
    year = countries["admitted_year"].map(
        lambda y: t("map.admitted", lang, year=int(y)) if pd.notna(y) else t("map.admitted_unknown", lang)
    )
    year = ("<br>" + year).where(countries["status"] != "non_member", "")
    return "<b>" + countries["name"] + "</b><br>" + status + year


def _world_layout(fig: go.Figure) -> go.Figure:
    fig.update_geos(
        projection_type="natural earth", showframe=False, showcoastlines=False,
        showland=True, landcolor=_LAND, showcountries=True, countrycolor="white",
        showocean=False, showlakes=False, bgcolor="rgba(0,0,0,0)",
        lataxis_range=[-57, 84],
    )
    fig.update_layout(
        height=MAP_HEIGHT, margin={"l": 0, "r": 0, "t": 0, "b": 0},
        legend={"orientation": "h", "x": 0, "y": 0, "yanchor": "top", "bgcolor": "rgba(0,0,0,0)"},
        hoverlabel={"bgcolor": "white", "font_size": 13},
    )
    return fig


# --- Regional activity page ---

REGION_PALETTE = ("#4c78a8", "#f58518", "#54a24b", "#e45756", "#72b7b2", "#b279a2", "#eeca3b", "#9d755d",
                  "#ff9da6", "#1f5c99", "#66c2a5", "#fc8d62", "#8da0cb", "#e78ac3", "#a6d854", "#e5c494",
                  "#2f4b7c", "#a05195", "#6a8a3a", "#d45087")
UNPLACED_COLOR = "#9aa5b1"
CHANGE_SCALE = [[0, "#b8432f"], [0.5, "#f7f7f7"], [1, "#1f5c99"]]
EVENTS_SCALE = [[0, "#d6e4f2"], [1, "#1f5c99"]]
BUBBLE_COLOR = "#e07b39"
ACTIVITY_MAP_HEIGHT = 460
LANE_LINES = 8


def region_colors(regions: list[str], unplaced: tuple[str, ...] = ()) -> dict[str, str]:
    """A stable colour per region id (palette in the given order), grey for the `unplaced` ids."""
    colors = {region: REGION_PALETTE[index % len(REGION_PALETTE)] for index, region in enumerate(regions)}
    return colors | dict.fromkeys(unplaced, UNPLACED_COLOR)


def events_map(countries: pd.DataFrame, places: pd.DataFrame, lang: str = "en", selected: str | None = None,
               zoom: bool = False) -> go.Figure:
    """Choropleth of events per country (iso3, name, events) with bubbles of events per place; `zoom` fits them."""
    fig = go.Figure(go.Choropleth(
        locations=countries["iso3"], z=countries["events"], locationmode="ISO-3", colorscale=EVENTS_SCALE,
        zmin=0, text=_country_hover(countries["name"], countries["events"], lang),
        hovertemplate="%{text}<extra></extra>", name=t("regional.map.countries", lang),
        colorbar={"title": {"text": t("regional.map.events", lang)}, "len": 0.6, "thickness": 12,
                  "tickformat": ",d"},
        **_outline(countries["iso3"], selected),
    ))
    if len(places):
        where = (places["city"] + ", " + places["country"]).fillna(places["country"])
        counts = places["events"].map(lambda n: format_number(int(n), lang))
        fig.add_trace(go.Scattergeo(
            lat=places["lat"], lon=places["lon"], mode="markers", customdata=places[["iso3"]].to_numpy(),
            marker={"size": places["events"], "sizemode": "area", "sizemin": 3, "color": BUBBLE_COLOR,
                    "sizeref": 2 * places["events"].max() / 26 ** 2, "opacity": 0.75,
                    "line": {"color": "white", "width": 0.6}},
            text="<b>" + where.map(_plain) + "</b><br>" + _filled("regional.map.held_here", lang, counts),
            hovertemplate="%{text}<extra></extra>", name=t("regional.map.places", lang), showlegend=True,
        ))
    _activity_layout(fig, lang)
    if zoom:
        fig.update_geos(fitbounds="locations", lataxis_range=None)
    return fig


def change_map(countries: pd.DataFrame, lang: str = "en", selected: str | None = None) -> go.Figure:
    """Choropleth of the change in events per country: iso3, name, current, previous (diverging colours)."""
    change = countries["current"] - countries["previous"]
    reach = max(1, int(change.abs().max())) if len(change) else 1
    signed = change.map(lambda n: ("+" if n > 0 else "−" if n < 0 else "±") + format_number(abs(int(n)), lang))
    now, before = (countries[column].map(lambda n: format_number(int(n), lang)) for column in ("current", "previous"))
    hover = ("<b>" + countries["name"].map(_plain) + "</b><br>" + _filled("regional.map.change_now", lang, now)
             + "<br>" + _filled("regional.map.change_before", lang, before) + "<br><b>" + signed + "</b>")
    fig = go.Figure(go.Choropleth(
        locations=countries["iso3"], z=change, locationmode="ISO-3", colorscale=CHANGE_SCALE,
        zmin=-reach, zmax=reach, zmid=0, text=hover, hovertemplate="%{text}<extra></extra>",
        colorbar={"title": {"text": t("regional.map.change", lang)}, "len": 0.6, "thickness": 12,
                  "tickformat": "+,d"},
        **_outline(countries["iso3"], selected),
    ))
    return _activity_layout(fig, lang)


def monthly_by_region(months: pd.DataFrame, labels: dict[str, str], colors: dict[str, str],
                      lang: str = "en") -> go.Figure:
    """Stacked bars of events per month (month, region, events), one colour per region, largest at the bottom."""
    fig = go.Figure()
    month_names = {month: format_month(month, lang) for month in months["month"].unique()}
    order = months.groupby("region")["events"].sum().sort_values(ascending=False).index
    for region in order:
        rows = months[months["region"] == region]
        fig.add_trace(go.Bar(
            x=rows["month"], y=rows["events"], name=labels.get(region, region),
            marker={"color": colors.get(region, UNPLACED_COLOR), "line": {"width": 0}},
            customdata=np.column_stack([np.full(len(rows), region, dtype=object), rows["month"].map(month_names)]),
            hovertemplate="<b>%{fullData.name}</b><br>" + t("regional.months.hover", lang, month="%{customdata[1]}",
                                                            count="%{y:,}") + "<extra></extra>",
        ))
    fig.update_layout(barmode="stack", bargap=0.1, yaxis_title=t("regional.months.axis", lang),
                      yaxis_tickformat=",d")
    if len(months):
        _date_axis(fig, months["month"].min(), months["month"].max(), lang)
        if months.groupby("month")["events"].sum().max() < 10:
            fig.update_yaxes(dtick=1)  # counts: no half events on the axis
    return _chart_layout(fig, lang, height=340)


def event_timeline(events: pd.DataFrame, lane_column: str, lanes: dict[str, str], colors: dict[str, str],
                   lang: str = "en") -> go.Figure:
    """Events as bars from start to end (diamond at the start), one lane per `lane_column` value, in `lanes` order."""
    rows, centres, separators = _stacked_rows(events, lane_column, list(lanes))
    fig = go.Figure()
    if len(rows):
        color = rows["region"].map(colors).fillna(UNPLACED_COLOR)
        hover = _timeline_hover(rows, lang)
        starts = pd.to_datetime(rows["start_date"])
        length_ms = (pd.to_datetime(rows["end_date"]) - starts + pd.Timedelta(days=1)) / pd.Timedelta(milliseconds=1)
        fig.add_trace(go.Bar(
            base=starts.dt.strftime("%Y-%m-%d"), x=length_ms, y=rows["y"], orientation="h", width=0.7,
            marker={"color": color, "line": {"width": 0}}, hovertext=hover, customdata=rows["event_id"],
            hovertemplate="%{hovertext}<extra></extra>", showlegend=False,
        ))
        fig.add_trace(go.Scatter(
            x=starts.dt.strftime("%Y-%m-%d"), y=rows["y"], mode="markers", hovertext=hover,
            marker={"symbol": "diamond", "size": 7, "color": color, "line": {"color": "white", "width": 0.5}},
            hovertemplate="%{hovertext}<extra></extra>", showlegend=False,
        ))
        _date_axis(fig, rows["start_date"].min(), rows["end_date"].max(), lang)
    fig.update_yaxes(tickvals=list(centres.values()), ticktext=[lanes[lane] for lane in centres],
                     autorange="reversed", showgrid=False, zeroline=False)
    fig.update_layout(barmode="overlay", shapes=[
        {"type": "line", "xref": "paper", "x0": 0, "x1": 1, "y0": y, "y1": y,
         "line": {"color": "#dfe3e8", "width": 1}} for y in separators])
    lines = int(rows["y"].max()) + 1 if len(rows) else 1
    return _chart_layout(fig, lang, height=min(1000, max(240, 70 + 15 * lines)))


def _stacked_rows(events: pd.DataFrame, lane_column: str, lanes: list[str]
                  ) -> tuple[pd.DataFrame, dict[str, float], list[float]]:
    """Give each event a row: lanes one below the other, overlapping events of a lane on separate lines.

    A lane has at most LANE_LINES lines; beyond that, overlapping events share the line that frees up first.
    """
    if events.empty:
        return events.assign(y=pd.Series(dtype=float)), {}, []
    first, last = pd.to_datetime(events["start_date"]).min(), pd.to_datetime(events["end_date"]).max()
    gap = max(pd.Timedelta(days=1), (last - first) / 60)  # bars closer than this would look joined
    placed, centres, separators, offset = [], {}, [], 0.0
    for lane in lanes:
        rows = events[events[lane_column].fillna("") == lane].sort_values(["start_date", "end_date"])
        if rows.empty:
            continue
        line_ends: list[pd.Timestamp] = []
        for index, start, end in zip(rows.index, pd.to_datetime(rows["start_date"]), pd.to_datetime(rows["end_date"])):
            line = next((n for n, free_from in enumerate(line_ends) if start > free_from), len(line_ends))
            if line == LANE_LINES:  # a crowded lane: share the line that frees up first
                line = line_ends.index(min(line_ends))
            if line == len(line_ends):
                line_ends.append(end + gap)
            else:
                line_ends[line] = max(line_ends[line], end + gap)
            placed.append((index, offset + line))
        if offset:
            separators.append(offset - 0.75)
        centres[lane] = offset + (len(line_ends) - 1) / 2
        offset += len(line_ends) + 0.5
    positions = pd.Series(dict(placed), name="y")
    return events.join(positions, how="inner"), centres, separators


def _timeline_hover(rows: pd.DataFrame, lang: str) -> pd.Series:
    unknown = t("regional.timeline.unknown", lang)

    def describe(row: pd.Series) -> str:
        days = format_dates(row["start_date"], row["end_date"], "day", lang)
        host = ", ".join(_plain(p) for p in (row["city"], row["country"]) if isinstance(p, str)) or unknown
        people = (format_number(int(row["participants_total"]), lang)
                  if pd.notna(row["participants_total"]) else unknown)
        kind = _plain(row["event_type"]) if isinstance(row["event_type"], str) else unknown
        details = (t(f"regional.timeline.{name}", lang, value=value)
                   for name, value in (("host", host), ("type", kind), ("participants", people)))
        return f"<b>{_plain(row['title'])}</b><br>{days}<br>" + "<br>".join(details)

    return rows.apply(describe, axis=1)


def _country_hover(names: pd.Series, counts: pd.Series, lang: str) -> pd.Series:
    return ("<b>" + names.map(_plain) + "</b><br>"
            + _filled("regional.map.events_count", lang, counts.map(lambda n: format_number(int(n), lang))))


def _filled(key: str, lang: str, counts: pd.Series) -> pd.Series:
    """The UI string `key` with each of the (formatted) counts in its {count} placeholder."""
    template = t(key, lang)
    return counts.map(lambda count: template.format(count=count))


def _outline(iso3: pd.Series, selected: str | None) -> dict:
    """Marker line settings that draw the selected country with a dark, thick border."""
    chosen = iso3 == selected
    return {"marker_line_color": chosen.map({True: "#1b2a3a", False: "white"}).tolist(),
            "marker_line_width": chosen.map({True: 2.5, False: 0.5}).tolist()}


def _activity_layout(fig: go.Figure, lang: str) -> go.Figure:
    _world_layout(fig)
    fig.update_layout(height=ACTIVITY_MAP_HEIGHT, separators=_separators(lang),
                      legend={"orientation": "h", "x": 0, "y": 0.02, "yanchor": "bottom", "itemsizing": "constant"})
    return fig


def _chart_layout(fig: go.Figure, lang: str, height: int) -> go.Figure:
    fig.update_layout(height=height, separators=_separators(lang), margin={"l": 0, "r": 0, "t": 10, "b": 0},
                      legend={"orientation": "h", "x": 0, "y": -0.12, "yanchor": "top"},
                      hoverlabel={"bgcolor": "white", "font_size": 13, "align": "left"}, plot_bgcolor="rgba(0,0,0,0)")
    fig.update_xaxes(showgrid=False)
    fig.update_yaxes(automargin=True, gridcolor="#eef0f3")
    return fig


def _date_axis(fig: go.Figure, first: date, last: date, lang: str) -> None:
    """Date ticks labelled by babel in the language (plotly would write English month names)."""
    first, last = pd.Timestamp(first).date(), pd.Timestamp(last).date()
    days = (last - first).days
    if days > 3 * 365:
        step = max(1, -(-(last.year - first.year + 1) // 12))
        ticks = [date(year, 1, 1) for year in range(first.year + 1, last.year + 1, step)] or [first]
        texts = [str(tick.year) for tick in ticks]
    elif days > 120:
        months = (last.year - first.year) * 12 + last.month - first.month
        step = max(1, -(-months // 10))
        ticks = [_add_months(first.replace(day=1), n) for n in range(1, months + 1, step)]
        texts = [format_month(tick, lang) for tick in ticks]
    else:
        step = max(1, -(-days // 8))
        ticks = [first + timedelta(days=n) for n in range(0, days + 1, step)]
        texts = [format_short_day(tick, lang) for tick in ticks]
    fig.update_xaxes(tickvals=[tick.isoformat() for tick in ticks], ticktext=texts, type="date")


def _add_months(day: date, months: int) -> date:
    year, month = divmod(day.month - 1 + months, 12)
    return day.replace(year=day.year + year, month=month + 1)


def _separators(lang: str) -> str:
    """Plotly's decimal and thousands separators for the language."""
    return numbers.get_decimal_symbol(lang) + numbers.get_group_symbol(lang)


def _plain(text: str) -> str:
    """Source text made safe for plotly's HTML-like hover labels."""
    return html.escape(str(text), quote=False)



# --- Country profile page ---

PROFILE_BAR_COLOR = "#1f5c99"
PROFILE_COUNTRY_FILL = "#d6e4f2"
PROFILE_MAP_HEIGHT = 320


def ranked_bars(ranked: pd.DataFrame, label_column: str, hover_column: str, lang: str = "en",
                value_column: str = "events", key_column: str | None = None) -> go.Figure:
    """Horizontal bars of `value_column` per label, the largest on top, each count written beside its bar; a click
    on a bar selects its `key_column` value (its customdata)."""
    counts = ranked[value_column].map(lambda n: format_number(int(n), lang))
    fig = go.Figure(go.Bar(
        x=ranked[value_column], y=ranked[label_column].map(_plain), orientation="h", text=counts,
        textposition="outside", cliponaxis=False, marker_color=PROFILE_BAR_COLOR,
        customdata=ranked[key_column] if key_column else None,
        hovertext=ranked[hover_column].map(_plain) + ": " + counts, hovertemplate="%{hovertext}<extra></extra>",
    ))
    fig.update_yaxes(autorange="reversed", automargin=True, showgrid=False)
    fig.update_xaxes(visible=False, range=[0, max(1, int(ranked[value_column].max() if len(ranked) else 1)) * 1.15])
    fig.update_layout(height=50 + 30 * max(len(ranked), 1), margin={"l": 0, "r": 10, "t": 5, "b": 5},
                      plot_bgcolor="rgba(0,0,0,0)", hoverlabel={"bgcolor": "white", "font_size": 13},
                      separators=_separators(lang))
    return fig


def country_office_map(iso3: str, centre: tuple[float, float], offices: pd.DataFrame,
                       lang: str = "en") -> go.Figure:
    """The country filled in, a dot at each office (one colour per office type), zoomed on the country."""
    fig = go.Figure(go.Choropleth(
        locations=[iso3], z=[1], locationmode="ISO-3", showscale=False,
        colorscale=[[0, PROFILE_COUNTRY_FILL], [1, PROFILE_COUNTRY_FILL]],
        marker_line_color=PROFILE_BAR_COLOR, marker_line_width=1, hoverinfo="skip"))
    located = offices.dropna(subset=["lat", "lon"])
    for office_type, color in OFFICE_COLORS.items():
        rows = located[located["office_type"] == office_type]
        if rows.empty:
            continue
        label = _plain(rows["office_label"].iloc[0])
        fig.add_trace(go.Scattergeo(
            lat=rows["lat"], lon=rows["lon"], mode="markers", name=label,
            marker={"size": OFFICE_SIZES[office_type] + 3, "color": color, "line": {"color": "white", "width": 1}},
            hovertext="<b>" + rows["city"].fillna("").map(_plain) + "</b><br>" + label,
            hovertemplate="%{hovertext}<extra></extra>"))
    _world_layout(fig)
    if iso3 in world_shape_ids():
        fig.update_geos(fitbounds="locations", lataxis_range=None)
    else:  # too small to have a shape at this scale: a fixed window around its centre
        lat, lon = centre
        fig.update_geos(center={"lat": lat, "lon": lon}, projection_scale=12, lataxis_range=None)
    fig.update_geos(projection_type="mercator", showcountries=True, countrycolor="#c9d1da")
    fig.update_layout(height=PROFILE_MAP_HEIGHT, showlegend=True)
    return fig


# --- Programmes page ---

BUDGET_SCALE = [[0, "#dcefe4"], [1, "#1d6b48"]]


def budget_map(countries: pd.DataFrame, currency: str, lang: str = "en", selected: str | None = None,
               zoom: bool = False) -> go.Figure:
    """Choropleth of budget in one currency per country (iso3, name, budget, programmes); `zoom` fits the countries."""
    money = countries["budget"].map(lambda value: format_money(value, currency, lang))
    counts = countries["programmes"].map(lambda n: tn("programmes.map.programmes", int(n), lang))
    fig = go.Figure(go.Choropleth(
        locations=countries["iso3"], z=countries["budget"], locationmode="ISO-3", colorscale=BUDGET_SCALE, zmin=0,
        text="<b>" + countries["name"].map(_plain) + "</b><br>" + money + "<br>" + counts,
        hovertemplate="%{text}<extra></extra>", name=t("programmes.map.countries", lang),
        colorbar={"title": {"text": currency}, "len": 0.6, "thickness": 12, "tickformat": ",.3~s"},
        showscale=countries["budget"].nunique() > 1,  # one value: a scale would repeat it at every tick
        **_outline(countries["iso3"], selected),
    ))
    _activity_layout(fig, lang)
    if zoom:
        fig.update_geos(fitbounds="locations", lataxis_range=None)
    return fig


def programme_timeline(programmes: pd.DataFrame, lane_column: str, lanes: dict[str, str], colors: dict[str, str],
                       status_labels: dict[str, str], today: date, lang: str = "en") -> go.Figure:
    """Programmes as bars from start to end (to `today` while no end is stated), one lane per `lane_column` value
    in `lanes` order, coloured by lane."""
    open_ended = programmes["end_date"].isna()
    drawn = programmes.assign(end_date=programmes["end_date"].where(~open_ended, pd.Timestamp(today)),
                              open_ended=open_ended)
    rows, centres, separators = _stacked_rows(drawn, lane_column, list(lanes))
    fig = go.Figure()
    if len(rows):
        color = rows[lane_column].map(colors).fillna(UNPLACED_COLOR)
        starts = pd.to_datetime(rows["start_date"])
        length_ms = (pd.to_datetime(rows["end_date"]) - starts + pd.Timedelta(days=1)) / pd.Timedelta(milliseconds=1)
        hover = rows.apply(lambda row: _programme_hover(row, status_labels, lang), axis=1)
        fig.add_trace(go.Bar(
            base=starts.dt.strftime("%Y-%m-%d"), x=length_ms, y=rows["y"], orientation="h", width=0.7,
            marker={"color": color, "line": {"width": 0}, "opacity": rows["open_ended"].map({True: 0.55, False: 1})},
            hovertext=hover, customdata=rows["iati_identifier"], hovertemplate="%{hovertext}<extra></extra>",
            showlegend=False,
        ))
        _date_axis(fig, rows["start_date"].min(), rows["end_date"].max(), lang)
    fig.update_yaxes(tickvals=list(centres.values()), ticktext=[lanes[lane] for lane in centres],
                     autorange="reversed", showgrid=False, zeroline=False)
    fig.update_layout(shapes=[{"type": "line", "xref": "paper", "x0": 0, "x1": 1, "y0": y, "y1": y,
                               "line": {"color": "#dfe3e8", "width": 1}} for y in separators])
    lines = int(rows["y"].max()) + 1 if len(rows) else 1
    return _chart_layout(fig, lang, height=min(1000, max(150, 70 + 15 * lines)))


def _programme_hover(row: pd.Series, status_labels: dict[str, str], lang: str) -> str:
    if row["open_ended"]:
        days = t("programmes.timeline.since", lang, start=format_month(pd.Timestamp(row["start_date"]).date(), lang))
    else:
        days = format_dates(pd.Timestamp(row["start_date"]).date(), pd.Timestamp(row["end_date"]).date(), "month",
                            lang)
    unknown = t("programmes.unknown", lang)
    details = ((name, _plain(value) if isinstance(value, str) else unknown) for name, value in
               (("status", status_labels.get(row["status"], row["status"])), ("countries", row["countries"])))
    return (f"<b>{_plain(row['title'])}</b><br>{days}<br>"
            + "<br>".join(t(f"programmes.timeline.{name}", lang, value=value) for name, value in details))


# --- Data quality page ---

SEVERITY_COLORS = {"error": "#b8432f", "warning": "#e39d2c"}


def problem_counts_chart(counts: pd.DataFrame, lang: str = "en") -> go.Figure:
    """Horizontal bars of rows per problem (columns severity, label, rows), grouped and coloured by severity."""
    fig = go.Figure()
    for severity, color in SEVERITY_COLORS.items():
        rows = counts[counts["severity"] == severity].sort_values("rows", ascending=False)
        if rows.empty:
            continue
        group = t(f"quality.severity.{severity}", lang)
        fig.add_trace(go.Bar(
            x=rows["rows"].tolist(), y=[[group] * len(rows), rows["label"].tolist()], orientation="h",
            marker_color=color, text=rows["rows"].map(lambda n: format_number(int(n), lang)), textposition="outside",
            cliponaxis=False, name=group, showlegend=False, hovertemplate="%{y}: %{text}<extra></extra>",
        ))
    fig.update_layout(
        height=60 + 28 * len(counts), margin={"l": 0, "r": 50, "t": 10, "b": 0}, bargap=0.35,
        xaxis={"title": {"text": t("quality.chart_axis", lang)}, "showticklabels": False, "showgrid": False},
        yaxis={"autorange": "reversed", "automargin": True},
    )
    return fig


def membership_growth(stated: pd.DataFrame, admissions: pd.DataFrame, lang: str = "en") -> go.Figure:
    """The Member States the organization stated at each date (line) over the admissions on record a year (bars)."""
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    years = [date(int(year), 7, 1) for year in admissions["year"]]
    fig.add_trace(go.Bar(
        x=years, y=admissions["admitted"], name=t("overview.growth_admitted", lang), marker_color="#c9d6e3",
        text=[tn("overview.growth_admitted_hover", int(count), lang, year=int(year))
              for year, count in zip(admissions["year"], admissions["admitted"])],
        hovertemplate="%{text}<extra></extra>", textposition="none"), secondary_y=True)
    hover = [t("overview.growth_stated_hover", lang, value=format_number(int(value), lang), as_of=_plain(as_of),
               source=_plain(urlsplit(url).netloc or url))
             for value, as_of, url in zip(stated["value"], stated["as_of"], stated["source_url"])]
    fig.add_trace(go.Scatter(
        x=stated["as_of_day"], y=stated["value"], mode="lines+markers", name=t("overview.growth_stated", lang),
        line={"color": STATUS_COLORS["member"], "width": 2}, marker={"size": 8}, text=hover,
        hovertemplate="%{text}<extra></extra>"), secondary_y=False)
    _chart_layout(fig, lang, 320)
    fig.update_yaxes(title_text=t("overview.growth_stated", lang), rangemode="tozero", secondary_y=False)
    fig.update_yaxes(title_text=t("overview.growth_admitted", lang), rangemode="tozero", showgrid=False,
                     tickformat=",d", secondary_y=True)
    days = [*pd.to_datetime(stated["as_of_day"]).dt.date, *years]
    if days:
        _date_axis(fig, min(days), max(days), lang)
    return fig
