"""Old, odd or hostile share links open every page: what does not fit is dropped or moved, and said so."""

import tomllib
from datetime import date
from pathlib import Path

import pytest
from page_app import open_app, run

from dashboard.filters import SHOWN_LIMIT, TEXT_LIMIT, Adjustment, Filters, Known, clamped_period
from dashboard.i18n import LANGUAGES, strings

PAGES = ("overview", "regional", "country_profile", "events_table", "data_quality")
FIRST, LAST = date(2015, 1, 14), date(2026, 11, 26)
REGION_COUNTRIES = {None: {"KEN", "UGA", "SEN"}, "RO_NBO": {"KEN", "UGA"}, "RO_DKR": {"SEN"},
                    "Eastern Africa": {"KEN", "UGA"}, "Western Africa": {"SEN"}}
KNOWN = Known(first=FIRST, last=LAST, regions={"iom": {"RO_NBO": "Nairobi", "RO_DKR": "Dakar"},
                                               "m49": {"Eastern Africa": "", "Western Africa": ""}},
              retired=["RO_SJO"], countries=lambda scheme, region: REGION_COUNTRIES.get(region, set()),
              types={"conference": "", "workshop": ""}, themes={"counter-trafficking": ""},
              orgs={"IOM": "", "UNHCR": ""})


def read(**params: str | list[str]) -> tuple[Filters, tuple[Adjustment, ...]]:
    return Filters.from_params(params, KNOWN, "fr")


def reasons(**params: str | list[str]) -> list[str]:
    return [adjustment.reason for adjustment in read(**params)[1]]



@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("params", [{"from": "1990-01-01"}, {"to": "2001-12-31"}, {"from": "2099-01-01"},
                                    {"from": "2024-06-01", "to": "2023-01-01"}])
def test_a_period_before_the_data_or_reversed_opens_the_page_with_a_notice(shipped: Path, page: str,
                                                                           params: dict) -> None:
    app = open_app(page, **params)
    assert any("moved to fit" in caption.value for caption in app.caption)


def test_a_period_is_turned_round_and_held_between_the_first_event_and_the_end_of_the_last_year() -> None:
    horizon = date(2026, 12, 31)
    assert clamped_period(date(1990, 1, 1), date(2020, 1, 1), FIRST, LAST) == (FIRST, date(2020, 1, 1))
    assert clamped_period(date(2024, 6, 1), date(2023, 1, 1), FIRST, LAST) == (date(2023, 1, 1), date(2024, 6, 1))
    assert clamped_period(date(1990, 1, 1), date(1991, 1, 1), FIRST, LAST) == (FIRST, FIRST)
    assert clamped_period(date(2024, 1, 1), horizon, FIRST, LAST) == (date(2024, 1, 1), horizon)
    assert clamped_period(date(2030, 1, 1), date(9999, 12, 31), FIRST, LAST) == (horizon, horizon)


def test_a_link_that_fits_is_read_as_it_is_with_no_notice() -> None:
    params = {"lang": "es", "from": "2020-01-01", "to": "2021-06-30", "region": "RO_NBO",
              "country": "KEN", "type": "conference,workshop", "theme": "counter-trafficking", "org": "IOM",
              "q": "Nairobi"}
    filters, adjusted = read(**params)
    assert adjusted == ()
    assert filters.to_params() == params


def test_codes_in_another_case_are_read_silently() -> None:
    filters, adjusted = read(lang="EN", scheme="M49", region="eastern AFRICA", country="ken", type="CONFERENCE",
                             org="unhcr")
    assert adjusted == ()
    assert (filters.lang, filters.scheme, filters.region, filters.country, filters.types, filters.orgs) == (
        "en", "m49", "Eastern Africa", "KEN", ("conference",), ("UNHCR",))
    assert read(region="ro_nbo")[0].region == "RO_NBO"


@pytest.mark.parametrize("value", ["2024-02-30", "2024-13", "2024-13-01", "yesterday", "１２", "２０２４-０１-０１",
                                   "20240101", "2024-W01-1", "0000-01-01", "2024-01-01T10:00", "'; DROP TABLE x"])
def test_a_date_that_is_no_day_is_dropped_and_said(value: str) -> None:
    filters, adjusted = read(**{"from": value})
    assert filters.start is None
    assert adjusted == (Adjustment("bad_date", "from", value[:SHOWN_LIMIT]),)


@pytest.mark.parametrize("params", [{"from": "1990-01-01"}, {"to": "2001-12-31"}, {"from": "2099-01-01"},
                                    {"to": "9999-12-31"}, {"from": "0001-01-01", "to": "9999-12-31"},
                                    {"from": "2024-06-01", "to": "2023-01-01"}])
def test_a_period_outside_the_data_or_reversed_is_moved_and_said(params: dict) -> None:
    filters, adjusted = read(**params)
    assert adjusted == (Adjustment("period", "from"),)
    assert FIRST <= filters.start if filters.start else True
    assert filters.end is None or filters.end <= date(2026, 12, 31)
    assert filters.previous() is None or filters.previous().start >= date(1, 1, 1)


def test_a_period_is_dropped_when_the_store_holds_no_events() -> None:
    no_events = Known(None, None, KNOWN.regions, KNOWN.retired, KNOWN.countries, {}, {}, {})
    assert Filters.from_params({"from": "0001-01-01", "to": "9999-12-31"}, no_events) == (
        Filters(), (Adjustment("period", "from"),))


