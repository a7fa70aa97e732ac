"""Each CRM export layout imports into contacts and dated notes, linked by CRM id."""

from __future__ import annotations


from app.core.crm.detection import detect
from app.core.crm.importer import import_files
from app.core.crm.headers import parse_map
from app.core.vault import records
from tests.support.paths import CRM



def _notes(ctx, ref):
    c = records.resolve_contact(ctx.vault.conn, ref)
    return c, records.notes_for(ctx.vault.conn, contact_id=c["id"])


def test_salesforce_export_joined_by_id_in_any_order(ctx):
    sf = CRM / "salesforce"
    # Notes first, accounts last: the importer orders parents first and joins by Id.
    files = [sf / "Note.csv", sf / "ContentNote.csv", sf / "Task.csv", sf / "Event.csv", sf / "ContentDocumentLink.csv",
             sf / "Contact.csv", sf / "Account.csv"]
    report = import_files(ctx.vault, files)
    assert report.ok, report.as_json()
    assert all(f["format"] == "salesforce" for f in report.as_json()["files"])
    kari, notes = _notes(ctx, "kari.braten@fjordlogistikk.example.com")
    assert kari["name"] == "Kari Bråten" and kari["company"] == "Fjordlogistikk AS"
    titles = {n["title"] for n in notes}
    # Note.csv refers to Kari by her 15-character id; Contact.csv has the 18-character one.
    assert {"Demo follow-up", "Workshop notes", "Call: contract renewal", "Formula"} <= titles
    demo = next(n for n in notes if n["title"] == "Demo follow-up")
    assert demo["date"] == "2024-03-05T09:30:00Z"
    assert demo["body"] == "Kari liked the route planner demo.\nShe asked about pricing for 40 trucks; send a quote by Friday."
    workshop = next(n for n in notes if n["title"] == "Workshop notes")
    assert workshop["body"] == "Workshop with Kari & team:\n\n- Pilot in Bergen\n- Decision in June"
    # The deleted contact row is not imported.
    assert not records.list_contacts(ctx.vault.conn, "old@example.com")
    # The account note goes to the account; the orphan to the holder, with a warning naming file and line.
    accounts = {a["name"]: a for a in records.list_accounts(ctx.vault.conn)}
    fjord = records.notes_for(ctx.vault.conn, account_id=accounts["Fjordlogistikk AS"]["account_id"])
    assert "Account plan" in {n["title"] for n in fjord}
    holder = records.notes_for(ctx.vault.conn, account_id=accounts["Unlinked notes"]["account_id"])
    assert [n["title"] for n in holder] == ["Orphan"]
    warnings = report.as_json()["files"][0]["warnings"]
    assert warnings == ["Note.csv: line 6: the note's parent (0035g00000NoNeXAAV) is not in this import; kept under 'Unlinked notes'."]
    jurgen, jn = _notes(ctx, "Jürgen Weiß")
    assert {n["title"] for n in jn} >= {"Preisgespräch", "Werksbesuch"}


def test_salesforce_note_before_its_contact_in_separate_calls_stays_unlinked_then_batch_relinks(ctx):
    sf = CRM / "salesforce"
    # Same call, contact file given after the note file: linked.
    r = import_files(ctx.vault, [sf / "Note.csv", sf / "Contact.csv"])
    assert r.ok
    _, notes = _notes(ctx, "Kari Bråten")
    assert "Demo follow-up" in {n["title"] for n in notes}


def test_hubspot_contacts_and_html_notes(ctx):
    r = import_files(ctx.vault, [CRM / "hubspot" / "notes.csv", CRM / "hubspot" / "contacts.csv"])
    assert r.ok and {f["format"] for f in r.as_json()["files"]} == {"hubspot"}
    asa, notes = _notes(ctx, "asa.lindqvist@skargardsfrakt.example.com")  # e-mail matched in any case
    assert asa["name"] == "Åsa Lindqvist" and asa["company"] == "Skärgårdsfrakt AB"
    assert notes[0]["body"] == "Åsa wants the winter timetable before 1 Dec.\n\n1. Send timetable\n2. Book call"
    assert notes[0]["date"] == "2023-11-10T14:30:00"
    _, kn = _notes(ctx, "kari.braten@fjordlogistikk.example.com")
    assert kn[0]["body"] == "Call with Kari – budget €120k approved."  # entities decoded, style dropped


