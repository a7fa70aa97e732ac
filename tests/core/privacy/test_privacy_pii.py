"""Personal numbers are found by their check digits, and look-alikes are not flagged."""

import pytest

from app.core.privacy import pii

VALID = [
    ("card_number", "4111 1111 1111 1111"),
    ("card_number", "5500-0000-0000-0004"),
    ("iban", "NO93 8601 1117 947"),
    ("iban", "DE89370400440532013000"),
    ("iban", "SE45 5000 0000 0583 9825 7466"),
    ("no_fnr", "15078545620"),
    ("no_fnr", "150785 45620"),
    ("se_personnummer", "811218-9876"),
    ("se_personnummer", "19811218-9876"),
    ("se_personnummer", "8112189876"),
    ("se_personnummer", "811218+9876"),
    ("dk_cpr", "070761-4286"),
    ("dk_cpr", "2902004286"),
]

INVALID = [
    "4111 1111 1111 1112",  # Luhn off by one
    "1111111111111111",  # all one digit (Luhn-valid, never a card)
    "NO93 8601 1117 948",  # mod-97 fails
    "DE89 3704 0044 0532 0130",  # wrong length for DE
    "15078545621",  # second mod-11 digit wrong
    "15078545520",  # first mod-11 digit wrong
    "811218-9875",  # Luhn fails
    "19811318-9876",  # month 13
    "320199-4286",  # 32 January: not a date
    "290201-4286",  # 29 February 2001 does not exist (nor in 1901, 1801)
]


@pytest.mark.parametrize("kind,value", VALID)
def test_valid_numbers_are_found_with_their_span(kind, value):
    text = f"Møte med Åse Bjørnstad. Nummer: {value}. Ring henne i morgen."
    found = pii.scan(text)
    assert [(f.kind, text[f.start:f.end]) for f in found] == [(kind, value)]


@pytest.mark.parametrize("value", INVALID)
def test_look_alikes_fail_their_check(value):
    assert pii.scan(f"Ordre {value} sendt.") == []


def test_ordinary_sales_text_is_not_flagged():
    text = (
        "Fjord Logistics AS ordered 1200 units on 2026-03-14, invoice 2026-0042, phone +47 912 34 567, "
        "PO 4500012345, price 149,90 NOK. Kari Nordmann (kari@example.com) wants a demo on 12.05."
    )
    assert pii.scan(text) == []


def test_several_findings_in_order_and_flags():
    text = "Kort 4111 1111 1111 1111 og fødselsnummer 15078545620 og IBAN NO9386011117947."
    kinds = [f.kind for f in pii.scan(text)]
    assert kinds == ["card_number", "no_fnr", "iban"]
    assert pii.flags(text) == {"payment_data", "personal_number"}
    assert pii.flags("nothing here") == set()
    assert pii.mask(text) == "Kort [card_number] og fødselsnummer [no_fnr] og IBAN [iban]."


def test_findings_carry_no_value():
    f = pii.scan("pnr 811218-9876")[0]
    assert "9876" not in repr(f) and "9876" not in str(f.as_json())
    assert f.label == "a Swedish personal identity number"
