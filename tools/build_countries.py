"""Build data/reference/countries.csv and data/reference/country_names.csv.

Run from anywhere:  python tools/build_countries.py
Needs the `build` extra (hdx-python-country); the app itself never imports it.

Where each column comes from
- iso3, iso2: ISO 3166-1 as shipped by pycountry (Debian iso-codes data), all 249 entries,
  plus Kosovo (XKX / XK), a user-assigned code that real data uses (is_iso = false).
- m49, names, regions, lat/lon: the UN M49 table and centroids shipped by hdx-python-country,
  read offline (Country.set_use_live_default(False) is called before any lookup).
- name_en / name_fr / name_es: the UN M49 short names ("Türkiye", "Viet Nam", "Republic of Korea",
  "Tchad"), typographic apostrophes made straight, with the few overrides in NAME_OVERRIDES.
- un_region: the M49 region (Africa, Americas, Asia, Europe, Oceania).
- un_subregion: always the M49 sub-region (e.g. "Sub-Saharan Africa", "Northern Africa",
  "Latin America and the Caribbean", "Northern America"), never the intermediate region, so
  that the level is the same everywhere. Antarctica has neither.
- lat, lon: the centroid from hdx-python-country, except the few in COORDINATE_OVERRIDES;
  empty for the United States Minor Outlying Islands, which are scattered across the Pacific.

country_names.csv (name, iso3, lang, source) lists every name form the three packages know:
pycountry names, official and common names (English, and French / Spanish through its gettext
catalogues), babel's CLDR territory names, and the UN M49 / UNTERM / OCHA terms of
hdx-python-country. The resolver in scripts/normalize/countries.py reads it; a name claimed by
two countries is left out and printed.

subdivisions.csv (name, iso3, type) lists the subdivisions of ISO 3166-2 as pycountry
ships them (provinces, states, regions: Bali, Phuket, Darién), each name once: a name that two
countries use, that is a country's name, or that is shorter than four letters is left out.

country_names_other_languages.csv (name, iso3, lang, source) holds the names in every other
language: the UN short names in Arabic, Chinese and Russian from hdx-python-country, babel's
CLDR territory names in every other locale (German, Turkish, Japanese...), and pycountry's
translations of the ISO names, official names included, in every other language of its
catalogues ('Vereinigte Staaten von Amerika'), for exact lookup only.
Left out: a name whose key is already a code, an en/fr/es name, an alias, a non-country, a city
or a province ('Papua'); a name
two countries share; a name of three Latin letters or fewer; a Latin name within the typo
matcher's reach (one edit, two from ten letters) of another country's en/fr/es name or alias; an
island's name without its word for island
('Norfolk' for Norfolk Island is also a county).
"""

import csv
import gettext
from pathlib import Path

import pycountry
from babel import Locale, localedata
from hdx.location.country import Country
from rapidfuzz import process
from rapidfuzz.distance import OSA

from scripts.normalize.country_fuzzy import max_edits
from scripts.normalize.country_keys import fuzzy_form, light_key
from scripts.normalize.text import strip_accents

Country.set_use_live_default(False)

REFERENCE_DIR = Path(__file__).resolve().parents[1] / "data" / "reference"
COLUMNS = ["iso3", "iso2", "m49", "name_en", "name_fr", "name_es",
           "un_region", "un_subregion", "lat", "lon", "is_iso"]
LANGS = ("en", "fr", "es")
SHORT_LATIN_NAME = 3  # 'Ao', 'Nga': names this short in Latin letters read as codes or words
MIN_SUBDIVISION_CHARS = 4

# Where the M49 name is missing or too unlike the name people use; (en, fr, es).
NAME_OVERRIDES = {
    "CIV": (None, None, "Costa de Marfil"),
    "NLD": ("Netherlands", "Pays-Bas", "Países Bajos"),
    "HKG": ("China, Hong Kong SAR", "Chine, RAS de Hong Kong", "China, RAE de Hong Kong"),
    "MAC": ("China, Macao SAR", "Chine, RAS de Macao", "China, RAE de Macao"),
    "TWN": ("Taiwan (Province of China)", "Taïwan (province de Chine)",
            "Taiwán (provincia de China)"),
}

