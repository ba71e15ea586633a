"""Streamlit entry point: `streamlit run dashboard/app.py`; every page is listed in pages()."""

from datetime import datetime

import streamlit as st

from dashboard import access, filters, queries
from dashboard.i18n import t
from dashboard.views import country_profile, data_quality, events_table, overview, programmes, regional
from scripts import defects
from scripts.backend import locate

# The page modules live in views/, not pages/: a folder named pages/ beside this script turns on
# Streamlit's legacy multipage mode until a first st.navigation, and a server's first deep link
# then shows 'Page not found' over its page.
PAGES = (  # page module, title key, icon, url path; the first is the default page
    (overview, "nav.overview", ":material/public:", "home"),
    (regional, "nav.regional", ":material/map:", "regional-activity"),
    (programmes, "nav.programmes", ":material/account_tree:", "programmes"),
    (country_profile, "nav.country", ":material/flag:", "country-profile"),
    (events_table, "nav.events", ":material/event_note:", "events"),
    (data_quality, "nav.quality", ":material/fact_check:", "data-quality"),
)


def pages(lang: str) -> list[st.Page]:
    """Every page of the dashboard, titled in the language, the default first."""
    return [st.Page(module.render, title=t(title, lang), icon=icon, url_path=url, default=index == 0)
            for index, (module, title, icon, url) in enumerate(PAGES)]


def run() -> None:
    """Set up the page, the shared filters, and run the page the visitor chose."""
    st.set_page_config(page_title=t("app.title"), page_icon="🌍", layout="wide")
    lang, where = filters.visitor_language(), "dashboard"
    try:
        queries.pin(locate())  # before the filters: a link's codes are checked against this run's store
        chosen = filters.current()
        lang = chosen.lang
        if not access.gate(lang):
            return
        navigation = st.navigation(pages(lang))
        where = f"page {navigation.url_path or 'home'}"
        filters.sidebar(chosen)
        navigation.run()
    except Exception as error:  # a defect, or a store torn under us: the visitor gets a sentence, analysts the log
        defects.record(locate(), where, error)
        st.error(t("app.defect", lang, time=datetime.now().strftime("%H:%M:%S")), icon=":material/error:")


if __name__ == "__main__":
    run()
