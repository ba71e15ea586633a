"""The Events page: table, pages, sort, detail and downloads, on the shipped samples and on hostile titles."""

import csv
import io
import os
import shutil
import time
from datetime import date
from pathlib import Path

import duckdb
import openpyxl
import pandas as pd
import pytest
from page_app import open_app
from page_app import run as _run
from streamlit.testing.v1 import AppTest

from dashboard import downloads, queries
from dashboard.filters import Filters
from dashboard.i18n import format_dates
from dashboard.layout import plain_markdown
from dashboard.views.events_table import csv_download, is_web_link, xlsx_download
from scripts.refresh import refresh

FIELDS = ("event_id", "title", "event_type", "themes", "start_date", "end_date", "city", "country", "participants",
          "organizations", "participants_total", "source_url", "summary")
HOSTILE_EVENTS = [  # event_id, title, city, host, participants, organizations, summary, source_url
    ("H1", '=HYPERLINK("http://x","click")', "=1+1", "Senegal", "Mali", "IOM;UNHCR", "-summary", "javascript:alert(1)"),
    ("H2", "+1", "Dakar", "Senegal", "", "IOM", "@summary", "https://example.org/events/2"),
    ("H3", "-2", "Bamako", "Mali", "Senegal", "", "+x", ""),
    ("H4", "@SUM(A1)", "Dakar", "Senegal", "", "", "", ""),
    ("H5", "Atelier **gras** [lien](javascript:alert(1)) :red[x]", "Dakar", "Senegal", "", "", "", ""),
]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")