def test_a_period_to_the_end_of_the_last_year_is_kept() -> None:
    assert read(**{"from": "2026-01-01", "to": "2026-12-31"}) == (
        Filters(lang="fr", start=date(2026, 1, 1), end=date(2026, 12, 31)), ())


@pytest.mark.parametrize(("params", "reason", "param"), [
    ({"lang": "de"}, "unknown_lang", "lang"), ({"lang": "fr-FR"}, "unknown_lang", "lang"),
    ({"scheme": "un"}, "unknown_scheme", "scheme"), ({"region": "RO_XYZ"}, "unknown_region", "region"),
    ({"region": "ro_sjo"}, "retired_region", "region"),
    ({"scheme": "m49", "region": "RO_NBO"}, "unknown_region", "region"),
    ({"country": "XYZ"}, "unknown_country", "country"), ({"country": "KE"}, "unknown_country", "country"),
    ({"region": "RO_DKR", "country": "KEN"}, "outside_region", "country"),
    ({"type": "party,conference"}, "unknown_type", "type"), ({"theme": "fun"}, "unknown_theme", "theme"),
    ({"org": "ACME"}, "unknown_org", "org")])
def test_an_unknown_code_is_dropped_and_said(params: dict, reason: str, param: str) -> None:
    filters, adjusted = read(**params)
    assert [(a.reason, a.param) for a in adjusted] == [(reason, param)]
    field, left = {"lang": ("lang", "fr"),  # the visitor's own language when the link's is unknown
                   "scheme": ("scheme", "iom"), "region": ("region", None), "country": ("country", None),
                   "type": ("types", ("conference",)), "theme": ("themes", ()), "org": ("orgs", ())}[param]
    assert getattr(filters, field) == left


def test_unknown_parameters_and_empty_values_are_ignored_silently() -> None:
    assert read(utm_source="mail", page="2", country="", q="  ") == (Filters(lang="fr"), ())


def test_a_repeated_parameter_keeps_its_first_value_and_says_so() -> None:
    filters, adjusted = read(country=["KEN", "UGA"])
    assert (filters.country, adjusted) == ("KEN", (Adjustment("repeated", "country", "KEN"),))
    assert read(country=["KEN", "KEN"]) == (Filters(lang="fr", country="KEN"), ())
    merged = Filters(lang="fr", types=("conference", "workshop"))
    assert read(type=["conference", "workshop,conference"]) == (merged, ())


@pytest.mark.parametrize("text", ["<script>alert(1)</script>", "**bold** $$x^2$$ [a](javascript:x)",
                                  "'; DROP TABLE events; --", "Côte d’Ivoire 🌍", "مهاجرة"])
def test_hostile_search_text_is_kept_as_text(text: str) -> None:
    assert read(q=text) == (Filters(lang="fr", text=text), ())


def test_control_and_invisible_characters_are_removed_from_search_text() -> None:
    filters, adjusted = read(q="Da\x00kar\u202e\u200f\x1b")
    assert (filters.text, adjusted) == ("Dakar", (Adjustment("text_cleaned", "q"),))


def test_long_search_text_is_cut() -> None:
    filters, adjusted = read(q="x" * 10_000)
    assert (len(filters.text), adjusted) == (TEXT_LIMIT, (Adjustment("text_shortened", "q", str(TEXT_LIMIT)),))


@pytest.mark.parametrize("value", ["<script>" * 1000, "\x00\u202e" * 5_000, "🌍" * 10_000, "$$\\frac{1}{0}$$"])
def test_a_dropped_value_is_quoted_back_short_with_control_characters_marked(value: str) -> None:
    (adjustment,) = read(country=value)[1]
    assert len(adjustment.value) <= SHOWN_LIMIT
    assert adjustment.value.isprintable()


def test_without_a_store_only_the_form_of_a_link_is_checked() -> None:
    filters, adjusted = Filters.from_params({"country": "XYZ", "type": "party", "from": "1990-01-01", "to": "2024-13",
                                             "lang": "de"})
    assert (filters.country, filters.types, filters.start, filters.end, filters.lang) == (
        "XYZ", ("party",), date(1990, 1, 1), None, "en")
    assert [a.reason for a in adjusted] == ["unknown_lang", "bad_date"]


def test_every_reason_is_said_in_every_language() -> None:
    english = {key for key in strings("en") if key.startswith("filters.link.")}
    assert len(english) == 17  # with the Programmes page's unknown sector and funder
    for lang in LANGUAGES:
        assert english <= set(strings(lang)), lang


def test_the_notice_shows_the_dropped_value_as_plain_text(shipped: Path) -> None:
    app = open_app("overview", country="**B** $$x$$ <b>:red[y]", region="RO_SJO")
    (notice,) = [caption.value for caption in app.caption if "Link adjusted" in caption.value]
    assert r"\*\*B\*\* \$\$x\$\$ \<b\>\:red\[y\]" in notice
    assert "RO\\_SJO" in notice


def test_the_notice_stays_across_pages_until_the_visitor_picks_other_filters(shipped: Path) -> None:
    app = open_app("events_table", country="XYZ")
    assert any("XYZ" in caption.value for caption in app.caption)
    run(app)
    assert any("XYZ" in caption.value for caption in app.caption)
    app.sidebar.selectbox(key="f_country").set_value("KEN")
    run(app)
    assert not any("XYZ" in caption.value for caption in app.caption)


def test_visitors_never_see_error_details() -> None:
    config = tomllib.loads((Path(__file__).resolve().parents[1] / ".streamlit" / "config.toml").read_text())
    assert config["client"]["showErrorDetails"] == "none"  # Streamlit's generic message only: no type, no trace
