"""Read a GGUF file's header (metadata and tensor table) without touching tensor data.

Uses the ``gguf`` package's reader, but never builds tensor views: a truncated file is
detected by comparing the end of the last tensor with the file size, and a hostile header
fails as a one-line :class:`ModelError`, never a traceback. Runs on any thread.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from app.core.llm.errors import ModelError

GGUF_MAGIC = b"GGUF"
SUPPORTED_VERSIONS = (2, 3)
# Architectures the bundled llama.cpp runs and this app has been checked with.
SUPPORTED_ARCHS = frozenset({"qwen2", "qwen3", "llama", "mistral", "gemma", "gemma2", "gemma3", "phi3", "granite"})

# general.file_type values (llama_ftype) to names users know.
FILE_TYPES = {
    0: "F32", 1: "F16", 2: "Q4_0", 3: "Q4_1", 7: "Q8_0", 8: "Q5_0", 9: "Q5_1", 10: "Q2_K", 11: "Q3_K_S",
    12: "Q3_K_M", 13: "Q3_K_L", 14: "Q4_K_S", 15: "Q4_K_M", 16: "Q5_K_S", 17: "Q5_K_M", 18: "Q6_K",
    19: "IQ2_XXS", 20: "IQ2_XS", 21: "Q2_K_S", 22: "IQ3_XS", 23: "IQ3_XXS", 24: "IQ1_S", 25: "IQ4_NL",
    26: "IQ3_S", 27: "IQ3_M", 28: "IQ2_S", 29: "IQ2_M", 30: "IQ4_XS", 31: "IQ1_M", 32: "BF16",
}


@dataclass(frozen=True)
class GGUFInfo:
    path: Path
    version: int
    architecture: str
    name: str
    context_length: int | None
    n_layers: int | None
    embedding_length: int | None
    head_count_kv: int | None
    head_count: int | None
    parameters: int
    quantization: str
    chat_template: str | None
    tokenizer_pre: str | None
    bos_token: str | None
    eos_token: str | None
    data_end: int  # bytes the tensor data needs; larger than the file means truncated
    metadata: dict = field(default_factory=dict, repr=False)

    @property
    def is_deepseek_r1(self) -> bool:
        """True for the DeepSeek-R1 distills (their own tokenizer pre-type or template markers)."""
        if self.tokenizer_pre in ("deepseek-r1-qwen", "deepseek-llm", "deepseek-v3"):
            return True
        t = self.chat_template or ""
        return "<｜Assistant｜>" in t and "<｜User｜>" in t


def _header_reader():
    import gguf

    class HeaderReader(gguf.GGUFReader):
        """GGUFReader that records tensor infos but never maps their data."""

        def _build_tensors(self, start_offs, fields):  # noqa: D401 - gguf hook
            self.tensor_infos = []
            for f in fields:
                _name_len, name_data, _n_dims, dims, raw_dtype, offset_tensor = f.parts
                ggml_type = gguf.GGMLQuantizationType(int(raw_dtype[0]))
                n_elems = int(np.prod(dims, dtype=np.uint64)) if len(dims) else 1
                block_size, type_size = gguf.GGML_QUANT_SIZES[ggml_type]
                n_bytes = n_elems * type_size // block_size
                self.tensor_infos.append(
                    (bytes(name_data).decode("utf-8", "replace"), ggml_type, n_elems, int(start_offs + offset_tensor[0]), n_bytes)
                )
            self.tensors = []

    return HeaderReader


def _value(reader, key):
    f = reader.fields.get(key)
    if f is None:
        return None
    try:
        return f.contents()
    except Exception:  # a malformed field is treated as absent; llama.cpp checks again on load
        return None


def read_header(path: Path) -> GGUFInfo:
    """Parse the header. Raises ModelError (one line naming the file) for anything unusable."""
    path = Path(path)
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(8)
    except FileNotFoundError:
        raise ModelError(f"Model file {path} does not exist.") from None
    except IsADirectoryError:
        raise ModelError(f"Model path {path} is a folder, not a GGUF file.") from None
    except OSError as exc:
        raise ModelError(f"Model file {path} cannot be read: {exc.strerror}.") from None
    if head[:4] != GGUF_MAGIC:
        raise ModelError(f"{path} is not a GGUF model file (wrong magic bytes).")
    if len(head) < 8 or int.from_bytes(head[4:8], "little") not in SUPPORTED_VERSIONS:
        raise ModelError(f"{path} uses an unsupported GGUF version; versions 2 and 3 are supported.")
    try:
        reader = _header_reader()(str(path))
    except Exception as exc:  # the reader raises many kinds on a bad header
        raise ModelError(f"{path} has a damaged or truncated GGUF header ({type(exc).__name__}).") from None
    infos = getattr(reader, "tensor_infos", [])
    data_end = max((off + n for _, _, _, off, n in infos), default=reader.data_offset)
    if data_end > size:
        raise ModelError(f"{path} is truncated: {size:,} bytes on disk, the header needs {data_end:,}.")
    arch = _value(reader, "general.architecture")
    if not isinstance(arch, str) or not arch:
        raise ModelError(f"{path} has no general.architecture in its header.")
    ftype = _value(reader, "general.file_type")
    if ftype is not None and int(ftype) in FILE_TYPES:
        quant = FILE_TYPES[int(ftype)]
    else:
        common = Counter(t.name for _, t, n, _, _ in infos if n > 4096).most_common(1)
        quant = common[0][0] if common else "unknown"

    def num(key):
        v = _value(reader, f"{arch}.{key}")
        return int(v) if isinstance(v, (int, float)) else None

    tokens = reader.fields.get("tokenizer.ggml.tokens")

    def token_text(key):
        idx = _value(reader, key)
        if tokens is None or not isinstance(idx, int):
            return None
        try:
            return bytes(tokens.parts[tokens.data[idx]]).decode("utf-8", "replace")
        except (IndexError, TypeError):
            return None

    template = _value(reader, "tokenizer.chat_template")
    name = _value(reader, "general.name")
    return GGUFInfo(
        path=path,
        version=int(_value(reader, "GGUF.version") or 0),
        architecture=arch,
        name=name if isinstance(name, str) and name else path.stem,
        context_length=num("context_length"),
        n_layers=num("block_count"),
        embedding_length=num("embedding_length"),
        head_count=num("attention.head_count"),
        head_count_kv=num("attention.head_count_kv") or num("attention.head_count"),
        parameters=sum(n for _, _, n, _, _ in infos),
        quantization=quant,
        chat_template=template if isinstance(template, str) else None,
        tokenizer_pre=_value(reader, "tokenizer.ggml.pre"),
        bos_token=token_text("tokenizer.ggml.bos_token_id"),
        eos_token=token_text("tokenizer.ggml.eos_token_id"),
        data_end=data_end,
    )


def check_architecture(info: GGUFInfo) -> None:
    if info.architecture not in SUPPORTED_ARCHS:
        raise ModelError(
            f"{info.path} is a '{info.architecture}' model, which Confidant does not support "
            f"(supported: {', '.join(sorted(SUPPORTED_ARCHS))})."
        )


def file_identity(path: Path) -> tuple[int, int, int]:
    """(size, mtime_ns, inode): when all three are unchanged the hash is not recomputed."""
    st = os.stat(path)
    return st.st_size, st.st_mtime_ns, st.st_ino
