"""Events: one row per source record, linked to countries and organizations."""

from scripts.normalize.language import detect_sql
from scripts.schema import search_key_sql
from scripts.sources.context import FIRST_YEAR, Context
from scripts.sources.staging import Outcome, SourceFile, Staging

FIELDS = ("event_id", "title", "event_type", "themes", "start_date", "end_date", "city", "country",
          "participants", "organizations", "participants_total", "source_url", "summary", "is_sample")
TRUE_WORDS = ("true", "yes", "y", "1", "x", "oui", "vrai", "si", "sí", "verdadero")


def load(con, files: list[SourceFile], ctx: Context) -> Outcome:
    """Normalize event files into `events`, `event_countries` and `event_organizations`."""
    st = Staging(con, "events", files, (*FIELDS, "origin"))
    _map_values(con, st, ctx)
    _stage(con, st, ctx)
    _check(st, ctx)
    _insert(con, st)
    matches = st.name_matches("country", "ev_country", f"SELECT country AS item FROM {st.raw} UNION ALL "
                                                       f"SELECT item FROM ({st.list_items('participants')})")
    return st.finish("SELECT source_file FROM events", matches)


def _map_values(con, st: Staging, ctx: Context) -> None:
    """Resolve every distinct country, date, code and organization once."""
    countries = set(st.distinct("country")) | set(_items(con, st, "participants"))
    ctx.country_mapping(st, "ev_country", sorted(countries))
    st.date_mapping("ev_start", "start_date")
    st.date_mapping("ev_end", "end_date")
    ctx.code_mapping(st, "ev_type", "event_type", st.distinct("event_type"))
    ctx.code_mapping(st, "ev_theme", "theme", _items(con, st, "themes"))
    orgs = _items(con, st, "organizations")
    st.mapping("ev_org", orgs, lambda v: (ctx.organizations.resolve(v),), {"org_id": "VARCHAR"})
    con.execute(f"CREATE TEMP TABLE ev_lang AS {detect_sql(f'SELECT DISTINCT title AS value FROM {st.raw}')}")


def _items(con, st: Staging, column: str) -> list[str]:
    return [v for (v,) in con.execute(f"SELECT DISTINCT item FROM ({st.list_items(column)})").fetchall()]


def _stage(con, st: Staging, ctx: Context) -> None:
    """One row per raw row with every value resolved (nulls where resolution failed)."""
    truthy = ", ".join(f"'{w}'" for w in TRUE_WORDS)
    con.execute(f"""CREATE TEMP TABLE ev AS
        SELECT r.*, c.iso3, c.region_id, s.day AS start_day, s.precision, s.ambiguous AS start_ambiguous,
               CASE s.precision WHEN 'year' THEN make_date(year(s.day), 12, 31)
                                WHEN 'month' THEN last_day(s.day) ELSE s.day END AS start_last_day,
               coalesce(CASE e.precision WHEN 'year' THEN make_date(year(e.day), 12, 31)
                                         WHEN 'month' THEN last_day(e.day) ELSE e.day END, s.range_end) AS end_day,
               e.day AS end_parsed, e.ambiguous AS end_ambiguous, t.code AS type_code, l.lang,
               TRY_CAST(regexp_replace(r.participants_total, '[\\s.,' || chr(160) || ']', '', 'g') AS INTEGER) AS total,
               coalesce(lower(r.is_sample) IN ({truthy}), false) AS sample
        FROM {st.raw} r
        LEFT JOIN ev_country c ON c.value = r.country
        LEFT JOIN ev_start s ON s.source_file = r.source_file AND s.value = r.start_date
        LEFT JOIN ev_end e ON e.source_file = r.source_file AND e.value = r.end_date
        LEFT JOIN ev_type t ON t.value = r.event_type
        LEFT JOIN ev_lang l ON l.value = r.title""")
    ctx.city_mapping(st, "ev_city", "ev")


