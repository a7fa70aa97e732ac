"""The private llama-cpp-python members the engine relies on still work: a prompt continued
from a restored prefix state gives the very tokens a cold run gives with the same seed, and
a library without those members is refused at load with one line."""

from __future__ import annotations

import types

import llama_cpp
import pytest

from app.core.llm import llama_internals as internals
from app.core.llm.engine import Engine
from app.core.llm.errors import ModelError
from app.core.llm.events import AnswerChunk
from app.core.llm.models import verify

NOTES = "Notes about Fjord Logistikk AS:\n" + "\n".join(
    f"Meeting {i}: Kari Nordmann asked about pricing tier {i % 5} and delivery to Tromsø in week {i}." for i in range(30))


@pytest.fixture
def engine(ctx, smol_model):
    eng = Engine.load(verify(smol_model, ctx.vault.conn, ctx.policy), n_ctx=2048, threads=2)
    yield eng
    eng.close()


def _answer(engine, msgs, seed):
    events = list(engine.stream(msgs, max_tokens=32, temperature=0.0, seed=seed, guard=False))
    return "".join(e.text for e in events if isinstance(e, AnswerChunk)), events[-1]


def test_restored_prefix_gives_the_same_tokens_as_a_cold_run(engine):
    head = [{"role": "user", "content": NOTES}]
    full = [{"role": "user", "content": NOTES + "\n\nTASK: Write one sentence about what Kari wants."}]
    kept = engine.prefill(head)
    assert kept > 300 and engine.has_prefix(head)
    engine._llama.reset()  # the live context moved on; only the saved state can help
    warm_text, warm = _answer(engine, full, seed=5)
    assert warm.reused_tokens >= kept - 2  # it really started from the restored state
    engine._llama.reset()
    engine._states.clear()
    cold_text, cold = _answer(engine, full, seed=5)
    assert cold.reused_tokens == 0
    assert warm_text == cold_text and warm.answer_tokens == cold.answer_tokens and warm_text


def test_the_installed_library_has_what_we_use_and_a_lacking_one_is_refused(engine):
    internals.check(engine._llama)  # the real one passes
    assert any(llama_cpp.__version__.startswith(v) for v in internals.TESTED)
    fake = types.SimpleNamespace(_ctx=types.SimpleNamespace(ctx=object()), _model=None, input_ids=[], n_tokens=0)
    with pytest.raises(ModelError, match="lacks Llama._ctx.kv_cache_seq_rm, Llama._model.vocab"):
        internals.check(fake)
