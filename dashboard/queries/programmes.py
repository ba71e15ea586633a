"""Programmes page queries: totals, budget per country and currency, programmes per region, timeline, funders,
sectors; and the choices of the page's sector and funder filters."""

from typing import Any

import duckdb
import pandas as pd

from dashboard.queries.conditions import (
    NO_COUNTRY,
    NO_REGION,
    budget_period,
    funder_key,
    in_scope,
    programme_conditions,
    region_column,
    sector_key,
)
from dashboard.queries.localized import (
    SECTOR_CODELISTS,
    codelist_name,
    country_name,
    programme_title,
    sector_codelist,
    sector_name,
)
from dashboard.queries.store import versioned

NO_SECTOR = "-no-sector"  # programmes without a sector in the vocabulary shown


def _chosen(filters: Any) -> tuple[str, list]:
    """SQL selecting the identifiers of the programmes matching the filters, and its parameters."""
    where, params = programme_conditions(filters)
    return f"SELECT p.iati_identifier FROM programmes p WHERE {where}", params


@versioned
def programme_totals(con: duckdb.DuckDBPyConnection, filters: Any) -> dict[str, int]:
    """Programmes loaded in all; matching the filters, samples and dated ones among them; countries and funders."""
    chosen, params = _chosen(filters)
    scope, scope_params = in_scope(filters, "pc.iso3")
    loaded, matching, samples, dated, countries, funders = con.execute(
        f"WITH chosen AS (SELECT p.iati_identifier, p.is_sample, p.start_date FROM programmes p"
        f" WHERE p.iati_identifier IN ({chosen}))"
        " SELECT (SELECT count(*) FROM programmes), (SELECT count(*) FROM chosen),"
        " (SELECT count(*) FROM chosen WHERE is_sample), (SELECT count(*) FROM chosen WHERE start_date IS NOT NULL),"
        " (SELECT count(DISTINCT pc.iso3) FROM programme_countries pc"
        f"  WHERE pc.iati_identifier IN (SELECT iati_identifier FROM chosen) AND {scope}),"
        f" (SELECT count(DISTINCT {funder_key('o')}) FROM programme_organizations o"
        "  WHERE o.role = 'funding' AND o.iati_identifier IN (SELECT iati_identifier FROM chosen))",
        [*params, *scope_params]).fetchone()
    return {"loaded": loaded, "programmes": matching, "sample_programmes": samples, "dated": dated,
            "countries": countries, "funders": funders}


def _budget_lines(filters: Any) -> tuple[str, list]:
    """SQL condition on `programme_country_budgets b`: matching programmes, countries in focus, the period."""
    chosen, params = _chosen(filters)
    scope, scope_params = in_scope(filters, "b.iso3")
    period, period_params = budget_period(filters, "b")
    return f"b.iati_identifier IN ({chosen}) AND {scope} AND {period}", [*params, *scope_params, *period_params]


@versioned
def budget_currencies(con: duckdb.DuckDBPyConnection, filters: Any) -> list[str]:
    """The currencies of the budgets in focus, the one with most budget lines first."""
    where, params = _budget_lines(filters)
    return [currency for (currency,) in con.execute(
        f"SELECT b.currency FROM programme_country_budgets b WHERE {where} GROUP BY 1 ORDER BY count(*) DESC, 1",
        params).fetchall()]


@versioned
def budget_per_country(con: duckdb.DuckDBPyConnection, filters: Any, currency: str = "USD") -> pd.DataFrame:
    """Budget in one currency per recipient country in focus (each budget split by the country's share).

    Columns: iso3, name, budget, programmes, share_assumed (some share was split evenly for want of percentages).
    """
    where, params = _budget_lines(filters)
    return con.execute(
        f"SELECT b.iso3, {country_name('c', 'b.iso3', filters.lang)} AS name, sum(b.value) AS budget,"
        " count(DISTINCT b.iati_identifier) AS programmes, bool_or(b.share_assumed) AS share_assumed"
        f" FROM programme_country_budgets b LEFT JOIN countries c ON c.iso3 = b.iso3 WHERE b.currency = ? AND {where}"
        " GROUP BY 1, 2 ORDER BY budget DESC, b.iso3", [currency, *params]).df()


@versioned
def programmes_per_region(con: duckdb.DuckDBPyConnection, filters: Any) -> pd.DataFrame:
    """Programmes per region of their recipient countries in focus (once in each region): region, programmes.

    Programmes with recipient regions only are counted under NO_COUNTRY.
    """
    chosen, params = _chosen(filters)
    scope, scope_params = in_scope(filters, "pc.iso3")
    return con.execute(
        f"WITH chosen AS ({chosen}), placed AS (SELECT DISTINCT pc.iati_identifier,"
        f" coalesce(c.{region_column(filters.scheme)}, '{NO_REGION}') AS region FROM programme_countries pc"
        f" LEFT JOIN countries c ON c.iso3 = pc.iso3 WHERE pc.iati_identifier IN (SELECT iati_identifier FROM chosen)"
        f" AND {scope})"
        " SELECT region, count(*) AS programmes FROM placed GROUP BY 1"
        f" UNION ALL SELECT '{NO_COUNTRY}', count(*) FROM chosen"
        " WHERE iati_identifier NOT IN (SELECT iati_identifier FROM programme_countries) HAVING count(*) > 0"
        " ORDER BY programmes DESC, region", [*params, *scope_params]).df()


