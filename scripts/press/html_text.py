"""Readable text of an HTML page, parsed by lxml (libxml2's HTML parser).

lxml rather than selectolax: Lexbor's tree builder is quadratic in nesting depth (40,000 nested <div> take 4 s).
libxml2 stops building at 256 levels of nesting, so every parse is linear; text nested deeper than that (and the
rest of such a page) is left out. Scripts, styles, menus and other page chrome are dropped wherever they sit, even
inside <main> or <article>, whose text is preferred to the whole page. libxml2 decodes only the fixed HTML5 list of
named entities: no entity declared by the document is ever expanded.
"""

import re
from dataclasses import dataclass

from lxml import etree

MAX_MARKUP_CHARS = 5_000_000
_SKIPPED = ("script", "style", "noscript", "template", "svg", "iframe", "object", "canvas", "select")
_BLOCKS = ("p div section article main h1 h2 h3 h4 h5 h6 li ul ol table tr td th blockquote header footer "
           "figure figcaption dd dt pre address").split()
_CHROME_ROLES = frozenset("navigation banner contentinfo search menu menubar".split())
_CHROME_WORDS = frozenset("breadcrumb breadcrumbs menu nav navbar share sharing cookie cookies consent related "
                          "pagination pager skip".split())  # words of a class or id that mark page chrome
_CHROME_TAGS = ("nav", "footer", "aside", "form")
_PAGE_HEADERS = "//header[not(ancestor::article or ancestor::main)]"
_CONTENT = "//*[self::article or self::main][not(ancestor::article or ancestor::main)]"
_CONTENT_TIME = "//time[@datetime][ancestor::article or ancestor::main]"
_DROPPED = "x-dropped"  # chrome is renamed to this, then removed in one pass
_DATE_META = frozenset(["article:published_time", "date", "dc.date", "dcterms.date", "pubdate",
                        "publish-date", "datepublished", "og:published_time"])
_WORD = re.compile(r"[a-z]+")
_BLANK_LINES = re.compile(r"\n\s*\n\s*")
_LINE_EDGES = re.compile(r"(?<![^\S\n])[^\S\n]*\n[^\S\n]*")  # a run is matched from its start only
_INNER_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u202f]+")
_PARSER = etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True)


@dataclass(frozen=True)
class HtmlPage:
    """What a page says: its title, body text, and the date and address it declares."""

    title: str
    text: str
    published: str | None
    url: str | None


def tidy(text: str) -> str:
    """Collapse runs of spaces and blank lines; paragraphs stay separated by one blank line."""
    lines = _LINE_EDGES.sub("\n", _INNER_SPACES.sub(" ", text))
    return _BLANK_LINES.sub("\n\n", lines).strip()


def html_to_page(markup: str) -> HtmlPage:
    """Parse markup (cut at MAX_MARKUP_CHARS) into title, text, published and url."""
    root = etree.fromstring(markup[:MAX_MARKUP_CHARS].encode("utf-8", "replace"), parser=_PARSER)
    if root is None:
        return HtmlPage("", "", None, None)
    etree.strip_elements(root, *_SKIPPED, with_tail=False)
    published, url = _metadata(root)
    head_title = _text(root.find(".//title")).split(" | ")[0]
    etree.strip_elements(root, "head", "title", with_tail=False)
    content = root.xpath(_CONTENT)
    heading = next((h1 for h1 in (part.find(".//h1") for part in content) if h1 is not None), root.find(".//h1"))
    title = _text(heading) or head_title
    if heading is not None:
        heading.clear(keep_tail=True)
    _drop_chrome(root, content)
    for element in root.iter(*_BLOCKS):
        element.text = "\n\n" + (element.text or "")
        element.tail = "\n\n" + (element.tail or "")
    for element in root.iter("br"):
        element.tail = "\n" + (element.tail or "")
    text = tidy("".join(_raw_text(part) for part in content)) or tidy(_raw_text(root))
    return HtmlPage(title, text, published, url)


def html_to_text(markup: str) -> str:
    """Readable text of an HTML fragment (title and body together)."""
    page = html_to_page(markup)
    return "\n\n".join(part for part in (page.title, page.text) if part)


def _metadata(root) -> tuple[str | None, str | None]:
    """(published, url): the first date meta, else a <time datetime> inside the content; the canonical
    link, else og:url."""
    published = url = canonical = None
    for meta in root.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key in _DATE_META and not published:
            published = meta.get("content")
        elif key == "og:url" and not url:
            url = meta.get("content")
    for link in root.iter("link"):
        if "canonical" in (link.get("rel") or "").lower() and link.get("href"):
            canonical = link.get("href")
    if not published:
        published = next((time.get("datetime") for time in root.xpath(_CONTENT_TIME)), None)
    return published, canonical or url


def _drop_chrome(root, content: list) -> None:
    """Remove navigation, banners, footers, forms, hidden parts and marked menus, keeping what holds the content."""
    keep = set(content)
    for part in content:
        for ancestor in part.iterancestors():
            if ancestor in keep:
                break  # the rest of this line of ancestors is in already
            keep.add(ancestor)
    chrome = [*root.iter(*_CHROME_TAGS), *root.xpath(_PAGE_HEADERS)]
    chrome += (element for element in root.xpath("//*[@*]") if _marked_chrome(element))
    for element in chrome:
        if element not in keep and element.tag not in ("html", "body"):
            element.tag = _DROPPED
    etree.strip_elements(root, _DROPPED, with_tail=False)


def _marked_chrome(element) -> bool:
    """True for an element whose role, aria-hidden, hidden, class or id marks it as page chrome."""
    if element.get("hidden") is not None or (element.get("aria-hidden") or "").strip().lower() == "true":
        return True
    if _CHROME_ROLES.intersection((element.get("role") or "").lower().split()):
        return True
    words = f"{element.get('class') or ''} {element.get('id') or ''}".lower()
    return not _CHROME_WORDS.isdisjoint(_WORD.findall(words))


def _raw_text(element) -> str:
    return etree.tostring(element, method="text", encoding="unicode", with_tail=False)


def _text(element) -> str:
    return tidy(_raw_text(element)) if element is not None else ""
