"""Every shipped row says where it comes from: the real data in data/raw and the stated figures."""

import csv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("name, column", [("member_states.csv", "source"), ("missions.csv", "source")])
def test_every_member_state_and_office_has_a_source(name, column):
    assert [row for row in _rows(RAW / name) if not row[column].strip()] == []


def test_every_shipped_event_is_real_and_links_to_its_source():
    events = [row for path in sorted(RAW.glob("events*.csv")) for row in _rows(path)]
    assert events, "no event file in data/raw"
    assert [row["event_id"] for row in events if not row["source_url"].startswith(("https://", "http://"))] == []
    assert {row["is_sample"].strip().lower() for row in events} == {"false"}
    assert all(not row["summary"].strip() for row in events)  # facts only: no sentences of the sources
    assert len({row["event_id"] for row in events}) == len(events)


def test_every_stated_figure_has_its_date_and_page():
    figures = _rows(ROOT / "data" / "reference" / "iom_stated_figures.csv")
    assert {row["figure"] for row in figures} >= {"member_states", "observer_states"}
    assert all(row["source_url"].startswith(("https://", "http://")) and row["as_of"][:4].isdigit() for row in figures)
