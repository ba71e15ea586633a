"""Exact country-name look-ups: names and aliases in en/fr/es, never typo matches."""

import pytest

from scripts.normalize.countries import CountryResolver
from scripts.press.country_names import CountryNames, key_sequences


@pytest.fixture(scope="module")
def names():
    return CountryNames.from_reference(CountryResolver.from_reference())


@pytest.mark.parametrize("name, iso3", [("the Sudan", "SDN"), ("Tchad", "TCD"), ("Côte d’Ivoire", "CIV"),
                                        ("República Dominicana", "DOM"), ("Guinea Bissau", "GNB"),
                                        ("Nigerian", None), ("Syrian", None), ("Tunis", None), ("Sahel", None)])
def test_names_resolve_exactly_or_not_at_all(names, name, iso3):
    assert names.iso3(name) == iso3


def test_key_sequences_read_hyphens_both_ways_and_drop_possessives():
    assert key_sequences("Guinée-Bissau") == [("guinee-bissau",), ("guinee", "bissau")]
    assert key_sequences("Costa Rica's") == [("costa", "rica")]
    assert key_sequences("d'Haïti") == [("d'", "haiti")]
