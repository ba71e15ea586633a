"""English, French and Spanish: the same strings everywhere, every page in every language, names localized."""

import json
import re
import string
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import app, charts, i18n
from tools.apptest import open_page

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "dashboard" / "app.py"
LOCALES = ROOT / "dashboard" / "locales"
OTHER_LANGUAGES = [lang for lang in i18n.LANGUAGES if lang != i18n.DEFAULT_LANGUAGE]


def _keys(path: Path) -> dict[str, str]:
    return i18n._flatten(json.loads(path.read_text(encoding="utf-8")))


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _plural_messages(lang: str) -> set[str]:
    """The keys of the messages that have plural forms ('events.count' for 'events.count.one' and '.other')."""
    return {key.rsplit(".", 1)[0] for key in i18n.strings(lang) if key.endswith(f".{i18n.OTHER}")}


def _page(module: str, lang: str) -> AppTest:
    page = AppTest.from_function(open_page, args=(module,), default_timeout=30)
    page.query_params["lang"] = lang
    page.run()
    assert not page.exception, f"{module} in {lang}: {page.exception}"
    return page



@pytest.mark.parametrize("lang", OTHER_LANGUAGES)
def test_every_locale_file_has_the_same_keys_in_every_language(lang: str) -> None:
    english = {path.name for path in (LOCALES / "en").glob("*.json")}
    assert {path.name for path in (LOCALES / lang).glob("*.json")} == english
    for name in sorted(english):
        en, other = _keys(LOCALES / "en" / name), _keys(LOCALES / lang / name)
        assert sorted(set(en) - set(other)) == [], f"{lang}/{name} lacks these keys"
        assert sorted(set(other) - set(en)) == [], f"{lang}/{name} has keys English lacks"


@pytest.mark.parametrize("lang", OTHER_LANGUAGES)
def test_placeholders_match_between_languages(lang: str) -> None:
    english, other = i18n.strings("en"), i18n.strings(lang)
    differing = {key: (english[key], other[key]) for key in english.keys() & other.keys()
                 if _placeholders(english[key]) != _placeholders(other[key])}
    assert differing == {}


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_no_ui_string_is_empty(lang: str) -> None:
    assert [key for key, text in i18n.strings(lang).items() if not str(text).strip()] == []


def test_every_ui_string_used_in_the_dashboard_exists_in_english() -> None:
    english = set(i18n.strings("en"))
    keys, prefixes, plurals = set(), set(), set()
    for module in (ROOT / "dashboard").rglob("*.py"):
        for call, key, brace in re.findall(r"""\b(t|tn|sample_banner)\(\s*f?["']([\w.]+)(\{?)""", module.read_text()):
            (prefixes if brace or key.endswith(".") else keys if call == "t" else plurals).add(key)
    assert keys - english == set()
    assert {key for key in plurals if f"{key}.{i18n.OTHER}" not in english} == set()
    assert plurals == _plural_messages("en"), "a message with plural forms is read with t(), or one without by tn()"
    assert [prefix for prefix in prefixes if not any(key.startswith(prefix) for key in english)] == []
    for state in ("missing", "unreadable", "empty"):
        assert f"warehouse.{state}" in english
    for status in charts.STATUS_COLORS:
        assert {f"map.status.{status}", f"map.status_long.{status}"} <= english
    assert {f"map.office.{kind}" for kind in charts.OFFICE_COLORS} <= english


def test_every_region_of_the_shipped_data_has_a_name_in_every_language(demo_warehouse: Path) -> None:
    with duckdb.connect(str(demo_warehouse), read_only=True) as con:
        subregions = [name for (name,) in con.execute(
            "SELECT DISTINCT un_subregion FROM countries WHERE un_subregion IS NOT NULL").fetchall()]
        offices = [office for (office,) in con.execute(
            "SELECT office_id FROM regional_offices WHERE valid_to IS NULL").fetchall()]
    assert len(subregions) == 17 and len(offices) == 7
    for lang in i18n.LANGUAGES:
        names = i18n.strings(lang)
        assert [s for s in subregions if f"regions.m49.{s}" not in names] == []
        assert [o for o in offices if f"regions.iom.{o}" not in names] == []
    assert i18n.t("regions.m49.Sub-Saharan Africa", "fr") == "Afrique subsaharienne"
    assert i18n.t("regions.m49.Sub-Saharan Africa", "es") == "África subsahariana"


@pytest.mark.parametrize("module", [module.__name__.rsplit(".", 1)[1] for module, *_ in app.PAGES])
def test_every_page_renders_in_every_language(shipped: Path, module: str) -> None:
    titles = {lang: _page(module, lang).title[0].value for lang in i18n.LANGUAGES}
    assert len(set(titles.values())) == len(i18n.LANGUAGES), f"{module} title is not translated: {titles}"


def test_french_overview_names_countries_in_french(shipped: Path) -> None:
    member_map = json.loads(_page("overview", "fr").get("plotly_chart")[0].proto.spec)
    hover = {iso3: text for trace in member_map["data"] if trace["type"] == "choropleth"
             for iso3, text in zip(trace["locations"], trace["text"])}
    assert hover["SEN"].startswith("<b>Sénégal</b><br>État membre")
    assert hover["TCD"].startswith("<b>Tchad</b>")


