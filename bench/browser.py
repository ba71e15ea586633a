"""Every dashboard page in headless Chromium beside a bare reference page served in the same run.

Both servers read the same warehouse. A load is a fresh browser context (nothing cached in the browser) on a server
whose caches are warm; it ends when the script has finished, the page's title is shown, nothing is stale and every
chart is drawn (maps with their shapes). A switch is a click on the page's link in the sidebar, ending the same way.
Bytes are what the server sent over the websocket meanwhile (the page's elements, figures and tables). Loads of
the reference and of the pages alternate, so a machine busy with other work slows both alike.
"""

import asyncio
import shutil
import statistics
import time
from pathlib import Path

from bench import reference_app
from dashboard import app, charts
from dashboard.i18n import t
from tools import visitors

TARGETS = {"page_vs_reference": 1.3, "switch_seconds": 0.6, "page_bytes": 1_500_000}
LOADS = 3  # per page and for the reference, alternating; each figure is their median
SWITCHES = 3  # rounds of clicking through every page in the sidebar
# A page is drawn when its script is done, nothing on it is stale, its title is `title` and every chart is drawn.
DRAWN = """title => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
    if (document.querySelector('[data-testid="stStatusWidget"], [data-stale="true"], [data-testid="stSkeleton"]'))
        return false;
    const heading = document.querySelector('h1');
    if (!heading || heading.innerText.trim() !== title) return false;
    return [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].every(chart => {
        const plot = chart.querySelector('.js-plotly-plot');
        const maps = plot && plot._fullLayout && plot._fullLayout._subplots ? plot._fullLayout._subplots.geo : null;
        if (!maps || !plot.querySelector('.main-svg')) return false;
        const drawn = [...plot.querySelectorAll('g.geo')].filter(geo =>
            [...geo.querySelectorAll('path')].some(path => (path.getAttribute('d') || '').length > 10));
        return drawn.length === maps.length;
    });
}"""


def pages(busiest: str) -> list[tuple[str, str, str]]:
    """(url path, query, title) of every page (the default at ''); the country profile on the busiest country."""
    return [(url if index else "", f"?country={busiest}" if url == "country-profile" else "", t(title, "en"))
            for index, (_, title, _, url) in enumerate(app.PAGES)]


def bench_browser(warehouse: Path, workdir: Path, busiest: str) -> dict:
    """Load every page and the reference, then switch pages in the sidebar: times, bytes, ratios and targets."""
    workdir.mkdir()
    reference_dir = workdir / "reference"
    (reference_dir / "static").mkdir(parents=True)
    shutil.copy(reference_app.__file__, reference_dir / "reference_app.py")
    shutil.copy(charts.STATIC_DIR / "world_110m.json", reference_dir / "static")
    with (visitors.serve(warehouse, workdir) as server,
          visitors.serve(warehouse, reference_dir, script=reference_dir / "reference_app.py") as reference):
        measured = asyncio.run(_measure(server.url, reference.url, pages(busiest)))
    return _summary(measured)


async def _measure(url: str, reference_url: str, shown: list[tuple[str, str, str]]) -> dict:
    from playwright.async_api import async_playwright

    reference_pages = [("", "", reference_app.TITLES["map"]), ("months", "", reference_app.TITLES["months"])]
    visits = [(reference_url, *reference_pages[0]), *((url, *page) for page in shown)]
    loads: dict[str, list[tuple[float, int]]] = {base + path: [] for base, path, _, _ in visits}
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=str(visitors.CHROMIUM), args=visitors.CHROMIUM_ARGS)
        for base, path, query, title in visits:  # warm both servers' caches (first visits)
            await _load(browser, f"{base}/{path}{query}", title)
        for _ in range(LOADS):
            for base, path, query, title in visits:
                loads[base + path].append(await _load(browser, f"{base}/{path}{query}", title))
        switches = await _switches(browser, url, shown)
        reference_switches = await _switches(browser, reference_url, reference_pages)
        await browser.close()
    names = {url + path: name for (path, _, _), (_, _, _, name) in zip(shown, app.PAGES)}
    return {"reference_loads": loads.pop(reference_url), "loads": {names[key]: value for key, value in loads.items()},
            "switches": {names[url + path]: value for path, value in switches.items()},
            "reference_switches": reference_switches}


