"""GPU offload: which device llama.cpp can use and how many of the model's layers to put on it.

The shipped llama.cpp may be built with its backends as loadable libraries (``GGML_BACKEND_DL``,
the Vulkan build from ``CONFIDANT_LLAMA_GPU=vulkan scripts/build-llama-wheel.sh``): then nothing
runs until :func:`load_backends` has loaded them from the package's ``lib`` folder, and a machine
without a Vulkan loader or driver simply ends up with the CPU backend alone. With the plain CPU
build the same calls find no GPU device.

:func:`decide` is the whole policy and is pure (devices, sizes and the user's request in, an
:class:`Offload` with a one-line reason out), so it is tested on real numbers without a GPU.
"""

from __future__ import annotations

import ctypes
import threading
from dataclasses import dataclass
from pathlib import Path

from app.core.errors import N_, UsageError

AUTO, OFF, ALL = -2, 0, -1
HEADROOM = 512 * 1024 * 1024  # compute buffers on the device
# Software rasterisers that expose a Vulkan/GL device but run on the CPU: never faster than the CPU backend.
SOFTWARE = ("llvmpipe", "lavapipe", "swiftshader", "softpipe", "microsoft basic render")
_BACKENDS = {"vulkan": "vulkan", "cuda": "cuda", "metal": "metal", "mtl": "metal", "rocm": "rocm", "hip": "rocm",
             "sycl": "sycl"}
_GPU_TYPES = {1: "gpu", 2: "igpu"}  # enum ggml_backend_dev_type: CPU, GPU, IGPU, ACCEL


@dataclass(frozen=True)
class Device:
    backend: str  # "vulkan", "cuda", "metal", ...
    name: str  # llama.cpp's name, e.g. "Vulkan0"
    description: str  # the driver's name for it, e.g. "NVIDIA GeForce RTX 4060 Laptop GPU"
    free: int | None  # bytes, None when the driver does not say
    total: int | None
    kind: str = "gpu"  # "gpu" or "igpu"

    @property
    def software(self) -> bool:
        d = self.description.lower()
        return any(s in d for s in SOFTWARE)


@dataclass(frozen=True)
class Offload:
    backend: str  # "cpu" or the device's backend
    device: Device | None
    layers: int  # 0: none, -1: all, N: the first N
    reason: str  # one line a person can read in `confidant doctor`


def parse(value: object) -> int:
    """The ``gpu`` setting or policy value: "auto", "all", "off" or a number of layers -> AUTO, ALL, OFF or N."""
    if isinstance(value, bool):
        raise UsageError(N_("'gpu' must be auto, all, off or a number of layers."))
    if isinstance(value, int):
        n = value
    else:
        text = str(value).strip().lower()
        if text in ("", "auto"):
            return AUTO
        if text == "all":
            return ALL
        if text in ("off", "none", "cpu"):
            return OFF
        if not text.isdigit():
            raise UsageError(N_("'gpu' must be auto, all, off or a number of layers, not '{value}'."), value=text[:20])
        n = int(text)
    if n < 0:
        raise UsageError(N_("'gpu' must be auto, all, off or a number of layers (0 or more)."))
    return n


def requested_layers(settings) -> int:
    """The offload request from the ``gpu`` setting (policy wins; an older ``gpu_layers``
    value the user stored reads as its ``gpu`` equivalent, see app.core.settings.RENAMED)."""
    return parse(settings.get("gpu"))


def decide(devices: list[Device], *, request: int, model_bytes: int, n_layers: int, kv_bytes: int,
           headroom: int = HEADROOM) -> Offload:
    """Pick a device and the layers to offload.

    ``request``: AUTO, OFF, ALL or a layer count (a pin from the user or IT). Under AUTO a software
    device (llvmpipe) counts as no GPU; a pin uses it. The device with the most free memory wins;
    when the whole model (weights, KV cache, headroom) does not fit, as many layers as fit go on it,
    and none if not even one does. A pin is capped by free memory the same way rather than let
    llama.cpp fail to allocate.
    """
    if request == OFF:
        return Offload("cpu", None, 0, "GPU offload is turned off (gpu = off).")
    usable = [d for d in devices if request != AUTO or not d.software]
    if not usable:
        if devices:
            names = ", ".join(d.description or d.name for d in devices)
            return Offload("cpu", None, 0, f"only a software GPU ({names[:80]}); the CPU is faster.")
        return Offload("cpu", None, 0, "no GPU device: this build has no GPU backend, or no GPU driver was found.")
    dev = max(usable, key=lambda d: (d.kind == "gpu", d.free or 0))
    blocks = max(1, n_layers) + 1  # llama.cpp counts the output layer as one more
    per_layer = model_bytes / blocks
    kv_per_layer = kv_bytes / max(1, n_layers)
    want = blocks if request in (AUTO, ALL) else min(request, blocks)
    if dev.free is None or dev.free <= 0:
        layers = ALL if want >= blocks else want
        return Offload(dev.backend, dev, layers, f"{_layers(layers, blocks)} on {dev.description}; free memory unknown.")
    room = dev.free - headroom
    fit = int(room / (per_layer + kv_per_layer)) if room > 0 else 0
    fit = min(fit, blocks)
    if fit >= want:
        layers = ALL if want >= blocks else want
        why = "fits" if request in (AUTO, ALL) else "as set"
        return Offload(dev.backend, dev, layers,
                       f"{_layers(layers, blocks)} on {dev.description} ({why}; {_mb(dev.free)} free).")
    if fit < 1:
        return Offload("cpu", None, 0, f"{dev.description} has only {_mb(dev.free)} free; the model runs on the CPU.")
    return Offload(dev.backend, dev, fit,
                   f"{fit} of {blocks} layers on {dev.description}: only {_mb(dev.free)} free.")


