"""The import wizard's mapping step (issue 13, item 12): each column of a file, the field the
detected format reads it as, a chooser to change it; the user's mapping is what the importer
stores; a mapping without a required field blocks Import with a one-line message; warnings
are counted in plain words with the importer's raw lines (ids, line numbers) under Details.

Real SQLCipher vault (key in the real Secret Service), the real importer on the store
thread, real Qt widgets offscreen. Fictional people and companies, example.com addresses.
"""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from tests.support.gui import V, _import, _nav_texts, _query, _ready, open_unlocked, shot
from tests.support.paths import CRM

pytestmark = [pytest.mark.gui, pytest.mark.secret_service]

HUBSPOT_HEADER = ("Record ID,First Name,Last Name,Email,Phone Number,Job Title,Company Name,Contact owner,"
                  "Lifecycle Stage,Meeting notes,Associated Company IDs\n")


def _shown(wiz) -> dict[str, str]:
    """Column -> what the mapping table shows it as (the chooser's field, or the fixed text)."""
    out = {}
    m = wiz.mapping
    for i in range(m.rowCount()):
        combo = m.cellWidget(i, 2)
        out[m.item(i, 0).text()] = combo.currentData() if isinstance(combo, QComboBox) else "fixed:" + m.item(i, 2).text()
    return out


def test_mapping_shown_for_crm_exports_matches_what_the_format_reads(qtbot, home):
    w = open_unlocked(qtbot)
    wiz = w.open_import([str(V / "hubspot" / "contacts.csv")])
    _ready(qtbot, wiz)
    shown = _shown(wiz)
    assert wiz.format_box.currentData() == "hubspot"
    assert shown["First Name"] == "first_name" and shown["Last Name"] == "last_name"
    assert shown["Email"] == "email" and shown["Job Title"] == "job_title" and shown["Company Name"] == "company"
    assert shown["Lifecycle Stage"] == "" and shown["Contact owner"] == ""  # not imported
    assert shown["Record ID"] == "fixed:Record id"
    assert shown["Associated Company IDs"] == "fixed:Links to its person or company"
    ex = {wiz.mapping.item(i, 0).text(): wiz.mapping.item(i, 1).text() for i in range(wiz.mapping.rowCount())}
    assert ex["Email"] == "marte.lunde@havbris.example.com"  # the first row as an example
    assert "HubSpot" in wiz.map_note.text() and not wiz.mapping_problem.isVisible()
    wiz.reject()
    wiz = w.open_import([str(V / "salesforce" / "Note.csv")])
    _ready(qtbot, wiz)
    shown = _shown(wiz)
    assert shown["Body"] == "note" and shown["Title"] == "note_title" and shown["CreatedDate"] == "date"
    assert shown["ParentId"].startswith("fixed:") and shown["IsPrivate"] == ""
    # A notes file offers only what a note has.
    combo = wiz.mapping.combo_for("Body")
    assert [combo.itemData(i) for i in range(combo.count())] == ["", "note", "note_title", "date"]
    wiz.reject()


def test_changing_the_format_shows_that_formats_mapping(qtbot, home, tmp_path):
    f = tmp_path / "export.csv"  # fits HubSpot and Zoho equally: offered as a generic table first
    f.write_text("Record ID,Contact Owner,First Name,Email\n7,Sales Rep,Kari,kari@example.com\n", encoding="utf-8")
    w = open_unlocked(qtbot)
    wiz = w.open_import([str(f)])
    _ready(qtbot, wiz)
    assert wiz.format_box.currentData() == "csv"
    assert _shown(wiz)["Record ID"] == "id"  # the generic table: an ordinary, changeable field
    wiz.format_box.setCurrentIndex(wiz.format_box.findData("hubspot"))
    wiz.format_box.activated.emit(wiz.format_box.currentIndex())
    qtbot.waitUntil(lambda: wiz.pending == 0 and "HubSpot" in wiz.file_list.item(0).text(), timeout=10000)
    shown = _shown(wiz)
    assert shown["Record ID"] == "fixed:Record id" and shown["Contact Owner"] == "" and shown["First Name"] == "first_name"


