import csv

import pytest

from scripts.normalize.organizations import REFERENCE_DIR, OrganizationResolver
from scripts.normalize.text import fold

ORG_TYPES = {"un", "intergovernmental", "regional-economic-community",
             "regional-consultative-process", "red-cross", "ngo", "government", "other"}
REQUIRED = ["IOM", "UNHCR", "ICRC", "IFRC", "UNICEF", "UNODC", "UNDP", "WFP", "ILO", "OHCHR",
            "WHO", "UNFPA", "UNWOMEN", "UNESCO", "UNEP", "FAO", "OCHA", "UN", "WB", "ECOWAS",
            "IGAD", "AU", "EU", "SICA", "CARICOM", "ASEAN", "SADC", "EAC", "ECCAS", "LAS", "OAS",
            "GCC", "MERCOSUR",
            "BALI-PROCESS", "BUDAPEST-PROCESS", "RABAT-PROCESS", "KHARTOUM-PROCESS",
            "COLOMBO-PROCESS", "ADD", "RCM", "SACM", "MIDSA", "MIDWA", "IGAD-RCP", "MIDCOM",
            "ALMATY-PROCESS", "PRAGUE-PROCESS", "ARCP", "GFMD"]


def read(name):
    with (REFERENCE_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def orgs():
    return OrganizationResolver.from_reference()


@pytest.mark.parametrize("alias, org_id", [
    ("OIM", "IOM"), ("Organización Internacional para las Migraciones", "IOM"),
    ("HCR", "UNHCR"), ("acnur", "UNHCR"), ("CICR", "ICRC"), ("FICR", "IFRC"), ("PNUD", "UNDP"),
    ("PAM", "WFP"), ("PMA", "WFP"), ("OIT", "ILO"), ("HCDH", "OHCHR"), ("ACNUDH", "OHCHR"),
    ("OMS", "WHO"), ("FNUAP", "UNFPA"), ("Naciones Unidas", "UN"), ("Nations Unies", "UN"),
    ("CEDEAO", "ECOWAS"), ("Union africaine", "AU"), ("Unión Africana", "AU"), ("UE", "EU"),
    ("ONUDC", "UNODC"), ("CRM", "RCM"), ("Proceso de Puebla", "RCM"), ("CSM", "SACM"),
    ("ONU Mujeres", "UNWOMEN"), ("Processus de Rabat", "RABAT-PROCESS"), ("FMMD", "GFMD"),
])
def test_resolve_maps_acronyms_and_names_in_three_languages(orgs, alias, org_id):
    assert orgs.resolve(alias) == org_id


def test_resolve_is_accent_case_and_space_insensitive(orgs):
    assert orgs.resolve("  organisation INTERNATIONALE pour les migrations ") == "IOM"
    assert orgs.resolve("Organizacion Internacional para las Migraciones") == "IOM"


def test_resolve_accepts_name_with_acronym_in_parentheses(orgs):
    assert orgs.resolve("International Organization for Migration (IOM)") == "IOM"
    assert orgs.resolve("Conferencia Regional sobre Migración (CRM)") == "RCM"


def test_resolve_never_guesses_near_misses(orgs):
    assert orgs.resolve("International Organisation of Migrants") is None
    assert orgs.resolve("UNHRC") is None
    assert orgs.resolve("") is None


def test_resolve_list_splits_cells_and_reports_unmatched(orgs):
    assert orgs.resolve_list("OIM; ACNUR ;Club des amis du Sahel;;OIM") == (["IOM", "UNHCR"],
                                                                        ["Club des amis du Sahel"])


def test_resolve_list_reads_commas_only_when_every_piece_resolves(orgs):
    assert orgs.resolve_list("IOM, UNHCR") == (["IOM", "UNHCR"], [])
    assert orgs.resolve_list("IOM, local partners") == ([], ["IOM, local partners"])
    unesco = "Organisation des Nations Unies pour l'éducation, la science et la culture"
    assert orgs.resolve_list(unesco) == (["UNESCO"], [])


def test_find_in_text_lists_organizations_in_order_of_mention(orgs):
    text = ("L'OIM et le HCR, avec la CEDEAO, ont ouvert l'atelier. "
            "L'Organisation internationale pour les migrations remercie l'Union européenne.")
    assert orgs.find_in_text(text) == ["IOM", "UNHCR", "ECOWAS", "EU"]


def test_find_in_text_matches_acronyms_case_sensitively(orgs):
    assert orgs.find_in_text("The UN and IOM met.") == ["UN", "IOM"]
    assert orgs.find_in_text("un atelier au Niger avec ua et oms") == []


def test_find_in_text_prefers_the_longest_name(orgs):
    text = "El Programa de las Naciones Unidas para el Desarrollo y ONU Mujeres."
    assert orgs.find_in_text(text) == ["UNDP", "UNWOMEN"]
    assert orgs.find_in_text("UN-Habitat and UN Women") == ["UNHABITAT", "UNWOMEN"]


def test_british_and_american_spellings_name_the_same_organization(orgs):
    text = "supported by the International Labour Organisation and the World Health Organisation"
    assert orgs.find_in_text(text) == ["ILO", "WHO"]
    assert orgs.resolve("International Organisation for Migration") == "IOM"


def test_find_in_text_skips_acronyms_in_capitalised_headlines(orgs):
    assert orgs.find_in_text("L'OIM ET LE HCR AU NIGER POUR LA FORMATION\nLe texte.") == []


def test_name_is_localized_with_english_fallback(orgs):
    assert orgs.name("IOM", "es") == "Organización Internacional para las Migraciones"
    assert orgs.name("MIDWA", "fr") == "Migration Dialogue for West Africa"
    assert orgs.name("NOPE", "fr") == "NOPE"


def test_reference_organizations_cover_the_required_list_with_valid_types():
    rows = read("organizations.csv")
    ids = [row["org_id"] for row in rows]
    assert len(ids) == len(set(ids))
    assert set(REQUIRED) <= set(ids)
    assert {row["org_type"] for row in rows} <= ORG_TYPES
    assert all(row["name_en"] for row in rows)


def test_reference_aliases_point_to_known_organizations_without_clashes():
    ids = {row["org_id"] for row in read("organizations.csv")}
    owners = {}
    for row in read("organization_aliases.csv"):
        assert row["org_id"] in ids
        owner = owners.setdefault(fold(row["alias"]), row["org_id"])
        assert owner == row["org_id"], row["alias"]


@pytest.mark.parametrize("text, expected", [
    ("UN agencies and donors attended the launch with ILO.", ["ILO"]),
    ("les partenaires des Nations Unies et l'OIM", ["IOM"]),
    ("the UN General Assembly in October", []),
    ("The United Nations and the African Union signed an agreement.", ["UN", "AU"]),
    ("IOM, the UN Migration Agency, and UNHCR, the UN Refugee Agency", ["IOM", "UNHCR"]),
])
def test_the_un_named_as_a_family_or_a_place_is_no_partner(orgs, text, expected):
    assert orgs.find_in_text(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("avec le soutien de la Banque interaméricaine de développement (BID)", ["IDB"]),
    ("el Banco Interamericano de Desarrollo (BID) y la OEA", ["IDB", "OAS"]),
    ("the African Development Bank and INTERPOL", ["AFDB", "INTERPOL"]),
    ("la Comisión Económica para América Latina y el Caribe (CEPAL)", ["ECLAC"]),
    ("l'Union économique et monétaire ouest-africaine (UEMOA)", ["WAEMU"]),
])
def test_development_banks_police_and_regional_bodies_in_three_languages(orgs, text, expected):
    assert orgs.find_in_text(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("La Agencia de la ONU para los Refugiados (Acnur) capacitó a funcionarios con la Unodc.", ["UNHCR", "UNODC"]),
    ("The EU-funded programme and the UN-led review", ["EU", "UN"]),
])
def test_acronyms_written_as_words_and_before_a_hyphenated_adjective(orgs, text, expected):
    assert orgs.find_in_text(text) == expected
