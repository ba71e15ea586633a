"""Every page on a PostgreSQL warehouse shows what it shows on DuckDB; a publish is seen at the next script run."""

import pytest
from page_app import open_app
from page_app import run as rerun
from streamlit.testing.v1 import AppTest

from dashboard import app
from scripts.refresh import refresh
from tools import visitors

PAGES = [module.__name__.rsplit(".", 1)[1] for module, *_ in app.PAGES]


def shown(page: AppTest) -> dict:
    """What a visitor reads on a page: titles, figures, captions, tables' sizes, charts."""
    return {"titles": [t.value for t in page.title], "metrics": {m.label: m.value for m in page.metric},
            "captions": [c.value for c in page.caption], "markdown": [m.value for m in page.markdown],
            "tables": [t.value.shape for t in page.dataframe], "charts": len(page.get("plotly_chart"))}


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("params", [{}, {"lang": "fr", "country": "SEN"}], ids=["all", "fr-SEN"])
def test_each_page_shows_the_same_on_postgresql_as_on_duckdb(page, params, demo_warehouse, demo_postgres,
                                                             monkeypatch):
    monkeypatch.setenv("MIGDASH_WAREHOUSE", str(demo_warehouse))
    on_duckdb = shown(open_app(page, **params))
    monkeypatch.setenv("MIGDASH_WAREHOUSE", demo_postgres.url)
    on_postgres = shown(open_app(page, **params))
    assert on_postgres == on_duckdb
    assert on_postgres["titles"] and (page == "country_profile" and not params or on_postgres["metrics"]
                                      or on_postgres["tables"] or on_postgres["charts"])


def test_a_refresh_published_elsewhere_is_seen_at_the_next_run(postgres_store, tmp_path, monkeypatch):
    folders = visitors.raw_folders(tmp_path)
    monkeypatch.setenv("MIGDASH_WAREHOUSE", postgres_store.url)
    page = open_app("overview")
    assert not page.metric and page.info  # nothing published yet: the page says so
    refresh(folders["a"], postgres_store)
    rerun(page)
    assert {m.label: m.value for m in page.metric}["Member states"] == "175"
    assert "(refresh 1)" in " ".join(c.value for c in page.caption)
    refresh(folders["b"], postgres_store)
    rerun(page)
    assert {m.label: m.value for m in page.metric}["Member states"] == str(visitors.MEMBERS_IN_B)
    assert "(refresh 2)" in " ".join(c.value for c in page.caption)


def test_an_unreachable_database_is_explained_not_a_traceback(monkeypatch):
    monkeypatch.setenv("MIGDASH_WAREHOUSE", f"postgresql://nobody@127.0.0.1:{visitors._free_port()}/none")
    page = open_app("overview")
    assert page.info and not page.exception
