"""The window after a restart (issue 26): a contact opened before the app closed is restored
from the encrypted prompt-state cache when it is opened again, not read again, and its first
draft starts from it. Real parts: the app's own model loading (a small DeepSeek-shaped GGUF
with the real tokenizer), a real vault filled through the import wizard, Qt offscreen."""

from __future__ import annotations

import re

import pytest

from app.gui.main_window import MainWindow
from tests.support.gui import _import_sample_through_wizard, _nav_texts, _query, open_unlocked

pytestmark = [pytest.mark.gui, pytest.mark.model, pytest.mark.secret_service, pytest.mark.slow]


def _select(w, name: str) -> None:
    w.navigator.list.setCurrentRow(next(i for i, t in enumerate(_nav_texts(w)) if name in t))


def _from_disk(home) -> list[int]:
    """Tokens each kept prefill restored from the disk cache (the app's own content-free log;
    the ask rules read after a subject's prefix are not kept, so not counted)."""
    log = (home / "logs" / "confidant.log").read_text(encoding="utf-8")
    return [int(m.group(1)) for line in log.splitlines() if "engine.prefill" in line and "kept=True" in line
            for m in [re.search(r"from_disk=(\d+)", line)] if m]


def test_after_a_restart_a_contact_opened_before_is_restored_not_read_again(qtbot, home, deepseek_header, tmp_path,
                                                                             monkeypatch):
    from tests.support.llm_tiny import build_tiny_deepseek

    monkeypatch.setenv("CONFIDANT_MODEL", str(build_tiny_deepseek(deepseek_header, tmp_path / "tiny-deepseek.gguf")))
    w = open_unlocked(qtbot, sample=True)
    _import_sample_through_wizard(qtbot, w).accept()
    qtbot.waitUntil(lambda: w.session.engine is not None, timeout=60000)
    qtbot.waitUntil(lambda: any("Kari Nordmann" in t for t in _nav_texts(w)), timeout=10000)
    _select(w, "Kari Nordmann")
    qtbot.waitUntil(lambda: w.assistant.readiness.text() == "Ready", timeout=60000)
    # The state is sealed on a thread of its own, then listed in the vault on the store thread.
    qtbot.waitUntil(lambda: _query(w, "SELECT count(*) FROM prompt_states")[0][0] == 1, timeout=30000)
    assert _from_disk(home) == [0]
    w.close()

    w2 = MainWindow()  # the next start of the app: a new session, a new engine
    qtbot.addWidget(w2)
    w2.show()
    qtbot.waitUntil(lambda: w2.session.engine is not None, timeout=60000)
    qtbot.waitUntil(lambda: any("Kari Nordmann" in t for t in _nav_texts(w2)), timeout=10000)
    _select(w2, "Kari Nordmann")
    pane = w2.assistant
    qtbot.waitUntil(lambda: pane.readiness.text() == "Ready", timeout=60000)
    kept = w2.session.prefilled[pane._ref()]
    assert _from_disk(home)[-1] >= kept - 1 > 100  # restored from disk, not read again
    pane.quick.setChecked(True)
    pane.extra_options = {"answer_tokens": 8, "seed": 3}
    pane.draft()
    qtbot.waitUntil(lambda: pane.result is not None, timeout=120000)
    assert pane.result.reused_tokens >= kept - 4 and pane.result.conversation_id
