"""F13: a CRM e-mail cell cannot add recipients to a draft, and a newline in a name or subject
is folded instead of crashing the .eml writer."""

from __future__ import annotations

import email
from email.policy import default

import pytest

from app.core.assistant import drafts
from app.core.errors import AppError


def _parse(raw: bytes):
    return email.message_from_bytes(raw, policy=default)


@pytest.mark.parametrize("cell", ["kari@example.com, boss@example.org", "kari@example.com; x@example.org",
                                  "kari@example.com other@example.org", "Kari <kari@example.com>", "kari", "kari@", "@example.com",
                                  "kari@example.com\r\nBcc: x@example.org"])
def test_a_cell_that_is_not_one_address_is_refused(tmp_path, cell):
    with pytest.raises(AppError) as exc:
        drafts.write_eml(tmp_path / "d.eml", subject="Hei", body="Hei", to_name="Kari Nordmann", to_email=cell)
    assert "the contact's e-mail (to)" in exc.value.message and "\n" not in exc.value.message
    assert not (tmp_path / "d.eml").exists()


def test_newlines_in_name_and_subject_are_folded(tmp_path):
    p = drafts.write_eml(tmp_path / "d.eml", subject="Oppfølging\r\nBcc: x@example.org", body="Hei Kari",
                         to_name="Kari\nNordmann\r\nBcc: boss@example.org", to_email="kari.nordmann@example.com")
    msg = _parse(p.read_bytes())
    assert msg["Bcc"] is None and msg["Cc"] is None
    assert [a.addr_spec for a in msg["To"].addresses] == ["kari.nordmann@example.com"]
    assert msg["To"].addresses[0].display_name == "Kari Nordmann Bcc: boss@example.org"
    assert msg["Subject"] == "Oppfølging Bcc: x@example.org"


def test_valid_addresses_still_work(tmp_path):
    p = drafts.write_eml(tmp_path / "d.eml", subject="Hei", body="Hei", to_name="Åsa Lindqvist",
                         to_email="asa.lindqvist@example.com", from_name="Ola", from_email="ola+crm@example.co.uk")
    msg = _parse(p.read_bytes())
    assert msg["To"].addresses[0].addr_spec == "asa.lindqvist@example.com"
    assert msg["From"].addresses[0].addr_spec == "ola+crm@example.co.uk"
