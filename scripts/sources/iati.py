"""IATI activity files in data/raw/iati/ (2.01-2.03; 1.0x where cheap), streamed into the programme tables.

A file is read one iati-activity at a time: each is turned into rows, then cleared with the siblings before it, so
memory holds one activity of XML and the finished rows as compact Arrow columns, whatever the file's size.
"""

from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
from lxml import etree

from scripts.report import FileReport, Rejection, UnusableInput
from scripts.schema import BY_NAME
from scripts.sources.iati_activity import Activity, read_activity

FOLDER = "iati"
BATCH = 5_000  # activities per Arrow batch
ROOTS = ("iati-activities", "iati-activity")  # a file of activities, or one activity on its own (as d-portal gives it)
# The parser is set up as defusedxml sets up its own: entities are never expanded (no "billion laughs", no
# external entity reading a local file), nothing is fetched from the network (no DTD or schema download), the DTD is
# not loaded, and libxml2 keeps its limits on depth and text size (huge_tree off). A file that declares entities
# is refused outright, as defusedxml refuses one.
SAMPLE_SUFFIX = "_sample"  # programmes_sample.xml: illustrative programmes, flagged as such on every page
SAFE = {"resolve_entities": False, "no_network": True, "load_dtd": False, "huge_tree": False}
COMPUTED = ("iati_identifier", "start_date", "end_date", "source_file", "source_line", "is_sample")
PROGRAMME_FIELDS = [c for c in BY_NAME["programmes"].column_names if c not in COMPUTED]
CHILD_TABLES = ("programme_countries", "programme_regions", "programme_sectors", "programme_organizations",
                "programme_budgets", "programme_transactions", "programme_locations")
# Any other column goes as text that the warehouse casts: dates and times are checked already, and Arrow builds text
# columns far faster than date or time columns from Python objects.
ARROW_TYPES = {"DOUBLE": pa.float64(), "BOOLEAN": pa.bool_(), "INTEGER": pa.int32()}


@dataclass
class ParsedFile:
    """The rows of one IATI file's accepted activities, per table, as Arrow batches."""

    report: FileReport
    batches: dict[str, list[pa.Table]] = field(default_factory=lambda: {t: [] for t in ("programmes", *CHILD_TABLES)})


def iati_files(raw_dir: Path) -> list[Path]:
    """The .xml files of raw_dir/iati, sorted; links leading outside the raw folder are left out."""
    folder = raw_dir / FOLDER
    if not folder.is_dir():
        return []
    inside = raw_dir.resolve()
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() == ".xml"
                  and not p.name.startswith(".") and p.resolve().is_relative_to(inside))


def read_iati_file(path: Path, report: FileReport, seen: set[str]) -> tuple[ParsedFile, list[Rejection]]:
    """Stream one file; raise UnusableInput if it is not an IATI activity file or breaks off as XML.

    `seen` holds the identifiers loaded so far in this refresh: a repeated one is rejected (duplicate-key)."""
    parsed, rejections, pending = ParsedFile(report), [], _Pending()
    try:
        for _, el in etree.iterparse(str(path), events=("end",), tag="iati-activity", **SAFE):
            if report.rows_read == 0:
                _check_document(path, el)
            report.rows_read += 1
            act = read_activity(el)
            if act.identifier in seen:
                act.problem("iati_identifier", "duplicate-key", act.identifier)
            rejections += [Rejection(report.source_file, act.line, f, code, value, severity, act.identifier)
                           for f, code, value, severity in act.problems]
            if act.rejected:
                report.rows_rejected += 1
            else:
                seen.add(act.identifier)
                report.rows_loaded += 1
                pending.add(act, report.source_file)
                if pending.count >= BATCH:
                    pending.flush(parsed)
            el.clear()
            while el.getprevious() is not None:
                del el.getparent()[0]
    except etree.XMLSyntaxError as exc:
        raise UnusableInput(path, f"not readable as XML ({exc.msg}, line {exc.lineno})") from None
    except OSError as exc:
        raise UnusableInput(path, f"cannot be read ({exc.strerror or exc})") from None
    if report.rows_read == 0:
        _check_empty(path)
    pending.flush(parsed)
    return parsed, rejections


