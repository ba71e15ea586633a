"""Seeded generator of clearly fictional sample events: the shipped samples and the benchmark file.

`python -m tools.sample_events` rewrites the three sample files in data/raw/ (same bytes every
run); the benchmark calls `write_bench_file`. Every event is illustrative, flagged as a sample,
and placed in a real city of its host country; country values come in English, French, Spanish
or ISO3 form, as real files write them.
"""

import csv
import io
import random
import re
import zipfile
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from openpyxl import Workbook

DEMO_DIR = Path(__file__).resolve().parents[1] / "data" / "demo"
FIELDS = ("event_id", "title", "event_type", "themes", "start_date", "end_date", "city", "country",
          "participants", "organizations", "participants_total", "source_url", "summary", "is_sample")
YEARS = tuple(range(2015, 2027))
REGIONS = ("africa", "americas", "asia-pacific", "europe-central-asia", "mena")
BENCH_POOL = 16_384
BENCH_BAD_SHARE = 0.02
ZIP_TIME = (2026, 1, 1, 0, 0, 0)

# subregion: region, "in ..." phrase in en/fr/es, regional organizations
SUBREGIONS = {
    "west-africa": ("africa", "in West Africa", "en Afrique de l'Ouest", "en África Occidental", ("ECOWAS", "AU")),
    "central-africa": ("africa", "in Central Africa", "en Afrique centrale", "en África Central", ("AU",)),
    "east-africa": ("africa", "in East Africa and the Horn", "en Afrique de l'Est et dans la Corne",
                    "en África Oriental y el Cuerno", ("IGAD", "AU")),
    "southern-africa": ("africa", "in Southern Africa", "en Afrique australe", "en África Austral", ("AU",)),
    "central-america": ("americas", "in Central America", "en Amérique centrale", "en Centroamérica",
                        ("SICA", "RCM")),
    "caribbean": ("americas", "in the Caribbean", "dans les Caraïbes", "en el Caribe", ("CARICOM",)),
    "south-america": ("americas", "in South America", "en Amérique du Sud", "en Sudamérica", ()),
    "south-east-asia": ("asia-pacific", "in South-East Asia", "en Asie du Sud-Est", "en el Sudeste Asiático",
                        ("ASEAN", "BALI")),
    "south-asia": ("asia-pacific", "in South Asia", "en Asie du Sud", "en Asia Meridional", ("BALI",)),
    "pacific": ("asia-pacific", "in the Pacific", "dans le Pacifique", "en el Pacífico", ("BALI",)),
    "europe": ("europe-central-asia", "in Europe", "en Europe", "en Europa", ("EU",)),
    "western-balkans": ("europe-central-asia", "in the Western Balkans", "dans les Balkans occidentaux",
                        "en los Balcanes Occidentales", ("EU",)),
    "eastern-europe": ("europe-central-asia", "in Eastern Europe and the South Caucasus",
                       "en Europe de l'Est et dans le Caucase du Sud",
                       "en Europa del Este y el Cáucaso Meridional", ()),
    "central-asia": ("europe-central-asia", "in Central Asia", "en Asie centrale", "en Asia Central", ()),
    "north-africa": ("mena", "in North Africa", "en Afrique du Nord", "en el Norte de África", ("AU",)),
    "middle-east": ("mena", "in the Middle East", "au Moyen-Orient", "en Oriente Medio", ()),
}

