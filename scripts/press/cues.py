"""Words that signal the event itself in en/fr/es news, and sentence splitting.

Event cues ("met", "held", "se sont réunis", "se celebró", "workshop", "atelier", "taller"…) mark
the sentence that carries the event's date and venue; participant cues ("delegations",
"officials", "autorités", "representantes"…) the sentences that say who took part; aside cues
("since", "adopted", "next meeting", "building on", "based in"…) dates and places that belong to
something else; online cues ("virtual meeting", "en ligne", "seminario web") events with no venue.
"""

import re

from scripts.normalize.text import fold

_EVENT_STEMS = (
    # English
    "met", "meet", "meets", "meeting", "held", "hold", "holds", "host", "hosted", "hosts", "gather", "gathered",
    "convene", "convened", "convenes", "took place", "takes place", "take place", "organi[sz]ed", "organi[sz]es",
    "workshop", "conference", "training", "trained", "seminar", "forum", "session", "launch", "launched",
    "signed", "handed over", "hands over", "participated", "took part", "attended", "brought together",
    "inaugurated", "completed", "concluded", "summit", "exercise", "campaign", "ceremony", "presented",
    "visited", "opened", "dialogue", "consultation", "course",
    # French
    "reuni", "reunie", "reunis", "reunies", "reunit", "reunissent", "reunion", "tenu", "tenue", "tient",
    "eu lieu", "organise", "organisee", "organises", "organisees", "atelier", "formation", "conference",
    "seminaire", "accueilli", "accueille", "lance", "signe", "remis", "participe", "rencontre", "suivi",
    "inaugure", "celebre", "campagne", "ceremonie", "presente", "forum", "session",
    # Spanish
    "reunieron", "reunio", "reune", "reunen", "reunion", "celebro", "celebrada", "celebrado", "tuvo lugar",
    "realizaron", "realizo", "realizada", "realizado", "llevo a cabo", "llevaron a cabo", "organizado",
    "organizada", "organizaron", "organizo", "taller", "capacitacion", "conferencia", "seminario", "foro",
    "participaron", "firmaron", "firmo", "inauguraron", "inauguro", "lanzaron", "lanzo", "presento",
    "encuentro", "jornada", "sesion", "ceremonia", "campana", "entrego",
)
_ASIDE_STEMS = (
    "since", "adopted", "signed in", "established", "founded", "next", "last year", "previous", "will be held",
    "will take place", "depuis", "adopte", "adoptee", "prochaine", "prochain", "l'an dernier", "se tiendra",
    "aura lieu", "desde", "aprobada", "aprobado", "adoptada", "proxima", "proximo", "el ano pasado",
    "se celebrara", "tendra lugar", "to be held", "due to take place", "scheduled for", "doit se tenir",
    "devant se tenir", "a celebrarse", "por celebrarse", "que se llevara a cabo",
    "building on", "builds on", "following the", "s'appuyant sur",
    "a la suite de", "faisant suite", "suite a", "tras la", "tras el", "despues de la", "en seguimiento",
    "based in", "bases a", "basees a", "basados en", "basadas en",
    "similar", "similaire", "similaires", "similares",  # 'similar consultations are being held in Kiribati'
)
_ONLINE_STEMS = (
    "virtual", "virtually", "online", "webinar", "videoconference", "video conference", "zoom", "teleconference",
    "virtuel", "virtuelle", "virtuels", "virtuelles", "en ligne", "webinaire", "visioconference",
    "virtuales", "en linea", "seminario web", "videoconferencia", "modalidad virtual",
)
_PARTICIPANT_STEMS = (
    "delegat\\w*", "representative\\w*", "officials?", "ministers?", "ministr\\w*", "governments?", "authorities",
    "experts?", "participants?", "member states", "delegations?", "representant\\w*", "responsables?", "autorites",
    "gouvernements?", "ministres?", "delegaciones", "delegacion", "representantes?", "autoridades", "gobiernos?",
    "funcionari\\w*", "ministr[oa]s?", "participantes?", "estados miembros", "etats membres", "represent\\w*",
    "participating countries", "pays participants", "paises participantes",
    "counterparts?", "homologues?", "homolog[oa]s?", "observers?", "observateurs?", "observador(?:es|as?)?",
    "(?:co-?)?chair(?:ed|s|ing)?", "(?:co-?)?presid\\w*", "(?:co)?pr[eé]sid\\w*", "asist\\w*", "joined",
)
EVENT_CUES = re.compile(r"\b(?:" + "|".join(_EVENT_STEMS) + r")\b")
PARTICIPANT_CUES = re.compile(r"\b(?:" + "|".join(_PARTICIPANT_STEMS) + r")\b")
ONLINE_CUES = re.compile(r"\b(?:" + "|".join(map(re.escape, _ONLINE_STEMS)) + r")\b")
IN_PERSON_CUES = re.compile(r"\b(?:hybrid|in person|in-person|hybride|en presentiel|hibrid[ao]|presencial\w*)\b")
ASIDE_CUES = re.compile(r"\b(?:" + "|".join(map(re.escape, _ASIDE_STEMS)) + r")\b")
_BODY_NOUNS = (r"(?:process|proceso|processus|forum|foro|dialogue|dialogo|platform|plataforma|plateforme|mechanism"
               r"|mecanismo|mecanisme|body|organi[sz]ation|organizacion|organisme|bloc|group|grupo|groupe|community"
               r"|comunidad|communaute|alliance|alianza|initiative|iniciativa|network|red|reseau)")
