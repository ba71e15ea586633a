"""Reading press-release files: front matter, titles, HTML text, feeds, and refusals."""

import datetime

import pytest

from scripts.press.document import UnreadableDocument, read_documents
from scripts.press.html_text import html_to_page, tidy


def test_text_file_front_matter_gives_date_url_and_title(tmp_path):
    path = tmp_path / "release.txt"
    path.write_text("---\npublished: 2022-05-12\nurl: https://example.org/a\ntitle: A title\n---\n"
                    "Tunis – Officials met.\n", encoding="utf-8")
    [document] = read_documents(path)
    assert (document.title, document.published, document.url) == ("A title", datetime.date(2022, 5, 12),
                                                                   "https://example.org/a")
    assert document.text == "Tunis – Officials met."


def test_first_line_followed_by_blank_line_is_the_title(tmp_path):
    path = tmp_path / "release.txt"
    path.write_text("Officials meet in Tunis\n\nTunis – Officials met.\nSecond line.\n", encoding="utf-8")
    [document] = read_documents(path)
    assert document.title == "Officials meet in Tunis"
    assert document.text.startswith("Tunis – Officials met.")


def test_markdown_heading_emphasis_and_links_become_plain_text(tmp_path):
    path = tmp_path / "release.md"
    path.write_text("# The **title**\n\n**DAKAR** – See [the report](https://x.org).\n", encoding="utf-8")
    [document] = read_documents(path)
    assert document.title == "The title"
    assert document.text == "DAKAR – See the report."


def test_windows_1252_text_is_decoded(tmp_path):
    path = tmp_path / "release.txt"
    path.write_bytes("Title\n\nGENÈVE – Réunion à Genève.".encode("cp1252"))
    assert read_documents(path)[0].text == "GENÈVE – Réunion à Genève."


def test_html_keeps_the_article_and_drops_scripts_styles_and_menus():
    page = html_to_page(
        "<html><head><title>Site | News</title><style>p{content:'Mali'}</style>"
        "<meta name='date' content='2021-06-10'><script>var x='Niger';</script></head>"
        "<body><nav>Chad Senegal</nav><article><h1>Real title</h1><p>Niamey &#8211; Caf&eacute; "
        "&amp; th&eacute;&nbsp;ok</p><p>Second</p></article><footer>Ghana</footer></body></html>")
    assert page.title == "Real title"
    assert page.text == "Niamey – Café & thé ok\n\nSecond"
    assert page.published == "2021-06-10"


def test_html_declared_entities_are_never_expanded():
    bomb = ('<!DOCTYPE html [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
            "<p>Text &b; end</p>")
    text = html_to_page(bomb).text
    assert "Text &b; end" in text and "aaaa" not in text


def test_html_navigation_inside_main_is_dropped():
    page = html_to_page("<main><nav><ul><li>Chad</li><li>Mali</li></ul></nav><h1>Title</h1>"
                        "<p>DAKAR – Officials met.</p><aside>Related: Niger</aside></main>")
    assert (page.title, page.text) == ("Title", "DAKAR – Officials met.")


def test_html_role_navigation_and_hidden_parts_are_dropped():
    page = html_to_page("<article><div role='navigation'>Chad Senegal</div><p>Kept.</p>"
                        "<div aria-hidden='true'>Ghana</div><p hidden>Togo</p></article>")
    assert page.text == "Kept."


def test_html_breadcrumbs_menus_and_share_bars_marked_by_class_or_id_are_dropped():
    page = html_to_page("<main><ol class='c-breadcrumb__list'><li>Home</li><li>Niger</li></ol>"
                        "<div id='share-bar'>Share on X</div><p>Kept.</p><ul class='site-menu'><li>Mali</li></ul>"
                        "</main>")
    assert page.text == "Kept."


def test_html_chrome_that_holds_the_content_keeps_it():
    page = html_to_page("<body class='menu-open'><form id='page'><nav>Chad</nav><main><header><h1>T</h1>"
                        "<p>Header line.</p></header><p>Body.</p></main></form></body>")
    assert (page.title, page.text) == ("T", "Header line.\n\nBody.")


@pytest.mark.parametrize("markup, first", [
    ("<p>para " * 20_000, "para"),
    ("<p>Lead</p>" + "<div>deep " * 5_000, "Lead"),
])
def test_html_hostile_nesting_parses_into_tidy_text(markup, first):
    page = html_to_page(markup)
    assert page.text.startswith(first) and page.text == tidy(page.text) and "<" not in page.text


def test_html_unclosed_paragraphs_stay_paragraphs():
    assert html_to_page("<p>para " * 20_000).text.count("\n\n") == 19_999


