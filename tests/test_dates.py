import datetime
import random

import pytest

from scripts.normalize.dates import ParsedDate, column_order, parse_date, parse_range

D = datetime.date


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("2015-08-18", D(2015, 8, 18), "day"),
        ("2015-08", D(2015, 8, 1), "month"),
        ("2015", D(2015, 1, 1), "year"),
        ("18/08/2015", D(2015, 8, 18), "day"),
        ("18.08.2015", D(2015, 8, 18), "day"),
        ("18-08-2015", D(2015, 8, 18), "day"),
        ("18 août 2015", D(2015, 8, 18), "day"),
        ("18 aout 2015", D(2015, 8, 18), "day"),
        ("1er mars 2016", D(2016, 3, 1), "day"),
        ("5 de marzo de 2016", D(2016, 3, 5), "day"),
        ("1º de marzo de 2016", D(2016, 3, 1), "day"),
        ("marzo de 2016", D(2016, 3, 1), "month"),
        ("March 5, 2016", D(2016, 3, 5), "day"),
        ("March 5th, 2016", D(2016, 3, 5), "day"),
        ("5 March 2016", D(2016, 3, 5), "day"),
        ("Sept. 3, 2019", D(2019, 9, 3), "day"),
        ("lundi 18 août 2015", D(2015, 8, 18), "day"),
        ("Mar 2016", D(2016, 3, 1), "month"),
        ("août 2015", D(2015, 8, 1), "month"),
        ("42234", D(2015, 8, 18), "day"),
        ("42234.75", D(2015, 8, 18), "day"),
        ("2015.0", D(2015, 1, 1), "year"),
        ("2015-08-18 00:00:00", D(2015, 8, 18), "day"),
        ("2015-08-18T10:00", D(2015, 8, 18), "day"),
        ("  29 février 2016 ", D(2016, 2, 29), "day"),
    ],
)
def test_parse_date_reads_supported_forms(text, value, precision):
    assert parse_date(text) == ParsedDate(value, precision)


def test_order_decides_only_dates_that_read_both_ways():
    assert parse_date("03/04/2016").value == D(2016, 4, 3)
    assert parse_date("03/04/2016", order="mdy").value == D(2016, 3, 4)
    assert parse_date("08/18/2015").value == D(2015, 8, 18)
    assert parse_date("18/08/2015", order="mdy").value == D(2015, 8, 18)


def test_two_digit_years_only_at_the_end_of_numeric_dates():
    assert parse_date("18/08/15").value == D(2015, 8, 18)
    assert parse_date("18/08/75").value == D(1975, 8, 18)
    assert parse_date("18 août 15") is None


@pytest.mark.parametrize("text", ["100", "1234", "12", "99999", "2958465"])
def test_numbers_outside_years_and_1950_2100_serials_are_not_dates(text):
    assert parse_date(text) is None


@pytest.mark.parametrize(
    "text", ["31/02/2016", "29/02/2015", "2015-13-01", "13/13/2015", "32 mars 2016", "2015-00"]
)
def test_impossible_dates_are_none(text):
    assert parse_date(text) is None


@pytest.mark.parametrize("text", ["18 août", "mars", "18", "du 18 au 20 août 2015"])
def test_parse_date_refuses_incomplete_dates_and_ranges(text):
    assert parse_date(text) is None


@pytest.mark.parametrize(
    "text",
    [None, "", "   ", "n/a", "TBD", "∞", "--", "1/2/3/4", "x" * 10_000, "9" * 40, "12.5.2015.1",
     "2015-08-18T99:99", "Geneva, 5 March 2016", "mars mars 2016", "\x00", 3.5, float("nan")],
)
def test_arbitrary_input_never_raises(text):
    assert parse_date(text) is None or isinstance(parse_date(text), ParsedDate)
    assert parse_range(text, D(2020, 1, 1)) is None or len(parse_range(text, D(2020, 1, 1))) == 2


