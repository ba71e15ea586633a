"""City gazetteer (cities.csv), smaller towns (towns.csv), named regions (regions.csv) and ISO 3166-2
subdivisions (subdivisions.csv: provinces, states, islands such as Bali): names in en/fr/es to places.

A town is looked up only among countries given by the caller (the countries a release names),
since small towns share their names with other places and words all over the world.

City look-up rule: the folded name is matched against city names first and alternate names only
when no city carries it as its own name. With a country, only that country's cities count and
the most populous wins. Without one, a name found in a single country gives that country's most
populous match; a name shared by several countries gives the capital among them if exactly one
is a capital, else the most populous if it has at least AMBIGUITY_RATIO times the people of the
next, else None: a wrong place is worse than none.
"""

import csv
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from scripts.normalize.text import fold

REFERENCE_DIR = Path(__file__).resolve().parents[2] / "data" / "reference"
AMBIGUITY_RATIO = 10
MAJOR_POPULATION = 100_000
_ARTICLE = re.compile(r"^(?:(?:the|la|le|les|el|los|las)\s+|l')")
_REGION_WORDS = re.compile(
    r"^(?:the\s+)?region\s+of\s+(?:the\s+)?"
    r"|^region\s+(?:de\s+la\s+|de\s+l'|del\s+|des\s+|du\s+|de\s+)"
    r"|\s+(?:region|area|sub-?region)$")


@dataclass(frozen=True)
class Place:
    """A located city: display name, ISO3 country, coordinates, and how the name matched."""

    name: str
    iso3: str
    lat: float
    lon: float
    how: str  # "exact" (the city's own name), "alt" (one of its alternate names) or "town" (towns.csv)


@dataclass(frozen=True)
class _City:
    name: str
    iso3: str
    lat: float
    lon: float
    population: int
    is_capital: bool

    def place(self, how: str) -> Place:
        """This city as a Place matched in the given way."""
        return Place(self.name, self.iso3, self.lat, self.lon, how)


