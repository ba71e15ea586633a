"""The sample-event generator and the sample files it ships in data/raw/."""

import csv
import re
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook

from scripts.normalize.text import fold
from tools import sample_events as se

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "demo"
REFERENCE = ROOT / "data" / "reference"
TYPE_CODES = {label: code for code, labels in se.EVENT_TYPES.items() for label in (code, *labels[:2])}
THEME_CODES = {label: code for code, labels in se.THEMES.items() for label in (code, labels[1], labels[3])}
MONTHS = {name: number for months in (se.FR_MONTHS, se.ES_MONTHS) for number, name in enumerate(months, 1)}


def _day(value) -> date | None:
    """Read back every date form the generator writes."""
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value if type(value) is date else value.date()
    if match := re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", value):
        return date(*map(int, match.groups()))
    if match := re.fullmatch(r"(\d\d)/(\d\d)/(\d{4})", value):
        return date(int(match[3]), int(match[2]), int(match[1]))
    match = re.fullmatch(r"(\d+)(?:er)? (?:de )?(\w+) (?:de )?(\d{4})", value)
    return date(int(match[3]), MONTHS[match[2]], int(match[1]))


def _shipped_rows() -> list[dict]:
    """Every data row of the three shipped files, as canonical dicts."""
    with open(RAW / se.ENGLISH_FILE, encoding="utf-8", newline="") as handle:
        rows = [dict(row, file="en") for row in csv.DictReader(handle)]
    with open(RAW / se.FRENCH_FILE, encoding="cp1252", newline="") as handle:
        french = list(csv.reader(handle, delimiter=";"))
    assert tuple(french[0]) == se.FRENCH_HEADERS
    rows += [dict(zip(se.FIELDS[1:], row), file="fr") for row in french[1:]]
    sheet = load_workbook(RAW / se.SPANISH_FILE).active
    spanish = list(sheet.iter_rows(values_only=True))
    assert tuple(spanish[0]) == se.SPANISH_HEADERS
    rows += [dict(zip(se.FIELDS[1:], row), file="es") for row in spanish[1:]]
    return rows


def _is_deliberately_bad(row: dict) -> bool:
    return any(word in (row["summary"] or "") for word in ("Deliberately invalid", "volontairement", "a propósito"))


def test_generate_events_is_deterministic_for_a_seed():
    assert se.generate_events(40, seed=7) == se.generate_events(40, seed=7)
    assert se.generate_events(40, seed=7) != se.generate_events(40, seed=8)


def test_generated_rows_are_canonical_fictional_and_plausible():
    rows = se.generate_events(300, seed=11)
    assert all(tuple(row) == se.FIELDS for row in rows)
    assert len({row["event_id"] for row in rows}) == 300
    for row in rows:
        start, end = _day(row["start_date"]), _day(row["end_date"])
        assert 2015 <= start.year <= 2026
        assert end is None or timedelta(0) <= end - start <= timedelta(days=4)
        assert row["participants_total"] == "" or 10 <= int(row["participants_total"]) <= 400
        assert row["is_sample"] == "true"
        assert row["source_url"] == "" or row["source_url"].startswith("https://example.org/")
        assert se.region_of(row["country"])
        assert all(se.region_of(name) for name in row["participants"].split(";") if name)
        assert row["organizations"].split(";")[0] in ("IOM", "OIM", *se.IOM_FULL_NAME)


def test_generator_mixes_languages_name_forms_and_date_forms():
    rows = se.generate_events(400, seed=3)
    titles = " ".join(row["title"] for row in rows)
    assert {"on", "sur", "sobre"} <= set(titles.split())
    countries = {row["country"] for row in rows}
    assert countries & {c.iso3 for c in se.CATALOGUE} and countries & {c.names[1] for c in se.CATALOGUE}
    dates = [row["start_date"] for row in rows]
    assert any("/" in d for d in dates) and any(" de " in d for d in dates)
    assert any(re.search(r"[a-zé]", d) and " de " not in d for d in dates)


def test_catalogue_names_are_country_names_the_reference_knows():
    names = REFERENCE / "country_names.csv"
    if not names.exists():
        pytest.skip("country name list not built")
    with open(names, encoding="utf-8", newline="") as handle:
        known = {(fold(row["name"]), row["iso3"]) for row in csv.DictReader(handle)}
    unknown = [(c.iso3, name) for c in se.CATALOGUE for name in c.names if (fold(name), c.iso3) not in known]
    assert unknown == []


