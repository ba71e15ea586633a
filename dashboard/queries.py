"""The app's only reader of the warehouse: small aggregated frames, cached per data version."""

import contextlib
import functools
import itertools
import os
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import streamlit as st

from dashboard import downloads
from dashboard.i18n import strings
from scripts import history
from scripts.schema import TABLES, search_key_sql
from scripts.warehouse import connect_readonly, data_version

NAME_COLUMNS = {"en": "name_en", "fr": "name_fr", "es": "name_es"}
UNVERIFIED_SOURCE = "%(not verified)%"  # how the offices file marks a city assumed, not read in a source

_QUERIES: dict[str, Callable[..., Any]] = {}
# A refresh swaps in a new store file while pages are reading. Each script run pins the version it
# started with (pin()), so all its queries read one complete version. Each version gets its own
# DuckDB instance, opened through a private hard link: DuckDB shares one instance per path, so a
# second connection to the path itself would see the old file. The newest KEEP_VERSIONS stay open
# for runs still reading them. A read borrows a cursor (a child connection of the instance) that no
# other thread uses meanwhile, so reads run in parallel; _LOCK guards only the open versions and
# their idle cursors. A version pushed out is closed once its last read has ended, and never lent again.
KEEP_VERSIONS = 4
_LOCK = threading.Lock()
_OPEN: dict[str, dict[str, "_Version"]] = {}
_RUN = threading.local()
_LINKS = itertools.count()


@dataclass
class _Version:
    """One open store version: its DuckDB instance, the cursors idle between reads, the reads using it."""

    con: duckdb.DuckDBPyConnection
    idle: list[duckdb.DuckDBPyConnection] = field(default_factory=list)
    reads: int = 0
    retired: bool = False

    def retire(self) -> None:
        """Lend no more cursors; close the instance now, or when its last read ends (under the lock)."""
        self.retired = True
        if not self.reads:
            self.con.close()  # closes its cursors too


def pin(path: Path) -> str:
    """Fix the store version this script run reads (call at the start of every run; '' if unreadable)."""
    try:
        with _LOCK:
            version = _open_current(str(path))
    except duckdb.Error:  # not a store: warehouse_state() explains it to the visitor
        version = ""
    _RUN.pins = {str(path): version}
    return version


def _versioned(query: Callable[..., Any]) -> Callable[..., Any]:
    """Turn `query(con, ...)` into `query(path, ...)`, cached on the run's pinned data version."""
    _QUERIES[query.__name__] = query

    @functools.wraps(query)
    def by_path(path: Path, *args: Any, **kwargs: Any) -> Any:
        return _cached(query.__name__, str(path), _version(str(path)), *args, **kwargs)

    return by_path


@st.cache_data(max_entries=256, show_spinner=False)
def _cached(query_name: str, path: str, version: str, *args: Any, **kwargs: Any) -> Any:
    with _cursor(path, version) as con:
        return _QUERIES[query_name](con, *args, **kwargs)


def _version(path: str) -> str:
    """The version pinned by this run, else the store's current one."""
    pinned = getattr(_RUN, "pins", {}).get(path)
    if pinned:
        return pinned
    with _LOCK:
        return _open_current(path)


def _open_current(path: str) -> str:
    """Open the store's current version if it is new (under the lock); return its version key."""
    versions = _OPEN.setdefault(path, {})
    current = data_version(Path(path))
    if current in versions or not current:
        return current
    link = Path(path).with_name(f".{Path(path).name}.reader-{os.getpid()}-{next(_LINKS)}")  # a new path each time
    link.unlink(missing_ok=True)
    try:
        os.link(path, link)
    except OSError:  # no hard links here: read the path itself, one version at a time
        for old in versions.values():
            old.retire()
        versions.clear()
        versions[current] = _Version(connect_readonly(Path(path)))
        return current
    try:
        current = data_version(link)  # the linked file is the version, even if a swap just happened
        if current not in versions:
            versions[current] = _Version(connect_readonly(link))
    finally:
        link.unlink(missing_ok=True)
    for old in list(versions)[:-KEEP_VERSIONS]:
        versions.pop(old).retire()
    return current


