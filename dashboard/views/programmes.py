"""Programmes page: the organization's IATI activities on a budget map, per region, on a timeline, by funder and by
sector, with sector and funder filters of its own and downloads of exactly what is filtered."""

from datetime import date
from functools import partial
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard import charts, downloads, filters, layout, queries
from dashboard.filters import Filters
from dashboard.i18n import format_compact_money, format_money, format_number, label, t, tn
from scripts.normalize.text import fold

TOP_SHOWN = 10
TIMELINE_SHOWN = 150
GROUPINGS = ("region", "sector")
STATUSES = ("1", "2", "3", "4", "5", "6")  # IATI ActivityStatus codes, named in the locale files


def render() -> None:
    """Draw the Programmes page for the filters in force."""
    f = filters.current()
    lang = f.lang
    path = layout.start("programmes.title", lang)
    if path is None:
        return
    st.caption(t("programmes.subtitle", lang))
    totals = queries.programme_totals(path, f)
    if not totals["loaded"]:
        st.info(t("programmes.none_loaded", lang), icon=":material/folder_open:")
        return
    layout.sample_banner("programmes.sample_banner", totals, lang, shown="programmes")
    _page_filters(path, f)
    layout.focus_bar(path, f, "programmes")
    if not totals["programmes"]:
        st.info(t("programmes.none_match", lang), icon=":material/filter_alt:")
        return
    currency = _currency(path, f)
    _key_figures(path, f, totals, currency)
    if currency:
        _map(path, f, currency)
    regions, funders = st.columns(2, gap="large")
    with regions:
        _regions(path, f)
    with funders:
        _funders(path, f)
    vocabulary = _sectors(path, f)
    _timeline(path, f, vocabulary, totals["dated"])
    st.subheader(t("programmes.download.title", f.lang))
    total = totals["programmes"]
    labels = tn("programmes.download.csv", total, f.lang), tn("programmes.download.xlsx", total, f.lang)
    layout.download_buttons(f.lang, total, "programmes", labels, partial(csv_download, path, f),
                            partial(xlsx_download, path, f))


def _page_filters(path: Path, f: Filters) -> None:
    """The sector and funder filters, kept with the shared filters (and the link); a note on event-only filters."""
    sectors = _sector_labels(path, f.lang)
    funders = queries.funder_options(path)
    sector_column, funder_column = st.columns(2)
    with sector_column:
        filters.page_multiselect("sectors", t("programmes.filters.sectors", f.lang), sectors, f.lang,
                                 key="programmes_sectors")
    with funder_column:
        filters.page_multiselect("funders", t("programmes.filters.funders", f.lang), funders, f.lang,
                                 key="programmes_funders")
    if f.types or f.themes or f.orgs or f.text:
        st.caption(t("programmes.filters.events_only", f.lang))


def _sector_labels(path: Path, lang: str) -> dict[str, str]:
    """Every sector as the filter lists it: 'name (vocabulary)', sorted by name."""
    labels = {key: f"{name} ({label('programmes.sectors.short', key.partition(':')[0], lang)})"
              for key, name in queries.sector_options(path, lang).items()}
    return dict(sorted(labels.items(), key=lambda item: fold(item[1])))



def _currency(path: Path, f: Filters) -> str | None:
    """The currency the budgets are shown in: a choice when the budgets in focus have several (never converted)."""
    currencies = queries.budget_currencies(path, f)
    if len(currencies) < 2:
        return currencies[0] if currencies else None
    if st.session_state.get("programmes_currency") not in currencies:
        st.session_state["programmes_currency"] = currencies[0]
    return st.segmented_control(t("programmes.currency.label", f.lang), currencies, key="programmes_currency",
                                required=True, help=t("programmes.currency.help", f.lang))


