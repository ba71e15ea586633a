"""Old or odd share links open every page: a period starting before the data or reversed is moved to fit and said so."""

from datetime import date
from pathlib import Path

import pytest
from page_app import open_app

from dashboard.filters import clamped_period

PAGES = ("overview", "regional", "country_profile", "events_table", "data_quality")


@pytest.fixture
def shipped(shipped_warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MIGDASH_WAREHOUSE", str(shipped_warehouse))
    return shipped_warehouse


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("params", [{"from": "1990-01-01"}, {"to": "2001-12-31"}, {"from": "2099-01-01"},
                                    {"from": "2024-06-01", "to": "2023-01-01"}])
def test_a_period_before_the_data_or_reversed_opens_the_page_with_a_notice(shipped: Path, page: str,
                                                                           params: dict) -> None:
    app = open_app(page, **params)
    assert any("moved to fit" in caption.value for caption in app.caption)


def test_a_period_is_turned_round_and_starts_no_earlier_than_the_data() -> None:
    first = date(2015, 1, 1)
    assert clamped_period(date(1990, 1, 1), date(2020, 1, 1), first) == (first, date(2020, 1, 1))
    assert clamped_period(date(2024, 6, 1), date(2023, 1, 1), first) == (date(2023, 1, 1), date(2024, 6, 1))
    assert clamped_period(date(1990, 1, 1), date(1991, 1, 1), first) == (first, first)
    assert clamped_period(date(2030, 1, 1), date(2031, 1, 1), first) == (date(2030, 1, 1), date(2031, 1, 1))
