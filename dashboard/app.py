"""Streamlit entry point: `streamlit run dashboard/app.py`; every page is listed in pages()."""

import streamlit as st

from dashboard import filters
from dashboard.i18n import t
from dashboard.pages import country_profile, data_quality, events_table, overview, regional


def pages(lang: str) -> list[st.Page]:
    """Every page of the dashboard, the default first."""
    # A url_path must differ from every module name in pages/: until Streamlit has seen
    # st.navigation (first run of a server, every AppTest run), its legacy pages-folder rule
    # would run `pages/<url_path>.py` as a script instead of this app.
    return [
        st.Page(overview.render, title=t("nav.overview", lang), icon=":material/public:",
                url_path="home", default=True),
        st.Page(regional.render, title=t("nav.regional", lang), icon=":material/map:",
                url_path="regional-activity"),
        st.Page(country_profile.render, title=t("nav.country", lang), icon=":material/flag:",
                url_path="country-profile"),
        st.Page(events_table.render, title=t("nav.events", lang), icon=":material/event_note:",
                url_path="events"),
        st.Page(data_quality.render, title=t("nav.quality", lang), icon=":material/fact_check:",
                url_path="data-quality"),
    ]


def run() -> None:
    """Set up the page, the shared filters, and run the page the visitor chose."""
    st.set_page_config(page_title=t("app.title"), page_icon="🌍", layout="wide")
    chosen = filters.current()
    navigation = st.navigation(pages(chosen.lang))
    filters.sidebar(chosen)
    navigation.run()


if __name__ == "__main__":
    run()
