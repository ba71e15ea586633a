"""The dependency audit finds a known vulnerability, served here by a stand-in index on loopback."""

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from tools import audit

PROJECTS = {
    "oldlib": {"info": {"version": "2.0"}, "vulnerabilities": []},
    "badlib": {"info": {"version": "1.0"}, "vulnerabilities": [{"id": "PYSEC-2026-1", "withdrawn": None}]},
    "finelib": {"info": {"version": "3.1"}, "vulnerabilities": [{"id": "GHSA-x", "withdrawn": "2026-01-01"}]},
}


class Index(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - the http.server API
        name = self.path.strip("/").split("/")[0]
        body = json.dumps(PROJECTS[name]).encode() if name in PROJECTS else b""
        self.send_response(200 if body else 404)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def index():
    server = HTTPServer(("127.0.0.1", 0), Index)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/{{name}}/json"
    server.shutdown()


def test_audit_reports_known_vulnerabilities_and_what_it_cannot_audit(index):
    assert audit.check("badlib", "1.0", index) == ("badlib", "1.0", ["PYSEC-2026-1"])
    assert audit.check("finelib", "3.1", index) == ("finelib", "3.1", [])
    assert audit.check("oldlib", "1.5", index) == ("oldlib", "1.5", None)
    assert audit.check("missing", "1.0", index) == ("missing", "1.0", None)
