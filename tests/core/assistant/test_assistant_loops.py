"""No degenerate output reaches the user unflagged.

The real SmolLM2 loops readily: asked greedily for a summary of three notes it writes the
same sentence again and again. The guard stops it, flags ``repetition`` and keeps one
occurrence. An answer that repeats the prompt's scaffolding is flagged ``prompt_echo``; the
answer budget fits the task and the number of notes.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from app.core.assistant import evaluate, prompts, summary
from app.core.assistant.turns import echo_flags
from app.core.assistant.generation import ANSWER_TOKENS, Options, answer_budget
from app.core.llm.engine import Engine
from app.core.llm.loops import RepetitionGuard, trim
from app.core.llm.models import verify


@pytest.fixture
def smol(ctx, smol_model):
    eng = Engine.load(verify(smol_model, ctx.vault.conn, ctx.policy), n_ctx=2048, threads=2)
    yield eng
    eng.close()


def _feed(text: str, piece: int = 4) -> RepetitionGuard:
    g = RepetitionGuard()
    for i in range(0, len(text), piece):
        if g.feed(text[i:i + piece]):
            break
    return g


def test_guard_stops_a_repeated_run_and_a_repeated_line_and_keeps_one():
    g = _feed("Hi Kari,\nThanks for the call.\n" + "We will send the offer soon. " * 6)
    assert g.looping and trim(g.text, g.cut) == "Hi Kari,\nThanks for the call.\nWe will send the offer soon."
    g = _feed("Dear Kari,\nI hope this finds you well.\nBest,\nI hope this finds you well.\nOla\nI hope this finds you well.\n")
    assert g.looping and trim(g.text, g.cut).count("I hope this finds you well.") == 1


def test_guard_leaves_ordinary_text_alone():
    text = ("Subject: Pilot in May\n\nHi Kari,\n\nThank you for the meeting on Tuesday. As agreed, we start the pilot "
            "with ten trucks in May, delivery to Tromsø. I will send the offer by Friday.\n\n- Pilot: 10 trucks\n"
            "- Delivery: Tromsø\n- Offer: Friday\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nBest regards,\nOla Hansen\n")
    assert not _feed(text).looping
    assert not _feed(text, piece=1).looping


def test_real_small_model_loop_is_stopped_trimmed_and_flagged(smol):
    es = evaluate.load()
    notes = es.notes["kari"][:3]
    out = summary.summarize(smol, subject=es.subjects["kari"], notes=notes, user_name="Ola Hansen", lang="en",
                            opts=Options(quick=True, temperature=0.0, seed=1, answer_tokens=400))
    res = out.result
    assert res.stop_reason == "repetition"
    assert any(f["kind"] == "repetition" for f in res.flags)
    assert res.answer_tokens < 400  # stopped long before the budget ran out
    lines = Counter(ln.strip() for ln in res.text.splitlines() if len(ln.strip()) >= 8)
    assert not lines or max(lines.values()) < 3
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", res.text) if len(s) > 20]
    assert max(Counter(sentences).values(), default=0) <= 2


def test_echo_of_the_prompt_is_flagged():
    task = prompts.ask_task(question="When does the pilot start?", lang="en")
    assert echo_flags("TASK: Answer the user's question from the notes.", task)[0]["kind"] == "prompt_echo"
    assert echo_flags("<<<END NOTE n3>>>\nThe pilot starts in May.", task)
    assert echo_flags("Use only facts found in the notes or in the user's own words. The pilot starts in May.", task)
    assert echo_flags("The pilot starts in May [n3].", task) == []


def test_answer_budget_fits_the_task_and_the_notes():
    assert answer_budget("summarize", 3) <= 400  # a 3-note summary cannot run to 1,300 tokens
    assert answer_budget("summarize", 50) == ANSWER_TOKENS["summarize"]
    assert answer_budget("ask", 1) < answer_budget("ask", 10) <= ANSWER_TOKENS["ask"]
    opts = Options(thinking_budget=500, notes=3)
    assert opts.answer_limit("summarize") == answer_budget("summarize", 3)
    assert opts.max_tokens("summarize") == answer_budget("summarize", 3) + 500


def test_a_model_that_does_not_reason_cannot_spend_the_thinking_budget_on_its_answer(smol):
    # SmolLM2 has no think block: with a thinking budget the answer still stops at its own cap.
    msgs = [{"role": "user", "content": "Write a long story about a truck driver in Tromsø."}]
    events = list(smol.stream(msgs, max_tokens=40 + 400, answer_tokens=40, thinking_budget=400, seed=2, guard=False))
    done = events[-1]
    assert done.reasoning_tokens == 0 and done.answer_tokens <= 40
