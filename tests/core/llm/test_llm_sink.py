"""Audit records an engine makes while it generates are written on the vault's thread only
(app.core.llm.sink): a record made on another thread waits, and the vault's next piece of work
(or its close) writes it. The real encrypted vault; a plain thread plays the window's generation
thread."""

from __future__ import annotations

import threading

from app.core.vault import audit


def _rows(ctx) -> list[dict]:
    return [r for r in audit.entries(ctx.vault.conn) if r["event"] == "inference.remote"]


def test_a_record_from_another_thread_waits_for_the_vaults_thread(ctx):
    sink = ctx.audit_sink
    put = sink.writer("inference.remote")
    errors: list[BaseException] = []

    def generation_thread():
        try:
            put({"task": "draft", "server": "localhost", "port": 8443, "stop": "stop", "answer_tokens": 12})
        except BaseException as exc:  # a write from here would be sqlite3's ProgrammingError
            errors.append(exc)

    t = threading.Thread(target=generation_thread)
    t.start()
    t.join()
    assert errors == [] and sink.pending == 1 and _rows(ctx) == []
    ctx.anchor_new_audit_rows()  # what the window runs after each piece of vault work
    assert sink.pending == 0
    [row] = _rows(ctx)
    assert row["details"] == {"task": "draft", "server": "localhost", "port": 8443, "stop": "stop", "answer_tokens": 12}


def test_on_the_vaults_thread_a_record_is_written_at_once(ctx):
    ctx.audit_sink.put("inference.remote", {"task": "ask", "stop": "error"})  # the CLI generates on this thread
    assert ctx.audit_sink.pending == 0 and [r["details"]["stop"] for r in _rows(ctx)] == ["error"]
