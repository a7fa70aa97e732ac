"""Hardware choices for the engine: CPU threads, GPU offload, context size, memory check.

Reads only local facts (psutil for cores and memory, on every OS) and asks llama.cpp whether it was built with a GPU
backend; nothing is installed or downloaded. Runs on any thread.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, replace

import psutil

from app.core import logs
from app.core.llm.errors import ModelError
from app.core.llm.gguf_header import GGUFInfo
from app.core.errors import N_

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


def kv_bytes_per_token(info: GGUFInfo) -> int:
    layers = info.n_layers or 32
    heads, kv_heads = info.head_count or 32, info.head_count_kv or info.head_count or 32
    head_dim = (info.embedding_length or 4096) // max(1, heads)
    return 2 * layers * kv_heads * head_dim * 2  # K and V, f16


@dataclass(frozen=True)
class Plan:
    backend: str  # "cpu", "vulkan", "cuda", "metal"
    gpu_layers: int
    n_ctx: int
    threads: int
    device: str = ""  # the GPU's name when layers are offloaded
    device_free: int | None = None  # bytes
    device_total: int | None = None
    gpu_reason: str = ""  # why this offload (one line, for doctor)


def plan(info: GGUFInfo, size_bytes: int, *, n_ctx: int | None, threads: int | None, gpu_layers: int | None) -> Plan:
    """Pick threads, offload and context. ``gpu_layers``: None or -2 automatic, -1 all, 0 none, N layers."""
    from app.core.llm import gpu

    layers = info.n_layers or 0
    request = gpu.AUTO if gpu_layers is None else gpu_layers
    guess_ctx = n_ctx or min(info.context_length or MIN_CTX, MAX_CTX)
    try:
        gpu.load_backends()  # the loadable-backend build runs nothing, not even the CPU, before this
        found = gpu.devices() if request != gpu.OFF else []
    except (OSError, AttributeError) as exc:  # an old llama.cpp without the device API: CPU
        found = []
        logs.event("gpu.devices_unavailable", error=type(exc).__name__)
    o = gpu.decide(found, request=request, model_bytes=size_bytes, n_layers=layers,
                   kv_bytes=kv_bytes_per_token(info) * guess_ctx)
    offload = o.layers
    if n_ctx is None:
        n_ctx = guess_ctx
        avail = available_memory()
        if avail is not None:
            cpu_weights = 0 if offload == -1 else size_bytes
            while n_ctx > MIN_CTX and cpu_weights + kv_bytes_per_token(info) * n_ctx + HEADROOM > avail:
                n_ctx //= 2
    n_threads = threads if threads and threads > 0 else physical_cores()
    d = o.device
    return Plan(backend=o.backend, gpu_layers=offload, n_ctx=int(n_ctx), threads=int(n_threads),
                device=d.description if d else "", device_free=d.free if d else None,
                device_total=d.total if d else None, gpu_reason=o.reason)


_fallback_said = False


def cpu_fallback(p: Plan, reason: str) -> Plan:
    """The same plan on the CPU after a GPU failure; the first one per process is written to stderr."""
    global _fallback_said
    logs.event("engine.gpu_fallback", backend=p.backend, gpu_layers=p.gpu_layers)
    if not _fallback_said:
        _fallback_said = True
        print(f"confidant: the GPU could not be used: {reason}", file=sys.stderr)
    return replace(p, backend="cpu", gpu_layers=0, device="", device_free=None, device_total=None, gpu_reason=reason)


def check_memory(info: GGUFInfo, size_bytes: int, p: Plan) -> None:
    """Refuse, with one line, a model that cannot fit in memory, before llama.cpp tries."""
    avail = available_memory()
    if avail is None or p.gpu_layers == -1:
        return
    need = size_bytes + kv_bytes_per_token(info) * p.n_ctx + HEADROOM
    if need > avail:
        gb = 1024 ** 3
        raise ModelError(
            N_("{file} needs about {need:.1f} GB of memory but only {available:.1f} GB is available; "
            "close other programs or choose a smaller model (see models/README.md)."),
            file=info.path.name, need=need / gb, available=avail / gb
        )
