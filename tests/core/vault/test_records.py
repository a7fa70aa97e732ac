"""Queries the CLI and the assistant use, and the `contacts` / `notes` / `import` commands."""

from __future__ import annotations

import json

import pytest

from app.core.crm.importer import import_files
from app.core.errors import AmbiguousError, NotFoundError
from app.core.vault import records
from tests.support.paths import CRM

SF = CRM / "salesforce"


@pytest.fixture
def loaded(ctx):
    assert import_files(ctx.vault, sorted(SF.iterdir()) + [CRM / "encodings" / "norsk.csv"]).ok
    return ctx.vault.conn


def test_resolve_contact_by_id_email_and_unique_name(loaded):
    kari = records.resolve_contact(loaded, "KARI.BRATEN@fjordlogistikk.example.com")
    assert records.resolve_contact(loaded, str(kari["id"]))["id"] == kari["id"]
    assert records.resolve_contact(loaded, "kari bråten")["id"] == kari["id"]
    with pytest.raises(NotFoundError):
        records.resolve_contact(loaded, "Nobody Here")
    loaded.execute("INSERT INTO contacts(full_name, created_at, updated_at) VALUES ('Kari Bråten', 'x', 'x')")
    with pytest.raises(AmbiguousError) as e:
        records.resolve_contact(loaded, "Kari Bråten")
    assert len(e.value.matches) == 2


def test_resolve_target_accounts_and_contacts(loaded):
    fjord = records.resolve_target(loaded, "Fjordlogistikk AS")
    assert fjord.kind == "account" and fjord.ref == f"a{fjord.id}"
    assert records.resolve_target(loaded, fjord.ref).name == "Fjordlogistikk AS"
    assert records.resolve_target(loaded, fjord.subject_ref) == fjord
    assert records.resolve_target(loaded, "Jürgen Weiß")["kind"] == "contact"
    # An account's notes include its contacts' notes.
    titles = {n["title"] for n in records.notes_for(loaded, account_id=fjord["account_id"])}
    assert {"Account plan", "Demo follow-up"} <= titles


def test_notes_by_date_newest_first_and_limit(loaded):
    kari = records.resolve_contact(loaded, "Kari Bråten")
    notes = records.notes_for(loaded, contact_id=kari["id"])
    dated = [n["date"] for n in notes if n["date"]]
    assert dated == sorted(dated, reverse=True)
    assert notes[-1]["date"] is None  # undated (from the Norwegian CSV) last
    assert len(records.notes_for(loaded, contact_id=kari["id"], limit=2)) == 2


def test_search_is_ranked_and_user_text_cannot_inject_fts_syntax(loaded):
    hits = records.search_notes(loaded, "trucks pricing")
    assert hits and hits[0]["title"] == "Demo follow-up"
    for hostile in ('"', "NEAR(", "title:*", "a OR", ") AND (", "*"):
        records.search_notes(loaded, hostile)  # never an FTS syntax error
    assert records.search_notes(loaded, "bergen", contact_id=records.resolve_contact(loaded, "Jürgen Weiß")["id"]) == []
    assert records.fts_query('say "hi" OR x') == '"say" "hi" "OR" "x"'


def test_cli_import_json_report_shape_and_exit_codes(cli):
    code, out, err = cli("import", "--json", str(SF / "Contact.csv"), str(SF / "Note.csv"))
    assert code == 0, err
    data = json.loads(out)
    assert list(data) == ["files", "totals"]
    # The keys of issue 3 and 16 (later issues add theirs: consent, the pipeline's deals and activities).
    assert {"path", "format", "contacts_added", "contacts_updated", "notes_added", "notes_skipped", "notes_linked_contact",
            "notes_linked_account_only", "notes_unlinked", "consent_updated", "link_warning", "warnings", "error"} <= set(data["files"][0])
    assert {k: v for k, v in data["totals"].items() if k not in ("deals", "activities", "consent_updated", "forget_requested")} == {
        "contacts_added": 2, "contacts_updated": 0, "notes_added": 6, "notes_skipped": 0, "notes_linked_contact": 4,
        "notes_linked_account_only": 0, "notes_unlinked": 2, "notes_relinked": 0, "contacts_already_there": 0,
        "notes_already_there": 0, "deals_added": 0, "deals_updated": 0, "activities_added": 0}
    assert data["totals"]["activities"]["added"] == 0 and data["totals"]["deals"]["added"] == 0
    code, out, err = cli("import", "--json", str(CRM / "bad" / "empty.csv"))
    assert code == 1
    assert json.loads(out)["files"][0]["error"] == f"{CRM / 'bad' / 'empty.csv'}: the file is empty."
    assert err.count("\n") == 1 and "Traceback" not in err


def test_cli_contacts_and_notes(cli):
    cli("import", str(SF / "Contact.csv"), str(SF / "Note.csv"), str(SF / "Account.csv"))
    code, out, _ = cli("contacts", "--json")
    assert code == 0
    rows = json.loads(out)
    assert [r["name"] for r in rows] == ["Jürgen Weiß", "Kari Bråten"]
    assert set(rows[0]) >= {"id", "name", "email", "company", "notes", "consent"}
    assert rows[1]["company"] == "Fjordlogistikk AS" and rows[1]["notes"] == 2
    code, out, _ = cli("contacts", "müller", "--json")
    assert [r["name"] for r in json.loads(out)] == ["Jürgen Weiß"]
    code, out, _ = cli("notes", "kari.braten@fjordlogistikk.example.com", "--json")
    notes = json.loads(out)
    assert code == 0 and [n["title"] for n in notes] == ["Formula", "Demo follow-up"]
    assert {"id", "date", "title", "body", "source"} <= set(notes[0])
    code, out, _ = cli("notes", "Jürgen Weiß")
    assert code == 0 and "flagged: instruction-like text" in out
    code, _, err = cli("notes", "nobody@example.com")
    assert code == 3 and "No contact matches" in err


def test_cli_unknown_format_is_a_usage_error(cli):
    with pytest.raises(SystemExit) as e:
        cli("import", "--format", "lotus", str(SF / "Note.csv"))
    assert e.value.code == 2


def test_exact_name_match_folds_non_ascii_case(ctx):
    from app.core.vault import records

    now = "2026-11-01T10:00:00+00:00"
    with ctx.vault.transaction() as c:
        c.execute("INSERT INTO contacts(full_name, created_at, updated_at) VALUES ('Øyvind Bakke', ?, ?)", (now, now))
    assert [r["name"] for r in records.exact_contacts(ctx.vault.conn, "ØYVIND BAKKE")] == ["Øyvind Bakke"]
    assert records.resolve_contact(ctx.vault.conn, "øyvind bakke")["name"] == "Øyvind Bakke"
