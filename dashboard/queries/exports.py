"""The downloads: every event matching the filters, codes beside names, cells safe to open in a spreadsheet."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd

from dashboard import downloads
from dashboard.queries.conditions import event_conditions
from dashboard.queries.localized import NAME_COLUMNS, country_name, organization_name, type_label
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
