"""The event's own dates in a release: date phrases found in the text, the likeliest one chosen.

Every window of up to a dozen words around a number is offered to `parse_range` (which knows
'du 3 au 5 juin', 'del 8 al 10 de julio de 2019', '6-7 May 2017'…); the longest window that
gives whole days is a candidate. A window may end on a bare day only when it opens with a month
('May 10-12'), so that '10 May 2022 and 12 migrants' is not read as a range, and never on a day
after a comma ('between January and March, 3 workshops'). Day lists read as ranges ('les 3, 4
et 5 juin' is 3 to 5 June). Candidates score higher for being ranges, for sharing a sentence
with an event cue ('met', 'se sont réunis'), for standing in the lead, and lower after an aside
cue ('since', 'adopté le') or far from the publication year. 'Today', 'hier', 'el miércoles'
count from the publication date, slightly below explicit dates, and never with a confidence that
passes review; without a publication date, a lead that dates the event that way ('will open
tomorrow') makes any date found further down a guess. The dateline's own date is the
publication date, never a candidate.

A single day and a stated duration ('a two-day workshop', 'de trois jours', 'durante dos días')
make a range: the day opens it, or closes it when the sentence says so ('which ended on 5 May',
'clôturé le', 'concluyó'); the range is a little less sure than a stated one. A single day and a
later one said to close the event ('began on Monday … ends Thursday') make a range too, as do two
weekdays together ('on Wednesday and Thursday'); weekdays count forward in a sentence about the
future ('is due to visit … on Wednesday').
"""

import datetime
import re
from dataclasses import dataclass
from functools import lru_cache

from scripts.normalize.dates import parse_date, parse_range
from scripts.normalize.text import fold
from scripts.press.cues import has_aside_cue, has_event_cue, sentences

MAX_WORDS_BEFORE, MAX_WORDS_AFTER = 3, 10
LEAD_SENTENCES = 2
ASIDE_WINDOW_CHARS = 45
_TOKEN = re.compile(r"\d{1,4}(?:er|re|st|nd|rd|th|º|°)?(?!\w)|[^\W\d_]+")
_DATE_CHARS = re.compile(r"[\w\s,.\-–—/'’°º]+")
_MONTH_COMMA_DAY = re.compile(r"([^\W\d_]+)\s*,\s*\d{1,2}(?!\d)")
_DAY_LIST = re.compile(r"\b(\d{1,2})(?:\s*,\s*\d{1,2})+(?=\s+(?:and|et|y|&)\s+\d)")
_WEEKDAYS = {name: number for number, names in enumerate((
    "monday lundi lunes", "tuesday mardi martes", "wednesday mercredi miercoles", "thursday jeudi jueves",
    "friday vendredi viernes", "saturday samedi sabado", "sunday dimanche domingo")) for name in names.split()}
_RELATIVE_DAYS = {"today": 0, "aujourd'hui": 0, "hoy": 0, "this morning": 0, "ce matin": 0,
                  "esta manana": 0, "yesterday": 1, "hier": 1, "ayer": 1, "tomorrow": -1, "demain": -1,
                  "manana": -1}
# 'mañana' is tomorrow, but 'la mañana', 'esta mañana' and 'por la mañana' are mornings.
_RELATIVE = re.compile(r"\b(?:" + "|".join(map(re.escape, [*_RELATIVE_DAYS, *_WEEKDAYS])) + r")\b"
                       r"(?<!\bla manana)(?<!\bde manana)")
_WEEKDAY_PAIR = re.compile(r"\s*(?:and|to|through|-|–|et|au|y|a|al|hasta el)\s*")
_FUTURE_CUE = re.compile(
    r"\b(?:will|is due to|are due to|is to|are to|is expected to|are expected to|is set to|are set to|next|upcoming"
    r"|se rendra|se tiendra|aura lieu|va|vont|prochain|prochaine|visitara|se reunira\w*|se celebrara"
    r"|tendra lugar|proximo|proxima|concluira|comenzara|iniciara)\b")
_CONFIDENCE_BY_SCORE = {5: 0.95, 4: 0.85, 3: 0.75, 2: 0.6, 1: 0.45}
FALLBACK_CONFIDENCE = 0.2
RELATIVE_CONFIDENCE = 0.45  # below the review threshold: a weekday or 'yesterday' counted from a date
DURATION_CONFIDENCE = 0.8
MAX_DURATION_DAYS = 10
CLOSING_WINDOW_CHARS = 60
CLOSING_PAIR_CHARS = 300
YEAR_CONFIDENCE = 0.55  # a year read elsewhere in the text, not the publication date
YEAR_WINDOW_CHARS = 800
_YEAR = re.compile(r"(?<![\d/.-])(?:199\d|20[0-4]\d)(?![\d/.-])")
_NUMBER_WORDS = {word: number for number, words in enumerate((
    "", "one un une uno una", "two deux dos", "three trois tres", "four quatre cuatro", "five cinq cinco",
    "six seis", "seven sept siete", "eight huit ocho", "nine neuf nueve", "ten dix diez")) for word in words.split()}
