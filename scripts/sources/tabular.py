"""One raw CSV or Excel file -> a frame of stripped strings under canonical headers.

Every cell stays text ("0034" stays "0034", "NA" stays "NA"); empty cells are missing.
`row_number` is the row as a spreadsheet shows it: the header is row 1 when it is on the
first line, and rows keep their number when empty rows around them are dropped. For CSV a
row is a record, so a quoted value spanning two lines still counts as one row.
"""

import codecs
import csv
import datetime
import io
import os
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy
import openpyxl
import pandas as pd
import pyarrow
import pyarrow.compute
import pyarrow.csv
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from scripts.normalize.headers import FIELDS, REQUIRED, canonical_header
from scripts.normalize.text import fold
from scripts.report import Rejection, UnusableInput

CSV_SUFFIXES = (".csv", ".tsv", ".txt")
EXCEL_SUFFIXES = (".xlsx", ".xlsm")
_KIND_PREFIX = re.compile(r"(member[ _-]*states|missions|events)(?![a-z])")
_SAMPLE_BYTES = 1 << 16
_CHUNK_ROWS = 100000
_END_OF_FILE = "\x00end of the file\x00"  # never a cell of a text file (the sample refuses NUL bytes)
_ARROW_BLOCK_BYTES = 8 << 20  # large blocks: fewer chunks to trim and mask, still one per thread and more
_SPARE_FIELDS = 8  # a CSV row may have this many fields more than its header before we give up
_HEADER_SEARCH_ROWS = 10  # an Excel header may sit below a few title rows
_SIGNATURES = {
    b"PK\x03\x04": "this is a zipped (Excel .xlsx) file, not CSV: give it the .xlsx extension",
    b"\xd0\xcf\x11\xe0": "this is an old Excel (.xls) file, not CSV: save it as .xlsx",
    b"%PDF": "this is a PDF file, not CSV",
}


def _read_pool() -> pyarrow.MemoryPool:
    """jemalloc where pyarrow has it, handing freed pages back at once: reading a big file then peaks lowest."""
    try:
        pool = pyarrow.jemalloc_memory_pool()
        pyarrow.jemalloc_set_decay_ms(0)
        return pool
    except NotImplementedError:
        return pyarrow.default_memory_pool()


_READ_POOL = _read_pool()


@dataclass
class RawTable:
    """The cells of one raw file under canonical headers, plus how the file was read."""

    path: Path
    kind: str
    frame: pd.DataFrame
    encoding: str
    delimiter: str | None
    sheet: str | None
    unknown_columns: list[str]
    # CSV rows with more fields than the header: left out of `frame`, to report as rejected
    malformed_rows: list[int] = field(default_factory=list)

    def rejections(self, name: str, malformed: str = "error") -> list[Rejection]:
        """The file-level problems to report under `name`: rows longer than the header, columns not used."""
        found = [Rejection(name, row, None, "malformed-row", None, malformed) for row in self.malformed_rows]
        if self.unknown_columns:
            found.append(Rejection(name, 1, None, "unknown-columns", ", ".join(self.unknown_columns), "warning"))
        return found


def file_kind(path: Path) -> str | None:
    """Input kind named by the start of a file name ('Events-2023.CSV' -> 'events'), or None."""
    match = _KIND_PREFIX.match(fold(Path(path).name))
    if match is None:
        return None
    return "member_states" if match[1].startswith("member") else match[1]


