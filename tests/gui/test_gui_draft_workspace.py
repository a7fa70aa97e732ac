"""The draft as a workspace (issue 24), driven through the real window on the real core and the
real SmolLM2 demo model: the options on screen are what is sent, a company template from
policy, an edit kept as a version of its own and what Copy and Save take, a follow-up that
names a language switches it in the prompt the engine receives, every version back after
reopening from History (with the contact's card), a contact's past drafts when it is opened,
and a summary that says how far it has read.

Real parts: a real vault (key in the real Secret Service) filled through the import wizard, the
app loading the model itself, Qt offscreen. The only stand-in is a recorder around the loaded
engine's ``stream`` that keeps each message list it is given (the prompt as sent).
"""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from tests.support.gui import _import_sample_through_wizard, _nav_texts, open_unlocked, shot

pytestmark = [pytest.mark.gui, pytest.mark.model, pytest.mark.secret_service, pytest.mark.slow]

TEAM = """[[template]]
name = "renewal"
title = "Remind them of the renewal"
instruction = "Remind them that the framework agreement renews soon."
tone = "formal"
length = "short"
"""


def _store(qtbot, w, fn):
    box = {}
    w.session.run(lambda ctx, task: fn(ctx), success=lambda v: box.setdefault("v", v))
    qtbot.waitUntil(lambda: "v" in box, timeout=15000)
    return box["v"]


def _open(qtbot, smol_model, monkeypatch, tmp_path):
    lib = tmp_path / "team"
    lib.mkdir()
    (lib / "renewal.toml").write_text(TEAM, encoding="utf-8")
    (tmp_path / "policy.toml").write_text(f'[policy]\ndraft_templates = "{lib}"\n', encoding="utf-8")
    monkeypatch.setenv("CONFIDANT_MODEL", str(smol_model))
    w = open_unlocked(qtbot, sample=True)
    _import_sample_through_wizard(qtbot, w).accept()
    qtbot.waitUntil(lambda: w.session.engine is not None, timeout=60000)
    engine = w.session.engine
    sent: list[list[dict]] = []
    real = engine.stream
    monkeypatch.setattr(engine, "stream", lambda messages, **kw: (sent.append([dict(m) for m in messages]), real(messages, **kw))[1])
    qtbot.waitUntil(lambda: any("Kari Nordmann" in t for t in _nav_texts(w)), timeout=10000)
    return w, sent


def _last(sent: list[list[dict]], wanted) -> list[dict]:
    """The last message list of the kind wanted (the window also builds briefs while idle)."""
    return next(msgs for msgs in reversed(sent) if wanted(msgs))


def _select(qtbot, w, name):
    with qtbot.waitSignal(w.timeline.loaded, timeout=10000):
        w.navigator.list.setCurrentRow(next(i for i, t in enumerate(_nav_texts(w)) if name in t))


def _wait_done(qtbot, pane, before: int):
    qtbot.waitUntil(lambda: not pane.busy and len(pane.thread.versions) > before, timeout=600000)