async def _load(browser, url: str, title: str) -> tuple[float, int]:
    """Open `url` in a fresh context: seconds until drawn, bytes received over the websocket."""
    context = await browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-GB")
    page = await context.new_page()
    received = _count_bytes(page)
    started = time.perf_counter()
    await page.goto(url, timeout=visitors.LOAD_TIMEOUT_MS)
    await page.wait_for_function(DRAWN, arg=title, timeout=visitors.LOAD_TIMEOUT_MS, polling=20)
    seconds = time.perf_counter() - started
    await context.close()
    return seconds, sum(received)


def _count_bytes(page) -> list[int]:
    """A list that grows by the size of every websocket frame the page receives."""
    received: list[int] = []
    page.on("websocket", lambda socket: socket.on("framereceived", lambda payload: received.append(len(payload))))
    return received


async def _switches(browser, url: str, shown: list[tuple[str, str, str]]) -> dict[str, list[tuple[float, int]]]:
    """Click through every page's sidebar link SWITCHES times: per page, seconds until drawn and bytes received."""
    context = await browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-GB")
    page = await context.new_page()
    received = _count_bytes(page)
    first_path, first_query, first_title = shown[0]
    await page.goto(f"{url}/{first_path}{first_query}", timeout=visitors.LOAD_TIMEOUT_MS)
    await page.wait_for_function(DRAWN, arg=first_title, timeout=visitors.LOAD_TIMEOUT_MS, polling=20)
    timings: dict[str, list[tuple[float, int]]] = {path: [] for path, _, _ in shown}
    for _ in range(SWITCHES):
        for path, _, title in [*shown[1:], shown[0]]:
            received.clear()
            started = time.perf_counter()
            await page.locator(f'[data-testid="stSidebarNav"] a[href$="/{path}"]').click()
            await page.wait_for_function(DRAWN, arg=title, timeout=visitors.LOAD_TIMEOUT_MS, polling=20)
            timings[path].append((time.perf_counter() - started, sum(received)))
    await context.close()
    return timings


def _summary(measured: dict) -> dict:
    """Medians per page, their ratios to the reference, the targets and whether each page meets them."""
    def median(samples: list[tuple[float, int]], index: int) -> float:
        return statistics.median(sample[index] for sample in samples)

    reference_s = median(measured["reference_loads"], 0)
    rows = []
    for path, samples in measured["loads"].items():
        switch = measured["switches"][path]
        row = {"page": path, "load_seconds": round(median(samples, 0), 2),
               "load_vs_reference": round(median(samples, 0) / reference_s, 2),
               "load_bytes": round(median(samples, 1)), "switch_seconds": round(median(switch, 0), 2),
               "switch_bytes": round(median(switch, 1))}
        row["ok"] = (row["load_vs_reference"] <= TARGETS["page_vs_reference"]
                     and row["switch_seconds"] <= TARGETS["switch_seconds"]
                     and max(row["load_bytes"], row["switch_bytes"]) <= TARGETS["page_bytes"])
        rows.append(row)
    reference_switch = [sample for samples in measured["reference_switches"].values() for sample in samples]
    print_table(rows, reference_s, median(measured["reference_loads"], 1), median(reference_switch, 0))
    return {"browser_pages": rows, "browser_targets": TARGETS,
            "reference_load_seconds": round(reference_s, 2),
            "reference_load_bytes": round(median(measured["reference_loads"], 1)),
            "reference_switch_seconds": round(median(reference_switch, 0), 2),
            "browser_targets_met": all(row["ok"] for row in rows)}


def print_table(rows: list[dict], reference_s: float, reference_bytes: float, reference_switch_s: float) -> None:
    """One line per page: load time, its ratio to the reference, switch time, bytes; misses marked."""
    print(f"reference page: load {reference_s:.2f} s, {reference_bytes / 1000:.0f} kB;"
          f" sidebar switch {reference_switch_s:.2f} s")
    print(f"{'page':<18} {'load s':>7} {'x ref':>6} {'load kB':>8} {'switch s':>9} {'switch kB':>10}")
    for row in rows:
        mark = "" if row["ok"] else "  <-- MISS"
        print(f"{row['page']:<18} {row['load_seconds']:>7.2f} {row['load_vs_reference']:>6.2f}"
              f" {row['load_bytes'] / 1000:>8.0f} {row['switch_seconds']:>9.2f}"
              f" {row['switch_bytes'] / 1000:>10.0f}{mark}")