def read_table(path: Path, kind: str | None = None, done: Callable[[int], None] | None = None) -> RawTable:
    """Read one CSV/Excel file of a kind (named by the file, unless given); raises UnusableInput if unusable.

    `done(bytes)` is told how far into a CSV file the reading is, as it goes."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise UnusableInput(path, "old Excel format (.xls): save it as .xlsx")
    if suffix not in CSV_SUFFIXES + EXCEL_SUFFIXES:
        raise UnusableInput(path, f"unsupported file type {suffix or '(none)'}: use .csv or .xlsx")
    kind = kind or file_kind(path)
    if kind is None:
        raise UnusableInput(path, "file name must start with member_states, missions or events")
    try:
        size = path.stat().st_size
    except OSError as error:
        raise UnusableInput(path, f"cannot read the file ({error.strerror})") from None
    if size == 0:
        raise UnusableInput(path, "empty file")
    if suffix in EXCEL_SUFFIXES:
        return _read_excel(path, kind)
    return _read_csv(path, kind, done or (lambda position: None))


# --- CSV ---------------------------------------------------------------------------------


def _read_csv(path: Path, kind: str, done: Callable[[int], None]) -> RawTable:
    try:
        with path.open("rb") as handle:
            sample = handle.read(_SAMPLE_BYTES)
    except OSError as error:
        raise UnusableInput(path, f"cannot read the file ({error.strerror})") from None
    encoding = _sample_encoding(path, sample)
    header_line = _first_text_line(sample.decode(encoding, errors="replace"))
    if header_line is None:
        raise UnusableInput(path, "empty file (no text in the first 64 KB)")
    delimiter = _sniff_delimiter(header_line)
    width = len(next(csv.reader([header_line], delimiter=delimiter)))
    try:
        rows, malformed = _parse_csv(path, encoding, delimiter, width, done)
    except UnicodeDecodeError:
        if encoding == "cp1252":
            raise UnusableInput(path, "neither UTF-8 nor Windows-1252 text") from None
        encoding = "cp1252"
        try:
            rows, malformed = _parse_csv(path, encoding, delimiter, width, done)
        except UnicodeDecodeError:
            raise UnusableInput(path, "neither UTF-8 nor Windows-1252 text") from None
    data_rows = len(rows) - 1 + len(malformed)
    if len(malformed) * 2 > data_rows:
        raise UnusableInput(
            path, f"{len(malformed)} of {data_rows} rows have more fields than the header "
            f"({width}): check the delimiter and the quoting",
        )
    frame, unknown = _assemble(path, kind, rows, _csv_column_label)
    return RawTable(path, kind, frame, encoding, delimiter, None, unknown, malformed)


def _sample_encoding(path: Path, sample: bytes) -> str:
    """Encoding to try first, judged on the file's first bytes; refuses binary content."""
    for signature, reason in _SIGNATURES.items():
        if sample.startswith(signature):
            raise UnusableInput(path, reason)
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if b"\x00" in sample:
        raise UnusableInput(path, "binary content, not text")
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < len(sample) - 3:  # not just a character cut at the sample's end
            return "cp1252"
    return "utf-8-sig" if sample.startswith(b"\xef\xbb\xbf") else "utf-8"


def _first_text_line(text: str) -> str | None:
    for line in text.lstrip("\ufeff").splitlines():
        if line.strip():
            return line
    return None


def _sniff_delimiter(header_line: str) -> str:
    """The delimiter among tab, semicolon and comma that splits the header into most fields."""
    def field_count(delimiter: str) -> int:
        return len(next(csv.reader([header_line], delimiter=delimiter)))

    return max(("\t", ";", ","), key=field_count)


def _cp1252_for_what_is_not_utf8(error: UnicodeDecodeError) -> tuple[str, int]:
    """Decode the bytes that are not UTF-8 as Windows-1252: right for cp1252 files and for mixed ones."""
    return error.object[error.start:error.end].decode("cp1252"), error.end


codecs.register_error("migdash-cp1252", _cp1252_for_what_is_not_utf8)


def _decoding(encoding: str) -> dict[str, str]:
    """read_csv arguments for an encoding; 'cp1252' reads UTF-8 where it is valid, cp1252 elsewhere."""
    if encoding == "cp1252":
        return {"encoding": "utf-8", "encoding_errors": "migdash-cp1252"}
    return {"encoding": encoding, "encoding_errors": "strict"}


def _parse_csv(path: Path, encoding: str, delimiter: str, width: int, done: Callable[[int], None]):
    """Non-empty records as stripped text (positional columns, `row_number`) and malformed rows."""
    if encoding in ("utf-8", "utf-8-sig") and (fast := _parse_regular_csv(path, delimiter, width, done)) is not None:
        return fast, []
    return _parse_any_csv(path, encoding, delimiter, width, done)


