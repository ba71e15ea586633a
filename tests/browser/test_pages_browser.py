"""Every page in a real browser, in every language: drawn without errors, untranslated text or raw keys."""

import re

import pytest

from dashboard import app
from dashboard.i18n import LANGUAGES, strings, t

SCREENSHOTS = {("en", url) for *_, url in app.PAGES} | {("fr", "regional-activity")}
CURRENT_PAGE = '[data-testid="stSidebarNav"] a[aria-current="page"] [data-testid="stMarkdownContainer"]'
STREAMLIT_ENGLISH = {"Choose an option", "No results", "Choose options", "Select all"}  # its built-in texts


def _raw_keys(text: str) -> set[str]:
    """UI string keys ("regional.title") shown as they are instead of their text."""
    return set(re.findall(r"\b[a-z_]+(?:\.[a-z_0-9]+)+\b", text)) & set(strings("en"))


def _english_fallbacks(text: str, lang: str) -> set[str]:
    """English strings shown on a page in another language because the language lacks them."""
    english = strings("en")
    return {english[key] for key in set(english) - set(strings(lang)) if len(english[key]) > 3 and english[key] in text}


def _problems(tab, lang: str, title_key: str) -> list[str]:
    """What is wrong with the page on screen: errors, wrong language, raw keys, untranslated text."""
    problems = [f"error: {error}" for error in tab.page.locator('[data-testid="stException"]').all_inner_texts()]
    problems += tab.failures
    if tab.page.locator(CURRENT_PAGE).inner_text() != t(title_key, lang):
        problems.append(f"navigation does not show {t(title_key, lang)!r} as the current page")
    text = tab.page.inner_text("body")
    problems += [f"raw key {key!r}" for key in sorted(_raw_keys(text))]
    if lang != "en":
        problems += [f"English text {text!r}" for text in sorted(_english_fallbacks(text, lang))]
        placeholders = set(tab.page.eval_on_selector_all(  # a placeholder shows only in an empty field
            "input[placeholder]", "all => all.filter(i => !i.value).map(i => i.placeholder)"))
        problems += [f"Streamlit's English placeholder {text!r}" for text in sorted(placeholders & STREAMLIT_ENGLISH)]
    return problems


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_draws_without_error_in_its_language(tab, lang: str) -> None:
    tab.open(lang=lang)
    problems = []
    for index, (_, title_key, _, url) in enumerate(app.PAGES):
        if index:
            tab.navigate(url)
        if (lang, url) in SCREENSHOTS:
            tab.screenshot(f"{url}-{lang}")
        problems += [f"{url}: {problem}" for problem in _problems(tab, lang, title_key)]
        tab.failures.clear()
    assert not problems, "\n".join(problems)
