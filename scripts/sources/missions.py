"""IOM offices: country, office_type, city, opened, source."""

from scripts.progress import Done
from scripts.sources.context import FIRST_YEAR, Context
from scripts.sources.staging import Outcome, SourceFile, Staging

FIELDS = ("country", "office_type", "city", "opened", "source")
DEFAULT_OFFICE_TYPE = "country"


def load(con, files: list[SourceFile], ctx: Context, done: Done = lambda rows: None) -> Outcome:
    """Normalize mission files into `missions`, each office placed at its city."""
    st = Staging(con, "missions", files, FIELDS, done)
    ctx.country_mapping(st, "mi_country", st.distinct("country"))
    ctx.code_mapping(st, "mi_type", "office_type", st.distinct("office_type"))
    st.date_mapping("mi_opened", "opened")
    con.execute(f"""CREATE TEMP TABLE mi AS
        SELECT r.*, c.iso3, d.day AS opened_day,
               coalesce(t.code, CASE WHEN r.office_type IS NULL THEN '{DEFAULT_OFFICE_TYPE}' END) AS type_code
        FROM {st.raw} r LEFT JOIN mi_country c ON c.value = r.country
        LEFT JOIN mi_type t ON t.value = r.office_type
        LEFT JOIN mi_opened d ON d.source_file = r.source_file AND d.value = r.opened""")
    ctx.city_mapping(st, "mi_city", "mi")
    st.flag_where("country", "missing-value", "country IS NULL", "country", source="mi")
    st.flag_where("country", "unknown-country", "country IS NOT NULL AND iso3 IS NULL", "country", source="mi")
    st.flag_where("office_type", "unknown-code", "type_code IS NULL", "office_type", source="mi")
    st.flag_where("opened", "bad-date", "opened IS NOT NULL AND opened_day IS NULL", "opened",
                  severity="warning", source="mi")
    st.flag_where("opened", "implausible-date",
                  f"year(opened_day) NOT BETWEEN {FIRST_YEAR} AND {ctx.today.year}", "opened",
                  severity="warning", source="mi")
    st.flag_where("city", "unknown-city", "city IS NOT NULL AND iso3 IS NOT NULL AND city_key NOT IN "
                  "(SELECT value FROM mi_city WHERE lat IS NOT NULL)", "city", severity="warning",
                  source="(SELECT *, city || '|' || iso3 AS city_key FROM mi)")
    con.execute(f"""CREATE TEMP TABLE mi_ok AS
        SELECT m.*, lower(m.iso3 || '-' || m.type_code || '-' || coalesce(
                   trim(regexp_replace(lower(strip_accents(m.city)), '[^a-z0-9]+', '-', 'g'), '-'), '')) AS mission_id
        FROM mi m WHERE (source_file, row_number) NOT IN ({st.rejected_rows()})""")
    st.flag("city", "duplicate-key", """
        SELECT source_file, row_number, mission_id AS value FROM (
            SELECT *, row_number() OVER (PARTITION BY mission_id ORDER BY source_file, row_number) AS nth FROM mi_ok)
        WHERE nth > 1""")
    con.execute(f"""INSERT INTO missions
        SELECT m.mission_id, m.iso3, m.type_code, m.city,
               coalesce(g.lat, c.lat), coalesce(g.lon, c.lon),
               CASE WHEN g.lat IS NOT NULL THEN 'city' ELSE 'country' END,
               c.iom_region,
               CASE WHEN year(m.opened_day) BETWEEN {FIRST_YEAR} AND {ctx.today.year} THEN m.opened_day END,
               m.source, m.source_file
        FROM mi_ok m JOIN countries c ON c.iso3 = m.iso3
        LEFT JOIN mi_city g ON g.value = m.city || '|' || m.iso3
        WHERE (m.source_file, m.row_number) NOT IN ({st.rejected_rows()})""")
    matches = st.name_matches("country", "mi_country", st.counted("country"))
    return st.finish("SELECT source_file FROM missions", matches)
