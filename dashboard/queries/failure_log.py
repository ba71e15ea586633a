"""Failed refreshes logged beside the store, as the Data quality page lists them (read fresh, never cached)."""

from pathlib import Path

import pandas as pd

from scripts import history


def logged_failures(path: Path) -> pd.DataFrame:
    """Failed refreshes logged beside the store and not yet recorded in it, shaped like refresh_runs()."""
    frame = pd.DataFrame(history.logged_failures(path), columns=["run_id", "started_at", "finished_at", "message"])
    for column in ("started_at", "finished_at"):
        frame[column] = pd.to_datetime(frame[column])
    return frame.assign(status="failed", rows_read=0, rows_loaded=0, rows_rejected=0, changes=None)
