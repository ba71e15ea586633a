"""The `migdash` command: parse arguments, call the pipeline, print, exit with a meaningful code."""

import argparse
import datetime
import json
import sys
import time
import traceback
from pathlib import Path

from scripts import backend, defects
from scripts import refresh as refreshing
from scripts.normalize.countries import CountryResolver
from scripts.progress import for_terminal
from scripts.report import LoadReport, Rejection, UnusableInput, file_label

EXIT_OK, EXIT_REJECTED, EXIT_UNUSABLE, EXIT_INTERNAL = 0, 1, 2, 3
SHOWN = 20
UNITS = {"iati": "activities "}  # what a file's counts count, where it is not rows


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `migdash` console script."""
    args = build_parser().parse_args(argv)
    return args.run(args)


def build_parser() -> argparse.ArgumentParser:
    """The `migdash` command line: every command, option and help text (the README documents each one)."""
    parser = argparse.ArgumentParser(prog="migdash", description="Load and check migdash data.")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")
    refresh = commands.add_parser("refresh", help="load every file in the raw folder into a new warehouse",
                                  description="Load every file in the raw folder into a new warehouse; "
                                              "the old one stays in place if anything is unusable.")
    refresh.add_argument("--raw", type=Path, default=refreshing.RAW_DIR, help="raw folder (default: data/raw)")
    refresh.add_argument("--warehouse", help="store to write: a DuckDB file or a postgresql:// URL (default: "
                                             "$MIGDASH_WAREHOUSE or data/warehouse/migdash.duckdb)")
    refresh.add_argument("--strict", action="store_true", help="exit 1 if any row was rejected")
    refresh.add_argument("--json", action="store_true", help="print the report as JSON")
    refresh.add_argument("--traceback", action="store_true",
                         help="on an internal error, print its traceback (it is always kept in the defect log)")
    refresh.set_defaults(run=_refresh)
    countries = commands.add_parser("countries", help="country names")
    country_commands = countries.add_subparsers(required=True, metavar="ACTION")
    resolve = country_commands.add_parser("resolve", help="resolve names (arguments, or stdin one per line)",
                                          description="Print name<TAB>ISO3<TAB>how (exact|alias|fuzzy), or "
                                                      "name<TAB>-<TAB>not-found. Never guesses.")
    resolve.add_argument("names", nargs="*", metavar="NAME",
                         help="a country name in any form; without any, names are read from stdin, one per line")
    resolve.set_defaults(run=_resolve)
    extract = commands.add_parser("extract", help="read press releases (txt, md, html, RSS/Atom) as event records",
                                  description="Read press releases in English, French or Spanish and print the "
                                              "event each one reports: title, language, dates, host city and "
                                              "country, participating countries, organizations, themes, and a "
                                              "confidence per field. Contact details are never printed.")
    extract.add_argument("files", nargs="+", type=Path, metavar="FILE",
                         help="a press release (.txt, .md, .html) or an RSS/Atom feed file (one event per item)")
    extract.add_argument("--published", type=datetime.date.fromisoformat, metavar="YYYY-MM-DD",
                         help="publication date for files that state none (gives the year to '3 to 5 June')")
    extract.add_argument("--json", action="store_true",
                         help="one JSON object per file (an array for several)")
    extract.set_defaults(run=_extract)
    return parser


def _refresh(args: argparse.Namespace) -> int:
    started = time.monotonic()
    progress = for_terminal(sys.stderr, quiet=args.json, started=started)
    store = backend.locate(args.warehouse)
    try:
        try:
            report = refreshing.refresh(args.raw, store, progress=progress)
        finally:
            progress.close()
    except UnusableInput as exc:
        _unusable(exc, args.json)
        return EXIT_UNUSABLE
    except Exception as exc:  # a defect in migdash, not in the data: kept with its traceback, shown on request
        log = defects.record(store, "migdash refresh", exc)
        if args.traceback:
            traceback.print_exception(exc, file=sys.stderr)
        kept = f" The traceback is in {log}." if log else ""
        print(f"migdash refresh: internal error ({type(exc).__name__}: {exc}). The previous warehouse was left "
              f"untouched.{kept} Please report it with the files of the raw folder"
              f"{'' if args.traceback else ' (--traceback prints it)'}.", file=sys.stderr)
        return EXIT_INTERNAL
    elapsed = time.monotonic() - started
    print(json.dumps(_as_json(report, elapsed), ensure_ascii=False, indent=2) if args.json
          else _as_text(report, elapsed))
    return EXIT_REJECTED if args.strict and report.rows_rejected else EXIT_OK


def _unusable(exc: UnusableInput, as_json: bool) -> None:
    """Name every unusable file of the run and its reason (JSON: the first as file/reason, all as unusable)."""
    problems = [{"file": file_label(str(problem.path)), "reason": problem.reason} for problem in exc.problems]
    if as_json:
        print(json.dumps({"status": "failed", **problems[0], "unusable": problems}, ensure_ascii=False))
        return
    if len(problems) == 1:
        print(f"migdash refresh: unusable input: {problems[0]['file']}: {problems[0]['reason']}", file=sys.stderr)
    else:
        print(f"migdash refresh: {len(problems)} unusable input files:", file=sys.stderr)
        for problem in problems:
            print(f"  {problem['file']}: {problem['reason']}", file=sys.stderr)
    print("The previous warehouse was left untouched.", file=sys.stderr)


def _as_json(report: LoadReport, elapsed: float) -> dict:
    return {
        "status": "ok", "run_id": report.run_id, "seconds": round(elapsed, 2),
        "rows_read": report.rows_read, "rows_loaded": report.rows_loaded, "rows_rejected": report.rows_rejected,
        "files": [vars(f) for f in report.files], "ignored_files": report.ignored_files,
        "tables": report.table_counts, "changes": report.changes,
        "rejections": [{"file": r.source_file, "row": r.row_number, "field": r.field, "severity": r.severity,
                        "code": r.code, "value": r.value, "message": r.message,
                        "record": r.record} for r in report.rejections],
        "name_matches": [dict(zip(("field", "value", "matched", "how", "rows"), m)) for m in report.name_matches],
    }


def _as_text(report: LoadReport, elapsed: float) -> str:
    lines = [f"Refresh {report.run_id}: {len(report.files)} files, {report.rows_read:,} rows read, "
             f"{report.rows_loaded:,} loaded, {report.rows_rejected:,} rejected ({elapsed:.1f} s)", ""]
    width = max((len(f.source_file) for f in report.files), default=10)
    lines += [f"  {f.source_file:<{width}}  {f.kind:<13} {f.rows_read:>9,} {UNITS.get(f.kind, '')}read "
              f"{f.rows_loaded:>9,} loaded {f.rows_rejected:>7,} rejected" for f in report.files]
    lines += [f"  {name:<{width}}  ignored: not a member_states, missions or events file"
              for name in report.ignored_files]
    lines += ["", "Tables: " + ", ".join(f"{t} {n:,}" for t, n in report.table_counts.items())]
    lines += ["Changes since the last refresh: " + "; ".join(
        f"{t} +{c['added']:,} -{c['removed']:,} ~{c['changed']:,}" for t, c in report.changes.items())]
    for severity, title in (("error", "Rejected rows"), ("warning", "Values dropped (rows kept)")):
        found = [r for r in report.rejections if r.severity == severity]
        if found:
            lines += ["", f"{title}: {len(found):,}"]
            lines += [f"  {r.source_file}{_where(r)} {r.field or ''}: {r.code}: {r.message}" for r in found[:SHOWN]]
            if len(found) > SHOWN:
                lines.append(f"  ... {len(found) - SHOWN:,} more (see --json, or the Data quality page)")
    fuzzy = [m for m in report.name_matches if m[3] == "fuzzy"]
    if fuzzy:
        lines += ["", "Names matched fuzzily (check them):"]
        lines += [f"  {field} '{value}' -> {matched} ({rows:,} rows)" for field, value, matched, _, rows in fuzzy]
    return "\n".join(lines)


def _where(r: Rejection) -> str:
    """' row N', or for a record with its own identifier (an IATI activity) ' line N (identifier)'."""
    if r.row_number is None:
        return ""
    if r.record is None:
        return f" line {r.row_number}" if r.source_file.endswith(".xml") else f" row {r.row_number}"
    return f" line {r.row_number} ({file_label(r.record)})"


def _resolve(args: argparse.Namespace) -> int:
    names = args.names or [line.rstrip("\r\n") for line in sys.stdin]
    resolver = CountryResolver.from_reference()
    matches = resolver.resolve_many(n for n in names if n.strip())
    for name in names:
        if not name.strip():
            continue
        match = matches.get(name)
        print(f"{name}\t{match.iso3}\t{match.how}" if match else f"{name}\t-\tnot-found")
    return EXIT_OK


def _extract(args: argparse.Namespace) -> int:
    from scripts.press.document import UnreadableDocument, read_documents
    from scripts.press.extract import Extractor

    documents, unreadable = [], []
    for path in args.files:
        try:
            documents += read_documents(path)
        except UnreadableDocument as exc:
            unreadable.append(exc)
    for exc in unreadable:
        print(f"migdash extract: cannot read {exc.path}: {exc.reason}", file=sys.stderr)
    if unreadable:
        return EXIT_UNUSABLE
    extractor = Extractor.from_reference()
    extractions = [extractor.extract(document, args.published) for document in documents]
    if args.json:
        records = [extraction.as_record() for extraction in extractions]
        print(json.dumps(records[0] if len(records) == 1 else records, ensure_ascii=False, indent=2))
    else:
        print("\n\n".join(extraction.as_text() for extraction in extractions))
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
