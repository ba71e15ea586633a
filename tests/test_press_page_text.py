"""Text copied from web pages: site menus, closing blocks and broken lines; date lines and titles."""

import datetime

from scripts.press.document import read_documents
from scripts.press.page_text import article

MENU = "\n".join([
    "-", "Who we are", "Who we areThe organization helps states manage migration since 1951.", "Structure",
    "Structure", "- Organizational chart", "- Office of the Director General and of the Deputy Directors General",
    "Priorities (global)", "Priorities (global)", "-", "Take action", "Take action",
])


def test_a_site_menu_with_glued_blurbs_repeated_headings_and_long_bullets_is_dropped():
    text = MENU + "\nRegional officials agree on shared border data\nBanjul – Officials met in Banjul on 3 May 2022."
    assert article(text).splitlines() == ["Regional officials agree on shared border data",
                                          "Banjul – Officials met in Banjul on 3 May 2022."]


def _read(folder, text: str, name: str = "item.txt"):
    """The one Document of a text file written in folder."""
    path = folder / name
    path.write_text(text, encoding="utf-8")
    [document] = read_documents(path)
    return document


def test_a_text_without_menu_keeps_its_short_first_lines():
    text = "mer. 5 juin 2024\n\nTitle of the release\n\nDakar – Les délégués se sont réunis hier."
    assert article(text) == text


def test_the_closing_block_of_a_page_is_cut_once_prose_was_read():
    text = ("Officials met in Lima on Monday to compare their asylum procedures and their registration forms.\n"
            "Related stories\nAnother meeting in Quito\nShare this")
    assert article(text).splitlines() == [
        "Officials met in Lima on Monday to compare their asylum procedures and their registration forms."]


def test_lines_broken_inside_a_sentence_are_joined():
    text = ("Funcionarios de salud de varios países se reunieron la semana pasada\n"
            "en Tapachula para coordinar la atención médica.\nOtra frase empieza aquí.")
    assert article(text).splitlines() == [
        "Funcionarios de salud de varios países se reunieron la semana pasada en Tapachula para coordinar la "
        "atención médica.", "Otra frase empieza aquí."]


def test_a_labelled_date_line_is_the_publication_date_and_the_next_line_the_title(tmp_path):
    document = _read(tmp_path, MENU + "\nPress Release — Local August 04, 2020\nHeads of immigration meet online\n"
                     "Abuja – On 22 July, officials met online.\n")
    assert document.published == datetime.date(2020, 8, 4)
    assert document.title == "Heads of immigration meet online"
    assert document.text.startswith("Abuja – On 22 July")


def test_an_abbreviated_weekday_date_line_opens_a_release_without_headline(tmp_path):
    document = _read(tmp_path, "mié. 5 de junio de 2024\n\nPanamá – Un taller de tres días concluyó ayer.\n")
    assert document.published == datetime.date(2024, 6, 5)
    assert document.title == ""


def test_stray_tags_in_a_text_copy_are_dropped(tmp_path):
    document = _read(tmp_path, "<h4><strong>Officials meet in Lima</strong></h4>\n\nLima – Officials met.\n")
    assert document.title == "Officials meet in Lima"


def test_a_date_label_glued_to_the_text_and_a_date_in_the_address_are_publication_dates(tmp_path):
    document = _read(tmp_path, "date 2021-09-25 The discussion was organized with the ministry in Port Vila.\n")
    assert document.published == datetime.date(2021, 9, 25)
    assert document.text.startswith("The discussion")
    addressed = _read(tmp_path, "---\nurl: https://news.example.org/2017/07/22/taller.html\n---\nUn taller.\n", "a.txt")
    assert addressed.published == datetime.date(2017, 7, 22)


def test_section_labels_above_the_headline_are_no_title(tmp_path):
    document = _read(tmp_path, "News\nLocal\n\nOfficials meet in Lima on borders\n\nLima – Officials met.\n")
    assert document.title == "Officials meet in Lima on borders"


def test_a_city_date_agency_first_line_is_a_dateline(tmp_path):
    document = _read(tmp_path, "Baku, April 25, AZERTAC\n\nIOM and the State Migration Service held a workshop.\n")
    assert document.title == ""
    assert document.text.startswith("Baku, April 25, AZERTAC – IOM")
