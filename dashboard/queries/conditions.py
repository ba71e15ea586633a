"""The filters as SQL: conditions over `events e` with their parameters, and the region of a country or host."""

from typing import Any

from scripts.schema import search_key_sql

NO_HOST = "-no-host"        # events without a host country (region-wide events)
NO_REGION = "-no-region"    # events whose host country has no region in the scheme


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
        where.append(f"e.iso3 IN (SELECT iso3 FROM countries WHERE {region_column(filters.scheme)} = ?)")
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


def matching_ids(filters: Any) -> tuple[str, list]:
    """SQL selecting the ids of the events matching the filters, and its parameters."""
    where, params = event_conditions(filters)
    return f"SELECT e.event_id FROM events e WHERE {where}", params


def region_column(scheme: str) -> str:
    """The countries column that holds a country's region in a scheme."""
    return "iom_region" if scheme == "iom" else "un_subregion"


def host_region(scheme: str) -> str:
    """SQL for the region of an event's host (`e` joined to `c`), with the two fallbacks above."""
    return (f"coalesce(c.{region_column(scheme)}, CASE WHEN e.iso3 IS NULL THEN '{NO_HOST}'"
            f" ELSE '{NO_REGION}' END)")
