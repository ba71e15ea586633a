"""Press releases in data/raw/press/ become event rows (origin: press), with analysts' overrides applied.

`press/overrides.csv` (event_id, field, value) holds corrections to extracted fields; every refresh applies
them, so a correction survives. Each extracted field keeps its confidence for the review list.
"""

import csv
import hashlib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from scripts.press.document import SUFFIXES, read_documents
from scripts.press.extract import Extraction, Extractor
from scripts.report import FileReport
from scripts.sources.staging import SourceFile

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


def read_overrides(raw_dir: Path) -> dict[str, dict[str, str]]:
    """event_id -> field -> corrected value, from press/overrides.csv (empty if there is none)."""
    path = raw_dir / FOLDER / OVERRIDES
    if not path.is_file():
        return {}
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    corrections: dict[str, dict[str, str]] = {}
    for row in rows:
        event_id, field = (row.get("event_id") or "").strip(), (row.get("field") or "").strip()
        if event_id and field in FIELDS:
            corrections.setdefault(event_id, {})[field] = (row.get("value") or "").strip()
    return corrections


def read_press_file(path: Path, raw_dir: Path, extractor: Extractor,
                    overrides: dict[str, dict[str, str]], report: FileReport) -> PressFile:
    """Extract every release of one file into event rows (row number = the release's place in the file)."""
    name = str(path.relative_to(raw_dir))
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
