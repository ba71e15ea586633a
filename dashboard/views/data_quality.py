"""Data quality page: the last refreshes, the files they read, the rows kept out and the names to review."""

import json
from datetime import datetime, timedelta
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard import charts, filters, layout, queries
from dashboard.i18n import format_day, format_number, format_timestamp, label, strings, t, tn
from scripts.schema import REVIEW_THRESHOLD

RUNS_SHOWN = 10
PAGE_SIZE = 50
STALE_AFTER_DAYS = 180
SEVERITIES = ("error", "warning")
_CODE, _COUNT = st.column_config.NumberColumn(format="%d"), st.column_config.NumberColumn(format="localized")
_WIDE_TEXT = st.column_config.TextColumn(width="large")
COLUMN_STYLES = {"run": _CODE, "row": _CODE, "rows": _COUNT, "rows_read": _COUNT, "rows_loaded": _COUNT,
                 "rows_rejected": _COUNT, "changes": _WIDE_TEXT, "details": _WIDE_TEXT,
                 "confidence": st.column_config.ProgressColumn(min_value=0.0, max_value=1.0, format="%.2f")}


def render() -> None:
    """Draw the Data quality page from the current warehouse."""
    lang = filters.current().lang
    path = layout.start("quality.title", lang)
    if path is None:
        return
    st.caption(t("quality.subtitle", lang))
    runs = _runs(path)
    served = queries.served_run(path)
    served_at = queries.run_finished_at(path, served) if served is not None else None
    _summary(runs, served_at, lang)
    _runs_table(runs, lang)
    if served is None:
        st.info(t("quality.no_successful_run", lang))
        return
    when = format_timestamp(served_at, lang)  # the served run may be older than the last RUNS_SHOWN
    _files(path, served, when, lang)
    _problems(path, served, when, lang)
    _names(path, served, lang)
    _press_review(path, lang)


def readable_changes(changes: str | None, lang: str) -> str:
    """A refresh's changes JSON as text: 'Events +3 −1 ~2 · Offices +0 −0 ~0'."""
    if not isinstance(changes, str) or not changes:  # a failed run has none (NaN once in a frame)
        return ""
    parts = [f"{label('quality.tables', table, lang)} +{format_number(counts.get('added', 0), lang)}"
             f" −{format_number(counts.get('removed', 0), lang)} ~{format_number(counts.get('changed', 0), lang)}"
             for table, counts in json.loads(changes).items()]
    return " · ".join(parts)


def _runs(path: Path) -> pd.DataFrame:
    recorded = queries.refresh_runs(path, RUNS_SHOWN)
    logged = queries.logged_failures(path)
    logged = logged[~logged["run_id"].isin(recorded["run_id"])]
    runs = pd.concat([logged, recorded]) if len(logged) else recorded
    return runs.sort_values("run_id", ascending=False).head(RUNS_SHOWN).reset_index(drop=True)


def _summary(runs: pd.DataFrame, served_at: datetime | None, lang: str) -> None:
    if runs.empty:
        st.info(t("quality.never_refreshed", lang))
        return
    last = runs.iloc[0]
    when = format_timestamp(last["finished_at"], lang)
    if last["status"] == "ok":
        st.success(tn("quality.last_ok", int(last["rows_read"]), lang, when=when,
                      loaded=format_number(last["rows_loaded"], lang),
                      rejected=format_number(last["rows_rejected"], lang)), icon=":material/check_circle:")
    elif served_at is None:
        st.error(t("quality.last_failed_never_served", lang, when=when), icon=":material/error:")
    else:
        st.error(t("quality.last_failed", lang, when=when, served=format_timestamp(served_at, lang)),
                 icon=":material/error:")


