"""What a refresh shows while it works: each step, and for the long ones a bar with rows/s and the time left.

`Progress` itself shows nothing (`--json`, and any caller that wants quiet). `Lines` writes one timestamped line per
step, for a log or a pipe. `Bars` draws rich progress bars on a terminal. The pipeline only calls `step` and `rows`.
"""

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

from rich.console import Console
from rich.progress import (
    BarColumn,
    ProgressColumn,
    Task,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.progress import Progress as RichProgress
from rich.text import Text

Done = Callable[[float], None]  # how many units of the step are done so far


class Progress:
    """Shows nothing: the base of the others, and what a quiet refresh uses."""

    def step(self, label: str) -> None:
        """A step starts (the one before it is over)."""

    @contextmanager
    def rows(self, label: str, total: float, unit: str = "rows", per_unit: float = 1.0) -> Iterator[Done]:
        """A long step over `total` units: yields done(units done so far), to call as the work goes.

        `per_unit` is how many `unit`s one counted unit stands for (rows per byte when a file is counted in bytes)."""
        self.step(label)
        yield lambda done: None

    def close(self) -> None:
        """The work is over: leave the terminal as it was."""


class Lines(Progress):
    """One line per step on a stream, with the seconds since the start: for logs and pipes."""

    def __init__(self, stream: TextIO, started: float | None = None):
        self._stream, self._started = stream, time.monotonic() if started is None else started

    def step(self, label: str) -> None:
        """Write the step's line at once."""
        print(f"[{time.monotonic() - self._started:6.1f}s] {label}", file=self._stream, flush=True)


class _Speed(ProgressColumn):
    """Units per second, counted units converted (a file read in bytes shows rows/s)."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        if not task.fields["unit"] or not task.fields["per_unit"] or not speed:
            return Text("")
        return Text(f"{speed * task.fields['per_unit']:,.0f} {task.fields['unit']}/s", style="progress.data.speed")


class Bars(Progress):
    """Rich progress bars on a terminal: a spinner-free line per step, a bar with rows/s and time left for long ones."""

    def __init__(self, stream: TextIO):
        self._bars = RichProgress(TextColumn("{task.description:<34}"), BarColumn(), TaskProgressColumn(), _Speed(),
                                  TextColumn("left"), TimeRemainingColumn(), TextColumn("·"), TimeElapsedColumn(),
                                  console=Console(file=stream), transient=False)
        self._bars.start()
        self._current: int | None = None

    def step(self, label: str) -> None:
        """Close the previous step and open a line for this one."""
        self._finish()
        self._current = self._bars.add_task(label, total=None, unit="", per_unit=1.0)

    @contextmanager
    def rows(self, label: str, total: float, unit: str = "rows", per_unit: float = 1.0) -> Iterator[Done]:
        """A bar over `total` units."""
        self._finish()
        task = self._current = self._bars.add_task(label, total=max(total, 1), unit=unit, per_unit=per_unit)
        try:
            yield lambda done: self._bars.update(task, completed=min(done, total))
        finally:
            self._finish()

    def close(self) -> None:
        """Close the last step and stop drawing."""
        self._finish()
        self._bars.stop()

    def _finish(self) -> None:
        if self._current is not None:
            task = self._bars.tasks[self._current]
            self._bars.update(self._current, total=task.total or 1, completed=task.total or 1)
            self._bars.stop_task(self._current)
            self._current = None


def for_terminal(stream: TextIO = sys.stderr, quiet: bool = False, started: float | None = None) -> Progress:
    """Bars on a terminal, lines elsewhere, nothing when quiet."""
    if quiet:
        return Progress()
    return Bars(stream) if stream.isatty() else Lines(stream, started)