def _parse_any_csv(path: Path, encoding: str, delimiter: str, width: int,
                   done: Callable[[int], None] = lambda position: None):
    """_parse_csv for any file: pandas' reader in chunks, with room for rows longer than the header."""
    chunks, malformed, records = [], [], 0
    size, per_record = path.stat().st_size, bytes_per_record(path)
    positions = range(width + _SPARE_FIELDS)
    try:
        reader = pd.read_csv(  # spare fields stay objects, NaN when empty: cheap to check
            path, sep=delimiter, header=None, names=positions,
            dtype={position: "str" if position < width else object for position in positions},
            keep_default_na=False, na_values={position: [""] for position in positions[width:]},
            skip_blank_lines=False, index_col=False, engine="c",
            chunksize=_CHUNK_ROWS, **_decoding(encoding),
        )
        with reader:
            for chunk in reader:
                rows, too_long = _clean_chunk(chunk, width)
                chunks.append(rows)
                malformed.extend(too_long)
                records += len(chunk)
                done(min(size, int(records * per_record)))  # pandas does not say where it is: a fair guess
    except pd.errors.EmptyDataError:
        raise UnusableInput(path, "empty file") from None
    except pd.errors.ParserError as error:
        raise UnusableInput(path, _parser_reason(str(error), width)) from None
    return (pd.concat(chunks) if chunks else pd.DataFrame()), malformed


def bytes_per_record(path: Path) -> float:
    """Average length of a line in the first bytes of a text file, at least 1 (OSError if it cannot be read)."""
    with path.open("rb") as handle:
        sample = handle.read(_SAMPLE_BYTES)
    return max(len(sample), 1) / max(sample.count(b"\n") + sample.count(b"\r") - sample.count(b"\r\n"), 1)


def _parse_regular_csv(path: Path, delimiter: str, width: int,
                       done: Callable[[int], None] = lambda position: None) -> pd.DataFrame | None:
    """What _parse_csv gives, read by Arrow's multithreaded parser when the file is plain (UTF-8 throughout, every
    record exactly as wide as the header, every quote closed); None for any other file, which the general reader
    then reads and reports on.

    Arrow keeps a blank line as a record of empty cells, so row numbers stay as they are read: record index + 1.
    It takes a quote left open at the end of the file as closed there: a last record is added after the file's
    bytes, and it comes back as itself only if no quote was left open (else it is read as part of the open cell)."""
    names = [str(position) for position in range(width)]
    sentinel = delimiter.join([_END_OF_FILE] * width)
    try:
        with _Appended(path, sentinel, done) as stream:
            table = pyarrow.csv.read_csv(
                stream, memory_pool=_READ_POOL,
                read_options=pyarrow.csv.ReadOptions(column_names=names, block_size=_ARROW_BLOCK_BYTES),
                parse_options=pyarrow.csv.ParseOptions(delimiter=delimiter, quote_char='"', double_quote=True,
                                                       escape_char=False, newlines_in_values=True,
                                                       ignore_empty_lines=False),
                convert_options=pyarrow.csv.ConvertOptions(
                    column_types=dict.fromkeys(names, pyarrow.large_string()), strings_can_be_null=False,
                    quoted_strings_can_be_null=False))
    except (pyarrow.ArrowInvalid, pyarrow.ArrowNotImplementedError, OSError):
        return None
    if stream.starts_with_two_byte_order_marks:  # pandas drops both: a file no editor writes, left to pandas
        return None
    if table.num_rows == 0 or any(table[name][-1].as_py() != _END_OF_FILE for name in names):
        return None
    table = table.slice(0, table.num_rows - 1)
    rows, columns = table.num_rows, table.columns
    del table  # each parsed column is let go as soon as its trimmed copy exists: the file is held once, not twice
    cells = []
    while columns:
        cells.append(_blank_to_null(pyarrow.compute.utf8_trim_whitespace(columns.pop(0), memory_pool=_READ_POOL)))
    numbered = pyarrow.table([*cells, numpy.arange(1, rows + 1, dtype=numpy.int64)], names=[*names, "row_number"])
    del cells
    filled = pyarrow.compute.is_valid(numbered[names[0]])
    for name in names[1:]:
        filled = pyarrow.compute.or_(filled, pyarrow.compute.is_valid(numbered[name]))
    if not pyarrow.compute.all(filled).as_py():  # blank records are dropped (they keep their numbers)
        numbered = numbered.filter(filled)
    frame = numbered.to_pandas(self_destruct=True)
    del numbered
    _READ_POOL.release_unused()  # what the parser and the trimming let go goes back to the system
    return frame.rename(columns={name: position for position, name in enumerate(names)})


