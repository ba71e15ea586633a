"""Titles, summaries, names and links are data, never markup: hostile text stays inert on every page."""

import shutil
from pathlib import Path

import pytest
from conftest import _tab

from dashboard import app
from scripts.refresh import DEMO_DIR, refresh
from tools.visitors import serve

PAYLOADS = [  # title, summary, source_url, country, organizations
    ('<img src=x onerror="window.pwned=1;alert(1)">', "<b onmouseover=alert(2)>hover</b>", "javascript:alert(3)",
     "Senegal", "IOM"),
    ("<script>window.pwned=1;alert(4)</script>", "[click me](javascript:alert(5))", "https://example.org/ok",
     "Senegal", '<svg onload="window.pwned=1">'),
    ("**bold** [link](javascript:alert(6)) <iframe src=javascript:alert(7)>", "=HYPERLINK(\"x\")", "",
     '<img src=x onerror="window.pwned=1">', "IOM"),
]
INJECTED = """() => [...document.querySelectorAll('*')].filter(element =>
    ['IMG', 'SCRIPT', 'SVG', 'IFRAME'].includes(element.tagName.toUpperCase()) && /pwned|alert/.test(element.outerHTML)
    || [...element.attributes].some(a => /^on/i.test(a.name) && /pwned|alert/.test(a.value))
    || (element.tagName === 'A' && /^\\s*javascript:/i.test(element.getAttribute('href') || ''))
  ).map(element => element.outerHTML.slice(0, 120))"""


def quoted(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


@pytest.fixture(scope="module")
def hostile_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped data plus three events whose every text field is an attack."""
    raw = tmp_path_factory.mktemp("hostile") / "raw"
    shutil.copytree(DEMO_DIR, raw, ignore=shutil.ignore_patterns("press"))
    lines = ["event_id,title,summary,source_url,country,organizations,start_date,city"]
    lines += [",".join([f"H{n}", *map(quoted, row), "2026-11-20", "Dakar"]) for n, row in enumerate(PAYLOADS, 1)]
    (raw / "events_hostile.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    store = raw.parent / "migdash.duckdb"
    refresh(raw, store)
    return store


def test_hostile_text_is_inert_on_every_page(browser, hostile_warehouse: Path, tmp_path: Path) -> None:
    dialogs: list[str] = []
    with serve(hostile_warehouse, tmp_path) as server, _tab(browser, server.url) as tab:
        tab.page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        tab.open(lang="en", country="SEN")
        seen = []
        for index, (*_, path) in enumerate(app.PAGES):
            if index:
                tab.navigate(path)
            tab.page.mouse.move(700, 600)  # hover over whatever is drawn there
            seen.append((path, tab.page.evaluate(INJECTED), tab.page.evaluate("window.pwned")))
        tab.open("events", lang="en", q="alert")
        body = ""
        for _ in range(5):  # the grid draws on a canvas a moment after the script ends: retry the click
            grid = tab.page.locator('[data-testid="stDataFrame"]').first.bounding_box()
            tab.page.mouse.click(grid["x"] + 14, grid["y"] + 52)  # the first row's selection box
            tab.settle()
            body = tab.page.inner_text('[data-testid="stMain"]')
            if "alert(" in body:
                break
            tab.page.wait_for_timeout(1000)
        tab.screenshot("events-hostile-detail-en")
        seen.append(("events detail", tab.page.evaluate(INJECTED), tab.page.evaluate("window.pwned")))
    assert dialogs == []
    assert [(path, found, flag) for path, found, flag in seen if found or flag] == []
    assert "alert(" in body  # the hostile text is shown, as text
