"""A corpus of broken input files, each with its expected outcome (the README's table lists them).

Every case is refreshed beside a good events file. Expected: a clear error naming the file and the reason
(exit 2, previous warehouse untouched), or rejections naming file, row and reason; never a traceback; no good
row lost.
"""

import json
import resource
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb
import openpyxl
import pytest

from scripts.cli import main
from tools.sample_events import write_bench_file

HEADER = "event_id,title,event_type,start_date,end_date,country\n"
GOOD = HEADER + "G1,Good workshop,workshop,2019-05-01,2019-05-02,Senegal\nG2,Good meeting,meeting,2020-02-03,,Mali\n"


@dataclass(frozen=True)
class Case:
    name: str
    write: Callable[[Path], None]
    exit_code: int
    reason: str = ""                               # words the fatal message must contain
    rejected: tuple[tuple[int, str], ...] = ()     # (row, code) of the errors expected in the bad file
    loaded: tuple[str, ...] = ()                   # event ids of the bad file that must load


def text(name: str, content: str, encoding: str = "utf-8") -> Callable[[Path], None]:
    return lambda folder: (folder / name).write_bytes(content.encode(encoding))


def raw_bytes(name: str, content: bytes) -> Callable[[Path], None]:
    return lambda folder: (folder / name).write_bytes(content)


def press(name: str, content: str) -> Callable[[Path], None]:
    def write(folder: Path) -> None:
        (folder / "press").mkdir(exist_ok=True)
        (folder / "press" / name).write_text(content, encoding="utf-8")
    return write


def workbook(name: str, rows: list[list], *, hidden_first: bool = False, merge: str | None = None):
    def write(folder: Path) -> None:
        book = openpyxl.Workbook()
        sheet = book.active
        if hidden_first:
            sheet.title, sheet.sheet_state = "notes", "hidden"
            sheet.append(["internal notes, not data"])
            sheet = book.create_sheet("events")
        for row in rows:
            sheet.append(row)
        if merge:
            sheet.merge_cells(merge)
        book.save(folder / name)
    return write