def _layers(layers: int, blocks: int) -> str:
    return f"all {blocks} layers" if layers == ALL else f"{layers} of {blocks} layers"


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.0f} MB"


# ---- what llama.cpp sees ---------------------------------------------------------------------

_lock = threading.Lock()
_lib: ctypes.CDLL | None = None


def _ggml() -> ctypes.CDLL:
    """Our own handle on the libggml that llama_cpp loaded (own function objects, own signatures)."""
    global _lib
    with _lock:
        if _lib is None:
            lib = ctypes.CDLL(_libggml_path())
            p, s, c = ctypes.c_void_p, ctypes.c_size_t, ctypes.c_char_p
            for name, res, args in [
                ("ggml_backend_reg_count", s, []), ("ggml_backend_load_all_from_path", None, [c]),
                ("ggml_backend_dev_count", s, []), ("ggml_backend_dev_get", p, [s]),
                ("ggml_backend_dev_name", c, [p]), ("ggml_backend_dev_description", c, [p]),
                ("ggml_backend_dev_type", ctypes.c_int, [p]), ("ggml_backend_dev_backend_reg", p, [p]),
                ("ggml_backend_reg_name", c, [p]),
                ("ggml_backend_dev_memory", None, [p, ctypes.POINTER(s), ctypes.POINTER(s)]),
            ]:
                fn = getattr(lib, name)
                fn.restype, fn.argtypes = res, args
            if lib.ggml_backend_reg_count() == 0:
                # A GGML_BACKEND_DL build: load the CPU variants and GPU backends shipped next to libggml.
                # One that cannot load (no Vulkan loader on this machine) is skipped by llama.cpp.
                # Quiet, as every Llama(verbose=False) is: loading otherwise prints the device list and
                # each library's path to stderr on every command (errors still show).
                from llama_cpp import _logger

                _logger.set_verbose(False)
                lib.ggml_backend_load_all_from_path(str(Path(_libggml_path()).parent).encode())
            _lib = lib
    return _lib


def _libggml_path() -> str:
    """The libggml that libllama links. A wheel cannot hold symlinks, so on Linux libggml.so (which
    llama_cpp._ggml opens) and libggml.so.0 (libllama's DT_NEEDED) are two copies with a backend
    registry each: backends must be loaded into the one llama.cpp uses."""
    from llama_cpp import _ggml as g

    here = Path(g.libggml._name)
    linked = sorted(here.parent.glob("libggml.so.[0-9]*"), key=lambda p: len(p.name))
    linked += sorted(here.parent.glob("libggml.[0-9]*.dylib"), key=lambda p: len(p.name))
    return str(linked[0] if linked else here)


def load_backends() -> None:
    """Make llama.cpp's backends available before a model loads (needed by the loadable-backend build)."""
    _ggml()


def devices() -> list[Device]:
    """GPU devices llama.cpp can offload to (integrated ones included); [] with the CPU build."""
    lib = _ggml()
    found = []
    for i in range(lib.ggml_backend_dev_count()):
        dev = lib.ggml_backend_dev_get(i)
        kind = _GPU_TYPES.get(lib.ggml_backend_dev_type(dev))
        if kind is None:
            continue
        reg = (lib.ggml_backend_reg_name(lib.ggml_backend_dev_backend_reg(dev)) or b"").decode(errors="replace")
        free, total = ctypes.c_size_t(0), ctypes.c_size_t(0)
        lib.ggml_backend_dev_memory(dev, ctypes.byref(free), ctypes.byref(total))
        found.append(Device(
            backend=_BACKENDS.get(reg.lower(), reg.lower() or "gpu"),
            name=(lib.ggml_backend_dev_name(dev) or b"").decode(errors="replace"),
            description=(lib.ggml_backend_dev_description(dev) or b"").decode(errors="replace").strip(),
            free=free.value or None, total=total.value or None, kind=kind,
        ))
    return found
