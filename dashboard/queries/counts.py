"""What the pages count of the events matching the filters: one query for the events, one for the countries."""

from typing import Any

import duckdb

from dashboard.queries.conditions import event_conditions, matching_ids
from dashboard.queries.store import versioned


@versioned
def event_totals(con: duckdb.DuckDBPyConnection, filters: Any) -> dict[str, int]:
    """Matching events: how many, samples, participants (summed; events with none known), hosted and attended."""
    where, params = event_conditions(filters)
    events, samples, participants, unknown, hosted, attended = con.execute(
        "SELECT count(*), count(*) FILTER (WHERE e.is_sample), coalesce(sum(e.participants_total), 0),"
        " count(*) FILTER (WHERE e.participants_total IS NULL), count(*) FILTER (WHERE e.iso3 = ?),"
        f" count(*) FILTER (WHERE e.iso3 IS DISTINCT FROM ?) FROM events e WHERE {where}",
        [filters.country, filters.country, *params]).fetchone()
    return {"events": events, "sample_events": samples, "participants": int(participants),
            "participants_unknown": unknown, "hosted": hosted if filters.country else 0,
            "attended": attended if filters.country else 0}


@versioned
def countries_involved(con: duckdb.DuckDBPyConnection, filters: Any) -> int:
    """The distinct countries that hosted or attended an event matching the filters."""
    chosen, params = matching_ids(filters)
    matching = f" WHERE ec.event_id IN ({chosen})" if params else ""  # no filter: every event
    return con.execute(f"SELECT count(DISTINCT ec.iso3) FROM event_countries ec{matching}", params).fetchone()[0]
