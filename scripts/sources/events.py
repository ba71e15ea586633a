"""Events: one row per source record, linked to countries and organizations.

Everything that depends on a value alone is worked out once per distinct value (a country, a date, a title, a
list cell such as "IOM;UNHCR", the text searched) in a small mapping table, and rows join back to it. The rows stay
in DuckDB: copied once from the files' frames into `ev` with every resolved value, then checked and written from it.
"""

from scripts.normalize.language import detect_sql
from scripts.progress import Done
from scripts.schema import search_key_sql
from scripts.sources.context import FIRST_YEAR, Context
from scripts.sources.staging import Outcome, SourceFile, Staging

FIELDS = ("event_id", "title", "event_type", "themes", "start_date", "end_date", "city", "country",
          "participants", "organizations", "participants_total", "source_url", "summary", "is_sample")
TRUE_WORDS = ("true", "yes", "y", "1", "x", "oui", "vrai", "si", "sí", "verdadero")
# list column -> (its items per distinct cell, the mapping of an item, the mapping's result, warning code)
LISTS = {"participants": ("ev_participant_items", "ev_country", "iso3", "unknown-country"),
         "themes": ("ev_theme_items", "ev_theme", "code", "unknown-code"),
         "organizations": ("ev_org_items", "ev_org", "org_id", "unknown-organization")}


def load(con, files: list[SourceFile], ctx: Context, done: Done = lambda rows: None) -> Outcome:
    """Normalize event files into `events`, `event_countries` and `event_organizations`."""
    st = Staging(con, "events", files, (*FIELDS, "origin"), done)
    _map_values(con, st, ctx)
    st.progress(0.2)  # the shares of the work done, as measured on a million rows
    _stage(con, st, ctx)
    st.progress(0.35)
    _check(st, ctx)
    st.progress(0.42)
    _insert(con, st)
    matches = st.name_matches("country", "ev_country", f"""{st.counted("country")} UNION ALL
        SELECT i.item, c.n FROM ev_participant_items i JOIN ({st.counted("participants")}) c ON c.item = i.cell""")
    return st.finish("SELECT source_file FROM events", matches)


def _map_values(con, st: Staging, ctx: Context) -> None:
    """Resolve every distinct country, date, code, organization, title and list cell once."""
    for column, (items, *_) in LISTS.items():
        st.cell_items(items, column)
    countries = set(st.distinct("country")) | set(_items(con, "ev_participant_items"))
    ctx.country_mapping(st, "ev_country", sorted(countries))
    st.date_mapping("ev_start", "start_date")
    st.date_mapping("ev_end", "end_date")
    ctx.code_mapping(st, "ev_type", "event_type", st.distinct("event_type"))
    ctx.code_mapping(st, "ev_theme", "theme", _items(con, "ev_theme_items"))
    orgs = _items(con, "ev_org_items")
    st.mapping("ev_org", orgs, lambda v: (ctx.organizations.resolve(v),), {"org_id": "VARCHAR"})
    con.execute(f"""CREATE TEMP TABLE ev_title AS
        SELECT value, lang, lower(strip_accents(value)) AS folded
        FROM ({detect_sql(f'SELECT DISTINCT title AS value FROM {st.raw}')})""")
    con.execute("""CREATE TEMP TABLE ev_theme_cells AS
        SELECT i.cell, list(DISTINCT m.code ORDER BY m.code) AS themes
        FROM ev_theme_items i JOIN ev_theme m ON m.value = i.item WHERE m.code IS NOT NULL GROUP BY i.cell""")
    con.execute("""CREATE TEMP TABLE ev_participant_cells AS
        SELECT i.cell, list(DISTINCT m.iso3) AS iso3s
        FROM ev_participant_items i JOIN ev_country m ON m.value = i.item WHERE m.iso3 IS NOT NULL GROUP BY i.cell""")
    con.execute("""CREATE TEMP TABLE ev_org_cells AS
        SELECT i.cell, list(DISTINCT m.org_id) AS org_ids
        FROM ev_org_items i JOIN ev_org m ON m.value = i.item WHERE m.org_id IS NOT NULL GROUP BY i.cell""")
    con.execute(f"""CREATE TEMP TABLE ev_search AS
        SELECT title, summary, city, {search_key_sql("concat_ws(' ', title, summary, city)")} AS search_text
        FROM (SELECT DISTINCT title, summary, city FROM {st.raw})""")


def _items(con, table: str) -> list[str]:
    return [v for (v,) in con.execute(f"SELECT DISTINCT item FROM {table}").fetchall()]


def _stage(con, st: Staging, ctx: Context) -> None:
    """Every raw row with every value resolved (nulls where resolution failed) and its event id, in `ev`.

    The raw table is dropped once `ev` holds its rows: no wide copy of the rows is kept or made after this."""
    truthy = ", ".join(f"'{w}'" for w in TRUE_WORDS)
    con.execute(f"""CREATE TEMP TABLE ev AS
        SELECT * EXCLUDE (folded_title), coalesce(event_id, 'ev-' || substr(md5(folded_title || '|' || start_day
                                                  || '|' || coalesce(iso3, region_id, '')), 1, 12)) AS id
        FROM (
        SELECT r.*, c.iso3, c.region_id, s.day AS start_day, s.precision, s.ambiguous AS start_ambiguous,
               CASE s.precision WHEN 'year' THEN make_date(year(s.day), 12, 31)
                                WHEN 'month' THEN last_day(s.day) ELSE s.day END AS start_last_day,
               coalesce(CASE e.precision WHEN 'year' THEN make_date(year(e.day), 12, 31)
                                         WHEN 'month' THEN last_day(e.day) ELSE e.day END, s.range_end) AS end_day,
               e.day AS end_parsed, e.ambiguous AS end_ambiguous, t.code AS type_code, l.lang,
               l.folded AS folded_title,
               TRY_CAST(regexp_replace(r.participants_total, '[\\s.,' || chr(160) || ']', '', 'g') AS INTEGER) AS total,
               coalesce(lower(r.is_sample) IN ({truthy}), false) AS sample
        FROM {st.raw} r
        LEFT JOIN ev_country c ON c.value = r.country
        LEFT JOIN ev_start s ON s.source_file = r.source_file AND s.value = r.start_date
        LEFT JOIN ev_end e ON e.source_file = r.source_file AND e.value = r.end_date
        LEFT JOIN ev_type t ON t.value = r.event_type
        LEFT JOIN ev_title l ON l.value = r.title)""")
    st.replace_raw("ev")
    ctx.city_mapping(st, "ev_city", "ev")


