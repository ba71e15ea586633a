"""The downloads: every event or programme matching the filters, codes beside names, cells safe in a spreadsheet."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd

from dashboard import downloads
from dashboard.queries.conditions import (
    budget_period,
    event_conditions,
    funder_key,
    in_scope,
    programme_conditions,
    sector_key,
)
from dashboard.queries.localized import (
    NAME_COLUMNS,
    codelist_name,
    country_name,
    organization_name,
    programme_title,
    sector_codelist,
    sector_name,
    type_label,
)
from dashboard.queries.store import reading
from scripts import dialect


def export_events_csv(path: Path, filters: Any, target: Path) -> None:
    """Write every event matching the filters as download rows to a CSV file (streamed by the store; never cached)."""
    with reading(path) as cursor:
        sql, params = _export_sql(filters, dialect.of(cursor))
        dialect.write_csv(cursor, sql, params, target)


def export_events(path: Path, filters: Any, limit: int) -> Iterator[pd.DataFrame]:
    """The first `limit` download rows of the events matching the filters, in frames of ~50,000 (never cached)."""
    with reading(path) as cursor:
        sql, params = _export_sql(filters, dialect.of(cursor))
        cursor.execute(f"{sql} LIMIT ?", [*params, limit])
        while not (batch := cursor.fetch_df_chunk(25)).empty:
            yield batch


def _export_sql(filters: Any, sql_dialect: str) -> tuple[str, list]:
    """The download query: one row per matching event by date, codes beside names, lists joined with '; '."""
    where, params = event_conditions(filters)
    name, lang = NAME_COLUMNS[filters.lang], filters.lang
    label, join = type_label(lang)
    text = {  # download column -> SQL, every one made spreadsheet-safe
        "event_id": "e.event_id", "title": "e.title", "start_date": None, "end_date": None,
        "date_precision": "e.date_precision", "event_type": "e.event_type", "event_type_label": label,
        "themes": "array_to_string(e.themes, '; ')", "theme_labels": "array_to_string(tl.labels, '; ')",
        "host_iso3": "e.iso3", "host_name": f"h.{name}",
        "participant_iso3": "p.codes", "participant_names": "p.names",
        "organization_ids": "o.codes", "organization_names": "o.names",
        "city": "e.city", "participants_total": None, "summary": "e.summary", "source_url": "e.source_url",
        "origin": "e.origin", "source_file": "e.source_file", "source_row": None, "ingested_at": None,
        "is_sample": None,
    }
    columns = ", ".join(f"e.{column}" if sql is None else f"{_spreadsheet_text(sql)} AS {column}"
                        for column, sql in text.items())
    return (
        f"WITH chosen AS (SELECT * FROM events e WHERE {where}), {dialect.theme_labels(sql_dialect, lang, 'chosen')},"
        " participants AS ("
        + _linked("event_countries", "iso3", country_name("c", "x.iso3", lang),
                  "LEFT JOIN countries c ON c.iso3 = x.iso3", "x.role = 'participant'") + "),"
        " partners AS ("
        + _linked("event_organizations", "org_id", organization_name("g", "x.org_id", lang),
                  "LEFT JOIN organizations g ON g.org_id = x.org_id") + ")"
        f" SELECT {columns} FROM chosen e {join} LEFT JOIN theme_labels tl ON tl.themes = e.themes"
        " LEFT JOIN countries h ON h.iso3 = e.iso3 LEFT JOIN participants p ON p.event_id = e.event_id"
        " LEFT JOIN partners o ON o.event_id = e.event_id ORDER BY e.start_date, e.event_id", params)


def _spreadsheet_text(expression: str) -> str:
    """SQL making a text cell safe to open in a spreadsheet, by the same rule as downloads.neutralized."""
    def literal(text: str) -> str:
        return "'" + text.replace("'", "''") + "'"
    printable = f"regexp_replace({expression}, {literal(downloads.CONTROL_CHARACTERS)}, '', 'g')"
    return f"regexp_replace({printable}, {literal(downloads.FORMULA_START)}, {literal(downloads.FORMULA_DEFUSED)})"


def _linked(table: str, code: str, name: str, join: str, condition: str = "TRUE") -> str:
    """SQL joining the codes and the names linked to each chosen event with '; ', both in the order of the codes."""
    order = f"ORDER BY x.{code}, {name}"
    return (f"SELECT x.event_id, string_agg(x.{code}, '; ' {order}) AS codes, string_agg({name}, '; ' {order})"
            f" AS names FROM {table} x {join} WHERE {condition} AND x.event_id IN (SELECT event_id FROM chosen)"
            " GROUP BY x.event_id")


def export_programmes_csv(path: Path, filters: Any, target: Path) -> None:
    """Write every programme matching the filters as download rows to a CSV file (streamed; never cached)."""
    with reading(path) as cursor:
        sql, params = _programmes_sql(filters)
        dialect.write_csv(cursor, sql, params, target)


def export_programmes(path: Path, filters: Any, limit: int) -> Iterator[pd.DataFrame]:
    """The first `limit` download rows of the programmes matching the filters, in frames (never cached)."""
    with reading(path) as cursor:
        sql, params = _programmes_sql(filters)
        cursor.execute(f"{sql} LIMIT ?", [*params, limit])
        while not (batch := cursor.fetch_df_chunk(25)).empty:
            yield batch


def _programmes_sql(filters: Any) -> tuple[str, list]:
    """The programmes download: one row per matching programme and budget currency, by start date.

    The budget is the share of the countries in focus, of the budget lines overlapping the period, in its own
    currency; codes beside names, lists joined with '; '.
    """
    where, params = programme_conditions(filters)
    scope, scope_params = in_scope(filters, "b.iso3")
    period, period_params = budget_period(filters, "b")
    lang = filters.lang
    text = {  # download column -> SQL, every one made spreadsheet-safe; None: the value as stored
        "iati_identifier": "p.iati_identifier", "title": programme_title("p", lang), "status": "p.status",
        "status_name": codelist_name("st", lang), "start_date": None, "end_date": None, "planned_start": None,
        "actual_start": None, "planned_end": None, "actual_end": None,
        "recipient_iso3": "rc.codes", "recipient_names": "rc.names", "funder_ids": "f.codes", "funder_names": "f.names",
        "sectors": "s.codes", "sector_names": "s.names", "budget_currency": "bu.currency", "budget": "bu.budget",
        "humanitarian": None, "reporting_org": "p.reporting_org", "last_updated": None, "source_file": "p.source_file",
        "source_line": None, "is_sample": None,
    }
    columns = ", ".join(f"p.{column}" if sql is None else f"{sql} AS {column}" if column == "budget"
                        else f"{_spreadsheet_text(sql)} AS {column}" for column, sql in text.items())
    return (
        f"WITH chosen AS (SELECT * FROM programmes p WHERE {where}),"
        " recipients AS (" + _listed("programme_countries", "x.iso3", country_name("c", "x.iso3", lang),
                                     "LEFT JOIN countries c ON c.iso3 = x.iso3") + "),"
        " funders AS (" + _listed("programme_organizations", funder_key("x"), "coalesce(x.name, x.ref)", "",
                                  "x.role = 'funding'") + "),"
        " sectors AS (" + _listed("programme_sectors", sector_key("x"), sector_name("x", "k", lang),
                                  sector_codelist("x", "k")) + "),"
        " budgets AS (SELECT b.iati_identifier, b.currency, CAST(sum(b.value) AS DECIMAL(18, 2)) AS budget"
        " FROM programme_country_budgets b WHERE b.iati_identifier IN (SELECT iati_identifier FROM chosen)"
        f" AND {scope} AND {period} GROUP BY 1, 2)"  # to the cent: written alike by both databases
        f" SELECT {columns} FROM chosen p"
        " LEFT JOIN iati_codelists st ON st.codelist = 'ActivityStatus' AND st.code = p.status"
        " LEFT JOIN recipients rc ON rc.iati_identifier = p.iati_identifier"
        " LEFT JOIN funders f ON f.iati_identifier = p.iati_identifier"
        " LEFT JOIN sectors s ON s.iati_identifier = p.iati_identifier"
        " LEFT JOIN budgets bu ON bu.iati_identifier = p.iati_identifier"
        " ORDER BY p.start_date NULLS LAST, p.iati_identifier, bu.currency", [*params, *scope_params, *period_params])


def _listed(table: str, code: str, name: str, join: str, condition: str = "TRUE") -> str:
    """SQL joining the codes and names linked to each chosen programme with '; ', both in the order of the codes."""
    order = f"ORDER BY {code}, {name}"
    return (f"SELECT x.iati_identifier, string_agg({code}, '; ' {order}) AS codes,"
            f" string_agg({name}, '; ' {order}) AS names FROM {table} x {join} WHERE {condition}"
            " AND x.iati_identifier IN (SELECT iati_identifier FROM chosen) GROUP BY x.iati_identifier")
