"""Data quality page queries: the recorded refreshes, their files and problems, names to review, press fields."""

from datetime import datetime

import duckdb
import pandas as pd

from dashboard.queries.localized import NAME_COLUMNS
from dashboard.queries.store import versioned

NAME_REVIEW_CODES = ("unknown-country", "unknown-organization", "unknown-city")


@versioned
def press_review(con: duckdb.DuckDBPyConnection, threshold: float) -> pd.DataFrame:
    """Extracted press fields below a confidence, not yet corrected: event_id, title, file, field, value, confidence."""
    return con.execute(
        "SELECT f.event_id, e.title, e.source_file AS file, f.field, f.value, f.confidence"
        " FROM press_fields f JOIN events e USING (event_id)"
        " WHERE f.confidence < ? AND NOT f.overridden ORDER BY f.confidence, e.source_file, f.field",
        [threshold]).df()


@versioned
def run_finished_at(con: duckdb.DuckDBPyConnection, run_id: int) -> datetime | None:
    """When a recorded refresh ended (the served one may be older than the latest runs shown)."""
    found = con.execute("SELECT finished_at FROM load_runs WHERE run_id = ?", [run_id]).fetchone()
    return found[0] if found else None


@versioned
def refresh_runs(con: duckdb.DuckDBPyConnection, limit: int = 10) -> pd.DataFrame:
    """The latest refreshes, newest first: times, status, failure message, row counts, changes (JSON)."""
    return con.execute(
        "SELECT run_id, started_at, finished_at, status, message, rows_read, rows_loaded, rows_rejected, changes"
        " FROM load_runs ORDER BY run_id DESC LIMIT ?", [limit]).df()


@versioned
def served_run(con: duckdb.DuckDBPyConnection) -> int | None:
    """The run that built the data now served: the last successful refresh (None if none)."""
    return con.execute("SELECT max(run_id) FROM load_runs WHERE status = 'ok'").fetchone()[0]


@versioned
def run_files(con: duckdb.DuckDBPyConnection, run_id: int) -> pd.DataFrame:
    """The files one refresh read: name, kind, sha256, modified_at, encoding and row counts."""
    return con.execute(
        "SELECT source_file, kind, sha256, modified_at, encoding, rows_read, rows_loaded, rows_rejected"
        " FROM load_files WHERE run_id = ? ORDER BY source_file", [run_id]).df()


@versioned
def rejection_counts(con: duckdb.DuckDBPyConnection, run_id: int) -> pd.DataFrame:
    """Problems of one refresh counted per severity, file and code."""
    return con.execute(
        "SELECT severity, source_file, code, count(*) AS rows FROM rejections WHERE run_id = ?"
        " GROUP BY 1, 2, 3 ORDER BY severity, source_file, code", [run_id]).df()


@versioned
def rejection_page(con: duckdb.DuckDBPyConnection, run_id: int, severity: str, files: tuple[str, ...],
                   codes: tuple[str, ...], limit: int, offset: int) -> tuple[int, pd.DataFrame]:
    """How many problems of a severity match the files and codes (empty: all), and one page of them."""
    where = ("run_id = ? AND severity = ? AND (len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], source_file))"
             " AND (len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], code))")
    params = [run_id, severity, list(files), list(files), list(codes), list(codes)]
    total = con.execute(f"SELECT count(*) FROM rejections WHERE {where}", params).fetchone()[0]
    rows = con.execute(
        f"SELECT source_file, row_number, record_id, field, code, value, message FROM rejections WHERE {where}"
        " ORDER BY source_file, row_number NULLS FIRST, field LIMIT ? OFFSET ?", [*params, limit, offset]).df()
    return total, rows


@versioned
def unmatched_names(con: duckdb.DuckDBPyConnection, run_id: int, limit: int, offset: int
                    ) -> tuple[int, pd.DataFrame]:
    """Names no reference knew (country, organization, city): how many, and a page of field, value, code, rows."""
    grouped = ("SELECT field, value, code, count(*) AS rows FROM rejections"
               " WHERE run_id = ? AND list_contains(?::VARCHAR[], code) GROUP BY 1, 2, 3")
    params = [run_id, list(NAME_REVIEW_CODES)]
    total = con.execute(f"SELECT count(*) FROM ({grouped}) g", params).fetchone()[0]
    rows = con.execute(f"{grouped} ORDER BY rows DESC, field, value LIMIT ? OFFSET ?",
                       [*params, limit, offset]).df()
    return total, rows


@versioned
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
