"""The event's dates: ranges in three languages, years from the publication date, and decoys."""

import datetime

import pytest

from scripts.press.event_dates import find_event_dates

ANCHOR = datetime.date(2022, 6, 10)
D = datetime.date


@pytest.mark.parametrize("text, start, end", [
    ("Officials met in Tunis from 10 to 12 May 2022.", D(2022, 5, 10), D(2022, 5, 12)),
    ("Des experts se sont réunis du 3 au 5 juin à Dakar.", D(2022, 6, 3), D(2022, 6, 5)),
    ("Les 14 et 15 octobre 2021, les délégués se sont réunis.", D(2021, 10, 14), D(2021, 10, 15)),
    ("Del 8 al 10 de julio de 2019 se celebró el taller.", D(2019, 7, 8), D(2019, 7, 10)),
    ("The conference was held from 2 to 4 November 2020.", D(2020, 11, 2), D(2020, 11, 4)),
    ("Authorities met on 6-7 May 2017 in Panama City.", D(2017, 5, 6), D(2017, 5, 7)),
    ("The training ran between 28 November and 1 December 2021.", D(2021, 11, 28), D(2021, 12, 1)),
    ("Los días 3, 4 y 5 de junio se reunieron las delegaciones.", D(2022, 6, 3), D(2022, 6, 5)),
    ("The meeting was held June 3-5, 2022 in Lima.", D(2022, 6, 3), D(2022, 6, 5)),
    ("Ils se sont réunis du lundi 30 mai au mercredi 1er juin.", D(2022, 5, 30), D(2022, 6, 1)),
])
def test_date_phrases_in_three_languages(text, start, end):
    found = find_event_dates(text, ANCHOR)
    assert (found.start, found.end) == (start, end)


def test_event_range_beats_other_dates_in_the_text():
    text = ("The Protocol adopted on 29 May 1979 was discussed. Since 1 January 2022, 2,000 people arrived. "
            "Officials met in Dakar on 7 and 8 June to review it.")
    found = find_event_dates(text, ANCHOR)
    assert (found.start, found.end) == (D(2022, 6, 7), D(2022, 6, 8))


def test_dateline_date_is_skipped():
    text = "Amman, 3 June 2022 – The meeting, held on 1 and 2 June, ended."
    found = find_event_dates(text, ANCHOR, skip_until=len("Amman, 3 June 2022 – "))
    assert (found.start, found.end) == (D(2022, 6, 1), D(2022, 6, 2))


@pytest.mark.parametrize("text, day", [
    ("IOM today handed over 12 ambulances in Kyiv.", D(2022, 6, 10)),
    ("L'OIM a lancé hier une campagne à Dakar.", D(2022, 6, 9)),
    ("El miércoles se celebró el taller en Lima.", D(2022, 6, 8)),
])
def test_relative_days_count_from_the_publication_date(text, day):
    found = find_event_dates(text, ANCHOR)
    assert (found.start, found.end) == (day, day)


def test_a_number_after_a_date_is_not_the_end_of_a_range():
    found = find_event_dates("The workshop was held on 10 May 2022 and 12 migrants attended.", ANCHOR)
    assert (found.start, found.end) == (D(2022, 5, 10), D(2022, 5, 10))


def test_without_any_date_the_publication_date_stands_in_with_low_confidence():
    found = find_event_dates("IOM welcomed the new policy.", ANCHOR)
    assert (found.start, found.confidence) == (ANCHOR, 0.2)
    assert find_event_dates("IOM welcomed the new policy.", None) is None


@pytest.mark.parametrize("text, anchor, start, end", [
    ("The two-day meeting, which opens on 25 October 2022, gathers experts.", None, D(2022, 10, 25), D(2022, 10, 26)),
    ("Un atelier de trois jours s'est achevé le 12 mars 2021 à Dakar.", None, D(2021, 3, 10), D(2021, 3, 12)),
    ("Durante dos días, desde el 4 de julio de 2019, los delegados se reunieron.", None, D(2019, 7, 4),
     D(2019, 7, 5)),
    ("Officials began a three-day workshop on Monday in Nadi.", D(2023, 11, 30), D(2023, 11, 27), D(2023, 11, 29)),
])
def test_a_stated_duration_makes_a_range_from_its_first_or_last_day(text, anchor, start, end):
    found = find_event_dates(text, anchor)
    assert (found.start, found.end) == (start, end)


def test_days_counted_from_a_weekday_or_yesterday_wait_for_review():
    from scripts.schema import REVIEW_THRESHOLD
    for text in ("Officials met on Tuesday in Lima.", "Les délégués se sont réunis hier à Dakar.",
                 "Officials began a three-day workshop on Monday in Nadi."):
        assert find_event_dates(text, D(2023, 11, 30)).confidence < REVIEW_THRESHOLD
    assert find_event_dates("Officials met in Lima from 3 to 5 May 2022.", None).confidence >= REVIEW_THRESHOLD


def test_without_a_publication_date_a_lead_dated_tomorrow_makes_later_dates_a_guess():
    from scripts.press.event_dates import FALLBACK_CONFIDENCE
    text = ("A two-day regional meeting will open in Cairo tomorrow. Experts of twenty states will attend. "
            "It prepares the Forum held in Brussels on 21-22 January 2008, where ministers met.")
    assert find_event_dates(text, None).confidence == FALLBACK_CONFIDENCE


@pytest.mark.parametrize("text, anchor, start, end", [
    ("The High Commissioner is due to visit Athens and Lesvos on Wednesday and Thursday.", D(2019, 11, 26),
     D(2019, 11, 27), D(2019, 11, 28)),
    ("Les délégués se sont réunis du lundi au mercredi à Dakar.", D(2022, 6, 10), D(2022, 6, 6), D(2022, 6, 8)),
    ("Las responsables iniciaron ayer una visita a Canarias, que concluirá mañana.", D(2020, 11, 17),
     D(2020, 11, 16), D(2020, 11, 18)),
    ("Officials met this morning in Lima; the meeting ends tomorrow.", D(2022, 6, 10), D(2022, 6, 10),
     D(2022, 6, 11)),
])
def test_weekdays_and_days_around_the_publication_date_make_ranges(text, anchor, start, end):
    found = find_event_dates(text, anchor)
    assert (found.start, found.end) == (start, end)


def test_a_year_stated_in_the_lead_dates_a_range_without_publication_date():
    from scripts.schema import REVIEW_THRESHOLD
    found = find_event_dates("The 2017 Migration Dialogue, hosted from 2-4 September, adopted a report.", None)
    assert (found.start, found.end) == (D(2017, 9, 2), D(2017, 9, 4))
    assert found.confidence < REVIEW_THRESHOLD
