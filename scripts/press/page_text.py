"""Text copied from a web page, made into an article: the site menu before it and the share
links, related stories and footers after it are dropped; lines broken inside a sentence are
joined again.

A site menu is a run of short lines without sentence punctuation ('Who we are', '- Where we work',
'-'), with the odd blurb glued to its heading ('WHO WE AREThe International Organization…'):
a run of at least MIN_MENU_LINES such lines, mostly menu, ends where two lines of prose follow.
The article ends at a line that opens a page's closing block ('Related stories', 'Share this',
'Noticias relacionadas', 'Partager'), once some prose has been read.
"""

import re

from scripts.normalize.text import fold

MIN_MENU_LINES = 4
MENU_SHARE = 0.7
MAX_MENU_WORDS = 5
MAX_BULLET_WORDS = 15
PROSE_RUN = 2
_SENTENCE_PUNCT = tuple(".!?:;»\"”)")
_MENU_END_PUNCT = tuple(".!?:;»\"”")  # 'Priorités transversales (globales)' is a menu entry
_BULLET = re.compile(r"^[-–•*|·]+(?:\s|$)")
_CLOSING = re.compile(r"^(?:related (?:stories|news|links|content|articles)|read more|more news|share(?: this)?(?: on)?"
                      r"|tags?|follow us|subscribe|articles? (?:connexes|similaires)|a lire aussi|lire aussi|partager"
                      r"|voir aussi|noticias relacionadas|notas relacionadas|compartir|leer m[aá]s|te puede interesar"
                      r"|ver tambi[eé]n|etiquetas)\b\W*$")
_WRAPPED_NEXT = re.compile(r"^[a-zà-ÿ(]")


def article(text: str) -> str:
    """The article of a page's text: no site menu, no closing block, wrapped lines joined."""
    lines = text.split("\n")
    lines = _joined(lines[_menu_end(lines):])
    return "\n".join(lines[:_closing_start(lines)]).strip("\n")


def _is_menu(line: str, previous: str) -> bool:
    """True for a menu entry, a bullet, or a blurb glued to the heading just before it."""
    stripped = line.strip()
    if _BULLET.match(stripped) and len(stripped.split()) <= MAX_BULLET_WORDS:
        return True
    if previous and len(previous) >= 3 and stripped.startswith(previous) and (
            stripped == previous or not stripped[len(previous)].isspace()):  # a heading repeated, or glued to its blurb
        return True
    return len(stripped.split()) <= MAX_MENU_WORDS and not stripped.endswith(_MENU_END_PUNCT)


def _menu_end(lines: list[str]) -> int:
    """Index of the first line after the site menu (0 when the text opens with no menu)."""
    menu = prose = run = 0
    end, previous = 0, ""
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        if _is_menu(stripped, previous):
            menu, run = menu + 1, 0
            if menu >= MIN_MENU_LINES and menu >= MENU_SHARE * (menu + prose):
                end = index + 1
        else:
            prose, run = prose + 1, run + 1
            if run >= PROSE_RUN:
                break
        previous = stripped
    return end


def _joined(lines: list[str]) -> list[str]:
    """Lines again whole where a sentence was broken ('se han reunido en' / 'San Salvador para')."""
    joined: list[str] = []
    for line in lines:
        stripped = line.strip()
        if joined and joined[-1].strip() and stripped and not joined[-1].rstrip().endswith(_SENTENCE_PUNCT) \
                and _WRAPPED_NEXT.match(stripped) and len(joined[-1].split()) > MAX_MENU_WORDS:
            joined[-1] = joined[-1].rstrip() + " " + stripped
        else:
            joined.append(line)
    return joined


def _closing_start(lines: list[str]) -> int:
    """Index of the line opening the page's closing block, or the number of lines."""
    seen_prose = False
    for index, line in enumerate(lines):
        folded = fold(line.strip())
        if seen_prose and _CLOSING.match(folded):
            return index
        seen_prose = seen_prose or len(folded.split()) > MAX_MENU_WORDS * 2
    return len(lines)
