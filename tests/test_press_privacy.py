"""Contact details never survive redaction, and ordinary numbers and dates are left alone."""

import pytest

from scripts.press.privacy import find_contact_details, redact


@pytest.mark.parametrize("block", [
    "For more information, please contact:\nJane Roe, IOM Tunis, Tel: +216 71 000 000, Email: jroe@example.org",
    "For more information, please contact Jane Roe at IOM, +880 1755 555 123, jroe@example.org",
    "Pour plus d'informations, veuillez contacter : Jeanne Roe, Tél. : +221 33 000 00 00, jroe@example.org",
    "Pour plus d’informations, contactez Jeanne Roe, tél. +227 20 00 00 00",
    "Para más información, contacte a: Juana Roe, OIM. Tel.: +502 2414 0000. Correo: jroe@example.org",
    "Para más información, comuníquese con Juana Roe al +506 2212 0000 o escriba a jroe@example.org",
    "**Media contact:** Jane Roe, IOM Jordan. Tel. +962 6 000 0000 | jroe@example.org",
    "Contact presse : Jeanne Roe, OIM Genève, +41 22 000 00 00, jroe@example.org",
    "Contacto de prensa: Juan Roe, Tel. +54 11 0000 0000, jroe@example.org",
])
def test_contacts_block_is_removed_with_name_email_and_phone(block):
    text = f"Tunis – Officials met on 3 May.\n\nThe meeting ended.\n\n{block}"
    redacted = redact(text)
    assert redacted == "Tunis – Officials met on 3 May.\n\nThe meeting ended."
    assert "Roe" not in redacted


def test_stray_email_and_phone_lines_are_dropped_and_inline_ones_removed():
    long_line = "Migrants can call the hotline " + "x" * 170 + " on +216 71 000 000 or write to help@example.org."
    text = f"Jane Roe, jroe@example.org\nOfficials met.\n{long_line}"
    redacted = redact(text)
    assert "Roe" not in redacted and find_contact_details(redacted) == []
    assert redacted.startswith("Officials met.\nMigrants can call the hotline")


@pytest.mark.parametrize("text", [
    "1,200 people, 150 000 people and 12 000 000 dollars",
    "from 2019-2021, on 6-7 May 2017, on 2022-05-10 and 10.05.2022",
    "COVID-19 and 40,000 consultations",
    "Bishkek, May 3-4 2021-The Ministry and Sept. 14-15 2020 in Osh",
])
def test_amounts_and_dates_are_not_phone_numbers(text):
    assert find_contact_details(text) == []
    assert redact(text) == text


@pytest.mark.parametrize("phone", ["+216 71 860 312", "(+51) 1 633 5000", "Tel: 22 717 91 11", "00 41 22 717 9111",
                                   "WhatsApp: +57 310 555 0123", "+1 (202) 555-0147", "on 22 48 2019"])
def test_phone_numbers_are_found(phone):
    assert find_contact_details(f"call {phone} now")
