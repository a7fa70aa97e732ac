"""A 50-note account summary from the command line, cold and again after one new note, each in a
new process (issue 26: "the 50-note summary after one new note costs <= 25 % of the cold one").

On the DeepSeek-R1-Distill-Qwen-1.5B-shaped model (:mod:`benchmarks.real_shape`, random weights,
Q4_K_M), a fresh encrypted vault with the evaluation set and the Fjord account filled to 50
notes, ``confidant summarize a<ID> --quick --max-tokens 48`` runs in a new process under a
pseudo-terminal (so the answer streams and its first words can be timed), then one note is
added and the same command runs again in another new process. Two shapes of the same work:

- **one pass** (the context the app picks, 8192 tokens here): the 50 notes fit one prompt, so there
  are no map parts; what makes the second run cheap is an evaluated-prefix state kept on disk
  (the prompt-state cache, issue 26 point 1), not the kept parts;
- **map parts** (``--ctx 2048``): the notes are cut into parts at stable dates, each part's result
  is kept in the vault, and the second run re-reads only the new note's part and the final step.

The bare library's figure, same run: llama-cpp-python reading the one-pass summary's prompt
cold and writing the same 48 tokens (what any run that reads the 50 notes must pay).

    nice -n 15 .venv/bin/python -m benchmarks.run summary_incremental
"""

from __future__ import annotations

import json
import os
import pty
import re
import select
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from benchmarks.run import BenchEnv, Entry

THREADS = 2
ANSWER = 48
ROOT = Path(__file__).resolve().parents[1]


def _env(home: Path, model: Path) -> dict:
    policy = home / "policy.toml"
    policy.write_text("# none\n")
    return dict(os.environ, CONFIDANT_HOME=str(home), CONFIDANT_POLICY=str(policy), CONFIDANT_MODEL=str(model),
                PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring", CONFIDANT_PASSPHRASE="bench-passphrase")


def _seed(env: dict) -> int:
    """A vault with the evaluation set and Fjord at 50 notes, in a child (its own CONFIDANT_HOME)."""
    code = (
        "from app.cli.common import passphrase_provider\n"
        "from app.core.context import open_context\n"
        "from app.core.vault import records\n"
        "from tests.eval.seed import add_notes, seed\n"
        "ctx = open_context(passphrase_provider)\n"
        "ids = seed(ctx.vault)\n"
        f"ctx.settings.set('user_name', 'Ola Hansen'); ctx.settings.set('threads', {THREADS})\n"
        "acc, kari = ids['accounts']['fjord'], ids['contacts']['kari']\n"
        "have = len(records.notes_for(ctx.vault.conn, account_id=acc, limit=None))\n"
        "add_notes(ctx.vault, kari, acc, [f'Call {i}: Kari Nordmann discussed the pilot (trucks: {3 + i % 9}), delivery to '\n"
        "    f'Tromsø in week {1 + i % 52}, and asked for the price list for tier {i % 4}.' for i in range(max(0, 50 - have))])\n"
        "print(acc, kari)\n"
        "ctx.close()\n")
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=True)
    acc, kari = out.stdout.split()[-2:]
    return int(acc), int(kari)


def _add_note(env: dict, acc: int, kari: int) -> None:
    today = date.today().isoformat()
    code = (
        "from app.cli.common import passphrase_provider\n"
        "from app.core.context import open_context\n"
        "from tests.support.summary_seed import add_dated\n"
        "ctx = open_context(passphrase_provider)\n"
        f"add_dated(ctx.vault, {kari}, {acc}, ['{today}'], tag='bench-new')\n"
        "ctx.close()\n")
    subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, check=True, capture_output=True)


def _log_calls(env: dict, since: int) -> tuple[int, int]:
    """Model calls and their prompts' tokens, from the content-free log lines
    (``engine.generate``) a run wrote after byte ``since``: load-independent evidence."""
    log = Path(env["CONFIDANT_HOME"]) / "logs" / "confidant.log"
    if not log.exists():
        return 0, 0
    with log.open("rb") as fh:
        fh.seek(since)
        lines = fh.read().decode("utf-8", "replace").splitlines()
    calls = [ln for ln in lines if "engine.generate" in ln]

    def field(ln: str, name: str) -> int:
        m = re.search(rf"\b{name}=(\d+)", ln)
        return int(m.group(1)) if m else 0

    return len(calls), sum(field(ln, "prompt_tokens") for ln in calls)


def _log_size(env: dict) -> int:
    log = Path(env["CONFIDANT_HOME"]) / "logs" / "confidant.log"
    return log.stat().st_size if log.exists() else 0