def _check(st: Staging, ctx: Context) -> None:
    """Record every problem: errors keep the row out, warnings drop one value."""
    years = f"BETWEEN {FIRST_YEAR} AND {ctx.last_year}"
    flag = st.flag_where
    flag("title", "missing-value", "title IS NULL", "title")
    flag("start_date", "missing-value", "start_date IS NULL", "start_date")
    for field, day, ambiguous in (("start_date", "start_day", "start_ambiguous"),
                                  ("end_date", "end_parsed", "end_ambiguous")):
        flag(field, "ambiguous-date-order", f"{ambiguous}", field)
        flag(field, "bad-date", f"{field} IS NOT NULL AND {day} IS NULL AND NOT {ambiguous}", field)
        flag(field, "implausible-date", f"year({day}) NOT {years}", field)
    flag("end_date", "end-before-start", "end_day < start_day", "end_date")
    flag("country", "unknown-country", "country IS NOT NULL AND iso3 IS NULL AND region_id IS NULL", "country")
    flag("event_type", "unknown-code", "event_type IS NOT NULL AND type_code IS NULL", "event_type",
         severity="warning")
    flag("participants_total", "bad-number", "participants_total IS NOT NULL AND (total IS NULL OR total < 0)",
         "participants_total", severity="warning")
    for field, (items, mapping, key, code) in LISTS.items():
        st.flag(field, code, f"""
            SELECT r.source_file, r.row_number, u.item AS value FROM ev r
            JOIN (SELECT i.cell, i.pos, i.item FROM {items} i JOIN {mapping} m ON m.value = i.item
                  WHERE m.{key} IS NULL) u ON u.cell = r.{field}
            ORDER BY r.source_file, r.row_number, u.pos""", "warning")
    st.flag("city", "unknown-city", "SELECT source_file, row_number, city AS value FROM ev WHERE city IS NOT NULL "
            "AND iso3 IS NOT NULL AND city || '|' || iso3 IN (SELECT value FROM ev_city WHERE lat IS NULL)",
            "warning")
    st.flag("event_id", "duplicate-key", f"""
        SELECT source_file, row_number, id AS value FROM (
            SELECT source_file, row_number, id,
                   row_number() OVER (PARTITION BY id ORDER BY source_file, row_number) AS nth
            FROM ev WHERE (source_file, row_number) NOT IN ({st.rejected_rows()}))
        WHERE nth > 1""")


def _insert(con, st: Staging) -> None:
    """Write the accepted rows and their links."""
    accepted = f"FROM ev WHERE (source_file, row_number) NOT IN ({st.rejected_rows()})"
    con.execute(f"""INSERT INTO events
        SELECT e.id, e.title, e.lang, e.type_code, coalesce(t.themes, []::VARCHAR[]), e.start_day,
               coalesce(e.end_day, e.start_last_day), e.precision, e.city, e.iso3, e.region_id,
               coalesce(g.lat, c.lat), coalesce(g.lon, c.lon),
               CASE WHEN g.lat IS NOT NULL THEN 'city' WHEN c.lat IS NOT NULL THEN 'country' ELSE 'none' END,
               e.total, e.summary, e.source_url, e.source_file, e.row_number, e.sample,
               coalesce(e.origin, 'table'), k.search_text, current_localtimestamp()
        FROM (SELECT * {accepted}) e
        LEFT JOIN ev_theme_cells t ON t.cell = e.themes
        LEFT JOIN ev_search k ON k.title IS NOT DISTINCT FROM e.title AND k.summary IS NOT DISTINCT FROM e.summary
                             AND k.city IS NOT DISTINCT FROM e.city
        LEFT JOIN ev_city g ON g.value = e.city || '|' || e.iso3
        LEFT JOIN countries c ON c.iso3 = e.iso3""")
    st.progress(0.75)
    con.execute(f"""INSERT INTO event_countries
        SELECT id, iso3, 'host' {accepted} AND iso3 IS NOT NULL
        UNION ALL
        SELECT id, iso3, 'participant' FROM (
            SELECT e.id, e.iso3 AS host, unnest(p.iso3s) AS iso3
            FROM (SELECT id, iso3, participants {accepted}) e JOIN ev_participant_cells p ON p.cell = e.participants)
        WHERE iso3 IS DISTINCT FROM host""")
    st.progress(0.9)
    con.execute(f"""INSERT INTO event_organizations
        SELECT e.id, unnest(o.org_ids), 'partner'
        FROM (SELECT id, organizations {accepted}) e JOIN ev_org_cells o ON o.cell = e.organizations""")
