"""A shared link is often the first visit after a restart: it should open its page without a warning."""

import pytest

UPSTREAM = ("Streamlit knows st.navigation's pages only after a first session has run (upstream issues 8860, 9992):"
            " a deep link first shows 'Page not found' over the right page")


@pytest.mark.xfail(strict=True, raises=AssertionError, reason=UPSTREAM)
def test_a_deep_link_on_a_fresh_server_opens_without_page_not_found(fresh_tab) -> None:
    fresh_tab.open("regional-activity", lang="fr", country="SEN")
    assert not fresh_tab.page.locator('[role="dialog"]').all_inner_texts()
