"""The layout the README describes: pages never import pages, tests never import the benchmark."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _imported(path: Path) -> set[str]:
    """The modules a file imports (for `from a import b`, both a and a.b)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
    return names


def test_pages_never_import_pages() -> None:
    found = {path.name: sorted(name for name in _imported(path) if name.startswith("dashboard.views"))
             for path in (ROOT / "dashboard" / "views").glob("*.py")}
    assert {page: names for page, names in found.items() if names} == {}


def test_tests_never_import_the_benchmark() -> None:
    found = {str(path.relative_to(ROOT)): sorted(name for name in _imported(path) if name.split(".")[0] == "bench")
             for path in (ROOT / "tests").rglob("*.py")}
    assert {test: names for test, names in found.items() if names} == {}