@versioned
def programme_timeline(con: duckdb.DuckDBPyConnection, filters: Any, vocabulary: str | None = "1",
                       limit: int = 150) -> pd.DataFrame:
    """The `limit` most recently started programmes, each with its main region and its main sector of `vocabulary`.

    Columns: iati_identifier, title, start_date, end_date, status, region, sector, countries. The main region is
    that of the recipient country in focus with the largest share; the main sector the one with the largest share.
    """
    where, params = programme_conditions(filters)
    scope, scope_params = in_scope(filters, "pc.iso3")
    return con.execute(
        f"WITH chosen AS (SELECT p.iati_identifier, {programme_title('p', filters.lang)} AS title, p.start_date,"
        f" p.end_date, p.status FROM programmes p WHERE {where} AND p.start_date IS NOT NULL"
        " ORDER BY p.start_date DESC, p.iati_identifier LIMIT ?),"
        " recipients AS (SELECT pc.iati_identifier, pc.iso3, pc.percentage,"
        f" {country_name('c', 'pc.iso3', filters.lang)} AS name, c.{region_column(filters.scheme)} AS region"
        " FROM programme_countries pc LEFT JOIN countries c ON c.iso3 = pc.iso3"
        f" WHERE pc.iati_identifier IN (SELECT iati_identifier FROM chosen) AND {scope}),"
        " main_region AS (SELECT DISTINCT ON (iati_identifier) iati_identifier, region FROM recipients"
        " ORDER BY iati_identifier, percentage DESC, iso3),"
        f" main_sector AS (SELECT DISTINCT ON (s.iati_identifier) s.iati_identifier, {sector_key('s')} AS sector"
        " FROM programme_sectors s WHERE s.vocabulary = ? AND s.iati_identifier IN (SELECT iati_identifier FROM chosen)"
        " ORDER BY s.iati_identifier, s.percentage DESC, s.code),"
        " places AS (SELECT iati_identifier, string_agg(name, ', ' ORDER BY strip_accents(lower(name)), name)"
        " AS countries FROM recipients GROUP BY 1)"
        " SELECT p.iati_identifier, p.title, p.start_date, p.end_date, p.status,"
        f" CASE WHEN r.iati_identifier IS NULL THEN '{NO_COUNTRY}' ELSE coalesce(r.region, '{NO_REGION}') END"
        f" AS region, coalesce(s.sector, '{NO_SECTOR}') AS sector, pl.countries FROM chosen p"
        " LEFT JOIN main_region r ON r.iati_identifier = p.iati_identifier"
        " LEFT JOIN main_sector s ON s.iati_identifier = p.iati_identifier"
        " LEFT JOIN places pl ON pl.iati_identifier = p.iati_identifier"
        " ORDER BY p.start_date DESC, p.iati_identifier", [*params, limit, *scope_params, vocabulary]).df()


@versioned
def top_funders(con: duckdb.DuckDBPyConnection, filters: Any, limit: int = 10) -> tuple[pd.DataFrame, int]:
    """The funders (participating organizations in the funding role) of most matching programmes, and their number.

    Columns: funder (identifier, else name), name, programmes.
    """
    chosen, params = _chosen(filters)
    key = funder_key("o")
    ranked = con.execute(
        f"SELECT {key} AS funder, coalesce(min(o.name), {key}) AS name,"
        " count(DISTINCT o.iati_identifier) AS programmes, count(*) OVER () AS funders FROM programme_organizations o"
        f" WHERE o.role = 'funding' AND {key} IS NOT NULL AND o.iati_identifier IN ({chosen})"
        " GROUP BY 1 ORDER BY programmes DESC, name LIMIT ?", [*params, limit]).df()
    return ranked.drop(columns="funders"), int(ranked["funders"].iloc[0]) if len(ranked) else 0


@versioned
def sector_vocabularies(con: duckdb.DuckDBPyConnection, filters: Any) -> pd.DataFrame:
    """The sector vocabularies of the matching programmes, most used first: vocabulary, label, programmes."""
    chosen, params = _chosen(filters)
    return con.execute(
        f"SELECT s.vocabulary, coalesce({codelist_name('v', filters.lang)}, s.vocabulary) AS label,"
        " count(DISTINCT s.iati_identifier) AS programmes FROM programme_sectors s"
        " LEFT JOIN iati_codelists v ON v.codelist = 'SectorVocabulary' AND v.code = s.vocabulary"
        f" WHERE s.iati_identifier IN ({chosen}) GROUP BY 1, 2 ORDER BY programmes DESC, s.vocabulary",
        params).df()


