"""Hardware choices for the engine: CPU threads, GPU offload, context size, memory check.

Reads only local facts (psutil for cores and memory, on every OS) and asks llama.cpp whether it was built with a GPU
backend; nothing is installed or downloaded. Runs on any thread.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass

import psutil

from app.core.llm.errors import ModelError
from app.core.llm.gguf_header import GGUFInfo

MIN_CTX = 2048
MAX_CTX = 8192  # DeepSeek distills train at 128k; prompts here are notes plus a question
HEADROOM = 512 * 1024 * 1024  # compute buffers, the app itself


def physical_cores() -> int:
    """Physical cores this process may use (hyper-threads share a core's FPUs, so use one each).

    psutil knows the physical count on Linux, Windows and macOS alike; the affinity mask (a
    container or ``taskset``) caps it.
    """
    logical = psutil.cpu_count(logical=True) or 1
    physical = psutil.cpu_count(logical=False) or logical
    try:
        allowed = len(psutil.Process().cpu_affinity())
    except (AttributeError, psutil.Error, OSError):  # macOS has no affinity call
        allowed = logical
    # With fewer CPUs allowed than exist, assume the allowed ones are whole cores' siblings.
    share = allowed / logical
    return max(1, min(allowed, round(physical * share) or 1))


def available_memory() -> int | None:
    """Bytes of memory available to a new allocation without swapping, or None if unknown."""
    try:
        return int(psutil.virtual_memory().available)
    except (psutil.Error, OSError, AttributeError):
        return None


def gpu_backend() -> str:
    """"gpu" when the bundled llama.cpp can offload layers, else "cpu"."""
    import llama_cpp

    return "gpu" if llama_cpp.llama_supports_gpu_offload() else "cpu"


def gpu_free_memory() -> int | None:
    """Free VRAM of the first NVIDIA GPU via the local nvidia-smi tool, or None."""
    exe = shutil.which("nvidia-smi")
    if not exe:
        return None
    try:
        out = subprocess.run([exe, "--query-gpu=memory.free", "--format=csv,noheader,nounits"],
                             capture_output=True, text=True, timeout=5, check=True).stdout
        return int(out.splitlines()[0].strip()) * 1024 * 1024
    except (OSError, subprocess.SubprocessError, ValueError, IndexError):
        return None


def kv_bytes_per_token(info: GGUFInfo) -> int:
    layers = info.n_layers or 32
    heads, kv_heads = info.head_count or 32, info.head_count_kv or info.head_count or 32
    head_dim = (info.embedding_length or 4096) // max(1, heads)
    return 2 * layers * kv_heads * head_dim * 2  # K and V, f16


@dataclass(frozen=True)
class Plan:
    backend: str
    gpu_layers: int
    n_ctx: int
    threads: int


def plan(info: GGUFInfo, size_bytes: int, *, n_ctx: int | None, threads: int | None, gpu_layers: int | None) -> Plan:
    """Pick threads, offload and context. ``gpu_layers``: None or -2 automatic, -1 all, 0 none."""
    backend = gpu_backend()
    layers = info.n_layers or 0
    if backend == "cpu":
        offload = 0
    elif gpu_layers is not None and gpu_layers != -2:
        offload = gpu_layers
    else:
        free = gpu_free_memory()
        if free is None or free > size_bytes * 1.2 + HEADROOM:
            offload = -1
        else:
            per_layer = size_bytes / max(1, layers)
            offload = max(0, int((free - HEADROOM) / per_layer * 0.9))
    if n_ctx is None:
        trained = info.context_length or MIN_CTX
        n_ctx = min(trained, MAX_CTX)
        avail = available_memory()
        if avail is not None:
            cpu_weights = 0 if offload == -1 else size_bytes
            while n_ctx > MIN_CTX and cpu_weights + kv_bytes_per_token(info) * n_ctx + HEADROOM > avail:
                n_ctx //= 2
    n_threads = threads if threads and threads > 0 else physical_cores()
    return Plan(backend=backend, gpu_layers=offload, n_ctx=int(n_ctx), threads=int(n_threads))


def check_memory(info: GGUFInfo, size_bytes: int, p: Plan) -> None:
    """Refuse, with one line, a model that cannot fit in memory, before llama.cpp tries."""
    avail = available_memory()
    if avail is None or p.gpu_layers == -1:
        return
    need = size_bytes + kv_bytes_per_token(info) * p.n_ctx + HEADROOM
    if need > avail:
        gb = 1024 ** 3
        raise ModelError(
            f"{info.path.name} needs about {need / gb:.1f} GB of memory but only {avail / gb:.1f} GB is available; "
            "close other programs or choose a smaller model (see models/README.md)."
        )
