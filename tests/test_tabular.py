import datetime
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from scripts.report import UnusableInput
from scripts.sources.tabular import file_kind, read_table


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def records(table) -> list[dict]:
    """Frame rows as plain dicts without missing cells, for readable assertions."""
    return [
        {key: value for key, value in row.items() if isinstance(value, (str, int))}
        for row in table.frame.to_dict("records")
    ]


def reason_of(path: Path) -> str:
    with pytest.raises(UnusableInput) as caught:
        read_table(path)
    assert caught.value.path == path
    return caught.value.reason


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("member_states_2024.csv", "member_states"),
        ("Member-States.xlsx", "member_states"),
        ("member states (copy).csv", "member_states"),
        ("events_americas.xlsx", "events"),
        ("Events-2023.CSV", "events"),
        ("events.csv", "events"),
        ("MISSIONS 2024.xlsx", "missions"),
        ("eventsfoo.csv", None),
        ("my_events.csv", None),
        ("countries.csv", None),
    ],
)
def test_file_kind_comes_from_the_start_of_the_name(name, kind):
    assert file_kind(Path(name)) == kind


def test_reads_cp1252_semicolon_file_with_french_headers_as_text(tmp_path):
    path = write(
        tmp_path / "member_states_fr.csv",
        "Pays;Statut;Année d’admission;Remarque\n"
        "Côte d'Ivoire ;  membre ;0034;vu\n"
        "\n"
        ";;;\n"
        "Namibie;observateur;NA;\n",
        "cp1252",
    )
    table = read_table(path)
    assert (table.kind, table.encoding, table.delimiter, table.sheet) == (
        "member_states", "cp1252", ";", None
    )
    assert list(table.frame.columns) == ["country", "status", "admitted_year", "row_number"]
    assert records(table) == [
        {"country": "Côte d'Ivoire", "status": "membre", "admitted_year": "0034", "row_number": 2},
        {"country": "Namibie", "status": "observateur", "admitted_year": "NA", "row_number": 5},
    ]
    assert table.unknown_columns == ["Remarque"]


def test_empty_cells_are_missing_not_empty_strings(tmp_path):
    table = read_table(write(tmp_path / "missions.csv", "country,city,opened\nFrance,  ,\n"))
    assert table.frame["city"].isna().all() and table.frame["opened"].isna().all()


def test_utf8_bom_does_not_stick_to_the_first_header(tmp_path):
    path = tmp_path / "events_bom.csv"
    text = "Titre,Date de début\nAtelier à Dakar,2015-08-18\n"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    table = read_table(path)
    assert table.encoding == "utf-8-sig"
    assert records(table) == [
        {"title": "Atelier à Dakar", "start_date": "2015-08-18", "row_number": 2}
    ]


def test_tab_delimited_file_is_sniffed_from_the_header(tmp_path):
    path = write(tmp_path / "events.tsv", "título\tfecha de inicio\nForo, 2016\t2016\n")
    table = read_table(path)
    assert table.delimiter == "\t"
    assert records(table) == [{"title": "Foro, 2016", "start_date": "2016", "row_number": 2}]


def test_non_utf8_byte_after_the_sample_falls_back_to_cp1252(tmp_path):
    text = "country,status\n" + "France,member\n" * 6000 + "Côte d'Ivoire,member\n"
    table = read_table(write(tmp_path / "member_states.csv", text, "cp1252"))
    assert table.encoding == "cp1252"
    assert table.frame["country"].iloc[-1] == "Côte d'Ivoire"
    assert table.frame["row_number"].iloc[-1] == 6002


def test_quoted_lists_and_multiline_values_keep_record_numbers(tmp_path):
    text = 'title;participants;start_date\n"Forum\nrégional";"FRA;ESP";2015\nAtelier;;2016\n'
    table = read_table(write(tmp_path / "events.csv", text))
    assert records(table) == [
        {"title": "Forum\nrégional", "participants": "FRA;ESP", "start_date": "2015",
         "row_number": 2},
        {"title": "Atelier", "start_date": "2016", "row_number": 3},
    ]


def test_rows_longer_than_the_header_are_reported_not_loaded(tmp_path):
    text = "country;status\nFrance;member\nChad;member;oops\nPeru;observer;\n"
    table = read_table(write(tmp_path / "member_states.csv", text))
    assert table.malformed_rows == [3]
    assert table.frame["row_number"].tolist() == [2, 4]


def test_a_file_where_most_rows_are_too_long_is_unusable(tmp_path):
    text = "country,status\nFrance;member;1951,x,y\nChad;member;1961,x,y\n"
    assert "delimiter" in reason_of(write(tmp_path / "member_states.csv", text))


def test_unnamed_column_with_data_is_reported(tmp_path):
    table = read_table(write(tmp_path / "missions.csv", "country,,city\nPeru,note,Lima\n"))
    assert table.unknown_columns == ["column 2 (no header)"]
    assert records(table) == [{"country": "Peru", "city": "Lima", "row_number": 2}]


