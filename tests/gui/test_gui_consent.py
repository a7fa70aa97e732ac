"""Consent in the window (issue 28), on the real vault and the real small model: the card
shows a contact's CRM flags; a draft to someone who opted out of e-mail is refused and a
dialog asks for a reason, which lets it through and lands in the audit log; the privacy view
counts the flags and erases exactly the people who asked to be forgotten."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from tests.support.gui import open_window, pick, search, seed_files
from tests.support.paths import CRM

pytestmark = [pytest.mark.gui, pytest.mark.model, pytest.mark.secret_service, pytest.mark.slow]

SF = CRM / "consent" / "salesforce"
REASON = "Ingrid asked for the price list by e-mail at the meeting"


def _run(qtbot, w, fn):
    box = {}
    w.session.run(lambda ctx, task: fn(ctx), success=lambda v: box.setdefault("v", v))
    qtbot.waitUntil(lambda: "v" in box, timeout=10000)
    return box["v"]


def _overrides(qtbot, w):
    from app.core.vault import audit

    return _run(qtbot, w, lambda ctx: [e for e in audit.entries(ctx.vault.conn) if e["event"] == "consent.opt_out_override"])


def test_card_refusal_reason_dialog_and_privacy_view(qtbot, home, smol_model, monkeypatch):
    monkeypatch.setenv("CONFIDANT_MODEL", str(smol_model))
    seed_files([SF / "Account.csv", SF / "Contact.csv", SF / "Individual.csv", SF / "Note.csv"])
    w = open_window(qtbot)
    pane, card = w.assistant, w.timeline.card

    search(qtbot, w, "Per Lunde")
    pick(qtbot, w, "Per Lunde")
    assert card.consent.isVisible()
    assert card.consent.text() == "No phone calls · 2 notes left out: this person objected to processing"
    assert "Individual.HasOptedOutProcessing" in card.consent.toolTip()

    search(qtbot, w, "Ingrid")
    pick(qtbot, w, "Ingrid Solberg")
    assert card.consent.text() == "Opted out of e-mail"
    qtbot.waitUntil(lambda: w.session.engine is not None and pane.draft_btn.isEnabled(), timeout=60000)
    pane.quick.setChecked(True)
    pane.extra_options = {"answer_tokens": 8, "seed": 1}
    qtbot.mouseClick(pane.draft_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(pane, "reason_dialog", None) is not None and pane.reason_dialog.isVisible(),
                    timeout=30000)
    dlg = pane.reason_dialog
    assert dlg.objectName() == "optOutReason"
    assert "Ingrid Solberg opted out of e-mail (HasOptedOutOfEmail)" in dlg.labelText()
    assert "audit log" in dlg.labelText()
    assert pane.result is None and not _overrides(qtbot, w)  # refused: nothing written, nothing audited yet
    dlg.setTextValue(REASON)
    dlg.accept()
    qtbot.waitUntil(lambda: pane.result is not None and not pane.busy, timeout=120000)
    assert pane.result.task == "draft" and pane.result.conversation_id
    rows = _overrides(qtbot, w)
    assert [r["details"] for r in rows] == [{"conversation": pane.result.conversation_id, "reason": REASON,
                                             "subject": rows[0]["details"]["subject"]}]

    # A summary of the account says in the window what it left out, and why.
    search(qtbot, w, "Fjordlys")
    pick(qtbot, w, "Fjordlys AS")
    qtbot.waitUntil(lambda: pane.summary_btn.isEnabled(), timeout=30000)
    qtbot.mouseClick(pane.summary_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: pane.result is not None and pane.result.task == "summarize" and not pane.busy, timeout=180000)
    assert "⚑ 2 notes left out: people in this account objected to processing" in pane.flags.text()

    # The privacy view counts the flags and forgets exactly those who asked.
    priv = w.open_privacy()
    qtbot.waitUntil(lambda: priv.forget_requested_btn.isEnabled(), timeout=10000)
    assert priv.consent.text().startswith("1 opted out of e-mail · 1 of phone calls · 1 objected to processing")
    assert priv.consent.text().endswith("1 asked to be forgotten")
    qtbot.mouseClick(priv.forget_requested_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(priv, "requested_question", None) is not None
                    and priv.requested_question.isVisible(), timeout=10000)
    box = priv.requested_question
    assert "Marte Dahl <marte.dahl@fjordlys.example.com>" in box.text()
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: "Forgotten: 1" in priv.saved.text(), timeout=60000)
    emails = _run(qtbot, w, lambda ctx: [r[0] for r in ctx.vault.conn.execute("SELECT email FROM contacts ORDER BY email")])
    assert emails == ["ingrid.solberg@fjordlys.example.com", "jonas.berg@fjordlys.example.com",
                      "per.lunde@fjordlys.example.com"]
    qtbot.waitUntil(lambda: not priv.forget_requested_btn.isEnabled(), timeout=10000)