def test_parse_date_reads_a_large_mixed_column():
    rng = random.Random(7)
    values = [
        f"{rng.randint(1, 28)}/{rng.randint(1, 12):02d}/{rng.randint(1990, 2025)}"
        if i % 3 else f"{rng.randint(1, 28)} août {rng.randint(1990, 2025)}"
        for i in range(20_000)
    ]
    assert all(parse_date(value) for value in values)


@pytest.mark.parametrize(
    ("values", "order"),
    [
        (["18/08/2015", "03/04/2016", "05/05/2016"], "dmy"),
        (["08/18/2015", "03/04/2016"], "mdy"),
        (["18/08/2015", "08/18/2015"], "ambiguous"),
        (["03/04/2016", "2016-05-01"], "ambiguous"),
        (["05/05/2016", "01/01/2017"], "dmy"),
        (["2015-08-18", "18 août 2015", ""], "none"),
        ([], "none"),
    ],
)
def test_column_order_reads_the_whole_column(values, order):
    assert column_order(values) == order


ANCHOR = D(2021, 1, 5)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("18-20 août 2015", D(2015, 8, 18), D(2015, 8, 20)),
        ("du 18 au 20 août 2015", D(2015, 8, 18), D(2015, 8, 20)),
        ("les 14 et 15 octobre 2021", D(2021, 10, 14), D(2021, 10, 15)),
        ("del 8 al 10 de julio de 2019", D(2019, 7, 8), D(2019, 7, 10)),
        ("2 to 4 November 2020", D(2020, 11, 2), D(2020, 11, 4)),
        ("6-7 May 2017", D(2017, 5, 6), D(2017, 5, 7)),
        ("30 June - 2 July 2021", D(2021, 6, 30), D(2021, 7, 2)),
        ("30 June – 2 July 2021", D(2021, 6, 30), D(2021, 7, 2)),
        ("du 30 juin au 2 juillet 2021", D(2021, 6, 30), D(2021, 7, 2)),
        ("November 2-4, 2020", D(2020, 11, 2), D(2020, 11, 4)),
        ("30 December 2020 - 2 January 2021", D(2020, 12, 30), D(2021, 1, 2)),
        ("2015-08-18/2015-08-20", D(2015, 8, 18), D(2015, 8, 20)),
        ("18/08/2015 - 20/08/2015", D(2015, 8, 18), D(2015, 8, 20)),
        ("du 3 au 5 juin", D(2021, 6, 3), D(2021, 6, 5)),
        ("du 28 décembre au 2 janvier", D(2020, 12, 28), D(2021, 1, 2)),
    ],
)
def test_parse_range_reads_en_fr_es_ranges(text, start, end):
    found = parse_range(text, ANCHOR)
    assert (found[0].value, found[1].value) == (start, end)
    assert found[0].precision == found[1].precision == "day"


def test_range_without_a_year_needs_an_anchor():
    assert parse_range("du 3 au 5 juin") is None


def test_anchor_year_goes_back_when_the_date_would_be_over_six_months_ahead():
    assert parse_range("du 3 au 5 juin", ANCHOR)[0].value == D(2021, 6, 3)
    assert parse_range("du 3 au 5 août", ANCHOR)[0].value == D(2020, 8, 3)


def test_single_date_is_a_one_day_range():
    day = ParsedDate(D(2016, 3, 5), "day")
    assert parse_range("5 mars 2016") == (day, day)
    assert parse_range("5 mars", D(2016, 4, 1)) == (day, day)


def test_month_and_year_ranges_keep_their_precision():
    start, end = parse_range("March–April 2016")
    assert (start, end) == (ParsedDate(D(2016, 3, 1), "month"), ParsedDate(D(2016, 4, 1), "month"))
    assert parse_range("2015-2016")[1] == ParsedDate(D(2016, 1, 1), "year")


def test_end_before_start_is_not_a_range():
    assert parse_range("20 au 18 août 2015") is None
    assert parse_range("2016-05-01 to 2016-04-01") is None
