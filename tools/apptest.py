"""One dashboard page as a script of its own, as AppTest runs it for the tests and the benchmark."""


def open_page(module_name: str) -> None:
    """The script AppTest runs: the shared filters, then one page, as `app.run` does for a visitor.

    AppTest runs this function's source alone, so it imports what it needs inside.
    """
    import importlib

    from dashboard import filters

    page = importlib.import_module(f"dashboard.views.{module_name}")
    filters.sidebar(filters.current())
    page.render()
