"""Pure figure builders: small DataFrames in, plotly Figures out (no streamlit here)."""

import json
from functools import cache
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from dashboard.i18n import format_number, t

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


# --- Country profile page ---


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
