"""Overview page queries: headline counts, stated figures, membership and offices, the latest events."""

from datetime import datetime
from typing import Any

import duckdb
import pandas as pd

from dashboard.queries.conditions import event_conditions
from dashboard.queries.localized import NAME_COLUMNS, country_name
from dashboard.queries.store import versioned

UNVERIFIED_SOURCE = "%(not verified)%"  # how the offices file marks a city assumed, not read in a source


@versioned
def key_figures(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Headline counts: members, observers, countries with a mission (and with a sourced one), events and their span."""
    members, observers = con.execute(
        "SELECT count(*) FILTER (WHERE status = 'member'),"
        " count(*) FILTER (WHERE status = 'observer') FROM member_states"
    ).fetchone()
    mission_countries, sourced_mission_countries = con.execute(
        "SELECT count(DISTINCT iso3), count(DISTINCT iso3) FILTER (WHERE source NOT LIKE ?) FROM missions",
        [UNVERIFIED_SOURCE]).fetchone()
    year_unknown = con.execute("SELECT count(*) FROM member_states WHERE admitted_year IS NULL").fetchone()[0]
    events, sample_events, first_day, last_day = con.execute(
        "SELECT count(*), count(*) FILTER (WHERE is_sample), min(start_date), max(end_date)"
        " FROM events"
    ).fetchone()
    return {
        "members": members,
        "observers": observers,
        "mission_countries": mission_countries,
        "sourced_mission_countries": sourced_mission_countries,
        "admission_year_unknown": year_unknown,
        "events": events,
        "sample_events": sample_events,
        "first_event_day": first_day,
        "last_event_day": last_day,
    }


@versioned
def stated_figures(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The organization's own counts: figure, value, at_least, as_of, as_of_day, source_url; oldest first."""
    return con.execute("SELECT figure, value, at_least, as_of, as_of_day, source_url FROM stated_figures"
                       " ORDER BY as_of_day, figure").df()


@versioned
def admissions_by_year(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Member and Observer States whose admission year is on record, per year: year, admitted."""
    return con.execute("SELECT admitted_year AS year, count(*) AS admitted FROM member_states"
                       " WHERE admitted_year IS NOT NULL GROUP BY 1 ORDER BY 1").df()


@versioned
def last_refresh(con: duckdb.DuckDBPyConnection) -> tuple[datetime, int] | None:
    """When the last successful refresh finished, and its number (None if none did)."""
    return con.execute("SELECT finished_at, run_id FROM load_runs WHERE status = 'ok' ORDER BY run_id DESC LIMIT 1"
                       ).fetchone()


@versioned
def membership_by_country(con: duckdb.DuckDBPyConnection, lang: str = "en") -> pd.DataFrame:
    """One row per country: iso3, name, status (member|observer|non_member), admitted_year, lat, lon."""
    return con.execute(
        f"SELECT coalesce(c.iso3, m.iso3) AS iso3, {country_name('c', 'm.iso3', lang)} AS name,"
        " coalesce(m.status, 'non_member') AS status, m.admitted_year, c.lat, c.lon"
        " FROM countries c FULL JOIN member_states m ON m.iso3 = c.iso3"
        " ORDER BY iso3"
    ).df()


@versioned
def mission_offices(con: duckdb.DuckDBPyConnection, lang: str = "en") -> pd.DataFrame:
    """One row per office with a location: iso3, country, city, office_type, lat, lon."""
    return con.execute(
        f"SELECT o.iso3, {country_name('c', 'o.iso3', lang)} AS country, o.city, o.office_type,"
        " o.lat, o.lon"
        " FROM missions o LEFT JOIN countries c ON c.iso3 = o.iso3"
        " WHERE o.lat IS NOT NULL AND o.lon IS NOT NULL"
        " ORDER BY o.office_type, country, o.city"
    ).df()


@versioned
def latest_events(con: duckdb.DuckDBPyConnection, filters: Any, limit: int = 5) -> pd.DataFrame:
    """The most recent events matching the filters: start_date, end_date, title, city, country (in the language)."""
    where, params = event_conditions(filters)
    name = NAME_COLUMNS[filters.lang]
    return con.execute(
        f"SELECT e.start_date, e.end_date, e.title, e.city, c.{name} AS country"
        f" FROM events e LEFT JOIN countries c ON c.iso3 = e.iso3 WHERE {where}"
        " ORDER BY e.start_date DESC, e.event_id LIMIT ?", [*params, limit]).df()
