"""Press-release files to Documents: .txt, .md, .html and RSS/Atom feeds (one Document per item).

Text and Markdown files may open with front matter:
    ---
    published: 2022-05-12
    url: https://...
    title: ...
    sample: true        (an illustrative release, flagged as sample data)
    ---
Text copied from a web page loses stray tags ('<h4><strong>'), its site menu and its closing
links first (page_text.py). A line that only states a date opens the text as the publication
date; else a date in the address ('/2017/07/22/') is the publication date. Without a title in the front
matter, the first line is the title when it is short, does not end with a full stop, and is
followed by a blank line or by a new line of prose.
"""

import codecs
import datetime
import re
from dataclasses import dataclass
from pathlib import Path

from scripts.normalize.dates import parse_date
from scripts.press.feeds import FeedError, feed_items, looks_like_feed
from scripts.press.html_text import html_to_page, tidy
from scripts.press.page_text import article

MAX_FILE_BYTES = 5_000_000
MAX_TITLE_CHARS = 250
MAX_DATE_LINE_CHARS = 60
TEXT_SUFFIXES = (".txt", ".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")
FEED_SUFFIXES = (".rss", ".atom", ".xml")
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + FEED_SUFFIXES
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(?P<body>.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+")
_DATE_LABEL = re.compile(r"(?:date|published|publi[ée] le|publicado)\s*:?\s*(?P<date>\d{4}-\d{2}(?:-\d{2})?)\s+",
                         re.IGNORECASE)
_SENTENCE_END = re.compile(r"[a-zà-ÿ]{2}\. [A-ZÀ-Þ]")  # '… à N'Djamena. C'est…': a paragraph, not a headline
_URL_DATE = re.compile(r"/((?:19|20)\d{2})/(0[1-9]|1[0-2])/(0[1-9]|[12]\d|3[01])(?:/|$)")
_DATELINE_LINE = re.compile(r"[A-ZÀ-Þ][^,\n]{1,40}(?:,[^,\n]{1,30}){1,3}")
_STRAY_TAG = re.compile(r"</?(?:h[1-6]|p|strong|em|b|i|span|div|br|a|ul|ol|li|blockquote)(?:\s[^<>]*)?/?>",
                        re.IGNORECASE)
_MARKDOWN_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKDOWN_EMPHASIS = re.compile(r"(\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w))")


class UnreadableDocument(Exception):
    """A file that cannot be read as a press release; `reason` says why."""

    def __init__(self, path: Path, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


@dataclass(frozen=True)
class Document:
    """One press release: where it comes from, its title, body text, publication date and address."""

    file: str
    title: str
    text: str
    published: datetime.date | None
    url: str | None
    sample: bool = False  # front matter `sample: true`: an illustrative release, not a real one


def read_documents(path: Path) -> list[Document]:
    """Every press release in a file; raises UnreadableDocument for a missing, unknown or broken one."""
    path = Path(path)
    data = _read_bytes(path)
    suffix = path.suffix.lower()
    if suffix in FEED_SUFFIXES or (suffix not in TEXT_SUFFIXES and looks_like_feed(data)):
        return _feed_documents(path, data)
    text = _decode(data)
    if suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and text.lstrip()[:1] == "<"):
        return [_html_document(path, text)]
    if suffix in TEXT_SUFFIXES:
        return [_text_document(path, text, markdown=suffix != ".txt")]
    raise UnreadableDocument(path, f"not a press release file (expected one of {', '.join(SUFFIXES)})")


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise UnreadableDocument(path, f"larger than {MAX_FILE_BYTES:,} bytes")
        return path.read_bytes()
    except IsADirectoryError:
        raise UnreadableDocument(path, "is a folder, not a file") from None
    except FileNotFoundError:
        raise UnreadableDocument(path, "no such file") from None
    except OSError as exc:
        raise UnreadableDocument(path, exc.strerror or str(exc)) from None


def _decode(data: bytes) -> str:
    """UTF-16 or UTF-32 after their BOM, UTF-8 (with or without BOM), else Windows-1252 as Office tools write it."""
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return data.decode("utf-32", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _feed_documents(path: Path, data: bytes) -> list[Document]:
    try:
        items = feed_items(data)
    except FeedError as exc:
        raise UnreadableDocument(path, str(exc)) from None
    return [Document(f"{path}#{number}", item.title, item.text, item.published, item.url)
            for number, item in enumerate(items, start=1)]


def _html_document(path: Path, markup: str) -> Document:
    page = html_to_page(markup)
    return Document(str(path), page.title, article(page.text), _day(page.published), page.url)


def _text_document(path: Path, text: str, markdown: bool) -> Document:
    fields, text = _front_matter(text.replace("\r\n", "\n"))
    if markdown:
        text = _plain_markdown(text)
    text = article(tidy(_STRAY_TAG.sub(" ", text)))
    published = _day(fields.get("published") or fields.get("date"))
    date_line, text = _leading_date(text)
    title = fields.get("title", "")
    if not title:
        title, text = _leading_title(text)
    url = fields.get("url") or None
    return Document(str(path), title, text, published or date_line or _url_day(url),
                    url, fields.get("sample", "").lower() in ("true", "yes", "1"))


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    """(key -> value, rest of the text); no front matter gives ({}, text)."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    fields = {}
    for line in match.group("body").splitlines():
        key, separator, value = line.partition(":")
        if separator:
            fields[key.strip().lower()] = value.strip().strip("\"'")
    return fields, text[match.end():]


def _plain_markdown(text: str) -> str:
    """Markdown without heading marks, emphasis and link targets."""
    lines = (_MARKDOWN_HEADING.sub("", line) for line in text.split("\n"))
    return _MARKDOWN_EMPHASIS.sub("", _MARKDOWN_LINK.sub(r"\1", "\n".join(lines)))


def _leading_date(text: str) -> tuple[datetime.date | None, str]:
    """(day, rest): a first line that states a date, alone or after a label ('mer. 5 juin 2024',
    'Press Release — Local August 04, 2020', 'News | 01 December 2022'), or a page's date label
    glued to the text ('date 2021-09-25 The discussion…'), and the text after it."""
    label = _DATE_LABEL.match(text)
    if label:
        return _day(label.group("date")), text[label.end():]
    first, _, rest = text.partition("\n")
    if len(first) > MAX_DATE_LINE_CHARS:
        return None, text
    for segment in first.split("|"):  # 'Friday, 10/4/2020 | 7:26 UTC+0'
        words = segment.split()
        for skip in range(len(words)):
            day = _day(" ".join(words[skip:]).lstrip("—–-:· "))
            if day:
                return day, rest.lstrip("\n")
    return None, text


def _leading_title(text: str) -> tuple[str, str]:
    """(title, body): the first line is a title when it is short, is not a sentence ending with a
    full stop (a one-line opening paragraph such as 'GENEVA – IOM today …') or holding one, nor a label ending with a
    colon ('See also:'), and is followed by a blank line or by another line; a first line such as
    'Baku, April 25, AZERTAC' is the dateline of the text that follows."""
    first, separator, rest = text.partition("\n")
    first = first.strip()
    if separator and _DATELINE_LINE.fullmatch(first) and any(_day(part) or _day(f"{part} 2000")
                                                              for part in first.split(",")[1:]):
        return "", f"{first} – {rest.lstrip()}"  # 'Baku, April 25, AZERTAC' on its own line is a dateline
    if separator and rest.strip() and len(first) <= MAX_TITLE_CHARS and not first.endswith((".", ":")) \
            and not _SENTENCE_END.search(first):
        return first, rest.lstrip("\n")
    return "", text


def _url_day(url: str | None) -> datetime.date | None:
    """The publication day a news site writes in its addresses ('/2017/07/22/title.html'), or None."""
    match = _URL_DATE.search(url or "")
    if not match:
        return None
    try:
        return datetime.date(*map(int, match.groups()))
    except ValueError:
        return None


def _day(value: str | None) -> datetime.date | None:
    """The day a metadata value states ('2023-03-10T09:30:00Z', '10/03/2023'), or None."""
    if not value:
        return None
    found = parse_date(value[:10] if re.match(r"\d{4}-\d{2}-\d{2}T", value) else value)
    return found.value if found and found.precision == "day" else None
