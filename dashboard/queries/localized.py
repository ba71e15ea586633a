"""SQL that names codes in the visitor's language, falling back to the code where the store has no name."""

NAME_COLUMNS = {"en": "name_en", "fr": "name_fr", "es": "name_es"}
SECTOR_CODELISTS = {"1": "Sector", "2": "SectorCategory"}  # sector vocabulary -> the IATI codelist of its codes


def country_name(alias: str, code: str, lang: str) -> str:
    """SQL for a country's name in the language from the `countries` row `alias`, else its code."""
    return f"coalesce({alias}.{NAME_COLUMNS[lang]}, {code})"


def organization_name(alias: str, code: str, lang: str) -> str:
    """SQL for an organization's name in the language from the `organizations` row `alias`, else English, else id."""
    return f"coalesce({alias}.{NAME_COLUMNS[lang]}, {alias}.name_en, {code})"


def vocabulary_label(vocabulary: str, code: str, alias: str, lang: str) -> tuple[str, str]:
    """The label of a vocabulary code in the language, else the code: (SQL expression, the join it needs)."""
    return (f"coalesce({alias}.label_{lang}, {code})",
            f"LEFT JOIN vocabulary {alias} ON {alias}.vocabulary = '{vocabulary}' AND {alias}.code = {code}")


def type_label(lang: str) -> tuple[str, str]:
    """The event type label of `events e` in the language: (SQL expression, the join it needs)."""
    return vocabulary_label("event_type", "e.event_type", "vt", lang)



def programme_title(alias: str, lang: str) -> str:
    """SQL for a programme's title in the language, else in another, else its identifier."""
    others = ", ".join(f"{alias}.title_{other}" for other in NAME_COLUMNS if other != lang)
    return f"coalesce({alias}.title_{lang}, {others}, {alias}.iati_identifier)"


def codelist_name(alias: str, lang: str) -> str:
    """SQL for an IATI codelist entry's name (`iati_codelists` row `alias`): French where the codelist has it."""
    return f"coalesce({alias}.name_fr, {alias}.name_en)" if lang == "fr" else f"{alias}.name_en"


def sector_codelist(sectors: str, alias: str) -> str:
    """SQL joining `iati_codelists alias` to the `programme_sectors` row `sectors` of a vocabulary with a codelist."""
    codelist = " ".join(f"WHEN '{vocabulary}' THEN '{name}'" for vocabulary, name in SECTOR_CODELISTS.items())
    return (f"LEFT JOIN iati_codelists {alias} ON {alias}.codelist = CASE {sectors}.vocabulary {codelist} END"
            f" AND {alias}.code = {sectors}.code")


def sector_name(sectors: str, alias: str, lang: str, narrative: str | None = None) -> str:
    """SQL for a sector's name: its codelist's (sector_codelist), else the file's (`narrative`), else its code."""
    return f"coalesce({codelist_name(alias, lang)}, {narrative or f'{sectors}.name'}, {sectors}.code)"
