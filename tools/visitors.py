"""A real dashboard server, browser visitors loading the Overview and refreshes racing them (some killed).

Refreshes alternate between two raw folders whose member counts differ, so every page load can be checked: the
refresh number it names must be one whose folder has the member count it shows. The browser test and the benchmark
both drive this.
"""

import asyncio
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb

from scripts.backend import Store, is_postgres, setting
from scripts.refresh import DEMO_DIR

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
HOST = "127.0.0.1"
APP_IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
MEMBERS_IN_B = 100
RACED_FILES = ("member_states.csv", "events_sample.csv")
LOAD_TIMEOUT_MS = 120_000


@dataclass(frozen=True)
class Server:
    """A running dashboard: its base URL and process id."""

    url: str
    pid: int


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def _wait_until_healthy(url: str, server: subprocess.Popen, timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {server.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"streamlit did not answer at {url} within {timeout_s} s")


@contextmanager
def serve(warehouse: Store, log_dir: Path, name: str = "server",
          script: Path = Path("dashboard/app.py")) -> Iterator[Server]:
    """Serve `script` (the dashboard) with streamlit on a free loopback port, reading `warehouse`; log in `log_dir`."""
    port = _free_port()
    # This checkout's code first on the import path; its .streamlit/config.toml (the working directory) applies.
    import_path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    env = {**os.environ, "MIGDASH_WAREHOUSE": setting(warehouse), "PYTHONPATH": import_path}
    command = [sys.executable, "-m", "streamlit", "run", str(script),
               "--server.address", HOST, "--server.port", str(port), "--server.headless", "true",
               "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"]
    with open(log_dir / f"{name}.log", "w") as output:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)
    url = f"http://{HOST}:{port}"
    try:
        _wait_until_healthy(url, server)
        yield Server(url, server.pid)
    finally:
        server.terminate()
        server.wait(timeout=10)