# iso3, subregion, English, French, Spanish name, language of local titles, cities (GeoNames names)
COUNTRIES = (
    ("SEN", "west-africa", "Senegal", "Sénégal", "Senegal", "fr", ("Dakar", "Saint-Louis")),
    ("MLI", "west-africa", "Mali", "Mali", "Malí", "fr", ("Bamako",)),
    ("NER", "west-africa", "Niger", "Niger", "Níger", "fr", ("Niamey", "Agadez")),
    ("BFA", "west-africa", "Burkina Faso", "Burkina Faso", "Burkina Faso", "fr", ("Ouagadougou",)),
    ("CIV", "west-africa", "Côte d'Ivoire", "Côte d'Ivoire", "Côte d'Ivoire", "fr", ("Abidjan",)),
    ("GIN", "west-africa", "Guinea", "Guinée", "Guinea", "fr", ("Conakry",)),
    ("GHA", "west-africa", "Ghana", "Ghana", "Ghana", "", ("Accra",)),
    ("NGA", "west-africa", "Nigeria", "Nigéria", "Nigeria", "", ("Abuja", "Lagos")),
    ("GMB", "west-africa", "Gambia", "Gambie", "Gambia", "", ("Banjul",)),
    ("CMR", "central-africa", "Cameroon", "Cameroun", "Camerún", "fr", ("Yaoundé", "Douala")),
    ("TCD", "central-africa", "Chad", "Tchad", "Chad", "fr", ("N'Djamena",)),
    ("COD", "central-africa", "Democratic Republic of the Congo", "République démocratique du Congo",
     "República Democrática del Congo", "fr", ("Kinshasa", "Goma")),
    ("KEN", "east-africa", "Kenya", "Kenya", "Kenia", "", ("Nairobi", "Mombasa")),
    ("ETH", "east-africa", "Ethiopia", "Éthiopie", "Etiopía", "", ("Addis Ababa",)),
    ("UGA", "east-africa", "Uganda", "Ouganda", "Uganda", "", ("Kampala",)),
    ("SOM", "east-africa", "Somalia", "Somalie", "Somalia", "", ("Mogadishu",)),
    ("DJI", "east-africa", "Djibouti", "Djibouti", "Yibuti", "fr", ("Djibouti",)),
    ("SSD", "east-africa", "South Sudan", "Soudan du Sud", "Sudán del Sur", "", ("Juba",)),
    ("TZA", "east-africa", "United Republic of Tanzania", "Tanzanie", "Tanzania", "", ("Dar es Salaam", "Arusha")),
    ("RWA", "east-africa", "Rwanda", "Rwanda", "Ruanda", "fr", ("Kigali",)),
    ("ZAF", "southern-africa", "South Africa", "Afrique du Sud", "Sudáfrica", "", ("Pretoria", "Johannesburg")),
    ("ZWE", "southern-africa", "Zimbabwe", "Zimbabwe", "Zimbabue", "", ("Harare",)),
    ("ZMB", "southern-africa", "Zambia", "Zambie", "Zambia", "", ("Lusaka",)),
    ("MOZ", "southern-africa", "Mozambique", "Mozambique", "Mozambique", "", ("Maputo",)),
    ("MWI", "southern-africa", "Malawi", "Malawi", "Malaui", "", ("Lilongwe",)),
    ("MEX", "central-america", "Mexico", "Mexique", "México", "es", ("Mexico City", "Tapachula")),
    ("GTM", "central-america", "Guatemala", "Guatemala", "Guatemala", "es", ("Guatemala City",)),
    ("HND", "central-america", "Honduras", "Honduras", "Honduras", "es", ("Tegucigalpa", "San Pedro Sula")),
    ("SLV", "central-america", "El Salvador", "Salvador", "El Salvador", "es", ("San Salvador",)),
    ("CRI", "central-america", "Costa Rica", "Costa Rica", "Costa Rica", "es", ("San José",)),
    ("PAN", "central-america", "Panama", "Panama", "Panamá", "es", ("Panama City",)),
    ("DOM", "caribbean", "Dominican Republic", "République dominicaine", "República Dominicana", "es",
     ("Santo Domingo",)),
    ("HTI", "caribbean", "Haiti", "Haïti", "Haití", "fr", ("Port-au-Prince",)),
    ("JAM", "caribbean", "Jamaica", "Jamaïque", "Jamaica", "", ("Kingston",)),
    ("TTO", "caribbean", "Trinidad and Tobago", "Trinité-et-Tobago", "Trinidad y Tobago", "", ("Port of Spain",)),
    ("COL", "south-america", "Colombia", "Colombie", "Colombia", "es", ("Bogotá", "Cúcuta")),
    ("ECU", "south-america", "Ecuador", "Équateur", "Ecuador", "es", ("Quito", "Guayaquil")),
    ("PER", "south-america", "Peru", "Pérou", "Perú", "es", ("Lima",)),
    ("CHL", "south-america", "Chile", "Chili", "Chile", "es", ("Santiago",)),
    ("ARG", "south-america", "Argentina", "Argentine", "Argentina", "es", ("Buenos Aires",)),
    ("BRA", "south-america", "Brazil", "Brésil", "Brasil", "es", ("Brasília", "São Paulo", "Boa Vista")),
    ("URY", "south-america", "Uruguay", "Uruguay", "Uruguay", "es", ("Montevideo",)),
    ("THA", "south-east-asia", "Thailand", "Thaïlande", "Tailandia", "", ("Bangkok",)),
    ("PHL", "south-east-asia", "Philippines", "Philippines", "Filipinas", "", ("Manila",)),
    ("IDN", "south-east-asia", "Indonesia", "Indonésie", "Indonesia", "", ("Jakarta",)),
    ("MYS", "south-east-asia", "Malaysia", "Malaisie", "Malasia", "", ("Kuala Lumpur",)),
    ("VNM", "south-east-asia", "Viet Nam", "Viêt Nam", "Vietnam", "", ("Hanoi",)),
    ("KHM", "south-east-asia", "Cambodia", "Cambodge", "Camboya", "fr", ("Phnom Penh",)),
    ("BGD", "south-asia", "Bangladesh", "Bangladesh", "Bangladés", "", ("Dhaka", "Cox's Bazar")),
    ("NPL", "south-asia", "Nepal", "Népal", "Nepal", "", ("Kathmandu",)),
    ("LKA", "south-asia", "Sri Lanka", "Sri Lanka", "Sri Lanka", "", ("Colombo",)),
    ("PAK", "south-asia", "Pakistan", "Pakistan", "Pakistán", "", ("Islamabad",)),
    ("AFG", "south-asia", "Afghanistan", "Afghanistan", "Afganistán", "", ("Kabul",)),
    ("FJI", "pacific", "Fiji", "Fidji", "Fiyi", "", ("Suva",)),
    ("PNG", "pacific", "Papua New Guinea", "Papouasie-Nouvelle-Guinée", "Papúa Nueva Guinea", "",
     ("Port Moresby",)),
    ("VUT", "pacific", "Vanuatu", "Vanuatu", "Vanuatu", "fr", ("Port-Vila",)),
    ("AUS", "pacific", "Australia", "Australie", "Australia", "", ("Canberra", "Sydney")),
    ("AUT", "europe", "Austria", "Autriche", "Austria", "", ("Vienna",)),
    ("BEL", "europe", "Belgium", "Belgique", "Bélgica", "fr", ("Brussels",)),
    ("FRA", "europe", "France", "France", "Francia", "fr", ("Paris", "Marseille")),
    ("CHE", "europe", "Switzerland", "Suisse", "Suiza", "fr", ("Geneva", "Bern")),
    ("DEU", "europe", "Germany", "Allemagne", "Alemania", "", ("Berlin",)),
    ("ITA", "europe", "Italy", "Italie", "Italia", "", ("Rome", "Palermo")),
    ("ESP", "europe", "Spain", "Espagne", "España", "", ("Madrid",)),
    ("GRC", "europe", "Greece", "Grèce", "Grecia", "", ("Athens",)),
    ("SRB", "western-balkans", "Serbia", "Serbie", "Serbia", "", ("Belgrade",)),
    ("BIH", "western-balkans", "Bosnia and Herzegovina", "Bosnie-Herzégovine", "Bosnia y Herzegovina", "",
     ("Sarajevo",)),
    ("ALB", "western-balkans", "Albania", "Albanie", "Albania", "", ("Tirana",)),
    ("MKD", "western-balkans", "North Macedonia", "Macédoine du Nord", "Macedonia del Norte", "", ("Skopje",)),
    ("UKR", "eastern-europe", "Ukraine", "Ukraine", "Ucrania", "", ("Kyiv",)),
    ("MDA", "eastern-europe", "Republic of Moldova", "Moldavie", "Moldavia", "", ("Chisinau",)),
    ("TUR", "eastern-europe", "Türkiye", "Turquie", "Turquía", "", ("Ankara", "Gaziantep")),
    ("GEO", "eastern-europe", "Georgia", "Géorgie", "Georgia", "", ("Tbilisi",)),
    ("ARM", "eastern-europe", "Armenia", "Arménie", "Armenia", "", ("Yerevan",)),
    ("KAZ", "central-asia", "Kazakhstan", "Kazakhstan", "Kazajistán", "", ("Astana", "Almaty")),
    ("KGZ", "central-asia", "Kyrgyzstan", "Kirghizistan", "Kirguistán", "", ("Bishkek",)),
    ("TJK", "central-asia", "Tajikistan", "Tadjikistan", "Tayikistán", "", ("Dushanbe",)),
    ("UZB", "central-asia", "Uzbekistan", "Ouzbékistan", "Uzbekistán", "", ("Tashkent",)),
    ("EGY", "north-africa", "Egypt", "Égypte", "Egipto", "", ("Cairo",)),
    ("MAR", "north-africa", "Morocco", "Maroc", "Marruecos", "fr", ("Rabat", "Casablanca")),
    ("TUN", "north-africa", "Tunisia", "Tunisie", "Túnez", "fr", ("Tunis",)),
    ("LBY", "north-africa", "Libya", "Libye", "Libia", "", ("Tripoli",)),
    ("SDN", "north-africa", "Sudan", "Soudan", "Sudán", "", ("Khartoum",)),
    ("JOR", "middle-east", "Jordan", "Jordanie", "Jordania", "", ("Amman",)),
    ("LBN", "middle-east", "Lebanon", "Liban", "Líbano", "fr", ("Beirut",)),
    ("IRQ", "middle-east", "Iraq", "Irak", "Irak", "", ("Baghdad", "Erbil")),
    ("YEM", "middle-east", "Yemen", "Yémen", "Yemen", "", ("Aden",)),
    ("KWT", "middle-east", "Kuwait", "Koweït", "Kuwait", "", ("Kuwait City",)),
)

