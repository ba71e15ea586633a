"""The filters as SQL: conditions over `events e` and `programmes p` with their parameters, the region of a host."""

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


NO_COUNTRY = "-no-country"  # programmes with recipient regions only (regional or global programmes)


def programme_conditions(filters: Any) -> tuple[str, list]:
    """SQL condition over `programmes p` for the filters that apply to programmes, and its parameters.

    The period keeps the programmes that overlap it (one without an end is still running; one without a start is
    left out once a period is chosen); region and country keep those with a recipient country there.
    """
    where, params = ["TRUE"], []
    if filters.start is not None:
        where.append("coalesce(p.end_date, DATE '9999-12-31') >= ?")
        params.append(filters.start)
    if filters.end is not None:
        where.append("p.start_date <= ?")
        params.append(filters.end)
    if filters.region:
        where.append("p.iati_identifier IN (SELECT pc.iati_identifier FROM programme_countries pc JOIN countries c"
                     f" ON c.iso3 = pc.iso3 WHERE c.{region_column(filters.scheme)} = ?)")
        params.append(filters.region)
    if filters.country:
        where.append("p.iati_identifier IN (SELECT iati_identifier FROM programme_countries WHERE iso3 = ?)")
        params.append(filters.country)
    if filters.sectors:
        where.append("p.iati_identifier IN (SELECT s.iati_identifier FROM programme_sectors s"
                     f" WHERE {sector_key('s')} IN (SELECT unnest(?::VARCHAR[])))")
        params.append(list(filters.sectors))
    if filters.funders:
        where.append("p.iati_identifier IN (SELECT o.iati_identifier FROM programme_organizations o"
                     f" WHERE o.role = 'funding' AND {funder_key('o')} IN (SELECT unnest(?::VARCHAR[])))")
        params.append(list(filters.funders))
    return " AND ".join(where), params


def sector_key(alias: str) -> str:
    """SQL for a sector of `programme_sectors` row `alias` as the filters name it: '1:15190', '98:RR'."""
    return f"{alias}.vocabulary || ':' || {alias}.code"


def funder_key(alias: str) -> str:
    """SQL for an organization of `programme_organizations` row `alias` as the filters name it: its identifier, else
    its name."""
    return f"coalesce({alias}.ref, {alias}.name)"


def in_scope(filters: Any, iso3: str) -> tuple[str, list]:
    """SQL keeping the recipient countries `iso3` that the region or country filter focuses on, and its parameters."""
    if filters.country:
        return f"{iso3} = ?", [filters.country]
    if filters.region:
        return f"{iso3} IN (SELECT iso3 FROM countries WHERE {region_column(filters.scheme)} = ?)", [filters.region]
    return "TRUE", []


def budget_period(filters: Any, alias: str) -> tuple[str, list]:
    """SQL keeping the budget lines of `alias` whose period overlaps the filters' period, and its parameters."""
    where, params = ["TRUE"], []
    if filters.start is not None:
        where.append(f"{alias}.period_end >= ?")
        params.append(filters.start)
    if filters.end is not None:
        where.append(f"{alias}.period_start <= ?")
        params.append(filters.end)
    return " AND ".join(where), params
