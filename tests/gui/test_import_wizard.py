"""The import wizard shows where notes went, warns about unlinked notes above everything else,
and lets the user choose the encoding in the preview (issue 16, items 5 and 6)."""

from __future__ import annotations


import pytest
from PySide6.QtCore import Qt

from tests.support.gui import _nav_texts, open_unlocked
from tests.support.paths import VENDORS as V

pytestmark = [pytest.mark.gui, pytest.mark.secret_service]



def _run(qtbot, wiz):
    qtbot.waitUntil(lambda: wiz.import_btn.isEnabled(), timeout=10000)
    qtbot.mouseClick(wiz.import_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wiz.report is not None, timeout=30000)


def test_report_page_states_linkage_and_warns_about_unlinked_notes(qtbot, home):
    w = open_unlocked(qtbot)
    wiz = w.open_import([str(V / "zoho" / "Notes.csv")])  # notes without their contacts file
    _run(qtbot, wiz)
    assert wiz.link_warning.isVisible()
    text = wiz.link_warning.text()  # in plain words; the column it looked in is under Details
    assert "Notes.csv: 1 of 1 notes could not be matched to a person or company" in text
    assert "Notes.csv: 1 of 1 notes (100 %) could not be linked" in wiz.details.text() and "Parent ID" in wiz.details.text()
    assert "Notes on a contact: 0, on a company only: 0, not linked: 1." in wiz.summary.text()
    wiz.accept()
    wiz = w.open_import([str(V / "zoho" / "Contacts.csv")])
    _run(qtbot, wiz)
    assert not wiz.link_warning.isVisible()
    assert wiz.report.totals()["notes_relinked"] == 1  # the earlier note moved to Lina


def test_encoding_choice_in_the_preview_rereads_the_file(qtbot, home, tmp_path):
    f = tmp_path / "kunder.csv"
    f.write_bytes("Fornavn;Etternavn;E-post\r\nBjørn;Dæhlie;bjorn@langrenn.example.com\r\n".encode("cp865"))
    w = open_unlocked(qtbot)
    wiz = w.open_import([str(f)])
    qtbot.waitUntil(lambda: wiz.import_btn.isEnabled(), timeout=10000)
    assert "cp865" in wiz.encoding_note.text() and "Bj›rn" in wiz.encoding_note.text()
    wiz.encoding.setCurrentIndex(wiz.encoding.findData("cp865"))
    qtbot.waitUntil(lambda: wiz.import_btn.isEnabled() and "cp865" in wiz.file_list.item(0).text(), timeout=10000)
    assert wiz.encoding_note.text() == ""
    cells = [wiz.preview.item(r, 0).text() for r in range(wiz.preview.rowCount()) if wiz.preview.item(r, 0)]
    assert "Bjørn" in cells
    _run(qtbot, wiz)
    qtbot.waitUntil(lambda: any("Bjørn Dæhlie" in t for t in _nav_texts(w)), timeout=10000)


def test_format_chooser_shows_the_detected_format_and_imports_as_the_chosen_one(qtbot, home, tmp_path):
    f = tmp_path / "export.csv"  # fits HubSpot and Zoho equally: detection refuses to guess
    f.write_text("Record ID,Contact Owner,First Name,Email\n7,Sales Rep,Kari,kari@example.com\n", encoding="utf-8")
    hs = V / "hubspot" / "contacts.csv"
    w = open_unlocked(qtbot)
    wiz = w.open_import([str(hs)])
    qtbot.waitUntil(lambda: wiz.import_btn.isEnabled(), timeout=10000)
    assert wiz.format_box.currentData() == "hubspot"
    # Choosing a format the file cannot be read as keeps the detected one and says why.
    wiz.format_box.setCurrentIndex(wiz.format_box.findData("vcard"))
    wiz.format_box.activated.emit(wiz.format_box.currentIndex())
    qtbot.waitUntil(lambda: wiz.import_btn.isEnabled() and wiz.map_note.text() != "", timeout=10000)
    assert wiz.format_box.currentData() == "hubspot" and "does not read as vCard" in wiz.map_note.text()
    wiz.reject()
    wiz = w.open_import([str(f)])
    qtbot.waitUntil(lambda: wiz.import_btn.isEnabled(), timeout=10000)  # offered as generic CSV to map
    wiz.format_box.setCurrentIndex(wiz.format_box.findData("hubspot"))
    wiz.format_box.activated.emit(wiz.format_box.currentIndex())
    qtbot.waitUntil(lambda: wiz.import_btn.isEnabled() and "HubSpot" in wiz.file_list.item(0).text(), timeout=10000)
    _run(qtbot, wiz)
    assert [x.format for x in wiz.report.files] == ["hubspot"]
    qtbot.waitUntil(lambda: any("Kari" in t for t in _nav_texts(w)), timeout=10000)