# misspellings that real files contain; the country resolver matches them fuzzily (participants only)
MISSPELLINGS = {"PHL": "Philipines", "SEN": "Senegall", "ETH": "Ethopia", "TUN": "Tunesia"}

# city names that French or Spanish files write their own way (all known to the gazetteer)
LOCAL_CITY_NAMES = {"Brussels": {"fr": "Bruxelles"}, "Geneva": {"fr": "Genève"}, "Bern": {"fr": "Berne"},
                    "Beirut": {"fr": "Beyrouth"}, "Mexico City": {"es": "Ciudad de México"},
                    "Panama City": {"es": "Ciudad de Panamá"}, "Guatemala City": {"es": "Ciudad de Guatemala"}}

# organization: name as written in en, fr, es
ORGANIZATIONS = {
    "IOM": ("IOM", "OIM", "OIM"), "UNHCR": ("UNHCR", "HCR", "ACNUR"), "ICRC": ("ICRC", "CICR", "CICR"),
    "UNICEF": ("UNICEF", "UNICEF", "UNICEF"), "UNODC": ("UNODC", "ONUDC", "ONUDC"),
    "UNDP": ("UNDP", "PNUD", "PNUD"), "ILO": ("ILO", "OIT", "OIT"), "ECOWAS": ("ECOWAS", "CEDEAO", "CEDEAO"),
    "IGAD": ("IGAD", "IGAD", "IGAD"), "AU": ("AU", "UA", "UA"), "EU": ("EU", "UE", "UE"),
    "SICA": ("SICA", "SICA", "SICA"), "CARICOM": ("CARICOM", "CARICOM", "CARICOM"),
    "ASEAN": ("ASEAN", "ASEAN", "ASEAN"), "RCM": ("RCM", "CRM", "CRM"),
    "BALI": ("Bali Process", "Bali Process", "Bali Process"),
}
IOM_FULL_NAME = ("International Organization for Migration", "Organisation internationale pour les migrations",
                 "Organización Internacional para las Migraciones")
