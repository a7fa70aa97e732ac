"""A salesperson's first hour (issue 13): the first screen is not clipped, names with Ø/Å/Æ/
Ä/Ö/Ü are found in any case, every person of a large export is reachable, a contact has a
card that can forget it, messages are in the window's words and language.

Real SQLCipher vaults in the test's CONFIDANT_HOME (key in the real Secret Service), real
CRM-style CSV files imported by the real importer, real Qt widgets offscreen. Screenshots
of what a person would see are rendered at each step and written to docs/screenshots/ with
CONFIDANT_UPDATE_SCREENSHOTS=1 (see :func:`shot`).
"""

from __future__ import annotations


import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QAbstractSlider, QApplication, QLabel, QMessageBox

from app.core.errors import N_, WrongPassphraseError
from app.core.model import Note, Subject
from app.gui import errors, i18n
from app.gui.main_window import MainWindow
from app.gui.session import Session
from app.gui.unlock import UnlockView
from tests.support.gui import NORDIC, nav_texts, open_window, pick, search, seed, shot, write_export

pytestmark = [pytest.mark.gui, pytest.mark.secret_service]
# ---- 1. the first screen ------------------------------------------------------------------


def clipped_labels(view) -> list[str]:
    """Visible labels shorter than their text needs at their width (cut at top and bottom)."""
    bad = []
    for lab in view.findChildren(QLabel):
        if not lab.isVisible() or not lab.text():
            continue
        need = lab.heightForWidth(lab.width()) if lab.wordWrap() else lab.sizeHint().height()
        if lab.height() < need:
            bad.append(f"{lab.objectName() or lab.text()[:30]!r}: {lab.height()}px < {need}px")
    for field in (view.passphrase, view.confirm):
        if field.isVisible() and field.height() < field.sizeHint().height():
            bad.append(f"{field.objectName()}: {field.height()}px < {field.sizeHint().height()}px")
    return bad


@pytest.mark.parametrize("size", [(1280, 780), (1440, 900)])
def test_first_screen_labels_fit_their_wrapped_text(qtbot, tmp_path, size):
    w = MainWindow(Session())
    qtbot.addWidget(w)
    w.resize(*size)
    w.show()
    v = w.unlock_view
    first = {"first_run": True, "keyring_ok": False, "mode": None}
    states = {
        "first run": (first, ""),
        "wrong passphrase": ({"first_run": False, "keyring_ok": False, "mode": "passphrase"},
                             "Wrong passphrase. The vault was not touched."),
        "too short": (first, "The passphrase must be at least 8 characters."),
    }
    for name, (state, error) in states.items():
        v._probed(state)
        v.error.setText(error)
        qtbot.waitUntil(lambda: clipped_labels(v) == [], timeout=3000)
        assert v.info.height() >= 2 * v.info.fontMetrics().height(), name  # the explanation wraps, in full
        if size == (1280, 780) and name == "first run":
            shot(w, "01-first-run")
    app = QApplication.instance()
    try:
        assert i18n.install(app, "nb", tmp_path) == "nb"
        nb = UnlockView(Session())
        qtbot.addWidget(nb)
        nb.resize(*size)
        nb.show()
        nb._probed(first)
        assert "passordfrase" in nb.info.text()
        nb.error.setText(errors.message_for(WrongPassphraseError(N_("Wrong passphrase. The vault was not touched."))))
        assert nb.error.text() != "Wrong passphrase. The vault was not touched."  # in bokmål
        qtbot.waitUntil(lambda: clipped_labels(nb) == [], timeout=3000)
        nb._probed({"first_run": False, "keyring_ok": False, "mode": "passphrase"})
        qtbot.waitUntil(lambda: clipped_labels(nb) == [], timeout=3000)
        if size == (1280, 780):
            shot(nb, "07-bokmal-locked")
    finally:
        i18n.install(app, "en", tmp_path)


# ---- 3. and 4. finding people ---------------------------------------------------------------


