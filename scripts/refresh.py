"""One refresh: read sources -> normalize -> validate -> build a new warehouse -> swap it in."""

import functools
import hashlib
import json
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from scripts import backend, history, reference, warehouse
from scripts.press.document import UnreadableDocument
from scripts.press.extract import Extractor
from scripts.progress import Progress
from scripts.report import FileReport, LoadReport, Rejection, UnusableInput, file_label
from scripts.schema import BY_NAME
from scripts.sources import events, iati, member_states, missions, press
from scripts.sources.context import Context
from scripts.sources.staging import SourceFile
from scripts.sources.tabular import CSV_SUFFIXES, EXCEL_SUFFIXES, bytes_per_record, file_kind, read_table

RAW_DIR = Path(__file__).resolve().parents[1] / "data" / "raw"
DEMO_DIR = RAW_DIR.with_name("demo")  # illustrative data, frozen: for tests, benchmarks and `make demo`
LOADERS = {"member_states": member_states.load, "missions": missions.load, "events": events.load}
TABLE_FILES = (*CSV_SUFFIXES, *EXCEL_SUFFIXES, ".xls")  # .xls is named, to be refused with a reason
QUIET = Progress()


class UnusableFiles(UnusableInput):
    """Every file of a run that cannot be loaded at all, each with its reason; path and reason are the first's."""

    def __init__(self, problems: list[UnusableInput]):
        super().__init__(problems[0].path, problems[0].reason)
        self._problems = problems

    @property
    def problems(self) -> list[UnusableInput]:
        """Every unusable file of the run."""
        return self._problems

    def __str__(self) -> str:
        return "; ".join(str(problem) for problem in self.problems)


def discover(raw_dir: Path) -> tuple[list[Path], list[Path]]:
    """Table files directly in raw_dir, split into (known kind, ignored), each sorted by name.

    A link that leads outside the folder is ignored: inputs never make the pipeline read elsewhere.
    """
    if not raw_dir.is_dir():
        reason = "is a file, not a folder" if raw_dir.exists() else "the raw data folder does not exist"
        raise UnusableInput(raw_dir, reason)
    inside = raw_dir.resolve()
    candidates = sorted(p for p in raw_dir.iterdir() if p.is_file() and not p.name.startswith((".", "~$")))
    known = [p for p in candidates
             if p.suffix.lower() in TABLE_FILES and file_kind(p) and p.resolve().is_relative_to(inside)]
    return known, [p for p in candidates if p not in known]


def refresh(raw_dir: Path = RAW_DIR, store: backend.Store | None = None, *, today: date | None = None,
            progress: Progress = QUIET) -> LoadReport:
    """Load every raw file into a new warehouse and swap it in; raise UnusableFiles leaving the old one untouched."""
    store = backend.locate(store)
    with warehouse.exclusive(store):
        warehouse.remove_stale_builds(store)
        started = datetime.now()
        run_id = history.last_run_id(store) + 1
        try:
            return _build(Path(raw_dir), store, run_id, started, today, progress)
        except UnusableInput as exc:
            history.record_failure(store, run_id, started, _failure_message(exc, Path(raw_dir)))
            raise
        except Exception as exc:  # a defect: still logged, and the previous warehouse is still in place
            history.record_failure(store, run_id, started, f"internal error: {exc!r}")
            raise


def _build(raw_dir: Path, store: backend.Store, run_id: int, started: datetime, today: date | None,
           progress: Progress) -> LoadReport:
    report = LoadReport(run_id=run_id)
    paths, ignored = discover(raw_dir)
    report.ignored_files = [file_label(p.name) for p in ignored]
    warming = Context.warm_up() if paths else None  # the normalizers are built while the files are read
    tables, unusable = _read(paths, report, progress)
    extracted = _read_press(raw_dir, tables, report, progress, unusable)
    programmes = _read_iati(raw_dir, report, progress, unusable)
    if warming:
        warming.join()
    if unusable:
        raise UnusableFiles(unusable)
    ctx = Context.load(today)
    with warehouse.rebuild(store) as con:
        progress.step("loading reference tables")
        reference.load(con)
        for kind, load in LOADERS.items():
            with progress.rows(f"normalizing {kind}", sum(len(source.frame) for source in tables[kind])) as done:
                outcome = load(con, tables[kind], ctx, done)
            report.rejections.extend(outcome.rejections)
            report.name_matches.extend(outcome.name_matches)
        _record_confidences(con, extracted)
        progress.step("loading programmes")
        iati.load(con, programmes)
        progress.step("comparing with the previous refresh")
        report.changes = _carry_over(con, store, report)
        _record(con, report, started)
        report.table_counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                               for t in ("countries", "member_states", "missions", "events", "event_countries",
                                         "event_organizations", "organizations", "programmes",
                                         "programme_transactions")}
        progress.step("swapping in the new warehouse")
    history.forget_failures(store)
    return report


def _read(paths: list[Path], report: LoadReport,
          progress: Progress) -> tuple[dict[str, list[SourceFile]], list[UnusableInput]]:
    """Read every raw file, grouped by kind, and the files that cannot be used; row problems go into the report."""
    tables: dict[str, list[SourceFile]] = {kind: [] for kind in LOADERS}
    unusable = []
    for path in paths:
        try:
            with progress.rows(f"reading {file_label(path.name)}", *_size_in_rows(path)) as done:
                table = read_table(path, done=done)
        except UnusableInput as exc:
            unusable.append(exc)
            continue
        malformed = len(table.malformed_rows)
        file_report = _file_report(path, path.parent, table.kind, report, table.encoding)
        file_report.rows_read = file_report.rows_rejected = malformed
        report.files.append(file_report)
        tables[table.kind].append(SourceFile(file_report.source_file, table.frame, file_report))
        report.rejections += table.rejections(file_report.source_file)
    return tables, unusable


