"""Download files: frames made safe for spreadsheets, Excel bytes, CSV files with a BOM, dated file names.

Text that a spreadsheet would run as a formula is defused by one rule, written as regular expressions that
pandas and DuckDB both apply: the CSV download is written by DuckDB (queries.export_events_csv) with the same
patterns, so both formats hold the same cells. Tables on screen use it too, as their toolbar exports them.
"""

import io
import shutil
import tempfile
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

import pandas as pd
from openpyxl import Workbook

CONTROL_CHARACTERS = r"[\x00-\x08\x0b\x0c\x0e-\x1f]"  # unreadable, and not allowed in an Excel file
FORMULA_START = r"^([=+\-@\t\r])"  # what Excel, LibreOffice and Sheets may read as the start of a formula
FORMULA_DEFUSED = r"'\1"  # the same first character after an apostrophe: shown as text, still readable
XLSX_MAX_ROWS = 50_000  # openpyxl writes a few thousand rows a second: past this, the CSV has every row
BOM = "\ufeff".encode()
CSV_MIME = "text/csv"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutralized(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with control characters dropped from text cells and a ' before a leading =, +, -, @, tab or CR."""
    text = [column for column in frame.columns if _is_text(frame[column])]
    return frame.assign(**{
        column: frame[column].str.replace(CONTROL_CHARACTERS, "", regex=True)
                             .str.replace(FORMULA_START, FORMULA_DEFUSED, regex=True)
        for column in text})


def xlsx_bytes(frames: Iterable[pd.DataFrame], sheet_title: str = "events") -> bytes:
    """One Excel workbook from frames of the same columns, written row by row; text cells neutralized."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title[:31])
    for index, frame in enumerate(frames):
        if index == 0:
            sheet.append([str(column) for column in frame.columns])
        for row in _cells(neutralized(frame)).itertuples(index=False, name=None):
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_with_bom(write_csv: Callable[[Path], None]) -> io.BytesIO:
    """The CSV that `write_csv(path)` writes to a temporary file, in memory after a BOM (so Excel reads accents).

    In memory because Streamlit serves a download from bytes or BytesIO only (not from an open file).
    """
    with tempfile.TemporaryDirectory(prefix="migdash-") as folder:
        written = Path(folder) / "rows.csv"
        write_csv(written)
        result = io.BytesIO()
        result.write(BOM)
        with open(written, "rb") as rows:
            shutil.copyfileobj(rows, result)
    result.seek(0)
    return result


def file_name(stem: str, day: date, extension: str) -> str:
    """A download's file name with the day it was made: 'migdash-events-2026-11-29.csv'."""
    return f"migdash-{stem}-{day.isoformat()}.{extension}"


def _is_text(values: pd.Series) -> bool:
    return pd.api.types.is_string_dtype(values) or values.dtype == object


def _cells(frame: pd.DataFrame) -> pd.DataFrame:
    """Values openpyxl writes as they should look: None for missing, dates for timestamps at midnight."""
    cells = frame.astype(object)
    for column in frame.columns:
        values = frame[column]
        if pd.api.types.is_datetime64_any_dtype(values):
            days_only = (values.dropna() == values.dropna().dt.normalize()).all()
            cells[column] = (values.dt.date if days_only else values.dt.to_pydatetime()).astype(object)
    return cells.where(frame.notna(), None)
