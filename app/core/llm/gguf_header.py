"""Read a GGUF file's header (metadata and tensor table) without touching tensor data.

A small bounds-checked parser of the header, with its own table of tensor block sizes (the
``gguf`` package is a test-only dependency: at run time it would pull requests, urllib3, tqdm and
PyYAML into every command; tests/core/llm/test_llm_models.py checks the table against it). The package's
reader decodes every vocabulary entry into numpy
views, which cost 2.7 s for SmolLM2 and 10 s for a DeepSeek vocabulary on every `confidant`
command; this reads the same facts in milliseconds. A truncated file is detected by comparing
the end of the last tensor with the file size, and a hostile header fails as a one-line
:class:`ModelError`, never a traceback. Runs on any thread.
"""

from __future__ import annotations

import hashlib
import math
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import struct

from app.core.llm.errors import ModelError
from app.core.errors import N_

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

# ggml tensor type id -> (name, elements per block, bytes per block), as in ggml.h / gguf-py 0.19.
# The name is shown as the quantization when general.file_type is absent.
GGML_TYPES = {
    0: ("F32", 1, 4), 1: ("F16", 1, 2), 2: ("Q4_0", 32, 18), 3: ("Q4_1", 32, 20), 6: ("Q5_0", 32, 22),
    7: ("Q5_1", 32, 24), 8: ("Q8_0", 32, 34), 9: ("Q8_1", 32, 40), 10: ("Q2_K", 256, 84),
    11: ("Q3_K", 256, 110), 12: ("Q4_K", 256, 144), 13: ("Q5_K", 256, 176), 14: ("Q6_K", 256, 210),
    15: ("Q8_K", 256, 292), 16: ("IQ2_XXS", 256, 66), 17: ("IQ2_XS", 256, 74), 18: ("IQ3_XXS", 256, 98),
    19: ("IQ1_S", 256, 50), 20: ("IQ4_NL", 32, 18), 21: ("IQ3_S", 256, 110), 22: ("IQ2_S", 256, 82),
    23: ("IQ4_XS", 256, 136), 24: ("I8", 1, 1), 25: ("I16", 1, 2), 26: ("I32", 1, 4), 27: ("I64", 1, 8),
    28: ("F64", 1, 8), 29: ("IQ1_M", 256, 56), 30: ("BF16", 1, 2), 34: ("TQ1_0", 256, 54),
    35: ("TQ2_0", 256, 66), 39: ("MXFP4", 32, 17), 40: ("NVFP4", 64, 36), 41: ("Q1_0", 128, 18),
}
GGML_BLOCK_SIZES = {t: (block, size) for t, (_, block, size) in GGML_TYPES.items()}
GGML_TYPE_NAMES = {t: name for t, (name, _, _) in GGML_TYPES.items()}


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


# GGUF value types (gguf spec): id -> struct format for the fixed-size ones.
_SCALARS = {0: "<B", 1: "<b", 2: "<H", 3: "<h", 4: "<I", 5: "<i", 6: "<f", 7: "<?", 10: "<Q", 11: "<q", 12: "<d"}
_STRING, _ARRAY = 8, 9
_MAX_COUNT = 1 << 32  # more keys, tensors or array items than this is a hostile header


