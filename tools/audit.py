"""Dependency audit: every installed distribution checked against PyPI's known vulnerabilities.

PyPI's project JSON lists the vulnerabilities (from the OSV database) of a project's latest release. A
distribution installed at that release is audited; one at an older release cannot be audited this way and is
listed. Exit 1 on any known vulnerability, or when nothing at all could be audited (no silent pass).
"""

import json
import sys
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from importlib import metadata

PYPI = "https://pypi.org/pypi/{name}/json"
TIMEOUT_S = 20


def installed() -> dict[str, str]:
    """Distribution name -> installed version for this environment (migdash itself left out)."""
    found = {}
    for dist in metadata.distributions():
        name = (dist.metadata["Name"] or "").lower()
        if name and name != "migdash":
            found[name] = dist.version
    return found


def check(name: str, version: str, index: str = PYPI) -> tuple[str, str, list[str] | None]:
    """(name, version, ids of known vulnerabilities) or None as ids when this version cannot be audited."""
    try:
        with urllib.request.urlopen(index.format(name=name), timeout=TIMEOUT_S) as response:
            project = json.load(response)
    except (urllib.error.URLError, TimeoutError, ValueError):
        return name, version, None
    if project.get("info", {}).get("version") != version:
        return name, version, None
    ids = [v.get("id", "?") for v in project.get("vulnerabilities", []) if not v.get("withdrawn")]
    return name, version, ids


def main() -> int:
    """Audit, print one line per finding, and exit non-zero on a vulnerability or when nothing was audited."""
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda item: check(*item), sorted(installed().items())))
    audited = [r for r in results if r[2] is not None]
    vulnerable = [r for r in audited if r[2]]
    unaudited = [f"{name} {version}" for name, version, ids in results if ids is None]
    for name, version, ids in vulnerable:
        print(f"VULNERABLE {name} {version}: {', '.join(ids)}")
    print(f"audit: {len(audited)} distributions audited, {len(vulnerable)} with known vulnerabilities, "
          f"{len(unaudited)} not at their latest release (not auditable here): {', '.join(unaudited) or '-'}")
    return 1 if vulnerable or not audited else 0


if __name__ == "__main__":
    sys.exit(main())
