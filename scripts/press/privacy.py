"""Personal contact details out of press-release text: they are never extracted nor stored.

Three passes: the contacts block ("For more information, please contact …", "Pour plus
d'informations, contactez …", "Para más información, contacte …", "Media contact: …") is cut
with everything after it; short lines that still hold an e-mail address or a phone number are
dropped whole, since they usually name the person too; any address or number left is removed.
"""

import re

from scripts.normalize.dates import parse_range

_CONTACT_BLOCK = re.compile(
    r"(?:^|(?<=[.!?»\"”)]\s))[\W_]{0,3}(?:"
    r"for\s+(?:more|further)\s+information|for\s+media\s+(?:enquiries|inquiries)"
    r"|(?:media|press)\s+contacts?|contacts?\s*(?:for\s+(?:the\s+)?media)?\s*:"
    r"|pour\s+(?:plus|de\s+plus\s+amples)\s+d?['’]?\s?informations?|pour\s+toute\s+information"
    r"|contacts?\s+(?:presse|m[ée]dias?)|personnes?\s+[àa]\s+contacter"
    r"|para\s+(?:m[áa]s|mayor)\s+informaci[óo]n|para\s+obtener\s+m[áa]s\s+informaci[óo]n"
    r"|para\s+informaci[óo]n\s+adicional|contactos?\s+(?:de\s+prensa|para\s+(?:los\s+)?medios)"
    r"|(?:please\s+)?contact\s+(?:us|our)\b|veuillez\s+contacter|comun[íi]quese\s+con)",
    re.IGNORECASE | re.MULTILINE)
EMAIL = re.compile(r"[\w.+-]+\s?(?:@|\[at\]|\(at\))\s?[\w-]+(?:\s?(?:\.|\[dot\]|\(dot\))\s?[\w-]+)+", re.IGNORECASE)
_INTERNATIONAL_PHONE = r"(?:\+|\(\+|00)\d{1,3}\)?(?:[\s.\-]?\(?\d{1,4}\)?){2,6}"
_LABELLED_PHONE = (r"(?:tel|t[ée]l[ée]?phone|tel[ée]fono|tfno|phone|mobile|m[óo]vil|cel(?:ular)?|portable"
                   r"|whats\s?app|fax)\.?\s*:?\s*\(?\d[\d\s.\-()]{5,}\d")
_GROUPED_DIGITS = r"(?<![\d,.])\d{2,4}(?:[\s.\-]\d{2,4}){2,5}(?![\d,])"
PHONE = re.compile(rf"{_INTERNATIONAL_PHONE}|{_LABELLED_PHONE}|{_GROUPED_DIGITS}", re.IGNORECASE)
_NUMERIC_DATE = re.compile(r"\d{4}([-./])\d{1,2}\1\d{1,2}|\d{1,2}([-./])\d{1,2}\2\d{4}")
_WORD_BEFORE = re.compile(r"([^\W\d_]+)\.?\s+$")
WORD_BEFORE_CHARS = 16
MAX_CONTACT_LINE_CHARS = 160
MIN_PHONE_DIGITS = 7


def find_contact_details(text: str) -> list[str]:
    """E-mail addresses and phone numbers found in text (to check that none is left)."""
    found = [match.group() for match in EMAIL.finditer(text)]
    found += [match.group() for match in PHONE.finditer(text) if _is_phone(text, match)]
    return found


def redact(text: str) -> str:
    """Text without its contacts block, contact lines, e-mail addresses and phone numbers."""
    block = _CONTACT_BLOCK.search(text)
    if block:
        text = text[:block.start()].rstrip()
    lines = [line for line in text.split("\n")
             if len(line) > MAX_CONTACT_LINE_CHARS or not find_contact_details(line)]
    text = EMAIL.sub("", "\n".join(lines))
    return PHONE.sub(lambda match: "" if _is_phone(text, match) else match.group(), text)


def _is_phone(text: str, match: re.Match) -> bool:
    """Enough digits for a phone number; not an amount grouped by thousands (12 000 000), not a date
    ('2021-06-03', or days and a year after a month: 'April 12-13 2022')."""
    candidate = match.group()
    if _NUMERIC_DATE.fullmatch(candidate.strip()):
        return False
    month = _WORD_BEFORE.search(text[max(0, match.start() - WORD_BEFORE_CHARS):match.start()])
    if month and (days := parse_range(f"{month.group(1)} {candidate}")) and days[0].precision == "day":
        return False
    digits = re.findall(r"\d+", candidate)
    if sum(len(group) for group in digits) < MIN_PHONE_DIGITS:
        return False
    labelled = candidate[0] in "+(0" or candidate[0].isalpha()
    return labelled or not all(len(group) == 3 for group in digits[1:])