def test_rss_feed_gives_one_document_per_item(tmp_path):
    path = tmp_path / "news.rss"
    path.write_text(
        "<?xml version='1.0'?><rss version='2.0'><channel><title>News</title>"
        "<item><title>First</title><link>https://example.org/1</link>"
        "<pubDate>Fri, 23 Feb 2024 10:00:00 +0700</pubDate>"
        "<description>&lt;p&gt;BANGKOK &amp;ndash; Officials met.&lt;/p&gt;</description></item>"
        "<item><title>Second</title><description>Plain text</description></item>"
        "</channel></rss>", encoding="utf-8")
    first, second = read_documents(path)
    assert (first.file, first.title, first.url, first.published) == (
        f"{path}#1", "First", "https://example.org/1", datetime.date(2024, 2, 23))
    assert first.text == "BANGKOK – Officials met."
    assert (second.file, second.text, second.published) == (f"{path}#2", "Plain text", None)


def test_atom_feed_reads_content_links_and_dates(tmp_path):
    path = tmp_path / "news.atom"
    path.write_text(
        "<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'><title>T</title>"
        "<entry><title>Entry</title><link rel='alternate' href='https://example.org/e'/>"
        "<published>2023-02-24T08:00:00Z</published>"
        "<content type='html'>&lt;p&gt;GOMA – Réunion.&lt;/p&gt;</content></entry></feed>", encoding="utf-8")
    [entry] = read_documents(path)
    assert (entry.title, entry.text, entry.url, entry.published) == (
        "Entry", "GOMA – Réunion.", "https://example.org/e", datetime.date(2023, 2, 24))


def test_feed_declaring_entities_is_refused(tmp_path):
    path = tmp_path / "bomb.xml"
    path.write_text('<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
                    "<rss><channel><item><title>&b;</title></item></channel></rss>", encoding="utf-8")
    with pytest.raises(UnreadableDocument, match="entities"):
        read_documents(path)


def test_external_entity_feed_is_refused(tmp_path):
    path = tmp_path / "external.rss"
    path.write_text('<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                    "<rss><channel><item><title>&x;</title></item></channel></rss>", encoding="utf-8")
    with pytest.raises(UnreadableDocument, match="entities or external references"):
        read_documents(path)


_BILLION_LAUGHS = ('<!DOCTYPE rss [<!ENTITY a "lol">' + "".join(
    f'<!ENTITY {b} "{("&" + a + ";") * 10}">' for a, b in zip("abcdefgh", "bcdefghi")) + "]>")


def _feed(declaration: str, encoding: str, title: str) -> str:
    return (f'<?xml version="1.0" encoding="{encoding}"?>{declaration}<rss version="2.0"><channel>'
            f"<item><title>{title}</title><description>Réunion.</description></item></channel></rss>")


@pytest.mark.parametrize("codec, declared", [
    ("utf-8", "utf-8"), ("utf-16-le", "utf-16"), ("utf-16-be", "utf-16"), ("latin-1", "iso-8859-1")])
@pytest.mark.parametrize("declaration, title", [
    ('<!DOCTYPE rss [<!ENTITY a "Niger">]>', "&a;"),
    (_BILLION_LAUGHS, "&i;"),
    ('<!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/hostname">]>', "&x;"),
])
def test_feed_entities_are_refused_in_every_encoding(tmp_path, codec, declared, declaration, title):
    path = tmp_path / "news.rss"
    bom = "\ufeff" if codec.startswith("utf-16") else ""
    path.write_bytes((bom + _feed(declaration, declared, title)).encode(codec))
    with pytest.raises(UnreadableDocument, match="declares XML entities"):
        read_documents(path)


def test_utf16_feed_without_entities_is_read(tmp_path):
    path = tmp_path / "news.rss"
    path.write_bytes(("\ufeff" + _feed("", "utf-16", "Réunion à Genève")).encode("utf-16-le"))
    [document] = read_documents(path)
    assert (document.title, document.text) == ("Réunion à Genève", "Réunion.")


@pytest.mark.parametrize("name, content, reason", [
    ("missing.txt", None, "no such file"),
    ("broken.rss", "<rss><channel><item>", "not well-formed"),
    ("data.csv", "a,b\n1,2\n", "not a press release"),
])
def test_unreadable_files_say_why(tmp_path, name, content, reason):
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(UnreadableDocument, match=reason):
        read_documents(path)


def test_a_one_line_opening_sentence_is_not_taken_for_a_title(tmp_path):
    path = tmp_path / "release.txt"
    path.write_text("GENEVA – IOM today launched its appeal.\n\nMore text.\n", encoding="utf-8")
    [document] = read_documents(path)
    assert (document.title, document.text) == ("", "GENEVA – IOM today launched its appeal.\n\nMore text.")


def test_a_first_line_holding_two_sentences_is_a_paragraph_not_a_title(tmp_path):
    path = tmp_path / "release.txt"
    path.write_text("Un atelier s'est ouvert lundi à Mopti. Il réunit des agents des frontières\n\nSuite.\n",
                    encoding="utf-8")
    [document] = read_documents(path)
    assert document.title == "" and document.text.startswith("Un atelier s'est ouvert lundi à Mopti.")
    path.write_text("U.S. Aid Reaches St. Lucia Shelters\n\nText.\n", encoding="utf-8")
    assert read_documents(path)[0].title == "U.S. Aid Reaches St. Lucia Shelters"
