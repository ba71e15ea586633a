"""Download files: frames made safe for spreadsheets, Excel bytes, CSV files with a BOM, dated file names.

Text that a spreadsheet would run as a formula is defused by one rule, written as regular expressions that
pandas and DuckDB both apply: the CSV download is written by DuckDB (queries.export_events_csv) with the same
patterns, so both formats hold the same cells. Tables on screen use it too, as their toolbar exports them.

A CSV download is built once per data version and filters, as a file in a folder beside the store. Streamlit
serves a download from memory only (its media storage holds bytes), so a click reads that file, and every click
on the same file shares one copy.
"""

import collections
import functools
import hashlib
import io
import itertools
import os
import shutil
import threading
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
CACHE_FOLDER = ".downloads"  # beside the store: <version>-<filters hash>.<size>.csv
_BUILDING: collections.defaultdict[str, threading.Lock] = collections.defaultdict(threading.Lock)
_READING = threading.Lock()
_TEMPORARY = itertools.count()


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


def cached_csv(store: Path, version: str, selection: object, write_csv: Callable[[Path], None]) -> Path:
    """The CSV of a selection (any value with a stable repr) in a store version, BOM first: built once by
    `write_csv(path)` under a temporary name, then renamed; the files of other versions are deleted."""
    folder = store.parent / CACHE_FOLDER
    stem = f"{version}-{hashlib.sha256(repr(selection).encode()).hexdigest()[:16]}"
    with _BUILDING[stem]:  # clicks on the same download wait for one build
        built = _finished(folder, stem)
        if built is None:
            built = _build(folder, stem, write_csv)
            for old in folder.iterdir():  # finished or half-written, whoever wrote them
                if not old.name.lstrip(".").startswith(f"{version}-"):
                    old.unlink(missing_ok=True)
    return built


def _finished(folder: Path, stem: str) -> Path | None:
    """The complete file of `stem`, if any: its name holds its size, so a truncated one is deleted, never served."""
    for candidate in folder.glob(f"{stem}.*.csv"):
        size = candidate.name[len(stem) + 1:-len(".csv")]
        try:
            if size.isdigit() and candidate.stat().st_size == int(size):
                return candidate
        except FileNotFoundError:  # deleted meanwhile by a build of a newer version
            continue
        candidate.unlink(missing_ok=True)
    return None


def _build(folder: Path, stem: str, write_csv: Callable[[Path], None]) -> Path:
    folder.mkdir(exist_ok=True)
    temporary = folder / f".{stem}.{os.getpid()}-{next(_TEMPORARY)}"  # hidden: never taken for a finished file
    rows, whole = temporary.with_name(temporary.name + ".rows"), temporary.with_name(temporary.name + ".part")
    try:
        write_csv(rows)
        with open(whole, "wb") as output, open(rows, "rb") as written:
            output.write(BOM)
            shutil.copyfileobj(written, output, 1 << 20)
        built = folder / f"{stem}.{whole.stat().st_size}.csv"
        os.replace(whole, built)
        return built
    finally:
        rows.unlink(missing_ok=True)
        whole.unlink(missing_ok=True)


def shared_bytes(path: Path) -> bytes:
    """A download file's bytes, one copy for all clicks on it (the last file read stays in memory until the next)."""
    with _READING:
        return _read(path)


@functools.lru_cache(maxsize=1)
def _read(path: Path) -> bytes:
    return path.read_bytes()


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
