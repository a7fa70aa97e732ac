"""Gaps in the import found on exports shaped like the vendors' own (issue 22, point 6)."""

from __future__ import annotations

from app.core.crm.importer import import_files
from app.core.vault import records
from tests.support.paths import CRM

GAPS = CRM / "pipeline" / "gaps"


def _body(conn, ref) -> str:
    c = records.resolve_contact(conn, ref)
    [n] = records.notes_for(conn, contact_id=c["id"])
    return n["body"]


def test_vcard_21_unfolds_the_rfc822_way_and_30_drops_one_whitespace(ctx):
    assert import_files(ctx.vault, [GAPS / "folds.vcf"]).ok
    conn = ctx.vault.conn
    # 2.1, quoted-printable with a soft break before a folded line: the space stays.
    assert _body(conn, "Siri Lie") == "Kontoret ligger nær Sjøgata, rett ved kaia."
    # 2.1 plain fold: CRLF goes, both spaces of the continuation stay (RFC 822).
    assert _body(conn, "Tor Hauge") == "Vil ha demo  neste uke."
    # 3.0: the one whitespace character that marks the fold goes.
    assert _body(conn, "Lene Moe") == "Ring etter kl. 10 på tirsdag."


def test_hubspot_company_only_notes_go_on_the_company_of_the_same_import(ctx):
    r = import_files(ctx.vault, [GAPS / "hubspot_notes.csv", GAPS / "hubspot_contacts.csv", GAPS / "hubspot_companies.csv"])
    assert r.ok
    conn = ctx.vault.conn
    t = r.totals()
    assert (t["notes_linked_contact"], t["notes_linked_account_only"], t["notes_unlinked"]) == (1, 1, 1)
    lysfjord = next(a for a in records.list_accounts(conn) if a["name"] == "Lysfjord Marine AS")
    assert {n["body"] for n in records.notes_for(conn, account_id=lysfjord["account_id"])} == {
        "Lysfjord is renewing two ferries in 2027.", "Eva asked for the service price list."}
    # "(Primary)" association columns link the contact to her company too.
    assert records.resolve_contact(conn, "Eva Lid")["company"] == "Lysfjord Marine AS"


def test_the_unlinked_notes_holder_cannot_be_summarised_as_a_customer(ctx):
    import pytest

    from app.core.assistant import service
    from app.core.errors import UsageError

    assert import_files(ctx.vault, [GAPS / "hubspot_notes.csv"]).ok
    with pytest.raises(UsageError) as e:
        service.load_summary(ctx, "Unlinked notes")
    assert "not a customer" in e.value.message
    with pytest.raises(UsageError):
        service.load_ask(ctx, "Unlinked notes", "What did they say?")


def test_the_same_company_from_two_crms_is_one_account_and_same_names_elsewhere_are_kept_apart(ctx):
    r = import_files(ctx.vault, [GAPS / "dynamics_account.csv", GAPS / "dynamics_contact.csv"])
    assert r.ok
    r = import_files(ctx.vault, [GAPS / "Account.csv", GAPS / "Contact.csv"])
    assert r.ok
    conn = ctx.vault.conn
    accounts = records.list_accounts(conn)
    havbris = [a for a in accounts if "havbris" in a["name"].casefold()]
    assert len(havbris) == 1 and havbris[0]["contacts"] == 2  # Marte (Dynamics) and Jonas (Salesforce) together
    assert records.resolve_contact(conn, "Jonas Berg")["account_id"] == havbris[0]["account_id"]
    # Same name, other web sites: two companies, each shown with its source, and the report says why.
    nord = sorted((a["name"], a["source"]) for a in accounts if a["name"] == "Nordstjerne AS")
    assert nord == [("Nordstjerne AS", "dynamics"), ("Nordstjerne AS", "salesforce")]
    warnings = r.as_json()["files"][0]["warnings"]
    assert any("merged" in w and "HAVBRIS LOGISTIKK A/S" in w for w in warnings)
    assert any("kept apart" in w and "Nordstjerne AS" in w for w in warnings)


def test_localised_last_contacted_columns_date_the_note(ctx):
    r = import_files(ctx.vault, [GAPS / "sist_kontaktet.csv", GAPS / "letzter_kontakt.csv"])
    assert r.ok, r.as_json()
    conn = ctx.vault.conn
    [liv] = records.notes_for(conn, contact_id=records.resolve_contact(conn, "Liv Haugen")["id"])
    [jan] = records.notes_for(conn, contact_id=records.resolve_contact(conn, "Jan Kraus")["id"])
    assert (liv["date"], jan["date"]) == ("2026-02-14", "2026-01-09")


def test_a_reimport_says_how_many_people_and_notes_were_already_there(cli):
    files = [str(GAPS / "hubspot_companies.csv"), str(GAPS / "hubspot_contacts.csv"), str(GAPS / "hubspot_notes.csv")]
    assert cli("import", *files)[0] == 0
    code, out, _ = cli("import", *files)
    assert code == 0
    assert "Already there (nothing added twice): 1 person, 3 notes." in out