def test_name_search_folds_nordic_and_german_letters(qtbot, home, tmp_path):
    seed(write_export(tmp_path / "nordic.csv", NORDIC))
    from app.cli.common import passphrase_provider
    from app.core.context import open_context
    from app.core.vault.records import count_contacts, list_accounts, list_contacts

    ctx = open_context(passphrase_provider)
    try:
        conn = ctx.vault.conn
        names = lambda q: sorted(c["name"] for c in list_contacts(conn, q))  # noqa: E731
        assert names("ødegård") == names("ØDEGÅRD") == names("Ødegård") == [
            "Ingrid Ødegård", "Ola Ødegård", "Siri Ødegård"]
        assert names("ærø") == ["Åse Ærø"] and names("åsen") == ["Ærlig Åsen"]
        assert names("MÜLLER") == ["Jürgen Müller"] and names("ängström") == ["Björn Ängström"]
        assert names("öztürk") == ["Özlem Öztürk"] and names("üstün") == ["Ünal Üstün"]
        assert names("P3@EXAMPLE.COM") == ["Åse Ærø"]  # e-mail, any case
        assert count_contacts(conn, "ødegård") == 3
        assert [a["name"] for a in list_accounts(conn, "firma 3 as")] == ["Firma 3 AS"]
        assert names("50%") == [] and names("_") == []  # no pattern characters
    finally:
        ctx.close()

    w = open_window(qtbot)
    search(qtbot, w, "ødegård")
    assert sum("Ødegård" in t for t in nav_texts(w)) == 3
    search(qtbot, w, "östby".replace("ö", "ø"))
    assert any("Lars Østby" in t for t in nav_texts(w)), nav_texts(w)


def test_people_list_reaches_every_one_of_415_contacts(qtbot, home, tmp_path):
    people = [(f"Person{i:03d}", f"{chr(65 + i % 26)}{'ensen' if i % 2 else 'berg'}") for i in range(405)] + NORDIC
    seed(write_export(tmp_path / "big.csv", people, notes_for=2))
    w = open_window(qtbot)
    search(qtbot, w, "")
    qtbot.waitUntil(lambda: w.navigator.people_total == 415, timeout=15000)
    nav = w.navigator
    assert nav.people_shown == 200
    more = nav.more_item
    assert more is not None and "Showing 200 of 415 people" in more.text()  # said, with a way on
    # The user scrolling to the end fetches the next page, twice; then the note disappears.
    for shown in (400, 415):
        # The list lays out new rows lazily; lay them out first so the scroll bar's maximum
        # includes the page just added (else "scroll to the end" may not move at all).
        nav.list.doItemsLayout()
        with qtbot.waitSignal(nav.searched, timeout=10000):
            if shown == 400:  # the mouse wheel, turned until the end (one page at most per turn)
                vp, bar = nav.list.viewport(), nav.list.verticalScrollBar()
                centre = QPointF(vp.width() / 2, vp.height() / 2)
                for _turn in range(500):
                    if bar.value() >= bar.maximum():
                        break
                    QApplication.sendEvent(vp, QWheelEvent(centre, vp.mapToGlobal(centre), QPoint(), QPoint(0, -360),
                                                           Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                                                           Qt.ScrollPhase.NoScrollPhase, False))
            else:  # the scroll bar dragged or End pressed on it
                nav.list.verticalScrollBar().triggerAction(QAbstractSlider.SliderAction.SliderToMaximum)
        assert nav.people_shown == shown
    assert nav.more_item is None
    texts = nav_texts(w)
    assert sum(1 for i in range(nav.list.count()) if isinstance(s := nav.list.item(i).data(Qt.ItemDataRole.UserRole), Subject) and s.kind == "contact") == 415
    assert any(t.startswith("Person404") for t in texts) and any("Özlem Öztürk" in t for t in texts)
    # A click on the "more" row works too (a search with more than one page).
    search(qtbot, w, "person")
    assert nav.people_total == 405 and nav.more_item is not None
    with qtbot.waitSignal(nav.searched, timeout=10000):
        nav.list.setCurrentItem(nav.more_item)
    assert nav.people_shown == 400
    # One click, one page: the list scrolling itself to keep the current row in view after the
    # page arrived (Qt does that in its own time) loads nothing more.
    nav.list.doItemsLayout()
    qtbot.wait(300)
    assert nav.people_shown == 400 and nav.more_item is not None
    # A scroll the program makes (not the user) loads nothing either.
    nav.list.scrollToBottom()
    nav.list.verticalScrollBar().setValue(nav.list.verticalScrollBar().maximum())
    qtbot.wait(300)
    assert nav.people_shown == 400


# ---- 11. and 17. the contact card, empty states, forgetting from the card -------------------