_COUNT = r"(\d{1,2}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
_DURATION = re.compile(
    rf"\b{_COUNT}[- ]days?\b(?![- ]old)|\b{_COUNT} days? (?:of|long)\b|\b(?:for|over|lasted) {_COUNT} days\b"
    rf"|\b(?:de|d'une duree de|pendant|durant|sur|en) {_COUNT} (?:jours|journees)\b|\b{_COUNT} (?:jours|journees) de\b"
    rf"|\b(?:de|durante|por|a lo largo de|en) {_COUNT} (?:dias|jornadas)\b|\b{_COUNT} (?:dias|jornadas) de\b")
_CLOSING_CUE = re.compile(
    r"\b(?:end(?:s|ed)?|conclud\w*|clos(?:es|ed)|wrapped up|culminat\w*|s'ach[eè]v\w*|achev\w*|pris fin|prend fin"
    r"|cl[oô]tur\w*|clausur\w*|conclu\w*|finaliz\w*|culmin\w*|termin\w*)\b")


@dataclass(frozen=True)
class EventDates:
    """The event's first and last day, where the phrase stands in the text, and a 0..1 confidence."""

    start: datetime.date
    end: datetime.date
    offset: int
    confidence: float


@dataclass(frozen=True)
class _Candidate:
    start: datetime.date
    end: datetime.date
    offset: int
    score: float
    relative: bool = False


def find_event_dates(text: str, anchor: datetime.date | None, skip_until: int = 0) -> EventDates | None:
    """The likeliest event dates in text (see the module docstring); None when nothing is found.

    Without an anchor, a year the title and lead state ('the 2017 Migration Dialogue') stands in
    for it, for explicit dates only and with a confidence under review."""
    if anchor is None and (year := stated_year(text[skip_until:])):
        found = _find_event_dates(text, datetime.date(year, 7, 1), skip_until, relative=False)
        return found and EventDates(found.start, found.end, found.offset, min(found.confidence, YEAR_CONFIDENCE))
    return _find_event_dates(text, anchor, skip_until)


def stated_year(text: str) -> int | None:
    """The one year of 1990 and after that the opening of a text names most often, or None on a tie."""
    counts: dict[int, int] = {}
    for match in _YEAR.finditer(text[:YEAR_WINDOW_CHARS]):
        counts[int(match.group())] = counts.get(int(match.group()), 0) + 1
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    return ranked[0][0] if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]) else None


def _find_event_dates(text: str, anchor: datetime.date | None, skip_until: int,
                      relative: bool = True) -> EventDates | None:
    candidates = []
    spans = [span for span in sentences(text) if span[1] > skip_until]
    for index, (start, end) in enumerate(spans):
        start = max(start, skip_until)
        sentence = text[start:end]
        bonus = 2 * has_event_cue(sentence) + (index < LEAD_SENTENCES)
        found = _explicit_dates(text, start, end, anchor)
        covered = [(offset, stop) for offset, stop, _ in found]
        for offset, _, (first, last) in found:
            aside = has_aside_cue(text[max(start, offset - ASIDE_WINDOW_CHARS):offset])
            distant = anchor is not None and abs(first.year - anchor.year) > 1
            score = bonus + 2 * (first != last) - 3 * aside - 2 * distant
            candidates.append(_Candidate(first, last, offset, score))
        if anchor is not None and relative:
            candidates += [_Candidate(first, last, offset, bonus - 0.5, relative=True)
                           for offset, first, last in _relative_dates(sentence, start, anchor)
                           if not any(a <= offset < b for a, b in covered)]
    if not candidates:
        return EventDates(anchor, anchor, skip_until, FALLBACK_CONFIDENCE) if anchor and relative else None
    best = max(candidates, key=lambda c: (c.score, -c.offset))
    start, end, confidence = best.start, best.end, _confidence(best, candidates)
    lead = spans[:LEAD_SENTENCES]
    if (anchor is None or not relative) and not any(a <= best.offset < b for a, b in lead) \
            and any(_RELATIVE.search(fold(text[a:b])) for a, b in lead):
        confidence = FALLBACK_CONFIDENCE  # the lead dates the event from an unknown day ('opens tomorrow')
    closing_day = _closing_day(text, best, candidates) if start == end else None
    if closing_day:  # 'iniciaron ayer una visita … que concluirá mañana'
        end = closing_day
    days = _stated_duration(text, skip_until) if start == end else None
    if days:
        opening = next((a for a, b in spans if a <= best.offset < b), 0)
        closing = _CLOSING_CUE.search(fold(text[max(opening, best.offset - CLOSING_WINDOW_CHARS):best.offset]))
        span = datetime.timedelta(days=days - 1)
        start, end = (end - span, end) if closing else (start, start + span)
        confidence = min(confidence, DURATION_CONFIDENCE)
    if best.relative:
        confidence = min(confidence, RELATIVE_CONFIDENCE)
    return EventDates(start, end, best.offset, confidence)


