"""`confidant models`: the model files the app can see, their GGUF facts and trust state.

Listing records a file's SHA-256 the first time it is seen (trust on first use); a file
that changed since is shown as not trusted with the reason. ``--trust PATH`` accepts a
file the user replaced on purpose. Also the doctor's ``model`` section (never loads a model).
"""

from __future__ import annotations

import os

from app.cli.common import add_json_flag, print_json, print_table, vault_context
from app.core.errors import AppError
from app.core.llm import models


def register(sub) -> None:
    p = sub.add_parser("models", help="list model files with their architecture, size, hash and trust")
    add_json_flag(p)
    p.add_argument("--trust", metavar="PATH", help="trust a model file again after replacing it on purpose")
    p.set_defaults(func=run)


def _size(n: int) -> str:
    return f"{n / 1024 ** 3:.2f} GB" if n >= 1024 ** 3 else f"{n / 1024 ** 2:.0f} MB"


def _params(n: int | None) -> str:
    if not n:
        return ""
    return f"{n / 1e9:.1f}B" if n >= 1e9 else f"{n / 1e6:.0f}M"


def list_models(ctx) -> list[models.ModelFile]:
    with ctx.vault.transaction() as conn:
        return [mf if mf.problem and mf.sha256 is None and not mf.path.exists() else models.inspect(mf.path, conn, ctx.policy)
                for mf in models.discover(ctx.paths, ctx.policy)]


def run(args) -> int:
    with vault_context() as ctx:
        if args.trust:
            with ctx.vault.transaction() as conn:
                mf = models.retrust(args.trust, conn, ctx.policy)
            print(f"Trusted {mf.path} (SHA-256 {mf.sha256}).")
            return 0
        found = list_models(ctx)
    if args.json:
        print_json([
            {"path": str(m.path), "name": m.name, "architecture": m.architecture, "quantization": m.quantization,
             "parameters": m.parameters, "context_length": m.context_length, "size_bytes": m.size_bytes,
             "sha256": m.sha256, "trusted": bool(m.trusted), "problem": m.problem}
            for m in found
        ])
        return 0
    if not found:
        print("No model files found. Put a GGUF file in the models folder or set CONFIDANT_MODEL; see models/README.md.")
        return 0
    print_table([
        {"name": m.name, "arch": m.architecture or "", "params": _params(m.parameters), "quant": m.quantization or "",
         "context": m.context_length or "", "size": _size(m.size_bytes), "sha256": (m.sha256 or "")[:12],
         "trusted": "yes" if m.trusted else "NO", "path": str(m.path)}
        for m in found
    ], ["name", "arch", "params", "quant", "context", "size", "sha256", "trusted", "path"])
    for m in found:
        if m.problem:
            print(f"  {m.path.name}: {m.problem}")
    return 0


def doctor_section(ctx) -> tuple[str, dict]:
    """Doctor's ``model`` section: the model that would be used and how; never loads it."""
    data = {"path": None, "sha256": None, "trusted": None, "backend": None, "gpu_layers": None,
            "n_ctx": None, "threads": None, "device": None, "device_memory_free": None,
            "device_memory_total": None, "gpu": None}
    if ctx is None:
        data["problem"] = "no vault open"
        return "model", data
    from app.core.llm import gpu as gpu_mod
    from app.core.llm import hardware

    try:
        data["backend"] = "cpu"
        # A vault found damaged is read-only: hashes are then compared with the records, not written.
        mf = models.choose_model(ctx.paths, ctx.settings, ctx.policy, ctx.vault.conn, os.environ,
                                 record=not ctx.vault.read_only)
        threads = ctx.settings.get("threads") or None
        gpu = gpu_mod.requested_layers(ctx.settings)
        p = hardware.plan(mf.info, mf.size_bytes, n_ctx=None, threads=threads, gpu_layers=gpu)
        data.update(path=str(mf.path), sha256=mf.sha256, trusted=bool(mf.trusted), backend=p.backend,
                    gpu_layers=p.gpu_layers, n_ctx=p.n_ctx, threads=p.threads, device=p.device or None,
                    device_memory_free=p.device_free, device_memory_total=p.device_total, gpu=p.gpu_reason)
    except AppError as exc:
        data["problem"] = exc.message
        path = os.environ.get("CONFIDANT_MODEL") or ctx.settings.get("model_path")
        if path:
            mf = models.inspect(path, ctx.vault.conn, ctx.policy, record=not ctx.vault.read_only)
            data.update(path=str(mf.path), sha256=mf.sha256, trusted=bool(mf.trusted))
    return "model", data
