"""`confidant chat TARGET` on a real vault: the real SmolLM2 and the tiny DeepSeek-shaped
model (real DeepSeek tokenizer and template). One model load, the subject prefilled at the
start, draft / follow-up / ask / summarize from stdin, one JSON object per answer, Ctrl-C
stopping an answer but not the session; and `ask` reading its question from stdin."""

from __future__ import annotations

import io
import json

import pytest

from app.cli import cmd_chat

KEYS = {"conversation_id", "task", "text", "subject", "citations", "flags", "model", "first_token_seconds",
        "prompt_tokens", "prefix_reused_tokens", "reasoning_tokens", "answer_tokens", "seconds"}
SMALL = ["--max-tokens", "24", "--ctx", "2048", "--seed", "1", "--thinking-budget", "0", "--quick"]


class _Stdin:
    """Lines as a user would type them; each waits until the latest prefill (the subject at
    the start, a follow-up's opening after each answer) has finished, so the test knows what
    was kept."""

    def __init__(self, lines, prefills):
        self.lines, self.prefills = list(lines), prefills

    def isatty(self):
        return False

    def readline(self):
        # Like a user reading the answer first: the read-ahead started after it has finished.
        if self.prefills and self.prefills[-1]._thread.is_alive():
            self.prefills[-1]._thread.join(300)
        return self.lines.pop(0) if self.lines else ""


@pytest.fixture
def prefills(monkeypatch):
    made = []

    class Recorded(cmd_chat._Prefill):
        def __init__(self, *a, **kw):
            made.append(self)
            super().__init__(*a, **kw)

    monkeypatch.setattr(cmd_chat, "_Prefill", Recorded)
    return made