def raw_folders(tmp: Path) -> dict[str, Path]:
    """Folder A: the shipped member states and events (the other sources only make each refresh slower). Folder B:
    the same with only the first MEMBERS_IN_B member states."""
    a, b = tmp / "a", tmp / "b"
    a.mkdir()
    for name in RACED_FILES:
        shutil.copy(DEMO_DIR / name, a / name)
    shutil.copytree(a, b)
    lines = (a / "member_states.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (b / "member_states.csv").write_text("".join(lines[:MEMBERS_IN_B + 1]), encoding="utf-8")
    return {"a": a, "b": b}


def refresh_command(raw: Path, store: Store) -> list[str]:
    """The `migdash refresh` command line for a raw folder and a store, reporting in JSON."""
    return [sys.executable, "-m", "scripts.cli", "refresh", "--raw", str(raw), "--warehouse", setting(store), "--json"]


def members_of(store: Store) -> int:
    """Member states in a store (the schema served, in PostgreSQL)."""
    sql = "SELECT count(*) FROM member_states WHERE status = 'member'"
    if is_postgres(store):
        from scripts import postgres
        with postgres.connect(store) as con:
            return con.execute(sql.replace("member_states", f"{postgres.served(con)}.member_states")).fetchone()[0]
    with duckdb.connect(str(store), read_only=True) as con:
        return con.execute(sql).fetchone()[0]


def publishing(store: Store) -> None:
    """Wait until a refresh of a PostgreSQL store is copying rows into its new schema (its publish has begun)."""
    from scripts import postgres
    deadline = time.monotonic() + 300
    with postgres.connect(store, autocommit=True) as con:
        while not con.execute("SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'COPY run\\_%'").fetchone()[0]:
            if time.monotonic() > deadline:
                raise TimeoutError("no refresh started publishing within 300 s")
            time.sleep(0.01)


def refresh_loop(folders: dict[str, Path], store: Store, refreshes: int, kill_every: int, expected: dict[int, int],
                 done: threading.Event, log: list[str], kill_when: Callable[[], None] | None = None) -> None:
    """Refresh `refreshes` times, alternating folders; kill every `kill_every`-th run; record run -> members.

    A run is killed when `kill_when()` returns (default: after a random 0.3-1.2 s, half-way through a build).
    The last entry of `log` names the folder of the last refresh that completed."""
    rng = random.Random(2026)
    for number in range(1, refreshes + 1):
        name = "b" if number % 2 else "a"
        process = subprocess.Popen(refresh_command(folders[name], store), cwd=ROOT, stdout=subprocess.PIPE,
                                   stderr=subprocess.DEVNULL, text=True)
        if number % kill_every == 0:
            (kill_when or (lambda: time.sleep(rng.uniform(0.3, 1.2))))()
            process.send_signal(signal.SIGKILL)
            process.wait()
            log.append(f"refresh {number} ({name}) killed")
            continue
        out, _ = process.communicate(timeout=300)
        assert process.returncode == 0, out
        run = json.loads(out)["run_id"]
        expected[run] = members_of(store)
        log.append(f"refresh {number} ({name}) -> run {run}, {expected[run]} members")
    log.append(next(entry for entry in reversed(log) if "killed" not in entry).split("(")[1][0])
    done.set()


async def _session(browser, url: str, loads: int, observed: list, failures: list) -> None:
    """One visitor loading the Overview again and again: (refresh, members, seconds) seen, or why a load failed."""
    context = await browser.new_context(viewport={"width": 1200, "height": 900}, locale="en-GB")
    page = await context.new_page()
    for _ in range(loads):
        try:
            started = time.perf_counter()
            await page.goto(url, timeout=LOAD_TIMEOUT_MS)
            await page.wait_for_selector(APP_IDLE, timeout=LOAD_TIMEOUT_MS)
            await page.wait_for_function("""() => document.querySelector('[data-testid="stException"]') || (
                [...document.querySelectorAll('[data-testid="stMetric"]')].some(m => m.innerText.startsWith('Member'))
                && [...document.querySelectorAll('[data-testid="stCaptionContainer"]')].some(
                    c => c.innerText.includes('(refresh')))""", timeout=LOAD_TIMEOUT_MS)
            seconds = time.perf_counter() - started
            if await page.locator('[data-testid="stException"]').count():
                failures.append(await page.locator('[data-testid="stException"]').first.inner_text())
                continue
            caption = await page.locator('[data-testid="stCaptionContainer"]', has_text="(refresh").first.inner_text()
            members = await page.evaluate("""() => [...document.querySelectorAll('[data-testid="stMetric"]')]
                .filter(m => m.innerText.startsWith('Member states'))
                .map(m => m.querySelector('[data-testid="stMetricValue"]').innerText)[0]""")
            run = re.search(r"\(refresh (\d+)\)", caption)
            observed.append((int(run.group(1)) if run else None, int(members.replace(",", "")), seconds))
        except Exception as error:  # a load that did not finish is a failed load: count it, say why
            failures.append(repr(error))
    await context.close()


def visit(url: str | list[str], sessions: int, loads: int) -> tuple[list[tuple[int | None, int, float]], list[str]]:
    """`sessions` browser sessions at once (spread over the servers at `url`), each loading the Overview `loads`
    times: what they saw, what failed."""
    from playwright.async_api import async_playwright
    urls = [url] if isinstance(url, str) else url

    async def run(observed: list, failures: list) -> None:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            await asyncio.gather(*(_session(browser, urls[number % len(urls)], loads, observed, failures)
                                   for number in range(sessions)))
            await browser.close()

    observed, failures = [], []
    asyncio.run(run(observed, failures))
    return observed, failures


def torn_reads(observed: list[tuple[int | None, int, float]], expected: dict[int, int]) -> list[tuple]:
    """Loads whose member count is not the one of the refresh they name."""
    return [(run, members) for run, members, _ in observed if expected.get(run) != members]