def _check(st: Staging, ctx: Context) -> None:
    """Record every problem: errors keep the row out, warnings drop one value."""
    years = f"BETWEEN {FIRST_YEAR} AND {ctx.last_year}"
    flag = st.flag_where
    flag("title", "missing-value", "title IS NULL", "title", source="ev")
    flag("start_date", "missing-value", "start_date IS NULL", "start_date", source="ev")
    for field, day, ambiguous in (("start_date", "start_day", "start_ambiguous"),
                                  ("end_date", "end_parsed", "end_ambiguous")):
        flag(field, "ambiguous-date-order", f"{ambiguous}", field, source="ev")
        flag(field, "bad-date", f"{field} IS NOT NULL AND {day} IS NULL AND NOT {ambiguous}", field, source="ev")
        flag(field, "implausible-date", f"year({day}) NOT {years}", field, source="ev")
    flag("end_date", "end-before-start", "end_day < start_day", "end_date", source="ev")
    flag("country", "unknown-country", "country IS NOT NULL AND iso3 IS NULL AND region_id IS NULL", "country",
         source="ev")
    flag("event_type", "unknown-code", "event_type IS NOT NULL AND type_code IS NULL", "event_type",
         severity="warning", source="ev")
    flag("participants_total", "bad-number", "participants_total IS NOT NULL AND (total IS NULL OR total < 0)",
         "participants_total", severity="warning", source="ev")
    for field, mapping, code, key in (("participants", "ev_country", "unknown-country", "iso3"),
                                      ("themes", "ev_theme", "unknown-code", "code"),
                                      ("organizations", "ev_org", "unknown-organization", "org_id")):
        st.flag(field, code, f"SELECT i.source_file, i.row_number, i.item AS value FROM ({st.list_items(field)}) i "
                             f"JOIN {mapping} m ON m.value = i.item WHERE m.{key} IS NULL", "warning")
    st.flag("city", "unknown-city", "SELECT source_file, row_number, city AS value FROM ev WHERE city IS NOT NULL "
            "AND iso3 IS NOT NULL AND city || '|' || iso3 IN (SELECT value FROM ev_city WHERE lat IS NULL)",
            "warning")
    st.con.execute(f"""CREATE TEMP TABLE ev_ok AS
        SELECT *, coalesce(event_id, 'ev-' || substr(md5(lower(strip_accents(title)) || '|' || start_day || '|'
                                     || coalesce(iso3, region_id, '')), 1, 12)) AS id
        FROM ev WHERE (source_file, row_number) NOT IN ({st.rejected_rows()})""")
    st.flag("event_id", "duplicate-key", """
        SELECT source_file, row_number, id AS value FROM (
            SELECT *, row_number() OVER (PARTITION BY id ORDER BY source_file, row_number) AS nth FROM ev_ok)
        WHERE nth > 1""")


def _insert(con, st: Staging) -> None:
    """Write the accepted rows and their links."""
    con.execute(f"""CREATE TEMP TABLE ev_final AS SELECT * FROM ev_ok
                    WHERE (source_file, row_number) NOT IN ({st.rejected_rows()})""")
    con.execute(f"""CREATE TEMP TABLE ev_themes AS
        SELECT i.source_file, i.row_number, list(DISTINCT m.code ORDER BY m.code) AS themes
        FROM ({st.list_items('themes')}) i JOIN ev_theme m ON m.value = i.item WHERE m.code IS NOT NULL
        GROUP BY ALL""")
    con.execute(f"""INSERT INTO events
        SELECT e.id, e.title, e.lang, e.type_code, coalesce(t.themes, []::VARCHAR[]), e.start_day,
               coalesce(e.end_day, e.start_last_day), e.precision, e.city, e.iso3, e.region_id,
               coalesce(g.lat, c.lat), coalesce(g.lon, c.lon),
               CASE WHEN g.lat IS NOT NULL THEN 'city' WHEN c.lat IS NOT NULL THEN 'country' ELSE 'none' END,
               e.total, e.summary, e.source_url, e.source_file, e.row_number, e.sample,
               coalesce(e.origin, 'table'), {search_key_sql("concat_ws(' ', e.title, e.summary, e.city)")},
               current_localtimestamp()
        FROM ev_final e
        LEFT JOIN ev_themes t ON t.source_file = e.source_file AND t.row_number = e.row_number
        LEFT JOIN ev_city g ON g.value = e.city || '|' || e.iso3
        LEFT JOIN countries c ON c.iso3 = e.iso3""")
    con.execute(f"""INSERT INTO event_countries
        SELECT id, iso3, CASE WHEN bool_or(host) THEN 'host' ELSE 'participant' END FROM (
            SELECT id, iso3, true AS host FROM ev_final WHERE iso3 IS NOT NULL
            UNION ALL
            SELECT e.id, m.iso3, false FROM ev_final e
            JOIN ({st.list_items('participants')}) i USING (source_file, row_number)
            JOIN ev_country m ON m.value = i.item WHERE m.iso3 IS NOT NULL)
        GROUP BY id, iso3""")
    con.execute(f"""INSERT INTO event_organizations
        SELECT DISTINCT e.id, m.org_id, 'partner' FROM ev_final e
        JOIN ({st.list_items('organizations')}) i USING (source_file, row_number)
        JOIN ev_org m ON m.value = i.item WHERE m.org_id IS NOT NULL""")
