"""Errors are data: Rejection rows and the LoadReport of one refresh."""

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # a newline or a terminal escape in a name must not reach a screen
MESSAGES = {
    "missing-value": "{field} is empty",
    "unknown-country": "'{value}' is not a country we know",
    "unknown-city": "city '{value}' is not in the gazetteer; placed at the country's centre",
    "unknown-organization": "'{value}' is not a known organization",
    "unknown-code": "'{value}' is not a known {field}",
    "bad-date": "'{value}' is not a date",
    "implausible-date": "'{value}' is before 1951 (the organization's founding) or over ten years ahead",
    "ambiguous-date-order": "dates such as '{value}' could be day-first or month-first",
    "end-before-start": "end {value} is before the start",
    "duplicate-key": "{field} '{value}' already appears in an earlier row",
    "bad-number": "'{value}' is not a whole number",
    "bad-decimal": "'{value}' is not a number",
    "bad-percentages": "the {field} percentages add up to {value}, not 100",
    "unreadable-xml": "not readable as XML: {value}",
    "unknown-columns": "columns not used: {value}",
    "unknown-override": "no press release has the id '{value}': the correction was not applied",
    "unknown-override-field": "'{value}' is not a field a correction can set: the correction was not applied",
    "malformed-row": "the row has more fields than the header: check the delimiter and the quoting",
    "file-name-not-utf8": "the file name is not UTF-8 text (as names from old zip files are): shown as '{value}'",
    "unreadable-previous-store": "the previous warehouse could not be read (torn, or not a warehouse): it was set "
                                 "aside as '{value}' and the history of earlier refreshes starts over",
}


class UnusableInput(Exception):
    """A file (or a database store) that cannot be loaded at all; `reason` is short and human."""

    def __init__(self, path: Path, reason: str):
        super().__init__(path, reason)
        self.path = Path(path) if isinstance(path, str | os.PathLike) else path
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.path.name}: {self.reason}"

    @property
    def problems(self) -> list["UnusableInput"]:
        """Every unusable file this error stands for (one here; a refresh gathers several)."""
        return [self]


@dataclass(frozen=True)
class Rejection:
    source_file: str
    row_number: int | None
    field: str | None
    code: str
    value: str | None
    severity: str = "error"
    record: str | None = None  # the record's own identifier where rows have one (an IATI activity)

    @property
    def message(self) -> str:
        """The problem in words."""
        return message(self.code, self.field, self.value)


def message(code: str, field: str | None, value: str | None) -> str:
    """Human text for a rejection code."""
    return MESSAGES.get(code, code).format(field=field or "", value=value or "")


def file_label(name: str) -> str:
    """A file name as printable text: bytes that are not UTF-8, and control characters, written as \\xNN."""
    text = name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return _CONTROL.sub(lambda found: f"\\x{ord(found[0]):02x}", text)


@dataclass
class FileReport:
    source_file: str
    kind: str
    sha256: str
    modified_at: str
    encoding: str | None = None
    rows_read: int = 0
    rows_loaded: int = 0
    rows_rejected: int = 0


@dataclass
class LoadReport:
    run_id: int = 0
    files: list[FileReport] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    name_matches: list[tuple[str, str, str, str, int]] = field(default_factory=list)
    table_counts: dict[str, int] = field(default_factory=dict)
    changes: dict[str, dict[str, int]] = field(default_factory=dict)
    ignored_files: list[str] = field(default_factory=list)

    @property
    def rows_read(self) -> int:
        """Data rows in all files."""
        return sum(f.rows_read for f in self.files)

    @property
    def rows_loaded(self) -> int:
        """Rows that made it into the warehouse."""
        return sum(f.rows_loaded for f in self.files)

    @property
    def rows_rejected(self) -> int:
        """Rows kept out of the warehouse."""
        return sum(f.rows_rejected for f in self.files)

    def flat(self) -> list[list[object]]:
        """[file, row, field, code] of every rejection: what tests assert on."""
        return [[r.source_file, r.row_number, r.field, r.code] for r in self.rejections]