def _sector_label(lang: str) -> str:
    """SQL for the name of a sector of `programme_sectors s` grouped with its codelist entry `k`."""
    return sector_name("s", "k", lang, "min(s.name)")


_SECTOR_NAMES = sector_codelist("s", "k")


@versioned
def programme_sectors(con: duckdb.DuckDBPyConnection, filters: Any, vocabulary: str = "1",
                      limit: int = 10) -> tuple[pd.DataFrame, int]:
    """The sectors of `vocabulary` with most matching programmes, and how many there are: sector, code, name,
    programmes."""
    chosen, params = _chosen(filters)
    ranked = con.execute(
        f"SELECT {sector_key('s')} AS sector, s.code, {_sector_label(filters.lang)} AS name,"
        " count(DISTINCT s.iati_identifier) AS programmes, count(*) OVER () AS sectors"
        f" FROM programme_sectors s {_SECTOR_NAMES} WHERE s.vocabulary = ? AND s.iati_identifier IN ({chosen})"
        " GROUP BY s.vocabulary, s.code, k.name_en, k.name_fr ORDER BY programmes DESC, s.code LIMIT ?",
        [vocabulary, *params, limit]).df()
    return ranked.drop(columns="sectors"), int(ranked["sectors"].iloc[0]) if len(ranked) else 0


@versioned
def sector_options(con: duckdb.DuckDBPyConnection, lang: str = "en") -> dict[str, str]:
    """Every sector of the loaded programmes, '<vocabulary>:<code>' -> name (the page adds the vocabulary)."""
    return dict(con.execute(
        f"SELECT {sector_key('s')}, {_sector_label(lang)} FROM programme_sectors s {_SECTOR_NAMES}"
        " GROUP BY s.vocabulary, s.code, k.name_en, k.name_fr ORDER BY s.vocabulary, 2, s.code").fetchall())


@versioned
def funder_options(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Every funder of the loaded programmes, identifier (else name) -> name."""
    key = funder_key("o")
    return dict(con.execute(
        f"SELECT {key}, coalesce(min(o.name), {key}) FROM programme_organizations o"
        f" WHERE o.role = 'funding' AND {key} IS NOT NULL GROUP BY 1 ORDER BY 2, 1").fetchall())


@versioned
def country_programmes(con: duckdb.DuckDBPyConnection, filters: Any, limit: int = 50) -> tuple[pd.DataFrame, int]:
    """The filters' country's `limit` most recently started programmes, with their DAC sectors and the country's
    share of their budget per currency, and how many programmes it has.

    One row per programme and currency (currency and budget null without a budget line in the period):
    iati_identifier, title, status, start_date, end_date, is_sample, sectors (names, largest share first; null
    without a DAC sector), currency, budget.
    """
    where, params = programme_conditions(filters)
    period, period_params = budget_period(filters, "b")
    dac = ", ".join(f"'{vocabulary}'" for vocabulary in SECTOR_CODELISTS)
    rows = con.execute(
        f"WITH matching AS (SELECT p.*, count(*) OVER () AS programmes FROM programmes p WHERE {where}),"
        f" chosen AS (SELECT iati_identifier, {programme_title('m', filters.lang)} AS title, status, start_date,"
        " end_date, is_sample, programmes FROM matching m"
        " ORDER BY start_date DESC NULLS LAST, iati_identifier LIMIT ?),"
        " budgets AS (SELECT b.iati_identifier, b.currency, sum(b.value) AS budget FROM programme_country_budgets b"
        f" WHERE b.iso3 = ? AND {period} AND b.iati_identifier IN (SELECT iati_identifier FROM chosen) GROUP BY 1, 2),"
        f" sectors AS (SELECT s.iati_identifier, string_agg({sector_name('s', 'k', filters.lang)}, '; '"
        f" ORDER BY s.vocabulary, s.percentage DESC, s.code) AS sectors FROM programme_sectors s {_SECTOR_NAMES}"
        f" WHERE s.vocabulary IN ({dac}) AND s.iati_identifier IN (SELECT iati_identifier FROM chosen) GROUP BY 1)"
        " SELECT c.iati_identifier, c.title, c.status, c.start_date, c.end_date, c.is_sample, se.sectors, b.currency,"
        " b.budget, c.programmes FROM chosen c LEFT JOIN budgets b ON b.iati_identifier = c.iati_identifier"
        " LEFT JOIN sectors se ON se.iati_identifier = c.iati_identifier"
        " ORDER BY c.start_date DESC NULLS LAST, c.iati_identifier, b.currency",
        [*params, limit, filters.country, *period_params]).df()
    return rows.drop(columns="programmes"), int(rows["programmes"].iloc[0]) if len(rows) else 0
