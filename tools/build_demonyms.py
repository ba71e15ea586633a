"""Build data/reference/demonyms.csv: the nationality adjectives of countries in English and French.

Run from the repository root:  python tools/build_demonyms.py PATH/TO/countries.json
where countries.json is the data file of the npm package world-countries 5.1.0 (`npm install world-countries@5.1.0`;
ODbL 1.0). Masculine and feminine singular forms; a form several countries share is kept for the one independent
country among them ('French' for France, not Réunion) and left out when none or several are ('Congolese').
"""

import csv
import json
import sys
from collections import defaultdict
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
OUTPUT = REPO_ROOT / "data" / "reference" / "demonyms.csv"
LANGUAGES = {"eng": "en", "fra": "fr"}


def demonym_rows(countries: list[dict]) -> list[dict]:
    """One row per (language, form) that names a single country."""
    holders: dict[tuple[str, str], set[str]] = defaultdict(set)
    independent = {country["cca3"] for country in countries if country.get("independent")}
    for country in countries:
        for source_lang, forms in country.get("demonyms", {}).items():
            for form in {forms.get("m", ""), forms.get("f", "")} - {""}:
                for part in form.replace(" or ", ",").split(","):  # 'Kittitian or Nevisian'
                    if part.strip():
                        holders[(LANGUAGES.get(source_lang, source_lang), part.strip())].add(country["cca3"])
    rows = []
    for (lang, form), iso3s in sorted(holders.items()):
        if lang not in LANGUAGES.values():
            continue
        owners = iso3s if len(iso3s) == 1 else iso3s & independent
        if len(owners) == 1:
            rows.append({"iso3": owners.pop(), "lang": lang, "demonym": form})
    return sorted(rows, key=lambda row: (row["iso3"], row["lang"], row["demonym"]))


def main(source: Path) -> None:
    """Write the table from the package's countries.json."""
    rows = demonym_rows(json.loads(source.read_text(encoding="utf-8")))
    with OUTPUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["iso3", "lang", "demonym"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} forms written to {OUTPUT.relative_to(REPO_ROOT)}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
