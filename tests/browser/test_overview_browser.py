"""The Overview page in a real browser: the member-state map draws from local shapes only."""

from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT = ROOT / "test-artifacts" / "overview.png"
APP_IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def test_overview_map_draws_every_country_from_local_shapes(browser, dashboard_url: str) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 1100})
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)

    page.goto(dashboard_url)
    page.wait_for_selector(APP_IDLE, timeout=30_000)
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=30_000)
    page.wait_for_selector("path.choroplethlocation", timeout=30_000)
    page.wait_for_timeout(500)  # let plotly finish both maps before the screenshot
    SCREENSHOT.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=True)

    assert page.locator("path.choroplethlocation").count() >= 150
    assert page.get_by_text("Sample data: 1 of 3 events").is_visible()
    assert f"{dashboard_url}/app/static/world_110m.json" in requests
    assert {urlparse(url).hostname for url in requests if urlparse(url).scheme != "data"} == {"127.0.0.1"}
    assert not [error for error in errors if "topojson" in error]
    page.close()
