"""Readable text of an HTML page, parsed by selectolax's Lexbor HTML5 parser.

Scripts, styles, menus and other page chrome are dropped wherever they sit, even inside <main> or <article>,
whose text is preferred to the whole page. Lexbor decodes only the fixed HTML5 list of named entities: no
entity declared by the document is ever expanded. Its tree builder costs time in proportion to nesting depth
at every block tag, so markup is cut where more than MAX_DEPTH elements would be open (as browsers cap depth):
every parse stays linear.
"""

import re
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser

MAX_MARKUP_CHARS = 5_000_000
MAX_DEPTH = 256
_SKIPPED = ["script", "style", "noscript", "template", "svg", "iframe", "object", "canvas", "select"]
_BLOCKS = ", ".join("p div section article main h1 h2 h3 h4 h5 h6 li ul ol table tr td th blockquote header "
                    "footer figure figcaption dd dt pre address".split())
_CHROME_ROLES = frozenset("navigation banner contentinfo search menu menubar".split())
_CHROME_WORDS = frozenset("breadcrumb breadcrumbs menu nav navbar share sharing cookie cookies consent related "
                          "pagination pager skip".split())  # words of a class or id that mark page chrome
_MARKED = "[role], [aria-hidden], [hidden], [class], [id]"
# Elements that never stay open inside one of their kind (and void ones): they do not deepen the tree.
_FLAT = frozenset("p li dt dd option optgroup tr td th thead tbody tfoot colgroup caption rb rt rp h1 h2 h3 h4 h5 "
                  "h6 area base br col embed hr img input link meta source track wbr".split())
_DATE_META = frozenset(["article:published_time", "date", "dc.date", "dcterms.date", "pubdate",
                        "publish-date", "datepublished", "og:published_time"])
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)")
_WORD = re.compile(r"[a-z]+")
_BLANK_LINES = re.compile(r"\n\s*\n\s*")
_LINE_EDGES = re.compile(r"(?<![^\S\n])[^\S\n]*\n[^\S\n]*")  # a run is matched from its start only
_INNER_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u202f]+")


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
    """Parse markup (cut at MAX_MARKUP_CHARS and MAX_DEPTH) into title, text, published and url."""
    tree = LexborHTMLParser(_shallow(markup[:MAX_MARKUP_CHARS]))
    tree.strip_tags(_SKIPPED, recursive=True)
    published, url = _metadata(tree)
    head_title = tree.css_first("title")
    head_title = tidy(head_title.text()).split(" | ")[0] if head_title is not None else ""
    memo: dict = {}
    content = tree.css("article, main")
    content_ids = {node.mem_id for node in content}
    content = [node for node in content if not _inside(node, content_ids, memo)]
    if not published:
        published = next((time.attributes.get("datetime") for time in
                          (part.css_first("time[datetime]") for part in content) if time is not None), None)
    heading = next((h1 for h1 in (part.css_first("h1") for part in content) if h1 is not None), tree.css_first("h1"))
    title = tidy(heading.text()) if heading is not None else ""
    if heading is not None:
        heading.replace_with("\n\n")
    _drop_chrome(tree, content, content_ids, memo)
    for node in tree.css(_BLOCKS):
        node.insert_before("\n\n")
        node.insert_after("\n\n")
    for node in tree.css("br"):
        node.insert_after("\n")
    text = tidy("\n\n".join(part.text() for part in content)) or tidy(tree.body.text() if tree.body else "")
    return HtmlPage(title or head_title, text, published, url)


def html_to_text(markup: str) -> str:
    """Readable text of an HTML fragment (title and body together)."""
    page = html_to_page(markup)
    return "\n\n".join(part for part in (page.title, page.text) if part)


def _shallow(markup: str) -> str:
    """The markup up to the tag that would open more than MAX_DEPTH elements (closing tags counted by name)."""
    open_by_name: dict[str, int] = {}
    depth = 0
    for tag in _TAG.finditer(markup):
        name = tag.group(2).lower()
        if name in _FLAT:
            continue
        if not tag.group(1):
            open_by_name[name] = open_by_name.get(name, 0) + 1
            depth += 1
            if depth > MAX_DEPTH:
                return markup[:tag.start()]
        elif open_by_name.get(name):
            open_by_name[name] -= 1
            depth -= 1
    return markup


def _metadata(tree) -> tuple[str | None, str | None]:
    """(published, url): the first date meta; the last canonical link, else the first og:url."""
    published = url = canonical = None
    for meta in tree.css("meta"):
        values = meta.attributes
        key = (values.get("property") or values.get("name") or values.get("itemprop") or "").lower()
        if key in _DATE_META and not published:
            published = values.get("content")
        elif key == "og:url" and not url:
            url = values.get("content")
    for link in tree.css("link[rel][href]"):
        if "canonical" in (link.attributes.get("rel") or "").lower() and link.attributes.get("href"):
            canonical = link.attributes["href"]
    return published, canonical or url


def _inside(node, ids: set, memo: dict) -> bool:
    """True when an ancestor of node is one of ids; memo keeps each walked ancestor's answer (linear overall)."""
    chain = []
    parent = node.parent
    answer = False
    while parent is not None:
        if parent.mem_id in memo:
            answer = memo[parent.mem_id]
            break
        if parent.mem_id in ids:
            answer = True
            break
        chain.append(parent.mem_id)
        parent = parent.parent
    for mem_id in chain:
        memo[mem_id] = answer
    return answer


def _drop_chrome(tree, content: list, content_ids: set, memo: dict) -> None:
    """Remove navigation, banners, footers, forms, hidden parts and marked menus, keeping what holds the content."""
    keep = {node.mem_id for node in content}
    for part in content:
        parent = part.parent
        while parent is not None and parent.mem_id not in keep:
            keep.add(parent.mem_id)
            parent = parent.parent
    chrome = tree.css("nav, footer, aside, form")
    chrome += (node for node in tree.css("header") if not _inside(node, content_ids, memo))
    chrome += (node for node in tree.css(_MARKED) if _marked_chrome(node.attributes))
    chrome = [node for node in chrome if node.mem_id not in keep and node.tag not in ("html", "body")]
    chrome_ids, chrome_memo = {node.mem_id for node in chrome}, {}
    outermost = {node.mem_id: node for node in chrome if not _inside(node, chrome_ids, chrome_memo)}
    for node in outermost.values():
        node.decompose()


def _marked_chrome(values: dict) -> bool:
    """True for attributes whose role, aria-hidden, hidden, class or id mark an element as page chrome."""
    if "hidden" in values or (values.get("aria-hidden") or "").strip().lower() == "true":
        return True
    if _CHROME_ROLES.intersection((values.get("role") or "").lower().split()):
        return True
    words = f"{values.get('class') or ''} {values.get('id') or ''}".lower()
    return not _CHROME_WORDS.isdisjoint(_WORD.findall(words))
