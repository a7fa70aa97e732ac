"""Prompt-lookup decoding on a real model (SmolLM2-135M through llama.cpp): the same answer as
without it at temperature 0, guesses really made and kept, the setting honoured through the
one loader, cancel within a token, grammar-constrained JSON still valid, long prompts."""

from __future__ import annotations

import json
import re
import threading

import pytest

from app.core.errors import UsageError
from app.core.llm.engine import Engine
from app.core.llm.events import AnswerChunk
from tests.support.model_files import trusted

NOTES = "\n".join(
    f"- 2026-03-{10 + i}: Kari Nordmann (Fjordfrakt AS) asked about the pilot with {3 + i % 5} electric trucks, "
    f"delivery to Tromsø in week {10 + i}, price list tier {i % 4}." for i in range(12))
DRAFT = [{"role": "user", "content": f"Notes about Kari Nordmann:\n{NOTES}\n\nWrite a follow-up e-mail to Kari "
                                     "Nordmann that repeats every note above, word for word, with its date."}]


@pytest.fixture(scope="module")
def engines(smol_model):
    # One thread each: these tests are about the answers, and two threads on a busy machine crawl.
    on = Engine.load(trusted(smol_model), threads=1, n_ctx=2048, prompt_lookup="on")
    off = Engine.load(trusted(smol_model), threads=1, n_ctx=2048, prompt_lookup="off")
    yield on, off
    on.close()
    off.close()


def _text(events) -> str:
    return "".join(e.text for e in events if isinstance(e, AnswerChunk))


def _answer_tokens(engine, messages, **kw) -> list[int]:
    done = list(engine.stream(messages, **kw))[-1]
    n = len(engine.prompt_tokens(messages))
    return [int(t) for t in engine._llama.input_ids[n: n + done.answer_tokens]]  # the tokens the reply was made of


def test_greedy_draft_is_the_same_with_prompt_lookup_and_guesses_are_kept(engines, smol_model):
    import llama_cpp
    import numpy as np

    on, off = engines
    before = on._draft.counts()
    kw = dict(max_tokens=80, temperature=0.0, task="draft", guard=False)
    with_lookup, without = _answer_tokens(on, DRAFT, **kw), _answer_tokens(off, DRAFT, **kw)
    guessed, kept = (a - b for a, b in zip(on._draft.counts(), before))
    assert guessed > 0 and kept > 0  # the notes were quoted from the guesses, not token by token
    assert off._draft is None and off.describe()["prompt_lookup"] == "off"
    same = next((i for i, (a, b) in enumerate(zip(with_lookup, without)) if a != b), None)
    if same is None:
        assert with_lookup == without and len(with_lookup) == 80
        return
    # llama.cpp's sums differ in the last bits when tokens are read in a batch (the guesses) rather
    # than one at a time, so greedy decoding may part where the model was torn between two tokens:
    # allowed only after a long shared start, and only at a near-tie of the model's own logits.
    assert same >= 20, f"the answers part after {same} tokens"
    ref = llama_cpp.Llama(str(smol_model), n_ctx=2048, n_threads=1, verbose=False, logits_all=True)
    try:
        ref.eval(on.prompt_tokens(DRAFT) + with_lookup[:same])
        logits = np.array(ref.scores[ref.n_tokens - 1])
    finally:
        ref.close()
    a, b = logits[with_lookup[same]], logits[without[same]]
    assert abs(a - b) < 0.3 and logits.max() - min(a, b) < 0.3, (same, a, b, logits.max())


def test_prompt_lookup_on_a_prompt_longer_than_a_batch(engines):
    # llama-cpp-python sizes its logits copy for one batch (512 rows) unless every position's
    # logits are kept; past it, eval raised ValueError. Here the prompt is ~1000 tokens.
    on, _off = engines
    long = [{"role": "user", "content": (NOTES + "\n") * 3 + "Repeat the last note."}]
    assert len(on.prompt_tokens(long)) > 700
    done = list(on.stream(long, max_tokens=40, temperature=0.0, task="draft", guard=False))[-1]
    assert done.stop_reason in ("stop", "length") and done.answer_tokens > 0


def test_cancel_stops_within_one_token_with_prompt_lookup(engines):
    on, _off = engines
    cancel = threading.Event()
    chunks = 0
    for ev in on.stream(DRAFT, cancel=cancel, max_tokens=200, temperature=0.0, task="draft", guard=False):
        if isinstance(ev, AnswerChunk):
            chunks += 1
            if chunks == 20:  # well inside the quoted notes, where a batch of guesses is checked at once
                cancel.set()
        last = ev
    assert last.stop_reason == "cancelled" and last.answer_tokens <= 21
    assert list(on.stream(DRAFT, max_tokens=4, task="draft"))[-1].answer_tokens > 0


def test_grammar_constrained_json_with_prompt_lookup(engines):
    on, _off = engines
    schema = {"type": "object", "properties": {"week": {"type": "integer"}, "city": {"type": "string"}},
              "required": ["week", "city"]}
    ask = [{"role": "user", "content": NOTES + "\nAnswer in JSON: the week and city of the last delivery."}]
    before = on._draft.counts()[0]
    text = _text(on.stream(ask, max_tokens=60, temperature=0.0, quick=True, task="draft", json_schema=schema))
    answer = json.loads(text)
    assert isinstance(answer["week"], int) and isinstance(answer["city"], str)
    assert on._draft.counts()[0] >= before  # "on" checks guesses under the grammar too


def test_the_setting_reaches_the_engine_through_the_one_loader(ctx, smol_model, home):
    from app.core.llm.source import choose_engine, open_engine

    with pytest.raises(UsageError, match="auto, on or off"):
        ctx.settings.set("prompt_lookup", "sometimes")
    assert ctx.settings.get("prompt_lookup") == "auto"
    ctx.settings.set("threads", 1)
    env = {"CONFIDANT_MODEL": str(smol_model)}
    for mode in ("off", "on"):
        ctx.settings.set("prompt_lookup", mode)
        eng = open_engine(choose_engine(ctx, n_ctx=2048, env=env))
        try:
            assert eng.describe()["prompt_lookup"] == mode
            list(eng.stream(DRAFT, max_tokens=60, temperature=0.0, task="draft", guard=False))
        finally:
            eng.close()
    log = next(home.rglob("confidant.log")).read_text()
    guessed = [int(n) for n in re.findall(r"engine\.generate .*lookup_guessed=(\d+)", log)]
    assert guessed[-2] == 0 and guessed[-1] > 0  # off: no guesses; on: guesses checked


def test_auto_uses_prompt_lookup_only_where_it_measured_faster(smol_model):
    from app.core.llm import lookup

    # Models of the 1.5B class and up: no draft model at all (a batch of guesses costs ~10x a token).
    assert lookup.draft_model("auto", 1_100_000_000) is None and lookup.draft_model("on", 1_100_000_000) is not None
    e = Engine.load(trusted(smol_model), threads=1, n_ctx=2048, prompt_lookup="auto")
    try:
        assert e.describe()["prompt_lookup"] == "auto"
        list(e.stream(DRAFT, max_tokens=40, temperature=0.0, guard=False))  # no task: a plain reply
        list(e.stream(DRAFT, max_tokens=40, temperature=0.6, task="draft", guard=False))  # sampled: slower with it
        list(e.stream(DRAFT, max_tokens=40, temperature=0.0, task="summarize", guard=False))
        assert e._draft.counts() == (0, 0)
        list(e.stream(DRAFT, max_tokens=40, temperature=0.0, task="draft", guard=False))  # a greedy draft: faster
        assert e._draft.counts()[0] > 0
    finally:
        e.close()