class _Header:
    """A bounds-checked sequential reader over the header bytes (never past the file)."""

    def __init__(self, fh, size: int):
        self.fh, self.size = fh, size

    def _room(self, n: int) -> None:
        if n < 0 or self.fh.tell() + n > self.size:
            raise ValueError("header runs past the end of the file")

    def take(self, n: int) -> bytes:
        self._room(n)
        return self.fh.read(n)

    def skip(self, n: int) -> None:
        self._room(n)
        self.fh.seek(n, os.SEEK_CUR)

    def num(self, fmt: str):
        return struct.unpack(fmt, self.take(struct.calcsize(fmt)))[0]

    def count(self) -> int:
        n = self.num("<Q")
        if n > _MAX_COUNT:
            raise ValueError("implausible count")
        return n

    def string(self) -> str:
        return self.take(self.count()).decode("utf-8", "replace")

    def value(self, vtype: int, keep: bool):
        if vtype in _SCALARS:
            return self.num(_SCALARS[vtype])
        if vtype == _STRING:
            return self.string()
        if vtype != _ARRAY:
            raise ValueError(f"unknown GGUF value type {vtype}")
        etype, n = self.num("<I"), self.count()
        if keep:
            return [self.value(etype, True) for _ in range(n)]
        if etype in _SCALARS:  # fixed-size items: one seek over all of them
            self.skip(n * struct.calcsize(_SCALARS[etype]))
        elif etype == _STRING:
            for _ in range(n):
                self.skip(self.count())
        else:
            for _ in range(n):
                self.value(etype, False)
        return None


