"""Sign-in: required when Streamlit's secrets have an [auth] section (OIDC), open otherwise, as on a laptop."""

import streamlit as st

from dashboard.i18n import t


def sign_in_required() -> bool:
    """True when the deployment configured OpenID Connect sign-in in its secrets."""
    try:
        return "auth" in st.secrets
    except FileNotFoundError:  # no secrets file at all
        return False


def gate(lang: str) -> bool:
    """True when the visitor may see the pages; otherwise draw the sign-in screen instead."""
    if not sign_in_required():
        return True
    if st.user.get("is_logged_in", False):
        st.sidebar.button(t("access.sign_out", lang), on_click=st.logout, icon=":material/logout:")
        return True
    st.title(t("access.title", lang))
    st.write(t("access.explain", lang))
    st.button(t("access.sign_in", lang), on_click=st.login, type="primary", icon=":material/login:")
    return False
