"""Column headers in English, French or Spanish mapped to each input kind's canonical fields.

Matching is exact on a folded key (case, accents, apostrophes, quotes, spacing and
`_ - . : * ( ) ? ¿ ! ¡` ignored), never fuzzy: an unrecognized header is reported, not guessed.
Deliberately absent: bare "estado"/"état" as a country (Spanish "estado" means status here),
bare "código"/"code" (could be a country code or an event code) and, for events, bare
"source"/"fuente" (a source name is not a source URL).
"""

import re

from scripts.normalize.text import fold

_COUNTRY = (
    "country", "country name", "member state", "pays", "nom du pays", "état membre",
    "país", "nombre del país", "estado miembro",
)
_SOURCE = ("source", "sources", "fuente", "fuentes")
_CITY = ("city", "ville", "ciudad")

FIELDS: dict[str, dict[str, tuple[str, ...]]] = {
    "member_states": {
        "country": _COUNTRY,
        "status": (
            "status", "membership", "membership status", "statut", "statut de membre",
            "estado", "estatuto", "condición",
        ),
        "admitted_year": (
            "admitted", "year admitted", "admission", "admission year", "year of admission",
            "year joined", "joined", "année d'admission", "date d'admission", "adhésion",
            "année d'adhésion", "año de admisión", "año de ingreso", "admisión", "ingreso",
        ),
        "source": _SOURCE,
    },
    "missions": {
        "country": _COUNTRY,
        "office_type": (
            "office type", "type of office", "type", "type de bureau", "tipo de oficina", "tipo",
        ),
        "city": _CITY + ("location city",),
        "opened": (
            "opened", "date opened", "opening", "opening date", "year opened", "since",
            "ouverture", "date d'ouverture", "année d'ouverture", "depuis",
            "apertura", "fecha de apertura", "año de apertura", "desde",
        ),
        "source": _SOURCE,
    },
    "events": {
        "event_id": (
            "id", "event id", "identifier", "reference", "ref", "identifiant", "référence",
            "réf", "code événement", "identificador", "referencia", "id evento",
            "código del evento", "código evento",
        ),
        "title": (
            "title", "name", "event", "event name", "event title", "titre", "nom", "intitulé",
            "événement", "nom de l'événement", "titre de l'événement", "título", "nombre",
            "evento", "nombre del evento", "título del evento",
        ),
        "event_type": (
            "type", "event type", "category", "type d'événement", "catégorie", "tipo",
            "tipo de evento", "categoría",
        ),
        "themes": (
            "theme", "topics", "topic", "thèmes", "thème", "thématiques", "thématique",
            "temas", "tema", "temáticas",
        ),
        "start_date": (
            "start", "start date", "from", "begin", "date", "dates", "date de début", "début",
            "date début", "du", "fecha de inicio", "fecha inicio", "inicio", "desde", "fecha",
            "fechas",
        ),
        "end_date": (
            "end", "end date", "to", "until", "date de fin", "date fin", "fin", "au",
            "fecha de fin", "fecha fin", "fecha de término", "hasta",
        ),
        "city": _CITY + ("host city", "ville hôte", "ciudad anfitriona", "ciudad sede"),
        "country": (
            "country", "host country", "host", "pays", "pays hôte", "pays d'accueil", "país",
            "país anfitrión", "país sede",
        ),
        "participants": (
            "participating countries", "participating states", "countries", "pays participants",
            "états participants", "países participantes", "estados participantes", "países",
            "participantes",
        ),
        "organizations": (
            "organisations", "organization", "organisation", "partners", "partner organizations",
            "organisations partenaires", "partenaires", "organizaciones", "organización",
            "socios", "organizaciones asociadas",
        ),
        "participants_total": (
            "total participants", "number of participants", "attendees", "attendance",
            "participants (total)", "nombre de participants", "nb participants",
            "número de participantes", "total de participantes", "asistentes",
        ),
        "source_url": (
            "url", "link", "source link", "website", "lien", "lien source", "url source",
            "enlace", "enlace fuente", "url fuente",
        ),
        "summary": ("description", "abstract", "résumé", "resumen", "descripción"),
        "is_sample": ("sample", "échantillon", "exemple", "muestra", "ejemplo"),
    },
    "press_overrides": {
        "event_id": ("id", "event id", "identifiant", "identificador", "id evento"),
        "field": ("column", "champ", "colonne", "campo", "columna"),
        "value": ("new value", "corrected value", "correction", "valeur", "nouvelle valeur", "valor",
                  "nuevo valor", "corrección"),
    },
}

REQUIRED: dict[str, tuple[str, ...]] = {
    "member_states": ("country", "status"),
    "missions": ("country",),
    "events": ("title", "start_date"),
    "press_overrides": ("event_id", "field", "value"),
}

_SEPARATORS = re.compile(r"[\s_\-.:*()'\"?¿!¡]+")


def header_key(header: str) -> str:
    """Folded comparison key of a header: 'Année_d’admission ' -> 'annee d admission'."""
    return _SEPARATORS.sub(" ", fold(header)).strip()


def _build_index() -> dict[str, dict[str, str]]:
    index: dict[str, dict[str, str]] = {}
    for kind, fields in FIELDS.items():
        keys: dict[str, str] = {}
        for field, aliases in fields.items():
            for alias in (field, *aliases):
                key = header_key(alias)
                if keys.setdefault(key, field) != field:
                    raise ValueError(f"{kind}: header {alias!r} means both {keys[key]} and {field}")
        index[kind] = keys
    return index


_INDEX = _build_index()


def canonical_header(kind: str, header: str) -> str | None:
    """Canonical field that a raw header means for this kind, or None if not recognized."""
    return _INDEX[kind].get(header_key(header))
