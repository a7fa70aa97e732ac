"""Consent on the command line (issue 28): an e-mail draft to someone who opted out is
refused with one line; a reason lets it through and lands in the audit log without content;
IT can forbid the exception; `forget --requested` erases exactly the people who asked;
`contacts --json` and `notes --json` carry the flags; the import report counts requests."""

from __future__ import annotations

import csv
import io
import json

import pytest

from app.core.vault import audit
from tests.support.paths import CRM

SF = CRM / "consent" / "salesforce"
INGRID = "ingrid.solberg@fjordlys.example.com"  # opted out of e-mail
MARTE = "marte.dahl@fjordlys.example.com"  # asked to be forgotten
REASON = "She asked on the phone today for the price list by e-mail"


@pytest.fixture
def imported(cli):
    code, out, err = cli("import", str(SF / "Account.csv"), str(SF / "Contact.csv"), str(SF / "Individual.csv"),
                         str(SF / "Note.csv"))
    assert code == 0, err
    return out


def _audit(home):
    from app.cli.common import passphrase_provider
    from app.core.context import open_context

    c = open_context(passphrase_provider, create=False)
    try:
        return audit.entries(c.vault.conn)
    finally:
        c.close()


def test_import_report_counts_people_who_asked_to_be_forgotten(imported):
    assert "1 people asked to be forgotten (their CRM says so); erase them with: confidant forget --requested" in imported


def test_draft_to_an_opted_out_contact_is_refused_in_one_line(imported, cli, home):
    code, out, err = cli("draft", INGRID)  # no model is configured: the refusal comes before one is loaded
    assert code == 1 and out == ""
    assert err.count("\n") == 1
    assert err.startswith("confidant: Ingrid Solberg opted out of e-mail (HasOptedOutOfEmail); no draft was written.")
    assert "--override-opt-out" in err
    assert not [e for e in _audit(home) if e["event"] in ("assistant.task", "consent.opt_out_override")]
    code, _, err = cli("draft", INGRID, "--override-opt-out", "   ")
    assert code == 2 and "reason" in err and "empty" in err


def test_a_reason_overrides_and_is_audited_without_content(imported, cli, home, smol_model, monkeypatch):
    monkeypatch.setenv("CONFIDANT_MODEL", str(smol_model))
    code, out, err = cli("draft", INGRID, "--override-opt-out", REASON, "--quick", "--max-tokens", "16", "--seed", "1",
                         "--json")
    assert code == 0, err
    res = json.loads(out)
    assert "your reason will be kept in the audit log" in err
    rows = [e for e in _audit(home) if e["event"] == "consent.opt_out_override"]
    assert len(rows) == 1
    d = rows[0]["details"]
    assert d["reason"] == REASON and d["conversation"] == res["conversation_id"] and d["subject"].startswith("contact#")
    assert set(d) == {"reason", "conversation", "subject"}  # no draft text, no name, no e-mail
    # The same contact again without a reason: refused again (one override is not a standing permission).
    code, _, err = cli("draft", INGRID)
    assert code == 1 and "opted out of e-mail" in err


def test_it_policy_can_forbid_the_override(imported, cli, home, tmp_path, monkeypatch):
    policy = tmp_path / "strict.toml"
    policy.write_text("allow_opt_out_override = false\n")
    monkeypatch.setenv("CONFIDANT_POLICY", str(policy))
    code, _, err = cli("draft", INGRID, "--override-opt-out", REASON)
    assert code == 1
    assert "your IT policy allows no exception" in err and err.count("\n") == 1
    assert not [e for e in _audit(home) if e["event"] == "consent.opt_out_override"]


def test_contacts_and_notes_json_carry_consent(imported, cli):
    code, out, _ = cli("contacts", "--json")
    by_email = {c["email"]: c["consent"] for c in json.loads(out)}
    assert by_email[INGRID] == {"email_opt_out": True, "call_opt_out": False, "processing_objection": False,
                                "forget_requested": False}
    assert by_email["per.lunde@fjordlys.example.com"]["processing_objection"] is True
    code, out, _ = cli("notes", "per.lunde@fjordlys.example.com", "--json")
    notes = json.loads(out)
    assert len(notes) == 2 and all(n["consent"]["processing_objection"] is True for n in notes)
    code, out, _ = cli("notes", "per.lunde@fjordlys.example.com")
    assert "Consent (from the CRM): no calls, objects to processing" in out
    assert "These notes never go to the assistant." in out


def test_forget_requested_erases_exactly_the_people_who_asked(imported, cli):
    code, out, _ = cli("contacts", "--json")
    before = {c["email"] for c in json.loads(out)}
    code, out, err = cli("forget", "--requested", "--yes", "--json")
    assert code == 0, err
    result = json.loads(out)
    assert len(result["forgotten"]) == 1 and result["notes"] == 0
    code, out, _ = cli("contacts", "--json")
    after = {c["email"] for c in json.loads(out)}
    assert before - after == {MARTE}
    code, out, _ = cli("forget", "--requested", "--yes")
    assert code == 0 and "Nobody in the vault asked to be forgotten." in out
    code, _, err = cli("forget", "--requested", INGRID)
    assert code == 2


def test_the_export_of_a_person_includes_their_flags_and_imports_them_again(imported, cli, tmp_path, monkeypatch):
    out = tmp_path / "per.json"
    code, _, err = cli("export", str(out), "--contact", "per.lunde@fjordlys.example.com")
    assert code == 0, err
    doc = json.loads(out.read_text())
    (per,) = doc["contacts"]
    assert per["consent"] == {"email_opt_out": False, "call_opt_out": True, "processing_objection": True,
                              "forget_requested": False}
    assert per["consent_sources"]["processing_objection"] == "Individual.HasOptedOutProcessing"
    # Into an empty vault: the flags come back with the person.
    monkeypatch.setenv("CONFIDANT_HOME", str(tmp_path / "other-home"))
    code, _, err = cli("import", str(out))
    assert code == 0, err
    code, got, _ = cli("contacts", "--json")
    assert json.loads(got)[0]["consent"] == per["consent"]
    csv_out = tmp_path / "all.csv"
    code, _, err = cli("export", str(csv_out), "--format", "csv")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(csv_out.read_text(encoding="utf-8-sig"))))
    per_row = next(r for r in rows if r["record"] == "contact" and r["email"] == "per.lunde@fjordlys.example.com")
    assert json.loads(per_row["consent"])["processing_objection"] is True


def test_chat_session_refuses_the_draft_and_takes_the_reason_given_at_start(imported, cli, home, smol_model,
                                                                           monkeypatch):
    import io

    monkeypatch.setenv("CONFIDANT_MODEL", str(smol_model))
    small = ("--quick", "--max-tokens", "6", "--seed", "1", "--json")
    monkeypatch.setattr("sys.stdin", io.StringIO("draft\nquit\n"))
    code, out, err = cli("chat", INGRID, *small)
    assert code == 0 and out == ""  # no answer: the session said why and went on
    assert "confidant: Ingrid Solberg opted out of e-mail (HasOptedOutOfEmail); no draft was written." in err
    monkeypatch.setattr("sys.stdin", io.StringIO("draft\nquit\n"))
    code, out, err = cli("chat", INGRID, "--override-opt-out", REASON, *small)
    assert code == 0, err
    (answer,) = [json.loads(line) for line in out.splitlines() if line.strip()]
    rows = [e for e in _audit(home) if e["event"] == "consent.opt_out_override"]
    assert [r["details"]["conversation"] for r in rows] == [answer["conversation_id"]]
    assert rows[0]["details"]["reason"] == REASON
