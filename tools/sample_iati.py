"""Seeded generator of fictional IATI 2.03 activity files at benchmark scale (IOM's shape: USD, vocabularies 1/98/99).

`write_bench_files(folder, activities, transactions)` writes the activities over several files; every title says
the programme is illustrative. About one activity in a hundred is malformed on purpose (a bad date or value, an
unknown country, percentages that do not add up), so the benchmark also measures rejection.
"""

import random
from pathlib import Path
from xml.sax.saxutils import escape

COUNTRIES = ("AF", "BD", "CO", "EC", "ET", "GT", "HN", "HT", "IQ", "KE", "LY", "MA", "ML", "MX", "NE", "NG", "PE",
             "PH", "SD", "SN", "SO", "SS", "SV", "SY", "TD", "TR", "UA", "VE", "YE", "ZW")
FUNDERS = (("XI-IATI-EC_INTPA", "European Union"), ("US-GOV-11", "United States"), ("GB-GOV-1", "United Kingdom"),
           ("DE-1", "Germany"), ("XM-DAC-41114", "UN agency"), ("CA-GOV-1", "Canada"))
DAC = ("15190", "72010", "72050", "15160", "16010", "73010", "12220", "14030")
OWN = ("RR", "MP", "MD", "CM", "LM", "IB")
FILES = 5
BAD = ("<activity-date iso-date=\"2025-02-30\" type=\"2\"/>", "<recipient-country code=\"QQ\"/>")


def write_bench_files(folder: Path, activities: int, transactions: int, seed: int = 2026) -> list[Path]:
    """Write `activities` activities holding `transactions` transactions in all, over FILES files; return them."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    per_file = -(-activities // FILES)
    paths, written = [], 0
    for number in range(FILES):
        path = folder / f"bench_{number + 1}.xml"
        count = min(per_file, activities - written)
        with open(path, "w", encoding="utf-8") as out:
            out.write('<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03">\n')
            for index in range(written, written + count):
                share = transactions // activities + (index < transactions % activities)
                out.write(_activity(rng, index, share))
            out.write("</iati-activities>\n")
        written += count
        paths.append(path)
    return paths


def _activity(rng: random.Random, index: int, transactions: int) -> str:
    year = rng.randint(2015, 2026)
    countries = rng.sample(COUNTRIES, rng.choice((1, 1, 2, 3)))
    split = [100 // len(countries)] * len(countries)
    split[0] += 100 - sum(split)
    funder_ref, funder = rng.choice(FUNDERS)
    places = "".join(f'<recipient-country code="{c}" percentage="{p}"/>' for c, p in zip(countries, split))
    if index % 100 == 99:
        places += BAD[index // 100 % 2]
    budget = rng.randint(50, 5000) * 1000
    lines = [f'<iati-activity default-currency="USD" xml:lang="en" humanitarian="{rng.randint(0, 1)}" '
             f'last-updated-datetime="2026-11-01T00:00:00Z">',
             f"<iati-identifier>XM-DAC-47066-BENCH.{index:06d}</iati-identifier>",
             '<reporting-org ref="XM-DAC-47066" type="40"><narrative>IOM (illustrative)</narrative></reporting-org>',
             f"<title><narrative>Illustrative programme {index}</narrative>"
             f'<narrative xml:lang="fr">Programme illustratif {index}</narrative></title>',
             "<description><narrative>Generated for the benchmark; not a real programme.</narrative></description>",
             f'<participating-org ref="{funder_ref}" role="1" type="10"><narrative>{escape(funder)}</narrative>'
             "</participating-org>",
             '<participating-org ref="XM-DAC-47066" role="4" type="40"/>',
             f'<activity-status code="{rng.randint(1, 4)}"/>',
             f'<activity-date iso-date="{year}-01-01" type="1"/><activity-date iso-date="{year + 2}-12-31" type="3"/>',
             places,
             f'<sector vocabulary="1" code="{rng.choice(DAC)}" percentage="100"/>',
             f'<sector vocabulary="98" code="{rng.choice(OWN)}"/><sector vocabulary="99" code="{rng.choice(OWN)}"/>',
             f'<budget type="1"><period-start iso-date="{year}-01-01"/><period-end iso-date="{year}-12-31"/>'
             f'<value value-date="{year}-01-01">{budget}</value></budget>']
    for number in range(transactions):
        day = f"{year}-{number % 12 + 1:02d}-{rng.randint(1, 28):02d}"
        lines.append(f'<transaction><transaction-type code="{rng.choice((2, 3, 4, 4))}"/>'
                     f'<transaction-date iso-date="{day}"/><value value-date="{day}">{rng.randint(1, 9999) * 10}'
                     f'</value><provider-org ref="{funder_ref}"><narrative>{escape(funder)}</narrative></provider-org>'
                     "</transaction>")
    lines.append("</iati-activity>\n")
    return "\n".join(lines)
