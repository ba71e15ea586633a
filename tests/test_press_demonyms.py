"""Nationality adjectives beside officials or public bodies name countries that take part; alone they do not."""

import pytest

from scripts.press.demonyms import Demonyms
from scripts.press.document import Document
from scripts.press.extract import Extractor


@pytest.fixture(scope="module")
def demonyms():
    return Demonyms.from_reference()


def _found(demonyms, text):
    return [(adjective.iso3, text[adjective.start:adjective.end]) for adjective in demonyms.find(text)]


@pytest.mark.parametrize("text, expected", [
    ("Kenyan immigration officers joined the course", [("KEN", "Kenyan")]),
    ("la délégation malienne et les autorités nigériennes", [("MLI", "malienne"), ("NER", "nigériennes")]),
    ("des policiers sénégalais, gambiens et guinéens", [("SEN", "sénégalais"), ("GMB", "gambiens"),
                                                        ("GIN", "guinéens")]),
    ("Ethiopian, Somali and Kenyan officials", [("ETH", "Ethiopian"), ("SOM", "Somali"), ("KEN", "Kenyan")]),
])
def test_an_adjective_beside_officials_names_their_country(demonyms, text, expected):
    assert _found(demonyms, text) == expected


@pytest.mark.parametrize("text", [
    "Syrian refugees crossed the border",
    "des migrants maliens ont été rapatriés",
    "Nigerian migrants and officials met",
    "Latin American officials met in Lima",
    "the French language course",
])
def test_an_adjective_alone_or_of_origin_names_no_participant(demonyms, text):
    assert _found(demonyms, text) == []


def test_adjectives_name_participants_but_not_donors():
    extractor = Extractor.from_reference()
    text = ("Accra – Ghanaian and Togolese border officials met in Accra on 3 May 2023 for a training funded by the "
            "Japanese government. Burkinabe migrants were also interviewed.")
    assert extractor.extract(Document("r.txt", "", text, None, None)).countries == ["GHA", "TGO"]
