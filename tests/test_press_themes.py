"""Theme keywords in en/fr/es: phrases, titles and repeated words count; a stray word does not."""

import pytest

from scripts.press.themes import ThemeTagger


@pytest.fixture(scope="module")
def tagger():
    return ThemeTagger.from_reference()


def _codes(tagger, title, text):
    return [code for code, _ in tagger.tag(title, text)]


@pytest.mark.parametrize("title, text, expected", [
    ("Workshop on trafficking in persons", "", ["counter-trafficking"]),
    ("", "Un atelier sur la lutte contre la traite des personnes et les victimes de la traite.",
     ["counter-trafficking"]),
    ("", "Un taller sobre gestión de fronteras con guardacostas y puestos fronterizos.", ["border-management"]),
    ("", "Mise en œuvre du Pacte mondial pour des migrations sûres, ordonnées et régulières ; libre circulation.",
     ["migration-governance"]),
])
def test_keywords_in_three_languages_give_theme_codes(tagger, title, text, expected):
    assert _codes(tagger, title, text) == expected


def test_one_generic_word_in_the_body_is_not_enough(tagger):
    assert _codes(tagger, "Ministers meet", "Se trata de un encuentro sobre la salud.") == []


def test_at_most_three_themes_strongest_first(tagger):
    themes = tagger.tag("Health, climate change, trafficking in persons and child protection",
                        "Migrant health and health workers; climate change and drought; trafficking in persons.")
    assert len(themes) == 3 and themes[0][1] >= themes[-1][1]