def _key_figures(path: Path, f: Filters, totals: dict[str, int], currency: str | None) -> None:
    lang = f.lang
    budget = queries.budget_per_country(path, f, currency)["budget"].sum() if currency else 0
    tiles = (("programmes", format_number(totals["programmes"], lang)),
             ("countries", format_number(totals["countries"], lang)),
             ("funders", format_number(totals["funders"], lang)),
             ("budget", format_compact_money(budget, currency, lang) if currency
              else t("programmes.kpi.no_budget", lang)))
    for column, (name, value) in zip(st.columns(len(tiles)), tiles):
        column.metric(t(f"programmes.kpi.{name}", lang), value, border=True,
                      help=t(f"programmes.kpi.{name}_help", lang,
                             amount=format_money(budget, currency, lang) if currency else "—"))
    st.caption(t("programmes.kpi.period" if f.start or f.end else "programmes.kpi.all_time", lang)
               + " " + t("programmes.money", lang))


def _map(path: Path, f: Filters, currency: str) -> None:
    lang = f.lang
    st.subheader(t("programmes.map.title", lang, currency=currency))
    countries = queries.budget_per_country(path, f, currency)
    figure = charts.budget_map(countries, currency, lang, f.country, zoom=bool(f.region or f.country))
    event = st.plotly_chart(figure, key="programmes_map", on_select="rerun", selection_mode="points",
                            config=charts.PLOTLY_CONFIG)
    caption = t("programmes.map.caption", lang, currency=currency)
    if countries["share_assumed"].any():
        caption += " " + t("programmes.map.shares_assumed", lang)
    st.caption(caption)
    iso3 = filters.clicked(event)
    if iso3 and iso3 != f.country:
        filters.request("programmes_map", country=iso3)


def _labelled(frame: pd.DataFrame, column: str, labels: dict[str, str]) -> pd.DataFrame:
    return frame.assign(label=frame[column].map(lambda code: labels.get(code, code)))


def _region_labels(path: Path, f: Filters) -> dict[str, str]:
    """Every region of the scheme, and the two series of programmes without one, by id."""
    unplaced = {queries.NO_COUNTRY: t("programmes.no_country", f.lang),
                queries.NO_REGION: t("programmes.no_region", f.lang)}
    return {**filters.region_options(path, f.scheme, f.lang), **unplaced}


def _regions(path: Path, f: Filters) -> None:
    lang = f.lang
    st.markdown("**" + t("programmes.regions.title", lang) + "**")
    per_region = _labelled(queries.programmes_per_region(path, f), "region", _region_labels(path, f))
    event = st.plotly_chart(charts.ranked_bars(per_region, "label", "label", lang, "programmes", "region"),
                            key="programmes_regions", on_select="rerun", selection_mode="points",
                            config=charts.PLOTLY_CONFIG)
    st.caption(t(f"programmes.regions.caption_{f.scheme}", lang))
    region = filters.clicked(event)
    if region and region not in (queries.NO_COUNTRY, queries.NO_REGION) and region != f.region:
        filters.request("programmes_regions", region=region, country=None)


def _funders(path: Path, f: Filters) -> None:
    lang = f.lang
    st.markdown("**" + t("programmes.funders.title", lang) + "**")
    ranked, total = queries.top_funders(path, f, TOP_SHOWN)
    if ranked.empty:
        st.caption(t("programmes.funders.none", lang))
        return
    _ranking(ranked, f, "funder", "funders")
    st.caption(t("programmes.funders.caption", lang, shown=format_number(len(ranked), lang),
                 total=format_number(total, lang)) if len(ranked) < total
               else tn("programmes.funders.caption_all", total, lang))