def _check_document(path: Path, el) -> None:
    """Refuse entity declarations (as defusedxml does) and a root that is not an IATI activity document."""
    tree = el.getroottree()
    dtd = tree.docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise UnusableInput(path, "declares XML entities: refused, as they can expand without bound")
    if tree.getroot().tag not in ROOTS:
        raise UnusableInput(path, f"not an IATI activity file (its root is <{tree.getroot().tag}>)")


def _check_empty(path: Path) -> None:
    """A file without activities is fine only if it is an iati-activities document."""
    try:
        root = next(etree.iterparse(str(path), events=("start",), **SAFE))[1]
    except (etree.XMLSyntaxError, StopIteration):
        raise UnusableInput(path, "empty, or not XML") from None
    if root.tag not in ROOTS:
        raise UnusableInput(path, f"not an IATI activity file (its root is <{root.tag}>)")


class _Pending:
    """Rows of accepted activities not yet turned into Arrow batches."""

    def __init__(self):
        self.count = 0
        self.rows: dict[str, list[tuple]] = {t: [] for t in ("programmes", *CHILD_TABLES)}

    def add(self, act: Activity, source_file: str) -> None:
        prog, ident = act.programme, act.identifier
        self.count += 1
        sample = Path(source_file).stem.lower().endswith(SAMPLE_SUFFIX)
        self.rows["programmes"].append(
            (ident, *(prog.get(f) for f in PROGRAMME_FIELDS),
             prog.get("actual_start") or prog.get("planned_start"), prog.get("actual_end") or prog.get("planned_end"),
             source_file, act.line, sample))
        for table, rows in zip(CHILD_TABLES, (act.countries, act.regions, act.sectors, act.organizations,
                                              act.budgets, act.transactions, act.locations)):
            self.rows[table] += [(ident, *row) for row in rows]

    def flush(self, parsed: ParsedFile) -> None:
        for table, rows in self.rows.items():
            if rows:
                parsed.batches[table].append(_arrow(table, rows))
        self.count = 0
        self.rows = {t: [] for t in self.rows}


def _arrow(table: str, rows: list[tuple]) -> pa.Table:
    """Rows to an Arrow table typed as the warehouse table (column order of PROGRAMMES' schema)."""
    order = _column_order(table)
    columns = list(zip(*rows))  # each column passed on as a list: Arrow reads a list about 8x faster than a tuple
    return pa.table({name: pa.array(list(columns[i]), ARROW_TYPES.get(sql.split()[0], pa.string()))
                     for i, (name, sql) in enumerate(order)})


def _column_order(table: str) -> list[tuple[str, str]]:
    """(name, type) in the order rows are built: programmes put their computed columns at the end."""
    columns = [(c.name, c.type) for c in BY_NAME[table].columns]
    if table != "programmes":
        return columns
    types = dict(columns)
    names = [COMPUTED[0], *PROGRAMME_FIELDS, *COMPUTED[1:]]
    return [(name, types[name]) for name in names]


def load(con, files: list[ParsedFile]) -> None:
    """Insert every file's batches, then split each budget in force over its recipient countries."""
    for table in ("programmes", *CHILD_TABLES):
        names = ", ".join(name for name, _ in _column_order(table))
        for parsed in files:
            for batch in parsed.batches[table]:
                con.register("iati_batch", batch)
                con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM iati_batch")
                con.unregister("iati_batch")
            parsed.batches[table] = []
    # A revised budget (type 2) replaces the original of the same period; a budget without a type is an original
    # (IATI guidance, "Activity budgets": sum the revised budgets, and the originals of periods without one).
    con.execute("""INSERT INTO programme_country_budgets
        SELECT b.iati_identifier, c.iso3, b.period_start, b.period_end, b.currency,
               b.value * c.percentage / 100, c.percentage_assumed
        FROM programme_budgets b JOIN programme_countries c USING (iati_identifier)
        WHERE b.budget_type = '2' OR NOT EXISTS (
            SELECT 1 FROM programme_budgets r WHERE r.iati_identifier = b.iati_identifier AND r.budget_type = '2'
            AND r.period_start = b.period_start AND r.period_end = b.period_end)""")
