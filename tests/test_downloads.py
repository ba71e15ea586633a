"""Download files: spreadsheet-safe cells in pandas and in DuckDB, Excel workbooks, CSV files with a BOM."""

import io
from datetime import date, datetime
from pathlib import Path

import duckdb
import openpyxl
import pandas as pd

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
    assert [row[0].value for row in rows[:6]] == [value.replace("\r", "\n") for value in DEFUSED]  # XML reads CR as LF
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


def test_csv_with_bom_starts_with_a_bom_and_keeps_every_byte() -> None:
    body = "title,city\r\nAtelier régional,Saint-Louis\r\n".encode()

    def write(path: Path) -> None:
        path.write_bytes(body)

    with downloads.csv_with_bom(write) as handle:
        assert handle.read() == downloads.BOM + body


def test_file_names_carry_the_day() -> None:
    assert downloads.file_name("events", date(2026, 11, 29), "xlsx") == "migdash-events-2026-11-29.xlsx"