class _Appended(io.RawIOBase):
    """A file's bytes, then a line end if it lacks one, then one more record: a stream for Arrow's CSV reader."""

    def __init__(self, path: Path, record: str, done: Callable[[int], None]):
        self._file, self._done, self._position = open(path, "rb"), done, 0
        size = os.fstat(self._file.fileno()).st_size
        self._file.seek(max(size - 1, 0))
        last = self._file.read(1)
        self._file.seek(0)
        self.starts_with_two_byte_order_marks = self._file.read(6) == codecs.BOM_UTF8 * 2
        self._file.seek(0)
        self._tail = (b"" if last in (b"\n", b"\r", b"") else b"\n") + record.encode("utf-8")

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        data = self._file.read(size)
        if data:
            self._position += len(data)
            self._done(self._position)
        if data or not self._tail:
            return data
        data, self._tail = self._tail[:size] if size >= 0 else self._tail, self._tail[size:] if size >= 0 else b""
        return data

    def close(self) -> None:
        self._file.close()
        super().close()


def _blank_to_null(column: pyarrow.ChunkedArray) -> pyarrow.ChunkedArray:
    """The column with its empty strings missing: the same text buffers, a validity bitmap that leaves them out.

    (Large strings, as pandas keeps them: the frame then takes the buffers as they are.)"""
    chunks = []
    for cells in column.chunks:
        if cells.offset or cells.null_count:  # not what the parser and trimming give; kept correct all the same
            cells = pyarrow.compute.if_else(pyarrow.compute.equal(cells, ""), None, cells)
        else:
            filled = pyarrow.compute.not_equal(cells, "", memory_pool=_READ_POOL)
            _, offsets, text = cells.buffers()
            cells = pyarrow.LargeStringArray.from_buffers(len(cells), offsets, text, filled.buffers()[1])
        chunks.append(cells)
    return pyarrow.chunked_array(chunks, pyarrow.large_string())


def _clean_chunk(chunk: pd.DataFrame, width: int) -> tuple[pd.DataFrame, list[int]]:
    """Stripped, non-empty rows of a chunk, and the numbers of rows longer than the header."""
    cleaned = {}
    for column in range(width):
        stripped = chunk[column].str.strip()
        cleaned[column] = stripped.mask(stripped == "")
    frame = pd.DataFrame(cleaned, index=chunk.index)
    frame["row_number"] = frame.index + 1
    too_long = pd.Series(False, index=chunk.index)
    for column in range(width, width + _SPARE_FIELDS):
        filled = chunk[column].notna()
        if filled.any():
            too_long |= filled & chunk[column].where(filled, "").str.strip().ne("")
    malformed = frame.loc[too_long, "row_number"].tolist()
    return frame.loc[~too_long & frame[list(range(width))].notna().any(axis=1)], malformed


def _parser_reason(message: str, width: int) -> str:
    """Short reason from a pandas tokenizer error (its line numbers are 1-based, rows 0-based)."""
    if match := re.search(r"line (\d+), saw (\d+)", message):
        return f"line {match[1]} has {match[2]} fields but the header has {width}"
    if match := re.search(r"EOF inside string starting at row (\d+)", message):
        return f"the quote opened in row {int(match[1]) + 1} is never closed"
    return "not a readable CSV file (" + message.strip().splitlines()[-1] + ")"


# --- Excel -------------------------------------------------------------------------------


def _read_excel(path: Path, kind: str) -> RawTable:
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        raise UnusableInput(path, "not a readable Excel workbook") from None
    try:
        sheet, rows = _first_sheet_with_header(path, kind, workbook)
    finally:
        workbook.close()
    frame, unknown = _assemble(path, kind, rows, _excel_column_label)
    return RawTable(path, kind, frame, "utf-8", None, sheet, unknown)


