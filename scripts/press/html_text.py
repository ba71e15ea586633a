"""Readable text of an HTML page with the standard library's html.parser.

Scripts, styles and menus are dropped; the text of <article> or <main> is preferred to the whole
page so that navigation and footers do not leak country names into the record. Entities are
decoded by html.parser itself, which knows only the fixed HTML5 list: no entity declared by the
document is ever expanded.
"""

import re
from dataclasses import dataclass
from html.parser import HTMLParser

MAX_MARKUP_CHARS = 5_000_000
_SKIPPED = frozenset("script style noscript template svg iframe object canvas select".split())
_BOILERPLATE = frozenset("nav footer aside form header".split())
_CONTENT = frozenset("article main".split())
_VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
_BLOCKS = frozenset(
    "p div section article main h1 h2 h3 h4 h5 h6 li ul ol table tr td th blockquote header footer "
    "figure figcaption dd dt pre address".split())
_DATE_META = frozenset(["article:published_time", "date", "dc.date", "dcterms.date", "pubdate",
                        "publish-date", "datepublished", "og:published_time"])
_BLANK_LINES = re.compile(r"\n\s*\n\s*")
_INNER_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u202f]+")


@dataclass(frozen=True)
class HtmlPage:
    """What a page says: its title, body text, and the date and address it declares."""

    title: str
    text: str
    published: str | None
    url: str | None


class _PageParser(HTMLParser):
    """Collects page text, the main content's text, the first <h1>, <title> and metadata."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open_tags: list[str] = []
        self.page_text: list[str] = []
        self.content_text: list[str] = []
        self.heading: list[str] = []
        self.head_title: list[str] = []
        self.headings_seen = 0
        self.published: str | None = None
        self.url: str | None = None

    def handle_starttag(self, tag, attrs):
        """Track nesting, paragraph breaks and date/address metadata."""
        values = {name: value or "" for name, value in attrs}
        if tag == "meta":
            key = (values.get("property") or values.get("name") or values.get("itemprop") or "").lower()
            if key in _DATE_META and not self.published:
                self.published = values.get("content")
            elif key == "og:url" and not self.url:
                self.url = values.get("content")
        elif tag == "link" and "canonical" in values.get("rel", "").lower():
            self.url = values.get("href") or self.url
        elif tag == "time" and values.get("datetime") and not self.published and self._inside(_CONTENT):
            self.published = values["datetime"]
        if tag == "h1":
            self.headings_seen += 1
        if tag in _BLOCKS or tag == "br":
            self._write("\n\n" if tag in _BLOCKS else "\n")
        if tag not in _VOID:
            self.open_tags.append(tag)

    def handle_endtag(self, tag):
        """Close the innermost matching tag; stray end tags are ignored."""
        if tag in self.open_tags:
            while self.open_tags.pop() != tag:
                pass
        if tag in _BLOCKS:
            self._write("\n\n")

    def handle_data(self, data):
        """Route text to the title, the heading, or the body."""
        if self._inside(_SKIPPED):
            return
        if "title" in self.open_tags and "body" not in self.open_tags:
            self.head_title.append(data)
        elif "h1" in self.open_tags and self.headings_seen == 1:
            self.heading.append(data)
        else:
            self._write(data)

    def _write(self, text: str) -> None:
        if self._inside(_SKIPPED) or "head" in self.open_tags:
            return
        if self._inside(_CONTENT):
            self.content_text.append(text)
        elif not self._inside(_BOILERPLATE):
            self.page_text.append(text)

    def _inside(self, tags: frozenset) -> bool:
        return any(tag in tags for tag in self.open_tags)


def tidy(text: str) -> str:
    """Collapse runs of spaces and blank lines; paragraphs stay separated by one blank line."""
    lines = (_INNER_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def html_to_page(markup: str) -> HtmlPage:
    """Parse markup (cut at MAX_MARKUP_CHARS) into title, text, published and url."""
    parser = _PageParser()
    parser.feed(markup[:MAX_MARKUP_CHARS])
    parser.close()
    content = tidy("".join(parser.content_text))
    text = content or tidy("".join(parser.page_text))
    title = tidy("".join(parser.heading)) or tidy("".join(parser.head_title)).split(" | ")[0]
    return HtmlPage(title, text, parser.published, parser.url)


def html_to_text(markup: str) -> str:
    """Readable text of an HTML fragment (title and body together)."""
    page = html_to_page(markup)
    return "\n\n".join(part for part in (page.title, page.text) if part)
