"""A random-weight model with the exact shape of DeepSeek-R1-Distill-Qwen-1.5B, for the
benchmark of record: llama.cpp's speed does not depend on the weights' values, so this runs
at the speed a laptop runs the real download.

28 layers, hidden 1536, 12 heads, 2 KV heads, FFN 8960, the real tokenizer and chat
template from the header part the tests fetch (tests/model_files.py), written in F16 with
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

import numpy as np

from tests.model_files import DEEPSEEK_HEADER, models_dir

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
    import gguf
    import llama_cpp

    from tests.llm_tiny import read_tokenizer

    out.parent.mkdir(parents=True, exist_ok=True)
    f16 = out.with_suffix(".f16.tmp")
    started = time.perf_counter()
    tok = read_tokenizer(header_path())
    s = SHAPE
    n_vocab, d, hd = len(tok["tokens"]), s["n_embd"], s["n_embd"] // s["n_head"]
    w = gguf.GGUFWriter(str(f16), "qwen2")
    w.add_name("Random weights, DeepSeek-R1-Distill-Qwen-1.5B shape (benchmark only)")
    w.add_context_length(s["ctx"])
    w.add_embedding_length(d)
    w.add_feed_forward_length(s["n_ff"])
    w.add_block_count(s["n_layers"])
    w.add_head_count(s["n_head"])
    w.add_head_count_kv(s["n_kv"])
    w.add_layer_norm_rms_eps(1e-6)
    w.add_rope_freq_base(s["rope"])
    w.add_file_type(gguf.LlamaFileType.MOSTLY_F16)
    w.add_tokenizer_model(tok["model"])
    w.add_tokenizer_pre(tok["pre"])
    w.add_token_list(tok["tokens"])
    w.add_token_types(tok["token_types"])
    w.add_token_merges(tok["merges"])
    w.add_bos_token_id(tok["bos"])
    w.add_eos_token_id(tok["eos"])
    if tok["pad"] is not None:
        w.add_pad_token_id(tok["pad"])
    w.add_add_bos_token(bool(tok["add_bos"]))
    w.add_chat_template(tok["template"])
    rng = np.random.default_rng(15)

    def t(name, *shape, dtype=np.float16):
        w.add_tensor(name, (rng.standard_normal(shape, dtype=np.float32) * 0.02).astype(dtype))

    t("token_embd.weight", n_vocab, d)
    w.add_tensor("output_norm.weight", np.ones(d, dtype=np.float32))
    t("output.weight", n_vocab, d)
    kv = s["n_kv"] * hd
    for i in range(s["n_layers"]):
        b = f"blk.{i}."
        w.add_tensor(b + "attn_norm.weight", np.ones(d, dtype=np.float32))
        w.add_tensor(b + "ffn_norm.weight", np.ones(d, dtype=np.float32))
        t(b + "attn_q.weight", d, d)
        t(b + "attn_k.weight", kv, d)
        t(b + "attn_v.weight", kv, d)
        t(b + "attn_q.bias", d, dtype=np.float32)
        t(b + "attn_k.bias", kv, dtype=np.float32)
        t(b + "attn_v.bias", kv, dtype=np.float32)
        t(b + "attn_output.weight", d, d)
        t(b + "ffn_gate.weight", s["n_ff"], d)
        t(b + "ffn_up.weight", s["n_ff"], d)
        t(b + "ffn_down.weight", d, s["n_ff"])
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()
    del w
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