def _runs_table(runs: pd.DataFrame, lang: str) -> None:
    if runs.empty:
        return
    st.subheader(t("quality.runs", lang))
    seconds = (runs["finished_at"] - runs["started_at"]).dt.total_seconds()
    table = pd.DataFrame({
        "run": runs["run_id"],
        "started": runs["started_at"].map(lambda moment: format_timestamp(moment, lang)),
        "duration": seconds.map(lambda s: t("quality.duration", lang, seconds=format_number(round(s, 1), lang))),
        "status": runs["status"].map(lambda status: label("quality.status", status, lang)),
        "rows_read": runs["rows_read"], "rows_loaded": runs["rows_loaded"], "rows_rejected": runs["rows_rejected"],
        "changes": runs["changes"].map(lambda changes: readable_changes(changes, lang)),
        "message": runs["message"].fillna(""),
    })
    _table(table if (runs["status"] == "failed").any() else table.drop(columns="message"), lang)
    st.caption(t("quality.runs_caption", lang, count=RUNS_SHOWN))


def _files(path: Path, run_id: int, when: str, lang: str) -> None:
    st.subheader(t("quality.files", lang))
    files = queries.run_files(path, run_id)
    cutoff = datetime.now() - timedelta(days=STALE_AFTER_DAYS)
    stale = files["modified_at"] < cutoff
    if stale.any():
        st.warning(tn("quality.stale_warning", int(stale.sum()), lang, total=format_number(len(files), lang),
                      days=STALE_AFTER_DAYS), icon=":material/schedule:")
    _table(pd.DataFrame({
        "file": files["source_file"],
        "kind": files["kind"].map(lambda kind: label("quality.kinds", kind, lang)),
        "sha256": files["sha256"].str[:12],
        "modified": files["modified_at"].map(lambda moment: format_timestamp(moment, lang)),
        "stale": stale.map({True: t("quality.stale_yes", lang), False: ""}),
        "encoding": files["encoding"].fillna(""),
        "rows_read": files["rows_read"], "rows_loaded": files["rows_loaded"], "rows_rejected": files["rows_rejected"],
    }), lang)
    st.caption(t("quality.files_caption", lang, when=when, days=STALE_AFTER_DAYS,
                 day=format_day(cutoff, lang)))


def _problems(path: Path, run_id: int, when: str, lang: str) -> None:
    st.subheader(t("quality.problems", lang))
    counts = queries.rejection_counts(path, run_id)
    if counts.empty:
        st.success(t("quality.no_problems", lang), icon=":material/check_circle:")
        return
    st.caption(t("quality.problems_caption", lang, when=when))
    per_code = counts.groupby(["severity", "code"], as_index=False)["rows"].sum()
    per_code["label"] = per_code["code"].map(lambda code: label("quality.codes", code, lang))
    st.plotly_chart(charts.problem_counts_chart(per_code, lang), config=charts.PLOTLY_CONFIG, key="problem_counts")
    tabs = st.tabs([t(f"quality.{severity}s_tab", lang,
                      count=format_number(int(counts.loc[counts["severity"] == severity, "rows"].sum()), lang))
                    for severity in SEVERITIES])
    for tab, severity in zip(tabs, SEVERITIES):
        with tab:
            _problem_list(path, run_id, severity, counts[counts["severity"] == severity], lang)


def _problem_list(path: Path, run_id: int, severity: str, counts: pd.DataFrame, lang: str) -> None:
    if counts.empty:
        st.write(t("quality.none_of_severity", lang))
        return
    st.caption(t(f"quality.{severity}s_caption", lang))
    by_file, by_code = st.columns(2)
    files = by_file.multiselect(t("quality.filter_files", lang), sorted(counts["source_file"].unique()),
                                placeholder=t("quality.filter_any", lang), key=f"quality_{severity}_files")
    codes = by_code.multiselect(t("quality.filter_codes", lang), sorted(counts["code"].unique()),
                                format_func=lambda code: label("quality.codes", code, lang),
                                placeholder=t("quality.filter_any", lang), key=f"quality_{severity}_codes")
    page_key = f"quality_{severity}_page_{hash((tuple(files), tuple(codes)))}"
    total, rows = queries.rejection_page(path, run_id, severity, tuple(files), tuple(codes), PAGE_SIZE,
                                         _offset(page_key))
    _table(pd.DataFrame({
        "file": rows["source_file"], "row": rows["row_number"], "record": rows["record_id"].fillna(""),
        "field": rows["field"].map(lambda field: label("quality.fields", field, lang)),
        "code": rows["code"].map(lambda code: label("quality.codes", code, lang)),
        "value": rows["value"].fillna(""),
        "details": [_message(row, lang) for row in rows.itertuples()],
    }), lang)
    _pager(page_key, total, len(rows), lang)