# Where the hdx-python-country centroid falls in the sea, far from where people live (outlying
# islands pull it away: New Zealand's lies far south of the mainland, Portugal's in the
# Azores, Malaysia's off New Guinea). Values from Google's DSPL canonical countries table
# (developers.google.com/public-data/docs/canonical/countries_csv); for Kiribati, Saint Helena
# and the Northern Mariana Islands, whose DSPL point is also at sea, the capital (GeoNames).
COORDINATE_OVERRIDES = {
    "FJI": ("-16.5782", "179.4144"), "MYS": ("4.2105", "101.9758"),
    "NZL": ("-40.9006", "174.8860"), "PHL": ("12.8797", "121.7740"),
    "PRT": ("39.3999", "-8.2245"), "TUV": ("-7.1095", "177.6493"),
    "KIR": ("1.3278", "172.9770"), "SHN": ("-15.9249", "-5.7182"),
    "MNP": ("15.2123", "145.7545"),
}

# Kosovo is not in ISO 3166-1 nor in M49; region as for its neighbours (M49 Southern Europe),
# coordinates from the DSPL table named above.
KOSOVO = {"iso3": "XKX", "iso2": "XK", "m49": "", "name_en": "Kosovo", "name_fr": "Kosovo",
          "name_es": "Kosovo", "un_region": "Europe", "un_subregion": "Southern Europe",
          "lat": "42.6026", "lon": "20.9030", "is_iso": "false"}

# hdx-python-country fields holding names in the other UN languages.
HDX_OTHER_NAME_FIELDS = [("Arabic Short", "ar"), ("Chinese Short", "zh"), ("Russian Short", "ru"),
                         ("M49 Arabic", "ar"), ("M49 Chinese", "zh"), ("M49 Russian", "ru")]
ISLAND_WORDS = frozenset(["island", "islands", "isle"])

# hdx-python-country fields holding names, with the language they are in.
HDX_NAME_FIELDS = [
    ("M49 English", "en"), ("M49 French", "fr"), ("M49 Spanish", "es"),
    ("Preferred Term", "en"), ("English Short", "en"), ("French Short", "fr"),
    ("Spanish Short", "es"), ("English Formal", "en"), ("ISO Alt Term", "en"),
    ("DGACM Alt Term", "en"), ("HPC Tools Alt Term", "en"), ("RW Short Name", "en"),
    ("RW API Alt Term", "en"),
]


def straight(text: str) -> str:
    """Replace typographic apostrophes with the ASCII one."""
    return text.replace("\u2019", "'").replace("\u02bc", "'")


def rounded(number: str | None) -> str:
    """A coordinate to four decimals, or "" where there is none (scattered islands)."""
    return f"{float(number):.4f}" if number else ""


def longitude(number: str | None) -> str:
    """A longitude in -180..180: the source gives 195.3 for Fiji, across the antimeridian."""
    if not number:
        return ""
    value = float(number)
    return rounded(str(value - 360 if value > 180 else value))


def hdx_info(iso3: str) -> dict:
    """The hdx-python-country record of a country, or an empty dict."""
    return Country.get_country_info_from_iso3(iso3) or {}


def country_row(country) -> dict:
    """One countries.csv row for a pycountry country."""
    info = hdx_info(country.alpha_3)
    names = [straight(info.get(f"M49 {lang}") or "") for lang in ("English", "French", "Spanish")]
    for i, override in enumerate(NAME_OVERRIDES.get(country.alpha_3, (None,) * 3)):
        names[i] = override or names[i]
    m49 = info.get("m49 numerical code") or str(int(country.numeric))
    lat, lon = COORDINATE_OVERRIDES.get(
        country.alpha_3, (rounded(info.get("Latitude")), longitude(info.get("Longitude"))))
    return {
        "iso3": country.alpha_3, "iso2": country.alpha_2, "m49": m49.zfill(3),
        "name_en": names[0], "name_fr": names[1], "name_es": names[2],
        "un_region": info.get("Region Name") or "",
        "un_subregion": info.get("Sub-region Name") or "",
        "lat": lat, "lon": lon,
        "is_iso": "true",
    }


