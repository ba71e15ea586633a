"""Reference tables (countries, regional offices, organizations, IATI codelists) from data/reference."""

import csv
from pathlib import Path

import duckdb

REFERENCE_DIR = Path(__file__).resolve().parents[1] / "data" / "reference"


def load(con: duckdb.DuckDBPyConnection, reference_dir: Path = REFERENCE_DIR) -> None:
    """Fill countries, offices, vocabulary, organizations, organization_aliases, stated_figures and iati_codelists."""
    def csv(name: str) -> str:
        return f"read_csv('{reference_dir / name}', header = true, all_varchar = true)"

    # '2011-2023' -> 2011..2023; '2024-' -> 2024..open; 'ended 2024' (merged away that year) -> ..2023
    con.execute(r"""CREATE OR REPLACE TEMP MACRO start_year(as_of) AS
                    TRY_CAST(regexp_extract(as_of, '^\s*(\d{4})', 1) AS INTEGER)""")
    con.execute(r"""CREATE OR REPLACE TEMP MACRO end_year(as_of) AS coalesce(
                    TRY_CAST(regexp_extract(as_of, '\d{4}\s*-\s*(\d{4})', 1) AS INTEGER),
                    TRY_CAST(regexp_extract(as_of, 'ended (\d{4})', 1) AS INTEGER) - 1)""")
    con.execute(f"""INSERT INTO regional_offices
        SELECT office_id, name_en, city, iso3_of_city, TRY_CAST(established AS INTEGER), end_year(as_of), source
        FROM {csv('iom_regional_offices.csv')}""")
    con.execute(f"""INSERT INTO country_offices
        SELECT iso3, office_id, start_year(as_of), end_year(as_of), basis, source
        FROM {csv('country_iom_region.csv')}""")
    con.execute(f"""INSERT INTO countries
        SELECT c.iso3, c.iso2, c.m49, c.name_en, c.name_fr, c.name_es, c.un_region, c.un_subregion,
               o.office_id, TRY_CAST(c.lat AS DOUBLE), TRY_CAST(c.lon AS DOUBLE), lower(c.is_iso) = 'true'
        FROM {csv('countries.csv')} c
        LEFT JOIN (SELECT * FROM country_offices WHERE valid_to IS NULL) o USING (iso3)""")
    con.execute(f"""INSERT INTO vocabulary
        SELECT vocabulary, code, label_en, label_fr, label_es FROM {csv('vocabulary.csv')}""")
    con.execute(f"""INSERT INTO organizations
        SELECT org_id, name_en, name_fr, name_es, org_type FROM {csv('organizations.csv')}""")
    con.execute(f"""INSERT INTO organization_aliases
        SELECT DISTINCT ON (alias) alias, org_id FROM {csv('organization_aliases.csv')} ORDER BY alias""")

    con.execute(f"""INSERT INTO stated_figures
        SELECT figure, CAST(ltrim(value, '>') AS INTEGER), starts_with(value, '>'), as_of,
               CAST(as_of || CASE length(as_of) WHEN 4 THEN '-01-01' WHEN 7 THEN '-01' ELSE '' END AS DATE), source_url
        FROM {csv('iom_stated_figures.csv')}""")
    codelists = (f"read_csv('{reference_dir / 'iati' / '[A-Z]*.csv'}', header = true, all_varchar = true, "
                 "filename = true)")
    con.execute(f"""INSERT INTO iati_codelists
        SELECT v.codelist, c.code, c.name_en, nullif(c.name_fr, ''), v.version
        FROM {codelists} c JOIN {csv('iati/versions.csv')} v
          ON regexp_extract(c.filename, '([^/\\\\]+)\\.csv$', 1) = v.codelist""")


def iati_codes(codelist: str, reference_dir: Path = REFERENCE_DIR) -> frozenset[str]:
    """The codes of one shipped IATI codelist (iati/<codelist>.csv), withdrawn ones included."""
    with open(reference_dir / "iati" / f"{codelist}.csv", encoding="utf-8", newline="") as handle:
        return frozenset(row["code"] for row in csv.DictReader(handle))
