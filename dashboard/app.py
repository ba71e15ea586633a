"""Streamlit entry point: `streamlit run dashboard/app.py`; every page is listed in pages()."""

import streamlit as st

from dashboard.i18n import t
from dashboard.pages import overview


def pages() -> list[st.Page]:
    """Every page of the dashboard, the default first."""
    # A url_path must differ from every module name in pages/: until Streamlit has seen
    # st.navigation (first run of a server, every AppTest run), its legacy pages-folder rule
    # would run `pages/<url_path>.py` as a script instead of this app.
    return [
        st.Page(overview.render, title=t("nav.overview"), icon=":material/public:",
                url_path="home", default=True),
    ]


def run() -> None:
    """Set up the page and run the one the visitor chose."""
    st.set_page_config(page_title=t("app.title"), page_icon="🌍", layout="wide")
    st.navigation(pages()).run()


if __name__ == "__main__":
    run()