def test_catalogue_cities_are_in_the_gazetteer_of_their_country():
    cities = REFERENCE / "cities.csv"
    if not cities.exists():
        pytest.skip("gazetteer not built")
    with open(cities, encoding="utf-8", newline="") as handle:
        known = {(fold(name), row["iso3"]) for row in csv.DictReader(handle)
                 for name in (row["name"], *row["alt_names"].split(";"))}
    local = [(name, c.iso3) for c in se.CATALOGUE for city in c.cities
             for name in (city, *se.LOCAL_CITY_NAMES.get(city, {}).values())]
    assert [(city, iso3) for city, iso3 in local if (fold(city), iso3) not in known] == []


def test_shipped_files_cover_every_region_year_type_and_theme():
    rows = [row for row in _shipped_rows() if not _is_deliberately_bad(row)]
    assert Counter(row["file"] for row in rows) == {"en": 220, "fr": 60, "es": 60}
    assert {se.region_of(row["country"]) for row in rows} == set(se.REGIONS)
    assert {_day(row["start_date"]).year for row in rows} == set(se.YEARS)
    assert {TYPE_CODES[row["event_type"]] for row in rows} == set(se.EVENT_TYPES)
    assert {THEME_CODES[t] for row in rows for t in row["themes"].split(";")} == set(se.THEMES)
    assert {se.region_of(row["country"]) for row in rows if row["file"] == "es"} == {"americas"}


def test_shipped_files_hold_exactly_the_five_deliberate_errors():
    rows = _shipped_rows()
    bad = [row for row in rows if _is_deliberately_bad(row)]
    assert len(bad) == 5
    assert [row["country"] for row in rows].count("Atlantide") == 1
    assert [row["start_date"] for row in rows].count("31/02/2019") == 1
    assert sum(not row["title"] for row in rows) == 1
    late = [row for row in rows if row["start_date"] != "31/02/2019" and row["end_date"]
            and _day(row["end_date"]) < _day(row["start_date"])]
    assert len(late) == 1
    ids = Counter(row["event_id"] for row in rows if row["file"] == "en")
    assert [n for n in ids.values() if n > 1] == [2]


def test_shipped_files_misspell_a_few_participant_countries():
    names = [name for row in _shipped_rows() for name in (row["participants"] or "").split(";")]
    assert 0 < sum(name in se.MISSPELLINGS.values() for name in names) < 10


def test_shipped_events_are_unique_by_title_start_and_host():
    keys = [(row["title"], _day(row["start_date"]), row["country"]) for row in _shipped_rows()
            if not _is_deliberately_bad(row)]
    assert len(keys) == len(set(keys))


def _cells(path: Path) -> list[tuple]:
    """Every cell of a workbook's sheet as (value, number format): what a reader sees, whatever wrote the XML."""
    sheet = load_workbook(path).active
    return [(cell.value, cell.number_format) for row in sheet.iter_rows() for cell in row]


def test_main_rewrites_the_shipped_files_as_they_are(tmp_path):
    se.main(tmp_path)
    for name in (se.ENGLISH_FILE, se.FRENCH_FILE):
        assert (tmp_path / name).read_bytes() == (RAW / name).read_bytes(), name
    assert _cells(tmp_path / se.SPANISH_FILE) == _cells(RAW / se.SPANISH_FILE)


def test_bench_file_has_the_requested_rows_unique_ids_and_some_bad_rows(tmp_path):
    path = tmp_path / "events_bench.csv"
    se.write_bench_file(path, 20_000, seed=5)
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 20_000
    assert len({row["event_id"] for row in rows}) == 20_000
    bad = sum(row["country"] == "Atlantis" or row["start_date"] == "31/02/2019" or not row["title"]
              or row["end_date"] == "2019-06-03" for row in rows)
    assert 0.01 < bad / len(rows) < 0.03
    path.rename(tmp_path / "first.csv")
    se.write_bench_file(path, 20_000, seed=5)
    assert path.read_bytes() == (tmp_path / "first.csv").read_bytes()
