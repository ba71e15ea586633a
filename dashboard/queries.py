"""The app's only reader of the warehouse: small aggregated frames, cached per data version."""

import functools
import json
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import streamlit as st

from dashboard.i18n import strings
from scripts.history import failures_path
from scripts.schema import TABLES
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
    present = {name for (name,) in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    if not {table.name for table in TABLES} <= present:
        return "unreadable"
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


def event_conditions(filters: Any) -> tuple[str, list]:
    """SQL condition over `events e` for the filters, and its parameters (never user text in SQL)."""
    where, params = ["TRUE"], []
    if filters.start is not None:
        where.append("e.end_date >= ?")
        params.append(filters.start)
    if filters.end is not None:
        where.append("e.start_date <= ?")
        params.append(filters.end)
    if filters.region:
        column = "iom_region" if filters.scheme == "iom" else "un_subregion"
        where.append(f"e.iso3 IN (SELECT iso3 FROM countries WHERE {column} = ?)")
        params.append(filters.region)
    if filters.country:
        where.append("e.event_id IN (SELECT event_id FROM event_countries WHERE iso3 = ?)")
        params.append(filters.country)
    if filters.types:
        where.append("e.event_type IN (SELECT unnest(?::VARCHAR[]))")
        params.append(list(filters.types))
    if filters.themes:
        where.append("list_has_any(e.themes, ?::VARCHAR[])")
        params.append(list(filters.themes))
    if filters.orgs:
        where.append("e.event_id IN (SELECT event_id FROM event_organizations WHERE org_id IN "
                     "(SELECT unnest(?::VARCHAR[])))")
        params.append(list(filters.orgs))
    if filters.text:
        where.append("strpos(strip_accents(lower(concat_ws(' ', e.title, e.summary, e.city))), "
                     "strip_accents(lower(?))) > 0")
        params.append(filters.text)
    return " AND ".join(where), params


def region_column(scheme: str) -> str:
    """The countries column that holds a country's region in a scheme."""
    return "iom_region" if scheme == "iom" else "un_subregion"


@_versioned
def event_date_bounds(con: duckdb.DuckDBPyConnection) -> tuple[Any, Any]:
    """First start and last end date of all events (None, None when there are none)."""
    return con.execute("SELECT min(start_date), max(end_date) FROM events").fetchone()


@_versioned
def region_options(con: duckdb.DuckDBPyConnection, scheme: str, lang: str = "en") -> dict[str, str]:
    """Regions of a scheme, id -> label: current regional offices, or UN M49 sub-regions."""
    if scheme == "iom":
        rows = con.execute("SELECT office_id, city FROM regional_offices WHERE valid_to IS NULL ORDER BY city"
                           ).fetchall()
        return {office: region_label("iom", office, lang, city) for office, city in rows}
    rows = con.execute("SELECT DISTINCT un_subregion FROM countries WHERE un_subregion IS NOT NULL ORDER BY 1"
                       ).fetchall()
    return {name: region_label("m49", name, lang, name) for (name,) in rows}


def region_label(scheme: str, region: str, lang: str, fallback: str) -> str:
    """A region's name in the language (the UI strings hold the translations)."""
    key = f"regions.{scheme}.{region}"
    return strings(lang).get(key) or strings("en").get(key) or fallback


@_versioned
def country_options(con: duckdb.DuckDBPyConnection, lang: str = "en", scheme: str = "iom",
                    region: str | None = None) -> dict[str, str]:
    """Countries with events, offices or membership (inside a region if given), iso3 -> name."""
    name = NAME_COLUMNS[lang]
    column = region_column(scheme)
    rows = con.execute(
        f"SELECT iso3, {name} FROM countries c WHERE (? IS NULL OR c.{column} = ?) AND ("
        " iso3 IN (SELECT iso3 FROM member_states) OR iso3 IN (SELECT iso3 FROM missions)"
        f" OR iso3 IN (SELECT DISTINCT iso3 FROM event_countries)) ORDER BY strip_accents(lower({name}))",
        [region, region]).fetchall()
    return dict(rows)


@_versioned
def vocabulary_labels(con: duckdb.DuckDBPyConnection, vocabulary: str, lang: str = "en") -> dict[str, str]:
    """Codes of a vocabulary, code -> label in the language."""
    rows = con.execute(f"SELECT code, label_{lang} FROM vocabulary WHERE vocabulary = ? ORDER BY 2",
                       [vocabulary]).fetchall()
    return dict(rows)


def event_type_options(path: Path, lang: str = "en") -> dict[str, str]:
    """Event types, code -> label."""
    return vocabulary_labels(path, "event_type", lang)


def theme_options(path: Path, lang: str = "en") -> dict[str, str]:
    """Themes, code -> label."""
    return vocabulary_labels(path, "theme", lang)


@_versioned
def organization_options(con: duckdb.DuckDBPyConnection, lang: str = "en") -> dict[str, str]:
    """Organizations linked to at least one event, org_id -> 'ACRONYM: name'."""
    name = NAME_COLUMNS[lang]
    rows = con.execute(
        f"SELECT o.org_id, coalesce(o.{name}, o.name_en, o.org_id) FROM organizations o"
        " WHERE o.org_id IN (SELECT DISTINCT org_id FROM event_organizations) ORDER BY o.org_id").fetchall()
    return {org: (org if label == org else f"{org}: {label}") for org, label in rows}


@_versioned
def event_activity(con: duckdb.DuckDBPyConnection, filters: Any) -> dict[str, int]:
    """Events matching the filters, and the distinct countries they involve (hosts and participants)."""
    where, params = event_conditions(filters)
    events = con.execute(f"SELECT count(*) FROM events e WHERE {where}", params).fetchone()[0]
    matching = "" if where == "TRUE" else \
        f" SEMI JOIN (SELECT e.event_id FROM events e WHERE {where}) m ON m.event_id = ec.event_id"
    countries = con.execute(f"SELECT count(DISTINCT ec.iso3) FROM event_countries ec{matching}", params).fetchone()[0]
    return {"events": events, "countries": countries}


@_versioned
def latest_events(con: duckdb.DuckDBPyConnection, filters: Any, limit: int = 5) -> pd.DataFrame:
    """The most recent events matching the filters: start_date, end_date, title, city, country (in the language)."""
    where, params = event_conditions(filters)
    name = NAME_COLUMNS[filters.lang]
    return con.execute(
        f"SELECT e.start_date, e.end_date, e.title, e.city, c.{name} AS country"
        f" FROM events e LEFT JOIN countries c ON c.iso3 = e.iso3 WHERE {where}"
        " ORDER BY e.start_date DESC, e.event_id LIMIT ?", [*params, limit]).df()


# --- Regional activity page ---


# --- Country profile page ---


# --- Events page (table, detail, downloads) ---


# --- Data quality page ---

NAME_REVIEW_CODES = ("unknown-country", "unknown-organization", "unknown-city")


@_versioned
def refresh_runs(con: duckdb.DuckDBPyConnection, limit: int = 10) -> pd.DataFrame:
    """The latest refreshes, newest first: times, status, failure message, row counts, changes (JSON)."""
    return con.execute(
        "SELECT run_id, started_at, finished_at, status, message, rows_read, rows_loaded, rows_rejected, changes"
        " FROM load_runs ORDER BY run_id DESC LIMIT ?", [limit]).df()


def logged_failures(path: Path) -> pd.DataFrame:
    """Failed refreshes logged beside the store and not yet recorded in it (read fresh, never cached)."""
    log = failures_path(path)
    runs = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines() if line.strip()] \
        if log.is_file() else []
    frame = pd.DataFrame(runs, columns=["run_id", "started_at", "finished_at", "message"])
    for column in ("started_at", "finished_at"):
        frame[column] = pd.to_datetime(frame[column])
    return frame.assign(status="failed", rows_read=0, rows_loaded=0, rows_rejected=0, changes=None)