@contextlib.contextmanager
def _cursor(path: str, version: str) -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor of a version (of the current one if that version is no longer open), this thread's until done."""
    with _LOCK:
        if version not in _OPEN.get(path, {}):
            version = _open_current(path)
        lent = _OPEN[path][version]
        lent.reads += 1
        cursor = lent.idle.pop() if lent.idle else lent.con.cursor()
    healthy = False
    try:
        yield cursor
        healthy = True
    finally:
        with _LOCK:
            lent.reads -= 1
            if lent.retired:
                lent.retire()
            elif healthy:
                lent.idle.append(cursor)
            else:  # a read that failed or stopped half-way: its cursor may hold a pending result
                cursor.close()


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


@_versioned
def stated_figures(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The organization's own counts: figure, value, at_least, as_of, as_of_day, source_url; oldest first."""
    return con.execute("SELECT figure, value, at_least, as_of, as_of_day, source_url FROM stated_figures"
                       " ORDER BY as_of_day, figure").df()


@_versioned
def admissions_by_year(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Member and Observer States whose admission year is on record, per year: year, admitted."""
    return con.execute("SELECT admitted_year AS year, count(*) AS admitted FROM member_states"
                       " WHERE admitted_year IS NOT NULL GROUP BY 1 ORDER BY 1").df()


@_versioned
def last_refresh(con: duckdb.DuckDBPyConnection) -> tuple[datetime, int] | None:
    """When the last successful refresh finished, and its number (None if none did)."""
    return con.execute("SELECT finished_at, run_id FROM load_runs WHERE status = 'ok' ORDER BY run_id DESC LIMIT 1"
                       ).fetchone()


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
        where.append(f"strpos(e.search_text, {search_key_sql('?')}) > 0")
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


@_versioned
def retired_regions(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Regional offices that have closed (merged into others), by id."""
    return [office for (office,) in con.execute(
        "SELECT office_id FROM regional_offices WHERE valid_to IS NOT NULL ORDER BY 1").fetchall()]


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

NO_HOST = "-no-host"        # events without a host country (region-wide events)
NO_REGION = "-no-region"    # events whose host country has no region in the scheme


def _host_region(scheme: str) -> str:
    """SQL for the region of an event's host (`e` joined to `c`), with the two fallbacks above."""
    return (f"coalesce(c.{region_column(scheme)}, CASE WHEN e.iso3 IS NULL THEN '{NO_HOST}'"
            f" ELSE '{NO_REGION}' END)")


@_versioned
def activity_totals(con: duckdb.DuckDBPyConnection, filters: Any) -> dict[str, int]:
    """Events matching the filters, how many are samples, participants summed, events with none known."""
    where, params = event_conditions(filters)
    events, samples, participants, unknown = con.execute(
        "SELECT count(*), count(*) FILTER (WHERE e.is_sample), coalesce(sum(e.participants_total), 0),"
        f" count(*) FILTER (WHERE e.participants_total IS NULL) FROM events e WHERE {where}", params).fetchone()
    return {"events": events, "sample_events": samples, "participants": int(participants),
            "participants_unknown": unknown}


@_versioned
def events_per_country(con: duckdb.DuckDBPyConnection, filters: Any) -> pd.DataFrame:
    """Events per country hosted or attended (each event once per country): iso3, name, events."""
    where, params = event_conditions(filters)
    linked = "event_countries" if not params else (
        f"event_countries WHERE event_id IN (SELECT e.event_id FROM events e WHERE {where})")
    return con.execute(
        f"SELECT l.iso3, coalesce(c.{NAME_COLUMNS[filters.lang]}, l.iso3) AS name, l.events"
        f" FROM (SELECT iso3, count(*) AS events FROM {linked} GROUP BY iso3) l"
        " LEFT JOIN countries c ON c.iso3 = l.iso3 ORDER BY l.events DESC, l.iso3", params).df()


@_versioned
def event_places(con: duckdb.DuckDBPyConnection, filters: Any, limit: int = 300) -> tuple[pd.DataFrame, int]:
    """The `limit` places with most events (host city or country centre) and how many places there are.

    Columns: iso3, country, city, lat, lon, events.
    """
    where, params = event_conditions(filters)
    places = con.execute(
        f"SELECT e.iso3, coalesce(c.{NAME_COLUMNS[filters.lang]}, e.iso3) AS country, e.city,"
        " round(avg(e.lat), 4) AS lat, round(avg(e.lon), 4) AS lon, count(*) AS events, count(*) OVER () AS places"
        f" FROM events e LEFT JOIN countries c ON c.iso3 = e.iso3"
        f" WHERE {where} AND e.lat IS NOT NULL AND e.lon IS NOT NULL"
        " GROUP BY e.iso3, country, e.city, round(e.lat, 2), round(e.lon, 2)"
        " ORDER BY events DESC, e.iso3, e.city LIMIT ?", [*params, limit]).df()
    total = int(places["places"].iloc[0]) if len(places) else 0
    return places.drop(columns="places"), total


@_versioned
def events_per_month(con: duckdb.DuckDBPyConnection, filters: Any) -> pd.DataFrame:
    """Events per month (of their start, or of the period start if earlier) and host region: month, region, events."""
    where, params = event_conditions(filters)
    return con.execute(
        "SELECT date_trunc('month', greatest(e.start_date, coalesce(?::DATE, e.start_date)))::DATE AS month,"
        f" {_host_region(filters.scheme)} AS region, count(*) AS events"
        f" FROM events e LEFT JOIN countries c ON c.iso3 = e.iso3 WHERE {where}"
        " GROUP BY ALL ORDER BY month, region", [filters.start, *params]).df()


@_versioned
def recent_events(con: duckdb.DuckDBPyConnection, filters: Any, limit: int = 150) -> pd.DataFrame:
    """The `limit` most recently started events matching the filters.

    Columns: event_id, title, start_date, end_date, city, iso3, country, region, event_type, participants_total.
    """
    where, params = event_conditions(filters)
    return con.execute(
        f"SELECT e.event_id, e.title, e.start_date, e.end_date, e.city, e.iso3,"
        f" c.{NAME_COLUMNS[filters.lang]} AS country, {_host_region(filters.scheme)} AS region,"
        f" coalesce(v.label_{filters.lang}, e.event_type) AS event_type, e.participants_total"
        " FROM events e LEFT JOIN countries c ON c.iso3 = e.iso3"
        " LEFT JOIN vocabulary v ON v.vocabulary = 'event_type' AND v.code = e.event_type"
        f" WHERE {where} ORDER BY e.start_date DESC, e.end_date DESC, e.event_id LIMIT ?",
        [*params, limit]).df()



# --- Country profile page ---

HOME_ORGANIZATION = "IOM"  # the organization whose dashboard this is: at its own events, never its own partner

@_versioned
def country_facts(con: duckdb.DuckDBPyConnection, iso3: str, lang: str = "en") -> dict[str, Any] | None:
    """A country's name in the language, status (member|observer|non_member), admission year and centre."""
    name = NAME_COLUMNS[lang]
    row = con.execute(
        f"SELECT c.{name}, coalesce(m.status, 'non_member'), m.admitted_year, c.lat, c.lon FROM countries c"
        " LEFT JOIN member_states m ON m.iso3 = c.iso3 WHERE c.iso3 = ?", [iso3]).fetchone()
    if row is None:
        return None
    return dict(zip(("name", "status", "admitted_year", "lat", "lon"), row))


@_versioned
def country_regional_offices(con: duckdb.DuckDBPyConnection, iso3: str) -> pd.DataFrame:
    """The regional offices that covered a country, oldest first: office_id, name_en, city, valid_from, valid_to."""
    return con.execute(
        "SELECT co.office_id, r.name_en, r.city, co.valid_from, co.valid_to FROM country_offices co"
        " LEFT JOIN regional_offices r ON r.office_id = co.office_id WHERE co.iso3 = ?"
        " ORDER BY co.valid_to IS NULL, co.valid_from NULLS FIRST", [iso3]).df()


@_versioned
def country_missions(con: duckdb.DuckDBPyConnection, iso3: str, lang: str = "en") -> pd.DataFrame:
    """The organization's offices in a country: office_type, its label, city, opened, lat, lon, geo_precision."""
    return con.execute(
        f"SELECT m.office_type, coalesce(v.label_{lang}, m.office_type) AS office_label, m.city, m.opened,"
        " m.lat, m.lon, m.geo_precision FROM missions m"
        " LEFT JOIN vocabulary v ON v.vocabulary = 'office_type' AND v.code = m.office_type WHERE m.iso3 = ?"
        " ORDER BY m.office_type = 'regional' DESC, m.office_type = 'country' DESC, m.city", [iso3]).df()


def _country_event_ids(filters: Any) -> tuple[str, list]:
    """SQL selecting the ids of the events matching the filters (the country filter among them)."""
    where, params = event_conditions(filters)
    return f"SELECT e.event_id FROM events e WHERE {where}", params


@_versioned
def country_event_counts(con: duckdb.DuckDBPyConnection, filters: Any) -> dict[str, int]:
    """Events of the filters' country: hosted, attended (as a participant), all of them, and samples among them."""
    where, params = event_conditions(filters)
    hosted, attended, total, sample = con.execute(
        "SELECT count(*) FILTER (WHERE e.iso3 = ?), count(*) FILTER (WHERE e.iso3 IS DISTINCT FROM ?),"
        f" count(*), count(*) FILTER (WHERE e.is_sample) FROM events e WHERE {where}",
        [filters.country, filters.country, *params]).fetchone()
    return {"hosted": hosted, "attended": attended, "total": total, "sample": sample}


@_versioned
def country_partners(con: duckdb.DuckDBPyConnection, filters: Any, limit: int = 10) -> tuple[pd.DataFrame, int]:
    """Partner organizations most often at the country's events (org_id, name, events), and how many there are."""
    chosen, params = _country_event_ids(filters)
    name = NAME_COLUMNS[filters.lang]
    ranked = con.execute(
        f"SELECT eo.org_id, coalesce(o.{name}, o.name_en, eo.org_id) AS name, count(*) AS events,"
        " count(*) OVER () AS partners FROM event_organizations eo"
        f" JOIN ({chosen}) c USING (event_id) LEFT JOIN organizations o ON o.org_id = eo.org_id"
        " WHERE eo.org_id <> ? GROUP BY ALL ORDER BY events DESC, eo.org_id LIMIT ?",
        [*params, HOME_ORGANIZATION, limit]).df()
    return ranked.drop(columns="partners"), int(ranked["partners"].iloc[0]) if len(ranked) else 0


@_versioned
def country_co_participants(con: duckdb.DuckDBPyConnection, filters: Any,
                            limit: int = 10) -> tuple[pd.DataFrame, int]:
    """The countries most often at the same events as the filters' country (iso3, name, events), and their number."""
    chosen, params = _country_event_ids(filters)
    name = NAME_COLUMNS[filters.lang]
    ranked = con.execute(
        f"SELECT ec.iso3, coalesce(k.{name}, ec.iso3) AS name, count(*) AS events, count(*) OVER () AS countries"
        f" FROM event_countries ec JOIN ({chosen}) c USING (event_id) LEFT JOIN countries k ON k.iso3 = ec.iso3"
        " WHERE ec.iso3 <> ? GROUP BY ALL ORDER BY events DESC, name LIMIT ?",
        [*params, filters.country, limit]).df()
    return ranked.drop(columns="countries"), int(ranked["countries"].iloc[0]) if len(ranked) else 0


@_versioned
def country_timeline(con: duckdb.DuckDBPyConnection, filters: Any, limit: int = 150) -> pd.DataFrame:
    """The country's `limit` largest events (by participants, then length) by date, with role host|participant."""
    where, params = event_conditions(filters)
    type_label, type_join = _type_label(filters.lang)
    return con.execute(
        f"WITH picked AS (SELECT * FROM events e WHERE {where}"
        " ORDER BY e.participants_total DESC NULLS LAST, e.end_date - e.start_date DESC, e.start_date DESC,"
        " e.event_id LIMIT ?)"
        f" SELECT e.event_id, e.title, e.start_date, e.end_date, {type_label} AS event_type, e.city,"
        f" c.{NAME_COLUMNS[filters.lang]} AS country, e.participants_total,"
        " CASE WHEN e.iso3 = ? THEN 'host' ELSE 'participant' END AS role"
        f" FROM picked e {type_join} LEFT JOIN countries c ON c.iso3 = e.iso3 ORDER BY e.start_date, e.event_id",
        [*params, limit, filters.country]).df()


# --- Events page (table, detail, downloads) ---

EVENT_PAGE_SIZE = 50
EVENT_SORTS = {  # the page's sort choice -> ORDER BY (fixed SQL: the visitor picks a key, never writes SQL)
    "newest": "e.start_date DESC, e.event_id",
    "oldest": "e.start_date, e.event_id",
    "participants": "e.participants_total DESC NULLS LAST, e.start_date DESC, e.event_id",
    "title": "strip_accents(lower(e.title)), e.event_id",
    "country": "host_key NULLS LAST, e.start_date DESC, e.event_id",
}


def _type_label(lang: str) -> tuple[str, str]:
    """The event type label of `events e` in the language: (SQL expression, the join it needs)."""
    return (f"coalesce(vt.label_{lang}, e.event_type)",
            "LEFT JOIN vocabulary vt ON vt.vocabulary = 'event_type' AND vt.code = e.event_type")


def _theme_labels(lang: str, source: str) -> str:
    """A CTE `theme_labels(themes, labels)`: each distinct theme list of `source` with its labels in the language."""
    return ("theme_labels AS (SELECT t.themes, list_transform(t.themes, lambda code: coalesce(v.labels[code], code))"
            f" AS labels FROM (SELECT DISTINCT themes FROM {source}) t,"
            f" (SELECT map(list(code), list(label_{lang})) AS labels FROM vocabulary WHERE vocabulary = 'theme') v)")


@_versioned
def event_counts(con: duckdb.DuckDBPyConnection, filters: Any) -> dict[str, int]:
    """How many events match the filters, and how many of them are samples."""
    where, params = event_conditions(filters)
    total, sample = con.execute(
        f"SELECT count(*), count(*) FILTER (WHERE e.is_sample) FROM events e WHERE {where}", params).fetchone()
    return {"total": total, "sample": sample}


@_versioned
def event_rows(con: duckdb.DuckDBPyConnection, filters: Any, sort: str = "newest", page: int = 1) -> pd.DataFrame:
    """One page of the events matching the filters, sorted, with names and labels in the filters' language."""
    where, params = event_conditions(filters)
    type_label, type_join = _type_label(filters.lang)
    name = NAME_COLUMNS[filters.lang]
    return con.execute(  # sort only the keys of the matching events, then read the page's rows in full
        f"WITH hosts AS (SELECT iso3, {name} AS host_name, strip_accents(lower({name})) AS host_key FROM countries),"
        " keys AS (SELECT e.event_id, e.start_date, e.participants_total, e.title, h.host_key FROM events e"
        f" LEFT JOIN hosts h ON h.iso3 = e.iso3 WHERE {where} ORDER BY {EVENT_SORTS[sort]} LIMIT ? OFFSET ?),"
        " page AS (SELECT e.*, h.host_name, k.host_key FROM keys k JOIN events e ON e.event_id = k.event_id"
        " LEFT JOIN hosts h ON h.iso3 = e.iso3),"
        f" {_theme_labels(filters.lang, 'page')}, partners AS (SELECT event_id,"
        " string_agg(org_id, ', ' ORDER BY org_id) AS organizations FROM event_organizations"
        " WHERE event_id IN (SELECT event_id FROM keys) GROUP BY event_id)"
        f" SELECT e.event_id, e.start_date, e.end_date, e.date_precision, e.title, {type_label} AS event_type,"
        " e.host_name, e.city, e.participants_total, o.organizations, array_to_string(tl.labels, ', ') AS themes,"
        " e.is_sample, e.origin = 'press' AS is_extracted"
        f" FROM page e {type_join} LEFT JOIN theme_labels tl ON tl.themes = e.themes"
        f" LEFT JOIN partners o ON o.event_id = e.event_id ORDER BY {EVENT_SORTS[sort]}",
        [*params, EVENT_PAGE_SIZE, (max(page, 1) - 1) * EVENT_PAGE_SIZE]).df()


@_versioned
def event_detail(con: duckdb.DuckDBPyConnection, event_id: str, lang: str = "en") -> dict[str, Any] | None:
    """Every field of one event with labels and names in the language, its countries and organizations."""
    name = NAME_COLUMNS[lang]
    type_label, type_join = _type_label(lang)
    found = con.execute(
        f"WITH chosen AS (SELECT * FROM events WHERE event_id = ?), {_theme_labels(lang, 'chosen')}"
        f" SELECT e.*, {type_label} AS event_type_label, tl.labels AS theme_labels, c.{name} AS host_name,"
        " e.origin = 'press' AS is_extracted FROM chosen e"
        f" {type_join} LEFT JOIN theme_labels tl ON tl.themes = e.themes LEFT JOIN countries c ON c.iso3 = e.iso3",
        [event_id]).df()
    if found.empty:
        return None
    countries = con.execute(
        f"SELECT ec.role, ec.iso3, coalesce(c.{name}, ec.iso3) AS name FROM event_countries ec"
        " LEFT JOIN countries c ON c.iso3 = ec.iso3 WHERE ec.event_id = ?"
        f" ORDER BY ec.role <> 'host', strip_accents(lower(coalesce(c.{name}, ec.iso3)))", [event_id]).df()
    organizations = con.execute(
        f"SELECT eo.org_id, coalesce(o.{name}, o.name_en, eo.org_id) AS name, eo.role FROM event_organizations eo"
        " LEFT JOIN organizations o ON o.org_id = eo.org_id WHERE eo.event_id = ? ORDER BY eo.org_id",
        [event_id]).df()
    return {"event": found.iloc[0].to_dict(), "countries": countries, "organizations": organizations}


def _spreadsheet_text(expression: str) -> str:
    """SQL making a text cell safe to open in a spreadsheet, by the same rule as downloads.neutralized."""
    def literal(text: str) -> str:
        return "'" + text.replace("'", "''") + "'"
    printable = f"regexp_replace({expression}, {literal(downloads.CONTROL_CHARACTERS)}, '', 'g')"
    return f"regexp_replace({printable}, {literal(downloads.FORMULA_START)}, {literal(downloads.FORMULA_DEFUSED)})"


def _linked(table: str, code: str, name: str, join: str, condition: str = "TRUE") -> str:
    """SQL listing the codes and names linked to each chosen event, as one sorted list of structs per event."""
    return (f"SELECT x.event_id, list_sort(list({{'code': x.{code}, 'name': {name}}})) AS linked FROM {table} x"
            f" {join} WHERE {condition} AND x.event_id IN (SELECT event_id FROM chosen) GROUP BY x.event_id")


def _export_sql(filters: Any) -> tuple[str, list]:
    """The download query: one row per matching event by date, codes beside names, lists joined with '; '."""
    where, params = event_conditions(filters)
    name, lang = NAME_COLUMNS[filters.lang], filters.lang
    type_label, type_join = _type_label(lang)
    text = {  # download column -> SQL, every one made spreadsheet-safe
        "event_id": "e.event_id", "title": "e.title", "start_date": None, "end_date": None,
        "date_precision": "e.date_precision", "event_type": "e.event_type", "event_type_label": type_label,
        "themes": "array_to_string(e.themes, '; ')", "theme_labels": "array_to_string(tl.labels, '; ')",
        "host_iso3": "e.iso3", "host_name": f"h.{name}",
        "participant_iso3": "array_to_string(list_transform(p.linked, lambda x: x.code), '; ')",
        "participant_names": "array_to_string(list_transform(p.linked, lambda x: x.name), '; ')",
        "organization_ids": "array_to_string(list_transform(o.linked, lambda x: x.code), '; ')",
        "organization_names": "array_to_string(list_transform(o.linked, lambda x: x.name), '; ')",
        "city": "e.city", "participants_total": None, "summary": "e.summary", "source_url": "e.source_url",
        "origin": "e.origin", "source_file": "e.source_file", "source_row": None, "ingested_at": None,
        "is_sample": None,
    }
    columns = ", ".join(f"e.{column}" if sql is None else f"{_spreadsheet_text(sql)} AS {column}"
                        for column, sql in text.items())
    return (
        f"WITH chosen AS (SELECT * FROM events e WHERE {where}), {_theme_labels(lang, 'chosen')},"
        " participants AS ("
        + _linked("event_countries", "iso3", f"coalesce(c.{name}, x.iso3)",
                  "LEFT JOIN countries c ON c.iso3 = x.iso3", "x.role = 'participant'") + "),"
        " partners AS ("
        + _linked("event_organizations", "org_id", f"coalesce(g.{name}, g.name_en, x.org_id)",
                  "LEFT JOIN organizations g ON g.org_id = x.org_id") + ")"
        f" SELECT {columns} FROM chosen e {type_join} LEFT JOIN theme_labels tl ON tl.themes = e.themes"
        " LEFT JOIN countries h ON h.iso3 = e.iso3 LEFT JOIN participants p ON p.event_id = e.event_id"
        " LEFT JOIN partners o ON o.event_id = e.event_id ORDER BY e.start_date, e.event_id", params)


def export_events_csv(path: Path, filters: Any, target: Path) -> None:
    """Write every event matching the filters as download rows to a CSV file (DuckDB streams it; never cached)."""
    sql, params = _export_sql(filters)
    with _cursor(str(path), _version(str(path))) as cursor:
        cursor.execute(f"COPY ({sql}) TO '{_quoted_path(target)}' (FORMAT csv, HEADER)", params)


def export_events(path: Path, filters: Any, limit: int) -> Iterator[pd.DataFrame]:
    """The first `limit` download rows of the events matching the filters, in frames of ~50,000 (never cached)."""
    sql, params = _export_sql(filters)
    with _cursor(str(path), _version(str(path))) as cursor:
        cursor.execute(f"{sql} LIMIT ?", [*params, limit])
        while not (batch := cursor.fetch_df_chunk(25)).empty:
            yield batch


def _quoted_path(target: Path) -> str:
    """A file path as the inside of an SQL string literal (COPY takes no parameter for it)."""
    return str(target).replace("'", "''")


# --- Data quality page ---


@_versioned
def press_review(con: duckdb.DuckDBPyConnection, threshold: float) -> pd.DataFrame:
    """Extracted press fields below a confidence, not yet corrected: event_id, title, file, field, value, confidence."""
    return con.execute(
        "SELECT f.event_id, e.title, e.source_file AS file, f.field, f.value, f.confidence"
        " FROM press_fields f JOIN events e USING (event_id)"
        " WHERE f.confidence < ? AND NOT f.overridden ORDER BY f.confidence, e.source_file, f.field",
        [threshold]).df()

NAME_REVIEW_CODES = ("unknown-country", "unknown-organization", "unknown-city")


@_versioned
def run_finished_at(con: duckdb.DuckDBPyConnection, run_id: int) -> datetime | None:
    """When a recorded refresh ended (the served one may be older than the latest runs shown)."""
    found = con.execute("SELECT finished_at FROM load_runs WHERE run_id = ?", [run_id]).fetchone()
    return found[0] if found else None


@_versioned
def refresh_runs(con: duckdb.DuckDBPyConnection, limit: int = 10) -> pd.DataFrame:
    """The latest refreshes, newest first: times, status, failure message, row counts, changes (JSON)."""
    return con.execute(
        "SELECT run_id, started_at, finished_at, status, message, rows_read, rows_loaded, rows_rejected, changes"
        " FROM load_runs ORDER BY run_id DESC LIMIT ?", [limit]).df()


def logged_failures(path: Path) -> pd.DataFrame:
    """Failed refreshes logged beside the store and not yet recorded in it (read fresh, never cached)."""
    frame = pd.DataFrame(history.logged_failures(path), columns=["run_id", "started_at", "finished_at", "message"])
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