GLOBAL_PARTNERS = ("UNHCR", "ICRC", "UNICEF", "UNODC", "UNDP", "ILO")

# event type: label in fr, es; grammatical gender of the French noun
EVENT_TYPES = {
    "conference": ("conférence", "conferencia", "f"), "workshop": ("atelier", "taller", "m"),
    "training": ("formation", "capacitación", "f"), "meeting": ("réunion", "reunión", "f"),
    "consultation": ("consultation", "consulta", "f"), "campaign": ("campagne", "campaña", "f"),
    "launch": ("lancement", "lanzamiento", "m"), "field-visit": ("visite de terrain", "visita de campo", "f"),
}
DAYS = {"conference": (2, 5), "workshop": (1, 3), "training": (3, 5), "meeting": (1, 2),
        "consultation": (1, 3), "campaign": (1, 5), "launch": (1, 1), "field-visit": (1, 3)}

# theme: English phrase, French label and its article, Spanish label and its article
THEMES = {
    "counter-trafficking": ("counter-trafficking", "lutte contre la traite", "la ", "trata de personas", "la "),
    "labour-migration": ("labour migration", "migration de main-d'œuvre", "la ", "migración laboral", "la "),
    "border-management": ("border management", "gestion des frontières", "la ", "gestión de fronteras", "la "),
    "displacement": ("displacement", "déplacement", "le ", "desplazamiento", "el "),
    "return-reintegration": ("return and reintegration", "retour et réintégration", "le ",
                             "retorno y reintegración", "el "),
    "climate-migration": ("climate migration", "migration climatique", "la ", "migración climática", "la "),
    "migration-health": ("migration health", "santé des migrants", "la ", "salud de los migrantes", "la "),
    "child-protection": ("child protection", "protection de l'enfance", "la ", "protección de la niñez", "la "),
    "migration-governance": ("migration governance", "gouvernance des migrations", "la ", "gobernanza migratoria",
                             "la "),
    "integration": ("integration", "intégration", "l'", "integración", "la "),
    "migration-data": ("migration data", "données migratoires", "les ", "datos migratorios", "los "),
    "emergency-response": ("emergency response", "intervention d'urgence", "l'", "respuesta a emergencias", "la "),
}
SCOPES = {"regional": ("regional", "régional", "regional"), "national": ("national", "national", "nacional"),
          "sub-regional": ("sub-regional", "sous-régional", "subregional")}