def test_contact_card_empty_states_and_forget_from_the_card(qtbot, home, tmp_path):
    long_name = ("Maximiliane-Theodora", "von Hohenzollern-Sigmaringen-Ødegård-Strandberg-Lindqvist")
    seed(write_export(tmp_path / "card.csv", [("Kari", "Nordmann"), ("Per", "Hansen"), long_name, *NORDIC[:2]], notes_for=1))
    w = open_window(qtbot)
    w.resize(1280, 780)
    card = w.timeline.card
    # Nothing chosen yet: the middle says what to do, it is not an unlabelled white box.
    assert "Choose a person" in card.hint.text() and "Ctrl+I" in card.hint.text()
    assert "Choose a person" in w.timeline.notes.item(0).text()
    assert w.timeline.body.placeholderText()

    search(qtbot, w, "nordmann")
    pick(qtbot, w, "Kari Nordmann")
    assert card.name.full_text() == "Kari Nordmann"
    assert card.role.full_text() == "Innkjøpssjef · Firma 0 AS"
    assert card.email.full_text() == "p0@example.com" and card.phone.full_text() == "+47 400 00000"
    assert card.forget_btn.isVisible()
    w.timeline.notes.setCurrentRow(0)
    shot(w, "02-contact-card")

    search(qtbot, w, "hansen")
    pick(qtbot, w, "Per Hansen")
    assert "No notes for this contact yet" in w.timeline.notes.item(0).text()

    # A name that does not fit: an ellipsis and a tooltip, no horizontal scrollbar.
    search(qtbot, w, "sigmaringen")
    pick(qtbot, w, "Hohenzollern")
    w.workspace.setSizes([200, 300, 780])
    qtbot.waitUntil(lambda: card.name.is_elided(), timeout=3000)
    assert card.name.text().endswith("…") and "Sigmaringen" in card.name.toolTip()
    nav = w.navigator.list
    row = next(i for i, t in enumerate(nav_texts(w)) if "Hohenzollern" in t)
    assert nav.horizontalScrollBar().isHidden() or not nav.horizontalScrollBar().isVisible()
    assert "Sigmaringen" in nav.item(row).toolTip()

    # Forget from the card: the question is pre-filled and No is the default.
    search(qtbot, w, "kari")
    pick(qtbot, w, "Kari Nordmann")
    qtbot.mouseClick(card.forget_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: card.question is not None and card.question.isVisible(), timeout=10000)
    box = card.question
    assert "Kari Nordmann" in box.text() and "p0@example.com" in box.text() and "1 notes" in box.text()
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.No)
    box.button(QMessageBox.StandardButton.No).click()
    assert card.name.full_text() == "Kari Nordmann"  # No changed nothing
    qtbot.mouseClick(card.forget_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: card.question is not None and card.question.isVisible(), timeout=10000)
    with qtbot.waitSignal(w.timeline.forgotten, timeout=10000):
        card.question.button(QMessageBox.StandardButton.Yes).click()
    # Gone from every list at once, and no longer a target for a draft.
    qtbot.waitUntil(lambda: not any("Kari" in t for t in nav_texts(w)), timeout=10000)
    assert w.timeline.subject is None and w.assistant.target is None
    search(qtbot, w, "kari")
    assert not any("Kari Nordmann" in t for t in nav_texts(w))


# ---- 15. messages in the window's words and language ----------------------------------------