@_versioned
def served_run(con: duckdb.DuckDBPyConnection) -> int | None:
    """The run that built the data now served: the last successful refresh (None if none)."""
    return con.execute("SELECT max(run_id) FROM load_runs WHERE status = 'ok'").fetchone()[0]


@_versioned
def run_files(con: duckdb.DuckDBPyConnection, run_id: int) -> pd.DataFrame:
    """The files one refresh read: name, kind, sha256, modified_at, encoding and row counts."""
    return con.execute(
        "SELECT source_file, kind, sha256, modified_at, encoding, rows_read, rows_loaded, rows_rejected"
        " FROM load_files WHERE run_id = ? ORDER BY source_file", [run_id]).df()


@_versioned
def rejection_counts(con: duckdb.DuckDBPyConnection, run_id: int) -> pd.DataFrame:
    """Problems of one refresh counted per severity, file and code."""
    return con.execute(
        "SELECT severity, source_file, code, count(*) AS rows FROM rejections WHERE run_id = ?"
        " GROUP BY ALL ORDER BY severity, source_file, code", [run_id]).df()


@_versioned
def rejection_page(con: duckdb.DuckDBPyConnection, run_id: int, severity: str, files: tuple[str, ...],
                   codes: tuple[str, ...], limit: int, offset: int) -> tuple[int, pd.DataFrame]:
    """How many problems of a severity match the files and codes (empty: all), and one page of them."""
    where = ("run_id = ? AND severity = ? AND (len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], source_file))"
             " AND (len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], code))")
    params = [run_id, severity, list(files), list(files), list(codes), list(codes)]
    total = con.execute(f"SELECT count(*) FROM rejections WHERE {where}", params).fetchone()[0]
    rows = con.execute(
        f"SELECT source_file, row_number, field, code, value, message FROM rejections WHERE {where}"
        " ORDER BY source_file, row_number NULLS FIRST, field LIMIT ? OFFSET ?", [*params, limit, offset]).df()
    return total, rows