def _names(path: Path, run_id: int, lang: str) -> None:
    st.subheader(t("quality.names", lang))
    st.markdown(f"**{t('quality.unmatched', lang)}**")
    st.caption(t("quality.unmatched_caption", lang))
    total, rows = queries.unmatched_names(path, run_id, PAGE_SIZE, _offset("quality_unmatched_page"))
    if total == 0:
        st.write(t("quality.no_unmatched", lang))
    else:
        _table(pd.DataFrame({
            "field": rows["field"].map(lambda field: label("quality.fields", field, lang)),
            "name": rows["value"],
            "code": rows["code"].map(lambda code: label("quality.codes", code, lang)),
            "rows": rows["rows"]}), lang)
        _pager("quality_unmatched_page", total, len(rows), lang)
    st.markdown(f"**{t('quality.matched', lang)}**")
    st.caption(t("quality.matched_caption", lang))
    total, rows = queries.matched_names(path, run_id, lang, PAGE_SIZE, _offset("quality_matched_page"))
    if total == 0:
        st.write(t("quality.no_matched", lang))
    else:
        _table(pd.DataFrame({
            "field": rows["field"].map(lambda field: label("quality.fields", field, lang)),
            "name": rows["value"], "matched": rows["matched"], "matched_name": rows["matched_name"],
            "how": rows["how"].map(lambda how: label("quality.how", how, lang)), "rows": rows["rows"]}), lang)
        _pager("quality_matched_page", total, len(rows), lang)


def _press_review(path: Path, lang: str) -> None:
    st.subheader(t("quality.review", lang))
    st.caption(t("quality.review_caption", lang, threshold=format_number(REVIEW_THRESHOLD, lang)))
    rows = queries.press_review(path, REVIEW_THRESHOLD)
    if rows.empty:
        st.write(t("quality.no_review", lang))
        return
    rows["field"] = rows["field"].map(lambda field: label("quality.fields", field, lang))
    _table(rows, lang)


def _message(row: object, lang: str) -> str:
    key = f"quality.messages.{row.code}"
    if key not in strings("en"):
        return row.message
    return t(key, lang, field=label("quality.fields", row.field, lang), value="" if pd.isna(row.value) else row.value)


def _table(table: pd.DataFrame, lang: str) -> None:
    """Show a frame as data (never as markdown), its columns named in the language."""
    styles = {t(f"quality.columns.{name}", lang): style for name, style in COLUMN_STYLES.items() if name in table}
    st.dataframe(table.rename(columns=lambda column: t(f"quality.columns.{column}", lang)), hide_index=True,
                 column_config=styles)


def _offset(page_key: str) -> int:
    return (int(st.session_state.get(page_key, 1)) - 1) * PAGE_SIZE


def _pager(page_key: str, total: int, shown: int, lang: str) -> None:
    first = _offset(page_key) + 1
    st.caption(tn("quality.rows_shown", total, lang, first=format_number(first if shown else 0, lang),
                  last=format_number(first + shown - 1, lang)))
    pages = -(-total // PAGE_SIZE)
    if pages > 1:
        st.number_input(t("quality.page", lang, pages=format_number(pages, lang)), min_value=1, max_value=pages,
                        step=1, key=page_key, width=200)
