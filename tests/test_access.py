"""Sign-in is required exactly when the secrets configure it."""

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parents[1] / "dashboard" / "app.py"


def run_app(monkeypatch, warehouse: Path, secrets: dict | None = None) -> AppTest:
    monkeypatch.setenv("MIGDASH_WAREHOUSE", str(warehouse))
    at = AppTest.from_file(str(APP), default_timeout=30)
    for name, value in (secrets or {}).items():
        at.secrets[name] = value
    return at.run()


def test_without_auth_secrets_the_app_is_open(monkeypatch, demo_warehouse):
    at = run_app(monkeypatch, demo_warehouse)
    assert not at.exception
    assert at.title[0].value == "Overview"
    assert not [b for b in at.button if b.label == "Sign in"]


def test_with_auth_secrets_every_page_waits_for_sign_in(monkeypatch, demo_warehouse):
    auth = {"redirect_uri": "http://127.0.0.1:8501/oauth2callback", "cookie_secret": "not-a-real-secret",
            "client_id": "migdash", "client_secret": "not-real",
            "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration"}
    at = run_app(monkeypatch, demo_warehouse, {"auth": auth})
    assert not at.exception
    assert [title.value for title in at.title] == ["Sign in to migdash"]
    assert [b.label for b in at.button] == ["Sign in"]
    assert not at.get("plotly_chart") and not at.sidebar.selectbox
