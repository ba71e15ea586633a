"""The Overview page in a real browser: the member-state map draws from local shapes only."""

from urllib.parse import urlparse


def test_overview_map_draws_every_country_from_local_shapes(tab) -> None:
    tab.open()
    tab.page.wait_for_selector("path.choroplethlocation", timeout=30_000)
    tab.page.wait_for_timeout(500)  # let plotly finish both maps before the screenshot
    tab.screenshot("overview-en")

    assert tab.page.locator("path.choroplethlocation").count() >= 150
    assert tab.page.get_by_text("Sample data: 340 of 340 events").is_visible()
    assert f"{tab.base_url}/app/static/world_110m.json" in tab.requests
    assert not [error for error in tab.errors if "topojson" in error]


def test_overview_requests_nothing_but_the_app_itself(tab) -> None:
    tab.open()
    tab.page.wait_for_selector("path.choroplethlocation", timeout=30_000)
    tab.page.wait_for_timeout(500)
    hosts = {urlparse(url).hostname for url in tab.requests if urlparse(url).scheme not in ("data", "blob")}
    assert hosts == {"127.0.0.1"}, sorted(url for url in tab.requests if "127.0.0.1" not in url)
