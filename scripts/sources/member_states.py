"""Member and Observer States: country, status, admitted_year, source."""

from scripts.progress import Done
from scripts.sources.context import FIRST_YEAR, Context
from scripts.sources.staging import Outcome, SourceFile, Staging

FIELDS = ("country", "status", "admitted_year", "source")


def load(con, files: list[SourceFile], ctx: Context, done: Done = lambda rows: None) -> Outcome:
    """Normalize member-state files into `member_states`; problems stay in the staging table."""
    st = Staging(con, "member_states", files, FIELDS, done)
    ctx.country_mapping(st, "ms_country", st.distinct("country"))
    ctx.code_mapping(st, "ms_status", "member_status", st.distinct("status"))
    con.execute(f"""CREATE TEMP TABLE ms AS
        SELECT r.*, c.iso3, s.code AS status_code,
               TRY_CAST(r.admitted_year AS INTEGER) AS year
        FROM {st.raw} r LEFT JOIN ms_country c ON c.value = r.country
        LEFT JOIN ms_status s ON s.value = r.status""")
    st.flag_where("country", "missing-value", "country IS NULL", "country", source="ms")
    st.flag_where("country", "unknown-country", "country IS NOT NULL AND iso3 IS NULL", "country", source="ms")
    st.flag_where("status", "missing-value", "status IS NULL", "status", source="ms")
    st.flag_where("status", "unknown-code", "status IS NOT NULL AND status_code IS NULL", "status", source="ms")
    st.flag_where("admitted_year", "bad-number",
                  f"admitted_year IS NOT NULL AND (year IS NULL OR year NOT BETWEEN {FIRST_YEAR} AND {ctx.today.year})",
                  "admitted_year", severity="warning", source="ms")
    st.flag("country", "duplicate-key", f"""
        SELECT source_file, row_number, country AS value FROM (
            SELECT *, row_number() OVER (PARTITION BY iso3 ORDER BY source_file, row_number) AS nth
            FROM ms WHERE (source_file, row_number) NOT IN ({st.rejected_rows()}))
        WHERE nth > 1""")
    con.execute(f"""INSERT INTO member_states
        SELECT iso3, status_code,
               CASE WHEN year BETWEEN {FIRST_YEAR} AND {ctx.today.year} THEN year END,
               source, source_file
        FROM ms WHERE (source_file, row_number) NOT IN ({st.rejected_rows()})""")
    matches = st.name_matches("country", "ms_country", st.counted("country"))
    return st.finish("SELECT source_file FROM member_states", matches)
