"""A real dashboard server on a loopback port, a test warehouse behind it, and Debian's chromium."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import pycountry
import pytest

from scripts.warehouse import rebuild

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
HOST = "127.0.0.1"
OFFICES = [  # iso3, office_type, city, lat, lon
    ("THA", "regional", "Bangkok", 13.75, 100.50), ("EGY", "regional", "Cairo", 30.04, 31.24),
    ("SEN", "regional", "Dakar", 14.69, -17.44), ("KEN", "regional", "Nairobi", -1.29, 36.82),
    ("ZAF", "regional", "Pretoria", -25.75, 28.19), ("PAN", "regional", "Panama City", 8.98, -79.52),
    ("AUT", "regional", "Vienna", 48.21, 16.37), ("MEX", "country", "Mexico City", 19.43, -99.13),
    ("COL", "country", "Bogotá", 4.71, -74.07), ("BGD", "country", "Dhaka", 23.81, 90.41),
    ("BGD", "sub", "Cox's Bazar", 21.43, 92.01), ("USA", "liaison", "New York", 40.71, -74.01),
]

SMALL_STATE_CENTRES = {  # lon, lat of a few states too small for the 110m map (rounded)
    "MLT": [14.4, 35.9], "BRB": [-59.55, 13.2], "MDV": [73.2, 3.2], "MUS": [57.6, -20.3],
    "CPV": [-24.0, 16.0], "WSM": [-172.1, -13.8], "TON": [-175.2, -21.2], "SYC": [55.5, -4.7],
    "BHR": [50.55, 26.0], "SMR": [12.46, 43.94],
}


def _countries() -> pd.DataFrame:
    """Every ISO country, placed at the centre point the world map file gives it."""
    with open(ROOT / "dashboard" / "static" / "world_110m.json", encoding="utf-8") as handle:
        shapes = json.load(handle)["objects"]["countries"]["geometries"]
    centres = {g["id"]: g["properties"]["ct"] for g in shapes if g.get("id")} | SMALL_STATE_CENTRES
    rows = [{"iso3": c.alpha_3, "iso2": c.alpha_2, "name_en": c.name, "name_fr": c.name,
             "name_es": c.name, "is_iso": True, "lon": centres.get(c.alpha_3, [None, None])[0],
             "lat": centres.get(c.alpha_3, [None, None])[1]} for c in pycountry.countries]
    return pd.DataFrame(rows)


def _events() -> pd.DataFrame:
    days = [date(2016, 3, 5), date(2019, 6, 12), date(2024, 11, 18)]
    return pd.DataFrame([
        {"event_id": f"e{i}", "title": f"Regional meeting {i}", "themes": ["labour-migration"],
         "start_date": day, "end_date": day, "date_precision": "day", "iso3": "PAN",
         "source_file": "events.csv", "source_row": i + 2, "is_sample": i == 0, "origin": "table",
         "ingested_at": datetime(2026, 11, 1)} for i, day in enumerate(days)])


@pytest.fixture(scope="session")
def browser_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """All ISO countries, the shipped member-state list, a dozen offices, three events (one sample)."""
    path = tmp_path_factory.mktemp("warehouse") / "migdash.duckdb"
    offices = pd.DataFrame(OFFICES, columns=["iso3", "office_type", "city", "lat", "lon"])
    offices["mission_id"] = offices["iso3"] + "-" + offices["office_type"] + "-" + offices["city"]
    frames = {"countries": _countries(), "missions": offices.assign(geo_precision="city",
              source_file="missions.csv"), "events": _events()}
    with rebuild(path) as con:
        for table, frame in frames.items():
            con.register("incoming", frame)
            con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM incoming")
        con.execute(
            "INSERT INTO member_states SELECT iso3, status, admitted_year, source,"
            " 'member_states.csv' FROM read_csv(?, all_varchar = true)",
            [str(ROOT / "data" / "reference" / "iom_member_states.csv")])
        con.execute("INSERT INTO load_runs VALUES (1, TIMESTAMP '2026-11-20 09:00',"
                    " TIMESTAMP '2026-11-20 09:01', 'ok', NULL, 200, 200, 0, NULL)")
    return path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def _wait_until_healthy(url: str, server: subprocess.Popen, timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {server.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"streamlit did not answer at {url} within {timeout_s} s")


@pytest.fixture(scope="session")
def dashboard_url(browser_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of `streamlit run dashboard/app.py` serving the test warehouse."""
    port = _free_port()
    log = tmp_path_factory.mktemp("streamlit") / "server.log"
    env = {**os.environ, "MIGDASH_WAREHOUSE": str(browser_warehouse)}
    command = [sys.executable, "-m", "streamlit", "run", "dashboard/app.py",
               "--server.address", HOST, "--server.port", str(port), "--server.headless", "true",
               "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"]
    with open(log, "w") as output:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)
    url = f"http://{HOST}:{port}"
    try:
        _wait_until_healthy(url, server)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by playwright (never a downloaded browser)."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium package (make test does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()
