"""Events page: the filtered events as a sorted table, page by page, one event in detail, and downloads."""

from dataclasses import replace
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np
import pandas as pd
import streamlit as st

from dashboard import downloads, filters, layout, queries
from dashboard.filters import Filters
from dashboard.i18n import format_dates, format_number, format_timestamp, region_label, t, tn
from dashboard.layout import plain_markdown

SORT_KEY = "events_sort"


def render() -> None:
    """Draw the Events page for the filters in force."""
    f = filters.current()
    lang = f.lang
    path = layout.start("events.title", lang)
    if path is None:
        return
    st.caption(t("events.subtitle", lang))
    counts = queries.event_totals(path, f)
    layout.sample_banner("events.sample_banner", counts, lang)
    if not counts["events"]:
        st.info(t("events.none", lang), icon=":material/filter_alt:")
        return
    sort, page = _controls(f, counts["events"])
    rows = queries.event_rows(path, f, sort, page)
    chosen = _table(rows, lang, table_key=f"events_table_{_view_key(f, sort)}_{page}")
    total = counts["events"]
    labels = tn("events.download.csv", total, f.lang), tn("events.download.xlsx", total, f.lang)
    layout.download_buttons(f.lang, total, "events", labels, partial(csv_download, path, f),
                            partial(xlsx_download, path, f))
    if chosen is None:
        st.caption(t("events.detail.hint", lang))
    else:
        _detail(path, chosen, lang)


def _view_key(f: Filters, sort: str) -> str:
    """A key that changes with the filters and the sort order (not the language): the page number restarts at 1."""
    return format(hash((replace(f, lang=""), sort)) & 0xFFFFFFFF, "x")