def test_options_edit_language_switch_versions_after_reopen_and_summary_progress(qtbot, home, smol_model, monkeypatch, tmp_path):
    from app.core.vault import conversations

    w, sent = _open(qtbot, smol_model, monkeypatch, tmp_path)
    pane = w.assistant
    w.resize(1024, 640)
    _select(qtbot, w, "Kari Nordmann")
    # The first screen of the pane: three steps, no empty answer or reasoning box.
    assert pane.pages.currentWidget() is pane.hint and "Pick a contact" in pane.hint.steps.text()
    assert not pane.reasoning_toggle.isVisible() and not pane.reasoning.isVisible()
    qtbot.waitUntil(lambda: pane.options.purpose.findData("renewal") >= 0, timeout=10000)
    assert pane.options.purpose.itemText(pane.options.purpose.findData("renewal")) == "Remind them of the renewal (from your company)"

    # The options on screen are what is sent; the company's template sets tone and length.
    pane.options.select(template="renewal", language="en", about="the pilot in Bergen")
    assert pane.options.tone.currentData() == "formal" and pane.options.length.currentData() == "short"
    pane.quick.setChecked(True)
    pane.extra_options = {"answer_tokens": 16, "seed": 2}
    qtbot.mouseClick(pane.draft_btn, Qt.MouseButton.LeftButton)
    _wait_done(qtbot, pane, 0)
    first = _last(sent, lambda msgs: "TASK: Write a follow-up e-mail" in msgs[0]["content"])[0]["content"]
    assert "framework agreement renews soon" in first and "Length: short" in first and "Tone: formal" in first
    assert "Write your whole answer in English" in first and "the pilot in Bergen" in first
    cid = pane.conversation_id
    meta = _store(qtbot, w, lambda ctx: conversations.get(ctx.vault.conn, cid))["messages"][0]["meta"]
    assert meta["template"] == "renewal" and meta["length"] == "short" and meta["lang"] == "en"
    # Raw prompt markup never reaches the screen, whatever the small model wrote.
    shown = pane.answer.text()
    assert not re.search(r"<<<|>>>|^\s*TASK\s*:|\[n\d+\]|^\s*Sources\s*:", shown, re.M | re.I), shown
    assert "tokens/s" in pane.state.toolTip() and not w.statusBar().currentMessage().endswith("tokens/s")

    # Edit: the user's text is a version of its own, stored, and what Copy and Save take.
    qtbot.mouseClick(pane.edit_btn, Qt.MouseButton.LeftButton)
    assert pane.editing()
    mine = "Hi Kari,\n\nThe framework agreement renews in May; shall we talk about the pilot first?\n\nOla"
    pane.editor.setPlainText(mine)
    pane.subject_field.setText("Renewal and the pilot")
    qtbot.mouseClick(pane.copy_btn, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == "Renewal and the pilot\n\n" + mine
    assert pane.thread.versions[-1].edited and not pane.editing()
    qtbot.waitUntil(lambda: _store(qtbot, w, lambda ctx: conversations.drafts(ctx.vault.conn, cid))[-1]["body"] == mine,
                    timeout=15000)
    eml = home / "edited.eml"
    pane.write_eml(eml)
    qtbot.waitUntil(eml.exists, timeout=10000)
    assert b"renews in May" in eml.read_bytes() and b"Renewal and the pilot" in eml.read_bytes()
    shot(w, "24-draft-edited-1024")

    # A follow-up that names a language switches it in the turn the engine receives.
    pane.follow.setText("skriv den på norsk")
    qtbot.mouseClick(pane.follow_btn, Qt.MouseButton.LeftButton)
    _wait_done(qtbot, pane, 2)
    revised = _last(sent, lambda msgs: "<<<REQUEST>>>" in msgs[-1]["content"])
    turn = revised[-1]["content"]
    assert "skriv den på norsk" in turn and "Norwegian Bokmål (nb) from now on" in turn and "English" not in turn
    assert any("renews in May" in m["content"] for m in revised if m["role"] == "assistant")  # it revises the edit
    assert pane.thread.version_labels() == [
        "You: “Remind them of the renewal — the pilot in Bergen”", "→ Draft 1", "→ Your edit (version 2)",
        "You: “skriv den på norsk”", "→ Draft 3"]
    w.resize(1440, 900)
    shot(w, "24-draft-thread-1440")

    # History: a title that says what matters; reopening restores every version and the card.
    _select(qtbot, w, "Øystein")
    assert pane.result is None and pane.thread.count() == 0
    dlg = w.open_history()
    qtbot.waitUntil(lambda: dlg.list.count() == 1, timeout=10000)
    assert "Follow-up to Kari Nordmann — skriv den på norsk" in dlg.list.item(0).text()
    assert dlg.close_btn.text() == "Close"
    with qtbot.waitSignal(dlg.reopened, timeout=10000):
        qtbot.mouseClick(dlg.open_btn, Qt.MouseButton.LeftButton)
    assert [v.edited for v in pane.thread.versions] == [False, True, False]
    assert pane.thread.versions[1].text == mine and pane.result is pane.thread.versions[-1]
    qtbot.waitUntil(lambda: w.timeline.card.name.full_text() == "Kari Nordmann", timeout=10000)
    assert pane.follow_btn.isEnabled()

    # A contact shows its past drafts when opened (the list is still on the person picked before).
    _select(qtbot, w, "Kari Nordmann")
    qtbot.waitUntil(lambda: pane.hint.past.count() == 1, timeout=10000)
    assert pane.hint.past.item(0).text() == "Follow-up to Kari Nordmann — skriv den på norsk"
    assert pane.pages.currentWidget() is pane.hint
    w.resize(1024, 640)
    shot(w, "24-contact-past-drafts-1024")

    # Settings says whether a GPU was found and how many layers run on it.
    settings = w.open_settings()
    assert settings.gpu_state.text().startswith(("No GPU found", "GPU"))
    settings.close()

    # Summarise says how far it has read, over the latest 15 notes by default.
    _select(qtbot, w, "Fjord Logistikk")
    assert pane.scope.currentData() == "recent" and pane.scope.itemData(1) == "all"  # the whole history, one click away
    shown = []
    real = pane.state.setText
    monkeypatch.setattr(pane.state, "setText", lambda text: shown.append(text) or real(text))
    pane.extra_options = {"answer_tokens": 16, "seed": 1}
    pane.quick.setChecked(True)
    qtbot.mouseClick(pane.summary_btn, Qt.MouseButton.LeftButton)
    _wait_done(qtbot, pane, 0)
    reading = [t for t in shown if re.fullmatch(r"Reading \d+ notes… \d+ %( · about \d+ (s|min) left)?", t)]
    assert reading, shown
    assert pane.thread.version_labels()[0] == "You: “Summarise: latest 15 notes”"
    # The importer's holder of notes it could not place mixes customers: no summary of it.
    pane.set_target({"kind": "account", "id": 999, "ref": "a999", "label": "Unlinked notes", "unlinked": True})
    assert not pane.summary_btn.isEnabled() and "mixes notes" in pane.summary_btn.toolTip()
