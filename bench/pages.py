"""Time every dashboard page on a big warehouse through AppTest: script runs, figure JSON size, slow queries."""

import argparse
import logging
import os
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import duckdb
from streamlit.testing.v1 import AppTest

from dashboard import app, queries
from dashboard.queries import store
from scripts import postgres, warehouse
from scripts.backend import PostgresStore, Store, locate, setting
from tools import pgcluster
from tools.apptest import open_page

PAGE_TARGETS = {"page_warm_seconds": 1.0, "page_figures_bytes": 1_500_000}
RUN_TIMEOUT_S = 300
WARM_RUNS = 3  # the warm time is their median: one slow run on a busy machine does not decide
# AppTest runs pages outside a server session: streamlit warns about that on every cached call.
QUIET_LOGGERS = ("streamlit.runtime.scriptrunner_utils.script_run_context", "streamlit.runtime.caching.cache_data_api")


def busiest_country(warehouse: Path) -> str:
    """The country linked to most events."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute("SELECT iso3 FROM event_countries GROUP BY iso3 ORDER BY count(*) DESC, iso3 LIMIT 1"
                           ).fetchone()[0]


def scenarios(warehouse: Path) -> dict[str, dict[str, str]]:
    """URL filters to time each page with: none, the busiest country, the last year of events, and both."""
    busiest = busiest_country(warehouse)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        (last,) = con.execute("SELECT max(start_date) FROM events").fetchone()
    country = {"country": busiest}
    period = {"from": (last - timedelta(days=364)).isoformat(), "to": last.isoformat()}
    return {"all": {"lang": "en"}, f"country={busiest}": {"lang": "en", **country},
            f"from={period['from']}": {"lang": "en", **period}, "both": {"lang": "en", **country, **period}}


@contextmanager
def query_timer() -> Iterator[list[tuple[str, float]]]:
    """Record (query name, seconds) for every query that reaches DuckDB (cache misses) while open."""
    timings: list[tuple[str, float]] = []
    originals = dict(store.QUERIES)

    def timed(name: str, query: Callable) -> Callable:
        def run(*args, **kwargs):
            started = time.perf_counter()
            try:
                return query(*args, **kwargs)
            finally:
                timings.append((name, time.perf_counter() - started))
        return run

    store.QUERIES.update({name: timed(name, query) for name, query in originals.items()})
    try:
        yield timings
    finally:
        store.QUERIES.update(originals)


def measure(module_name: str, params: dict[str, str]) -> dict:
    """Run one page with URL filters, then again (warm: the median of WARM_RUNS): seconds, sizes, slowest queries."""
    page = AppTest.from_function(open_page, args=(module_name,), default_timeout=RUN_TIMEOUT_S)
    page.query_params.update(params)
    seconds = []
    with query_timer() as timings:
        for _ in range(1 + WARM_RUNS):
            started = time.perf_counter()
            page.run()
            seconds.append(time.perf_counter() - started)
    slowest = sorted(timings, key=lambda timing: -timing[1])[:3]
    return {"first_seconds": round(seconds[0], 3), "warm_seconds": round(statistics.median(seconds[1:]), 3),
            "figures": len(page.get("plotly_chart")),
            "figures_bytes": sum(len(chart.proto.spec) for chart in page.get("plotly_chart")),
            "tables_bytes": sum(table.proto.ByteSize() for table in [*page.dataframe, *page.table]),
            "queries": len(timings), "query_seconds": round(sum(s for _, s in timings), 3),
            "slowest_queries": [f"{name} {s:.2f}s" for name, s in slowest],
            "error": str(page.exception[0].message) if page.exception else None}


def bench_pages(warehouse: Store, duckdb_file: Path | None = None) -> dict:
    """Time every page of the app on `warehouse` under each scenario (chosen from duckdb_file, default the
    warehouse itself); rows, targets and a pass flag."""
    for name in QUIET_LOGGERS:
        logging.getLogger(name).addFilter(lambda record: False)
    state = queries.warehouse_state(warehouse)
    if state != "ready":
        raise SystemExit(f"{warehouse} is {state}: refresh it with this version of migdash first")
    previous = os.environ.get("MIGDASH_WAREHOUSE")
    os.environ["MIGDASH_WAREHOUSE"] = setting(warehouse)
    try:
        rows = [{"page": url, "filters": name, **measure(module.__name__.rsplit(".", 1)[1], params)}
                for name, params in scenarios(duckdb_file or warehouse).items() for module, _, _, url in app.PAGES]
    finally:
        if previous is None:
            os.environ.pop("MIGDASH_WAREHOUSE")
        else:
            os.environ["MIGDASH_WAREHOUSE"] = previous
    for row in rows:
        row["ok"] = (row["error"] is None and row["warm_seconds"] <= PAGE_TARGETS["page_warm_seconds"]
                     and row["figures_bytes"] <= PAGE_TARGETS["page_figures_bytes"])
    print_table(rows)
    return {"pages": rows, "page_targets": PAGE_TARGETS, "pages_targets_met": all(row["ok"] for row in rows)}


def bench_pages_postgres(duckdb_file: Path, on_duckdb: list[dict]) -> dict:
    """Publish the same warehouse into a throwaway PostgreSQL cluster as a refresh does, time every page on it and
    print its times beside DuckDB's (rows of bench_pages)."""
    with pgcluster.cluster() as url:
        pg = PostgresStore(pgcluster.new_database(url, "bench"))
        started = time.perf_counter()
        with warehouse.exclusive(pg), duckdb.connect(str(duckdb_file), read_only=True) as con:
            postgres.publish(pg, con)
        published = time.perf_counter() - started
        print("\nPostgreSQL:")
        rows = bench_pages(pg, duckdb_file)
    print(f"\n{'page':<18} {'filters':<18} {'DuckDB warm s':>14} {'PostgreSQL warm s':>18} {'first s (D / P)':>16}")
    for duck, post in zip(on_duckdb, rows["pages"]):
        print(f"{duck['page']:<18} {duck['filters']:<18} {duck['warm_seconds']:>14.2f} {post['warm_seconds']:>18.2f}"
              f" {duck['first_seconds']:>7.2f} / {post['first_seconds']:<7.2f}")
    return {"postgres_publish_seconds": round(published, 1), "postgres_pages": rows["pages"],
            "postgres_pages_targets_met": rows["pages_targets_met"]}


def print_table(rows: list[dict]) -> None:
    """Print one line per page and scenario, misses marked, then the errors in full."""
    print(f"{'page':<18} {'filters':<18} {'first s':>8} {'warm s':>7} {'figures':>8} {'fig kB':>7}"
          f" {'table kB':>8}  slowest queries (first run)")
    for row in rows:
        mark = "" if row["ok"] else "  <-- MISS"
        print(f"{row['page']:<18} {row['filters']:<18} {row['first_seconds']:>8.2f} {row['warm_seconds']:>7.2f}"
              f" {row['figures']:>8} {row['figures_bytes'] / 1000:>7.0f} {row['tables_bytes'] / 1000:>8.0f}"
              f"  {', '.join(row['slowest_queries'])}{mark}")
    for row in rows:
        if row["error"]:
            print(f"{row['page']} ({row['filters']}) raised: {row['error']}")


def main(argv: list[str] | None = None) -> int:
    """Time the pages on an existing warehouse (default: the app's own) and print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--warehouse", type=locate, default=locate(), help="store to read")
    args = parser.parse_args(argv)
    return 0 if bench_pages(args.warehouse)["pages_targets_met"] else 1


if __name__ == "__main__":
    sys.exit(main())
