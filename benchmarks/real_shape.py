"""Random-weight models with the exact shapes of DeepSeek-R1-Distill-Qwen-1.5B and -7B, for the
benchmark of record: llama.cpp's speed does not depend on the weights' values, so these run
at the speed a laptop runs the real downloads.

1.5B: 28 layers, hidden 1536, 12 heads, 2 KV heads, FFN 8960 (Q4_K_M about 1.1 GB).
7B: 28 layers, hidden 3584, 28 heads, 4 KV heads, FFN 18944 (Q4_K_M about 4.7 GB; the F16
intermediate is about 15 GB on disk while it is quantized, then deleted).
Both take the real tokenizer and chat template from the 7B header part the tests fetch
(tests/support/model_files.py), are written in F16 with ``gguf`` (tensor by tensor) and
quantized to Q4_K_M by llama.cpp's own quantizer. Built once and cached under the build cache,
keyed on the header's hash:

    nice -n 15 .venv/bin/python -m benchmarks.real_shape          # the 1.5B shape
    nice -n 19 .venv/bin/python -m benchmarks.real_shape 7b       # the 7B shape (long)
"""

from __future__ import annotations

import hashlib
import os
import sys
import time
from pathlib import Path

from tests.support.model_files import DEEPSEEK_HEADER, models_dir

SHAPES = {
    "1.5b": {"n_layers": 28, "n_embd": 1536, "n_head": 12, "n_kv": 2, "n_ff": 8960, "ctx": 131072, "rope": 10000.0},
    "7b": {"n_layers": 28, "n_embd": 3584, "n_head": 28, "n_kv": 4, "n_ff": 18944, "ctx": 131072, "rope": 10000.0},
}
SHAPE = SHAPES["1.5b"]


def cache_dir() -> Path:
    cache = os.environ.get("CONFIDANT_BUILD_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME", os.path.expanduser("~/.cache")), "confidant-build")
    return Path(cache) / "bench-models"


def header_path() -> Path:
    return models_dir() / DEEPSEEK_HEADER


def model_path(shape: str = "1.5b") -> Path:
    h = hashlib.sha256()
    with header_path().open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return cache_dir() / f"deepseek-r1-distill-qwen-{shape}-shape-{h.hexdigest()[:16]}.Q4_K_M.gguf"


def build(shape: str = "1.5b", *, log=print) -> Path:
    """The cached model, built first if missing (minutes of CPU for the 1.5B, most of an hour on
    two cores for the 7B; run it niced)."""
    s = SHAPES[shape]
    out = model_path(shape)
    if out.exists():
        return out
    import llama_cpp

    from tests.support.llm_tiny import build_tiny_deepseek

    out.parent.mkdir(parents=True, exist_ok=True)
    f16 = out.with_suffix(".f16.tmp")
    started = time.perf_counter()
    big = shape != "1.5b"  # the 1.5B keeps the recipe its cached file was built with
    build_tiny_deepseek(header_path(), f16, n_layers=s["n_layers"], n_embd=s["n_embd"], n_head=s["n_head"],
                        n_kv=s["n_kv"], n_ff=s["n_ff"], n_ctx=s["ctx"], rope=s["rope"], seed=15, float32_noise=True,
                        streamed=big, tiled_noise=big,
                        name=f"Random weights, DeepSeek-R1-Distill-Qwen-{shape.upper()} shape (benchmark only)")
    log(f"wrote F16 ({f16.stat().st_size / 1e9:.2f} GB) in {time.perf_counter() - started:.0f} s; quantizing")
    params = llama_cpp.llama_model_quantize_default_params()
    params.ftype = llama_cpp.LLAMA_FTYPE_MOSTLY_Q4_K_M
    params.nthread = 2
    tmp = out.with_suffix(".q.tmp")
    try:
        rc = llama_cpp.llama_model_quantize(str(f16).encode(), str(tmp).encode(), params)
    finally:
        f16.unlink()
    if rc != 0:
        raise SystemExit(f"llama_model_quantize failed ({rc})")
    tmp.rename(out)
    log(f"built {out} ({out.stat().st_size / 1e9:.2f} GB) in {time.perf_counter() - started:.0f} s")
    return out


if __name__ == "__main__":
    sys.exit(0 if build(sys.argv[1] if len(sys.argv) > 1 else "1.5b") else 1)
