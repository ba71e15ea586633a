"""RSS 2.0, RSS 1.0 and Atom feeds: one entry per news item, parsed defensively.

Feeds are parsed by defusedxml, which refuses any entity declaration, in whatever encoding the
feed is written, so that neither recursive ("billion laughs") nor external entities can be
expanded; the size of the input and the number of items are capped.
"""

import datetime
import email.utils
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from scripts.press.html_text import html_to_text

MAX_FEED_BYTES = 5_000_000
MAX_ITEMS = 1_000
_MARKUP = re.compile(r"<[a-zA-Z/!][^>]*>")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


class FeedError(ValueError):
    """A feed that is refused or cannot be parsed; the message says why."""


@dataclass(frozen=True)
class FeedItem:
    """One news item of a feed, its body as plain text."""

    title: str
    text: str
    published: datetime.date | None
    url: str | None


def looks_like_feed(data: bytes) -> bool:
    """True when the start of a file is an RSS, RDF or Atom document."""
    head = data[:2048].lower()
    return b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head


def feed_items(data: bytes) -> list[FeedItem]:
    """The items of a feed in document order; raises FeedError when it is refused or broken."""
    if len(data) > MAX_FEED_BYTES:
        raise FeedError(f"feed larger than {MAX_FEED_BYTES:,} bytes")
    try:
        root = fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise FeedError("feed declares XML entities or external references; refused for safety") from None
    except ET.ParseError as exc:
        raise FeedError(f"not well-formed XML ({exc})") from None
    entries = [element for element in root.iter() if _local(element.tag) in ("item", "entry")]
    return [_item(entry) for entry in entries[:MAX_ITEMS]]


def _local(tag: str) -> str:
    """Tag name without its namespace."""
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _children(entry: ET.Element) -> dict[str, ET.Element]:
    """First child of each local name ('encoded' is RSS's content:encoded)."""
    found: dict[str, ET.Element] = {}
    for child in entry:
        found.setdefault(_local(child.tag), child)
    return found


def _item(entry: ET.Element) -> FeedItem:
    children = _children(entry)
    body = next((children[name] for name in ("encoded", "content", "description", "summary")
                 if name in children), None)
    dated = next((children[name] for name in ("pubdate", "published", "date", "issued", "updated")
                  if name in children), None)
    return FeedItem(title=_plain(children.get("title")), text=_plain(body),
                    published=_feed_date(dated.text if dated is not None else None), url=_link(entry))


def _plain(element: ET.Element | None) -> str:
    """Text of an element; escaped or inline (xhtml) markup is reduced to readable text."""
    if element is None:
        return ""
    if len(element):
        inner = (element.text or "") + "".join(ET.tostring(child, encoding="unicode") for child in element)
        return html_to_text(inner)
    text = element.text or ""
    return html_to_text(text) if _MARKUP.search(text) or "&" in text else text.strip()


def _link(entry: ET.Element) -> str | None:
    """The item's address: Atom's alternate link, else RSS's <link> or a permalink guid."""
    for child in entry:
        name = _local(child.tag)
        if name == "link" and child.get("href") and child.get("rel", "alternate") == "alternate":
            return child.get("href")
        if name == "link" and (child.text or "").strip():
            return child.text.strip()
    guid = next((c for c in entry if _local(c.tag) == "guid" and c.get("isPermaLink", "true") == "true"), None)
    return guid.text.strip() if guid is not None and guid.text else None


def _feed_date(text: str | None) -> datetime.date | None:
    """Date of an RFC 822 (RSS) or ISO 8601 (Atom) timestamp, as written (its own time zone)."""
    text = (text or "").strip()
    iso = _ISO_DAY.match(text)
    if iso:
        try:
            return datetime.date.fromisoformat(iso.group())
        except ValueError:
            return None
    try:
        return email.utils.parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        return None