EXCEL_HEADER = ["event_id", "title", "event_type", "start_date", "end_date", "country"]
CASES = [
    Case("truncated CSV (last row cut)", text("events_cut.csv", HEADER + "T1,Fine,meeting,2019-01-01,,Chad\nT2,Cut"),
         0, rejected=((3, "missing-value"),), loaded=("T1",)),
    Case("unclosed quote", text("events_quote.csv", HEADER + 'Q1,"Never closed,meeting,2019-01-01,,Chad\n'),
         2, reason="quote"),
    Case("wrong delimiter", text("events_pipe.csv", HEADER.replace(",", "|") + "P1|x|meeting|2019-01-01||Chad\n"),
         2, reason="title"),
    Case("UTF-8 and cp1252 mixed", raw_bytes("events_mixed.csv", (HEADER + "M1,Réunion,meeting,2019-01-01,,Sénégal\n")
                                              .encode() + "M2,Atelier régional,workshop,2019-02-01,,Bénin\n"
                                              .encode("cp1252")), 0, loaded=("M1", "M2")),
    Case("UTF-8 with BOM", text("events_bom.csv", "\ufeff" + HEADER + "B1,Bom,meeting,2019-01-01,,Chad\n"),
         0, loaded=("B1",)),
    Case("empty file", text("events_empty.csv", ""), 2, reason="empty"),
    Case("header only", text("events_header.csv", HEADER), 0),
    Case("duplicate headers", text("events_dup.csv", "title,titre,start_date\nA,B,2019-01-01\n"), 2,
         reason="title"),
    Case("missing required header", text("events_nohead.csv", "event_id,country\nX1,Chad\n"), 2, reason="title"),
    Case("binary named .csv", raw_bytes("events_bin.csv", bytes(range(256)) * 64), 2, reason="binary"),
    Case("old Excel .xls", raw_bytes("events_old.xls", b"\xd0\xcf\x11\xe0" + b"\x00" * 512), 2, reason=".xlsx"),
    Case("corrupt .xlsx", raw_bytes("events_corrupt.xlsx", b"PK\x03\x04 not really a zip"), 2, reason="excel"),
    Case("Excel formula without saved result", workbook("events_formula.xlsx", [
        EXCEL_HEADER, ["F1", "=CONCAT(\"a\",\"b\")", "meeting", "2019-01-01", None, "Chad"],
        ["F2", "Plain title", "meeting", "2019-01-02", None, "Chad"]]), 0,
         rejected=((2, "missing-value"),), loaded=("F2",)),
    Case("Excel merged cells", workbook("events_merged.xlsx", [
        EXCEL_HEADER, ["X1", "Merged title", "meeting", "2019-01-01", None, "Chad"],
        ["X2", None, "meeting", "2019-01-02", None, "Chad"]], merge="B2:B3"), 0,
         rejected=((3, "missing-value"),), loaded=("X1",)),
    Case("Excel hidden first sheet", workbook("events_hidden.xlsx", [
        EXCEL_HEADER, ["H1", "Visible", "meeting", "2019-01-01", None, "Chad"]], hidden_first=True), 0,
         loaded=("H1",)),
    Case("Excel dates as text", workbook("events_textdates.xlsx", [
        EXCEL_HEADER, ["D1", "Text dates", "meeting", "18/08/2015", "20 août 2015", "Chad"],
        ["D2", "Real date", "meeting", datetime(2016, 3, 5), None, "Chad"]]), 0, loaded=("D1", "D2")),
    Case("dates in 1900 and 2100", text("events_years.csv", HEADER + "Y1,Old,meeting,1900-01-01,,Chad\n"
                                                                     "Y2,Future,meeting,2100-01-01,,Chad\n"),
         0, rejected=((2, "implausible-date"), (3, "implausible-date"))),
    Case("end before start", text("events_backwards.csv", HEADER + "E1,Backwards,meeting,2019-05-10,2019-05-01,Chad\n"),
         0, rejected=((2, "end-before-start"),)),
    Case("unknown country", text("events_atlantis.csv", HEADER + "U1,Where,meeting,2019-05-10,,Atlantis\n"),
         0, rejected=((2, "unknown-country"),)),
    Case("HTML press release with scripts", press("evil.html", (
        "<html><head><title>Workshop in Dakar</title><script>alert('x')</script></head><body><p>Dakar, 5 May 2023 - "
        "Officials from Senegal and Mali met in Dakar from 3 to 4 May 2023 for a workshop organized by IOM.</p>"
        "<script>document.write('Niger')</script></body></html>")), 0),
    Case("XML entity bomb in a feed", press("bomb.rss", (
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><rss><channel><item><title>&c;</title></item></channel></rss>')),
         2, reason="entit"),
    Case("duplicate ids", text("events_twice.csv", HEADER + "I1,First,meeting,2019-05-10,,Chad\n"
                                                            "I1,Second,meeting,2019-06-10,,Chad\n"),
         0, rejected=((3, "duplicate-key"),), loaded=("I1",)),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input_gets_a_clear_outcome_and_loses_no_good_row(case, tmp_path, capsys):
    raw, store = tmp_path / "raw", tmp_path / "wh" / "migdash.duckdb"
    raw.mkdir()
    (raw / "events_good.csv").write_text(GOOD, encoding="utf-8")
    assert main(["refresh", "--raw", str(raw), "--warehouse", str(store)]) == 0
    before = store.read_bytes()
    capsys.readouterr()
    case.write(raw)
    code = main(["refresh", "--raw", str(raw), "--warehouse", str(store), "--json"])
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    assert code == case.exit_code, out.out
    report = json.loads(out.out)
    if case.exit_code == 2:
        assert report["status"] == "failed" and case.reason.lower() in report["reason"].lower()
        assert store.read_bytes() == before
        return
    bad_file = next(f["source_file"] for f in report["files"] if f["source_file"] != "events_good.csv")
    if bad_file.startswith("press/"):
        assert {f["kind"] for f in report["files"] if f["source_file"] == bad_file} == {"press"}
    errors = {(r["row"], r["code"]) for r in report["rejections"] if r["file"] == bad_file and r["severity"] == "error"}
    assert errors == set(case.rejected)
    with duckdb.connect(str(store), read_only=True) as con:
        ids = {row[0] for row in con.execute("SELECT event_id FROM events").fetchall()}
    assert {"G1", "G2", *case.loaded} <= ids


def test_a_file_of_hundreds_of_megabytes_loads_in_bounded_memory(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    write_bench_file(raw / "events_huge.csv", 700_000, seed=7)
    assert (raw / "events_huge.csv").stat().st_size > 200 * 2**20
    command = [sys.executable, "-m", "scripts.cli", "refresh", "--raw", str(raw),
               "--warehouse", str(tmp_path / "huge.duckdb"), "--json"]
    done = subprocess.run(command, cwd=Path(__file__).resolve().parents[1], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout)
    assert report["rows_read"] == 700_000
    assert report["rows_loaded"] + report["rows_rejected"] == 700_000
    assert resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss < 2 * 2**20  # KiB: under 2 GiB
