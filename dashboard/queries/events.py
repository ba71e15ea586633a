"""Events page queries: one sorted page of the matching events, their count, and one event in full."""

from typing import Any

import duckdb
import pandas as pd

from dashboard.queries.conditions import event_conditions
from dashboard.queries.localized import NAME_COLUMNS, country_name, organization_name, type_label
from dashboard.queries.store import versioned
from scripts import dialect

EVENT_PAGE_SIZE = 50
EVENT_SORTS = {  # the page's sort choice -> ORDER BY (fixed SQL: the visitor picks a key, never writes SQL)
    "newest": "e.start_date DESC, e.event_id",
    "oldest": "e.start_date, e.event_id",
    "participants": "e.participants_total DESC NULLS LAST, e.start_date DESC, e.event_id",
    "title": "strip_accents(lower(e.title)), e.event_id",
    "country": "host_key NULLS LAST, e.start_date DESC, e.event_id",
}


@versioned
def event_rows(con: duckdb.DuckDBPyConnection, filters: Any, sort: str = "newest", page: int = 1) -> pd.DataFrame:
    """One page of the events matching the filters, sorted, with names and labels in the filters' language."""
    where, params = event_conditions(filters)
    label, join = type_label(filters.lang)
    name = NAME_COLUMNS[filters.lang]
    return con.execute(  # sort only the keys of the matching events, then read the page's rows in full
        f"WITH hosts AS (SELECT iso3, {name} AS host_name, strip_accents(lower({name})) AS host_key FROM countries),"
        " keys AS (SELECT e.event_id, e.start_date, e.participants_total, e.title, h.host_key FROM events e"
        f" LEFT JOIN hosts h ON h.iso3 = e.iso3 WHERE {where} ORDER BY {EVENT_SORTS[sort]} LIMIT ? OFFSET ?),"
        " page AS (SELECT e.*, h.host_name, k.host_key FROM keys k JOIN events e ON e.event_id = k.event_id"
        " LEFT JOIN hosts h ON h.iso3 = e.iso3),"
        f" {dialect.theme_labels(dialect.of(con), filters.lang, 'page')}, partners AS (SELECT event_id,"
        " string_agg(org_id, ', ' ORDER BY org_id) AS organizations FROM event_organizations"
        " WHERE event_id IN (SELECT event_id FROM keys) GROUP BY event_id)"
        f" SELECT e.event_id, e.start_date, e.end_date, e.date_precision, e.title, {label} AS event_type,"
        " e.host_name, e.city, e.participants_total, o.organizations, array_to_string(tl.labels, ', ') AS themes,"
        " e.is_sample, e.origin = 'press' AS is_extracted"
        f" FROM page e {join} LEFT JOIN theme_labels tl ON tl.themes = e.themes"
        f" LEFT JOIN partners o ON o.event_id = e.event_id ORDER BY {EVENT_SORTS[sort]}",
        [*params, EVENT_PAGE_SIZE, (max(page, 1) - 1) * EVENT_PAGE_SIZE]).df()


@versioned
def event_detail(con: duckdb.DuckDBPyConnection, event_id: str, lang: str = "en") -> dict[str, Any] | None:
    """Every field of one event with labels and names in the language, its countries and organizations."""
    name = NAME_COLUMNS[lang]
    label, join = type_label(lang)
    found = con.execute(
        "WITH chosen AS (SELECT * FROM events WHERE event_id = ?),"
        f" {dialect.theme_labels(dialect.of(con), lang, 'chosen')}"
        f" SELECT e.*, {label} AS event_type_label, tl.labels AS theme_labels, c.{name} AS host_name,"
        " e.origin = 'press' AS is_extracted FROM chosen e"
        f" {join} LEFT JOIN theme_labels tl ON tl.themes = e.themes LEFT JOIN countries c ON c.iso3 = e.iso3",
        [event_id]).df()
    if found.empty:
        return None
    country = country_name("c", "ec.iso3", lang)
    countries = con.execute(
        f"SELECT ec.role, ec.iso3, {country} AS name FROM event_countries ec"
        " LEFT JOIN countries c ON c.iso3 = ec.iso3 WHERE ec.event_id = ?"
        f" ORDER BY ec.role <> 'host', strip_accents(lower({country}))", [event_id]).df()
    organizations = con.execute(
        f"SELECT eo.org_id, {organization_name('o', 'eo.org_id', lang)} AS name, eo.role FROM event_organizations eo"
        " LEFT JOIN organizations o ON o.org_id = eo.org_id WHERE eo.event_id = ? ORDER BY eo.org_id",
        [event_id]).df()
    return {"event": found.iloc[0].to_dict(), "countries": countries, "organizations": organizations}
