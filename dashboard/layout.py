"""What pages share: the start of a page (its title, a note on a link that was adjusted, and the store if it holds
data), the banner flagging sample events, the bar of the country and region in focus, the download buttons, and
text shown exactly as written inside markdown."""

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import streamlit as st

from dashboard import downloads, filters, queries
from dashboard.filters import Filters
from dashboard.i18n import format_number, t, tn
from scripts.backend import locate

_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=^])")


def start(title_key: str, lang: str) -> Path | None:
    """Write the page title; return the warehouse path, or None after explaining why there is no data."""
    st.title(t(title_key, lang))
    link_notice(lang)
    path = locate()
    state = queries.warehouse_state(path)
    if state != "ready":
        st.info(t(f"warehouse.{state}", lang), icon=":material/database:")
        return None
    return path


def sample_banner(key: str, counts: dict[str, int], lang: str, shown: str = "events") -> None:
    """Flag the illustrative rows among those shown (counts: `shown` and sample_`shown`), if there are any."""
    if counts[f"sample_{shown}"]:
        st.warning(tn(key, counts[f"sample_{shown}"], lang, total=format_number(counts[shown], lang)),
                   icon=":material/science:")


def link_notice(lang: str) -> None:
    """Say what was dropped or changed in the link the visitor came with, as plain text."""
    adjustments = filters.link_adjustments()
    if adjustments:
        changes = "; ".join(t(f"filters.link.{a.reason}", lang, param=a.param, value=a.value) for a in adjustments)
        st.caption(":material/link_off: " + plain_markdown(t("filters.link.adjusted", lang, changes=changes)))


def plain_markdown(text: str) -> str:
    """Text shown exactly as written inside markdown: every markup character escaped."""
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", " ".join(str(text).split()))


def focus_bar(path: Path, f: Filters, section: str) -> None:
    """The country and region in focus, each with a button that removes it; else how to choose one (texts and keys
    of the page's locale section)."""
    focus = []
    if f.country:
        focus.append(("country", queries.country_options(path, f.lang).get(f.country, f.country)))
    if f.region:
        focus.append(("region", filters.region_options(path, f.scheme, f.lang).get(f.region, f.region)))
    if not focus:
        st.caption(t(f"{section}.focus.hint", f.lang))
        return
    with st.container(horizontal=True, vertical_alignment="center"):
        st.markdown(t(f"{section}.focus.label", f.lang))
        for name, label in focus:
            if st.button(label, key=f"{section}_clear_{name}", icon=":material/close:",
                         help=t(f"{section}.focus.remove_{name}", f.lang)):
                filters.request(**{name: None})


def download_buttons(lang: str, total: int, section: str, labels: tuple[str, str], csv_data: Callable[[], bytes],
                     xlsx_data: Callable[[], bytes]) -> None:
    """A CSV and an Excel button (`labels`) for the `total` rows filtered, made on a click; Excel is off above its
    row limit. File names and help texts come from the page's locale section."""
    today = date.today()
    csv_column, xlsx_column = st.columns(2)
    csv_column.download_button(
        labels[0], data=csv_data, on_click="ignore",
        file_name=downloads.file_name(section, today, "csv"), mime=downloads.CSV_MIME,
        icon=":material/download:", help=t(f"{section}.download.help", lang), width="stretch")
    too_many = total > downloads.XLSX_MAX_ROWS
    xlsx_column.download_button(
        labels[1], data=xlsx_data, on_click="ignore",
        file_name=downloads.file_name(section, today, "xlsx"), mime=downloads.XLSX_MIME,
        icon=":material/table_view:", disabled=too_many, width="stretch",
        help=t(f"{section}.download.xlsx_limit" if too_many else f"{section}.download.help", lang,
               limit=format_number(downloads.XLSX_MAX_ROWS, lang)))
