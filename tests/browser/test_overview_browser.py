"""The Overview page in a real browser: the member-state map draws from the app's own shapes, nothing else."""

from pathlib import Path
from urllib.parse import urlparse

import duckdb

from dashboard.i18n import format_number, tn


def test_overview_map_draws_every_country_from_the_app_alone(tab, demo_warehouse: Path) -> None:
    tab.open()
    tab.page.wait_for_selector("path.choroplethlocation", timeout=30_000)
    tab.screenshot("overview-en")

    assert tab.page.locator("path.choroplethlocation").count() >= 150
    with duckdb.connect(str(demo_warehouse), read_only=True) as con:
        sample, total = con.execute("SELECT count(*) FILTER (WHERE is_sample), count(*) FROM events").fetchone()
    banner = tn("overview.sample_banner", sample, total=format_number(total))
    assert tab.page.get_by_text(banner).is_visible()
    assert f"{tab.base_url}/app/static/world_110m.json" in tab.requests
    assert not [error for error in tab.errors if "topojson" in error]
    elsewhere = [url for url in tab.requests if urlparse(url).scheme not in ("data", "blob")
                 and urlparse(url).hostname != "127.0.0.1"]
    assert not elsewhere
