import pytest

from scripts.normalize.headers import FIELDS, REQUIRED, canonical_header, header_key


@pytest.mark.parametrize(
    ("kind", "header", "field"),
    [
        ("member_states", "Country", "country"),
        ("member_states", "Pays", "country"),
        ("member_states", "País", "country"),
        ("member_states", "Nom du pays", "country"),
        ("member_states", "Estado miembro", "country"),
        ("member_states", "État membre", "country"),
        ("member_states", "Statut", "status"),
        ("member_states", "Estatuto", "status"),
        ("member_states", "Année d'admission", "admitted_year"),
        ("member_states", "Año de admisión", "admitted_year"),
        ("member_states", "Year admitted", "admitted_year"),
        ("member_states", "Fuente", "source"),
        ("missions", "Type de bureau", "office_type"),
        ("missions", "Tipo de oficina", "office_type"),
        ("missions", "Ville", "city"),
        ("missions", "Ciudad", "city"),
        ("missions", "Date opened", "opened"),
        ("missions", "Apertura", "opened"),
        ("events", "Identifiant", "event_id"),
        ("events", "Référence", "event_id"),
        ("events", "Título", "title"),
        ("events", "Nom de l'événement", "title"),
        ("events", "Nombre del evento", "title"),
        ("events", "Type d'événement", "event_type"),
        ("events", "Thématiques", "themes"),
        ("events", "Temas", "themes"),
        ("events", "Date de début", "start_date"),
        ("events", "Fecha de inicio", "start_date"),
        ("events", "Desde", "start_date"),
        ("events", "Du", "start_date"),
        ("events", "Fecha de fin", "end_date"),
        ("events", "Hasta", "end_date"),
        ("events", "Au", "end_date"),
        ("events", "Pays hôte", "country"),
        ("events", "País anfitrión", "country"),
        ("events", "Países participantes", "participants"),
        ("events", "Participating countries", "participants"),
        ("events", "Partenaires", "organizations"),
        ("events", "Socios", "organizations"),
        ("events", "Número de participantes", "participants_total"),
        ("events", "Attendees", "participants_total"),
        ("events", "Enlace", "source_url"),
        ("events", "Résumé", "summary"),
        ("events", "Descripción", "summary"),
        ("events", "Échantillon", "is_sample"),
        ("events", "Muestra", "is_sample"),
    ],
)
def test_english_french_and_spanish_headers_map_to_canonical_fields(kind, header, field):
    assert canonical_header(kind, header) == field


@pytest.mark.parametrize(
    "header",
    ["ANNEE_D-ADMISSION", "  année d’admission ", "Annee.d.admission", "admitted_year",
     "¿Año de admisión?", "Year admitted*"],
)
def test_headers_ignore_case_accents_apostrophes_and_separators(header):
    assert canonical_header("member_states", header) == "admitted_year"


def test_canonical_field_names_are_their_own_headers():
    for kind, fields in FIELDS.items():
        for field in fields:
            assert canonical_header(kind, field) == field


def test_every_alias_maps_back_to_its_own_field():
    for kind, fields in FIELDS.items():
        for field, aliases in fields.items():
            for alias in aliases:
                assert canonical_header(kind, alias) == field, (kind, alias)


def test_events_pays_is_the_host_and_participants_are_countries_not_a_count():
    assert canonical_header("events", "Pays") == "country"
    assert canonical_header("events", "Participants") == "participants"
    assert canonical_header("events", "Nombre de participants") == "participants_total"
    assert canonical_header("events", "Participants (total)") == "participants_total"


def test_spanish_estado_means_status_not_country():
    assert canonical_header("member_states", "Estado") == "status"


@pytest.mark.parametrize("header", ["countri", "ISO3", "Remarques", "", "code", "Source"])
def test_unrecognized_headers_are_not_guessed(header):
    assert canonical_header("events", header) is None


def test_same_header_can_mean_different_fields_per_kind():
    assert canonical_header("missions", "Type") == "office_type"
    assert canonical_header("events", "Type") == "event_type"
    assert canonical_header("member_states", "Type") is None


def test_required_fields_belong_to_their_kind():
    assert set(REQUIRED) == set(FIELDS)
    for kind, required in REQUIRED.items():
        assert set(required) <= set(FIELDS[kind])


def test_header_key_folds_separators_to_single_spaces():
    assert header_key(" Date_de--Début: ") == "date de debut"
