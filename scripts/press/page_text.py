"""Text copied from a web page, made into an article: the site menu before it and the share
links, related stories and footers after it are dropped; lines broken inside a sentence are
joined again.

A site menu is a run of short lines without sentence punctuation ('Who we are', '- Where we work',
'-'), with the odd blurb glued to its heading ('WHO WE AREThe International Organization…'):
a run of at least MIN_MENU_LINES such lines, mostly menu, ends where two lines of prose follow.
Section labels left above the headline ('News', 'Local', 'Comunicado') go too. The article ends at
a line that opens a page's closing block ('Related stories', 'Share this',
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
_LABEL = re.compile(r"(?:news|local|global|press releases?|communiques?|comunicados?|noticias?|actualites?|stories"
                    r"|story|articles?|blog|media centre|media center|centre de presse|sala de prensa)")
_WRAPPED_NEXT = re.compile(r"^[a-zà-ÿ(]")


def article(text: str) -> str:
    """The article of a page's text: no site menu, no section labels, no closing block, wrapped lines joined."""
    lines = text.split("\n")
    lines = lines[_menu_end(lines):]
    while lines and (not lines[0].strip() or _LABEL.fullmatch(fold(lines[0].strip()))):
        lines = lines[1:]  # 'News', 'Local', 'Comunicado': the page's section labels above the headline
    lines = _joined(lines)
    return "\n".join(lines[:_closing_start(lines)]).strip("\n")


def _menu_kind(line: str, previous: str) -> str | None:
    """'strong' for a bullet or a heading repeated or glued to its blurb, 'weak' for a short line
    without sentence punctuation, None for prose."""
    if _BULLET.match(line) and len(line.split()) <= MAX_BULLET_WORDS:
        return "strong"
    if previous and len(previous) >= 3 and line.startswith(previous) and (
            line == previous or not line[len(previous)].isspace()):  # a heading repeated, or glued to its blurb
        return "strong"
    if len(line.split()) <= MAX_MENU_WORDS and not line.endswith(_MENU_END_PUNCT):
        return "weak"
    return None


def _menu_end(lines: list[str]) -> int:
    """Index of the first line after the site menu (0 when the text opens with no menu); once
    prose has started, only a bullet or a repeated heading still belongs to the menu (a short
    headline after it does not)."""
    menu = prose = run = 0
    end, previous = 0, ""
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        kind = _menu_kind(stripped, previous)
        if kind:
            menu, run = menu + 1, 0
            if menu >= MIN_MENU_LINES and menu >= MENU_SHARE * (menu + prose) and (kind == "strong" or not prose):
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
