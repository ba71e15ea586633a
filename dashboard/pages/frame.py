"""What every page starts with: its title, and the store if it holds data (else a friendly message)."""

from pathlib import Path

import streamlit as st

from dashboard import queries
from dashboard.i18n import t
from scripts.warehouse import warehouse_path


def start(title_key: str, lang: str) -> Path | None:
    """Write the page title; return the warehouse path, or None after explaining why there is no data."""
    st.title(t(title_key, lang))
    path = warehouse_path()
    state = queries.warehouse_state(path)
    if state != "ready":
        st.info(t(f"warehouse.{state}", lang), icon=":material/database:")
        return None
    return path