def test_spanish_overview_names_countries_in_spanish(shipped: Path) -> None:
    member_map = json.loads(_page("overview", "es").get("plotly_chart")[0].proto.spec)
    hover = {iso3: text for trace in member_map["data"] if trace["type"] == "choropleth"
             for iso3, text in zip(trace["locations"], trace["text"])}
    assert hover["DEU"].startswith("<b>Alemania</b><br>Estado miembro")


@pytest.mark.parametrize(("locale", "title", "lang_param"), [
    ("fr-FR", "Vue d'ensemble", "fr"), ("es-419", "Panorama", "es"), ("de-DE", "Overview", None)])
def test_browser_locale_chooses_the_first_language(shipped: Path, locale: str, title: str,
                                                   lang_param: str | None) -> None:
    page = AppTest.from_file(str(APP), default_timeout=30)
    page.context["locale"] = locale
    page.run()
    assert page.title[0].value == title
    assert page.query_params.get("lang") == lang_param


def test_language_in_the_url_wins_over_the_browser_locale(shipped: Path) -> None:
    page = AppTest.from_file(str(APP), default_timeout=30)
    page.context["locale"] = "fr-FR"
    page.query_params["lang"] = "es"
    page.run()
    assert page.title[0].value == "Panorama"
    assert page.sidebar.selectbox[0].label == "Idioma"


def test_language_switch_names_each_language_in_its_own_words(shipped: Path) -> None:
    page = AppTest.from_file(str(APP), default_timeout=30).run()
    switch = page.sidebar.selectbox[0]
    assert switch.options == ["English", "Français", "Español"]
    switch.set_value("fr").run()
    assert page.title[0].value == "Vue d'ensemble" and page.query_params["lang"] == "fr"


def test_a_code_label_falls_back_to_english_then_to_the_code() -> None:
    assert i18n.label("quality.codes", "bad-date", "fr") == i18n.t("quality.codes.bad-date", "fr")
    assert i18n.label("quality.codes", "never-seen", "es") == "never-seen"
    assert i18n.label("quality.codes", None, "en") == i18n.label("quality.codes", float("nan"), "en") == ""
    assert i18n.region_label("iom", "RO_XXX", "fr", "Somewhere") == "Somewhere"
    assert i18n.region_label("m49", "Sub-Saharan Africa", "es") == "África subsahariana"


def test_an_organization_is_listed_by_acronym_and_name_unless_they_are_one() -> None:
    assert i18n.organization_label("UNHCR", "UN Refugee Agency") == "UNHCR: UN Refugee Agency"
    assert i18n.organization_label("INTERPOL", "INTERPOL") == i18n.organization_label("INTERPOL", None) == "INTERPOL"


@pytest.mark.parametrize(("lang", "day", "month", "moment"), [
    ("en", "Mar 5, 2025", "Mar 2025", "Mar 5, 2025, 09:30"),
    ("fr", "5 mars 2025", "mars 2025", "5 mars 2025, 09:30"),
    ("es", "5 mar 2025", "mar 2025", "5 mar 2025, 9:30"),
])
def test_days_months_and_times_are_written_the_language_s_way(lang: str, day: str, month: str, moment: str) -> None:
    from datetime import date, datetime
    assert i18n.format_day(date(2025, 3, 5), lang) == day
    assert i18n.format_month(date(2025, 3, 5), lang) == month
    assert i18n.format_timestamp(datetime(2025, 3, 5, 9, 30), lang) == moment
    assert i18n.format_dates(date(2025, 3, 5), date(2025, 3, 5), "day", lang) == day


def test_only_i18n_writes_dates_for_visitors() -> None:
    writers = re.compile(r"babel\.dates|from babel import[^\n]*\bdates\b|\bformat_(date|skeleton|interval)\(")
    found = [str(path.relative_to(ROOT)) for path in (ROOT / "dashboard").rglob("*.py")
             if path.name != "i18n.py" and writers.search(path.read_text(encoding="utf-8"))]
    assert found == []


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_plural_messages_have_the_forms_cldr_gives_the_language(lang: str) -> None:
    texts = i18n.strings(lang)
    for key in _plural_messages(lang):
        forms = {name.rsplit(".", 1)[1] for name in texts if name.rsplit(".", 1)[0] == key}
        assert {"one", i18n.OTHER} <= forms <= i18n.plural_forms(lang), (key, forms)


@pytest.mark.parametrize(("lang", "counts"), [
    ("en", {0: "**0** events match the filters", 1: "**1** event matches the filters",
            2: "**2** events match the filters", 1_000_000: "**1,000,000** events match the filters"}),
    ("fr", {0: "**0** événement correspond aux filtres", 1: "**1** événement correspond aux filtres",
            2: "**2** événements correspondent aux filtres",
            1_000_000: "**1\u202f000\u202f000** événements correspondent aux filtres"}),  # CLDR "many": as "other"
    ("es", {0: "**0** eventos cumplen los filtros", 1: "**1** evento cumple los filtros",
            2: "**2** eventos cumplen los filtros"}),
])
def test_a_count_takes_the_plural_form_of_its_language(lang: str, counts: dict[int, str]) -> None:
    assert {count: i18n.tn("events.count", count, lang) for count in counts} == counts


def test_one_row_is_one_row_in_every_language() -> None:
    assert [i18n.tn("events.download.csv", 1, lang) for lang in i18n.LANGUAGES] == [
        "Download CSV (1 row)", "Télécharger en CSV (1 ligne)", "Descargar CSV (1 fila)"]
