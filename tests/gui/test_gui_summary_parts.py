"""The window's Summarise reuses the map parts an earlier summary kept (issue 26, point 2).

Real parts: a real vault (key in the real Secret Service), the window loading the model itself
(a tiny random-weight DeepSeek-shaped model, real tokenizer and llama.cpp) in a small context
set by the ``context_size`` setting, Qt offscreen; the summary is loaded on the store thread,
generated on the generation thread and saved (with its parts) on the store thread. The only
stand-in is a recorder around the loaded engine's ``stream`` (which map prompts it is given)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.eval.seed import seed
from tests.support.gui import open_window, pick
from tests.support.llm_tiny import build_tiny_deepseek
from tests.support.summary_seed import add_dated, history

pytestmark = [pytest.mark.gui, pytest.mark.model, pytest.mark.secret_service, pytest.mark.slow]

MAP_TASK = "These notes are one part of a longer history."


def _summarise(qtbot, pane, before: int) -> None:
    qtbot.mouseClick(pane.summary_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not pane.busy and len(pane.thread.versions) > before, timeout=600000)


def test_summarise_add_a_note_summarise_again_reuses_the_parts(qtbot, home, deepseek_header, tmp_path, monkeypatch):
    from app.cli.common import passphrase_provider
    from app.core.context import open_context
    from app.core.vault import summary_parts

    ctx = open_context(passphrase_provider)
    try:
        ids = seed(ctx.vault, accounts=["fjord"])
        acc, kari = ids["accounts"]["fjord"], ids["contacts"]["kari"]
        add_dated(ctx.vault, kari, acc, history())
        ctx.settings.set("context_size", 768)
    finally:
        ctx.close()
    monkeypatch.setenv("CONFIDANT_MODEL", str(build_tiny_deepseek(deepseek_header, tmp_path / "tiny-deepseek.gguf")))
    w = open_window(qtbot)
    qtbot.waitUntil(lambda: w.session.engine is not None, timeout=60000)
    engine = w.session.engine
    maps: list[str] = []
    real = engine.stream
    monkeypatch.setattr(engine, "stream", lambda messages, **kw: (
        maps.append(messages[-1]["content"]) if MAP_TASK in messages[-1]["content"] else None, real(messages, **kw))[1])
    pane = w.assistant
    pick(qtbot, w, "Fjord Logistikk")
    shown: list[str] = []
    real_text = pane.state.setText
    monkeypatch.setattr(pane.state, "setText", lambda text: shown.append(text) or real_text(text))
    pane.scope.setCurrentIndex(pane.scope.findData("all"))
    pane.quick.setChecked(True)
    pane.extra_options = {"answer_tokens": 6, "seed": 1}

    _summarise(qtbot, pane, 0)
    chunks = next(f["chunks"] for f in pane.result.flags if f["kind"] == "map_reduce")
    assert chunks >= 4 and len(maps) == chunks and not any(t.startswith("Reused") for t in shown)
    store = w.session.executors.store
    assert store.call(lambda: summary_parts.count(w.session.ctx.vault.conn), timeout=10) == chunks

    # A new note comes in (an import would do the same on the store thread); Summarise again.
    new = store.call(lambda: add_dated(w.session.ctx.vault, kari, acc, ["2025-03-01"], tag="new")[0], timeout=10)
    maps.clear()
    before = len(pane.thread.versions)
    _summarise(qtbot, pane, before)
    assert len(maps) == 1 and f"n{new} |" in maps[0]  # only the new note's part was read again
    assert {"kind": "map_reduce", "chunks": chunks + 1, "reused": chunks} in pane.result.flags
    assert f"Reused {chunks} of {chunks + 1} parts from an earlier summary…" in shown
