"""Download files: spreadsheet-safe cells in pandas and in DuckDB, Excel workbooks, CSV files built once."""

import io
from datetime import date, datetime
from pathlib import Path

import duckdb
import openpyxl
import pandas as pd
import pytest

from dashboard import downloads

HOSTILE = ['=HYPERLINK("http://x","click")', "+1", "-2", "@SUM(A1)", "\tTab first", "\rReturn first"]
DEFUSED = ["'" + value for value in HOSTILE]


def _frame() -> pd.DataFrame:
    return pd.DataFrame({
        "title": [*HOSTILE, "Atelier régional à Dakar", None],
        "participants_total": pd.array([1, -2, 3, None, 5, 6, 7, 8], dtype="Int32"),
        "start_date": pd.to_datetime(["2024-03-05"] * 8),
        "ingested_at": pd.to_datetime(["2026-11-29 10:04:05"] * 8),
        "is_sample": [True] * 8,
    })


def test_neutralized_puts_an_apostrophe_before_formula_starts() -> None:
    safe = downloads.neutralized(_frame())
    assert safe["title"].tolist()[:6] == DEFUSED
    assert safe["title"].iloc[6] == "Atelier régional à Dakar" and pd.isna(safe["title"].iloc[7])


def test_neutralized_leaves_numbers_dates_and_flags_alone() -> None:
    frame = _frame()
    safe = downloads.neutralized(frame)
    for column in ("participants_total", "start_date", "ingested_at", "is_sample"):
        pd.testing.assert_series_equal(safe[column], frame[column])


def test_neutralized_drops_control_characters_that_would_hide_a_formula() -> None:
    safe = downloads.neutralized(pd.DataFrame({"title": ["\x01=cmd|' /C calc'!A0", "a\x00b"]}))
    assert safe["title"].tolist() == ["'=cmd|' /C calc'!A0", "ab"]


def test_duckdb_applies_the_same_rule_as_pandas() -> None:
    values = [*HOSTILE, "\x01=x", "fine", "a=b", None]
    literal = lambda text: "'" + text.replace("'", "''") + "'"  # noqa: E731
    sql = (f"SELECT regexp_replace(regexp_replace(v, {literal(downloads.CONTROL_CHARACTERS)}, '', 'g'),"
           f" {literal(downloads.FORMULA_START)}, {literal(downloads.FORMULA_DEFUSED)}) FROM (SELECT unnest(?) AS v)")
    in_duckdb = [row[0] for row in duckdb.execute(sql, [values]).fetchall()]
    in_pandas = downloads.neutralized(pd.DataFrame({"v": values}))["v"].tolist()
    assert in_duckdb[:-1] == in_pandas[:-1] and in_duckdb[-1] is None and pd.isna(in_pandas[-1])


def test_xlsx_holds_hostile_titles_as_readable_text_not_formulas() -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(downloads.xlsx_bytes([_frame()], sheet_title="Événements")))
    sheet = workbook["Événements"]
    rows = list(sheet.iter_rows(min_row=2))
    def lines(value: str) -> str:  # the stdlib XML writer turns CR into LF, lxml keeps it
        return value.replace("\r", "\n")

    assert [lines(row[0].value) for row in rows[:6]] == [lines(value) for value in DEFUSED]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert not any(isinstance(cell.value, str) and cell.value[:1] in "=+-@\t\r"
                   for row in sheet.iter_rows() for cell in row)


def test_xlsx_writes_numbers_days_and_timestamps_as_such() -> None:
    sheet = openpyxl.load_workbook(io.BytesIO(downloads.xlsx_bytes([_frame()]))).active
    header, first, *_ = sheet.iter_rows(values_only=True)
    assert header == ("title", "participants_total", "start_date", "ingested_at", "is_sample")
    assert first[1:] == (1, datetime(2024, 3, 5), datetime(2026, 11, 29, 10, 4, 5), True)
    assert sheet["C2"].number_format == "yyyy-mm-dd" and sheet["B5"].value is None


