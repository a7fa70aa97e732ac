"""Assistant: time to the first answer token and total time for a follow-up draft.

Measured on the small test model (SmolLM2-135M, 2 threads) in a fresh encrypted vault
seeded with the evaluation set. Each app figure is set against the bare engine streaming
the very same prompt in the same run (the assistant's own overhead: note selection,
fencing, token budgeting, citation checks, saving). Modes: quick (no reasoning) and with
a thinking budget. SmolLM2 has no think block, so on it the two modes differ little; on a
DeepSeek-R1 distill the thinking budget is what bounds time to the first answer token.
A follow-up turn ("make it shorter") is timed against reading the whole prompt again.
"""

from __future__ import annotations

import time

from benchmarks.run import BenchEnv, Entry
from tests.support.model_files import models_dir as _models_dir


def _bare(engine, messages, *, max_tokens, quick, budget):
    """The engine alone on the same messages: first answer token and total seconds."""
    started = time.perf_counter()
    first = None
    for ev in engine.stream(messages, max_tokens=max_tokens, quick=quick, thinking_budget=budget, seed=1):
        if first is None and type(ev).__name__ == "AnswerChunk":
            first = time.perf_counter() - started
    return first or 0.0, time.perf_counter() - started


def run(env: BenchEnv) -> list[Entry]:
    from app.core.assistant import service
    from app.core.llm.engine import Engine
    from app.core.llm.models import verify
    from app.core.vault import conversations
    from tests.eval.seed import seed

    ctx = env.open_context("assistant")
    entries: list[Entry] = []
    try:
        seed(ctx.vault)
        ctx.settings.set("user_name", "Ola Hansen")
        engine = Engine.load(verify(_models_dir() / "SmolLM2-135M-Instruct.Q4_1.gguf", ctx.vault.conn, ctx.policy),
                             n_ctx=2048, threads=2)
        answer = 48 if env.quick else 128
        for label, quick, budget in (("quick", True, 0), ("thinking budget 64", False, 64)):
            engine._llama.reset()  # cold: no reused prefix for either side
            res = service.draft_follow_up(ctx, engine, "kari.nordmann@example.com", about="pilotavtalen", quick=quick,
                                        answer_tokens=answer, thinking_budget=budget, seed=1)
            prompt = conversations.get(ctx.vault.conn, res.conversation_id)["messages"][0]["content"]
            engine._llama.reset()
            first_bare, total_bare = _bare(engine, [{"role": "user", "content": prompt}],
                                           max_tokens=answer + (0 if quick else budget), quick=quick, budget=None if quick else budget)
            first = res.first_answer_seconds or 0.0
            entries.append(Entry(f"draft, {label}: first answer token", first, "s", first_bare, "bare engine, same prompt",
                                 ratio=first / first_bare if first_bare else None, target="ratio <= 1.05",
                                 ok=(first / first_bare <= 1.05) if first_bare else None,
                                 extra={"answer_tokens": res.answer_tokens, "reasoning_tokens": res.reasoning_tokens}))
            total = res.seconds
            entries.append(Entry(f"draft, {label}: total", total, "s", total_bare, "bare engine, same prompt",
                                 ratio=total / total_bare if total_bare else None, target="ratio <= 1.05",
                                 ok=(total / total_bare <= 1.05) if total_bare else None))
        # Follow-up: the live context still holds the first prompt.
        first_turn = service.draft_follow_up(ctx, engine, "kari.nordmann@example.com", quick=True, answer_tokens=answer, seed=1)
        again = service.continue_conversation(ctx, engine, first_turn.conversation_id, "make it shorter", quick=True,
                                            answer_tokens=answer, seed=1)
        conv = conversations.get(ctx.vault.conn, first_turn.conversation_id)
        engine._llama.reset()
        cold_first, _ = _bare(engine, [{"role": m["role"], "content": m["content"]} for m in conv["messages"][:3]],
                              max_tokens=answer, quick=True, budget=None)
        warm = again.first_answer_seconds or 0.0
        entries.append(Entry("follow-up turn: first answer token", warm, "s", cold_first, "same turn, prefix read again",
                             ratio=cold_first / warm if warm else None, target="speed-up >= 20x (DESIGN)",
                             ok=(cold_first / warm >= 20) if warm else None,
                             notes=f"reused {again.reused_tokens} tokens"))
        engine.close()
    finally:
        ctx.close()
    return entries
