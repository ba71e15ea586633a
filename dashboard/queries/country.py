"""Country profile page queries: facts, regional offices, offices, event counts, partners, co-participants, timeline."""

from typing import Any

import duckdb
import pandas as pd

from dashboard.queries.conditions import event_conditions, matching_ids
from dashboard.queries.localized import NAME_COLUMNS, country_name, organization_name, type_label, vocabulary_label
from dashboard.queries.store import versioned

HOME_ORGANIZATION = "IOM"  # the organization whose dashboard this is: at its own events, never its own partner


@versioned
def country_facts(con: duckdb.DuckDBPyConnection, iso3: str, lang: str = "en") -> dict[str, Any] | None:
    """A country's name in the language, status (member|observer|non_member), admission year and centre."""
    name = NAME_COLUMNS[lang]
    row = con.execute(
        f"SELECT c.{name}, coalesce(m.status, 'non_member'), m.admitted_year, c.lat, c.lon FROM countries c"
        " LEFT JOIN member_states m ON m.iso3 = c.iso3 WHERE c.iso3 = ?", [iso3]).fetchone()
    if row is None:
        return None
    return dict(zip(("name", "status", "admitted_year", "lat", "lon"), row))


@versioned
def country_regional_offices(con: duckdb.DuckDBPyConnection, iso3: str) -> pd.DataFrame:
    """The regional offices that covered a country, oldest first: office_id, name_en, city, valid_from, valid_to."""
    return con.execute(
        "SELECT co.office_id, r.name_en, r.city, co.valid_from, co.valid_to FROM country_offices co"
        " LEFT JOIN regional_offices r ON r.office_id = co.office_id WHERE co.iso3 = ?"
        " ORDER BY co.valid_to IS NULL, co.valid_from NULLS FIRST", [iso3]).df()


@versioned
def country_missions(con: duckdb.DuckDBPyConnection, iso3: str, lang: str = "en") -> pd.DataFrame:
    """The organization's offices in a country: office_type, its label, city, opened, lat, lon, geo_precision."""
    label, join = vocabulary_label("office_type", "m.office_type", "v", lang)
    return con.execute(
        f"SELECT m.office_type, {label} AS office_label, m.city, m.opened,"
        f" m.lat, m.lon, m.geo_precision FROM missions m {join} WHERE m.iso3 = ?"
        " ORDER BY m.office_type = 'regional' DESC, m.office_type = 'country' DESC, m.city", [iso3]).df()


@versioned
def country_partners(con: duckdb.DuckDBPyConnection, filters: Any, limit: int = 10) -> tuple[pd.DataFrame, int]:
    """Partner organizations most often at the country's events (org_id, name, events), and how many there are."""
    chosen, params = matching_ids(filters)
    ranked = con.execute(
        f"SELECT eo.org_id, {organization_name('o', 'eo.org_id', filters.lang)} AS name, count(*) AS events,"
        " count(*) OVER () AS partners FROM event_organizations eo"
        f" JOIN ({chosen}) c USING (event_id) LEFT JOIN organizations o ON o.org_id = eo.org_id"
        " WHERE eo.org_id <> ? GROUP BY 1, 2 ORDER BY events DESC, eo.org_id LIMIT ?",
        [*params, HOME_ORGANIZATION, limit]).df()
    return ranked.drop(columns="partners"), int(ranked["partners"].iloc[0]) if len(ranked) else 0


@versioned
def country_co_participants(con: duckdb.DuckDBPyConnection, filters: Any,
                            limit: int = 10) -> tuple[pd.DataFrame, int]:
    """The countries most often at the same events as the filters' country (iso3, name, events), and their number."""
    chosen, params = matching_ids(filters)
    ranked = con.execute(
        f"SELECT ec.iso3, {country_name('k', 'ec.iso3', filters.lang)} AS name, count(*) AS events,"
        " count(*) OVER () AS countries"
        f" FROM event_countries ec JOIN ({chosen}) c USING (event_id) LEFT JOIN countries k ON k.iso3 = ec.iso3"
        " WHERE ec.iso3 <> ? GROUP BY 1, 2 ORDER BY events DESC, name LIMIT ?",
        [*params, filters.country, limit]).df()
    return ranked.drop(columns="countries"), int(ranked["countries"].iloc[0]) if len(ranked) else 0


@versioned
def country_timeline(con: duckdb.DuckDBPyConnection, filters: Any, limit: int = 150) -> pd.DataFrame:
    """The country's `limit` largest events (by participants, then length) by date, with role host|participant."""
    where, params = event_conditions(filters)
    label, join = type_label(filters.lang)
    return con.execute(
        f"WITH picked AS (SELECT * FROM events e WHERE {where}"
        " ORDER BY e.participants_total DESC NULLS LAST, e.end_date - e.start_date DESC, e.start_date DESC,"
        " e.event_id LIMIT ?)"
        f" SELECT e.event_id, e.title, e.start_date, e.end_date, {label} AS event_type, e.city,"
        f" c.{NAME_COLUMNS[filters.lang]} AS country, e.participants_total,"
        " CASE WHEN e.iso3 = ? THEN 'host' ELSE 'participant' END AS role"
        f" FROM picked e {join} LEFT JOIN countries c ON c.iso3 = e.iso3 ORDER BY e.start_date, e.event_id",
        [*params, limit, filters.country]).df()