FR_MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
             "octobre", "novembre", "décembre")
ES_MONTHS = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
             "octubre", "noviembre", "diciembre")
LANGS = ("en", "fr", "es")


@dataclass(frozen=True)
class Country:
    """A possible host or participant: its names in en/fr/es and cities known to the gazetteer."""

    iso3: str
    subregion: str
    names: tuple[str, str, str]
    local_lang: str
    cities: tuple[str, ...]

    @property
    def region(self) -> str:
        """Broad region used to balance the samples."""
        return SUBREGIONS[self.subregion][0]


CATALOGUE = tuple(Country(iso3, sub, (en, fr, es), lang, cities) for iso3, sub, en, fr, es, lang, cities in COUNTRIES)


@dataclass(frozen=True)
class Event:
    """One fictional event; `lang` drives its labels, `date_style` how its dates are written."""

    lang: str
    title: str
    event_type: str
    themes: tuple[str, ...]
    start: date
    end: date | None
    city: str
    country: str
    participants: tuple[str, ...]
    organizations: tuple[str, ...]
    total: int | None
    url: str
    summary: str
    date_style: str  # iso | dmy | words


_REGION_BY_NAME = {form: c.region for c in CATALOGUE
                   for form in (*c.names, c.iso3, *([MISSPELLINGS[c.iso3]] if c.iso3 in MISSPELLINGS else []))}


def region_of(country_value: str) -> str | None:
    """Region of a country value written in any of the catalogue's forms (name or ISO3)."""
    return _REGION_BY_NAME.get(country_value)


def _name_form(rng: random.Random, country: Country, lang: str, misspell: bool = False) -> str:
    """Mostly the name in the row's language, sometimes another language, the ISO3 code or a typo."""
    roll = rng.random()
    if misspell and roll < 0.1 and country.iso3 in MISSPELLINGS:
        return MISSPELLINGS[country.iso3]
    if roll < 0.8:
        return country.names[LANGS.index(lang)]
    if roll < 0.9:
        return country.iso3
    return country.names[rng.randrange(3)]


def _title(lang: str, event_type: str, scope: str, theme: str, where: str, city: str) -> str:
    """A title in the event's language, such as 'Atelier national sur la gestion des frontières'."""
    en, fr, fr_article, es, _ = THEMES[theme]
    scope_en, scope_fr, scope_es = SCOPES[scope]
    fr_noun, es_noun, gender = EVENT_TYPES[event_type]
    if lang == "fr":
        adjective = scope_fr + ("e" if gender == "f" else "")
        subject = f"sur {fr_article}{fr}"
        text = {"field-visit": f"visite de terrain {subject} à {city}",
                "launch": f"lancement du plan d'action {scope_fr} {subject} {where}",
                "campaign": f"campagne {adjective} de sensibilisation {subject} {where}"}.get(
            event_type, f"{fr_noun} {adjective} {subject} {where}")
    elif lang == "es":
        text = {"field-visit": f"visita de campo sobre {es} en {city}",
                "launch": f"lanzamiento del plan de acción {scope_es} sobre {es} {where}",
                "campaign": f"campaña {scope_es} de sensibilización sobre {es} {where}"}.get(
            event_type, f"{es_noun} {scope_es} sobre {es} {where}")
    else:
        text = {"field-visit": f"field visit on {en} to {city}",
                "launch": f"launch of the {scope_en} action plan on {en} {where}",
                "campaign": f"{scope_en} awareness campaign on {en} {where}"}.get(
            event_type, f"{scope_en} {event_type} on {en} {where}")
    return text[0].upper() + text[1:]


