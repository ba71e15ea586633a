"""What the filters may choose from: the days of events and programmes, regions, countries, types, themes,
organizations."""

from pathlib import Path
from typing import Any

import duckdb

from dashboard.queries.conditions import region_column
from dashboard.queries.localized import NAME_COLUMNS, organization_name
from dashboard.queries.store import versioned


@versioned
def event_date_bounds(con: duckdb.DuckDBPyConnection) -> tuple[Any, Any]:
    """First start and last end date of all events (None, None when there are none)."""
    return con.execute("SELECT min(start_date), max(end_date) FROM events").fetchone()


@versioned
def period_bounds(con: duckdb.DuckDBPyConnection) -> tuple[Any, Any]:
    """First and last day the period filter offers: of the events and the dated programmes (None, None: neither)."""
    return con.execute(
        "SELECT min(first), max(last) FROM (SELECT min(start_date) AS first, max(end_date) AS last FROM events"
        " UNION ALL SELECT min(start_date), max(coalesce(end_date, start_date)) FROM programmes) b").fetchone()


@versioned
def regions(con: duckdb.DuckDBPyConnection, scheme: str) -> dict[str, str]:
    """Regions of a scheme, id -> name in the store: current regional offices (their city), or UN M49 sub-regions."""
    if scheme == "iom":
        return dict(con.execute("SELECT office_id, city FROM regional_offices WHERE valid_to IS NULL ORDER BY city"
                                ).fetchall())
    return {name: name for (name,) in con.execute(
        "SELECT DISTINCT un_subregion FROM countries WHERE un_subregion IS NOT NULL ORDER BY 1").fetchall()}


@versioned
def retired_regions(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Regional offices that have closed (merged into others), by id."""
    return [office for (office,) in con.execute(
        "SELECT office_id FROM regional_offices WHERE valid_to IS NOT NULL ORDER BY 1").fetchall()]


@versioned
def country_options(con: duckdb.DuckDBPyConnection, lang: str = "en", scheme: str = "iom",
                    region: str | None = None) -> dict[str, str]:
    """Countries with events, offices, membership or programmes (inside a region if given), iso3 -> name."""
    name = NAME_COLUMNS[lang]
    column = region_column(scheme)
    rows = con.execute(
        f"SELECT iso3, {name} FROM countries c WHERE (? IS NULL OR c.{column} = ?) AND ("
        " iso3 IN (SELECT iso3 FROM member_states) OR iso3 IN (SELECT iso3 FROM missions)"
        " OR iso3 IN (SELECT DISTINCT iso3 FROM event_countries) OR iso3 IN (SELECT iso3 FROM programme_countries))"
        f" ORDER BY strip_accents(lower({name}))",
        [region, region]).fetchall()
    return dict(rows)


@versioned
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


@versioned
def organizations(con: duckdb.DuckDBPyConnection, lang: str = "en") -> dict[str, str]:
    """Organizations linked to at least one event, org_id -> name in the language (else English, else the id)."""
    return dict(con.execute(
        f"SELECT o.org_id, {organization_name('o', 'o.org_id', lang)} FROM organizations o"
        " WHERE o.org_id IN (SELECT DISTINCT org_id FROM event_organizations) ORDER BY o.org_id").fetchall())
