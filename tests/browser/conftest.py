"""A real dashboard server on a loopback port serving the shipped sample data, and Debian's chromium."""

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlparse

import pytest
from playwright.sync_api import Page

from tools.visitors import APP_IDLE, CHROMIUM, CHROMIUM_ARGS, ROOT, serve

ARTIFACTS = ROOT / "test-artifacts"
TIMEOUT_MS = 60_000  # generous: the machine running the suite may be busy


@pytest.fixture(scope="module")
def dashboard_url(browser, demo_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of a server on the shipped sample data (one per module), past its first session.

    Streamlit learns the pages of st.navigation in the first session it runs: until then a link to any
    page but the default one shows a "Page not found" dialog (test_fresh_server_browser.py shows it).
    """
    with serve(demo_warehouse, tmp_path_factory.mktemp("streamlit")) as server:
        url = server.url
        first = browser.new_page()
        first.goto(url)
        first.wait_for_selector(APP_IDLE, timeout=TIMEOUT_MS)
        first.close()
        yield url


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by playwright (never a downloaded browser)."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium package (make test does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@dataclass
class Tab:
    """One browser tab on the dashboard, with every URL it requested, console errors, and what went wrong.

    `failures` collects uncaught script errors and failed responses, except the 404s of the addresses a
    Streamlit page probes under its own path (`/events/_stcore/health`) before it finds the server's.
    """

    page: Page
    base_url: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def record(self) -> None:
        """Start listening to the tab's requests, console, script errors and responses."""
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("console", lambda message: self.errors.append(message.text) if message.type == "error" else None)
        self.page.on("pageerror", lambda error: self.failures.append(f"script error: {error}"))
        self.page.on("response", self._check_response)

    def _check_response(self, response) -> None:
        probe = re.search(r"/[\w-]+/_stcore/(health|host-config)$", urlparse(response.url).path)
        if response.status >= 400 and not (response.status == 404 and probe):
            self.failures.append(f"HTTP {response.status} for {response.url}")

    def open(self, url_path: str = "", **params: str) -> "Tab":
        """Load a page of the app (a fresh session) with URL filters, and wait until it has drawn."""
        query = f"?{urlencode(params)}" if params else ""
        self.page.goto(f"{self.base_url}/{url_path}{query}")
        return self.settle()

    def navigate(self, url_path: str) -> "Tab":
        """Click a page's link in the sidebar (the same session goes on) and wait until it has drawn."""
        self.page.locator(f'[data-testid="stSidebarNav"] a[href$="/{url_path}"]').click()
        self.page.wait_for_url(re.compile(rf"/{url_path}(\?|$)"), timeout=TIMEOUT_MS)
        return self.settle()

    def settle(self) -> "Tab":
        """Wait until the script has run, nothing is pending or still loading, and the title (or an error) is drawn."""
        self.page.wait_for_selector(APP_IDLE, timeout=TIMEOUT_MS)
        self.page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=TIMEOUT_MS)
        self.page.wait_for_selector('[data-testid="stMain"] h1, [data-testid="stException"]', timeout=TIMEOUT_MS)
        self.page.wait_for_function("!document.querySelector('[data-testid=stSkeleton]')", timeout=TIMEOUT_MS)
        self.page.wait_for_timeout(300)  # plotly draws just after the script has finished
        return self

    def screenshot(self, name: str) -> Path:
        """Save a PNG of the whole page under test-artifacts/ and return its path."""
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        viewport = self.page.viewport_size
        # Streamlit scrolls its main block, not the document: grow the window to the content's height.
        height = self.page.evaluate("document.querySelector('[data-testid=stMain]').scrollHeight")
        self.page.set_viewport_size({"width": viewport["width"], "height": max(viewport["height"], height)})
        self.page.wait_for_timeout(300)
        self.page.screenshot(path=str(path))
        self.page.set_viewport_size(viewport)
        return path


@contextmanager
def _tab(browser, base_url: str) -> Iterator[Tab]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-GB")
    page = context.new_page()
    opened = Tab(page, base_url)
    opened.record()
    try:
        yield opened
    finally:
        context.close()


@pytest.fixture
def tab(browser, dashboard_url: str) -> Iterator[Tab]:
    """A new tab (its own cookies and storage) on the module's server, closed after the test."""
    with _tab(browser, dashboard_url) as opened:
        yield opened


@pytest.fixture
def fresh_tab(browser, demo_warehouse: Path, tmp_path: Path) -> Iterator[Tab]:
    """A tab on a server of its own that no one has visited yet."""
    with serve(demo_warehouse, tmp_path) as server, _tab(browser, server.url) as opened:
        yield opened