def _answers(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")]


def test_chat_prefills_drafts_revises_asks_and_summarises_with_one_load(seeded_cli, prefills, monkeypatch):  # noqa: F811
    cli, ids = seeded_cli
    loads = []
    real_load = cmd_chat.load_engine
    monkeypatch.setattr(cmd_chat, "load_engine", lambda *a, **kw: loads.append(1) or real_load(*a, **kw))
    lines = ["draft\n", "make it shorter\n", "\n", "ask When does the pilot start?\n", "summarize\n", "quit\n",
             "draft never read\n"]
    monkeypatch.setattr("sys.stdin", _Stdin(lines, prefills))
    code, out, err = cli("chat", "kari.nordmann@example.com", "--json", *SMALL)
    assert code == 0, err
    answers = _answers(out)
    assert [a["task"] for a in answers] == ["draft", "draft", "ask", "summarize"]
    assert all(set(a) == KEYS for a in answers)
    assert len(loads) == 1 and prefills[0].tokens > 100
    first, revised = answers[0], answers[1]
    # The draft started from the prefilled prompt: only the template's closing tokens were read.
    assert first["prefix_reused_tokens"] >= prefills[0].tokens - 4
    assert first["prompt_tokens"] > first["prefix_reused_tokens"]
    assert first["first_token_seconds"] is not None and 0 < first["first_token_seconds"] <= first["seconds"]
    assert revised["conversation_id"] == first["conversation_id"] and revised["prefix_reused_tokens"] > first["prompt_tokens"] - 8
    # While the draft was read, the start of a follow-up was read ahead: the change to it then
    # read little more than the user's own words.
    assert prefills[1].tokens > first["prompt_tokens"]
    assert revised["prefix_reused_tokens"] >= prefills[1].tokens - 4, (revised, prefills[1].tokens)
    assert revised["prompt_tokens"] - revised["prefix_reused_tokens"] <= 24
    assert answers[2]["conversation_id"] != first["conversation_id"]
    assert answers[0]["subject"] and answers[3]["subject"] is None
    assert "reading notes" in err or prefills[0].tokens < 256


def test_ctrl_c_stops_the_answer_not_the_session(seeded_cli, prefills, monkeypatch):  # noqa: F811
    cli, ids = seeded_cli
    real = cmd_chat._Printer.__call__
    seen = {"n": 0}

    def interrupting(self, ev):
        from app.core.llm.events import AnswerChunk

        if isinstance(ev, AnswerChunk):
            seen["n"] += 1
            if seen["n"] == 2:
                raise KeyboardInterrupt  # where SIGINT lands: in the main thread, mid-stream
        return real(self, ev)

    monkeypatch.setattr(cmd_chat._Printer, "__call__", interrupting)
    monkeypatch.setattr("sys.stdin", _Stdin(["draft\n", "make it shorter\n", "ask Who is Kari?\n"], prefills))
    code, out, err = cli("chat", "Kari Nordmann", "--json", *SMALL)
    assert code == 0, err
    assert "stopped; nothing was saved" in err
    assert "no answer to change yet" in err  # the stopped draft was not saved, so there is nothing to revise
    assert [a["task"] for a in _answers(out)] == ["ask"]
    code, out, err = cli("history", "--json")
    assert [r["task"] for r in json.loads(out)] == ["ask"]


def test_chat_on_the_tiny_deepseek_model_keeps_the_thinking_budget(seeded_cli, prefills, deepseek_header, tmp_path,  # noqa: F811
                                                                     monkeypatch):
    from tests.support.llm_tiny import build_tiny_deepseek

    cli, ids = seeded_cli
    model = build_tiny_deepseek(deepseek_header, tmp_path / "tiny-deepseek.gguf")
    monkeypatch.setenv("CONFIDANT_MODEL", str(model))
    monkeypatch.setattr("sys.stdin", _Stdin(["summarize\n", "shorter please\n", "ask When does the contract end?\n"],
                                            prefills))
    code, out, err = cli("chat", f"a{ids['accounts']['greenfield']}", "--json", "--ctx", "2048", "--seed", "1",
                         "--thinking-budget", "16", "--max-tokens", "12")
    assert code == 0, err
    a, b, c = _answers(out)
    assert a["task"] == b["task"] == "summarize" and a["conversation_id"] == b["conversation_id"]
    assert a["reasoning_tokens"] <= 16 and a["answer_tokens"] <= 12
    assert a["prefix_reused_tokens"] >= prefills[0].tokens - 4 > 100  # the account's summary prompt was prefilled
    assert c["task"] == "ask" and c["prefix_reused_tokens"] > 100  # a question shares the notes part
    assert "subject" in a and a["model"]


def test_ask_reads_the_question_from_stdin(seeded_cli, monkeypatch):  # noqa: F811
    cli, ids = seeded_cli
    monkeypatch.setattr("sys.stdin", io.StringIO("When does their contract end?\n"))
    code, out, err = cli("ask", f"a{ids['accounts']['greenfield']}", "--json", *SMALL)
    assert code == 0, err
    res = json.loads(out)
    assert res["task"] == "ask" and res["text"]
    code, out, err = cli("history", str(res["conversation_id"]), "--json")
    assert json.loads(out)["turns"][0]["text"] == "When does their contract end?"


def test_progress_on_stderr_says_where_the_time_goes(seeded_cli, deepseek_header, tmp_path, monkeypatch):  # noqa: F811
    # A one-shot draft on the tiny DeepSeek-shaped model, reasoning on: loading the model,
    # reading the notes, and reasoning against its budget are each reported on stderr.
    from tests.support.llm_tiny import build_tiny_deepseek

    cli, ids = seeded_cli
    monkeypatch.setenv("CONFIDANT_MODEL", str(build_tiny_deepseek(deepseek_header, tmp_path / "tiny-deepseek.gguf")))
    code, out, err = cli("draft", "kari.nordmann@example.com", "--json", "--ctx", "2048", "--seed", "1",
                         "--thinking-budget", "300", "--max-tokens", "8")
    assert code == 0, err
    res = json.loads(out)
    assert "loading the model" in err and "model loaded in" in err
    assert "reading notes… 100 %" in err
    assert "thinking… 128 tokens of 300" in err and "thinking… 256 tokens of 300" in err, (res["reasoning_tokens"], err)
