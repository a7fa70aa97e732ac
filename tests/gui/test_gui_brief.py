"""The window opens a contact or an account on its brief (issue 23): facts and risks at once,
evidence clickable to the timeline, next steps added as tasks and exported; in bokmål too."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.gui import i18n
from tests.support import ical_strict
from tests.support.gui import open_window, pick, search, shot
from tests.support.pipeline_seed import FILES, SF


def _seed():
    from tests.support.gui import seed_files

    seed_files([SF / f for f in FILES])


def _texts(lst) -> list[str]:
    return [lst.item(i).text().strip() for i in range(lst.count())]


def _brief_loaded(qtbot, w, name):
    qtbot.waitUntil(lambda: w.timeline.brief.brief is not None and w.timeline.brief.brief.subject.name == name,
                    timeout=15000)
    return w.timeline.brief


def test_an_account_opens_on_its_brief_and_evidence_opens_the_timeline(qtbot, home, tmp_path):
    _seed()
    w = open_window(qtbot)
    search(qtbot, w, "Nordlys")
    pick(qtbot, w, "Nordlys Energi AS")
    view = _brief_loaded(qtbot, w, "Nordlys Energi AS")
    assert w.timeline.tabs.currentWidget() is view
    texts = _texts(view.facts)
    assert "Open tasks (3)" in texts
    assert any(t.startswith("Nordlys – Fleet telematics 2026: Negotiation/Review · 1 250 000.50 NOK") for t in texts)
    # Today is after the fixture's May 2026: the contract draft task is overdue, its risk names the task.
    row = next(i for i in range(view.facts.count()) if "⚠ Task overdue since 2026-05-18: Send contract draft" in
               view.facts.item(i).text())
    item = view.facts.item(row)
    nid = item.data(Qt.ItemDataRole.UserRole + 7)
    assert nid is not None
    view.facts.itemClicked.emit(item)
    qtbot.waitUntil(lambda: w.timeline.selected_note_id() == nid, timeout=10000)
    assert w.timeline.tabs.currentIndex() == 1
    shot(w, "23-en-brief-evidence-in-timeline")


def test_next_steps_become_tasks_and_export(qtbot, home, tmp_path):
    from app.core.assistant.brief import NextStep, with_model_part

    _seed()
    w = open_window(qtbot)
    search(qtbot, w, "Fjellheim")
    pick(qtbot, w, "Fjellheim Bygg AS")
    view = _brief_loaded(qtbot, w, "Fjellheim Bygg AS")
    # The model's part as it arrives (the model itself is tested in the core): two next steps.
    cite = view.brief.last_contact.id
    view.show_brief(with_model_part(view.brief, text="Lise wants sensors on two sites [n%d]." % cite,
                                    citations=[{"note_id": cite, "date": "2026-05-14"}],
                                    next_steps=[NextStep("Send the sensor offer", "2026-05-22", cite),
                                                NextStep("Book the board follow-up", None, cite)]))
    assert _texts(view.steps) == ["Send the sensor offer  — due 2026-05-22", "Book the board follow-up"]
    # The summary reads as prose; its source is a chip that opens the note, not a raw "[n12]".
    assert view.summary.toPlainText() == "Lise wants sensors on two sites."
    assert [c.text() for c in view.sources.chips] == ["Note of 2026-05-14"]
    shot(w, "23-en-brief")
    view.sources.chips[0].click()
    qtbot.waitUntil(lambda: w.timeline.selected_note_id() == cite, timeout=10000)
    w.timeline.tabs.setCurrentWidget(view)
    view.steps.item(1).setCheckState(Qt.CheckState.Unchecked)
    with qtbot.waitSignal(w.timeline.loaded, timeout=15000):
        qtbot.mouseClick(view.add_button, Qt.MouseButton.LeftButton)
    view = _brief_loaded(qtbot, w, "Fjellheim Bygg AS")
    qtbot.waitUntil(lambda: "Open tasks (2)" in _texts(view.facts), timeout=10000)
    assert any(t.startswith("Send the sensor offer  — due 2026-05-22") for t in _texts(view.facts))
    out = tmp_path / "fjellheim.ics"
    view.export(str(out))
    qtbot.waitUntil(lambda: "2 tasks exported" in view.heading.text(), timeout=10000)  # written and audited
    cal = ical_strict.parse(out.read_bytes())
    assert sorted(c.text("SUMMARY") for c in cal.children) == ["Prepare site visit", "Send the sensor offer"]


def test_the_brief_in_bokmal(qtbot, home, tmp_path):
    _seed()
    app = QApplication.instance()
    try:
        assert i18n.install(app, "nb", tmp_path) == "nb"
        w = open_window(qtbot)
        search(qtbot, w, "Fjellheim")
        pick(qtbot, w, "Fjellheim Bygg AS")
        view = _brief_loaded(qtbot, w, "Fjellheim Bygg AS")
        texts = _texts(view.facts)
        assert "Siste kontakt" in texts and "Risikoer" in texts and "Personer" in texts
        assert any("⚠ Fjellheim – Site sensors: bare én person er involvert (Lise Dahl)." == t for t in texts)
        assert w.timeline.tabs.tabText(0) == "Forberedelse" and w.timeline.tabs.tabText(1) == "Tidslinje"
        assert view.add_button.text() == "Legg til som oppgave"
        shot(w, "23-nb-brief")
    finally:
        i18n.install(app, "en", tmp_path)


class _JsonEngine:
    """The edge: a model that answers at once with a fixed brief JSON (the real model's grammar
    run is tested in tests/core/assistant/test_brief_model.py; here the window's timing is)."""

    n_ctx = 4096

    def __init__(self):
        self.calls = 0
        self.prompts: list[str] = []

    def stream(self, messages, *, cancel=None, json_schema=None, **kw):
        import json

        from app.core.llm.events import AnswerChunk, Done

        self.calls += 1
        self.prompts.append(messages[0]["content"])
        ids = [int(x) for x in __import__("re").findall(r"<<<NOTE n(\d+)", messages[0]["content"])]
        yield AnswerChunk(json.dumps({"summary": f"Prepared while idle [n{ids[0]}].",
                                      "next_steps": [{"text": "Call back", "due": "tomorrow", "citation": ids[0]}]}))
        yield Done(stop_reason="stop", prompt_tokens=10, reasoning_tokens=0, answer_tokens=20, prompt_seconds=0.0,
                   first_answer_seconds=0.0, total_seconds=0.01)

    def count_tokens(self, text):
        return len(text) // 4

    def describe(self):
        return {"sha256": None}


def test_briefs_built_while_idle_show_at_once(qtbot, home, tmp_path):
    _seed()
    w = open_window(qtbot)
    engine = _JsonEngine()
    w.session.engine = engine
    with qtbot.waitSignal(w.brief_builder.finished, timeout=20000) as got:
        w.brief_builder.build_now()
    assert got.args[0] == 2 and engine.calls == 2  # both accounts had new data and no brief
    search(qtbot, w, "Fjellheim")
    pick(qtbot, w, "Fjellheim Bygg AS")
    view = _brief_loaded(qtbot, w, "Fjellheim Bygg AS")
    qtbot.waitUntil(lambda: view.brief.summary_text is not None, timeout=5000)
    assert view.brief.summary_text.startswith("Prepared while idle") and not view.brief.stale
    assert view.gen_task is None and engine.calls == 2  # shown from the vault; the model was not asked again
    assert _texts(view.steps)[0].startswith("Call back  — due ")
    # Nothing new since: the next idle spell builds nothing.
    with qtbot.waitSignal(w.brief_builder.finished, timeout=20000) as got:
        w.brief_builder.build_now()
    assert got.args[0] == 0 and engine.calls == 2


def test_structured_questions_in_the_window_need_no_model(qtbot, home, tmp_path):
    _seed()
    w = open_window(qtbot)
    engine = _JsonEngine()
    w.session.engine = engine
    w.assistant.engine_changed()
    search(qtbot, w, "Fjellheim")
    pick(qtbot, w, "Fjellheim Bygg AS")
    pane = w.assistant
    qtbot.waitUntil(pane.ask_btn.isEnabled, timeout=5000)
    pane.question.setText("What is open?")
    pane.ask()
    qtbot.waitUntil(lambda: "Open deal: Fjellheim – Site sensors" in pane.answer.plain_text(), timeout=10000)
    assert "To do: Prepare site visit" in pane.answer.plain_text()
    assert not any("What is open?" in p for p in engine.prompts)  # the model never saw the question
