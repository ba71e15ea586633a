"""Regional activity page queries: totals, events per country and place, per month and region, the timeline."""

from typing import Any

import duckdb
import pandas as pd

from dashboard.queries.conditions import event_conditions, host_region
from dashboard.queries.localized import NAME_COLUMNS, country_name, type_label
from dashboard.queries.store import versioned


@versioned
def events_per_country(con: duckdb.DuckDBPyConnection, filters: Any) -> pd.DataFrame:
    """Events per country hosted or attended (each event once per country): iso3, name, events."""
    where, params = event_conditions(filters)
    linked = "event_countries" if not params else (
        f"event_countries WHERE event_id IN (SELECT e.event_id FROM events e WHERE {where})")
    return con.execute(
        f"SELECT l.iso3, {country_name('c', 'l.iso3', filters.lang)} AS name, l.events"
        f" FROM (SELECT iso3, count(*) AS events FROM {linked} GROUP BY iso3) l"
        " LEFT JOIN countries c ON c.iso3 = l.iso3 ORDER BY l.events DESC, l.iso3", params).df()


@versioned
def event_places(con: duckdb.DuckDBPyConnection, filters: Any, limit: int = 300) -> tuple[pd.DataFrame, int]:
    """The `limit` places with most events (host city or country centre) and how many places there are.

    Columns: iso3, country, city, lat, lon, events.
    """
    where, params = event_conditions(filters)
    places = con.execute(
        f"SELECT e.iso3, {country_name('c', 'e.iso3', filters.lang)} AS country, e.city,"
        " round(avg(e.lat), 4) AS lat, round(avg(e.lon), 4) AS lon, count(*) AS events, count(*) OVER () AS places"
        f" FROM events e LEFT JOIN countries c ON c.iso3 = e.iso3"
        f" WHERE {where} AND e.lat IS NOT NULL AND e.lon IS NOT NULL"
        " GROUP BY e.iso3, country, e.city, round(e.lat, 2), round(e.lon, 2)"
        " ORDER BY events DESC, e.iso3, e.city LIMIT ?", [*params, limit]).df()
    total = int(places["places"].iloc[0]) if len(places) else 0
    return places.drop(columns="places"), total


@versioned
def events_per_month(con: duckdb.DuckDBPyConnection, filters: Any) -> pd.DataFrame:
    """Events per month (of their start, or of the period start if earlier) and host region: month, region, events."""
    where, params = event_conditions(filters)
    return con.execute(
        "SELECT date_trunc('month', greatest(e.start_date, coalesce(?::DATE, e.start_date)))::DATE AS month,"
        f" {host_region(filters.scheme)} AS region, count(*) AS events"
        f" FROM events e LEFT JOIN countries c ON c.iso3 = e.iso3 WHERE {where}"
        " GROUP BY 1, 2 ORDER BY month, region", [filters.start, *params]).df()


@versioned
def recent_events(con: duckdb.DuckDBPyConnection, filters: Any, limit: int = 150) -> pd.DataFrame:
    """The `limit` most recently started events matching the filters.

    Columns: event_id, title, start_date, end_date, city, iso3, country, region, event_type, participants_total.
    """
    where, params = event_conditions(filters)
    label, join = type_label(filters.lang)
    return con.execute(
        f"SELECT e.event_id, e.title, e.start_date, e.end_date, e.city, e.iso3,"
        f" c.{NAME_COLUMNS[filters.lang]} AS country, {host_region(filters.scheme)} AS region,"
        f" {label} AS event_type, e.participants_total"
        f" FROM events e LEFT JOIN countries c ON c.iso3 = e.iso3 {join}"
        f" WHERE {where} ORDER BY e.start_date DESC, e.end_date DESC, e.event_id LIMIT ?",
        [*params, limit]).df()
