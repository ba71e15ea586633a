"""Running a command as the benchmark measures it: outcome, wall time, its own peak memory and CPU time."""

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed(command: list[str]) -> tuple[subprocess.CompletedProcess, float, int, float]:
    """Run a command from the project root: its outcome, wall seconds, its own peak RSS (KiB) and CPU seconds."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        child = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=err, text=True)
        _, status, usage = os.wait4(child.pid, 0)  # this child's own rusage, not the maximum over all children
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        done = subprocess.CompletedProcess(command, child.returncode, out.read(), err.read())
        return done, seconds, usage.ru_maxrss, usage.ru_utime + usage.ru_stime


def timed_refresh(raw: Path, warehouse: Path, what: str) -> tuple[dict, float, int, float]:
    """`migdash refresh --json` of raw into warehouse: its report, wall seconds, peak RSS (KiB) and CPU seconds."""
    command = [sys.executable, "-m", "scripts.cli", "refresh", "--raw", str(raw), "--warehouse", str(warehouse),
               "--json"]
    done, seconds, peak_kib, cpu = timed(command)
    if done.returncode != 0:
        raise SystemExit(f"{what} failed ({done.returncode}): {done.stderr[-2000:]}")
    return json.loads(done.stdout), seconds, peak_kib, cpu
