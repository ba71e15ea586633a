"""Twenty sessions read the Overview while refreshes run (some killed half-way): no failed load, no torn read.

Refreshes alternate between two raw folders whose member counts differ, so every page can be checked: the refresh
number it names must be one whose folder has the member count it shows. Afterwards the store must equal a clean
refresh of the same files.
"""

import asyncio
import json
import random
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
from conftest import APP_IDLE, CHROMIUM, CHROMIUM_ARGS, ROOT, _serve

from scripts.refresh import RAW_DIR
from scripts.schema import HISTORY_TABLES, TABLES

SESSIONS = 20
LOADS_PER_SESSION = 2
REFRESHES = 7
KILL_EVERY = 3  # every third refresh is killed half-way
MEMBERS_IN_B = 100
TIMEOUT_MS = 120_000


def raw_folders(tmp: Path) -> dict[str, Path]:
    """Folder A: the shipped files. Folder B: the same with only the first MEMBERS_IN_B member states."""
    a, b = tmp / "a", tmp / "b"
    shutil.copytree(RAW_DIR, a, ignore=shutil.ignore_patterns("press"))
    shutil.copytree(a, b)
    lines = (a / "member_states.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (b / "member_states.csv").write_text("".join(lines[:MEMBERS_IN_B + 1]), encoding="utf-8")
    return {"a": a, "b": b}


def refresh_command(raw: Path, store: Path) -> list[str]:
    return [sys.executable, "-m", "scripts.cli", "refresh", "--raw", str(raw), "--warehouse", str(store), "--json"]


def members_of(store: Path) -> int:
    with duckdb.connect(str(store), read_only=True) as con:
        return con.execute("SELECT count(*) FROM member_states WHERE status = 'member'").fetchone()[0]


def refresh_loop(folders: dict[str, Path], store: Path, expected: dict[int, int], done: threading.Event,
                 log: list[str]) -> None:
    """Refresh REFRESHES times, alternating folders; kill every KILL_EVERY-th run; record run -> members.

    The last entry of `log` names the folder of the last refresh that completed."""
    rng = random.Random(2026)
    for number in range(1, REFRESHES + 1):
        name = "b" if number % 2 else "a"
        process = subprocess.Popen(refresh_command(folders[name], store), cwd=ROOT, stdout=subprocess.PIPE,
                                   stderr=subprocess.DEVNULL, text=True)
        if number % KILL_EVERY == 0:
            time.sleep(rng.uniform(0.3, 1.2))
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


async def session(browser, url: str, observed: list, failures: list) -> None:
    """One visitor loading the Overview again and again: what it saw, or why a load failed."""
    context = await browser.new_context(viewport={"width": 1200, "height": 900}, locale="en-GB")
    page = await context.new_page()
    for _ in range(LOADS_PER_SESSION):
        try:
            await page.goto(url, timeout=TIMEOUT_MS)
            await page.wait_for_selector(APP_IDLE, timeout=TIMEOUT_MS)
            await page.wait_for_function("""() => document.querySelector('[data-testid="stException"]') || (
                [...document.querySelectorAll('[data-testid="stMetric"]')].some(m => m.innerText.startsWith('Member'))
                && [...document.querySelectorAll('[data-testid="stCaptionContainer"]')].some(
                    c => c.innerText.includes('(refresh')))""", timeout=TIMEOUT_MS)
            if await page.locator('[data-testid="stException"]').count():
                failures.append(await page.locator('[data-testid="stException"]').first.inner_text())
                continue
            caption = await page.locator('[data-testid="stCaptionContainer"]', has_text="(refresh").first.inner_text()
            members = await page.evaluate("""() => [...document.querySelectorAll('[data-testid="stMetric"]')]
                .filter(m => m.innerText.startsWith('Member states'))
                .map(m => m.querySelector('[data-testid="stMetricValue"]').innerText)[0]""")
            run = re.search(r"\(refresh (\d+)\)", caption)
            observed.append((int(run.group(1)) if run else None, int(members.replace(",", ""))))
        except Exception as error:  # a load that did not finish is a failed load: count it, say why
            failures.append(repr(error))
    await context.close()


async def visitors(url: str, observed: list, failures: list) -> None:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        await asyncio.gather(*(session(browser, url, observed, failures) for _ in range(SESSIONS)))
        await browser.close()


def data_tables(store: Path) -> dict[str, list]:
    """Every non-history table, rows sorted, first-seen times left out."""
    with duckdb.connect(str(store), read_only=True) as con:
        return {t.name: con.execute(f"SELECT {', '.join(c for c in t.column_names if c != 'ingested_at')} "
                                    f"FROM {t.name} ORDER BY ALL").fetchall()
                for t in TABLES if t.name not in HISTORY_TABLES}


def test_sessions_read_whole_versions_while_refreshes_run_and_die(tmp_path):
    assert CHROMIUM.exists(), "make test installs Debian's chromium"
    folders = raw_folders(tmp_path)
    store = tmp_path / "wh" / "migdash.duckdb"
    first = subprocess.run(refresh_command(folders["a"], store), cwd=ROOT, capture_output=True, text=True)
    expected = {json.loads(first.stdout)["run_id"]: members_of(store)}
    observed, failures, log = [], [], []
    with _serve(store, tmp_path) as url:
        done = threading.Event()
        refresher = threading.Thread(target=refresh_loop, args=(folders, store, expected, done, log))
        refresher.start()
        asyncio.run(visitors(url, observed, failures))
        refresher.join(timeout=600)
    assert done.is_set(), log
    assert failures == [], failures
    assert len(observed) == SESSIONS * LOADS_PER_SESSION
    torn = [(run, members) for run, members in observed if expected.get(run) != members]
    assert torn == [], (torn, expected, log)
    last = log[-1]  # the folder of the last refresh that completed
    clean = tmp_path / "clean.duckdb"
    subprocess.run(refresh_command(folders[last], clean), cwd=ROOT, check=True, capture_output=True)
    assert data_tables(store) == data_tables(clean)
    assert sorted(set(expected.values())) == [MEMBERS_IN_B, 175]
