"""Consent flags from each CRM's own columns (issue 28), on vendor-shaped files in
tests/data/crm/consent: imported per contact with the column they came from, updated by a
later export, and a bad value reported by file, line and column and never read as consent."""

from __future__ import annotations

from app.core.crm.importer import import_files
from app.core.vault import consent, records
from tests.support.paths import CRM

C = CRM / "consent"
SF = C / "salesforce"


def _flags(ctx, email):
    c = records.resolve_contact(ctx.vault.conn, email)
    return c["consent"], consent.get(ctx.vault.conn, c["id"]).sources


def _import(ctx, *files):
    report = import_files(ctx.vault, [str(f) for f in files])
    assert report.ok, report.as_json()
    return report.as_json()


def test_salesforce_contact_and_individual_flags_joined_by_individual_id(ctx):
    # Individual.csv in an import of its own, before the contacts: its flags are kept until
    # the contacts that name it (Contact.IndividualId) arrive.
    _import(ctx, SF / "Individual.csv")
    data = _import(ctx, SF / "Contact.csv", SF / "Account.csv")
    ingrid, src = _flags(ctx, "ingrid.solberg@fjordlys.example.com")
    assert ingrid == {"email_opt_out": True, "call_opt_out": False, "processing_objection": False, "forget_requested": False}
    assert src["email_opt_out"] == "HasOptedOutOfEmail"
    per, src = _flags(ctx, "per.lunde@fjordlys.example.com")
    assert per == {"email_opt_out": False, "call_opt_out": True, "processing_objection": True, "forget_requested": False}
    assert src["processing_objection"] == "Individual.HasOptedOutProcessing" and src["call_opt_out"] == "DoNotCall"
    marte, src = _flags(ctx, "marte.dahl@fjordlys.example.com")
    assert marte["forget_requested"] is True and src["forget_requested"] == "Individual.ShouldForget"
    jonas, _ = _flags(ctx, "jonas.berg@fjordlys.example.com")  # no Individual: its flags stay unknown
    assert jonas == {"email_opt_out": False, "call_opt_out": False, "processing_objection": None, "forget_requested": None}
    # The import report says how many people asked to be forgotten.
    assert data["totals"]["forget_requested"] == 1
    assert consent.counts(ctx.vault.conn) == {"email_opt_out": 1, "call_opt_out": 1, "processing_objection": 1,
                                              "forget_requested": 1}


def test_hubspot_dynamics_pipedrive_zoho_flags_from_their_own_columns(ctx):
    _import(ctx, C / "hubspot" / "contacts.csv", C / "dynamics" / "contact.csv", C / "dynamics" / "contacts_excel.csv",
            C / "pipedrive" / "persons.csv", C / "zoho" / "Contacts.csv")
    f = lambda e: _flags(ctx, e)  # noqa: E731
    # HubSpot: "Unsubscribed from all email" (an empty cell is the unticked box); a legal basis is no objection.
    assert f("sigrid.haugen@havbris.example.com") == (
        {"email_opt_out": True, "call_opt_out": None, "processing_objection": False, "forget_requested": None},
        {"email_opt_out": "Unsubscribed from all email", "processing_objection": "Legal basis for processing contact's data"})
    assert f("tor.aasen@havbris.example.com")[0]["email_opt_out"] is False
    assert f("liv.moe@havbris.example.com")[0]["processing_objection"] is None  # no basis given: unknown, not "no"
    # Dynamics: logical names (1/0), any of donotemail / donotbulkemail opts out of e-mail.
    assert f("astrid.nilsen@nordkyst.example.com")[0] | {} == {"email_opt_out": True, "call_opt_out": False,
                                                                 "processing_objection": None, "forget_requested": None}
    assert f("bjorn.strand@nordkyst.example.com")[0]["call_opt_out"] is True
    assert f("bjorn.strand@nordkyst.example.com")[1]["email_opt_out"] == "donotbulkemail"
    # Dynamics Excel export: display names, "Allow" / "Do Not Allow".
    eva, src = f("eva.lund@nordkyst.example.com")
    assert (eva["email_opt_out"], eva["call_opt_out"], src["email_opt_out"]) == (True, False, "Do not allow Emails")
    assert f("geir.holm@nordkyst.example.com")[0]["call_opt_out"] is True
    # Pipedrive marketing status: Unsubscribed opts out; "No consent" says nothing about the person's wish.
    assert f("hanne.ruud@tindeglimt.example.com") == (
        {"email_opt_out": True, "call_opt_out": None, "processing_objection": None, "forget_requested": None},
        {"email_opt_out": "Person - Marketing status"})
    assert f("olav.vik@tindeglimt.example.com")[0]["email_opt_out"] is False
    assert f("nina.bakke@tindeglimt.example.com")[0]["email_opt_out"] is None
    # Zoho: "Email Opt Out".
    assert f("rune.eide@skjaergard.example.com")[0]["email_opt_out"] is True
    assert f("siri.foss@skjaergard.example.com")[0]["email_opt_out"] is False


