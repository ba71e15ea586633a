"""Open one dashboard page in AppTest as a visitor would (shared filters, then the page), with URL parameters."""

from streamlit.testing.v1 import AppTest

from tools.apptest import open_page


def open_app(module_name: str, **params: str) -> AppTest:
    """Run a page in English (unless `lang` is given) with these URL parameters; fail on any exception."""
    app = AppTest.from_function(open_page, args=(module_name,), default_timeout=30)
    app.query_params.update({"lang": "en", **params})
    return run(app)


def run(app: AppTest) -> AppTest:
    """Run (or re-run after an interaction) and fail on any exception."""
    app.run()
    assert not app.exception, app.exception
    return app
