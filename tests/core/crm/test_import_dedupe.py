"""Dedupe and idempotency: one person in two files is one contact; re-import adds nothing."""

from __future__ import annotations


from app.core.crm.importer import import_files
from app.core.vault import records
from tests.support.paths import CRM



def _count(ctx, table):
    return ctx.vault.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_reimporting_the_same_files_adds_nothing(ctx):
    files = sorted((CRM / "salesforce").iterdir()) + [CRM / "hubspot" / "contacts.csv", CRM / "hubspot" / "notes.csv",
                                                     CRM / "vcard" / "contacts30.vcf", CRM / "excel" / "kontakter.xlsx"]
    first = import_files(ctx.vault, files)
    assert first.ok
    counts = (_count(ctx, "contacts"), _count(ctx, "accounts"), _count(ctx, "notes"))
    again = import_files(ctx.vault, files)
    assert again.ok
    t = again.totals()
    assert t["contacts_added"] == 0 and t["contacts_updated"] == 0 and t["notes_added"] == 0
    assert t["notes_skipped"] == first.totals()["notes_added"]
    assert (_count(ctx, "contacts"), _count(ctx, "accounts"), _count(ctx, "notes")) == counts
    assert _count(ctx, "notes_fts") == counts[2]


def test_same_email_in_any_case_across_formats_is_one_contact(ctx):
    r = import_files(ctx.vault, [CRM / "salesforce" / "Contact.csv", CRM / "hubspot" / "contacts.csv",
                                 CRM / "addressbooks" / "outlook.csv", CRM / "vcard" / "contact40.vcf",
                                 CRM / "encodings" / "norsk.csv"])
    assert r.ok
    karis = records.list_contacts(ctx.vault.conn, "Kari")
    assert len(karis) == 1  # Salesforce, HubSpot (upper-case e-mail) and the Norwegian CSV
    jurgens = records.list_contacts(ctx.vault.conn, "Weiß")
    assert len(jurgens) == 1  # Salesforce, Outlook (mixed-case e-mail), vCard 4.0
    assert jurgens[0].note_count == 3  # Salesforce Description, Outlook Notes, vCard NOTE


def test_same_crm_id_is_one_contact_even_when_the_email_changes(ctx, tmp_path):
    import_files(ctx.vault, [CRM / "salesforce" / "Contact.csv"])
    moved = tmp_path / "Contact.csv"
    text = (CRM / "salesforce" / "Contact.csv").read_text(encoding="utf-8")
    # The same record exported later with its 15-character id and a new address.
    moved.write_text(text.replace('"0035g00000KaRiBAAB"', '"0035g00000KaRiB"')
                     .replace("kari.braten@fjordlogistikk", "kari@fjordlogistikk"), encoding="utf-8")
    r = import_files(ctx.vault, [moved])
    f = r.as_json()["files"][0]
    assert f["contacts_added"] == 0 and f["contacts_updated"] == 1
    assert [c["email"] for c in records.list_contacts(ctx.vault.conn, "Kari")] == ["kari@fjordlogistikk.example.com"]


def test_encodings_and_dialects_keep_names_intact(ctx):
    enc = CRM / "encodings"
    from app.core.crm.detection import detect

    seen = {p.name: detect(p) for p in sorted(enc.iterdir())}
    assert (seen["utf8_bom.csv"].encoding, seen["utf8_bom.csv"].delimiter) == ("utf-8", ",")
    assert seen["utf8_bom.csv"].columns[0] == "First Name"  # BOM not part of the header
    assert (seen["utf16_tab.txt"].encoding, seen["utf16_tab.txt"].delimiter) == ("utf-16-le", "\t")
    assert (seen["cp1252_semicolon.csv"].encoding, seen["cp1252_semicolon.csv"].delimiter) == ("cp1252", ";")
    assert seen["norsk.csv"].columns == ["Fornavn", "Etternavn", "E-post", "Firma", "Notater"]
    r = import_files(ctx.vault, sorted(p for p in enc.iterdir() if p.name != "generic_map.csv"))
    assert r.ok, r.as_json()
    conn = ctx.vault.conn
    j = records.resolve_contact(conn, "juergen.weiss@mueller-soehne.example.com")
    assert j["name"] == "Jürgen Weiß" and j["company"] == "Müller & Söhne GmbH"
    bodies = {n["body"] for n in records.notes_for(conn, contact_id=j["id"])}
    assert bodies == {"Unicode text from Excel", "Größe: 12 Paletten; Lieferung €-Preis"}
    k = records.resolve_contact(conn, "Kari Bråten")
    assert "Hun vil ha tilbud på 40 biler.\nRing etter påske." in {n["body"] for n in records.notes_for(conn, contact_id=k["id"])}
    assert records.resolve_contact(conn, "Øyvind Ødegård")["company"] == "Fjellkraft AS"
    assert records.resolve_contact(conn, "Åsa Lindqvist")["company"] == "Skärgårdsfrakt AB"
    assert records.resolve_contact(conn, "Søren Kjærgaard")["company"] == "Havnegaarden A/S"


def test_full_text_index_matches_the_notes_and_the_insert_trigger_is_intact(ctx):
    conn = ctx.vault.conn
    trigger = conn.execute("SELECT sql FROM sqlite_master WHERE name='notes_fts_ai'").fetchone()[0]
    assert import_files(ctx.vault, sorted((CRM / "salesforce").iterdir())).ok
    assert not import_files(ctx.vault, [CRM / "bad" / "unterminated.csv"]).ok  # rolled back mid-file
    assert conn.execute("SELECT sql FROM sqlite_master WHERE name='notes_fts_ai'").fetchone()[0] == trigger
    conn.execute("INSERT INTO notes_fts(notes_fts, rank) VALUES ('integrity-check', 1)")  # raises if index != notes
    assert [n["title"] for n in records.search_notes(conn, "trucks")] == ["Demo follow-up"]
    # A note written later by other code is still indexed by the trigger.
    conn.execute("INSERT INTO notes(body, source, content_key, created_at) VALUES ('zebra crossing', 'manual', 'k1', 'x')")
    assert len(records.search_notes(conn, "zebra")) == 1
