"""The app's only reader of the warehouse: small aggregated frames, cached per data version."""

import functools
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import streamlit as st

from scripts.warehouse import connect_readonly, data_version

NAME_COLUMNS = {"en": "name_en", "fr": "name_fr", "es": "name_es"}

_QUERIES: dict[str, Callable[..., Any]] = {}
# One open connection per store, to its current data version. DuckDB shares one database
# instance between the connections to a path, so a connection opened while an older one is
# still open would read the file that a refresh has just replaced: the old one is closed
# first. Reads run under one lock so that no query is using a connection being closed.
_READ_LOCK = threading.Lock()
_OPEN: dict[str, tuple[str, duckdb.DuckDBPyConnection]] = {}


def _versioned(query: Callable[..., Any]) -> Callable[..., Any]:
    """Turn `query(con, ...)` into `query(path, ...)`, cached on the store's data version."""
    _QUERIES[query.__name__] = query

    @functools.wraps(query)
    def by_path(path: Path, *args: Any, **kwargs: Any) -> Any:
        return _cached(query.__name__, str(path), data_version(path), *args, **kwargs)

    return by_path


@st.cache_data(max_entries=256, show_spinner=False)
def _cached(query_name: str, path: str, version: str, *args: Any, **kwargs: Any) -> Any:
    with _READ_LOCK:
        return _QUERIES[query_name](_connection(path, version), *args, **kwargs)


def _connection(path: str, version: str) -> duckdb.DuckDBPyConnection:
    opened_version, con = _OPEN.get(path, ("", None))
    if con is not None and opened_version == version:
        return con
    if con is not None:
        con.close()
        del _OPEN[path]
    con = connect_readonly(Path(path))
    _OPEN[path] = (version, con)
    return con


def warehouse_state(path: Path) -> str:
    """'missing', 'unreadable' (not a warehouse of this version), 'empty' or 'ready'."""
    if not path.is_file():
        return "missing"
    try:
        return _loaded_state(path)
    except duckdb.Error:
        return "unreadable"


@_versioned
def _loaded_state(con: duckdb.DuckDBPyConnection) -> str:
    rows = con.execute(
        "SELECT (SELECT count(*) FROM member_states) + (SELECT count(*) FROM missions)"
        " + (SELECT count(*) FROM events)"
    ).fetchone()[0]
    return "ready" if rows else "empty"


@_versioned
def key_figures(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Headline counts: members, observers, countries with a mission, events and their span."""
    members, observers = con.execute(
        "SELECT count(*) FILTER (WHERE status = 'member'),"
        " count(*) FILTER (WHERE status = 'observer') FROM member_states"
    ).fetchone()
    mission_countries = con.execute("SELECT count(DISTINCT iso3) FROM missions").fetchone()[0]
    events, sample_events, first_day, last_day = con.execute(
        "SELECT count(*), count(*) FILTER (WHERE is_sample), min(start_date), max(end_date)"
        " FROM events"
    ).fetchone()
    return {
        "members": members,
        "observers": observers,
        "mission_countries": mission_countries,
        "events": events,
        "sample_events": sample_events,
        "first_event_day": first_day,
        "last_event_day": last_day,
    }


@_versioned
def last_refresh(con: duckdb.DuckDBPyConnection) -> datetime | None:
    """When the last successful refresh finished (None if none did)."""
    return con.execute("SELECT max(finished_at) FROM load_runs WHERE status = 'ok'").fetchone()[0]


@_versioned
def membership_by_country(con: duckdb.DuckDBPyConnection, lang: str = "en") -> pd.DataFrame:
    """One row per country: iso3, name, status (member|observer|non_member), admitted_year, lat, lon."""
    name = NAME_COLUMNS[lang]
    return con.execute(
        f"SELECT coalesce(c.iso3, m.iso3) AS iso3, coalesce(c.{name}, m.iso3) AS name,"
        " coalesce(m.status, 'non_member') AS status, m.admitted_year, c.lat, c.lon"
        " FROM countries c FULL JOIN member_states m ON m.iso3 = c.iso3"
        " ORDER BY iso3"
    ).df()


@_versioned
def mission_offices(con: duckdb.DuckDBPyConnection, lang: str = "en") -> pd.DataFrame:
    """One row per office with a location: iso3, country, city, office_type, lat, lon."""
    name = NAME_COLUMNS[lang]
    return con.execute(
        f"SELECT o.iso3, coalesce(c.{name}, o.iso3) AS country, o.city, o.office_type,"
        " o.lat, o.lon"
        " FROM missions o LEFT JOIN countries c ON c.iso3 = o.iso3"
        " WHERE o.lat IS NOT NULL AND o.lon IS NOT NULL"
        " ORDER BY o.office_type, country, o.city"
    ).df()
