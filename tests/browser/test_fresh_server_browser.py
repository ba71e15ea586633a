"""A shared link is often the first visit after a restart: it should open its page without a warning."""


def test_a_deep_link_on_a_fresh_server_opens_without_page_not_found(fresh_tab) -> None:
    fresh_tab.open("regional-activity", lang="fr", country="SEN")
    assert not fresh_tab.page.locator('[role="dialog"]').all_inner_texts()
    assert fresh_tab.page.get_by_text("Sénégal").count()