def _first_sheet_with_header(path: Path, kind: str, workbook) -> tuple[str, pd.DataFrame]:
    """Name and non-empty rows (header first) of the first visible sheet with the kind's headers."""
    first_seen = None
    for sheet in workbook.worksheets:
        if sheet.sheet_state != "visible":
            continue
        sheet.reset_dimensions()  # some writers store a wrong sheet size
        numbered_rows = enumerate(sheet.iter_rows(values_only=True), start=1)
        top = _non_empty_rows(numbered_rows, limit=_HEADER_SEARCH_ROWS)
        for position, (_, cells) in enumerate(top):
            if not _missing_required(kind, cells):
                body = top[position:] + _non_empty_rows(numbered_rows, limit=None)
                return sheet.title, _rows_frame(body)
        if first_seen is None and top:
            first_seen = (sheet.title, top[0][1])
    if first_seen is None:
        raise UnusableInput(path, "no header row: the workbook has no visible data")
    title, cells = first_seen
    missing = ", ".join(_missing_required(kind, cells))
    raise UnusableInput(
        path, f"no visible sheet has the {missing} column; sheet {title!r} has {_listing(cells)}"
    )


def _non_empty_rows(numbered_rows, limit: int | None) -> list[tuple[int, list[str | None]]]:
    """(row number, cell texts) of the next non-empty rows from (number, values) pairs."""
    found = []
    for number, values in numbered_rows:
        cells = [_cell_text(value) for value in values]
        if any(cell is not None for cell in cells):
            found.append((number, cells))
            if limit is not None and len(found) >= limit:
                break
    return found


def _cell_text(value) -> str | None:
    """A cell as a spreadsheet user reads it: dates as ISO, 2015.0 as '2015', blanks as None."""
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    text = str(value).strip()
    return text or None


def _rows_frame(rows: list[tuple[int, list[str | None]]]) -> pd.DataFrame:
    width = max(len(cells) for _, cells in rows)
    padded = [cells + [None] * (width - len(cells)) for _, cells in rows]
    frame = pd.DataFrame(padded, dtype="str")
    frame["row_number"] = [number for number, _ in rows]
    return frame


# --- shared: headers -> canonical frame ----------------------------------------------------


def _assemble(path: Path, kind: str, rows: pd.DataFrame, column_label):
    """Canonical frame and unknown columns from the rows: header row first, then the body."""
    if rows.empty:
        raise UnusableInput(path, "no header row: the file has no data")
    header = [rows[column].iloc[0] for column in rows.columns if column != "row_number"]
    header = [None if pd.isna(cell) else cell for cell in header]
    body = rows.iloc[1:]
    columns = _header_columns(path, kind, header)
    unknown = _unknown_columns(header, columns, body, column_label)
    ordered = [name for name in FIELDS[kind] if name in columns]
    frame = pd.DataFrame({name: body[columns[name]] for name in ordered})
    frame["row_number"] = body["row_number"].astype("int64")
    return frame.reset_index(drop=True), unknown


def _header_columns(path: Path, kind: str, header: list[str | None]) -> dict[str, int]:
    """Canonical field -> column position; refuses duplicates and missing required fields."""
    columns: dict[str, int] = {}
    for position, cell in enumerate(header):
        name = canonical_header(kind, cell) if cell else None
        if name is None:
            continue
        if name in columns:
            first = header[columns[name]]
            raise UnusableInput(path, f"columns {first!r} and {cell!r} both mean {name}")
        columns[name] = position
    missing = _missing_required(kind, header)
    if missing:
        raise UnusableInput(
            path, f"no {', '.join(missing)} column in the header row ({_listing(header)})"
        )
    return columns


def _unknown_columns(header, columns: dict[str, int], body: pd.DataFrame, column_label):
    """Headers we do not recognize, and unnamed columns that hold data."""
    known = set(columns.values())
    unknown = []
    for position, cell in enumerate(header):
        if position in known:
            continue
        if cell is not None:
            unknown.append(cell)
        elif body[position].notna().any():
            unknown.append(f"column {column_label(position)} (no header)")
    return unknown


def _missing_required(kind: str, cells: list[str | None]) -> list[str]:
    present = {canonical_header(kind, cell) for cell in cells if cell}
    return [name for name in REQUIRED[kind] if name not in present]


def _listing(cells: list[str | None]) -> str:
    named = [repr(cell) for cell in cells if cell]
    return "headers: " + ", ".join(named[:12]) if named else "no headers"


def _csv_column_label(position: int) -> str:
    return str(position + 1)


def _excel_column_label(position: int) -> str:
    return get_column_letter(position + 1)