@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse refreshed from one events file whose titles, cities and summaries look like formulas."""
    raw = tmp_path_factory.mktemp("hostile_raw")
    with open(raw / "events.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(FIELDS)
        for n, (event_id, title, city, host, participants, organizations, summary, url) in enumerate(HOSTILE_EVENTS):
            writer.writerow([event_id, title, "workshop", "labour-migration", f"2024-0{n + 1}-10", f"2024-0{n + 1}-11",
                             city, host, participants, organizations, 10 * (n + 1), url, summary])
    store = tmp_path_factory.mktemp("hostile") / "migdash.duckdb"
    refresh(raw, store)
    return store


@pytest.fixture
def hostile(hostile_store: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MIGDASH_WAREHOUSE", str(hostile_store))
    return hostile_store


def _open(sort: str | None = None, **params: str) -> AppTest:
    app = open_app("events_table", **params)
    if sort:
        app.selectbox(key="events_sort").set_value(sort)
        _run(app)
    return app




def _sql(path: Path, query: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(query, params or []).fetchall()


def _table_key(app: AppTest) -> str:
    return next(element.key for element in app.main if (element.key or "").startswith("events_table_"))


def _select_row(app: AppTest, row: int) -> AppTest:
    app.session_state[_table_key(app)] = {"selection": {"rows": [row], "columns": [], "cells": []}}
    return _run(app)


def _csv_rows(path: Path, f: Filters) -> pd.DataFrame:
    data = csv_download(path, f)
    assert data.startswith(downloads.BOM)
    return pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str, keep_default_na=False)


def _xlsx_rows(path: Path, f: Filters) -> list[tuple]:
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_download(path, f))).active
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    return list(sheet.iter_rows(values_only=True))


@pytest.mark.parametrize("lang, title, csv_label", [("en", "Events", "Download CSV ({} rows)"),
                                                    ("fr", "Événements", "Télécharger en CSV ({} lignes)"),
                                                    ("es", "Eventos", "Descargar CSV ({} filas)")])
def test_events_page_renders_in_every_language(shipped: Path, lang: str, title: str, csv_label: str) -> None:
    total, samples = _sql(shipped, "SELECT count(*), count(*) FILTER (WHERE is_sample) FROM events")[0]
    app = _open(lang=lang)
    assert app.title[0].value == title
    assert len(app.dataframe[0].value) == 50
    assert app.get("download_button")[0].proto.label == csv_label.format(total)
    assert f"{samples} " in app.warning[0].value and f" {total} " in app.warning[0].value


def test_events_page_lists_names_and_labels_in_the_language(shipped: Path) -> None:
    table = _open(lang="fr", sort="title").dataframe[0].value
    assert {"Dates", "Titre", "Type", "Lieu", "Thèmes", "Origine"} <= set(table.columns)
    assert "Conférence" in set(table["Type"]) and "Exemple" in set(table["Origine"])


def test_events_page_marks_events_extracted_from_press_releases(shipped: Path) -> None:
    (extracted,) = _sql(shipped, "SELECT count(*) FROM events WHERE origin = 'press'")[0]
    origins = _csv_rows(shipped, Filters())["origin"]
    assert extracted and (origins == "press").sum() == extracted
    table = _open(lang="fr", sort="oldest").dataframe[0].value
    app_total = len(table[table["Origine"].str.contains("Extrait d'un communiqué de presse")])
    (on_first_page,) = _sql(shipped, "SELECT count(*) FILTER (WHERE origin = 'press') FROM (SELECT origin FROM"
                            " events ORDER BY start_date, event_id LIMIT 50)")[0]
    assert app_total == on_first_page


def test_events_page_counts_and_pages_follow_the_filters(shipped: Path) -> None:
    (expected,) = _sql(shipped, "SELECT count(*) FROM events WHERE event_id IN"
                       " (SELECT event_id FROM event_countries WHERE iso3 = 'SEN')")[0]
    app = _open(country="SEN")
    assert app.markdown[0].value == f"**{expected}** events match the filters"
    assert len(app.dataframe[0].value) == expected


def test_events_page_turns_pages_in_the_database(shipped: Path) -> None:
    (total,) = _sql(shipped, "SELECT count(*) FROM events")[0]
    pages = -(-total // 50)
    app = _open()
    first_page = set(app.dataframe[0].value["Title"])
    app.number_input[0].set_value(pages)
    app = _run(app)
    last_page = app.dataframe[0].value
    assert len(last_page) == total - (pages - 1) * 50 and not set(last_page["Title"]) & first_page
    assert f"Showing events {(pages - 1) * 50 + 1} to {total} of {total}." in [c.value for c in app.caption]


def test_events_page_sorts_by_participants(shipped: Path) -> None:
    table = _open(sort="participants").dataframe[0].value
    (most,) = _sql(shipped, "SELECT max(participants_total) FROM events")[0]
    assert table["Participants"].iloc[0] == most
    assert table["Participants"].is_monotonic_decreasing


def test_events_page_shows_the_selected_event_in_full(shipped: Path) -> None:
    app = _select_row(_open(lang="es", country="SEN", sort="oldest"), 0)
    event_id, title, host = _sql(shipped, "SELECT e.event_id, e.title, c.name_es FROM events e JOIN countries c"
                                 " ON c.iso3 = e.iso3 WHERE e.event_id IN (SELECT event_id FROM event_countries"
                                 " WHERE iso3 = 'SEN') ORDER BY e.start_date, e.event_id LIMIT 1")[0]
    assert app.subheader[0].value == "Detalles del evento"
    assert plain_markdown(title) in app.markdown[1].value
    facts = dict(app.dataframe[1].value.values.tolist())
    assert facts["Identificador"] == event_id and facts["País anfitrión"] == host
    countries = app.dataframe[2].value
    assert "SEN" in set(countries["ISO3"]) and countries["Función"].iloc[0] == "Anfitrión"


def test_events_page_hints_at_the_detail_until_a_row_is_chosen(shipped: Path) -> None:
    app = _open()
    assert "Select a row in the table to see the event in full." in [c.value for c in app.caption]
    assert not app.main.subheader


def test_events_detail_writes_markup_in_titles_as_text(hostile: Path) -> None:
    app = _select_row(_open(sort="oldest"), 4)
    heading = app.markdown[1].value
    assert heading.startswith("#### Atelier \\*\\*gras\\*\\* \\[lien\\]\\(javascript\\:alert\\(1\\)\\)")


def test_events_detail_links_a_web_source_only(hostile: Path) -> None:
    app = _select_row(_open(sort="oldest"), 1)  # H2: https source
    assert [b.proto.url for b in app.get("link_button")] == ["https://example.org/events/2"]
    app = _select_row(app, 0)  # H1: javascript: source, shown as text only
    assert not app.get("link_button") and "javascript:alert(1)" in [text.value for text in app.text]


def test_web_links_are_http_or_https_with_a_host() -> None:
    assert is_web_link("https://example.org/a?b=1") and is_web_link(" http://example.org ")
    for url in ("javascript:alert(1)", "data:text/html,x", "ftp://example.org", "https://", "http://exa mple.org",
                "https://example.org/\"onmouseover=", "//example.org", "example.org"):
        assert not is_web_link(url), url


def test_events_table_defuses_formula_titles_as_the_toolbar_exports_them(hostile: Path) -> None:
    titles = set(_open().dataframe[0].value["Title"])
    assert {"'=HYPERLINK(\"http://x\",\"click\")", "'+1", "'-2", "'@SUM(A1)"} <= titles


def test_csv_download_has_exactly_the_filtered_rows(shipped: Path) -> None:
    f = Filters(start=date(2016, 1, 1), end=date(2024, 12, 31), types=("workshop", "conference"),
                themes=("labour-migration", "migration-data"))
    expected = {row[0] for row in _sql(
        shipped, "SELECT event_id FROM events WHERE end_date >= DATE '2016-01-01' AND start_date <= DATE '2024-12-31'"
        " AND (list_contains(themes, 'labour-migration') OR list_contains(themes, 'migration-data'))"
        " AND event_type IN ('workshop', 'conference')")}
    rows = _csv_rows(shipped, f)
    assert len(expected) == 23 and set(rows["event_id"]) == expected and len(rows) == len(expected)
    assert {row[0] for row in _xlsx_rows(shipped, f)[1:]} == expected


def test_unfiltered_download_has_every_event_with_codes_names_and_provenance(shipped: Path) -> None:
    (total,) = _sql(shipped, "SELECT count(*) FROM events")[0]
    rows = _csv_rows(shipped, Filters(lang="fr"))
    assert len(rows) == total and rows["event_id"].is_unique
    assert {"event_type", "event_type_label", "host_iso3", "host_name", "participant_iso3", "participant_names",
            "organization_ids", "organization_names", "origin", "source_file", "source_row", "ingested_at",
            "is_sample"} <= set(rows.columns)
    senegal = rows[rows["host_iso3"] == "SEN"].iloc[0]
    assert senegal["host_name"] == "Sénégal"
    codes, names = senegal["organization_ids"].split("; "), senegal["organization_names"].split("; ")
    assert len(codes) == len(names) and dict(zip(codes, names))["IOM"].startswith("Organisation internationale")


def test_csv_download_is_built_once_per_data_version_and_filters(demo_warehouse: Path, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    store = tmp_path / "migdash.duckdb"
    shutil.copy(demo_warehouse, store)
    exports = []
    export = queries.export_events_csv
    monkeypatch.setattr(queries, "export_events_csv", lambda *args: exports.append(args) or export(*args))
    first = csv_download(store, Filters(lang="fr"))
    assert csv_download(store, Filters(lang="fr")) == first and len(exports) == 1
    csv_download(store, Filters(lang="fr", types=("workshop",)))
    assert len(exports) == 2
    os.utime(store, ns=(time.time_ns(), time.time_ns()))  # a new data version, as a refresh's swap makes one
    assert csv_download(store, Filters(lang="fr")) == first and len(exports) == 3
    assert len(list((tmp_path / downloads.CACHE_FOLDER).iterdir())) == 1  # the old version's files are gone


def test_downloads_defuse_hostile_cells_in_both_formats_and_keep_them_readable(hostile: Path) -> None:
    rows = _csv_rows(hostile, Filters())
    cells = [value for value in rows.to_numpy().ravel() if isinstance(value, str)]
    assert not [value for value in cells if value.startswith(FORMULA_STARTS)]
    assert {"'=HYPERLINK(\"http://x\",\"click\")", "'+1", "'-2", "'@SUM(A1)"} <= set(rows["title"])
    assert {"'-summary", "'@summary", "'+x"} <= set(rows["summary"]) and "'=1+1" in set(rows["city"])
    sheet = _xlsx_rows(hostile, Filters())
    cells = [value for row in sheet for value in row if isinstance(value, str)]
    assert not [value for value in cells if value.startswith(FORMULA_STARTS)]
    assert [row[1] for row in sheet[1:]] == rows["title"].tolist()


def test_excel_download_is_offered_up_to_its_row_limit(shipped: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert not _open().get("download_button")[1].proto.disabled
    monkeypatch.setattr(downloads, "XLSX_MAX_ROWS", 100)
    csv_button, xlsx_button = _open().get("download_button")
    assert xlsx_button.proto.disabled and "100" in xlsx_button.proto.help and not csv_button.proto.disabled


def test_event_dates_are_written_as_precisely_as_known() -> None:
    assert format_dates(date(2015, 8, 18), date(2015, 8, 20), "day", "fr") == "18–20 août 2015"
    assert format_dates(date(2016, 3, 5), date(2016, 3, 5), "day", "es") == "5 mar 2016"
    assert format_dates(date(2015, 8, 1), date(2015, 8, 31), "month", "en") == "Aug 2015"
    assert format_dates(date(2015, 1, 1), date(2016, 12, 31), "year", "en") == "2015–2016"


def test_events_page_says_when_nothing_matches(shipped: Path) -> None:
    app = _open(lang="fr", q="aucun-evenement-ne-porte-ce-nom")
    assert app.info[0].value.startswith("Aucun événement ne correspond aux filtres")
    assert not app.dataframe and not app.get("download_button")