def _sectors(path: Path, f: Filters) -> str | None:
    """The sectors chart of one vocabulary (a choice when there are several); returns the vocabulary shown."""
    lang = f.lang
    st.subheader(t("programmes.sectors.title", lang))
    vocabularies = queries.sector_vocabularies(path, f)
    if vocabularies.empty:
        st.caption(t("programmes.sectors.none", lang))
        return None
    names = {code: label("programmes.sectors.vocabularies", code, lang, name)
             for code, name in zip(vocabularies["vocabulary"], vocabularies["label"])}
    if st.session_state.get("programmes_vocabulary") not in names:
        st.session_state["programmes_vocabulary"] = vocabularies["vocabulary"].iloc[0]
    vocabulary = st.radio(t("programmes.sectors.vocabulary", lang), list(names), key="programmes_vocabulary",
                          horizontal=True, format_func=names.get)
    ranked, total = queries.programme_sectors(path, f, vocabulary, TOP_SHOWN)
    _ranking(ranked, f, "sector", "sectors")
    st.caption(t("programmes.sectors.caption", lang, shown=format_number(len(ranked), lang),
                 total=format_number(total, lang)) if len(ranked) < total
               else tn("programmes.sectors.caption_all", total, lang))
    return vocabulary


def _ranking(ranked: pd.DataFrame, f: Filters, kind: str, field: str) -> None:
    """Bars of the ranked names; a click on one adds it to the page's `field` filter (funders, sectors)."""
    key = f"programmes_{kind}_chart"
    event = st.plotly_chart(charts.ranked_bars(ranked, "name", "name", f.lang, "programmes", kind), key=key,
                            on_select="rerun", selection_mode="points", config=charts.PLOTLY_CONFIG)
    chosen = getattr(f, field)
    if (picked := filters.clicked(event)) and picked not in chosen:
        filters.request(key, **{field: [*chosen, picked]})


def _timeline(path: Path, f: Filters, vocabulary: str | None, dated: int) -> None:
    lang = f.lang
    st.subheader(t("programmes.timeline.title", lang))
    grouping = st.segmented_control(t("programmes.timeline.grouping", lang), GROUPINGS, key="programmes_grouping",
                                    format_func=lambda name: t(f"programmes.timeline.by_{name}", lang),
                                    default="region", required=True)
    shown = queries.programme_timeline(path, f, vocabulary, TIMELINE_SHOWN)
    if grouping == "sector":
        labels = {**queries.sector_options(path, lang), queries.NO_SECTOR: t("programmes.no_sector", lang)}
        unplaced = (queries.NO_SECTOR,)
    else:
        labels, unplaced = _region_labels(path, f), (queries.NO_COUNTRY, queries.NO_REGION)
    present = {lane: labels.get(lane, lane) for lane in set(shown[grouping])}
    lanes = dict(sorted(present.items(), key=lambda item: (item[0] in unplaced, fold(item[1]))))
    colors = charts.region_colors([lane for lane in labels if lane not in unplaced], unplaced)
    statuses = {code: t(f"programmes.status.{code}", lang) for code in STATUSES}
    st.plotly_chart(charts.programme_timeline(shown, grouping, lanes, colors, statuses, date.today(), lang),
                    key="programmes_timeline", config=charts.PLOTLY_CONFIG)
    grouped = t(f"programmes.timeline.grouped_{grouping}", lang)
    if dated > len(shown):
        st.caption(t("programmes.timeline.caption_some", lang, shown=format_number(len(shown), lang),
                     total=format_number(dated, lang), grouping=grouped))
    else:
        st.caption(tn("programmes.timeline.caption_all", dated, lang, grouping=grouped))



def csv_download(path: Path, f: Filters) -> bytes:
    """Every programme matching the filters as CSV, made on a click from the data current then (pinned here, as a
    click runs outside a script run), built once per data version and filters."""
    version = queries.pin(path)
    built = downloads.cached_csv(path, version, ("programmes", f), partial(queries.export_programmes_csv, path, f))
    return downloads.shared_bytes(built)


def xlsx_download(path: Path, f: Filters) -> bytes:
    """Every programme matching the filters as an Excel workbook, made on a click from the data current then."""
    queries.pin(path)
    return downloads.xlsx_bytes(queries.export_programmes(path, f, downloads.XLSX_MAX_ROWS),
                                sheet_title=t("programmes.download.sheet", f.lang))