def country_rows() -> list[dict]:
    """All countries.csv rows, sorted by iso3."""
    rows = [country_row(c) for c in pycountry.countries] + [KOSOVO]
    missing = [r["iso3"] for r in rows if not all(r[k] for k in ("name_en", "name_fr", "name_es"))]
    if missing:
        raise SystemExit(f"names missing for {missing}: add them to NAME_OVERRIDES")
    return sorted(rows, key=lambda r: r["iso3"])


def pycountry_names(country, catalogues: dict) -> list[tuple[str, str, str]]:
    """(name, lang, source) of a country in pycountry, translated with its gettext catalogues."""
    english = [getattr(country, attr, None) for attr in ("name", "official_name", "common_name")]
    found = [(name, "en", "pycountry") for name in english if name]
    for lang, catalogue in catalogues.items():
        found += [(catalogue.gettext(name), lang, "pycountry") for name in english if name]
    return found


def all_names(rows: list[dict]) -> list[dict]:
    """Every (name, iso3) pair known to the packages; names claimed twice are dropped."""
    catalogues = {lang: gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
                  for lang in ("fr", "es")}
    territories = {lang: Locale(lang).territories for lang in LANGS}
    owners: dict[str, set[str]] = {}
    found: dict[tuple[str, str], dict] = {}
    for row in rows:
        iso3 = row["iso3"]
        pairs = [(row[f"name_{lang}"], lang, "countries.csv") for lang in LANGS]
        pairs += [(territories[lang][row["iso2"]], lang, "cldr") for lang in LANGS
                  if row["iso2"] in territories[lang]]
        country = pycountry.countries.get(alpha_3=iso3)
        if country:
            pairs += pycountry_names(country, catalogues)
        info = hdx_info(iso3)
        pairs += [(info[field], lang, "un-m49-hdx") for field, lang in HDX_NAME_FIELDS
                  if info.get(field)]
        for name, lang, source in pairs:
            name = straight(name).strip()
            key = name.casefold()
            owners.setdefault(key, set()).add(iso3)
            found.setdefault((key, iso3), {"name": name, "iso3": iso3, "lang": lang,
                                           "source": source})
    for key, isos in sorted(owners.items()):
        if len(isos) > 1:
            print(f"left out, claimed by {sorted(isos)}: {key}")
    return [entry for (key, _), entry in found.items() if len(owners[key]) == 1]


def other_language_names(rows: list[dict], taken: set[str]) -> list[dict]:
    """UN names in ar/zh/ru and CLDR names of every locale but en/fr/es whose key no other name holds."""
    iso3_of = {row["iso2"]: row["iso3"] for row in rows}
    pairs = [(straight(info[field]), row["iso3"], lang, "un-m49-hdx") for row in rows
             for info in [hdx_info(row["iso3"])] for field, lang in HDX_OTHER_NAME_FIELDS if info.get(field)]
    for locale in sorted(code for code in localedata.locale_identifiers() if "_" not in code):
        if locale not in LANGS:
            pairs += [(straight(name), iso3_of[iso2], locale, "cldr")
                      for iso2, name in Locale.parse(locale).territories.items() if iso2 in iso3_of]
    for path in sorted(Path(pycountry.LOCALES_DIR).glob("*/LC_MESSAGES/iso3166-1.mo")):
        lang = path.parents[1].name  # official names in every language: 'Vereinigte Staaten von Amerika'
        if lang.split("_")[0] not in LANGS:
            catalogue = {lang: gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])}
            pairs += [(straight(name), country.alpha_3, lang, source) for country in pycountry.countries
                      for name, name_lang, source in pycountry_names(country, catalogue) if name_lang == lang]
    owners: dict[str, set[str]] = {}
    found: dict[str, dict] = {}
    for name, iso3, lang, source in pairs:
        key = light_key(name)
        if key in taken or len(key) <= SHORT_LATIN_NAME and key.isascii():
            continue
        owners.setdefault(key, set()).add(iso3)
        found.setdefault(key, {"name": name, "iso3": iso3, "lang": lang, "source": source})
    return [entry for key, entry in found.items() if len(owners[key]) == 1]


