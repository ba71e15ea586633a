"""The warehouse tables: names, columns, types and one-line docs. THE contract."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    doc: str


@dataclass(frozen=True)
class Table:
    name: str
    doc: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()  # unique in every refreshed warehouse

    def ddl(self) -> str:
        """CREATE TABLE statement; keys are kept unique by the loaders (and tested), not indexed."""
        return f"CREATE TABLE {self.name} ({', '.join(f'{c.name} {c.type}' for c in self.columns)})"

    @property
    def column_names(self) -> list[str]:
        """Column names in table order."""
        return [c.name for c in self.columns]


def _t(name: str, doc: str, key: tuple[str, ...], *columns: tuple[str, str, str]) -> Table:
    return Table(name, doc, tuple(Column(*c) for c in columns), key)


TABLES: tuple[Table, ...] = (
    _t("countries", "Every ISO 3166-1 country plus non-ISO codes real data uses (XKX).", ("iso3",),
       ("iso3", "VARCHAR NOT NULL", "ISO 3166-1 alpha-3 (XKX for Kosovo)"),
       ("iso2", "VARCHAR", "ISO 3166-1 alpha-2"),
       ("m49", "VARCHAR", "UN M49 numeric code, zero-padded"),
       ("name_en", "VARCHAR NOT NULL", "short name in English"),
       ("name_fr", "VARCHAR NOT NULL", "short name in French"),
       ("name_es", "VARCHAR NOT NULL", "short name in Spanish"),
       ("un_region", "VARCHAR", "UN M49 region"),
       ("un_subregion", "VARCHAR", "UN M49 sub-region"),
       ("iom_region", "VARCHAR", "office_id of the regional office covering it now (null: unknown)"),
       ("lat", "DOUBLE", "centroid latitude"),
       ("lon", "DOUBLE", "centroid longitude"),
       ("is_iso", "BOOLEAN NOT NULL", "false for user-assigned codes such as XKX")),
    _t("regional_offices", "IOM regional offices, current and ended.", ("office_id",),
       ("office_id", "VARCHAR NOT NULL", "stable id such as RO_BKK"),
       ("name_en", "VARCHAR NOT NULL", "official name in English"),
       ("city", "VARCHAR NOT NULL", "seat of the office"),
       ("iso3", "VARCHAR NOT NULL", "country of the seat"),
       ("valid_from", "INTEGER", "year the office was established"),
       ("valid_to", "INTEGER", "last year of the office (null: current)"),
       ("source", "VARCHAR", "where the fact comes from")),
    _t("country_offices", "Which regional office covers each country, with history.", ("iso3", "office_id"),
       ("iso3", "VARCHAR NOT NULL", "country"),
       ("office_id", "VARCHAR NOT NULL", "regional office"),
       ("valid_from", "INTEGER", "first year of coverage (null: unknown)"),
       ("valid_to", "INTEGER", "last year of coverage (null: current)"),
       ("basis", "VARCHAR", "explicit | definition | derived_from_merger | inferred"),
       ("source", "VARCHAR", "where the fact comes from")),
    _t("member_states", "IOM Member and Observer States.", ("iso3",),
       ("iso3", "VARCHAR NOT NULL", "country"),
       ("status", "VARCHAR NOT NULL", "member | observer"),
       ("admitted_year", "INTEGER", "year of admission (null: unknown)"),
       ("source", "VARCHAR", "where the fact comes from"),
       ("source_file", "VARCHAR NOT NULL", "raw file the row came from")),
    _t("missions", "IOM offices in countries.", ("mission_id",),
       ("mission_id", "VARCHAR NOT NULL", "stable id: iso3, office type and city"),
       ("iso3", "VARCHAR NOT NULL", "host country"),
       ("office_type", "VARCHAR NOT NULL", "country | regional | sub | liaison"),
       ("city", "VARCHAR", "city of the office as written in the source"),
       ("lat", "DOUBLE", "latitude of the city (country centroid if the city is unknown)"),
       ("lon", "DOUBLE", "longitude"),
       ("geo_precision", "VARCHAR NOT NULL", "city | country"),
       ("office_id", "VARCHAR", "regional office covering the host country now"),
       ("opened", "DATE", "date the office opened (null: unknown)"),
       ("source", "VARCHAR", "where the fact comes from"),
       ("source_file", "VARCHAR NOT NULL", "raw file the row came from")),
    _t("stated_figures", "The organization's own counts at their dates, each with its source.", ("figure", "as_of"),
       ("figure", "VARCHAR NOT NULL", "member_states | observer_states | countries_present | offices"),
       ("value", "INTEGER NOT NULL", "the number stated"),
       ("at_least", "BOOLEAN NOT NULL", "stated as 'more than' the value"),
       ("as_of", "VARCHAR NOT NULL", "the date as the source gives it: YYYY, YYYY-MM or YYYY-MM-DD"),
       ("as_of_day", "DATE NOT NULL", "first day of that date, to sort and draw"),
       ("source_url", "VARCHAR NOT NULL", "the page that states it")),
    _t("organizations", "Organizations taking part in events.", ("org_id",),
       ("org_id", "VARCHAR NOT NULL", "stable acronym such as IOM, UNHCR"),
       ("name_en", "VARCHAR", "name in English"),
       ("name_fr", "VARCHAR", "name in French"),
       ("name_es", "VARCHAR", "name in Spanish"),
       ("org_type", "VARCHAR", "un | intergovernmental | regional-consultative-process | ...")),
    _t("organization_aliases", "Names and acronyms in en/fr/es mapped to org_id.", ("alias",),
       ("alias", "VARCHAR NOT NULL", "name or acronym as written"),
       ("org_id", "VARCHAR NOT NULL", "organization")),
    _t("vocabulary", "Controlled vocabularies (event types, themes, office types) with en/fr/es labels.",
       ("vocabulary", "code"),
       ("vocabulary", "VARCHAR NOT NULL", "event_type | theme | office_type | member_status"),
       ("code", "VARCHAR NOT NULL", "stable code"),
       ("label_en", "VARCHAR NOT NULL", "label in English"),
       ("label_fr", "VARCHAR NOT NULL", "label in French"),
       ("label_es", "VARCHAR NOT NULL", "label in Spanish")),
    _t("events", "Events: one row per source record.", ("event_id",),
       ("event_id", "VARCHAR NOT NULL", "stable: the source's id, else a hash of title, start and host"),
       ("title", "VARCHAR NOT NULL", "title as written"),
       ("lang", "VARCHAR", "language of the title: en | fr | es (null: unknown)"),
       ("event_type", "VARCHAR", "vocabulary code (null: unknown)"),
       ("themes", "VARCHAR[] NOT NULL", "theme codes"),
       ("start_date", "DATE NOT NULL", "first day"),
       ("end_date", "DATE NOT NULL", "last day (= start_date for one-day events)"),
       ("date_precision", "VARCHAR NOT NULL", "day | month | year"),
       ("city", "VARCHAR", "host city as written"),
       ("iso3", "VARCHAR", "host country (null for region-only events)"),
       ("region_scope", "VARCHAR", "region id when the host is a region, not a country"),
       ("lat", "DOUBLE", "latitude of the city, else of the host country"),
       ("lon", "DOUBLE", "longitude"),
       ("geo_precision", "VARCHAR", "city | country | none"),
       ("participants_total", "INTEGER", "number of participants (null: unknown)"),
       ("summary", "VARCHAR", "short description"),
       ("source_url", "VARCHAR", "link to the source"),
       ("source_file", "VARCHAR NOT NULL", "raw file the row came from"),
       ("source_row", "INTEGER NOT NULL", "row in that file (header = 1)"),
       ("is_sample", "BOOLEAN NOT NULL", "illustrative data, not real events"),
       ("origin", "VARCHAR NOT NULL", "table (a row of a CSV/Excel file) | press (extracted from a press release)"),
       ("search_text", "VARCHAR", "title, summary and city folded by search_key_sql, for text search"),
       ("ingested_at", "TIMESTAMP NOT NULL", "when the event first appeared in the warehouse")),
    _t("event_countries", "Countries linked to each event, each once.", ("event_id", "iso3"),
       ("event_id", "VARCHAR NOT NULL", "event"),
       ("iso3", "VARCHAR NOT NULL", "country"),
       ("role", "VARCHAR NOT NULL", "host | participant")),
    _t("event_organizations", "Organizations linked to each event, each once.", ("event_id", "org_id"),
       ("event_id", "VARCHAR NOT NULL", "event"),
       ("org_id", "VARCHAR NOT NULL", "organization"),
       ("role", "VARCHAR NOT NULL", "partner (the raw files do not say more)")),
    _t("press_fields", "Fields extracted from press releases, with their confidence, for review.",
       ("event_id", "field"),
       ("event_id", "VARCHAR NOT NULL", "event"),
       ("field", "VARCHAR NOT NULL", "start_date, end_date, city, country, participants, organizations, themes"),
       ("value", "VARCHAR", "value used (after any override)"),
       ("confidence", "DOUBLE NOT NULL", "0..1; 1 for an analyst's override"),
       ("overridden", "BOOLEAN NOT NULL", "true when press/overrides.csv set the value")),
    _t("load_runs", "Every refresh, successful or failed.", ("run_id",),
       ("run_id", "INTEGER NOT NULL", "1, 2, 3... in order"),
       ("started_at", "TIMESTAMP NOT NULL", "start"),
       ("finished_at", "TIMESTAMP NOT NULL", "end"),
       ("status", "VARCHAR NOT NULL", "ok | failed"),
       ("message", "VARCHAR", "why a failed run failed"),
       ("rows_read", "BIGINT NOT NULL", "data rows in all files"),
       ("rows_loaded", "BIGINT NOT NULL", "rows that made it into the tables"),
       ("rows_rejected", "BIGINT NOT NULL", "rows kept out, each with a reason in rejections"),
       ("changes", "VARCHAR", "JSON: per table, rows added, removed and changed since the last run")),
    _t("load_files", "Each file read by a refresh.", ("run_id", "source_file"),
       ("run_id", "INTEGER NOT NULL", "refresh"),
       ("source_file", "VARCHAR NOT NULL", "path relative to the raw folder"),
       ("kind", "VARCHAR NOT NULL", "member_states | missions | events | press"),
       ("sha256", "VARCHAR NOT NULL", "content hash"),
       ("modified_at", "TIMESTAMP NOT NULL", "file modification time"),
       ("encoding", "VARCHAR", "text encoding detected (null for Excel)"),
       ("rows_read", "BIGINT NOT NULL", "data rows"),
       ("rows_loaded", "BIGINT NOT NULL", "rows loaded"),
       ("rows_rejected", "BIGINT NOT NULL", "rows rejected")),
    _t("rejections", "Problems found in raw rows: errors reject the row, warnings drop one value.", (),
       ("run_id", "INTEGER NOT NULL", "refresh"),
       ("source_file", "VARCHAR NOT NULL", "path relative to the raw folder"),
       ("row_number", "BIGINT", "row in the file (header = 1); null for file-level problems"),
       ("field", "VARCHAR", "canonical field name"),
       ("severity", "VARCHAR NOT NULL", "error (row rejected) | warning (value dropped, row kept)"),
       ("code", "VARCHAR NOT NULL", "unknown-country, bad-date, end-before-start, ..."),
       ("value", "VARCHAR", "the offending value"),
       ("message", "VARCHAR NOT NULL", "what is wrong, in words")),
    _t("name_matches", "Names matched other than exactly, for review.", ("run_id", "field", "value"),
       ("run_id", "INTEGER NOT NULL", "refresh"),
       ("field", "VARCHAR NOT NULL", "country | organization | city"),
       ("value", "VARCHAR NOT NULL", "name as written"),
       ("matched", "VARCHAR NOT NULL", "code it was matched to"),
       ("how", "VARCHAR NOT NULL", "alias | fuzzy"),
       ("rows", "BIGINT NOT NULL", "rows using this name")),
)

BY_NAME: dict[str, Table] = {t.name: t for t in TABLES}
HISTORY_TABLES = ("load_runs", "load_files", "rejections", "name_matches")
REVIEW_THRESHOLD = 0.6  # a press field extracted with less confidence waits in the review list


def search_key_sql(expression: str) -> str:
    """The SQL that folds text for search, for events.search_text and for what a visitor types alike:
    lower case, no accents, typographic apostrophes straight ('Côte d’Ivoire' -> "cote d'ivoire")."""
    return f"strip_accents(lower(translate({expression}, '’‘ʼ´`', repeat(chr(39), 5))))"
