"""Press releases in data/raw/press/ become event rows (origin: press), with analysts' overrides applied.

`press/overrides.csv` (event_id, field, value) holds corrections to extracted fields; every refresh applies
them, so a correction survives. It is read like any raw table (any common encoding and delimiter, headers in
en/fr/es); a row naming a field that cannot be corrected is reported, not ignored. Each extracted field keeps
its confidence for the review list.
"""

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from scripts.normalize.headers import header_key
from scripts.press.document import SUFFIXES, read_documents
from scripts.press.extract import Extraction, Extractor
from scripts.report import FileReport, Rejection
from scripts.sources.staging import SourceFile
from scripts.sources.tabular import read_table

FOLDER = "press"
OVERRIDES = "overrides.csv"
FIELDS = ("title", "start_date", "end_date", "city", "country", "participants", "organizations", "themes",
          "summary", "source_url", "is_sample")
REVIEWED = ("start_date", "end_date", "city", "country", "participants", "organizations", "themes")


@dataclass
class PressFile:
    """One press file read: its event rows and each row's field confidences."""

    source: SourceFile
    confidences: list[tuple[str, str, str, float, bool]]  # event_id, field, value, confidence, overridden


def press_files(raw_dir: Path) -> list[Path]:
    """Press release files in raw_dir/press, sorted, links out of the folder left out."""
    folder = raw_dir / FOLDER
    if not folder.is_dir():
        return []
    inside = folder.resolve()
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES
                  and not p.name.startswith(".") and p.resolve().is_relative_to(inside))


def read_overrides(raw_dir: Path) -> tuple[dict[str, dict[str, str]], list[Rejection]]:
    """event_id -> field -> corrected value from press/overrides.csv, and the rows that could not be used.

    Raises UnusableInput when the file cannot be read as a table of event_id, field and value.
    """
    path = raw_dir / FOLDER / OVERRIDES
    if not path.is_file():
        return {}, []
    table = read_table(path, "press_overrides")
    name = f"{FOLDER}/{OVERRIDES}"
    problems = table.rejections(name, malformed="warning")
    known = {header_key(field): field for field in FIELDS}
    corrections: dict[str, dict[str, str]] = {}
    for row in table.frame.itertuples(index=False):
        missing = next((column for column in ("event_id", "field") if pd.isna(getattr(row, column))), None)
        field = None if missing else known.get(header_key(row.field))
        if missing:
            problems.append(Rejection(name, row.row_number, missing, "missing-value", None, "warning"))
        elif field is None:
            problems.append(Rejection(name, row.row_number, "field", "unknown-override-field", row.field, "warning"))
        else:
            corrections.setdefault(row.event_id, {})[field] = "" if pd.isna(row.value) else row.value
    return corrections, problems


def read_press_file(path: Path, extractor: Extractor, overrides: dict[str, dict[str, str]],
                    report: FileReport) -> PressFile:
    """Extract every release of one file into event rows (row number = the release's place in the file)."""
    name = report.source_file
    rows, confidences = [], []
    for number, document in enumerate(read_documents(path), start=1):
        extraction = extractor.extract(document)
        event_id = _event_id(name, number, extraction)
        fields = {**_fields(extraction), "is_sample": "true" if document.sample else None}
        corrected = overrides.get(event_id, {})
        fields.update(corrected)
        rows.append({"event_id": event_id, "row_number": number, "origin": "press", **fields})
        confidences += [(event_id, field, fields.get(field) or "", 1.0 if field in corrected
                         else extraction.confidence.get(_confidence_key(field), 0.0), field in corrected)
                        for field in REVIEWED]
    frame = pd.DataFrame(rows, columns=["event_id", "row_number", "origin", *FIELDS], dtype="str")
    frame["row_number"] = frame["row_number"].astype("int64")
    return PressFile(SourceFile(name, frame, report), confidences)


def _event_id(name: str, number: int, extraction: Extraction) -> str:
    """Stable id: the release's address when it has one, else its file and place in the file."""
    key = extraction.url or f"{name}#{number}"
    return "press-" + hashlib.md5(key.encode("utf-8")).hexdigest()[:12]


def _fields(extraction: Extraction) -> dict[str, str | None]:
    return {
        "title": extraction.title or None,
        "start_date": extraction.start_date.isoformat() if extraction.start_date else None,
        "end_date": extraction.end_date.isoformat() if extraction.end_date else None,
        "city": extraction.city,
        "country": extraction.iso3,
        "participants": ";".join(extraction.countries) or None,
        "organizations": ";".join(extraction.organizations) or None,
        "themes": ";".join(extraction.themes) or None,
        "summary": extraction.summary or None,
        "source_url": extraction.url,
    }


def _confidence_key(field: str) -> str:
    return {"country": "iso3", "participants": "countries"}.get(field, field)