def _controls(f: Filters, total: int) -> tuple[str, int]:
    lang = f.lang
    pages = -(-total // queries.EVENT_PAGE_SIZE)
    count, sort_column, page_column = st.columns([2, 2, 1], vertical_alignment="bottom")
    count.markdown(tn("events.count", total, lang))
    sort = sort_column.selectbox(t("events.sort.label", lang), list(queries.EVENT_SORTS), key=SORT_KEY,
                                 format_func=lambda key: t(f"events.sort.{key}", lang),
                                 placeholder=t("filters.choose", lang))
    page = page_column.number_input(t("events.page", lang, pages=format_number(pages, lang)), min_value=1,
                                    max_value=pages, value=1, step=1, key=f"events_page_{_view_key(f, sort)}")
    first = (page - 1) * queries.EVENT_PAGE_SIZE + 1
    st.caption(tn("events.showing", total, lang, first=format_number(first, lang),
                  last=format_number(min(total, page * queries.EVENT_PAGE_SIZE), lang)))
    return sort, int(page)


def _table(rows: pd.DataFrame, lang: str, table_key: str) -> str | None:
    """Show one page of events; return the id of the event the visitor selected, if any."""
    shown = pd.DataFrame({
        t("events.column.dates", lang): [format_dates(s, e, p, lang) for s, e, p in
                                         zip(rows["start_date"], rows["end_date"], rows["date_precision"])],
        t("events.column.title", lang): rows["title"],
        t("events.column.type", lang): rows["event_type"],
        t("events.column.place", lang): [", ".join(part for part in (city, country) if isinstance(part, str))
                                         for city, country in zip(rows["city"], rows["host_name"])],
        t("events.column.participants", lang): rows["participants_total"],
        t("events.column.organizations", lang): rows["organizations"],
        t("events.column.themes", lang): rows["themes"],
        t("events.column.origin", lang): [_origin(sample, extracted, lang) for sample, extracted in
                                          zip(rows["is_sample"], rows["is_extracted"])],
    })
    config = {t("events.column.title", lang): st.column_config.Column(width="large"),
              t("events.column.participants", lang): st.column_config.NumberColumn(format="%d")}
    event = st.dataframe(downloads.neutralized(shown), hide_index=True, on_select="rerun", placeholder="—",
                         selection_mode="single-row", key=table_key, column_config=config)
    selected = event.selection.rows if event else []
    return rows["event_id"].iloc[selected[0]] if selected and selected[0] < len(rows) else None


def _origin(sample: bool, extracted: bool, lang: str) -> str:
    marks = [t(f"events.origin.{name}", lang) for name, flag in (("sample", sample), ("extracted", extracted)) if flag]
    return ", ".join(marks)



def csv_download(path: Path, f: Filters) -> bytes:
    """Every event matching the filters as CSV, made when the visitor clicks (no session state here) from the data
    current then, built once per data version and filters.

    A click runs in a thread of Streamlit's pool, not in a script run: it pins the version itself, and the export
    reads the version the file is named after.
    """
    version = queries.pin(path)
    built = downloads.cached_csv(path, version, f, partial(queries.export_events_csv, path, f))
    return downloads.shared_bytes(built)


def xlsx_download(path: Path, f: Filters) -> bytes:
    """Every event matching the filters as an Excel workbook, made on a click from the data current then."""
    queries.pin(path)
    return downloads.xlsx_bytes(queries.export_events(path, f, downloads.XLSX_MAX_ROWS),
                                sheet_title=t("events.download.sheet", f.lang))


def _detail(path: Path, event_id: str, lang: str) -> None:
    found = queries.event_detail(path, event_id, lang)
    if found is None:
        return
    event = found["event"]
    st.divider()
    st.subheader(t("events.detail.title", lang))
    st.markdown("#### " + plain_markdown(event["title"]))
    facts, links = st.columns([3, 2], gap="large")
    with facts:
        st.dataframe(downloads.neutralized(_facts(event, lang)), hide_index=True, width="stretch",
                     column_config={t("events.detail.field", lang): st.column_config.Column(width=140),
                                    t("events.detail.value", lang): st.column_config.Column(width="large")})
        st.markdown("**" + t("events.detail.summary", lang) + "**")
        st.text(_known(event["summary"]) or t("events.detail.no_summary", lang))
        _source_link(event["source_url"], lang)
    with links:
        roles = found["countries"]["role"].map(lambda role: t(f"events.detail.role.{role}", lang))
        st.markdown("**" + t("events.detail.countries", lang) + "**")
        st.dataframe(downloads.neutralized(pd.DataFrame({t("events.detail.role_column", lang): roles,
                                   t("events.detail.country_column", lang): found["countries"]["name"],
                                   "ISO3": found["countries"]["iso3"]})), hide_index=True, width="stretch")
        st.markdown("**" + t("events.detail.organizations", lang) + "**")
        organizations = found["organizations"]
        if organizations.empty:
            st.caption(t("events.detail.no_organizations", lang))
        else:
            st.dataframe(downloads.neutralized(pd.DataFrame({
                t("events.detail.acronym_column", lang): organizations["org_id"],
                t("events.detail.name_column", lang): organizations["name"]})), hide_index=True, width="stretch")


def _facts(event: dict, lang: str) -> pd.DataFrame:
    unknown = t("events.detail.unknown", lang)
    themes = event["theme_labels"]
    participants = event["participants_total"]
    facts = [
        ("dates", format_dates(event["start_date"], event["end_date"], event["date_precision"], lang)),
        ("type", _known(event["event_type_label"])),
        ("themes", ", ".join(themes) if isinstance(themes, (list, np.ndarray)) and len(themes) else None),
        ("host", _known(event["host_name"]) or _region(_known(event["region_scope"]), lang)),
        ("city", _known(event["city"])),
        ("participants", format_number(int(participants), lang) if pd.notna(participants) else None),
        ("origin", _origin(event["is_sample"], event["is_extracted"], lang) or t("events.origin.loaded", lang)),
        ("source_file", t("events.detail.file_row", lang, file=event["source_file"], row=event["source_row"])),
        ("ingested", format_timestamp(event["ingested_at"], lang)),
        ("event_id", event["event_id"]),
    ]
    return pd.DataFrame({t("events.detail.field", lang): [t(f"events.detail.fields.{name}", lang) for name, _ in facts],
                         t("events.detail.value", lang): [value or unknown for _, value in facts]})


def _region(region: str | None, lang: str) -> str | None:
    """A region that hosted an event, named in the language when it is a regional office."""
    return region and region_label("iom", region, lang)


def _known(value: object) -> str | None:
    """A field's text, or None when the source left it empty."""
    return None if value is None or (not isinstance(value, str) and pd.isna(value)) or value == "" else str(value)


def _source_link(url: object, lang: str) -> None:
    if not isinstance(url, str) or not url.strip():
        st.caption(t("events.detail.no_source", lang))
    elif is_web_link(url):
        st.link_button(t("events.detail.open_source", lang), url.strip(), icon=":material/open_in_new:")
        st.text(url.strip())
    else:
        st.markdown("**" + t("events.detail.source", lang) + "**")
        st.text(url)


def is_web_link(url: str) -> bool:
    """Whether a source URL may be shown as a link: http(s) with a host, nothing hidden in it."""
    text = url.strip()
    if any(ord(c) < 33 or c in "\"'<>\\" for c in text):
        return False
    parts = urlsplit(text)
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