def _size_in_rows(path: Path) -> tuple[int, str, float]:
    """(total, unit, per_unit) of a file's reading bar: bytes shown as rows (estimated from its first lines)."""
    try:
        size = path.stat().st_size
        return size, "rows", 1 / bytes_per_record(path) if path.suffix.lower() in CSV_SUFFIXES else 0.0
    except OSError:  # read_table says why
        return 0, "rows", 0.0


def _read_press(raw_dir: Path, tables: dict[str, list[SourceFile]], report: LoadReport, progress: Progress,
                unusable: list[UnusableInput]) -> list[tuple]:
    """Extract the press releases of raw_dir/press as event rows; return each field's confidence."""
    paths = press.press_files(raw_dir)
    if not paths:
        return []
    try:
        overrides, problems = press.read_overrides(raw_dir)
    except UnusableInput as exc:
        unusable.append(exc)
        overrides, problems = {}, []
    report.rejections += problems
    extractor, confidences = _extractor(), []
    with progress.rows(f"extracting {len(paths)} press files", len(paths), "files") as done:
        for number, path in enumerate(paths, start=1):
            file_report = _file_report(path, raw_dir, "press", report)
            try:
                extracted = press.read_press_file(path, extractor, overrides, file_report)
            except UnreadableDocument as exc:
                unusable.append(UnusableInput(path, exc.reason))
                continue
            finally:
                done(number)
            report.files.append(file_report)
            tables["events"].append(extracted.source)
            confidences += extracted.confidences
    seen = {event_id for event_id, *_ in confidences}
    report.rejections += [Rejection(f"{press.FOLDER}/{press.OVERRIDES}", None, "event_id", "unknown-override",
                                    event_id, "warning") for event_id in sorted(set(overrides) - seen)]
    return confidences


def _read_iati(raw_dir: Path, report: LoadReport, progress: Progress,
               unusable: list[UnusableInput]) -> list[iati.ParsedFile]:
    """Stream the IATI activity files of raw_dir/iati; a file that cannot be read is named in `unusable`."""
    parsed, seen = [], set()
    for path in iati.iati_files(raw_dir):
        progress.step(f"reading {file_label(path.name)}")
        file_report = _file_report(path, raw_dir, "iati", report)
        try:
            found, rejections = iati.read_iati_file(path, file_report, seen)
        except UnusableInput as exc:
            unusable.append(exc)
            continue
        report.files.append(file_report)
        report.rejections += rejections
        parsed.append(found)
    return parsed


def _carry_over(con, store: backend.Store, report: LoadReport) -> dict[str, dict[str, int]]:
    """History from the previous store; one that cannot be read is set aside, and the report says so."""
    try:
        return history.carry_over(con, store)
    except history.UnreadableStore:
        kept = warehouse.set_aside(store)
        report.rejections.append(Rejection(store.name, None, None, "unreadable-previous-store", kept.name, "warning"))
        return history.carry_over(con, store)


@functools.cache
def _extractor() -> Extractor:
    """Built once per process, like the normalizers of Context."""
    return Extractor.from_reference()


def _record_confidences(con, confidences: list[tuple]) -> None:
    """Keep the confidence of every extracted field of the press events that were loaded."""
    frame = pd.DataFrame(confidences, columns=BY_NAME["press_fields"].column_names)
    con.register("press_confidences", frame)
    con.execute("""INSERT INTO press_fields SELECT * FROM press_confidences
                   WHERE event_id IN (SELECT event_id FROM events WHERE origin = 'press')""")
    con.unregister("press_confidences")


def _record(con, report: LoadReport, started: datetime) -> None:
    """Write this run into load_runs, load_files, rejections and name_matches."""
    run = report.run_id
    con.execute("INSERT INTO load_runs VALUES (?, ?, ?, 'ok', NULL, ?, ?, ?, ?)",
                [run, started, datetime.now(), report.rows_read, report.rows_loaded, report.rows_rejected,
                 json.dumps(report.changes, sort_keys=True)])
    for f in report.files:
        con.execute("INSERT INTO load_files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [run, f.source_file, f.kind, f.sha256, datetime.fromisoformat(f.modified_at),
                     f.encoding, f.rows_read, f.rows_loaded, f.rows_rejected])
    rejections = pd.DataFrame([[run, r.source_file, r.row_number, r.field, r.severity, r.code, r.value, r.message,
                                r.record] for r in report.rejections], columns=BY_NAME["rejections"].column_names)
    matches = pd.DataFrame([[run, *m] for m in report.name_matches], columns=BY_NAME["name_matches"].column_names)
    for table, frame in (("rejections", rejections), ("name_matches", matches)):
        con.register("new_rows", frame.astype({"row_number": "Int64"}) if table == "rejections" else frame)
        con.execute(f"INSERT INTO {table} SELECT * FROM new_rows")
        con.unregister("new_rows")


def _file_report(path: Path, folder: Path, kind: str, report: LoadReport, encoding: str | None = None) -> FileReport:
    """The report line of one file; a name that is not UTF-8 is shown escaped, and the run's report says so."""
    relative = str(path.relative_to(folder))
    name = file_label(relative)
    if name != relative:
        report.rejections.append(Rejection(name, None, None, "file-name-not-utf8", name, "warning"))
    modified = datetime.fromtimestamp(path.stat().st_mtime).isoformat()
    return FileReport(name, kind, _sha256(path), modified, encoding)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _failure_message(exc: UnusableInput, raw_dir: Path) -> str:
    return "; ".join(f"{file_label(_relative(problem.path, raw_dir))}: {problem.reason}" for problem in exc.problems)


def _relative(path: Path, raw_dir: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(raw_dir.resolve()))
    except ValueError:
        return str(path)

