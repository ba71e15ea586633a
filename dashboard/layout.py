"""What pages share: the start of a page (its title, a note on a link that was adjusted, and the store if it holds
data), the banner flagging sample events, and text shown exactly as written inside markdown."""

import re
from pathlib import Path

import streamlit as st

from dashboard import filters, queries
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
