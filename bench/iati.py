"""The IATI load at scale: 50,000 activities with 500,000 transactions, timed beside a bare streaming parse."""

import subprocess
import sys
import time
from pathlib import Path

from bench.timing import timed_refresh
from tools.sample_iati import write_bench_files

ACTIVITIES, TRANSACTIONS = 50_000, 500_000
IATI_TARGETS = {"iati_vs_parse": 3.0, "iati_peak_rss_mib": 1024.0}
# The reference: lxml's iterparse over the same files, each activity cleared as the loader clears it, nothing read
BARE = """import sys, time
from lxml import etree
wall, cpu = time.perf_counter(), time.process_time()
for path in sys.argv[1:]:
    for _, el in etree.iterparse(path, events=("end",), tag="iati-activity"):
        el.clear()
        while el.getprevious() is not None:
            del el.getparent()[0]
print(time.perf_counter() - wall, time.process_time() - cpu)
"""


def bench_iati(workdir: Path) -> dict:
    """Generate the files, then time `migdash refresh` on a raw folder holding only them."""
    raw = workdir / "raw"
    started = time.perf_counter()
    files = write_bench_files(raw / "iati", ACTIVITIES, TRANSACTIONS)
    generated = time.perf_counter() - started
    bare_before = _bare(files)
    report, seconds, peak_kib, cpu = timed_refresh(raw, workdir / "iati.duckdb", "IATI refresh")
    bare = min(bare_before, _bare(files))
    return {"iati_activities": ACTIVITIES, "iati_transactions": TRANSACTIONS,
            "iati_megabytes": round(sum(f.stat().st_size for f in files) / 1e6),
            "iati_generate_seconds": round(generated, 1), "iati_seconds": round(seconds, 1),
            "iati_cpu_seconds": round(cpu, 1), "iati_parse_seconds": round(bare[0], 1),
            "iati_parse_cpu_seconds": round(bare[1], 1), "iati_vs_parse": round(seconds / bare[0], 1),
            "iati_cpu_vs_parse": round(cpu / bare[1], 1), "iati_peak_rss_mib": round(peak_kib / 1024),
            "iati_loaded": report["rows_loaded"], "iati_rejected": report["rows_rejected"],
            "iati_transactions_loaded": report["tables"]["programme_transactions"]}


def _bare(files: list[Path]) -> tuple[float, float]:
    """(wall, CPU) seconds of the bare parse of every file, in a process of its own."""
    done = subprocess.run([sys.executable, "-c", BARE, *map(str, files)], capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"bare parse failed: {done.stderr[-2000:]}")
    wall, cpu = done.stdout.split()
    return float(wall), float(cpu)


def iati_targets_met(results: dict) -> bool:
    """The load within 3x the bare parse, in bounded memory."""
    return (results["iati_vs_parse"] <= IATI_TARGETS["iati_vs_parse"]
            and results["iati_peak_rss_mib"] <= IATI_TARGETS["iati_peak_rss_mib"])