def test_user_mapping_of_a_crm_export_changes_what_is_stored(qtbot, home, tmp_path):
    f = tmp_path / "hubspot-contacts.csv"
    f.write_text(HUBSPOT_HEADER
                 + "901,Tiril,Fjeldstad,tiril@nordlys-fisk.example.com,+47 400 00 901,Innkjøpssjef,Nordlys Fisk AS,"
                   "Sales Rep,Customer,Wants a pilot for two boats in May,\n", encoding="utf-8")
    w = open_unlocked(qtbot)
    wiz = w.open_import([str(f)])
    _ready(qtbot, wiz)
    assert wiz.format_box.currentData() == "hubspot"
    assert _shown(wiz)["Meeting notes"] == ""  # HubSpot's contact export has no note column
    wiz.set_field("Meeting notes", "note")
    wiz.set_field("Job Title", "")  # not imported
    assert wiz.column_mapping().spec() == "Job Title=ignore,Meeting notes=note"
    assert _shown(wiz)["Meeting notes"] == "note"
    _import(qtbot, wiz)
    assert wiz.report.ok and [x.format for x in wiz.report.files] == ["hubspot"]
    rows = _query(w, "SELECT c.full_name, c.title, c.crm_source, n.body FROM notes n JOIN contacts c ON c.id = n.contact_id")
    assert rows == [("Tiril Fjeldstad", None, "hubspot", "Wants a pilot for two boats in May")]
    qtbot.waitUntil(lambda: any("Tiril Fjeldstad" in t for t in _nav_texts(w)), timeout=10000)


def test_generic_table_with_odd_headers_is_mapped_by_the_user(qtbot, home, tmp_path):
    f = tmp_path / "messe.csv"  # no header the importer knows
    f.write_text("Hvem;Adr;Hva skjedde;Når\n"
                 "Eirik Solbakken;eirik@fjellbygg.example.com;Met at the trade fair, send the price list;12.03.2025\n",
                 encoding="utf-8")
    w = open_unlocked(qtbot)
    wiz = w.open_import([str(f)])
    _ready(qtbot, wiz)
    assert wiz.format_box.currentData() == "csv"
    assert set(_shown(wiz).values()) == {""}
    # Nothing mapped: one line says what is missing, Import stays off.
    assert wiz.mapping_problem.isVisible() and not wiz.import_btn.isEnabled()
    assert wiz.mapping_problem.text() == ("messe.csv: no column is mapped to a name, an e-mail address or the note text; "
                                          "choose one below.")
    wiz.set_field("Hvem", "full_name")
    assert not wiz.mapping_problem.isVisible() and wiz.import_btn.isEnabled()
    wiz.set_field("Adr", "email")
    wiz.set_field("Hva skjedde", "note")
    wiz.set_field("Når", "date")
    _import(qtbot, wiz)
    rows = _query(w, "SELECT c.full_name, c.email, n.body, n.occurred_at FROM notes n JOIN contacts c ON c.id = n.contact_id")
    assert rows == [("Eirik Solbakken", "eirik@fjellbygg.example.com", "Met at the trade fair, send the price list",
                     "2025-03-12")]


def test_a_missing_required_field_blocks_import_with_one_line(qtbot, home):
    w = open_unlocked(qtbot)
    wiz = w.open_import([str(V / "salesforce" / "Note.csv"), str(V / "salesforce" / "Contact.csv")])
    _ready(qtbot, wiz)
    qtbot.waitUntil(lambda: len(wiz.detections) == 2, timeout=10000)
    assert wiz.import_btn.isEnabled()
    wiz.file_list.setCurrentRow([wiz.file_list.item(i).text().startswith("Note.csv") for i in range(2)].index(True))
    wiz.set_field("Body", "")
    assert not wiz.import_btn.isEnabled()
    assert wiz.mapping_problem.text() == "Note.csv: no column is mapped to the note text; choose one below."
    # Looking at the other file still names the one that blocks.
    wiz.file_list.setCurrentRow([wiz.file_list.item(i).text().startswith("Contact.csv") for i in range(2)].index(True))
    assert "Note.csv" in wiz.mapping_problem.text() and not wiz.import_btn.isEnabled()
    wiz.set_field("LastName", "")
    wiz.set_field("FirstName", "")
    wiz.set_field("Email", "")
    wiz.file_list.setCurrentRow([wiz.file_list.item(i).text().startswith("Note.csv") for i in range(2)].index(True))
    assert _shown(wiz)["Body"] == ""  # the choice is kept per file
    wiz.set_field("Title", "note")  # the title becomes the note text
    assert wiz.mapping_problem.text() == ("Contact.csv: no column is mapped to a name or an e-mail address; "
                                          "choose one below.")
    wiz.file_list.setCurrentRow([wiz.file_list.item(i).text().startswith("Contact.csv") for i in range(2)].index(True))
    wiz.set_field("Email", "email")
    assert not wiz.mapping_problem.isVisible() and wiz.import_btn.isEnabled()
    _import(qtbot, wiz)
    assert wiz.report.ok
    notes = _query(w, "SELECT body, title FROM notes ORDER BY body")
    assert notes == [("Price call", None), ("Renewal (see e-mail)", None)]  # the titles are the text now
    contacts = _query(w, "SELECT full_name, first_name, last_name, email, title FROM contacts")
    assert len(contacts) == 1 and contacts[0][1:4] == (None, None, "eirik.vik@brygge.example.com")