def test_nordic_spreadsheet_resave_values_are_read(ctx):
    # A Zoho export opened and saved again by Excel in Norwegian: ";" and SANN/USANN, Ja/Nei.
    _import(ctx, C / "zoho" / "Contacts_excel_nb.csv")
    got = {e: _flags(ctx, e)[0]["email_opt_out"] for e in (
        "trude.sand@skjaergard.example.com", "erik.voll@skjaergard.example.com", "mona.ask@skjaergard.example.com",
        "knut.rye@skjaergard.example.com")}
    assert list(got.values()) == [True, False, True, False]


def test_a_newer_export_updates_the_flags_and_a_bad_value_never_reads_as_consent(ctx):
    _import(ctx, SF / "Account.csv", SF / "Contact.csv", SF / "Individual.csv")
    later = C / "salesforce_later"
    data = _import(ctx, later / "Contact.csv", later / "Individual.csv")
    # Ingrid's newer export clears her e-mail opt-out: cleared here too.
    assert _flags(ctx, "ingrid.solberg@fjordlys.example.com")[0]["email_opt_out"] is False
    # Per's DoNotCall now holds "kanskje": the stricter reading, so he stays opted out of calls.
    assert _flags(ctx, "per.lunde@fjordlys.example.com")[0]["call_opt_out"] is True
    assert _flags(ctx, "per.lunde@fjordlys.example.com")[0]["processing_objection"] is True
    # Marte's ShouldForget holds "ukjent": an erasure request is never guessed either way; hers stays.
    assert _flags(ctx, "marte.dahl@fjordlys.example.com")[0]["forget_requested"] is True
    warnings = [w for f in data["files"] for w in f["warnings"]]
    assert any(w.startswith("Contact.csv: line 3, column DoNotCall: 'kanskje'") for w in warnings), warnings
    assert any(w.startswith("Individual.csv: line 3, column ShouldForget: 'ukjent'") for w in warnings), warnings
    # A file without flag columns changes no flag.
    _import(ctx, CRM / "vendors" / "salesforce" / "Contact.csv")
    assert _flags(ctx, "per.lunde@fjordlys.example.com")[0]["processing_objection"] is True


def test_bad_flag_values_are_reported_by_file_line_and_column(ctx):
    data = _import(ctx, C / "bad" / "Contact.csv", C / "bad" / "Individual.csv")
    warnings = {f["path"].rsplit("/", 1)[-1]: f["warnings"] for f in data["files"]}
    assert warnings["Contact.csv"] == [
        "Contact.csv: line 2, column HasOptedOutOfEmail: 'maybe' is not a value this column holds; "
        "read as opted out / objected, the stricter reading.",
        "Contact.csv: line 3, column DoNotCall: '#N/A' is not a value this column holds; "
        "read as opted out / objected, the stricter reading.",
    ]
    assert warnings["Individual.csv"] == [
        "Individual.csv: line 2, column ShouldForget: 'pending' is not a value this column holds; "
        "left as it was (an erasure request is never guessed)."]
    alf = _flags(ctx, "alf.ronning@fjellvind.example.com")[0]
    assert alf["email_opt_out"] is True and alf["forget_requested"] is None  # never read as consent; no erasure guessed
    assert _flags(ctx, "berit.kvam@fjellvind.example.com")[0]["call_opt_out"] is True