def far_from_other_countries(entries: list[dict], names: list[dict]) -> list[dict]:
    """Entries whose name is no typo of another country's en/fr/es name or alias, nor an
    island's English name without its word for island."""
    with (REFERENCE_DIR / "country_aliases.csv").open(encoding="utf-8") as handle:
        known = [(row["alias"], row["iso3"]) for row in csv.DictReader(handle) if row["iso3"]]
    known += [(entry["name"], entry["iso3"]) for entry in names]
    forms = [fuzzy_form(name) for name, _ in known]
    islands = {" ".join(w for w in fuzzy_form(name).split() if w not in ISLAND_WORDS)
               for entry in names if entry["lang"] == "en" for name in [entry["name"]]
               if set(fuzzy_form(name).split()) & ISLAND_WORDS}
    kept = []
    for entry in entries:
        form = fuzzy_form(entry["name"])
        if form in islands:
            continue
        latin = strip_accents(entry["name"]).isascii()  # typos of other scripts reach no Latin name
        reach = max_edits(len(form))  # the typo matcher's own reach: 'Chiny' (Polish) is two edits from 'Chile'
        hits = latin and process.extract(form, forms, scorer=OSA.distance, score_cutoff=reach, limit=None)
        if not hits or all(known[index][1] == entry["iso3"] for _, _, index in hits):
            kept.append(entry)
    return kept


def subdivision_rows(rows: list[dict], names: list[dict]) -> list[dict]:
    """ISO 3166-2 subdivisions whose name one country holds and that is no country's name."""
    iso3_of = {row["iso2"]: row["iso3"] for row in rows}
    country_keys = {light_key(entry["name"]) for entry in names}
    owners: dict[str, set[str]] = {}
    found: dict[str, dict] = {}
    for subdivision in pycountry.subdivisions:
        key = light_key(subdivision.name)
        if subdivision.country_code not in iso3_of or len(key) < MIN_SUBDIVISION_CHARS \
                or key in country_keys:
            continue
        owners.setdefault(key, set()).add(iso3_of[subdivision.country_code])
        found.setdefault(key, {"name": subdivision.name, "iso3": iso3_of[subdivision.country_code],
                               "type": subdivision.type})
    return sorted((entry for key, entry in found.items() if len(owners[key]) == 1),
                  key=lambda r: (r["iso3"], r["name"]))


def taken_keys(rows: list[dict], names: list[dict], subdivisions: list[dict]) -> set[str]:
    """Keys of the codes, the en/fr/es names, the aliases, the non-countries, the cities and the
    provinces ('Papua'): other locales never claim them."""
    keys = {light_key(entry["name"]) for entry in names}
    keys |= {light_key(row[column]) for row in rows for column in ("iso2", "iso3")}
    keys |= {light_key(row["name"]) for row in subdivisions}
    with (REFERENCE_DIR / "cities.csv").open(encoding="utf-8") as handle:
        keys |= {light_key(row["name"]) for row in csv.DictReader(handle)}
    for file, column in (("country_aliases.csv", "alias"), ("not_countries.csv", "name")):
        with (REFERENCE_DIR / file).open(encoding="utf-8") as handle:
            keys |= {light_key(row[column]) for row in csv.DictReader(handle)}
    return keys


def write_csv(path: Path, fieldnames: list[str], rows: list[dict]) -> None:
    """Write rows to a UTF-8 CSV with Unix line endings."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fieldnames, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main() -> None:
    """Build both files and say how many rows each has."""
    rows = country_rows()
    names = sorted(all_names(rows), key=lambda r: (r["iso3"], r["lang"], r["name"]))
    write_csv(REFERENCE_DIR / "countries.csv", COLUMNS, rows)
    write_csv(REFERENCE_DIR / "country_names.csv", ["name", "iso3", "lang", "source"], names)
    subdivisions = subdivision_rows(rows, names)
    write_csv(REFERENCE_DIR / "subdivisions.csv", ["name", "iso3", "type"], subdivisions)
    others = far_from_other_countries(other_language_names(rows, taken_keys(rows, names, subdivisions)), names)
    others = sorted(others, key=lambda r: (r["iso3"], r["lang"], r["name"]))
    write_csv(REFERENCE_DIR / "country_names_other_languages.csv", ["name", "iso3", "lang", "source"], others)
    print(f"subdivisions.csv: {len(subdivisions)} rows")
    print(f"countries.csv: {len(rows)} rows; country_names.csv: {len(names)} names; "
          f"country_names_other_languages.csv: {len(others)} names")


if __name__ == "__main__":
    main()