def test_warnings_in_plain_words_with_raw_lines_under_details(qtbot, home):
    w = open_unlocked(qtbot)
    wiz = w.open_import([str(V / "zoho" / "Notes.csv")])  # notes without their contacts file
    _ready(qtbot, wiz)
    _import(qtbot, wiz)
    assert wiz.link_warning.isVisible()
    assert wiz.link_warning.text().startswith("Notes.csv: 1 of 1 notes could not be matched to a person or company")
    summary = wiz.warning_summary.text()
    assert "1 note could not be matched to a person or company — see Details." in summary
    assert "Notes.csv: 1 of 1 notes (100 %) could not be linked" in wiz.details.text()
    assert "Parent ID" in wiz.details.text()  # the column name and ids: only under Details
    raw_ids = re.findall(r"\d{6,}", wiz.details.text())
    assert raw_ids and not any(i in summary or i in wiz.link_warning.text() for i in raw_ids)
    assert "Parent ID" not in summary and "Parent ID" not in wiz.link_warning.text()
    assert not wiz.details.isVisible()
    qtbot.mouseClick(wiz.details_btn, Qt.MouseButton.LeftButton)
    assert wiz.details.isVisible()
    wiz.accept()
    wiz = w.open_import([str(V / "zoho" / "Contacts.csv")])
    _ready(qtbot, wiz)
    _import(qtbot, wiz)
    assert not wiz.link_warning.isVisible() and "could not be matched" not in wiz.warning_summary.text()


def test_screenshot_of_the_mapping_step(qtbot, home, tmp_path):
    f = tmp_path / "hubspot-contacts.csv"
    f.write_text(HUBSPOT_HEADER
                 + "911,Ingrid,Ødegård,ingrid@fjordfrakt.example.com,+47 400 00 911,Logistikksjef,Fjordfrakt AS,"
                   "Sales Rep,Customer,Asked for a quote on cold storage,4101\n"
                 + "912,Lars,Østby,lars@fjordfrakt.example.com,+47 400 00 912,CFO,Fjordfrakt AS,Sales Rep,Lead,,4101\n",
                 encoding="utf-8")
    w = open_unlocked(qtbot)
    wiz = w.open_import([str(f)])
    wiz.resize(900, 700)
    wiz.show()
    _ready(qtbot, wiz)
    wiz.set_field("Meeting notes", "note")
    wiz.set_field("Contact owner", "")
    wiz.mapping.scrollToBottom()
    assert _shown(wiz)["Meeting notes"] == "note" and wiz.import_btn.isEnabled()
    path = shot(wiz, "09-import-mapping")
    assert path.name == "09-import-mapping.png"


def test_mapping_step_in_bokmal(qtbot, home, tmp_path):
    from PySide6.QtWidgets import QApplication

    from app.gui import i18n

    app = QApplication.instance()
    try:
        assert i18n.install(app, "nb", tmp_path) == "nb"
        w = open_unlocked(qtbot)
        wiz = w.open_import([str(V / "salesforce" / "Note.csv")])
        _ready(qtbot, wiz)
        assert wiz.mapping.horizontalHeaderItem(2).text() == "Importeres som"
        assert wiz.mapping.combo_for("Body").currentText() == "Notattekst"
        wiz.set_field("Body", "")
        assert wiz.mapping_problem.text() == "Note.csv: ingen kolonne er koblet til notatteksten; velg én nedenfor."
        assert not wiz.import_btn.isEnabled()
        wiz.set_field("Body", "note")
        _import(qtbot, wiz)
        assert "2 notater kunne ikke knyttes til en person eller et firma – se Detaljer." in wiz.warning_summary.text()
        assert wiz.details_btn.text() == "&Detaljer"
        wiz.accept()
    finally:
        assert i18n.install(app, "en", tmp_path) == "en"


# ---- the core path the wizard uses (Qt-free): app.core.crm.mapping through the importer ----

@pytest.mark.parametrize("rel, expected", [
    ("hubspot/notes.csv", {"Note body": "note", "Activity date": "date", "Associated Contact IDs": "link", "Record ID": "id"}),
    ("zoho/Notes.csv", {"Note Title": "note_title", "Note Content": "note", "Parent ID": "link", "Note Owner": ""}),
    ("pipedrive/persons.csv", {"Person - Name": "full_name", "Person - Email": "email", "Person - Organization": "company"}),
    ("dynamics/annotation.csv", {"notetext": "note", "subject": "note_title", "objectid": "link", "filename": "attachment"}),
    ("salesforce/Contact.csv", {"FirstName": "first_name", "LastName": "last_name", "AccountId": "link", "IsDeleted": ""}),
])
def test_detected_fields_follow_each_formats_own_mapper(rel, expected):
    from app.core.crm import detection, formats, mapping

    det = detection.detect(V / rel)
    fields = dict(zip(det.columns, mapping.detected_fields(formats.by_name(det.format), det.columns)))
    assert {k: fields[k] for k in expected} == expected