def _summary(lang: str, city: str, theme: str) -> str:
    """A one-sentence description that says the event is fictional."""
    en, fr, fr_article, es, es_article = THEMES[theme]
    if lang == "fr":
        return (f"Événement fictif d'exemple : des responsables gouvernementaux et des partenaires se sont "
                f"réunis à {city} pour échanger sur {fr_article}{fr}.")
    if lang == "es":
        return (f"Evento ficticio de ejemplo: funcionarios de gobierno y socios se reunieron en {city} para "
                f"tratar {es_article}{es}.")
    return f"Fictional sample event: government officials and partners met in {city} to discuss {en}."


def _balanced(rng: random.Random, values, count: int) -> list:
    """`count` values cycling through all of `values`, in shuffled order."""
    items = [values[i % len(values)] for i in range(count)]
    rng.shuffle(items)
    return items


def _can_host(country: Country, language: str | None) -> bool:
    """French or Spanish samples are hosted where that language is spoken; others anywhere."""
    return language in (None, "en") or country.local_lang == language


def _participants(rng: random.Random, host: Country, scope: str) -> list[Country]:
    """Mostly neighbours from the host's subregion, sometimes one from elsewhere in its region."""
    neighbours = [c for c in CATALOGUE if c.subregion == host.subregion and c is not host]
    others = [c for c in CATALOGUE if c.region == host.region and c.subregion != host.subregion]
    wanted = rng.randint(0, 2) if scope == "national" else rng.randint(2, 6)
    picked = rng.sample(neighbours, min(len(neighbours), wanted))
    if others and rng.random() < 0.3:
        picked.append(rng.choice(others))
    return picked


def _organizations(rng: random.Random, host: Country, lang: str) -> tuple[str, ...]:
    """IOM (as OIM, or spelled out, in French and Spanish) with a few global and regional partners."""
    index = LANGS.index(lang)
    iom = IOM_FULL_NAME[index] if rng.random() < 0.1 else ORGANIZATIONS["IOM"][index]
    partners = rng.sample(GLOBAL_PARTNERS, rng.randint(0, 2)) + list(SUBREGIONS[host.subregion][4])
    return (iom, *(ORGANIZATIONS[code][index] for code in partners if rng.random() < 0.7))


def _draw(rng: random.Random, serial: int, year: int, event_type: str, region: str, theme: str,
          language: str | None) -> Event:
    """One event of the given year, type, region and main theme."""
    host = rng.choice([c for c in CATALOGUE if c.region == region and _can_host(c, language)])
    lang = language or (host.local_lang if host.local_lang and rng.random() < 0.35 else "en")
    city = rng.choice(host.cities)
    city = LOCAL_CITY_NAMES.get(city, {}).get(lang, city)
    scope = "national" if event_type == "field-visit" else rng.choice(("regional", "national", "national",
                                                                         "sub-regional"))
    if scope == "national":
        where = {"fr": f"à {city}", "es": f"en {city}"}.get(lang, f"in {city}")
    else:
        where = SUBREGIONS[host.subregion][1 + LANGS.index(lang)]
    themes = (theme, *rng.sample([t for t in THEMES if t != theme], rng.choice((0, 0, 1, 2))))
    start = date(year, 1, 1) + timedelta(days=rng.randrange(365))
    days = rng.randint(*DAYS[event_type])
    end = None if days == 1 and rng.random() < 0.5 else start + timedelta(days=days - 1)
    participants = _participants(rng, host, scope)
    return Event(lang=lang, title=_title(lang, event_type, scope, theme, where, city), event_type=event_type,
                 themes=themes, start=start, end=end, city=city, country=_name_form(rng, host, lang),
                 participants=tuple(_name_form(rng, c, lang, misspell=True) for c in participants),
                 organizations=_organizations(rng, host, lang),
                 total=None if rng.random() < 0.12 else rng.randint(10, 400),
                 url="" if rng.random() < 0.6 else f"https://example.org/sample-events/{year}/{serial:05d}",
                 summary=_summary(lang, city, theme),
                 date_style={"fr": rng.choice(("dmy", "dmy", "words")),
                             "es": rng.choice(("iso", "iso", "words"))}.get(lang, "iso"))