def _cli(env: dict, acc: int, extra: list[str]) -> dict:
    """Run ``confidant summarize`` in a new process on a pseudo-terminal: seconds to the first
    answer bytes and to the end, its stderr lines, and the model calls it made (from its log)."""
    since = _log_size(env)
    master, slave = pty.openpty()
    cmd = [sys.executable, "-m", "app", "summarize", f"a{acc}", "--quick", "--max-tokens", str(ANSWER), "--seed", "1", *extra]
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, env=env, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=slave, stderr=subprocess.PIPE)
    os.close(slave)
    first = None
    err = b""
    fds = [master, p.stderr.fileno()]
    while fds:
        ready, _, _ = select.select(fds, [], [], 1.0)
        for fd in ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                chunk = b""
            if not chunk:
                fds.remove(fd)
                continue
            if fd == master:
                if first is None and chunk.strip():
                    first = time.perf_counter() - t0
            else:
                err += chunk
        if p.poll() is not None and not ready:
            break
    p.wait()
    total = time.perf_counter() - t0
    os.close(master)
    text = err.decode("utf-8", "replace")
    if p.returncode != 0:
        raise RuntimeError(f"confidant summarize failed ({p.returncode}): {text[-500:]}")
    calls, prompt_tokens = _log_calls(env, since)
    return {"first": first, "total": total, "stderr": text, "calls": calls, "prompt_tokens": prompt_tokens,
            "reused": next((ln.split("confidant: ", 1)[-1] for ln in text.splitlines() if "Reused " in ln), ""),
            "parts": next((ln.split("confidant: ", 1)[-1] for ln in text.splitlines() if "were read in" in ln), "")}


def _prompt(env: dict) -> str:
    code = (
        "import json\n"
        "from app.cli.common import passphrase_provider\n"
        "from app.core.context import open_context\n"
        "from app.core.vault import conversations\n"
        "ctx = open_context(passphrase_provider)\n"
        "c = conversations.list_all(ctx.vault.conn, limit=None)[-1]\n"
        "print(json.dumps(conversations.get(ctx.vault.conn, c['id'])['messages'][0]['content']))\n"
        "ctx.close()\n")
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _bare(model: Path, prompt: str) -> tuple[float, float, int]:
    """The bare library on the same prompt: seconds to the first token and to ANSWER tokens, and its length."""
    import llama_cpp

    bare = llama_cpp.Llama(model_path=str(model), n_ctx=8192, n_batch=512, n_threads=THREADS, n_threads_batch=THREADS,
                           verbose=False)
    try:
        # The DeepSeek-R1 template as the app renders a quick turn (an empty thinking block).
        text = f"<｜User｜>{prompt}<｜Assistant｜><think>\n\n</think>\n\n"
        tokens = bare.tokenize(text.encode("utf-8"), add_bos=True, special=True)
        bare.reset()
        bare.set_seed(1)
        t0 = time.perf_counter()
        gen = bare.generate(tokens, temp=0.6, top_p=0.95, repeat_penalty=1.0)
        first = None
        for n, _tok in enumerate(gen, 1):
            if first is None:
                first = time.perf_counter() - t0
            if n >= ANSWER:
                break
        gen.close()
        return first, time.perf_counter() - t0, len(tokens)
    finally:
        bare.close()


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def run(env: BenchEnv) -> list[Entry]:
    from benchmarks.real_shape import build

    model = build(log=lambda s: print(f"[real_shape] {s}", flush=True))
    entries: list[Entry] = []
    runs = {}
    for name, extra in (("map parts", ["--ctx", "2048"]), ("one pass", [])):
        e = _env(env.home(f"summary_incremental_{name.replace(' ', '_')}"), model)
        acc, kari = _seed(e)
        load0 = _load()
        cold = _cli(e, acc, extra)
        if name == "one pass":
            runs["prompt"] = _prompt(e)
        _add_note(e, acc, kari)
        warm = _cli(e, acc, extra)
        runs[name] = (cold, warm, load0, _load())
        print(f"[summary_incremental] {name}: cold {cold['total']:.1f} s (first words {cold['first']}), "
              f"after one note {warm['total']:.1f} s (first words {warm['first']}); {warm['reused']}", flush=True)
    b_first, b_total, b_tokens = _bare(model, runs["prompt"])
    for name, (cold, warm, load0, load1) in ((k, v) for k, v in runs.items() if k != "prompt"):
        ratio = warm["total"] / cold["total"]
        if warm["reused"]:
            mech = warm["reused"] + " (kept map parts)"
        elif not warm["parts"]:
            mech = "no map parts (the notes fit one prompt): any reuse here is the prompt-state cache's"
        else:
            mech = "no parts reused"
        entries.append(Entry(
            f"summary of a 50-note account from the CLI ({name}), cold, new process (quick, {ANSWER}-token answer)",
            cold["total"], "s", b_total, f"bare library: the one-pass prompt ({b_tokens} tokens) cold + {ANSWER} tokens",
            ratio=cold["total"] / b_total, target="", ok=None,
            notes=f"first words {cold['first'] or float('nan'):.1f} s (bare first token {b_first:.1f} s); {cold['parts']}; "
                  f"{cold['calls']} model calls with {cold['prompt_tokens']} prompt tokens; load {load0}",
            extra={"first_words_s": cold["first"], "bare_first_s": round(b_first, 2), "calls": cold["calls"],
                   "prompt_tokens": cold["prompt_tokens"]}))
        entries.append(Entry(
            f"summary of a 50-note account from the CLI ({name}) after one new note, new process", warm["total"], "s",
            cold["total"], "the cold run above (same run)", ratio=ratio, target="ratio <= 0.25", ok=ratio <= 0.25,
            notes=f"first words {warm['first'] or float('nan'):.1f} s vs cold {cold['first'] or float('nan'):.1f} s; "
                  f"{mech}; {warm['calls']} model calls with {warm['prompt_tokens']} prompt tokens; load {load1}",
            extra={"first_words_s": warm["first"], "cold_first_words_s": cold["first"], "calls": warm["calls"],
                   "prompt_tokens": warm["prompt_tokens"]}))
    return entries
