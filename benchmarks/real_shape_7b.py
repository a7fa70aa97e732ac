"""The 7B rows of the benchmark of record (:mod:`benchmarks.bench_real_shape`, point 6).

A random-weight DeepSeek-R1-Distill-Qwen-7B-shaped Q4_K_M (:mod:`benchmarks.real_shape`, 4.7 GB)
in the same vault as the 1.5B rows, each figure against bare llama-cpp-python on the same
model, threads and context in the same run:

- cold start: loading the model plus a draft's first answer token (quick), vs the bare library
  loading it and reading the same prompt (the file is in the page cache: a second start; the
  first start after a reboot also reads 4.7 GB from disk);
- a draft on a prefilled contact (what opening the contact does), vs the bare library cold;
- a follow-up turn (the chat reads its start ahead), vs the bare library reading the
  conversation again;
- a summary of a 20-note account (not 50 as on the 1.5B: bounded in time on two cores), vs
  the bare library's rates times the same tokens;
- the process's resident memory after the draft (the model is memory-mapped: its pages count
  once they are read).
"""

from __future__ import annotations

import os
import time

from benchmarks.run import Entry

LABEL = "DeepSeek-R1-Distill-Qwen-7B shape, Q4_K_M, random weights"
SUMMARY_NOTES = 20


def _rss_gb() -> float:
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1e6
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6


def seven_b(ctx, ids, *, threads: int, n_ctx: int) -> list[Entry]:
    import llama_cpp

    from app.core.assistant import service
    from app.core.llm.engine import Engine
    from app.core.llm.models import verify
    from app.core.vault import conversations, records
    from benchmarks.bench_real_shape import _bare_rates
    from benchmarks.real_shape import build
    from tests.eval.seed import add_notes

    path = build("7b", log=lambda s: print(f"[real_shape 7b] {s}", flush=True))
    kari = "kari.nordmann@example.com"
    answer = 16
    where = f"{threads} threads, load {os.getloadavg()[0]:.1f} at the start"
    entries: list[Entry] = []

    def add(entry: Entry) -> None:  # printed at once: on a busy machine the run may be cut short
        entries.append(entry)
        print(f"[real_shape 7b] {entry.name}: {entry.value:.3g} {entry.unit} (bare {entry.baseline:.3g}; {entry.notes})",
              flush=True)

    mf = verify(path, ctx.vault.conn, ctx.policy)  # hashing 4.7 GB: once per file, not part of a start
    rss0 = _rss_gb()
    t = time.perf_counter()
    engine = Engine.load(mf, n_ctx=n_ctx, threads=threads)
    load_s = time.perf_counter() - t
    bare = None
    try:
        cold = service.draft_follow_up(ctx, engine, kari, quick=True, answer_tokens=answer, seed=1)
        rss = _rss_gb() - rss0
        prompt = conversations.get(ctx.vault.conn, cold.conversation_id)["messages"][0]["content"]
        tokens = engine.prompt_tokens([{"role": "user", "content": prompt}], quick=True)
        t = time.perf_counter()  # the same file again: its pages are shared, not loaded twice
        bare = llama_cpp.Llama(model_path=str(path), n_ctx=n_ctx, n_batch=512, n_threads=threads,
                               n_threads_batch=threads, verbose=False)
        bare_load = time.perf_counter() - t
        b_prompt, b_gen = _bare_rates(bare, tokens, 8)
        b_first = len(tokens) / b_prompt
        app_cold, bare_cold = load_s + cold.first_answer_seconds, bare_load + b_first
        add(Entry(f"7B: cold start, load + a draft's first answer token ({LABEL}, {where})", app_cold, "s",
                  bare_cold, "bare library: load + the same prompt", ratio=app_cold / bare_cold,
                  target="ratio <= 1.1", ok=app_cold / bare_cold <= 1.1,
                  notes=f"load {load_s:.1f} s (bare {bare_load:.1f} s); prompt {len(tokens)} tokens; "
                        f"resident memory after the draft {rss:.2f} GB; bare {b_prompt:.1f} prompt / {b_gen:.1f} "
                        "generation tok/s",
                  extra={"rss_gb": round(rss, 2), "load_seconds": round(load_s, 2), "prompt_tokens": len(tokens),
                         "bare_prompt_tok_s": round(b_prompt, 2), "bare_gen_tok_s": round(b_gen, 2)}))

        job = service.load_subject(ctx, kari)
        t = time.perf_counter()
        kept = engine.prefill(job.prefix(engine))
        prefill_s = time.perf_counter() - t
        engine._llama.reset()  # the user browsed elsewhere meanwhile: only the kept state helps
        warm = service.draft_follow_up(ctx, engine, kari, quick=True, answer_tokens=answer, seed=1)
        w = warm.first_answer_seconds
        add(Entry("7B: draft, quick: first answer token on a prefilled contact", w, "s", b_first,
                  "bare library, same prompt, cold", ratio=b_first / w, target="<= 1.5 s", ok=w <= 1.5,
                  notes=f"prefill {prefill_s:.1f} s in the background ({kept} tokens); reused {warm.reused_tokens} "
                        f"of {warm.prompt_tokens}"))

        engine.prefill(service.follow_up_prefix(ctx, warm.conversation_id))
        again = service.continue_conversation(ctx, engine, warm.conversation_id, "make it shorter", quick=True,
                                            answer_tokens=answer, seed=1)
        conv = conversations.get(ctx.vault.conn, warm.conversation_id)
        follow = engine.prompt_tokens([{"role": m["role"], "content": m["content"]} for m in conv["messages"][:3]],
                                      quick=True)
        b_re = len(follow) / _bare_rates(bare, follow, 1)[0]
        f = again.first_answer_seconds
        add(Entry("7B: follow-up turn: first answer token", f, "s", b_re, "bare library, conversation read again",
                  ratio=b_re / f, target="speed-up >= 20x", ok=b_re / f >= 20,
                  notes=f"reused {again.reused_tokens} of {again.prompt_tokens} tokens"))

        acc = ids["accounts"]["mueller"]
        have = len(records.notes_for(ctx.vault.conn, account_id=acc, limit=None))
        add_notes(ctx.vault, ids["contacts"]["juergen"], acc, [
            f"Call {i}: Jürgen Müller discussed the pilot (forklifts: {2 + i % 7}), delivery to Düsseldorf in week "
            f"{1 + i % 52}, and asked for the price list for tier {i % 4}." for i in range(max(0, SUMMARY_NOTES - have))])
        engine._llama.reset()
        t = time.perf_counter()
        summ = service.summarize(ctx, engine, f"a{acc}", quick=True, answer_tokens=48, seed=1)
        summ_s = time.perf_counter() - t
        b_est = summ.prompt_tokens / b_prompt + (summ.answer_tokens + summ.reasoning_tokens) / b_gen
        chunks = next((fl["chunks"] for fl in summ.flags if fl.get("kind") == "map_reduce"), 1)
        add(Entry(f"7B: summary of a {SUMMARY_NOTES}-note account, end to end (quick, 48-token answer)", summ_s, "s",
                  b_est, "bare library rates x the same tokens", ratio=summ_s / b_est, target="ratio <= 1.2",
                  ok=summ_s / b_est <= 1.2,
                  notes=f"{chunks} part(s); {summ.prompt_tokens} prompt tokens read, {summ.reused_tokens} reused; "
                        f"load {os.getloadavg()[0]:.1f} at the end"))
    finally:
        engine.close()
        if bare is not None:
            bare.close()
    return entries
