"""The one generation loop (app.core.llm.streaming), which both engines run.

The backend here is a script of token texts: the loop's decisions (reasoning split, loop
guards, the budget, an interrupted stream) do not depend on where tokens come from, and the
real backends are exercised on a real model and a real server in test_llm_engine,
test_llm_deepseek and test_team_server."""

from __future__ import annotations

import threading

import pytest

from app.core.llm import streaming
from app.core.llm.errors import RemoteError, StreamInterrupted
from app.core.llm.events import AnswerChunk, Done, ReasoningChunk


class Script:
    """A backend whose reply is a fixed list of token texts (an exception is raised in place)."""

    def __init__(self, pieces, *, opens_think=True, after_close=("Hei ", "Kari."), finish="stop"):
        self.pieces, self.after_close, self._finish = list(pieces), list(after_close), finish
        self.opens_think = opens_think
        self.prompt_tokens, self.reused_tokens = 10, 0
        self.finish = None
        self.closed_with: str | None = None
        self.released = False
        self.outcome = None

    def limit(self, max_tokens):
        return max_tokens

    def read_prompt(self, cancel):
        return True
        yield

    def _run(self, pieces):
        for p in pieces:
            if isinstance(p, BaseException):
                raise p
            yield p
        self.finish = self._finish

    def tokens(self):
        return self._run(self.pieces)

    def close_reasoning(self, reasoning):
        self.closed_with = reasoning
        return self._run(self.after_close)

    def flush(self):
        return ""

    def release(self):
        self.released = True

    def end(self, outcome):
        self.outcome = outcome


def _run(backend, **kw):
    req = streaming.Request(**kw)
    return list(streaming.run(backend, req, lock=threading.Lock()))


def _text(events, kind):
    return "".join(e.text for e in events if isinstance(e, kind))


def test_looping_reasoning_is_closed_and_the_answer_follows_on_any_backend():
    loop = ["Let me ", "check the ", "pricing again. "] * 12
    b = Script(loop)
    events = _run(b, max_tokens=200)
    done = events[-1]
    assert isinstance(done, Done) and done.reasoning_loop and not done.budget_hit
    assert _text(events, AnswerChunk) == "Hei Kari." and done.stop_reason == "stop"
    # The continuation is given the reasoning up to where the loop began, not the loop itself.
    assert b.closed_with is not None and b.closed_with.count("check the pricing again.") < 4
    assert b.outcome.stop == "stop" and b.released


def test_the_thinking_budget_closes_the_reasoning_for_any_backend():
    b = Script([f"step {i} " for i in range(40)])
    done = _run(b, max_tokens=60, thinking_budget=8)[-1]
    assert done.budget_hit and done.reasoning_tokens == 8 and done.answer_tokens == 2
    assert b.closed_with.startswith("step 0 step 1") and "step 8" not in b.closed_with


def test_a_stream_cut_mid_answer_keeps_the_text_and_says_why():
    cut = StreamInterrupted("The company inference server 127.0.0.1:1 stopped answering in the middle of a reply.")
    b = Script(["Hei ", "Kari, ", "takk for ", cut], opens_think=False)
    events = _run(b, max_tokens=50)
    done = events[-1]
    assert _text(events, AnswerChunk) == "Hei Kari, takk for "
    assert done.stop_reason == "interrupted" and done.problem == cut.message
    assert b.outcome.stop == "interrupted" and b.released


def test_a_stream_cut_before_any_answer_is_an_error():
    b = Script(["<think>", "hmm ", StreamInterrupted("gone")], opens_think=False)
    with pytest.raises(RemoteError, match="gone"):
        _run(b, max_tokens=50)
    assert b.outcome.stop == "error" and b.released


def test_both_engines_stream_through_the_one_loop():
    from app.core.llm import engine, remote

    for mod in (engine, remote):
        text = open(mod.__file__, encoding="utf-8").read()
        assert "streaming.run(" in text
        for copy in ("ReasoningSplitter(", "RepetitionGuard(", "Done(", "ThinkingProgress("):
            assert copy not in text, f"{mod.__name__} has its own {copy}"
