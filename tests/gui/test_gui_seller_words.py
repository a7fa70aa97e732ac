"""Seller-facing words and the first screen (issue 24, point 6), and templates in the window
(point 2): the Down arrow from search, Nordic sort order, Forget from a list, Close on every
dialog, Language under Settings, a visible sign for a passphrase from the environment, flags in
words, templates the user adds (kept in the vault) beside the company's read-only ones.
Screenshots of each changed screen in English and bokmål, at 1024×640 and 1440×900.

Real SQLCipher vaults in the test's CONFIDANT_HOME, real CRM-style CSV files through the real
importer, real widgets offscreen. Answers come through the pane's own result path (the real
model drives the same screens in tests/gui/test_gui_draft_workspace.py).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.core.assistant.generation import TaskResult
from app.gui import i18n
from tests.support.gui import NORDIC, nav_texts, open_window, pick, search, seed, shot, write_export
from tests.support.paths import ROOT

pytestmark = [pytest.mark.gui, pytest.mark.secret_service]

SIZES = ((1024, 640), (1440, 900))


def _store(qtbot, w, fn):
    box = {}
    w.session.run(lambda ctx, task: fn(ctx), success=lambda v: box.setdefault("v", v))
    qtbot.waitUntil(lambda: "v" in box, timeout=15000)
    return box["v"]


def test_down_arrow_nordic_order_forget_from_a_list_and_close_buttons(qtbot, home, tmp_path):
    seed(write_export(tmp_path / "nordic.csv", [("Zara", "Zeta"), ("Anders", "Berg"), *NORDIC], notes_for=2))
    w = open_window(qtbot, size=(1024, 640))
    search(qtbot, w, "")
    people = [t.split(" · ")[0] for t in nav_texts(w) if " · " in t]
    # … Z Æ Ø Å, with Ä beside Æ, Ö beside Ø and Ü as Y, as a Norwegian reader expects.
    assert people == ["Anders Berg", "Björn Ängström", "Ingrid Ødegård", "Jürgen Müller", "Lars Østby", "Ola Ødegård",
                      "Siri Ødegård", "Ünal Üstün", "Zara Zeta", "Ærlig Åsen", "Özlem Öztürk", "Åse Ærø"]

    # Down from the search box moves into the results (the first person or account).
    w.navigator.search.setFocus()
    with qtbot.waitSignal(w.timeline.loaded, timeout=10000):
        qtbot.keyClick(w.navigator.search, Qt.Key.Key_Down)
    assert w.focusWidget() is w.navigator.list and w.navigator.list.currentItem() is not None

    # Privacy: Forget chooses the person from a list; Close is there, Language is not.
    privacy = w.open_privacy()
    assert privacy.close_btn.text() == "Close" and not hasattr(privacy, "language")
    chooser = privacy.forget_contact()
    qtbot.waitUntil(lambda: chooser.list.count() == 12, timeout=10000)
    chooser.search.setText("ødegård")
    qtbot.waitUntil(lambda: chooser.list.count() == 3, timeout=10000)
    chooser.list.setCurrentRow(1)
    name = chooser.list.currentItem().text().split(" · ")[0]
    privacy._confirm_forget = lambda plan: privacy.__dict__.setdefault("plan", plan)
    chooser.choose()
    qtbot.waitUntil(lambda: "plan" in privacy.__dict__, timeout=10000)
    assert privacy.plan["name"] == name and privacy.plan["notes"] is not None
    privacy.show_audit()
    qtbot.waitUntil(lambda: getattr(privacy, "audit_dialog", None) is not None, timeout=10000)
    close = privacy.audit_dialog.findChild(type(privacy.close_btn), "closeAudit")
    assert close is not None and close.text() == "Close"
    close.click()
    assert not privacy.audit_dialog.isVisible()
    privacy.close_btn.click()
    assert not privacy.isVisible()

    # Settings has the language; saving it is remembered for the locked first screen too.
    settings = w.open_settings()
    settings.language.setCurrentIndex(settings.language.findData("nb"))
    settings.save()
    qtbot.waitUntil(lambda: settings.status.text() == "Saved.", timeout=10000)
    assert i18n.remembered_language(w.session.ctx.paths) == "nb"
    assert settings.gpu_state.text() == "The model is not loaded yet."


def test_a_passphrase_from_the_environment_is_said_on_screen(qtbot, home, no_keyring, tmp_path):
    seed(write_export(tmp_path / "p.csv", NORDIC[:2]))
    w = open_window(qtbot)
    assert w.key_label.isVisible() and "passphrase from the environment" in w.key_label.text()
    w.lock()
    assert not w.key_label.isVisible()


def test_templates_the_user_adds_are_kept_and_the_companys_are_read_only(qtbot, home, tmp_path):
    from app.core.assistant import templates

    lib = tmp_path / "team.toml"
    lib.write_text('[[template]]\nname = "renewal"\ntitle = "Remind them of the renewal"\n'
                   'instruction = "Remind them that the agreement renews soon."\n', encoding="utf-8")
    (tmp_path / "policy.toml").write_text(f'[policy]\ndraft_templates = "{lib}"\n', encoding="utf-8")
    seed(ROOT / "resources" / "sample" / "sample-crm.csv")
    w = open_window(qtbot)
    options = w.assistant.options
    qtbot.waitUntil(lambda: options.purpose.findData("renewal") >= 0, timeout=10000)
    titles = [options.purpose.itemText(i) for i in range(options.purpose.count())]
    assert titles == ["Follow up after a meeting", "Reply to an inquiry", "Make a proposal", "Address a concern",
                      "Remind them of the renewal (from your company)", "Custom: only the About line"]
    dlg = options.open_templates()
    dlg.list.setCurrentRow(4)
    assert not dlg.save_btn.isEnabled() and not dlg.delete_btn.isEnabled() and "From your company" in dlg.source.text()
    dlg.new()
    dlg.title.setText("Check on the pilot")
    dlg.instruction.setPlainText("Ask how the pilot at the two depots is going.")
    dlg.length.setCurrentIndex(dlg.length.findData("short"))
    with qtbot.waitSignal(dlg.changed, timeout=10000):
        dlg.save()
    mine = _store(qtbot, w, lambda ctx: templates.user_templates(ctx.vault.conn))
    assert [(t.name, t.title, t.length) for t in mine] == [("check-on-the-pilot", "Check on the pilot", "short")]
    qtbot.waitUntil(lambda: options.purpose.findData("check-on-the-pilot") >= 0, timeout=10000)
    options.select(template="check-on-the-pilot")
    assert options.values()["template"] == "check-on-the-pilot" and options.values()["length"] == "short"
    dlg.close()


def _saved_conversation(ctx, contact_id: int) -> int:
    """A draft conversation with a follow-up, stored as the assistant stores one."""
    from app.core.vault import conversations

    with ctx.vault.transaction() as conn:
        cid = conversations.create(conn, "draft", contact_id=contact_id, title="draft")
        conversations.add_message(conn, cid, "user", "(prompt)", meta={"lang": "en", "template": "follow-up"})
        conversations.add_message(conn, cid, "assistant", "Hi Kari", meta={"text": "Hi Kari", "subject": "Pilot"})
        conversations.add_message(conn, cid, "user", "(turn)", meta={"display": "make it shorter", "lang": "en"})
        conversations.add_message(conn, cid, "assistant", "Hi", meta={"text": "Hi", "subject": "Pilot"})
    return cid


DRAFT = ("Subject: Pilot in Bergen\n\nHi Kari,\n\nThanks for the demo [n1]. As agreed: a **pilot** with two depots.\n\n"
         "Best regards,\nOla Hansen\n\nSources: [n1][n2]")


@pytest.mark.parametrize("lang", ["en", "nb"])
def test_screenshots_of_the_changed_screens(qtbot, home, tmp_path, lang):
    """Each changed screen in English and bokmål, rendered at 1024×640 and 1440×900."""
    from app.core.llm.events import AnswerChunk

    seed(ROOT / "resources" / "sample" / "sample-crm.csv")
    app = QApplication.instance()
    try:
        assert i18n.install(app, lang, tmp_path) == lang
        w = open_window(qtbot, size=SIZES[0])
        pane = w.assistant
        search(qtbot, w, "kari")
        pick(qtbot, w, "Kari Nordmann")
        for size in SIZES:
            w.resize(*size)
            shot(w, f"24-{lang}-first-screen-{size[0]}")
        assert pane.pages.currentWidget() is pane.hint
        # A draft streams in: no markup on screen, then the result with its sources as chips.
        pane._kind, pane._instruction = "draft", "Pilot"
        for i in range(0, len(DRAFT), 7):
            pane._event(AnswerChunk(DRAFT[i:i + 7]))
        pane.answer_buffer.flush()
        assert "[n1]" not in pane.answer.text() and "Sources" not in pane.answer.text()
        pane._finished(TaskResult(conversation_id=None, task="draft", subject="Pilot in Bergen",
                                  text="Hi Kari,\n\nThanks for the demo. As agreed: a **pilot** with two depots.\n\nBest regards,\nOla Hansen",
                                  citations=[{"note_id": 1, "date": "2025-03-04"}, {"note_id": 2, "date": "2025-02-11"}],
                                  flags=[{"kind": "instruction_like", "note_id": 2}]))
        assert len(pane.citations.chips) == 2 and pane.citations.isVisible()
        with qtbot.waitSignal(pane.citation_activated, timeout=1000) as got:
            pane.citations.chips[0].click()
        assert got.args == [1]
        pane.toggle_edit()
        pane.editor.setPlainText("Hi Kari,\n\nMy own words about the pilot.\n\nOla Hansen")
        pane.toggle_edit()
        assert pane.thread.versions[-1].edited
        for size in SIZES:
            w.resize(*size)
            shot(w, f"24-{lang}-draft-versions-{size[0]}")
        settings = w.open_settings()
        shot(settings, f"24-{lang}-settings")
        settings.close()
        privacy = w.open_privacy()
        shot(privacy, f"24-{lang}-privacy")
        chooser = privacy.forget_contact()
        qtbot.waitUntil(lambda: chooser.list.count() > 0, timeout=10000)
        shot(chooser, f"24-{lang}-forget-chooser")
        chooser.close()
        privacy.close()
        templates = pane.options.open_templates()
        shot(templates, f"24-{lang}-templates")
        assert templates.instruction.toPlainText().startswith("Følg opp" if lang == "nb" else "Follow up")
        templates.close()
        _store(qtbot, w, lambda ctx: _saved_conversation(ctx, int(pane.target["id"])))
        history = w.open_history()
        qtbot.waitUntil(lambda: history.list.count() == 1, timeout=10000)
        shot(history, f"24-{lang}-history")
        history.close()
        title = history.list.item(0).text()
        if lang == "nb":
            assert pane.draft_btn.text() != "&Draft follow-up" and pane.options.purpose.itemText(0) == "Følg opp etter et møte"
            assert "Oppfølging til Kari Nordmann — make it shorter" in title
            assert pane.hint.steps.text().startswith("1. Velg en kontakt")
        else:
            assert "Follow-up to Kari Nordmann — make it shorter" in title
    finally:
        i18n.install(app, "en", tmp_path)


def test_prompt_markup_never_reaches_the_screen_however_the_stream_is_cut():
    from app.gui.answer_view import MarkupFilter, display_text

    # What a small model echoes: a fence marker it did not close, note markers, the task line,
    # references and the Sources line of a draft.
    text = ("<<<SUBJECT>>\nHi Kari [n1].\nTASK: write the e-mail\n<<<NOTE n3 | 2024-01-01>>>\nThe pilot [n1, n2] "
            "starts in May.\n<<<END NOTE n3>>>\nBest regards,\nOla\nSources: [n1][n2]")
    want = display_text(text)
    assert want == "Hi Kari.\n\nThe pilot starts in May.\n\nBest regards,\nOla"
    for size in range(1, 12):
        f = MarkupFilter()
        out = "".join(f.feed(text[i:i + size]) for i in range(0, len(text), size)) + f.flush()
        assert " ".join(out.split()) == " ".join(want.split()), (size, out)
        assert "<<<" not in out and ">>" not in out and "[n" not in out and "TASK" not in out and "Sources" not in out