class Gazetteer:
    """City and region look-ups on folded names; results are cached per (name, country)."""

    def __init__(self, cities: list[_City], alt_names: list[list[str]], regions: list[dict],
                 subdivisions: dict[str, str] | None = None):
        """Index the cities, their alternate names, the regions, and subdivision name -> ISO3."""
        self._subdivisions = {fold(name): iso3 for name, iso3 in (subdivisions or {}).items()}
        self._towns_file: Path | None = None
        self._exact: dict[str, list[_City]] = {}
        self._alt: dict[str, list[_City]] = {}
        self._capitals: dict[str, _City] = {}
        for city, alts in zip(cities, alt_names):
            self._exact.setdefault(fold(city.name), []).append(city)
            for alt in alts:
                self._alt.setdefault(fold(alt), []).append(city)
            if city.is_capital:
                self._capitals.setdefault(city.iso3, city)
        self._regions: dict[str, str] = {}
        for row in regions:
            spellings = [row["region_id"], row["name_en"], row["name_fr"], row["name_es"],
                         *row["aliases"].split(";")]
            for spelling in filter(None, (s.strip() for s in spellings)):
                self._regions[_region_key(spelling)] = row["region_id"]
        self._cache: dict[tuple[str, str | None], Place | None] = {}

    @classmethod
    def from_reference(cls, reference_dir: Path = REFERENCE_DIR) -> "Gazetteer":
        """Load cities.csv and regions.csv from the reference folder."""
        cities, alt_names = [], []
        with (reference_dir / "cities.csv").open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                cities.append(_City(row["name"], row["iso3"], float(row["lat"]), float(row["lon"]),
                                    int(row["population"] or 0), row["is_capital"] == "1"))
                alt_names.append(row["alt_names"].split(";") if row["alt_names"] else [])
        with (reference_dir / "regions.csv").open(encoding="utf-8", newline="") as handle:
            regions = list(csv.DictReader(handle))
        subdivisions_file = reference_dir / "subdivisions.csv"
        subdivisions = {}
        if subdivisions_file.exists():
            with subdivisions_file.open(encoding="utf-8", newline="") as handle:
                subdivisions = {row["name"]: row["iso3"] for row in csv.DictReader(handle)}
        gazetteer = cls(cities, alt_names, regions, subdivisions)
        gazetteer._towns_file = reference_dir / "towns.csv"
        return gazetteer

    def city(self, name: str, iso3: str | None = None) -> Place | None:
        """The city a name designates (see the module docstring for the rule), or None."""
        cache_key = (fold(name or ""), iso3.upper() if iso3 else None)
        if cache_key not in self._cache:
            self._cache[cache_key] = self._find_city(*cache_key)
        return self._cache[cache_key]

    def capital(self, iso3: str) -> Place | None:
        """The capital of a country (ISO3), or None if the gazetteer has none."""
        city = self._capitals.get((iso3 or "").upper())
        return city.place("exact") if city else None

    def town(self, name: str, iso3s: frozenset[str] | None) -> Place | None:
        """The most populous town of that name in one of the given countries (None: in any), or None when
        there is none or when towns of several of them bear it."""
        found = [town for town in self._towns.get(fold(name or ""), []) if iso3s is None or town.iso3 in iso3s]
        if not found or len({town.iso3 for town in found}) > 1:
            return None
        return max(found, key=lambda town: town.population).place("town")

    @cached_property
    def _towns(self) -> dict[str, list[_City]]:
        """Folded town names and alternate names -> towns, read on first need."""
        towns: dict[str, list[_City]] = {}
        if self._towns_file is None or not self._towns_file.exists():
            return towns
        with self._towns_file.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                town = _City(row["name"], row["iso3"], float(row["lat"]), float(row["lon"]),
                             int(row["population"] or 0), False)
                for spelling in {fold(row["name"]), *(fold(alt) for alt in row["alt_names"].split(";") if alt)}:
                    towns.setdefault(spelling, []).append(town)
        return towns

    def subdivision(self, name: str) -> str | None:
        """ISO3 of the country whose province, state or region bears this name ('Bali' -> 'IDN'), or None."""
        return self._subdivisions.get(fold(name or ""))

    def is_major(self, place: Place) -> bool:
        """True for a capital or a city of at least MAJOR_POPULATION people."""
        return any(city.is_capital or city.population >= MAJOR_POPULATION
                   for city in self._exact.get(fold(place.name), []) if city.iso3 == place.iso3)

    def is_capital(self, place: Place) -> bool:
        """True when the place is its country's capital."""
        capital = self._capitals.get(place.iso3)
        return capital is not None and capital.name == place.name

    def region(self, name: str) -> str | None:
        """region_id of a named region in en/fr/es ('Corne de l'Afrique' -> 'horn-of-africa')."""
        return self._regions.get(_region_key(name or ""))

    def _find_city(self, key: str, iso3: str | None) -> Place | None:
        """Exact names first, then alternate names, each time by the module's ambiguity rule."""
        for index, how in ((self._exact, "exact"), (self._alt, "alt")):
            candidates = index.get(key, [])
            if iso3:
                candidates = [c for c in candidates if c.iso3 == iso3]
            if candidates:
                chosen = _unambiguous(candidates)
                return chosen.place(how) if chosen else None
        return None


def _unambiguous(candidates: list[_City]) -> _City | None:
    """The one city candidates designate, by the module's rule, or None if they are ambiguous."""
    best_by_country: dict[str, _City] = {}
    for city in candidates:
        best = best_by_country.get(city.iso3)
        if best is None or city.population > best.population:
            best_by_country[city.iso3] = city
    if len(best_by_country) == 1:
        return next(iter(best_by_country.values()))
    capitals = [c for c in best_by_country.values() if c.is_capital]
    if len(capitals) == 1:
        return capitals[0]
    first, second = sorted(best_by_country.values(), key=lambda c: -c.population)[:2]
    return first if first.population >= AMBIGUITY_RATIO * max(second.population, 1) else None


def _region_key(name: str) -> str:
    """Folded region name without a leading article or 'region of' wording."""
    key = _ARTICLE.sub("", fold(name))
    return _ARTICLE.sub("", _REGION_WORDS.sub("", key)).strip()
