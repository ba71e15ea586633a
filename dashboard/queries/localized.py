"""SQL that names codes in the visitor's language: country and organization names, event type and theme labels."""

NAME_COLUMNS = {"en": "name_en", "fr": "name_fr", "es": "name_es"}


def type_label(lang: str) -> tuple[str, str]:
    """The event type label of `events e` in the language: (SQL expression, the join it needs)."""
    return (f"coalesce(vt.label_{lang}, e.event_type)",
            "LEFT JOIN vocabulary vt ON vt.vocabulary = 'event_type' AND vt.code = e.event_type")


def theme_labels(lang: str, source: str) -> str:
    """A CTE `theme_labels(themes, labels)`: each distinct theme list of `source` with its labels in the language."""
    return ("theme_labels AS (SELECT t.themes, list_transform(t.themes, lambda code: coalesce(v.labels[code], code))"
            f" AS labels FROM (SELECT DISTINCT themes FROM {source}) t,"
            f" (SELECT map(list(code), list(label_{lang})) AS labels FROM vocabulary WHERE vocabulary = 'theme') v)")
