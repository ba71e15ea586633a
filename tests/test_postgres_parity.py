"""The query layer on PostgreSQL returns what it returns on DuckDB: every registered query, over the same rows."""

from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from page_app import open_app

from dashboard import app, queries
from dashboard.filters import Filters
from dashboard.queries import postgres_reads, store
from scripts.warehouse import connect_readonly

SCENARIOS = [  # URL filters each page is opened with, to gather the calls the pages really make
    {"lang": "en"},
    {"lang": "fr", "country": "SEN", "from": "2015-01-01", "to": "2024-12-31"},
    {"lang": "es", "scheme": "m49", "type": "conference", "theme": "labour-migration", "q": "migración"},
    {"lang": "fr", "region": "RO_DKR", "org": "IOM", "q": "cote d'ivoire"},
    {"lang": "es", "sector": "98:RR,1:15190", "funder": "XI-IATI-EC_INTPA,Switzerland", "from": "2022-01-01"},
]
FILTERS = [Filters(), Filters(lang="fr", country="SEN", start=date(2016, 1, 1), end=date(2023, 6, 30)),
           Filters(lang="es", text="Sénégal", themes=("displacement", "health")), Filters(scheme="m49", orgs=("IOM",)),
           Filters(lang="fr", region="RO_DKR", start=date(2024, 1, 1), end=date(2024, 12, 31), sectors=("98:RR",),
                   funders=("XI-IATI-EC_INTPA", "Switzerland"))]


@pytest.fixture(scope="module")
def calls(demo_warehouse: Path) -> list[tuple[str, tuple, tuple]]:
    """Every distinct (query, arguments) the pages make under the scenarios, on DuckDB."""
    made: dict[tuple, None] = {}
    originals = dict(store.QUERIES)

    def recording(name: str, query):
        def record(con, *args, **kwargs):
            made[(name, args, tuple(sorted(kwargs.items())))] = None
            return query(con, *args, **kwargs)
        return record

    store.QUERIES.update({name: recording(name, query) for name, query in originals.items()})
    store._cached.clear()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MIGDASH_WAREHOUSE", str(demo_warehouse))
        try:
            for params in SCENARIOS:
                for module, *_ in app.PAGES:
                    open_app(module.__name__.rsplit(".", 1)[1], **params)
        finally:
            store.QUERIES.update(originals)
            store._cached.clear()
    with connect_readonly(demo_warehouse) as con:  # the detail of an event opens on a click: a few, each language
        picked = con.execute("SELECT event_id FROM events ORDER BY cardinality(themes) DESC, event_id LIMIT 4"
                             ).fetchall()
    return [*made, *(("event_detail", (event_id, lang), ()) for (event_id,) in picked for lang in ("en", "fr", "es"))]


def same(duck, pg) -> None:
    """Equal results: frames cell by cell (values, not integer widths), containers item by item, else by ==."""
    if isinstance(duck, pd.DataFrame):
        pd.testing.assert_frame_equal(duck.reset_index(drop=True), pg.reset_index(drop=True), check_dtype=False)
    elif isinstance(duck, dict):
        assert duck.keys() == pg.keys()
        for key in duck:
            same(duck[key], pg[key])
    elif isinstance(duck, tuple | list | np.ndarray):
        assert len(duck) == len(pg)
        for a, b in zip(duck, pg):
            same(a, b)
    elif duck is None or (isinstance(duck, float) and np.isnan(duck)):
        assert pg is None or (isinstance(pg, float) and np.isnan(pg)), (duck, pg)
    else:
        assert duck == pg, (duck, pg)


def test_every_query_the_pages_make_returns_the_same_on_both_backends(calls, demo_warehouse, demo_postgres):
    missing = set(store.QUERIES) - {name for name, *_ in calls}
    assert missing <= {"_loaded_state"}, f"no page made these queries: {missing}"
    duck = connect_readonly(demo_warehouse)
    version = postgres_reads.served_version(demo_postgres)
    with postgres_reads.cursor(demo_postgres, version) as pg:
        for name, args, kwargs in calls:
            query = store.QUERIES[name]
            try:
                same(query(duck.cursor(), *args, **dict(kwargs)), query(pg, *args, **dict(kwargs)))
            except AssertionError as error:
                raise AssertionError(f"{name}{args}{dict(kwargs)}: {error}") from None
    assert len(calls) > 100


@pytest.mark.parametrize("filters", FILTERS, ids=["all", "fr-country-period", "es-text-themes", "m49-org",
                                                  "fr-region-sector-funder"])
def test_every_query_returns_the_same_on_both_backends_for_chosen_filters(filters, demo_warehouse, demo_postgres):
    duck = connect_readonly(demo_warehouse)
    version = postgres_reads.served_version(demo_postgres)
    with postgres_reads.cursor(demo_postgres, version) as pg:
        for query in store.QUERIES.values():
            if "filters" in query.__code__.co_varnames[:query.__code__.co_argcount]:
                same(query(duck.cursor(), filters), query(pg, filters))


@pytest.mark.parametrize("filters", FILTERS[:3], ids=["all", "fr-country-period", "es-text-themes"])
def test_downloads_are_the_same_on_both_backends(filters, demo_warehouse, demo_postgres, tmp_path):
    from_duck, from_pg = tmp_path / "duck.csv", tmp_path / "pg.csv"
    queries.export_events_csv(demo_warehouse, filters, from_duck)
    queries.export_events_csv(demo_postgres, filters, from_pg)
    assert from_duck.read_text(encoding="utf-8") == from_pg.read_text(encoding="utf-8")
    assert filters != Filters() or len(from_pg.read_text(encoding="utf-8").splitlines()) == 347  # every event
    same(*(list(queries.export_events(store_, filters, 1000)) for store_ in (demo_warehouse, demo_postgres)))


@pytest.mark.parametrize("filters", [FILTERS[0], FILTERS[1], FILTERS[4]], ids=["all", "fr-country-period",
                                                                                  "fr-region-sector-funder"])
def test_programme_downloads_are_the_same_on_both_backends(filters, demo_warehouse, demo_postgres, tmp_path):
    from_duck, from_pg = tmp_path / "duck.csv", tmp_path / "pg.csv"
    queries.export_programmes_csv(demo_warehouse, filters, from_duck)
    queries.export_programmes_csv(demo_postgres, filters, from_pg)
    assert from_duck.read_text(encoding="utf-8") == from_pg.read_text(encoding="utf-8")
    assert len(from_pg.read_text(encoding="utf-8").splitlines()) > 1
    same(*(list(queries.export_programmes(store_, filters, 1000)) for store_ in (demo_warehouse, demo_postgres)))
