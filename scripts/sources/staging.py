"""Shared plumbing of the loaders: raw rows in DuckDB, distinct values mapped once, problems as rows."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import duckdb
import pandas as pd
import pyarrow

from scripts.normalize import dates
from scripts.report import FileReport, Rejection

PROBLEM_COLUMNS = ["source_file", "row_number", "field", "severity", "code", "value"]


@dataclass
class Outcome:
    """What a loader found: problems and the names it matched other than exactly."""

    rejections: list[Rejection]
    name_matches: list[tuple]


@dataclass
class SourceFile:
    """One raw file of a kind: its frame of canonical string columns (until staged) and its report line."""

    name: str
    frame: pd.DataFrame | None
    report: FileReport


class Staging:
    """Raw rows of one kind seen as `raw_<kind>`, with the problems found in them.

    `raw_<kind>` is a view over the files' frames, which DuckDB scans where they are: the rows are copied into
    DuckDB once, by the loader's first table of resolved rows (after which `replace_raw` lets the frames go)."""

    def __init__(self, con: duckdb.DuckDBPyConnection, kind: str, files: list[SourceFile],
                 fields: Iterable[str], done: Callable[[float], None] = lambda rows: None):
        self.con, self.kind, self.files, self._done = con, kind, files, done
        self.rows = sum(len(source.frame) for source in files)
        self.raw = f"raw_{kind}"
        self.problems = f"problems_{kind}"
        self._frames = [f"{self.raw}_{number}" for number in range(len(files))]
        columns = ["source_file", "row_number", *fields]
        typed = ", ".join(f"CAST({c} AS {'BIGINT' if c == 'row_number' else 'VARCHAR'}) AS {c}" for c in columns)
        parts = [f"SELECT {typed} FROM (SELECT NULL AS {', NULL AS '.join(columns)}) WHERE false"]
        for source, frame in zip(files, self._frames):
            con.register(frame, _with_columns(source.frame, source.name, columns))
            parts.append(f"SELECT {typed} FROM {frame}")
            source.report.rows_read += len(source.frame)
        con.execute(f"CREATE OR REPLACE TEMP VIEW {self.raw} AS {' UNION ALL '.join(parts)}")
        con.execute(f"CREATE OR REPLACE TEMP TABLE {self.problems} (source_file VARCHAR, row_number BIGINT,"
                    " field VARCHAR, severity VARCHAR, code VARCHAR, value VARCHAR)")

    def progress(self, share: float) -> None:
        """Say that this share (0 to 1) of the loader's work on its rows is done."""
        self._done(self.rows * share)

    def replace_raw(self, table: str) -> None:
        """Read the raw rows from `table` from now on (it holds every raw row and column, and more): the frames
        are let go, their memory handed back before DuckDB does the rest of the work."""
        self.raw = table
        self._release()

    def _release(self) -> None:
        if not self._frames:
            return
        self.con.execute(f"DROP VIEW IF EXISTS raw_{self.kind}")
        for frame in self._frames:
            self.con.unregister(frame)
        for source in self.files:
            source.frame = None  # consumed: the rows now live in DuckDB
        self._frames = []
        pyarrow.default_memory_pool().release_unused()

    def distinct(self, sql_expr: str, where: str = "TRUE") -> list[str]:
        """Distinct non-empty values of an expression over the raw rows."""
        rows = self.con.execute(
            f"SELECT DISTINCT v FROM (SELECT {sql_expr} AS v FROM {self.raw} WHERE {where}) "
            "WHERE v IS NOT NULL AND v <> ''"
        ).fetchall()
        return [r[0] for r in rows]

    def cell_items(self, name: str, column: str) -> str:
        """Register `name`(cell, pos, item): the trimmed items of each distinct value of a ';'-separated column.

        Lists repeat across rows: they are split once per distinct cell, and rows join back on `cell`."""
        self.con.execute(f"""CREATE OR REPLACE TEMP TABLE {name} AS
            SELECT cell, pos, trim(item) AS item
            FROM (SELECT DISTINCT {column} AS cell FROM {self.raw}),
                 unnest(string_split(cell, ';')) WITH ORDINALITY AS t(item, pos)
            WHERE trim(item) <> ''""")
        return name

    def mapping(self, name: str, values: Iterable[str], fn: Callable[[str], tuple], columns: dict[str, str]) -> None:
        """Register temp table `name`(value, *columns) with fn applied once per distinct value (columns: SQL types)."""
        frame = pd.DataFrame([(v, *fn(v)) for v in values], columns=["value", *columns], dtype=object)
        casts = ", ".join(f"CAST({c} AS {sql_type}) AS {c}" for c, sql_type in columns.items())
        self.con.register(f"{name}_frame", frame)
        self.con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT CAST(value AS VARCHAR) AS value, {casts} "
                         f"FROM {name}_frame")
        self.con.unregister(f"{name}_frame")

    def date_mapping(self, name: str, field: str) -> None:
        """Register `name`(source_file, value, day, precision, ambiguous, range_end), per file's day order."""
        rows = []
        for source in self.files:
            values = self.distinct(field, f"source_file = '{_sql_str(source.name)}'")
            order = dates.column_order(values)
            rows += [(source.name, value, *_parse_cell(value, order)) for value in values]
        frame = pd.DataFrame(rows, columns=["source_file", "value", "day", "precision", "ambiguous", "range_end"])
        self.con.register(f"{name}_frame", frame.astype({"day": "datetime64[s]", "range_end": "datetime64[s]"}))
        self.con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT source_file, value, CAST(day AS DATE) AS day,"
                         f" precision, ambiguous, CAST(range_end AS DATE) AS range_end FROM {name}_frame")
        self.con.unregister(f"{name}_frame")

    def flag(self, field: str, code: str, select_sql: str, severity: str = "error") -> None:
        """Record a problem for every row returned by select_sql (columns: source_file, row_number, value)."""
        self.con.execute(
            f"INSERT INTO {self.problems} SELECT source_file, row_number, ?, ?, ?, CAST(value AS VARCHAR) "
            f"FROM ({select_sql})", [field, severity, code])

    def flag_where(self, field: str, code: str, where: str, value_sql: str, severity: str = "error",
                   source: str | None = None) -> None:
        """Record a problem for every raw row (or row of `source`) matching a condition."""
        self.flag(field, code, f"SELECT source_file, row_number, {value_sql} AS value "
                               f"FROM {source or self.raw} WHERE {where}", severity)

    def rejected_rows(self) -> str:
        """SQL for the (source_file, row_number) pairs rejected so far."""
        return f"SELECT DISTINCT source_file, row_number FROM {self.problems} WHERE severity = 'error'"

    def name_matches(self, field: str, mapping: str, items_sql: str) -> list[tuple]:
        """(field, value, matched, how, rows) of values a country mapping matched by alias or fuzzily.

        items_sql gives (item, n): a value and how many times it occurs (rows of one distinct value grouped)."""
        return self.con.execute(
            f"SELECT ?, m.value, m.iso3, m.how, CAST(sum(i.n) AS BIGINT) FROM ({items_sql}) i JOIN {mapping} m "
            f"ON m.value = i.item WHERE m.how IN ('alias', 'fuzzy') GROUP BY ALL ORDER BY 2", [field]).fetchall()

    def counted(self, column: str) -> str:
        """SQL for (item, n): each distinct value of a raw column and its number of rows."""
        return f"SELECT {column} AS item, count(*) AS n FROM {self.raw} GROUP BY 1"

    def finish(self, loaded_sql: str, name_matches: list[tuple]) -> Outcome:
        """Fill each file's counts (loaded_sql: one row per loaded raw row, with source_file)."""
        loaded = dict(self.con.execute(f"SELECT source_file, count(*) FROM ({loaded_sql}) GROUP BY 1").fetchall())
        rejected = dict(self.con.execute(
            f"SELECT source_file, count(*) FROM ({self.rejected_rows()}) GROUP BY 1").fetchall())
        self.progress(1.0)
        self._release()
        for source in self.files:
            source.report.rows_loaded += loaded.get(source.name, 0)
            source.report.rows_rejected += rejected.get(source.name, 0)
        rows = self.con.execute(  # rowid: problems of one row, field and code stay in the order they were found
            f"SELECT {', '.join(PROBLEM_COLUMNS)} FROM {self.problems} "
            "ORDER BY source_file, row_number, field, code, rowid").fetchall()
        return Outcome([Rejection(f, None if pd.isna(r) else int(r), fld, code, value, sev)
                        for f, r, fld, sev, code, value in rows], name_matches)