def _events(rng: random.Random, count: int, language: str | None = None) -> list[Event]:
    """`count` events balanced over years, types, regions and main themes; unique title/date/host."""
    regions = [r for r in REGIONS if any(c.region == r and _can_host(c, language) for c in CATALOGUE)]
    plan = zip(_balanced(rng, YEARS, count), _balanced(rng, tuple(EVENT_TYPES), count),
               _balanced(rng, regions, count), _balanced(rng, tuple(THEMES), count))
    events, seen = [], set()
    for serial, (year, event_type, region, theme) in enumerate(plan, 1):
        event = _draw(rng, serial, year, event_type, region, theme, language)
        while (event.title, event.start, event.country) in seen:
            event = _draw(rng, serial, year, event_type, region, theme, language)
        seen.add((event.title, event.start, event.country))
        events.append(event)
    return events


def format_date(day: date | None, style: str, lang: str) -> str:
    """'2015-08-18', '18/08/2015', '18 août 2015' or '18 de agosto de 2015'; '' for no date."""
    if day is None:
        return ""
    if style == "dmy":
        return f"{day.day:02d}/{day.month:02d}/{day.year}"
    if style == "words" and lang == "fr":
        return f"{'1er' if day.day == 1 else day.day} {FR_MONTHS[day.month - 1]} {day.year}"
    if style == "words" and lang == "es":
        return f"{day.day} de {ES_MONTHS[day.month - 1]} de {day.year}"
    return day.isoformat()


def _labels(event: Event) -> tuple[str, str]:
    """Event type and themes as the event's language writes them (codes in English)."""
    if event.lang == "en":
        return event.event_type, ";".join(event.themes)
    column = 1 if event.lang == "fr" else 3
    type_label = EVENT_TYPES[event.event_type][LANGS.index(event.lang) - 1]
    return type_label, ";".join(THEMES[t][column] for t in event.themes)


def _values(event: Event, style: str | None = None) -> list:
    """The event's values in FIELDS order without event_id; `style` overrides its date style."""
    event_type, themes = _labels(event)
    style = style or event.date_style
    return [event.title, event_type, themes, format_date(event.start, style, event.lang),
            format_date(event.end, style, event.lang), event.city, event.country, ";".join(event.participants),
            ";".join(event.organizations), "" if event.total is None else str(event.total), event.url,
            event.summary, "true"]


def generate_events(count: int, seed: int, language: str | None = None) -> list[dict]:
    """`count` fictional events as canonical raw rows; `language` en|fr|es, or None for a mix."""
    rng = random.Random(seed)
    return [dict(zip(FIELDS, [f"SMP-{seed}-{n:05d}", *_values(event)]))
            for n, event in enumerate(_events(rng, count, language), 1)]


def write_bench_file(path: Path, rows: int, seed: int) -> None:
    """Stream `rows` messy events (~2% invalid, unique event_id) to a UTF-8 CSV with English headers."""
    rng = random.Random(seed)
    pool = [_values(event) for event in _events(rng, BENCH_POOL)]
    lines = [_csv_line(values) for values in pool]
    defects = (_unknown_country, _impossible_date, _end_before_start, _missing_title)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        handle.write(_csv_line(FIELDS))
        for first in range(0, rows, 50_000):
            chunk = []
            for n in range(first, min(rows, first + 50_000)):
                pick = rng.randrange(BENCH_POOL)
                if rng.random() < BENCH_BAD_SHARE:
                    line = _csv_line(defects[n % len(defects)](list(pool[pick])))
                else:
                    line = lines[pick]
                chunk.append(f"B{seed}-{n:07d},{line}")
            handle.write("".join(chunk))