def test_xlsx_of_several_frames_has_one_header() -> None:
    frame = _frame()
    sheet = openpyxl.load_workbook(io.BytesIO(downloads.xlsx_bytes([frame.head(3), frame.tail(5)]))).active
    assert sheet.max_row == 1 + len(frame)


class Exports:
    """A `write_csv` that copies a real DuckDB table to the file asked for, counting how often it runs."""

    def __init__(self, store: Path, fail: bool = False) -> None:
        self.store, self.fail, self.runs = store, fail, 0
        with duckdb.connect(str(store)) as con:
            con.execute("CREATE OR REPLACE TABLE events AS SELECT range AS n, 'Atelier régional à Dakar' AS title"
                        " FROM range(1000)")

    def __call__(self, target: Path) -> None:
        self.runs += 1
        with duckdb.connect(str(self.store), read_only=True) as con:
            con.execute(f"COPY events TO '{target}' (FORMAT csv, HEADER)")
        if self.fail:
            raise RuntimeError("the export stopped half-way")


def _rows(path: Path) -> pd.DataFrame:
    data = path.read_bytes()
    assert data.startswith(downloads.BOM)
    return pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")


def test_the_same_selection_twice_is_built_once_on_disk_beside_the_store(tmp_path: Path) -> None:
    export = Exports(tmp_path / "migdash.duckdb")
    first = downloads.cached_csv(export.store, "v1", ("en", None), export)
    assert downloads.cached_csv(export.store, "v1", ("en", None), export) == first and export.runs == 1
    assert first.parent == tmp_path / downloads.CACHE_FOLDER and len(_rows(first)) == 1000
    assert downloads.cached_csv(export.store, "v1", ("fr", None), export) != first and export.runs == 2
    assert not [path for path in first.parent.iterdir() if path.name.startswith(".")]  # no temporary file left


def test_a_new_data_version_builds_a_new_file_and_removes_the_old_versions(tmp_path: Path) -> None:
    export = Exports(tmp_path / "migdash.duckdb")
    old = downloads.cached_csv(export.store, "v1", ("en",), export)
    leftover = old.with_name(f".{old.name}.4242-0.part")  # a build of the old version killed half-way
    leftover.write_bytes(b"event_id,ti")
    new = downloads.cached_csv(export.store, "v2", ("en",), export)
    assert export.runs == 2 and new.name.startswith("v2-") and list(new.parent.iterdir()) == [new]


def test_a_truncated_or_half_written_file_is_never_served(tmp_path: Path) -> None:
    export = Exports(tmp_path / "migdash.duckdb")
    built = downloads.cached_csv(export.store, "v1", ("en",), export)
    whole = built.read_bytes()
    built.with_name(f".{built.name}.4242-0.part").write_bytes(whole[:100])  # a build killed half-way
    with open(built, "r+b") as handle:  # a file cut short (a full disk, a crash before it was flushed)
        handle.truncate(len(whole) // 2)
    served = downloads.cached_csv(export.store, "v1", ("en",), export)
    assert export.runs == 2 and served.read_bytes() == whole


def test_a_failed_build_leaves_nothing_to_serve(tmp_path: Path) -> None:
    export = Exports(tmp_path / "migdash.duckdb", fail=True)
    with pytest.raises(RuntimeError):
        downloads.cached_csv(export.store, "v1", ("en",), export)
    assert list((tmp_path / downloads.CACHE_FOLDER).iterdir()) == []


def test_clicks_on_the_same_file_share_one_copy_in_memory(tmp_path: Path) -> None:
    export = Exports(tmp_path / "migdash.duckdb")
    built = downloads.cached_csv(export.store, "v1", ("en",), export)
    assert downloads.shared_bytes(built) is downloads.shared_bytes(built) == built.read_bytes()


def test_file_names_carry_the_day() -> None:
    assert downloads.file_name("events", date(2026, 11, 29), "xlsx") == "migdash-events-2026-11-29.xlsx"
