"""`confidant summarize` from a new process each time reuses the map parts an earlier process
kept in the vault (issue 26, point 2): after one new note, one part and the final step run.

Real parts: two real `python -m app` processes, a real encrypted vault (passphrase), a tiny
random-weight DeepSeek-shaped model (real tokenizer, real llama.cpp) in a small context."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.eval.seed import seed
from tests.support.llm_tiny import build_tiny_deepseek
from tests.support.paths import ROOT
from tests.support.summary_seed import add_dated, history


def _vault():
    from app.cli.common import passphrase_provider
    from app.core.context import open_context

    return open_context(passphrase_provider)


def _summarize(acc: int, model) -> tuple[dict, str]:
    env = dict(os.environ, CONFIDANT_MODEL=str(model))
    p = subprocess.run([sys.executable, "-m", "app", "summarize", f"a{acc}", "--ctx", "768", "--quick", "--max-tokens", "6",
                        "--seed", "1", "--json"], env=env, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert p.returncode == 0, p.stderr
    return json.loads(p.stdout), p.stderr


def test_a_new_process_reuses_the_parts_after_one_new_note(no_keyring, deepseek_header, tmp_path):
    model = build_tiny_deepseek(deepseek_header, tmp_path / "tiny-deepseek.gguf")
    ctx = _vault()
    try:
        ids = seed(ctx.vault, accounts=["fjord"])
        acc, kari = ids["accounts"]["fjord"], ids["contacts"]["kari"]
        add_dated(ctx.vault, kari, acc, history())
    finally:
        ctx.close()

    cold, err = _summarize(acc, model)
    parts = next(f for f in cold["flags"] if f["kind"] == "map_reduce")
    assert parts["chunks"] >= 4 and parts["reused"] == 0 and "Reused" not in err
    assert err.count("Reading notes: part ") == parts["chunks"]

    ctx = _vault()
    try:
        add_dated(ctx.vault, kari, acc, ["2025-03-01"], tag="new")
    finally:
        ctx.close()
    warm, err = _summarize(acc, model)
    again = next(f for f in warm["flags"] if f["kind"] == "map_reduce")
    n = parts["chunks"]
    assert again == {"kind": "map_reduce", "chunks": n + 1, "reused": n}  # the --json metadata
    assert f"Reused {n} of {n + 1} parts from an earlier summary" in err
    assert err.count("Reading notes: part ") == 1 and "Reading notes: part 1 of 1" in err