def _csv_line(values) -> str:
    """One CSV record, quoted as needed, newline included."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(values)
    return buffer.getvalue()


def _unknown_country(values: list) -> list:
    """Bench defect: a host country that does not exist."""
    values[6], values[5], values[7] = "Atlantis", "", ""
    return values


def _impossible_date(values: list) -> list:
    """Bench defect: a day that no calendar has."""
    values[3], values[4] = "31/02/2019", ""
    return values


def _end_before_start(values: list) -> list:
    """Bench defect: an event that ends a week before it starts."""
    values[3], values[4] = "2019-06-10", "2019-06-03"
    return values


def _missing_title(values: list) -> list:
    """Bench defect: no title."""
    values[0] = ""
    return values


# The shipped samples; their few deliberate errors sit at fixed positions among valid rows.
ENGLISH_FILE = "events_sample.csv"
FRENCH_FILE = "events_francophone_sample.csv"
SPANISH_FILE = "events_americas_sample.xlsx"
FRENCH_HEADERS = ("titre", "type", "thèmes", "date de début", "date de fin", "ville", "pays", "pays participants",
                  "organisations", "nombre de participants", "lien", "résumé", "échantillon")
SPANISH_HEADERS = ("título", "tipo", "temas", "fecha de inicio", "fecha de fin", "ciudad", "país",
                   "países participantes", "organizaciones", "número de participantes", "enlace", "resumen",
                   "muestra")
BAD_ROW_NOTE = {"en": "Deliberately invalid sample row ({}), to show the rejection report.",
                "fr": "Ligne d'exemple volontairement invalide ({}), pour montrer le rapport des rejets.",
                "es": "Fila de ejemplo inválida a propósito ({}), para mostrar el informe de rechazos."}


def _bad(values: list, lang: str, reason: str, changes: dict[int, object]) -> list:
    """A copy of a valid row with one deliberate defect, said so in its title and summary."""
    values = list(values)
    values[0] = f"{values[0]} ({reason})" if values[0] else ""
    for index, value in changes.items():
        values[index] = value
    values[11] = BAD_ROW_NOTE[lang].format(reason)
    return values


def english_rows() -> list[list]:
    """Rows of events_sample.csv: 220 events, mostly in English, ISO dates, plus two deliberate errors."""
    rows = [[f"SMP-EN-{n:04d}", *_values(e, "iso")] for n, e in enumerate(_events(random.Random(2015), 220), 1)]
    late = _bad(rows[40][1:], "en", "ends before it starts", {3: "2021-06-10", 4: "2021-06-08"})
    duplicate = _bad(rows[12][1:], "en", "repeats an earlier event_id", {})
    rows.insert(90, ["SMP-EN-0221", *late])
    rows.insert(150, [rows[12][0], *duplicate])
    return rows


def french_rows() -> list[list]:
    """Rows of events_francophone_sample.csv: 60 French-language events plus two deliberate errors."""
    rows = [[*_values(e)[:12], "oui"] for e in _events(random.Random(2016), 60, "fr")]
    rows.insert(15, _bad(rows[7], "fr", "pays inconnu", {5: "", 6: "Atlantide", 7: ""}))
    rows.insert(40, _bad(rows[21], "fr", "date impossible", {3: "31/02/2019", 4: ""}))
    return rows


def spanish_rows() -> list[list]:
    """Rows of events_americas_sample.xlsx: 60 Spanish-language events (most dates as cells), one error."""
    rows = []
    for event in _events(random.Random(2017), 60, "es"):
        values = [*_values(event)[:12], "sí"]
        values[9] = event.total
        if event.date_style == "iso":
            values[3], values[4] = event.start, event.end
        rows.append(values)
    rows.insert(30, _bad(rows[5], "es", "sin título", {0: ""}))
    return rows


def _write_csv(path: Path, header, rows, encoding: str, delimiter: str, newline: str) -> None:
    """A CSV as the analyst's office would save it (encoding, delimiter and line ends given)."""
    with open(path, "w", newline="", encoding=encoding) as handle:
        writer = csv.writer(handle, delimiter=delimiter, lineterminator=newline)
        writer.writerow(header)
        writer.writerows(rows)


def _write_xlsx(path: Path, header, rows) -> None:
    """An Excel file whose bytes depend only on its content (fixed timestamps inside the zip)."""
    book = Workbook()
    sheet = book.active
    sheet.title = "eventos"
    sheet.append(list(header))
    for row in rows:
        sheet.append(row)
        for cell in sheet[sheet.max_row][3:5]:
            if isinstance(cell.value, date):
                cell.number_format = "DD/MM/YYYY"
    buffer = io.BytesIO()
    book.save(buffer)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2026-01-01T00:00:00Z", data)
            target.writestr(zipfile.ZipInfo(info.filename, ZIP_TIME), data, zipfile.ZIP_DEFLATED)


def main(raw_dir: Path = DEMO_DIR) -> None:
    """Write the three shipped sample files into `raw_dir`."""
    _write_csv(raw_dir / ENGLISH_FILE, FIELDS, english_rows(), "utf-8", ",", "\n")
    _write_csv(raw_dir / FRENCH_FILE, FRENCH_HEADERS, french_rows(), "cp1252", ";", "\r\n")
    _write_xlsx(raw_dir / SPANISH_FILE, SPANISH_HEADERS, spanish_rows())


if __name__ == "__main__":
    main()
