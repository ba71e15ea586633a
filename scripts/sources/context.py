"""The normalizers one refresh needs, loaded once and shared by every loader."""

import functools
import threading
from dataclasses import dataclass
from datetime import date

from scripts.normalize.countries import CountryResolver
from scripts.normalize.organizations import OrganizationResolver
from scripts.normalize.places import Gazetteer
from scripts.normalize.vocabulary import Vocabulary
from scripts.sources.staging import Staging

FIRST_YEAR = 1951  # the organization was founded in 1951: earlier dates are typing errors


@dataclass
class Context:
    """Today's date and the normalizers, each built on first use: a refresh of IATI files alone needs none."""

    today: date

    @classmethod
    def load(cls, today: date | None = None) -> "Context":
        """The context of one refresh; the normalizers come from data/reference."""
        return cls(today or date.today())

    @property
    def countries(self) -> CountryResolver:
        """Country names to ISO3."""
        return _countries()

    @property
    def organizations(self) -> OrganizationResolver:
        """Organization names and aliases to org_id."""
        return _organizations()

    @property
    def vocabulary(self) -> Vocabulary:
        """Controlled vocabularies (event types, themes, office types, member status)."""
        return _vocabulary()

    @property
    def gazetteer(self) -> Gazetteer:
        """Cities and regions."""
        return _gazetteer()

    @staticmethod
    def warm_up() -> threading.Thread:
        """Build every normalizer in a thread of its own, while the raw files are read; join it before load().

        The country matcher builds its typo index on the first name it does not know: one is asked for here."""
        def build() -> None:
            countries, *_ = _normalizers()
            countries.resolve_many(["zzqx"])

        thread = threading.Thread(target=build, name="normalizers", daemon=True)
        thread.start()
        return thread

    @property
    def last_year(self) -> int:
        """Latest plausible year of a date in the data (planned events included)."""
        return self.today.year + 10

    def country_mapping(self, staging: Staging, name: str, values: list[str]) -> None:
        """Register `name`(value, iso3, how, region_id): each distinct country value resolved once."""
        matches = self.countries.resolve_many(values) if values else {}

        def resolve(value: str) -> tuple:
            match = matches.get(value)
            if match:
                return match.iso3, match.how, None
            return None, None, self.gazetteer.region(value)

        staging.mapping(name, values, resolve, {"iso3": "VARCHAR", "how": "VARCHAR", "region_id": "VARCHAR"})

    def code_mapping(self, staging: Staging, name: str, vocabulary: str, values: list[str]) -> None:
        """Register `name`(value, code) for one controlled vocabulary."""
        staging.mapping(name, values, lambda v: (self.vocabulary.code(vocabulary, v),), {"code": "VARCHAR"})

    def city_mapping(self, staging: Staging, name: str, source: str) -> None:
        """Register `name`(value 'city|iso3', lat, lon, how) for the distinct cities of a staged table."""
        keys = [k for (k,) in staging.con.execute(
            f"SELECT DISTINCT city || '|' || iso3 FROM {source} WHERE city IS NOT NULL AND iso3 IS NOT NULL"
        ).fetchall()]

        def place(key: str) -> tuple:
            city, iso3 = key.rsplit("|", 1)
            found = self.gazetteer.city(city, iso3) or self.gazetteer.town(city, frozenset({iso3}))  # country known
            return (found.lat, found.lon, found.how) if found and found.iso3 == iso3 else (None, None, None)

        staging.mapping(name, keys, place, {"lat": "DOUBLE", "lon": "DOUBLE", "how": "VARCHAR"})


def _normalizers() -> tuple[CountryResolver, OrganizationResolver, Vocabulary, Gazetteer]:
    """Every normalizer, each built once per process (the reference tables are shipped files that do not change)."""
    return _countries(), _organizations(), _vocabulary(), _gazetteer()


@functools.cache
def _countries() -> CountryResolver:
    return CountryResolver.from_reference()


@functools.cache
def _organizations() -> OrganizationResolver:
    return OrganizationResolver.from_reference()


@functools.cache
def _vocabulary() -> Vocabulary:
    return Vocabulary.from_reference()


@functools.cache
def _gazetteer() -> Gazetteer:
    return Gazetteer.from_reference()
