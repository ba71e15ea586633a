"""Defects (errors that are migdash's fault, not the data's) logged with their traceback beside the store."""

import traceback
from datetime import datetime
from pathlib import Path

MAX_LOG_BYTES = 2_000_000  # past this the log starts over, the previous one kept as <log>.1


def defects_path(warehouse: Path) -> Path:
    """The defect log of a store: beside it, so that each deployment keeps its own."""
    return warehouse.with_name(warehouse.name + ".defects.log")


def record(warehouse: Path, where: str, error: BaseException) -> Path | None:
    """Append the error and its traceback to the defect log; return the log (None if it cannot be written)."""
    log = defects_path(warehouse)
    entry = (f"--- {datetime.now().isoformat(timespec='seconds')} {where}\n"
             + "".join(traceback.format_exception(error)) + "\n")
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        if log.is_file() and log.stat().st_size > MAX_LOG_BYTES:
            log.replace(log.with_name(log.name + ".1"))
        with open(log, "a", encoding="utf-8", errors="backslashreplace") as handle:
            handle.write(entry)
    except OSError:  # a read-only or full disk must not turn one defect into two
        return None
    return log