@_versioned
def unmatched_names(con: duckdb.DuckDBPyConnection, run_id: int, limit: int, offset: int
                    ) -> tuple[int, pd.DataFrame]:
    """Names no reference knew (country, organization, city): how many, and a page of field, value, code, rows."""
    grouped = ("SELECT field, value, code, count(*) AS rows FROM rejections"
               " WHERE run_id = ? AND list_contains(?::VARCHAR[], code) GROUP BY ALL")
    params = [run_id, list(NAME_REVIEW_CODES)]
    total = con.execute(f"SELECT count(*) FROM ({grouped})", params).fetchone()[0]
    rows = con.execute(f"{grouped} ORDER BY rows DESC, field, value LIMIT ? OFFSET ?",
                       [*params, limit, offset]).df()
    return total, rows


@_versioned
def matched_names(con: duckdb.DuckDBPyConnection, run_id: int, lang: str, limit: int, offset: int
                  ) -> tuple[int, pd.DataFrame]:
    """Names matched by alias or fuzzily: how many, and a page of field, value, matched, matched_name, how, rows."""
    name = NAME_COLUMNS[lang]
    total = con.execute("SELECT count(*) FROM name_matches WHERE run_id = ?", [run_id]).fetchone()[0]
    rows = con.execute(
        f"SELECT m.field, m.value, m.matched, coalesce(c.{name}, o.{name}, o.name_en) AS matched_name, m.how, m.rows"
        " FROM name_matches m"
        " LEFT JOIN countries c ON m.field = 'country' AND c.iso3 = m.matched"
        " LEFT JOIN organizations o ON m.field = 'organization' AND o.org_id = m.matched"
        " WHERE m.run_id = ? ORDER BY m.how DESC, m.rows DESC, m.value LIMIT ? OFFSET ?",
        [run_id, limit, offset]).df()
    return total, rows
