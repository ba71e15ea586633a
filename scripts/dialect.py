"""What differs between DuckDB and PostgreSQL, in one place: column types, accent folding, list columns, exports.

The queries are written once, in the SQL both databases share. PostgreSQL lacks a few functions of DuckDB's that
they use (strip_accents, list_has_any, list_contains, len, round of a double): SHIMS defines them, with DuckDB's
meaning, in the catalog schema that every reader has on its search path. What cannot be a function (lambdas and
maps over lists, streaming a CSV) is given by the helpers below for each dialect.
"""

from pathlib import Path

from scripts.schema import Table

POSTGRES, DUCKDB = "postgres", "duckdb"
# Text is compared by code point, as DuckDB does, whatever the database's default collation; C.utf8 also lowers
# and folds letters outside ASCII (plain C lowers only A-Z).
COLLATIONS = ("C.utf8", "C.UTF-8", "C")
_TYPES = {"VARCHAR": "varchar", "VARCHAR[]": "varchar[]", "DOUBLE": "double precision", "INTEGER": "integer",
          "BIGINT": "bigint", "BOOLEAN": "boolean", "DATE": "date", "TIMESTAMP": "timestamp"}
COMBINING_MARKS = r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"

SHIMS = f"""
CREATE OR REPLACE FUNCTION {{catalog}}.strip_accents(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT regexp_replace(normalize($1, NFD), '{COMBINING_MARKS}', '', 'g') $$;
CREATE OR REPLACE FUNCTION {{catalog}}.list_has_any(anyarray, anyarray) RETURNS boolean LANGUAGE sql IMMUTABLE
    PARALLEL SAFE AS $$ SELECT $1 && $2 $$;
CREATE OR REPLACE FUNCTION {{catalog}}.list_contains(anyarray, anyelement) RETURNS boolean LANGUAGE sql IMMUTABLE
    PARALLEL SAFE AS $$ SELECT coalesce($2 = ANY($1), false) $$;
CREATE OR REPLACE FUNCTION {{catalog}}.len(anyarray) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT coalesce(cardinality($1), 0) $$;
CREATE OR REPLACE FUNCTION {{catalog}}.round(double precision, integer) RETURNS double precision LANGUAGE sql
    IMMUTABLE PARALLEL SAFE AS $$ SELECT round($1::numeric, $2)::double precision $$;
"""


def postgres_ddl(table: Table, schema: str, collation: str) -> str:
    """CREATE TABLE of a warehouse table in a PostgreSQL schema, text compared by code point."""
    def column(name: str, duckdb_type: str) -> str:
        base, _, constraint = duckdb_type.partition(" ")
        collate = f' COLLATE "{collation}"' if base == "VARCHAR" else ""
        return f"{name} {_TYPES[base]}{collate} {constraint}".rstrip()
    return f"CREATE TABLE {schema}.{table.name} ({', '.join(column(c.name, c.type) for c in table.columns)})"


def copy_out_select(table: Table) -> str:
    """DuckDB SELECT of a table's rows as PostgreSQL's COPY reads them: lists as array literals, no NUL characters."""
    def cell(name: str, duckdb_type: str) -> str:
        if duckdb_type.startswith("VARCHAR[]"):
            quoted = "lambda s: '\"' || replace(replace(s, '\\', '\\\\'), '\"', '\\\"') || '\"'"
            return f"'{{' || array_to_string(list_transform({name}, {quoted}), ',') || '}}'"
        if duckdb_type.startswith("VARCHAR"):
            return f"replace({name}, chr(0), '')"
        return name
    return f"SELECT {', '.join(cell(c.name, c.type) for c in table.columns)} FROM {table.name}"


def copy_in_select(table: Table, source: str) -> str:
    """DuckDB SELECT turning rows PostgreSQL wrote with copy_out_lists() (all text) back into the table's types."""
    def cell(name: str, duckdb_type: str) -> str:
        base = duckdb_type.partition(" ")[0]
        if base == "VARCHAR[]":
            return (f"CASE WHEN {name} IS NULL THEN NULL WHEN {name} = '' THEN []::VARCHAR[]"
                    f" ELSE string_split({name}, chr(31)) END AS {name}")
        return f"{name}::{base} AS {name}"
    return f"SELECT {', '.join(cell(c.name, c.type) for c in table.columns)} FROM {source}"


def copy_out_lists(table: Table, schema: str) -> str:
    """PostgreSQL SELECT of a published table, list columns joined with the unit separator for copy_in_select()."""
    def cell(name: str, duckdb_type: str) -> str:
        if duckdb_type.startswith("VARCHAR[]"):
            return f"array_to_string({name}, chr(31), '')"
        return name
    return f"SELECT {', '.join(cell(c.name, c.type) for c in table.columns)} FROM {schema}.{table.name}"


def theme_labels(dialect: str, lang: str, source: str) -> str:
    """A CTE `theme_labels(themes, labels)`: each distinct theme list of `source` with its labels in the language."""
    if dialect == POSTGRES:
        return ("theme_labels AS (SELECT t.themes, ARRAY(SELECT coalesce(v.label, u.code)"
                " FROM unnest(t.themes) WITH ORDINALITY AS u(code, pos) LEFT JOIN"
                f" (SELECT code, label_{lang} AS label FROM vocabulary WHERE vocabulary = 'theme') v"
                f" ON v.code = u.code ORDER BY u.pos) AS labels FROM (SELECT DISTINCT themes FROM {source}) t)")
    return ("theme_labels AS (SELECT t.themes, list_transform(t.themes, lambda code: coalesce(v.labels[code], code))"
            f" AS labels FROM (SELECT DISTINCT themes FROM {source}) t,"
            f" (SELECT map(list(code), list(label_{lang})) AS labels FROM vocabulary WHERE vocabulary = 'theme') v)")


def of(con: object) -> str:
    """The dialect of a connection or cursor the queries were given (PostgreSQL cursors say so)."""
    return getattr(con, "dialect", DUCKDB)


def write_csv(con: object, sql: str, params: list, target: Path) -> None:
    """Write a query's rows to a CSV file with a header: DuckDB writes the file, PostgreSQL streams it here."""
    if of(con) == POSTGRES:
        con.write_csv(sql, params, target)
    else:
        con.execute(f"COPY ({sql}) TO '{str(target).replace(chr(39), chr(39) * 2)}' (FORMAT csv, HEADER)", params)
