"""The bare reference the dashboard's pages are timed against: two minimal Streamlit pages, each one aggregate
query on the same warehouse (cached on the file's modification time) and one plotly chart.

The benchmark copies this file into a folder of its own, with the world map shapes in static/ beside it, and serves
it with `streamlit run` as it serves the dashboard.
"""

import os

import duckdb
import plotly.graph_objects as go
import streamlit as st

CONFIG = {"topojsonURL": "/app/static/", "displaylogo": False}
TITLES = {"map": "Reference map", "months": "Reference months"}


@st.cache_data(show_spinner=False)
def _query(sql: str, version: float) -> dict[str, list]:
    """The query's columns (cached on the warehouse's modification time, as the dashboard caches per version)."""
    with duckdb.connect(os.environ["MIGDASH_WAREHOUSE"], read_only=True) as con:
        result = con.execute(sql)
        columns = [column[0] for column in result.description]
        return dict(zip(columns, map(list, zip(*result.fetchall()))))


def _version() -> float:
    return os.path.getmtime(os.environ["MIGDASH_WAREHOUSE"])


def map_page() -> None:
    """Events per country hosted or attended, as a choropleth."""
    st.title(TITLES["map"])
    counts = _query("SELECT ec.iso3, any_value(c.name_en) AS name, count(*) AS events FROM event_countries ec"
                    " LEFT JOIN countries c USING (iso3) GROUP BY ec.iso3", _version())
    figure = go.Figure(go.Choropleth(locations=counts["iso3"], z=counts["events"], text=counts["name"],
                                     locationmode="ISO-3"))
    st.plotly_chart(figure, config=CONFIG)


def months_page() -> None:
    """Events per month, as bars."""
    st.title(TITLES["months"])
    months = _query("SELECT date_trunc('month', start_date) AS month, count(*) AS events FROM events"
                    " GROUP BY 1 ORDER BY 1", _version())
    st.plotly_chart(go.Figure(go.Bar(x=months["month"], y=months["events"])), config=CONFIG)


if __name__ == "__main__":
    st.navigation([st.Page(map_page, title=TITLES["map"], url_path="map", default=True),
                   st.Page(months_page, title=TITLES["months"], url_path="months")]).run()
