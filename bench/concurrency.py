"""Twenty browser sessions on the Overview while refreshes run (two killed) beside a CPU hog; ten CSV downloads at once.

Page times are compared with one session loading the same page on the same server just before, with nothing else
running: the ratio says what the load costs a visitor.
"""

import asyncio
import json
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from dashboard import downloads
from tools import visitors

SESSIONS = 20
LOADS_PER_SESSION = 2
REFRESHES = 7
KILL_EVERY = 3  # refreshes 3 and 6 are killed half-way
REFERENCE_LOADS = 3
DOWNLOADS = 10
DOWNLOAD_TIMEOUT_MS = 1_200_000  # the first click builds the file: a million rows


@contextmanager
def cpu_hog() -> Iterator[None]:
    """A process spinning on one core for as long as the block runs."""
    hog = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        yield
    finally:
        hog.kill()
        hog.wait()


def bench_concurrency(workdir: Path) -> dict:
    """Failed loads, torn reads and page times (p50, p95, and p50 against an idle server) under refreshes and a hog."""
    workdir.mkdir()
    folders = visitors.raw_folders(workdir)
    store = workdir / "wh" / "migdash.duckdb"
    first = subprocess.run(visitors.refresh_command(folders["a"], store), cwd=visitors.ROOT, capture_output=True,
                           text=True, check=True)
    expected = {json.loads(first.stdout)["run_id"]: visitors.members_of(store)}
    log: list[str] = []
    with visitors.serve(store, workdir) as server:
        reference, _ = visitors.visit(server.url, 1, REFERENCE_LOADS)
        done = threading.Event()
        refresher = threading.Thread(target=visitors.refresh_loop,
                                     args=(folders, store, REFRESHES, KILL_EVERY, expected, done, log))
        with cpu_hog():
            refresher.start()
            observed, failures = visitors.visit(server.url, SESSIONS, LOADS_PER_SESSION)
            refresher.join(timeout=600)
    seconds = [s for _, _, s in observed]
    reference_s = statistics.median(s for _, _, s in reference)
    p50, p95 = statistics.median(seconds), statistics.quantiles(seconds, n=20)[-1]
    return {"concurrent_loads": SESSIONS * LOADS_PER_SESSION, "concurrent_failed_loads": len(failures),
            "concurrent_torn_reads": len(visitors.torn_reads(observed, expected)),
            "concurrent_refreshes_killed": sum("killed" in entry for entry in log),
            "concurrent_page_p50_s": round(p50, 2), "concurrent_page_p95_s": round(p95, 2),
            "idle_page_p50_s": round(reference_s, 2), "concurrent_p50_vs_idle": round(p50 / reference_s, 1),
            "concurrent_failures": failures[:3]}


def bench_downloads(warehouse: Path, workdir: Path) -> dict:
    """Ten visitors click the unfiltered CSV download at once: the server's peak memory (RSS) and the files' sizes."""
    workdir.mkdir()
    with visitors.serve(warehouse, workdir) as server:
        started = time.perf_counter()
        sizes = asyncio.run(_download_all(server.url, workdir))
        seconds = time.perf_counter() - started
        peak_kib = _status_kib(server.pid, "VmHWM")
    cached = [path.stat().st_size for path in (warehouse.parent / downloads.CACHE_FOLDER).glob("*.csv")]
    return {"downloads": DOWNLOADS, "downloads_complete": sizes.count(cached[0]) if len(cached) == 1 else 0,
            "download_mib": round(cached[0] / 2**20) if cached else None, "downloads_seconds": round(seconds, 1),
            "downloads_peak_rss_mib": round(peak_kib / 1024)}


async def _download_all(url: str, workdir: Path) -> list[int]:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=str(visitors.CHROMIUM),
                                                   args=visitors.CHROMIUM_ARGS, downloads_path=str(workdir))
        first = await browser.new_page()  # a fresh server learns its pages in its first session
        await first.goto(url)
        await first.wait_for_selector(visitors.APP_IDLE, timeout=visitors.LOAD_TIMEOUT_MS)
        await first.close()
        pages = [await (await browser.new_context()).new_page() for _ in range(DOWNLOADS)]
        for page in pages:
            await page.goto(f"{url}/events")
        for page in pages:
            await page.wait_for_selector('[data-testid="stDownloadButton"] button', timeout=visitors.LOAD_TIMEOUT_MS)
        sizes = await asyncio.gather(*(_download(page) for page in pages))
        await browser.close()
    return sizes


async def _download(page) -> int:
    """Click the page's CSV download and wait for the whole file: its size (then delete it)."""
    async with page.expect_download(timeout=DOWNLOAD_TIMEOUT_MS) as started:
        await page.locator('[data-testid="stDownloadButton"] button').first.click()
    download = await started.value
    size = Path(await download.path()).stat().st_size
    await download.delete()
    return size


def _status_kib(pid: int, field: str) -> int:
    """A memory figure of a process from /proc (VmHWM: its peak resident set), in KiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    raise LookupError(field)
