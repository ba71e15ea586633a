"""Property-based tests: arbitrary text never raises, and normalizing a normalized value changes nothing."""

from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scripts.normalize import dates, headers, language
from scripts.normalize.countries import CountryResolver
from scripts.normalize.organizations import OrganizationResolver
from scripts.normalize.places import Gazetteer
from scripts.normalize.text import fold
from scripts.normalize.vocabulary import Vocabulary
from scripts.refresh import refresh
from scripts.report import UnusableInput
from scripts.sources import tabular
from scripts.sources.tabular import read_table

COUNTRIES = CountryResolver.from_reference()
ORGANIZATIONS = OrganizationResolver.from_reference()
VOCABULARY = Vocabulary.from_reference()
GAZETTEER = Gazetteer.from_reference()

messy = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60)
name_like = st.one_of(messy, st.sampled_from(["Tchad", "Côte d’Ivoire", "RDC", "Reino Unido", "OIM", "taller",
                                              "18 août 2015", "5 de marzo de 2016", "2015-08", "42234"]))
FAST = settings(max_examples=300, deadline=None)


@FAST
@given(name_like)
def test_fold_is_idempotent(value):
    assert fold(fold(value)) == fold(value)


@FAST
@given(name_like)
def test_country_resolution_never_raises_and_codes_resolve_to_themselves(value):
    match = COUNTRIES.resolve(value)
    if match is not None:
        assert COUNTRIES.resolve(match.iso3).iso3 == match.iso3


@FAST
@given(name_like, st.sampled_from(["dmy", "mdy"]))
def test_dates_never_raise_and_parsing_an_iso_result_gives_it_back(value, order):
    parsed = dates.parse_date(value, order)
    if parsed is not None and parsed.precision == "day":
        assert dates.parse_date(parsed.value.isoformat()) == parsed
    dates.parse_range(value)
    dates.column_order([value, value])


@FAST
@given(name_like)
def test_vocabulary_codes_are_fixed_points(value):
    for vocabulary in VOCABULARY.vocabularies():
        code = VOCABULARY.code(vocabulary, value)
        if code is not None:
            assert VOCABULARY.code(vocabulary, code) == code


@FAST
@given(name_like)
def test_organization_ids_are_fixed_points(value):
    org = ORGANIZATIONS.resolve(value)
    if org is not None:
        assert ORGANIZATIONS.resolve(org) == org
    ORGANIZATIONS.find_in_text(value)


@FAST
@given(name_like)
def test_places_headers_and_language_never_raise(value):
    GAZETTEER.city(value)
    GAZETTEER.region(value)
    language.detect(value)
    for kind in headers.FIELDS:
        field = headers.canonical_header(kind, value)
        if field is not None:
            assert headers.canonical_header(kind, field) == field


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_either_read_or_give_a_reason(tmp_path, content):
    path = tmp_path / "events_fuzz.csv"
    path.write_bytes(content)
    try:
        read_table(path)
    except UnusableInput as error:
        assert error.reason


cell = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=25)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(cell, cell, cell, cell, cell), min_size=1, max_size=8))
def test_a_refresh_of_arbitrary_cells_loads_or_rejects_every_row(tmp_path_factory, rows):
    folder: Path = tmp_path_factory.mktemp("fuzz")
    raw = folder / "raw"
    raw.mkdir()
    lines = ["title;start_date;end_date;country;participants"]
    lines += [";".join(f'"{v.replace(chr(34), chr(34) * 2)}"' for v in row) for row in rows]
    (raw / "events_fuzz.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    try:
        report = refresh(raw, folder / "wh.duckdb")
    except UnusableInput as error:  # a clear reason is an acceptable outcome too
        assert error.reason
        return
    non_empty = sum(any(value.strip() for value in row) for row in rows)  # empty rows are skipped, as in a sheet
    assert report.rows_loaded + report.rows_rejected == report.rows_read == non_empty


csv_text = st.text(alphabet=st.sampled_from(['a', 'é', ' ', '\u00a0', ',', ';', '"', '\n', '\r', '\t', '\ufeff']),
                   max_size=80)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(csv_text, st.sampled_from([",", ";", "\t"]), st.integers(min_value=1, max_value=4))
def test_the_fast_csv_reader_gives_what_the_general_reader_gives(tmp_path, text, delimiter, width):
    """Arrow reads plain files; whenever it accepts one, every cell and row number is what pandas' reader gives."""
    path = tmp_path / "events_fuzz.csv"
    path.write_bytes(text.encode("utf-8"))
    fast = tabular._parse_regular_csv(path, delimiter, width)
    if fast is None:
        return
    encoding = "utf-8-sig" if text.startswith("\ufeff") else "utf-8"  # as the sample of the file decides
    general, malformed = tabular._parse_any_csv(path, encoding, delimiter, width)
    assert malformed == []
    pd.testing.assert_frame_equal(fast.reset_index(drop=True), general.reset_index(drop=True), check_dtype=False)
