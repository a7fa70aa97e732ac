"""The encrypted prompt-state cache (issue 26): a draft's first words in a NEW process.

On the demo model (SmolLM2-135M, real weights) and the DeepSeek-R1-Distill-Qwen-1.5B-shaped
Q4_K_M (:mod:`benchmarks.real_shape`), in a fresh encrypted vault seeded with the evaluation
set, each `confidant draft --quick` runs as its own process; the figure is the time from
starting the process to the first answer byte on its stdout (vault open, model load,
restore, generation: what the user waits for):

- cold: the cache off (``prompt_cache_mb = 0`` by policy), the notes are read in full;
- warm: an earlier process drafted to the same contact (the cache on), so this one restores
  the contact's prefix from disk (decrypt + llama.cpp set-state) and reads only the rest;
- reference: the bare library in this process, a new ``llama_cpp.Llama`` given the same
  prefix's state with ``load_state`` (unencrypted, in memory), then the first token of the
  same prompt; plus the bare model load, so "process overhead" is visible.

Target (issue 26): warm ≤ 1.5 s on the 1.5B shape on a quiet 2-core machine; the ratio
warm/bare says what the app adds over the bare library's own state restore.

    nice -n 15 .venv/bin/python -m benchmarks.run prompt_cache
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.run import BenchEnv, Entry

THREADS = 2
N_CTX = 4096
ROOT = Path(__file__).resolve().parents[1]
ARGS = ["--quick", "--max-tokens", "8", "--ctx", str(N_CTX), "--seed", "1", "--thinking-budget", "0"]


def _first_words(env: dict, contact: str) -> tuple[float, float]:
    """(seconds to the first stdout byte, seconds to exit) of a `confidant draft` process."""
    t = time.perf_counter()
    # Unbuffered: a pipe is block-buffered, so the first word would only arrive with the last.
    p = subprocess.Popen([sys.executable, "-m", "app", "draft", contact, *ARGS], cwd=ROOT, env=dict(env, PYTHONUNBUFFERED="1"),
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = p.stdout.read(1)
    t_first = time.perf_counter() - t
    _, err = p.communicate()
    if p.returncode != 0 or not first:
        raise RuntimeError(f"draft failed ({p.returncode}): {err.decode(errors='replace')[-400:]}")
    return t_first, time.perf_counter() - t


def _events(home: Path) -> list[dict]:
    log = (home / "logs" / "confidant.log").read_text(encoding="utf-8")
    return [dict(re.findall(r"(\w+)=(\S+)", line.split("prompt_cache.task", 1)[1]))
            for line in log.splitlines() if "prompt_cache.task" in line]


def _bare(path: Path, prefix: list[int], prompt: list[int]) -> dict:
    import llama_cpp

    kw = dict(model_path=str(path), n_ctx=N_CTX, n_batch=512, n_threads=THREADS, n_threads_batch=THREADS,
              n_gpu_layers=0, verbose=False)
    a = llama_cpp.Llama(**kw)
    t = time.perf_counter()
    a.eval(prefix)
    eval_s = time.perf_counter() - t
    state = a.save_state()
    a.close()
    t = time.perf_counter()
    b = llama_cpp.Llama(**kw)
    load_s = time.perf_counter() - t
    t = time.perf_counter()
    b.load_state(state)
    gen = b.generate(prompt, temp=0.6, top_p=0.95, repeat_penalty=1.0)
    next(gen)
    first_s = time.perf_counter() - t
    gen.close()
    b.close()
    return {"eval_s": eval_s, "model_load_s": load_s, "restore_first_s": first_s, "state_bytes": state.llama_state_size}


def _one_model(env: BenchEnv, label: str, path: Path, key: str) -> list[Entry]:
    home = env.home(f"prompt_cache_{key}")
    base_env = dict(os.environ, CONFIDANT_HOME=str(home), PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
                    CONFIDANT_PASSPHRASE="bench-passphrase", CONFIDANT_MODEL=str(path))
    on, off = home / "policy-on.toml", home / "policy-off.toml"
    on.write_text("# cache on (the default size)\n")
    off.write_text("[policy]\nprompt_cache_mb = 0\n")
    os.environ.update({k: base_env[k] for k in ("CONFIDANT_HOME", "PYTHON_KEYRING_BACKEND", "CONFIDANT_PASSPHRASE")},
                      CONFIDANT_POLICY=str(on))

    from app.cli.common import passphrase_provider
    from app.core.assistant import prompt_cache, service
    from app.core.context import open_context
    from app.core.llm.engine import Engine
    from app.core.llm.models import verify
    from tests.eval.seed import seed

    contact = "kari.nordmann@example.com"
    ctx = open_context(passphrase_provider)
    try:
        seed(ctx.vault)
        ctx.settings.set("user_name", "Ola Hansen")
        engine = Engine.load(verify(path, ctx.vault.conn, ctx.policy), n_ctx=N_CTX, threads=THREADS)
        try:
            job = service.load_draft(ctx, contact)
            prefix = engine.prompt_tokens(prompt_cache.cache_prefix(job, engine), open_last=True)
            prompt = engine.prompt_tokens(job.prefix(engine), quick=True)
        finally:
            engine.close()
    finally:
        ctx.close()

    cold_s, cold_exit = _first_words(dict(base_env, CONFIDANT_POLICY=str(off)), contact)
    _first_words(dict(base_env, CONFIDANT_POLICY=str(on)), contact)  # the earlier process: reads and keeps
    warm_s, warm_exit = _first_words(dict(base_env, CONFIDANT_POLICY=str(on)), contact)
    ev = _events(home)[-1]
    bare = _bare(path, prefix, prompt)
    load = os.getloadavg()[0]
    notes = (f"process start to first answer byte; cold {cold_s:.2f} s (exit {cold_exit:.1f} s), warm {warm_s:.2f} s "
             f"(restored {ev.get('restored')} of {len(prompt)} prompt tokens, in-process {ev.get('first_answer_s')} s "
             f"of which decrypt+restore {ev.get('preload_s')} s); bare: model load {bare['model_load_s']:.2f} s + "
             f"load_state & first token {bare['restore_first_s']:.2f} s (state {bare['state_bytes'] / 2**20:.0f} MB; "
             f"prefix eval {bare['eval_s']:.1f} s); load average {load:.1f}")
    bare_total = bare["model_load_s"] + bare["restore_first_s"]
    return [
        Entry(f"draft in a new process, cache warm: first words ({label}, {THREADS} threads)", warm_s, "s", bare_total,
              "bare Llama() + load_state + first token, same prefix", ratio=warm_s / bare_total,
              target="warm <= 1.5 s (1.5B shape, quiet)" if key == "1.5b" else "warm < cold",
              ok=(warm_s <= 1.5) if key == "1.5b" else warm_s < cold_s, notes=notes,
              extra={"cold_s": round(cold_s, 3), "speedup": round(cold_s / warm_s, 1), "load_average": round(load, 2)}),
    ]


def run(env: BenchEnv) -> list[Entry]:
    from benchmarks.real_shape import model_path
    from tests.support.model_files import SMOL, models_dir

    entries = _one_model(env, "SmolLM2-135M Q4_1 demo model", models_dir() / SMOL, "demo")
    shape = model_path()
    if shape.exists() and not env.quick:
        entries += _one_model(env, "DeepSeek-R1-Distill-Qwen-1.5B shape Q4_K_M", shape, "1.5b")
    return entries
