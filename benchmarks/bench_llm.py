"""Inference benchmarks, each against bare llama-cpp-python in the same run.

1. Prompt and generation tokens/s through Engine vs a bare ``llama_cpp.Llama`` on the same
   model, threads, context and batch (target: within 5%).
2. First token of a follow-up turn with the evaluated prefix kept vs re-reading it cold
   (target: >= 20x sooner), next to bare llama-cpp-python's own prefix reuse.
3. First answer token of a draft on an account prefilled a moment before (background
   prefill) vs a cold start.
4. Thinking budget vs unbounded reasoning on the tiny DeepSeek-shaped model.

    .venv/bin/python -m benchmarks.run llm
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from benchmarks.run import BenchEnv, Entry
from tests.support.model_files import models_dir as _models_dir

THREADS = 2
N_CTX = 4096


def _trusted(path: Path):
    from app.core.llm import models

    mf = models.describe_file(path)
    if mf.problem:
        raise SystemExit(mf.problem)
    mf.trusted, mf.sha256 = True, "bench"
    return mf


def _notes(n: int, tag: str) -> str:
    lines = [f"{tag} note {i}: Kari Nordmann from Fjord Logistikk AS asked about pricing tier {i % 7}, "
             f"delivery to Tromsø in week {i % 52}, and a discount for {i * 3} trucks." for i in range(n)]
    return "Notes:\n" + "\n".join(lines)


def _bare_first_token(llama, tokens) -> float:
    t = time.perf_counter()
    gen = llama.generate(tokens, temp=0.6, top_p=0.95, repeat_penalty=1.0)
    next(gen)
    gen.close()
    return time.perf_counter() - t


def _throughput(engine, bare, msgs, gen_tokens: int, reps: int) -> list[Entry]:
    import llama_cpp

    tokens = engine.prompt_tokens(msgs)
    vocab = bare._model.vocab
    e_prompt, b_prompt, e_gen, b_gen = [], [], [], []
    for rep in range(reps):
        engine._llama.reset()  # cold prompt each time, for both
        done = list(engine.stream(msgs, max_tokens=gen_tokens, seed=rep))[-1]
        e_prompt.append(done.prompt_tokens / done.prompt_seconds)
        n = done.reasoning_tokens + done.answer_tokens
        if n > 1:
            e_gen.append((n - 1) / (done.total_seconds - done.prompt_seconds))
        bare.reset()
        bare.set_seed(rep)
        t0 = time.perf_counter()
        gen = bare.generate(tokens, temp=0.6, top_p=0.95, repeat_penalty=1.0)
        first = None
        count = 0
        for tok in gen:
            if first is None:
                first = time.perf_counter()
            if llama_cpp.llama_vocab_is_eog(vocab, tok):
                break
            count += 1
            if count >= gen_tokens:
                break
        end = time.perf_counter()
        gen.close()
        b_prompt.append(len(tokens) / (first - t0))
        if count > 1:
            b_gen.append((count - 1) / (end - first))
    out = []
    for name, mine, base in (("prompt tokens/s", e_prompt, b_prompt), ("generation tokens/s", e_gen, b_gen)):
        m, b = statistics.median(mine), statistics.median(base)
        out.append(Entry(name=f"engine {name} (SmolLM2-135M Q4_1, {THREADS} threads)", value=m, unit="tok/s",
                         baseline=b, baseline_label="bare llama_cpp.Llama", ratio=m / b, target="ratio >= 0.95",
                         ok=m / b >= 0.95, extra={"prompt_tokens": len(tokens), "reps": reps}))
    return out


def _follow_up(engine, bare, notes: str) -> list[Entry]:
    first = [{"role": "user", "content": notes + "\nSummarise what Kari wants."}]
    engine._llama.reset()
    reply = "".join(getattr(e, "text", "") for e in engine.stream(first, max_tokens=24, seed=1))
    follow = first + [{"role": "assistant", "content": reply}, {"role": "user", "content": "Now in Norwegian, shorter."}]
    warm = list(engine.stream(follow, max_tokens=1))[-1]
    engine._llama.reset()
    cold = list(engine.stream(follow, max_tokens=1))[-1]
    # The same with bare llama-cpp-python's own prefix match.
    t_first = engine.prompt_tokens(first)
    t_follow = engine.prompt_tokens(follow)
    bare.reset()
    _bare_first_token(bare, t_first)
    b_warm = _bare_first_token(bare, t_follow)
    bare.reset()
    b_cold = _bare_first_token(bare, t_follow)
    ratio = cold.prompt_seconds / warm.prompt_seconds
    return [Entry(name=f"follow-up first token, {len(t_follow)}-token prompt: cold / prefix kept", value=ratio, unit="x",
                  baseline=b_cold / b_warm, baseline_label="bare llama-cpp-python prefix match", ratio=ratio,
                  target="ratio >= 20", ok=ratio >= 20,
                  notes=f"engine cold {cold.prompt_seconds:.2f} s, warm {warm.prompt_seconds * 1000:.0f} ms; "
                        f"bare cold {b_cold:.2f} s, warm {b_warm * 1000:.0f} ms",
                  extra={"reused_tokens": warm.reused_tokens})]


def _prefill(engine, notes_a: str, notes_b: str) -> list[Entry]:
    ask = "\nDraft a short follow-up e-mail to Kari."
    engine._llama.reset()
    t = time.perf_counter()
    engine.prefill([{"role": "user", "content": notes_a}])  # in the app: while the user reads the account
    prefill_s = time.perf_counter() - t
    engine.prefill([{"role": "user", "content": notes_b}])  # a second account opened after it
    warm = list(engine.stream([{"role": "user", "content": notes_a + ask}], max_tokens=1, quick=True))[-1]
    engine._llama.reset()
    engine._states.clear()
    cold = list(engine.stream([{"role": "user", "content": notes_a + ask}], max_tokens=1, quick=True))[-1]
    ratio = cold.prompt_seconds / warm.prompt_seconds
    return [Entry(name="draft first token after background prefill (2 accounts kept) vs cold", value=warm.prompt_seconds,
                  unit="s", baseline=cold.prompt_seconds, baseline_label="cold start, same engine",
                  ratio=ratio, target="ratio >= 20", ok=ratio >= 20,
                  notes=f"prefill took {prefill_s:.2f} s in the background", extra={"reused_tokens": warm.reused_tokens})]


def _budget(env: BenchEnv) -> list[Entry]:
    from app.core.llm.engine import Engine
    from tests.support.llm_tiny import build_tiny_deepseek

    header = _models_dir() / "deepseek-r1-distill-qwen-7b.part0000"
    path = build_tiny_deepseek(header, env.home("llm") / "tiny-deepseek.gguf")
    engine = Engine.load(_trusted(path), threads=THREADS, n_ctx=2048, n_batch=256)
    try:
        msgs = [{"role": "user", "content": "Skriv en kort oppfølging til Kari Nordmann etter demoen."}]
        budget, cap = 64, 768
        with_budget = list(engine.stream(msgs, max_tokens=cap, thinking_budget=budget, seed=9))[-1]
        unbounded = list(engine.stream(msgs, max_tokens=cap, seed=9))[-1]
    finally:
        engine.close()
    no_answer = unbounded.first_answer_seconds is None
    base = unbounded.first_answer_seconds or unbounded.total_seconds
    return [Entry(name=f"first answer token, thinking budget {budget} vs unbounded (tiny DeepSeek-shaped)",
                  value=with_budget.first_answer_seconds or float("nan"), unit="s", baseline=base,
                  baseline_label="unbounded reasoning" + (f" (no answer within {cap} tokens)" if no_answer else ""),
                  ratio=base / (with_budget.first_answer_seconds or float("inf")),
                  target="answer starts after the budget", ok=with_budget.budget_hit and with_budget.answer_tokens > 0,
                  extra={"reasoning_tokens_budget": with_budget.reasoning_tokens,
                         "reasoning_tokens_unbounded": unbounded.reasoning_tokens})]


def run(env: BenchEnv) -> list[Entry]:
    import llama_cpp

    from app.core.llm import gpu
    from app.core.llm.engine import Engine

    smol = _models_dir() / "SmolLM2-135M-Instruct.Q4_1.gguf"
    engine = Engine.load(_trusted(smol), threads=THREADS, n_ctx=N_CTX, n_batch=512, max_states=4)
    # The bare library on the same footing: with the loadable-backend (Vulkan) build llama.cpp has
    # no backend at all until they are loaded (the engine did that), and it offloads what the engine does.
    gpu.load_backends()
    bare = llama_cpp.Llama(model_path=str(smol), n_ctx=N_CTX, n_batch=512, n_threads=THREADS,
                           n_threads_batch=THREADS, n_gpu_layers=engine.describe()["gpu_layers"], verbose=False)
    entries: list[Entry] = []
    try:
        # Warm both up once: the first decode after load pays for page faults and thread start.
        list(engine.stream([{"role": "user", "content": "Hei"}], max_tokens=4))
        _bare_first_token(bare, engine.prompt_tokens([{"role": "user", "content": "Hei"}]))
        n_notes = 10 if env.quick else 24
        story = [{"role": "user", "content": _notes(n_notes // 3, "A") + "\nWrite a long, detailed account plan."}]
        entries += _throughput(engine, bare, story, gen_tokens=32 if env.quick else 64, reps=2 if env.quick else 3)
        entries += _follow_up(engine, bare, _notes(n_notes, "B"))
        entries += _prefill(engine, _notes(n_notes, "C"), _notes(n_notes, "D"))
    finally:
        engine.close()
        bare.close()
    entries += _budget(env)
    return entries