def test_dynamics_pipedrive_zoho(ctx):
    r = import_files(ctx.vault, sorted((CRM / "dynamics").iterdir()) + sorted((CRM / "pipedrive").iterdir())
                     + sorted((CRM / "zoho").iterdir()))
    assert r.ok, r.as_json()
    assert [f["format"] for f in r.as_json()["files"]] == ["dynamics", "dynamics", "pipedrive", "pipedrive", "zoho", "zoho"]
    s, sn = _notes(ctx, "Søren Kjærgaard")
    assert sn[0]["title"] == "Møde" and sn[0]["body"] == "Søren vil have et tilbud på 12 containere.\nOpfølgning i uge 14."
    i, inotes = _notes(ctx, "ingrid.saether@nordlys.example.com")  # first of Pipedrive's listed e-mails
    assert i["company"] == "Nordlys Energi AS" and inotes[0]["body"] == "Ingrid: board meets 15 May."
    b, bn = _notes(ctx, "Björn Åkerlund")
    assert bn[0]["title"] == "Uppföljning" and bn[0]["date"] == "2024-02-20T13:45:00"


def test_outlook_and_google_notes_columns(ctx):
    r = import_files(ctx.vault, [CRM / "addressbooks" / "outlook.csv", CRM / "addressbooks" / "google.csv"])
    assert r.ok and [f["format"] for f in r.as_json()["files"]] == ["outlook", "google"]
    j, jn = _notes(ctx, "juergen.weiss@mueller-soehne.example.com")  # Windows-1252 file: ü and ß intact
    assert j["name"] == "Jürgen Weiß" and j["company"] == "Müller & Söhne GmbH"
    assert jn[0]["body"] == "Met at the Hannover fair; prefers German."
    a, an = _notes(ctx, "asa.lindqvist@skargardsfrakt.example.com")
    assert an[0]["body"] == "Prefers e-mail over phone.\nSwedish or English."
    assert records.resolve_contact(ctx.vault.conn, "Lena Østby").note_count == 0


def test_vcard_21_30_40(ctx):
    r = import_files(ctx.vault, sorted((CRM / "vcard").iterdir()))
    assert r.ok
    j = r.as_json()
    assert [f["format"] for f in j["files"]] == ["vcard"] * 3
    assert j["files"][2]["warnings"] == ["contacts30.vcf: line 13: skipped a card with no name and no e-mail."]
    i, inotes = _notes(ctx, "Ingrid Sæther")  # QUOTED-PRINTABLE, UTF-8 charset, soft line break
    assert i["company"] == "Nordlys Energi AS"
    assert inotes[0]["body"] == "Møtte på messen i Stavanger.\nVil ha tilbud før jul."
    assert records.resolve_contact(ctx.vault.conn, "hanna.gruen@example.com")["name"] == "Hanna Grün"  # windows-1252 QP
    l, ln = _notes(ctx, "Lena Østby")  # folded line and escapes of 3.0
    assert l["company"] == "Østby Bygg AS"
    assert ln[0]["body"] == "Ringte om tilbud på tak, vegger og vinduer.\nØnsker befaring i april."
    jw, jn = _notes(ctx, "Jürgen Weiß")
    assert jw["email"] == "juergen.weiss@mueller-soehne.example.com" and jn[0]["body"] == "Kennt uns seit 2019."


def test_excel_localised_headers_and_formulas_as_text(ctx):
    det = detect(CRM / "excel" / "kontakter.xlsx")
    assert det.format == "csv" and det.columns[:3] == ["Fornavn", "Etternavn", "E-post"]
    r = import_files(ctx.vault, [CRM / "excel" / "kontakter.xlsx"])
    assert r.ok and r.totals()["contacts_added"] == 3
    _, ln = _notes(ctx, "lena@ostbybygg.example.com")
    assert ln[0]["body"] == '=HYPERLINK("http://evil.example.com","klikk")'
    _, on = _notes(ctx, "Ole Hansen")
    assert on[0]["body"] == "=1+2"  # not 3: never evaluated
    _, kn = _notes(ctx, "Kari Bråten")
    assert kn[0]["date"] == "2024-05-01"


def test_generic_csv_with_column_mapping(ctx):
    f = CRM / "encodings" / "generic_map.csv"
    r = import_files(ctx.vault, [f], mapping=parse_map("Kunde=company,Epost=email,Tekst=note,Dato=date"))
    assert r.ok, r.as_json()
    c, notes = _notes(ctx, "soren.kjaergaard@havnegaarden.example.com")
    assert c["company"] == "Havnegaarden A/S"
    assert notes[0]["body"] == "Mapped note text" and notes[0]["date"] == "2024-06-01"