def _closing_day(text: str, best: _Candidate, candidates: list[_Candidate]) -> datetime.date | None:
    """A later single day said to close the event that best opens ('ends Thursday'), or None."""
    for candidate in candidates:
        days = (candidate.start - best.start).days
        before = text[max(best.offset, candidate.offset - CLOSING_WINDOW_CHARS):candidate.offset]
        if candidate.start == candidate.end and 0 < days <= MAX_DURATION_DAYS \
                and 0 < candidate.offset - best.offset < CLOSING_PAIR_CHARS and _CLOSING_CUE.search(fold(before)):
            return candidate.start
    return None


def _stated_duration(text: str, skip_until: int) -> int | None:
    """The number of days the text says the event lasts ('a two-day workshop'), or None."""
    match = _DURATION.search(fold(text[skip_until:]))
    if not match:
        return None
    word = next(group for group in match.groups() if group)
    days = int(word) if word.isdigit() else _NUMBER_WORDS[word]
    return days if 1 < days <= MAX_DURATION_DAYS else None


def _explicit_dates(text: str, start: int, end: int, anchor: datetime.date | None):
    """(offset, end offset, (first day, last day)) of each date phrase in text[start:end]."""
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, start, end)]
    found, index = [], 0
    while index < len(tokens):
        if not tokens[index][2][0].isdigit():
            index += 1
            continue
        window = _longest_window(text, tokens, index, anchor)
        if window is None:
            index += 1
            continue
        first, last, days = window
        found.append((tokens[first][0], tokens[last][1], days))
        index = last + 1
    return found


def _longest_window(text: str, tokens: list, index: int, anchor: datetime.date | None):
    """(first token, last token, days) of the longest date window around tokens[index], or None."""
    best = None
    for first in range(max(0, index - MAX_WORDS_BEFORE), index + 1):
        for last in range(min(len(tokens) - 1, index + MAX_WORDS_AFTER), index - 1, -1):
            if best and last - first <= best[1] - best[0]:
                break
            phrase = text[tokens[first][0]:tokens[last][1]]
            if not _DATE_CHARS.fullmatch(phrase) or not _ends_well(tokens, first, last) \
                    or _MONTH_COMMA_DAY.search(phrase) and _is_month(_MONTH_COMMA_DAY.search(phrase).group(1)):
                continue
            days = parse_range(_DAY_LIST.sub(r"\1", phrase), anchor=anchor)
            if days and days[0].precision == "day" and days[1].precision == "day":
                best = (first, last, (days[0].value, days[1].value))
                break
    return best


def _ends_well(tokens: list, first: int, last: int) -> bool:
    """A window ends on a year or a month; on a bare day only when it opens with a month."""
    word = tokens[last][2]
    if len(word) == 4 and word.isdigit() or _is_month(word):
        return True
    opening = next(token[2] for token in tokens[first:last + 1] if token[2][0].isdigit() or _is_month(token[2]))
    return word[0].isdigit() and _is_month(opening)


@lru_cache(maxsize=4096)
def _is_month(word: str) -> bool:
    """True for a month name or abbreviation in en/fr/es ('May', 'juin', 'setiembre')."""
    if word[0].isdigit():
        return False
    found = parse_date(f"{word} 2000")
    return found is not None and found.precision == "month"


def _relative_dates(sentence: str, offset: int, anchor: datetime.date):
    """(offset, first day, last day) of 'today', 'hier', 'el miércoles', 'on Wednesday and Thursday'…
    counted back from the anchor, or forward in a sentence about the future ('is due to visit')."""
    folded = fold(sentence)
    if len(folded) != len(sentence):
        folded = sentence.lower()
    ahead = bool(_FUTURE_CUE.search(folded))
    days = []
    for match in _RELATIVE.finditer(folded):
        word = match.group()
        if word in _RELATIVE_DAYS:
            day = anchor - datetime.timedelta(days=_RELATIVE_DAYS[word])
        elif ahead:
            day = anchor + datetime.timedelta(days=(_WEEKDAYS[word] - anchor.weekday()) % 7)
        else:
            day = anchor - datetime.timedelta(days=(anchor.weekday() - _WEEKDAYS[word]) % 7)
        days.append((match, day))
    for (match, day), (following, next_day) in zip(days, days[1:] + [(None, None)]):
        if following is not None and _WEEKDAY_PAIR.fullmatch(folded[match.end():following.start()]) \
                and match.group() in _WEEKDAYS and 0 < (next_day - day).days < 7:
            yield offset + match.start(), day, next_day  # 'on Wednesday and Thursday', 'du lundi au mercredi'
        else:
            yield offset + match.start(), day, day


def _confidence(best: _Candidate, candidates: list[_Candidate]) -> float:
    """Confidence from the winner's score, lowered when a different answer scores nearly as high."""
    confidence = _CONFIDENCE_BY_SCORE.get(min(5, int(best.score)), 0.3)
    rivals = [c for c in candidates if (c.start, c.end) != (best.start, best.end) and c.score >= best.score - 1]
    return round(confidence * (0.8 if rivals else 1.0), 2)
