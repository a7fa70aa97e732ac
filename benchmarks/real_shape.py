"""A random-weight model with the exact shape of DeepSeek-R1-Distill-Qwen-1.5B, for the
benchmark of record: llama.cpp's speed does not depend on the weights' values, so this runs
at the speed a laptop runs the real download.

28 layers, hidden 1536, 12 heads, 2 KV heads, FFN 8960, the real tokenizer and chat
template from the header part the tests fetch (tests/support/model_files.py), written in F16 with
``gguf`` and quantized to Q4_K_M by llama.cpp's own quantizer (about 1.1 GB). Built once
and cached under the build cache, keyed on the header's hash:

    nice -n 15 .venv/bin/python -m benchmarks.real_shape
"""

from __future__ import annotations

import hashlib
import os
import sys
import time
from pathlib import Path

from tests.support.model_files import DEEPSEEK_HEADER, models_dir

SHAPE = {"n_layers": 28, "n_embd": 1536, "n_head": 12, "n_kv": 2, "n_ff": 8960, "ctx": 131072, "rope": 10000.0}


def cache_dir() -> Path:
    cache = os.environ.get("CONFIDANT_BUILD_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME", os.path.expanduser("~/.cache")), "confidant-build")
    return Path(cache) / "bench-models"


def header_path() -> Path:
    return models_dir() / DEEPSEEK_HEADER


def model_path() -> Path:
    h = hashlib.sha256()
    with header_path().open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return cache_dir() / f"deepseek-r1-distill-qwen-1.5b-shape-{h.hexdigest()[:16]}.Q4_K_M.gguf"


def build(*, log=print) -> Path:
    """The cached model, built first if missing (minutes of CPU; run it niced)."""
    out = model_path()
    if out.exists():
        return out
    import llama_cpp

    from tests.support.llm_tiny import build_tiny_deepseek

    out.parent.mkdir(parents=True, exist_ok=True)
    f16 = out.with_suffix(".f16.tmp")
    started = time.perf_counter()
    s = SHAPE
    build_tiny_deepseek(header_path(), f16, n_layers=s["n_layers"], n_embd=s["n_embd"], n_head=s["n_head"],
                        n_kv=s["n_kv"], n_ff=s["n_ff"], n_ctx=s["ctx"], rope=s["rope"], seed=15, float32_noise=True,
                        name="Random weights, DeepSeek-R1-Distill-Qwen-1.5B shape (benchmark only)")
    log(f"wrote F16 ({f16.stat().st_size / 1e9:.2f} GB) in {time.perf_counter() - started:.0f} s; quantizing")
    params = llama_cpp.llama_model_quantize_default_params()
    params.ftype = llama_cpp.LLAMA_FTYPE_MOSTLY_Q4_K_M
    params.nthread = 2
    tmp = out.with_suffix(".q.tmp")
    rc = llama_cpp.llama_model_quantize(str(f16).encode(), str(tmp).encode(), params)
    f16.unlink()
    if rc != 0:
        raise SystemExit(f"llama_model_quantize failed ({rc})")
    tmp.rename(out)
    log(f"built {out} ({out.stat().st_size / 1e9:.2f} GB) in {time.perf_counter() - started:.0f} s")
    return out


if __name__ == "__main__":
    sys.exit(0 if build() else 1)