_STATES = r"(?:gobiernos|gouvernements|governments|etats|estados|pays|paises|countries|states|naciones|nations)"
# A sentence about what a body is or who belongs to it ('Es un proceso regional … que reúne a los gobiernos
# de: Argentina, …', 'Le MIDWA réunit les Etats membres de la CEDEAO (Bénin, …)', 'Las naciones son Belice, …'):
# its countries are members, not participants of the event.
MEMBERSHIP_CUES = re.compile(
    r"\b(?:is|es|est) (?:a|an|un|una|une) (?:[\w-]+ ){0,4}" + _BODY_NOUNS + r"\b"
    r"|\b(?:the|los|las|les|ses|sus|its) (?:\d+ )?" + _STATES + r"(?: (?:miembros?|membres?|members?))? (?:son|sont|are"
    r"|incluyen|include|comprennent)\b")
_ACRONYM_SUBJECT = re.compile(r"^\W*(?:(?:Le|La|El|The) )?[A-Z]{3,}\w* ")
_GATHERS_STATES = re.compile(r"(?:reunit|regroupe|rassemble|reune|agrupa|brings together|comprises|groups|includes"
                             r"|comprend|comprende) (?:a )?(?:les |los |las |the |ses |sus |its )?(?:\d+ )?"
                             + _STATES + r"\b")
_SENTENCE_END = re.compile(r"(?<=[.!?»\"”])\s+(?=[\"“«¿¡(]?[A-ZÀ-ÖØ-Þ0-9])|\n\s*\n|(?<=\.-)\s")


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences and paragraphs of text."""
    spans, start = [], 0
    for boundary in _SENTENCE_END.finditer(text):
        if boundary.start() > start:
            spans.append((start, boundary.start()))
        start = boundary.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def has_event_cue(sentence: str) -> bool:
    """True when a sentence speaks of the event itself (met, held, atelier, se celebró…)."""
    return bool(EVENT_CUES.search(fold(sentence)))


def has_participant_cue(sentence: str) -> bool:
    """True when a sentence speaks of who takes part (delegations, officials, autoridades…)."""
    return bool(PARTICIPANT_CUES.search(fold(sentence)))


def describes_membership(sentence: str) -> bool:
    """True when a sentence says what a body is or which states belong to it, not who took part."""
    subject = _ACRONYM_SUBJECT.match(sentence)  # 'Le MIDWA réunit les Etats…', not 'La réunion réunit…'
    return bool(MEMBERSHIP_CUES.search(fold(sentence))
                or (subject and _GATHERS_STATES.match(fold(sentence[subject.end():]))))


def is_online(text: str) -> bool:
    """True when a title or lead says the event is held online ('virtual meeting', 'en ligne', 'webinar')
    and not also in person ('hybrid', 'de manera presencial')."""
    folded = fold(text)
    return bool(ONLINE_CUES.search(folded)) and not IN_PERSON_CUES.search(folded)


def has_aside_cue(clause: str) -> bool:
    """True when a clause dates or places something else (since, adopted, la prochaine réunion…)."""
    return bool(ASIDE_CUES.search(fold(clause)))