def test_gui_messages_drop_command_lines_and_follow_the_ui_language(qtbot, tmp_path):
    """The window shows the core's marked messages without their command-line parts, in its
    own words where it has them, in the UI language (the templates as app/core marks them)."""
    from app.core.errors import N_, AppError, NotFoundError

    asked_by_id = NotFoundError(N_("No contact matches '{contact_id}'⟦; try `confidant contacts` to list them⟧."),
                                contact_id="124")
    assert str(asked_by_id) == "No contact matches '124'; try `confidant contacts` to list them."  # the CLI's words
    shown = errors.message_for(asked_by_id)
    assert "124" not in shown and "confidant" not in shown and "`" not in shown
    assert "no longer exists" in shown
    # A name the user typed that matches nobody is said as such, not as "no longer exists".
    typed = errors.message_for(NotFoundError(N_("No contact matches '{ref}'. Nothing was deleted."), ref="Nobody Known"))
    assert typed == "No contact matches 'Nobody Known'. Nothing was deleted."
    changed = errors.message_for(AppError(
        N_("{path} changed since it was first trusted on {date} (SHA-256 was {old}…, now {new}…); refusing to load it"
           "⟦ (run `confidant models --trust {path}` if you replaced it on purpose)⟧."),
        path="/m/x.gguf", date="2026-01-02", old="abc", new="def"))
    assert "confidant models" not in changed and "x.gguf" in changed
    assert errors.message_for(AppError(N_("Something odd⟦ (see `confidant doctor`)⟧."))) == "Something odd."
    assert errors.message_for(AppError("Unmarked text (see `confidant doctor`).")) == "Unmarked text (see `confidant doctor`)."
    managed = AppError(N_("'{key}' is managed by your IT policy ({source}) and cannot be changed."),
                       key="retention_days", source="/etc/confidant/policy.toml")
    app = QApplication.instance()
    try:
        assert i18n.install(app, "nb", tmp_path) == "nb"
        for exc in (AppError(N_("Wrong passphrase. The vault was not touched.")), AppError(N_("The vault is locked.")),
                    managed, AppError(N_("{path}: the file is empty."), path="/home/x/a.csv"),
                    AppError(N_("{path} has a damaged or truncated GGUF header ({kind})."),
                             path="/home/x/broken-model.gguf", kind="EOFError"),
                    AppError(N_("{path} is not a GGUF model file (wrong magic bytes)."), path="/home/x/notes.gguf")):
            nb = errors.message_for(exc)
            assert nb != exc.message and nb, exc.message
        assert "/etc/confidant/policy.toml" in errors.message_for(managed)
        assert i18n.qt_translations_loaded()  # Qt's own dialogs (file dialogs, Yes/No) in bokmål too
    finally:
        i18n.install(app, "en", tmp_path)


# ---- 13. (navigator part) a note found by search says whose it is, words highlighted ------


def test_a_found_note_says_whose_it_is_and_highlights_the_words(qtbot, home, tmp_path):
    from app.gui.highlight import HIGHLIGHT_ROLE, highlight_ranges

    seed(write_export(tmp_path / "notes.csv", NORDIC[:3], notes_for=3))
    w = open_window(qtbot)
    search(qtbot, w, "PILOT Siri")
    rows = [w.navigator.list.item(i) for i in range(w.navigator.list.count())]
    notes = [r for r in rows if isinstance(r.data(Qt.ItemDataRole.UserRole), Note)]
    assert len(notes) == 1
    text = notes[0].text()
    assert "Siri Ødegård (Firma 2 AS)" in text and "Call 2" in text and "pilot with Siri" in text
    words = notes[0].data(HIGHLIGHT_ROLE)
    assert words == ["pilot", "siri"]
    spans = [text[a:a + n] for a, n in highlight_ranges(text, words)]
    assert spans.count("Siri") == 2 and "pilot" in spans
    shot(w.navigator, "03-note-search")


def test_the_workspace_in_bokmal_including_qts_own_buttons(qtbot, home, tmp_path):
    from app.gui.card import ask_forget

    seed(write_export(tmp_path / "nb.csv", NORDIC[:3], notes_for=1))
    app = QApplication.instance()
    try:
        assert i18n.install(app, "nb", tmp_path) == "nb"
        w = open_window(qtbot)
        assert "&Hjelp" in [a.text() for a in w.menuBar().actions()]
        search(qtbot, w, "ødegård")
        pick(qtbot, w, "Siri Ødegård")
        assert w.timeline.card.forget_btn.text() == "Glem denne kontakten …"
        assert "Ingen notater om denne kontakten ennå" in w.timeline.notes.item(0).text()
        search(qtbot, w, "ingrid")
        pick(qtbot, w, "Ingrid Ødegård")
        w.timeline.notes.setCurrentRow(0)
        shot(w, "08-bokmal-workspace")
        box = ask_forget(w, {"name": "Siri Ødegård", "email": "p2@example.com", "notes": 0, "conversations": 0, "drafts": 0})
        assert box.text().startswith("Glemme Siri Ødegård <p2@example.com>?")
        assert box.button(QMessageBox.StandardButton.No).text().replace("&", "") == "Nei"  # Qt's own catalogue
        box.deleteLater()
        assert w.open_settings().windowTitle() == "Innstillinger"
        assert w.open_about().windowTitle() == "Om Confidant"
    finally:
        i18n.install(app, "en", tmp_path)
