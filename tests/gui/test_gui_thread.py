"""The assistant pane as a thread (issue 13, items 5, 13, 14 and F12): an answer stays with its
subject, each version and its follow-up stay listed, the subject line has its own field, a
stopped answer can still be copied or saved, Copy says so and copies plain text marked
sensitive, Save suggests a name in the documents folder.

Real vault (key in the real Secret Service) with the sample CRM export, real widgets; the
model's results come through the pane's own result path (the real-model draft is in
tests/gui/test_gui_settings.py), so the test is about the pane, not the 135M model's wording.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QGuiApplication

from app.core.assistant.generation import TaskResult
from app.core.llm.events import AnswerChunk
from tests.support.gui import open_window, pick, search, seed, shot
from tests.support.paths import ROOT

pytestmark = [pytest.mark.gui, pytest.mark.secret_service]

DRAFT = ("Hi Kari,\n\nThanks for the demo. As agreed:\n\n- a **pilot** with two depots (Bergen and Ålesund)\n"
         "- prices *per vehicle*\n\nBest regards,\nOla Hansen")


def test_the_answer_stays_with_its_subject_and_the_thread_keeps_every_version(qtbot, home):
    seed(ROOT / "resources" / "sample" / "sample-crm.csv")
    w = open_window(qtbot)
    pane = w.assistant
    search(qtbot, w, "kari")
    pick(qtbot, w, "Kari Nordmann")
    assert pane.target["name"] == "Kari Nordmann"

    # A draft arrives (streamed, then the saved result replaces it without a jump).
    pane._kind = "draft"
    for i in range(0, len(DRAFT), 9):
        pane._event(AnswerChunk(DRAFT[i:i + 9]))
    pane.answer_buffer.flush()
    pane._finished(TaskResult(conversation_id=11, task="draft", text=DRAFT, subject="Pilot in Bergen and Ålesund"))
    assert pane.subject_field.isVisible() and pane.subject_field.text() == "Pilot in Bergen and Ålesund"
    assert "Pilot in Bergen" not in pane.answer.text()  # the subject is not mixed into the body
    assert "**" not in pane.answer.text() and "pilot" in pane.answer.text()  # Markdown rendered

    # A follow-up keeps the first version listed, with the instruction that made the second.
    pane._kind, pane._instruction = "draft", "make it shorter"
    pane._finished(TaskResult(conversation_id=11, task="draft", text="Hi Kari,\n\nPilot in two depots?\n\nOla",
                              subject="Pilot"))
    versions = [pane.thread.item(i).text() for i in range(pane.thread.count())]
    assert versions == ["→ Draft 1", "You: “make it shorter”", "→ Draft 2"]  # the instruction, then its version
    assert pane.thread.isVisible()
    pane.thread.setCurrentRow(0)  # back to the first version: Copy and Save use it
    assert "two depots (Bergen and Ålesund)" in pane.answer.text()
    shot(w, "06-draft-thread-versions")

    # Copy: plain text, the formatting removed, the subject first; marked sensitive; "Copied".
    pane.copy()
    cb = QGuiApplication.clipboard()
    assert cb.text().startswith("Pilot in Bergen and Ålesund\n\nHi Kari,")
    assert "- a pilot with two depots" in cb.text() and "**" not in cb.text() and "*per" not in cb.text()
    assert bytes(cb.mimeData().data("x-kde-passwordManagerHint")) == b"secret"
    assert pane.state.text() == "Copied" and pane.copy_btn.text() == "Copied"

    # Save suggests "Follow-up – NAME.eml" in the documents folder.
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    assert pane.suggested_eml_path().endswith("Follow-up – Kari Nordmann.eml")
    assert pane.suggested_eml_path().startswith(docs)

    # Another customer: the draft does not follow, Regenerate cannot revise it there.
    pane.question.setText("what about pricing?")
    search(qtbot, w, "fjord")
    pick(qtbot, w, "Fjord Logistikk")
    assert pane.target["kind"] == "account"
    assert pane.result is None and pane.answer.text() == "" and pane.thread.count() == 0
    assert not pane.subject_field.isVisible() and pane.question.text() == ""
    assert not pane.regen_btn.isEnabled() and not pane.copy_btn.isEnabled() and not pane.follow_btn.isEnabled()
    assert pane.conversation_id is None

    # One click on a person of the account opens them everywhere: card, timeline, assistant.
    people = w.timeline.people
    qtbot.waitUntil(lambda: people.count() >= 1, timeout=10000)
    first = people.item(0)
    first_text = first.text()
    with qtbot.waitSignal(w.timeline.loaded, timeout=10000):
        qtbot.mouseClick(people.viewport(), Qt.MouseButton.LeftButton, pos=people.visualItemRect(first).center())
    assert w.timeline.card.subject["kind"] == "contact" and pane.target["kind"] == "contact"
    assert w.timeline.card.name.full_text() in first_text

    # Lock clears the clipboard (customer data).
    qtbot.keyClick(w, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert cb.text() == ""


def test_a_stopped_answer_can_still_be_copied_and_saved(qtbot, home, tmp_path):
    from app.core.errors import Cancelled

    seed(ROOT / "resources" / "sample" / "sample-crm.csv")
    w = open_window(qtbot)
    pane = w.assistant
    search(qtbot, w, "kari")
    pick(qtbot, w, "Kari Nordmann")
    pane._kind = "draft"
    pane._event(AnswerChunk("Hi Kari,\n\nThanks for the **demo**; the pilot"))
    pane.stopped = True
    pane._failed(Cancelled("stopped"))
    assert "copy or save" in pane.state.text()
    assert pane.copy_btn.isEnabled() and pane.eml_btn.isEnabled()
    pane.copy()
    assert QGuiApplication.clipboard().text() == "Hi Kari,\n\nThanks for the demo; the pilot"
    eml = tmp_path / "partial.eml"
    pane.write_eml(eml)
    qtbot.waitUntil(lambda: eml.exists(), timeout=10000)
    body = eml.read_bytes()
    assert b"Thanks for the demo; the pilot" in body and b"**" not in body
    assert b"kari.nordmann@fjordlogistikk.example.com" in body


def test_the_final_text_replaces_the_streamed_one_without_a_jump(qtbot, home):
    seed(ROOT / "resources" / "sample" / "sample-crm.csv")
    w = open_window(qtbot)
    pane = w.assistant
    search(qtbot, w, "kari")
    pick(qtbot, w, "Kari Nordmann")
    long = "\n\n".join(f"Paragraph {i}: the pilot in Bergen and Ålesund, prices per vehicle [n{i % 3 + 1}]." for i in range(60))
    pane._kind = "draft"
    pane._event(AnswerChunk(long))
    pane.answer_buffer.flush()
    bar = pane.answer.verticalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(bar.maximum() // 2)  # the reader is in the middle
    where = bar.value()
    final = long.replace(" [n1]", "").replace(" [n2]", "").replace(" [n3]", "")  # post-processing ends
    pane._finished(TaskResult(conversation_id=12, task="draft", text=final, subject="Pilot"))
    assert abs(bar.value() - where) <= bar.pageStep() // 4
