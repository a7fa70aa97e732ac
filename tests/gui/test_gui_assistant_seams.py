"""The assistant in the window, at the seams: prefill on open, a search that answers while
the model writes, and a forgotten contact that leaves every view.

Real parts throughout: the real SmolLM2 GGUF loaded by the app, a real vault filled through
the import wizard, Qt offscreen through pytest-qt.
"""

from __future__ import annotations

import pytest

from app.gui import operations
from tests.support.gui import _import_sample_through_wizard, _nav_texts, open_unlocked

pytestmark = [pytest.mark.gui, pytest.mark.model, pytest.mark.secret_service, pytest.mark.slow]


def _open_with_model(qtbot, smol_model, monkeypatch):
    monkeypatch.setenv("CONFIDANT_MODEL", str(smol_model))
    w = open_unlocked(qtbot, sample=True)
    _import_sample_through_wizard(qtbot, w).accept()
    qtbot.waitUntil(lambda: w.session.engine is not None, timeout=60000)
    qtbot.waitUntil(lambda: any("Kari Nordmann" in t for t in _nav_texts(w)), timeout=10000)
    return w


def _select(w, name: str) -> None:
    w.navigator.list.setCurrentRow(next(i for i, t in enumerate(_nav_texts(w)) if name in t))


def test_opening_a_contact_prefills_it_and_search_answers_during_a_draft(qtbot, home, smol_model, monkeypatch):
    w = _open_with_model(qtbot, smol_model, monkeypatch)
    pane, engine = w.assistant, w.session.engine
    before = engine.cached_prefixes
    _select(w, "Kari Nordmann")
    # Opening the contact starts reading its notes into the model; the pane says when it is done.
    qtbot.waitUntil(lambda: pane.readiness.text() == "Ready", timeout=60000)
    ref = pane._ref()
    assert w.session.prefilled.get(ref, 0) > 100 and engine.cached_prefixes == before + 1

    # A draft on the prefilled contact starts from the kept state; a search typed meanwhile is
    # answered by the store thread before the draft ends.
    seen = {}
    w.navigator.searched.connect(lambda: seen.setdefault("busy_when_searched", pane.busy))
    pane.quick.setChecked(True)
    pane.extra_options = {"answer_tokens": 300, "seed": 3}
    pane.draft()
    assert pane.busy
    qtbot.keyClicks(w.navigator.search, "Fjord")
    qtbot.waitUntil(lambda: "busy_when_searched" in seen, timeout=60000)
    assert seen["busy_when_searched"] is True  # results came while the model was still writing
    assert any("Fjord" in t for t in _nav_texts(w))
    qtbot.waitUntil(lambda: pane.result is not None, timeout=180000)
    assert pane.result.reused_tokens >= w.session.prefilled[ref] - 4  # the notes were not read again
    assert pane.result.conversation_id


def test_a_forgotten_contact_leaves_the_lists_and_the_pane(qtbot, home, smol_model, monkeypatch):
    w = _open_with_model(qtbot, smol_model, monkeypatch)
    _select(w, "Kari Nordmann")
    qtbot.waitUntil(lambda: w.assistant.target is not None, timeout=10000)
    cid = int(w.assistant.target["id"])
    changed = []
    w.session.data_changed.connect(changed.append)
    w.session.run(lambda ctx, task: operations.forget(ctx, cid))  # the operation says what it changed
    qtbot.waitUntil(lambda: not any("Kari Nordmann" in t for t in _nav_texts(w)), timeout=20000)
    qtbot.waitUntil(lambda: w.assistant.target is None, timeout=20000)
    qtbot.waitUntil(lambda: w.timeline.subject is None, timeout=20000)
    assert len(changed) == 1 and changed[0].contacts  # emitted once


def test_the_pane_says_when_the_model_is_reading_and_thinking(qtbot, home, deepseek_header, tmp_path, monkeypatch):
    # The tiny DeepSeek-shaped model reasons (random weights: until the budget ends it): the
    # state line counts the reasoning against the budget, in the window as on the CLI.
    from tests.support.llm_tiny import build_tiny_deepseek

    w = _open_with_model(qtbot, build_tiny_deepseek(deepseek_header, tmp_path / "tiny-deepseek.gguf"), monkeypatch)
    pane = w.assistant
    _select(w, "Kari Nordmann")
    shown = []
    real = pane.state.setText
    monkeypatch.setattr(pane.state, "setText", lambda text: shown.append(text) or real(text))
    pane.quick.setChecked(False)
    pane.extra_options = {"answer_tokens": 8, "thinking_budget": 200, "seed": 1}
    pane.draft()
    qtbot.waitUntil(lambda: pane.result is not None, timeout=120000)
    thinking = [t for t in shown if t.startswith("Thinking…")]
    assert thinking and all(t.endswith("of 200 tokens") for t in thinking), shown
    assert pane.result.reasoning_tokens <= 200