def _with_columns(frame: pd.DataFrame, name: str, columns: list[str]) -> pd.DataFrame:
    empty = pd.Series([None] * len(frame), index=frame.index, dtype="str")
    out = pd.DataFrame({c: frame[c].astype("str") if c in frame else empty
                        for c in columns if c not in ("source_file", "row_number")})
    out.insert(0, "row_number", frame["row_number"].astype("int64"))
    out.insert(0, "source_file", name)
    return out


def _parse_cell(value: str, column_order: str) -> tuple:
    """(day, precision, ambiguous, range_end) of one date cell; a range such as '18-20 août 2015' gives its end too."""
    order = _value_order(value) if column_order == "ambiguous" else ("mdy" if column_order == "mdy" else "dmy")
    if order == "ambiguous":
        return None, None, True, None
    if parsed := dates.parse_date(value, order):
        return parsed.value, parsed.precision, False, None
    if span := dates.parse_range(value, None, order):
        return span[0].value, span[0].precision, False, span[1].value
    return None, None, False, None


def _value_order(value: str) -> str:
    """Day order of one numeric d/m/y value in a column whose order is ambiguous."""
    parts = value.replace(".", "/").replace("-", "/").split("/")
    if len(parts) != 3 or not all(p.strip().isdigit() for p in parts) or len(parts[0].strip()) > 2:
        return "dmy"
    first, second = int(parts[0]), int(parts[1])
    if first > 12 or first == second:
        return "dmy"
    return "mdy" if second > 12 else "ambiguous"


def _sql_str(text: str) -> str:
    return text.replace("'", "''")
