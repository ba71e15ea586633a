import csv
from collections import defaultdict

import pytest

from scripts.normalize.text import fold
from scripts.normalize.vocabulary import REFERENCE_DIR, Vocabulary

FIXED_CODES = {
    "event_type": {"conference", "workshop", "training", "meeting", "consultation", "campaign",
                   "launch", "field-visit"},
    "theme": {"counter-trafficking", "labour-migration", "border-management", "displacement",
              "return-reintegration", "climate-migration", "migration-health", "child-protection",
              "migration-governance", "integration", "migration-data", "emergency-response"},
    "office_type": {"country", "regional", "sub", "liaison"},
    "member_status": {"member", "observer"},
}


@pytest.fixture(scope="module")
def vocab():
    return Vocabulary.from_reference()


def reference_rows():
    with (REFERENCE_DIR / "vocabulary.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("vocabulary, value, code", [
    ("event_type", "Atelier", "workshop"), ("event_type", "taller", "workshop"),
    ("event_type", "Formation", "training"), ("event_type", "capacitación", "training"),
    ("event_type", "réunion", "meeting"), ("event_type", "Reunion", "meeting"),
    ("event_type", "Field visit", "field-visit"), ("event_type", "field_visit", "field-visit"),
    ("theme", "lutte contre la traite", "counter-trafficking"),
    ("theme", "Trata de personas", "counter-trafficking"),
    ("theme", "gestion des frontières", "border-management"),
    ("theme", "Gestión de fronteras", "border-management"),
    ("theme", "Labor migration", "labour-migration"),
    ("theme", "migration de main d'œuvre", "labour-migration"),
    ("office_type", "Bureau de liaison", "liaison"), ("office_type", "sub-office", "sub"),
    ("member_status", "membre", "member"), ("member_status", "Estado Miembro", "member"),
    ("member_status", "observateur", "observer"), ("member_status", "observador", "observer"),
])
def test_code_maps_labels_and_aliases_in_three_languages(vocab, vocabulary, value, code):
    assert vocab.code(vocabulary, value) == code


def test_code_refuses_unknown_values_and_other_vocabularies(vocab):
    assert vocab.code("event_type", "picnic") is None
    assert vocab.code("theme", "workshop") is None
    assert vocab.code("event_type", "") is None


def test_code_with_unknown_vocabulary_name_raises(vocab):
    with pytest.raises(KeyError, match="unknown vocabulary"):
        vocab.code("colour", "red")


def test_codes_splits_list_cells_and_reports_unmatched(vocab):
    assert vocab.codes("theme", "Trata; santé ;data|DTM, cooking") == (
        ["counter-trafficking", "migration-health", "migration-data"], ["cooking"])
    assert vocab.codes("theme", "") == ([], [])


def test_label_in_each_language_with_fallbacks(vocab):
    assert vocab.label("event_type", "field-visit", "fr") == "Visite de terrain"
    assert vocab.label("theme", "border-management", "es") == "Gestión de fronteras"
    assert vocab.label("theme", "border-management", "de") == "Border management"
    assert vocab.label("theme", "no-such-code", "fr") == "no-such-code"


def test_reference_vocabularies_hold_exactly_the_agreed_codes():
    codes = defaultdict(set)
    for row in reference_rows():
        codes[row["vocabulary"]].add(row["code"])
    assert dict(codes) == FIXED_CODES


def test_reference_spellings_are_unique_within_a_vocabulary_and_free_of_separators():
    owners = {}
    for row in reference_rows():
        labels = [row["label_en"], row["label_fr"], row["label_es"]]
        assert all(labels)
        for spelling in [row["code"], *labels, *filter(None, row["aliases"].split(";"))]:
            assert not set(spelling) & set(",|"), spelling
            key = (row["vocabulary"], fold(spelling).replace("-", " "))
            assert owners.setdefault(key, row["code"]) == row["code"], spelling