def test_header_only_file_gives_zero_rows(tmp_path):
    table = read_table(write(tmp_path / "member_states.csv", "country;status\n"))
    assert len(table.frame) == 0
    assert list(table.frame.columns) == ["country", "status", "row_number"]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("member_states.csv", b"", "empty"),
        ("member_states.csv", b"\n \n\t\n", "empty"),
        ("member_states.csv", bytes(range(256)) * 8, "binary"),
        ("member_states.csv", b"PK\x03\x04rest-of-a-zip", ".xlsx"),
        ("member_states.csv", b"country,status\nFrance,\x81\xff\n", "neither UTF-8"),
        ("member_states.csv", b"France;member;1951\n", "no country, status column"),
        ("member_states.csv", b"Country;Pays;Status\nFrance;France;x\n", "both mean country"),
        ("member_states.csv", b"country;status\nFR;x\n\"Chad;x\nPeru;y\n", "row 3 is never closed"),
        ("member_states.csv", b"country,status\nFR,x\n" + b",a" * 20 + b"\n",
         "line 3 has 21 fields but the header has 2"),
        ("member_states.xls", b"\xd0\xcf\x11\xe0", "save it as .xlsx"),
        ("member_states.ods", b"x", "unsupported file type .ods"),
        ("members.csv", b"country,status\n", "file name must start with"),
        ("member_states.xlsx", b"not a zip", "not a readable Excel workbook"),
    ],
)
def test_unusable_files_raise_with_a_short_reason(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    found = reason_of(path)
    assert reason in found
    assert "Traceback" not in found and "\n" not in found


def test_unusable_input_message_names_the_file(tmp_path):
    path = write(tmp_path / "events_x.csv", "foo,bar\n1,2\n")
    with pytest.raises(UnusableInput, match=r"^events_x\.csv: no title, start_date column"):
        read_table(path)


def add_cached_formula_value(path: Path, sheet_file: str, cell: str, value: str) -> None:
    """Give a formula cell the cached result Excel would have saved (openpyxl writes none)."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    xml = parts[sheet_file].decode()
    xml = re.sub(rf'(<c r="{cell}"[^>]*><f>[^<]*</f>)(<v\s*/>|<v></v>)?', rf"\1<v>{value}</v>", xml)  # lxml or not
    parts[sheet_file] = xml.encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def test_excel_reads_first_visible_sheet_with_the_kinds_headers(tmp_path):
    path = tmp_path / "events_americas.xlsx"
    workbook = openpyxl.Workbook()
    hidden = workbook.active
    hidden.title = "old"
    hidden.sheet_state = "hidden"
    hidden.append(["title", "start_date"])
    hidden.append(["stale hidden row", "2001"])
    notes = workbook.create_sheet("notes")
    notes.append(["Read me first"])
    events = workbook.create_sheet("eventos")
    events.append(["Eventos 2015-2016"])  # a title row above the header
    events.append([])
    events.append(
        ["Título", "Fecha de inicio", "Número de participantes", "¿Muestra?", None, "Extra"]
    )
    events.append(["Foro", datetime.datetime(2015, 8, 18, 0, 0), 120.0, True, "orphan", "x"])
    events.append([])
    events.append(["Taller", 2016, "=100+20", False])
    workbook.save(path)
    add_cached_formula_value(path, "xl/worksheets/sheet3.xml", "C6", "120")

    table = read_table(path)
    assert (table.sheet, table.delimiter, table.kind) == ("eventos", None, "events")
    assert records(table) == [
        {"title": "Foro", "start_date": "2015-08-18", "participants_total": "120",
         "is_sample": "TRUE", "row_number": 4},
        {"title": "Taller", "start_date": "2016", "participants_total": "120",
         "is_sample": "FALSE", "row_number": 6},
    ]
    assert table.unknown_columns == ["column E (no header)", "Extra"]


def test_excel_without_a_matching_visible_sheet_is_unusable(tmp_path):
    path = tmp_path / "member_states.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.append(["Country", "Comment"])
    hidden = workbook.create_sheet("hidden")
    hidden.sheet_state = "hidden"
    hidden.append(["Country", "Status"])
    workbook.save(path)
    assert "no visible sheet has the status column" in reason_of(path)


def test_excel_duplicate_headers_are_unusable(tmp_path):
    path = tmp_path / "missions.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.append(["Ciudad", "País", "Ville"])
    workbook.save(path)
    assert reason_of(path) == "columns 'Ciudad' and 'Ville' both mean city"


def test_large_csv_keeps_text_and_row_numbers(tmp_path):
    header = "event_id,title,event_type,themes,start_date,end_date,city,country,participants," \
             "organizations,participants_total,summary\n"
    row = "EV{0},Réunion {0},workshop,health;return,2015-08-18,20/08/2015,Genève,Suisse," \
          "FRA;ESP,IOM;UNHCR,0{0},Dialogue régional sur la migration\n"
    path = tmp_path / "events_big.csv"
    path.write_text(header + "".join(row.format(i) for i in range(100_000)), encoding="utf-8")
    table = read_table(path)
    assert len(table.frame) == 100_000
    assert table.frame["participants_total"].iloc[7] == "07"
    assert table.frame["row_number"].iloc[-1] == 100_001


def test_file_mixing_utf8_and_cp1252_lines_reads_both_right(tmp_path):
    path = tmp_path / "member_states.csv"
    path.write_bytes("country,status\nCôte d'Ivoire,member\n".encode() + "Sénégal,membre\n".encode("cp1252"))
    table = read_table(path)
    assert table.frame["country"].tolist() == ["Côte d'Ivoire", "Sénégal"]
