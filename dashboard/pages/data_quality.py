"""Placeholder page, built next."""

import streamlit as st

from dashboard import filters


def render() -> None:
    """Draw the page."""
    st.title(filters.current().lang)
