"""Prompt-lookup decoding (app.core.llm.lookup): acceptance and generation tokens/s, on vs off.

For each model and each task that quotes the notes (a draft and a summary, their real prompts
built by the assistant from the evaluation set in a fresh encrypted vault), the same answer is
generated four times in one run, from the same read prompt, same seed:

- the engine with ``prompt_lookup=on`` and with ``off`` (the app);
- the bare library without a draft model, and with ``LlamaPromptLookupDecoding`` (the
  reference; it needs ``logits_all=True`` there, or it fails on prompts over one batch).

Acceptance = guesses kept / guesses made. Generation tokens/s = tokens after the first / time
after the first (the prompt is not part of it). Temperature 0 (greedy) and 0.6 (the app's).

Models: the SmolLM2-135M demo model (a real model: its answers really quote the notes) and the
DeepSeek-R1-Distill-Qwen-1.5B shape (random weights: its answers never quote the notes, so
its figures are the cost of guesses that fail, the worst case; what a real 1.5B gains follows
from the acceptance of a real model and the measured cost of checking a batch, reported as
``batch cost``).

    nice -n 10 .venv/bin/python -m benchmarks.run pld
"""

from __future__ import annotations

import os
import time

from benchmarks.run import BenchEnv, Entry

THREADS = int(os.environ.get("CONFIDANT_BENCH_THREADS") or 2)  # 1 on a machine oversubscribed by others
N_CTX = 2048
DRAFT_TOKENS = {"smollm2": 160, "1.5b": 64}  # answer tokens generated per run


def _engine_rate(engine, msgs, task, n, temp):
    from app.core.llm.events import AnswerChunk

    list(engine.stream(msgs, max_tokens=1, quick=True, seed=1))  # the prompt is read, not timed
    before = engine._draft.counts() if engine._draft is not None else (0, 0)
    times = []
    for ev in engine.stream(msgs, max_tokens=n, quick=True, seed=1, temperature=temp, task=task, guard=False):
        if isinstance(ev, AnswerChunk):
            times.append(time.perf_counter())
    after = engine._draft.counts() if engine._draft is not None else (0, 0)
    rate = (len(times) - 1) / (times[-1] - times[0]) if len(times) > 1 else float("nan")
    return rate, len(times), after[0] - before[0], after[1] - before[1]


def _bare_rate(bare, tokens, n, temp):
    bare.set_seed(1)  # no reset: generate() reuses the prompt it read last time (only its last token is read again)
    times = []
    for _tok in bare.generate(tokens, temp=temp, top_p=0.95, repeat_penalty=1.0):
        times.append(time.perf_counter())
        if len(times) >= n:
            break
    return (len(times) - 1) / (times[-1] - times[0]) if len(times) > 1 else float("nan")


def _batch_cost(llama, prompt, k: int = 10, rounds: int = 3) -> float:
    """Seconds to read k+1 tokens with every position's logits / seconds to read one token."""
    import numpy as np

    llama.reset()
    llama.eval(prompt)
    at = llama.n_tokens
    one = many = float("inf")
    for _ in range(rounds):
        llama.n_tokens = at  # eval() drops what follows from the KV cache
        t = time.perf_counter()
        llama.eval(prompt[-1:])
        one = min(one, time.perf_counter() - t)
        llama.n_tokens = at
        t = time.perf_counter()
        llama.eval(list(np.asarray(prompt[-(k + 1):])))
        many = min(many, time.perf_counter() - t)
    return many / one


def _prompts(ctx, engine, ids) -> dict[str, list[dict]]:
    from app.core.assistant import service
    from app.core.vault import conversations

    out = {}
    d = service.draft_follow_up(ctx, engine, "kari.nordmann@example.com", quick=True, answer_tokens=1, seed=1)
    out["draft"] = [{"role": "user", "content": conversations.get(ctx.vault.conn, d.conversation_id)["messages"][0]["content"]}]
    s = service.summarize(ctx, engine, f"a{ids['accounts']['fjord']}", quick=True, answer_tokens=1, seed=1)
    out["summarize"] = [{"role": "user", "content": conversations.get(ctx.vault.conn, s.conversation_id)["messages"][0]["content"]}]
    return out