def test_cli_map_with_a_crm_format_changes_its_mapping_and_refuses_link_columns(cli, tmp_path):
    import json

    f = tmp_path / "contacts.csv"
    f.write_text(HUBSPOT_HEADER + "921,Vilde,Strand,vilde@havlys.example.com,,Daglig leder,Havlys AS,Sales Rep,Lead,"
                 "Called about the spring order,\n", encoding="utf-8")
    code, out, _ = cli("import", str(f), "--format", "hubspot", "--map", "Meeting notes=note,Job Title=ignore", "--json")
    assert code == 0
    rep = json.loads(out)["files"][0]
    assert rep["format"] == "hubspot" and rep["contacts_added"] == 1 and rep["notes_added"] == 1
    code, out, err = cli("import", str(f), "--format", "hubspot", "--map", "Associated Company IDs=company", "--json")
    assert code != 0
    assert "column 'Associated Company IDs' links or identifies records in HubSpot export" in out + err


def test_one_column_per_field_the_users_choice_wins(qtbot, home, tmp_path):
    f = tmp_path / "hubspot-contacts.csv"
    f.write_text("Record ID,First Name,Last Name,Email,Phone Number,Mobile Phone Number\n"
                 "931,Mats,Fjellheim,mats@kystbuss.example.com,+47 22 00 09 31,+47 400 09 931\n", encoding="utf-8")
    w = open_unlocked(qtbot)
    wiz = w.open_import([str(f)])
    _ready(qtbot, wiz)
    assert _shown(wiz)["Phone Number"] == "phone" and _shown(wiz)["Mobile Phone Number"] == ""
    wiz.set_field("Mobile Phone Number", "phone")
    assert _shown(wiz)["Phone Number"] == ""  # the field moved: the other column is no longer imported
    assert wiz.column_mapping().spec() == "Phone Number=ignore,Mobile Phone Number=phone"
    _import(qtbot, wiz)
    assert _query(w, "SELECT full_name, phone FROM contacts") == [("Mats Fjellheim", "+47 400 09 931")]


def test_overrides_keep_a_name_and_move_fields(tmp_path):
    from app.core.crm import formats
    from app.core.crm.mapping import open_stream
    from app.core.crm.headers import parse_map

    f = tmp_path / "outlook.csv"
    f.write_text("First Name,Middle Name,Last Name,Company,Job Title,E-mail Address,Business Phone,Notes\n"
                 "Kari,Marie,Nordmann,Fjordlys AS,CEO,kari@fjordlys.example.com,+47 22 00 00 77,Asked for a demo\n",
                 encoding="utf-8")
    fmt = formats.by_name("outlook")

    def records(spec):
        st = open_stream(fmt, f, parse_map(spec) if spec else None)
        try:
            return list(st.records)
        finally:
            st.close()

    (plain,) = records(None)
    assert plain.full_name == "Kari Marie Nordmann" and plain.notes == [(None, "Asked for a demo")]
    (rec,) = records("Middle Name=ignore")
    assert rec.full_name == "Kari Nordmann"  # without the column that made the full name: first + last
    (rec,) = records("Job Title=note,Notes=ignore")
    assert rec.title is None and rec.notes == [(None, "CEO", None)]
    (rec,) = records("Notes=note_title")  # a title without a text is no note
    assert rec.notes == []


def test_vcard_has_no_columns_and_excel_columns_are_mapped(qtbot, home):
    w = open_unlocked(qtbot)
    data = CRM
    wiz = w.open_import([str(data / "vcard" / "contacts30.vcf")])
    _ready(qtbot, wiz)
    assert wiz.mapping.rowCount() == 0 and "no columns to map" in wiz.map_note.text()
    assert wiz.import_btn.isEnabled() and not wiz.mapping_problem.isVisible()
    wiz.reject()
    wiz = w.open_import([str(data / "excel" / "kontakter.xlsx")])
    _ready(qtbot, wiz)
    assert _shown(wiz) == {"Fornavn": "first_name", "Etternavn": "last_name", "E-post": "email", "Firma": "company",
                           "Notater": "note", "Dato": "date"}  # Norwegian headers, recognised
    wiz.reject()