def read_fields(path: Path, keep_arrays: frozenset[str] = frozenset()) -> tuple[int, dict, list[tuple], int]:
    """Parse a GGUF header: (version, metadata, tensor_infos, data_offset).

    Reads only the header, never tensor data, so it also works on a file cut short after
    its header (the DeepSeek header package). Arrays are skipped unless named in
    ``keep_arrays``; the vocabulary is summarised by the texts of the bos/eos tokens
    (``tokenizer.ggml.bos_token_id:text``). Tensor infos are
    (name, ggml_type, n_elements, absolute_offset, n_bytes). Raises ValueError on
    anything malformed.
    """
    size = os.path.getsize(path)
    with open(path, "rb", buffering=1 << 16) as fh:
        h = _Header(fh, size)
        if h.take(4) != GGUF_MAGIC:
            raise ValueError("wrong magic")
        version = h.num("<I")
        n_tensors, n_kv = h.count(), h.count()
        meta: dict = {}
        token_offset = None
        for _ in range(n_kv):
            key = h.string()
            vtype = h.num("<I")
            if key == "tokenizer.ggml.tokens" and key not in keep_arrays:
                token_offset = fh.tell()
            meta[key] = h.value(vtype, key in keep_arrays)
        for key in ("tokenizer.ggml.bos_token_id", "tokenizer.ggml.eos_token_id"):
            idx = meta.get(key)
            if token_offset is not None and isinstance(idx, int):
                meta[key + ":text"] = _nth_string(h, token_offset, idx)
        infos = []
        for _ in range(n_tensors):
            name = h.string()
            n_dims = h.num("<I")
            if n_dims > 8:
                raise ValueError("implausible tensor rank")
            dims = [h.num("<Q") for _ in range(n_dims)]
            ggml_type = h.num("<I")
            if ggml_type not in GGML_BLOCK_SIZES:
                raise ValueError(f"unknown tensor type {ggml_type}")
            offset = h.num("<Q")
            n_elems = 1
            for d in dims:
                n_elems *= d
            block, type_size = GGML_BLOCK_SIZES[ggml_type]
            infos.append((name, ggml_type, n_elems, offset, n_elems * type_size // block))
        align = meta.get("general.alignment", 32)
        if not isinstance(align, int) or isinstance(align, bool) or align <= 0:
            raise ValueError("bad alignment")
        data_offset = -(-fh.tell() // align) * align
    infos = [(n, t, e, data_offset + off, nb) for n, t, e, off, nb in infos]
    return version, meta, infos, data_offset


def _nth_string(h: _Header, array_value_offset: int, idx: int) -> str | None:
    """The idx-th string of a string array whose value starts at ``array_value_offset``."""
    here = h.fh.tell()
    try:
        h.fh.seek(array_value_offset)
        if h.num("<I") != _STRING:
            return None
        n = h.count()
        if not 0 <= idx < n:
            return None
        for _ in range(idx):
            h.skip(h.count())
        return h.string()
    finally:
        h.fh.seek(here)


def read_header(path: Path) -> GGUFInfo:
    """Parse the header. Raises ModelError (one line naming the file) for anything unusable."""
    path = Path(path)
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(8)
    except FileNotFoundError:
        raise ModelError(N_("Model file {path} does not exist."), path=path) from None
    except IsADirectoryError:
        raise ModelError(N_("Model path {path} is a folder, not a GGUF file."), path=path) from None
    except OSError as exc:
        raise ModelError(N_("Model file {path} cannot be read: {reason}."), path=path, reason=exc.strerror) from None
    if head[:4] != GGUF_MAGIC:
        raise ModelError(N_("{path} is not a GGUF model file (wrong magic bytes)."), path=path)
    if len(head) < 8 or int.from_bytes(head[4:8], "little") not in SUPPORTED_VERSIONS:
        raise ModelError(N_("{path} uses an unsupported GGUF version; versions 2 and 3 are supported."), path=path)
    try:
        version, meta, infos, data_offset = read_fields(path)
    except Exception as exc:  # any malformation of a hostile or damaged header
        raise ModelError(N_("{path} has a damaged or truncated GGUF header ({kind})."),
                         path=path, kind=type(exc).__name__) from None
    data_end = max((off + n for _, _, _, off, n in infos), default=data_offset)
    if data_end > size:
        raise ModelError(N_("{path} is truncated: {size:,} bytes on disk, the header needs {data_end:,}."),
                         path=path, size=size, data_end=data_end)
    arch = meta.get("general.architecture")
    if not isinstance(arch, str) or not arch:
        raise ModelError(N_("{path} has no general.architecture in its header."), path=path)
    ftype = meta.get("general.file_type")
    if isinstance(ftype, int) and ftype in FILE_TYPES:
        quant = FILE_TYPES[ftype]
    else:
        common = Counter(GGML_TYPE_NAMES.get(t, str(t)) for _, t, n, _, _ in infos if n > 4096).most_common(1)
        quant = common[0][0] if common else "unknown"

    def num(key):
        # A hostile header may hold NaN, infinity or a negative number here: not a size.
        v = meta.get(f"{arch}.{key}")
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v) or not 0 <= v < 2**40:
            return None
        return int(v)

    template = meta.get("tokenizer.chat_template")
    name = meta.get("general.name")
    pre = meta.get("tokenizer.ggml.pre")
    bos, eos = meta.get("tokenizer.ggml.bos_token_id:text"), meta.get("tokenizer.ggml.eos_token_id:text")
    return GGUFInfo(
        path=path,
        version=version,
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
        tokenizer_pre=pre if isinstance(pre, str) else None,
        bos_token=bos if isinstance(bos, str) else None,
        eos_token=eos if isinstance(eos, str) else None,
        data_end=data_end,
    )


def check_architecture(info: GGUFInfo) -> None:
    if info.architecture not in SUPPORTED_ARCHS:
        raise ModelError(
            N_("{path} is a '{architecture}' model, which Confidant does not support "
            "(supported: {names})."),
            path=info.path, architecture=info.architecture, names=', '.join(sorted(SUPPORTED_ARCHS))
        )


def file_identity(path: Path) -> tuple[int, int, int]:
    """(size, mtime_ns, identity): when all three are unchanged the hash is not recomputed.

    ``identity`` is a 63-bit digest of the inode, the device and the ctime (stored in the
    ``inode`` column of ``model_files``). The ctime matters: bytes changed in place with the
    mtime put back by ``os.utime`` keep size, mtime and inode, but the kernel moves the ctime
    on every write and every utime, and no system call sets it back.
    """
    return identity_of(os.stat(path))


def identity_of(st: os.stat_result) -> tuple[int, int, int]:
    """:func:`file_identity` of a ``stat``/``fstat`` result (an open file's, at load time)."""
    raw = f"{st.st_ino}:{st.st_dev}:{st.st_ctime_ns}".encode()
    ident = int.from_bytes(hashlib.blake2b(raw, digest_size=8).digest(), "big") >> 1
    return st.st_size, st.st_mtime_ns, ident