def run(env: BenchEnv) -> list[Entry]:
    import llama_cpp
    from llama_cpp.llama_speculative import LlamaPromptLookupDecoding

    from app.core.llm.engine import Engine
    from app.core.llm.models import verify
    from benchmarks.real_shape import build
    from tests.eval.seed import seed
    from tests.support.model_files import SMOL, models_dir

    models = [("smollm2", f"SmolLM2-135M demo model, real weights, {THREADS} threads", models_dir() / SMOL)]
    if not env.quick:
        models.append(("1.5b", f"DeepSeek-R1-Distill-Qwen-1.5B shape, random weights, {THREADS} threads", build()))
    ctx = env.open_context("pld")
    entries: list[Entry] = []
    try:
        ids = seed(ctx.vault)
        ctx.settings.set("user_name", "Ola Hansen")
        for key, label, path in models:
            mf = verify(path, ctx.vault.conn, ctx.policy)
            on = Engine.load(mf, n_ctx=N_CTX, threads=THREADS, prompt_lookup="on")
            off = Engine.load(mf, n_ctx=N_CTX, threads=THREADS, prompt_lookup="off")
            common = dict(model_path=str(path), n_ctx=N_CTX, n_batch=512, n_threads=THREADS, n_threads_batch=THREADS,
                          verbose=False)
            bare = llama_cpp.Llama(**common)
            bare_pld = llama_cpp.Llama(**common, logits_all=True, draft_model=LlamaPromptLookupDecoding())
            try:
                prompts = _prompts(ctx, off, ids)
                tokens = on.prompt_tokens(prompts["draft"], quick=True)
                cost = _batch_cost(bare_pld, tokens)
                print(f"[pld] {key}: checking 10 guesses costs {cost:.2f} x one token", flush=True)
                entries.append(Entry(f"prompt lookup: cost of checking 10 guesses ({label})", cost, "x one token",
                                     None, "", target="(informs the break-even)", ok=None,
                                     notes="time to read 11 tokens with every position's logits / time to read one; "
                                           f"10 guesses pay off when more than {cost - 1:.1f} are kept per step on average"))
                n = DRAFT_TOKENS[key]
                for task, msgs in prompts.items():
                    toks = on.prompt_tokens(msgs, quick=True)
                    for temp in (0.0, 0.6):
                        r_on, got, guessed, kept = _engine_rate(on, msgs, task, n, temp)
                        r_off, _, _, _ = _engine_rate(off, msgs, task, n, temp)
                        b_off = _bare_rate(bare, toks, n, temp)
                        b_on = _bare_rate(bare_pld, toks, n, temp)
                        acc = kept / guessed if guessed else 0.0
                        print(f"[pld] {key} {task} T={temp}: on {r_on:.2f} off {r_off:.2f} bare {b_off:.2f} bare+PLD "
                              f"{b_on:.2f} tok/s; kept {kept}/{guessed}; load {os.getloadavg()[0]:.1f}", flush=True)
                        entries.append(Entry(
                            f"prompt lookup on, {task}, temperature {temp}: generation tokens/s ({label})", r_on, "tok/s",
                            b_off, "bare library, no draft model", ratio=r_on / b_off, target="report (decides auto)",
                            ok=None,
                            notes=f"acceptance {acc:.0%} ({kept}/{guessed} guesses kept); engine off {r_off:.1f} tok/s "
                                  f"(on/off {r_on / r_off:.2f}); bare with LlamaPromptLookupDecoding {b_on:.1f} tok/s; "
                                  f"{got} tokens, prompt {len(toks)} tokens",
                            extra={"acceptance": round(acc, 3), "guessed": guessed, "kept": kept, "engine_off": round(r_off, 2),
                                   "bare_pld": round(b_on, 2), "tokens": got, "prompt_tokens": len(toks),
                                   "on_over_off": round(r_on / r_off, 3), "load": os.getloadavg()[0]}))
            finally:
                for x in (on, off):
                    x.close()
                bare.close()
                bare_pld.close()
    finally:
        ctx.close()
    return entries
