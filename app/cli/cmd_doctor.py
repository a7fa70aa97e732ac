"""`confidant doctor`: what a support person or a data-protection officer checks first."""

from __future__ import annotations

import platform
import sys
from importlib import metadata

from app import __version__
from app.cli.common import add_json_flag, passphrase_provider, print_json
from app.core import context as ctxmod
from app.core.errors import AppError
from app.core.privacy import netguard
from app.core.vault import keys, schema_check
from app.core.vault.db import DatabaseError, header_is_plaintext, is_damage_error

# Later parts add sections: each takes the open Context (or None) and returns (name, dict).
EXTRA_SECTIONS: list = []


def _model_section(ctx):
    # The model in use and how it would run; imported here so doctor loads no model code until run.
    from app.cli.cmd_models import doctor_section

    return doctor_section(ctx)


EXTRA_SECTIONS.append(_model_section)


def _prompt_cache_section(ctx):
    # The encrypted prompt-state cache (issue 26): how much the model's read notes take on disk.
    from app.core.assistant import prompt_cache

    try:
        return "prompt_cache", prompt_cache.usage(ctx)
    except DatabaseError:  # a damaged vault: the vault section already says so
        return "prompt_cache", {"entries": None, "bytes": None, "files": None, "bytes_on_disk": None,
                                "limit_mb": None, "folder": str(prompt_cache.folder(ctx))}


EXTRA_SECTIONS.append(_prompt_cache_section)


def register(sub) -> None:
    p = sub.add_parser("doctor", help="check the installation, the vault and the privacy guards")
    add_json_flag(p)
    p.set_defaults(func=run)


def _version(dist: str) -> str | None:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


def collect() -> tuple[dict, bool]:
    """Build the report. Returns (report, healthy)."""
    paths, policy = ctxmod.prepare()
    backend = keys.current_backend()
    info = keys.read_keyfile(paths)
    report: dict = {
        "version": __version__,
        "versions": {
            "app": __version__,
            "python": platform.python_version(),
            "sqlcipher3": _version("sqlcipher3"),
            "llama_cpp_python": _version("llama_cpp_python"),
            "pyside6": _version("PySide6-Essentials") or _version("PySide6"),
        },
        "home": str(paths.data.parent if paths.from_env else paths.data),
        "vault": {"path": str(paths.vault), "exists": paths.vault.exists()},
        "keyring": {
            "backend": keys.backend_name(backend),
            "secure": keys.is_secure(backend),
            "mode": info.mode if info else None,
        },
        "network_guard": {k: v for k, v in netguard.status().items() if k != "by_kind"},
        "policy": policy.as_json(),
    }
    from app.core.llm.source import doctor_section  # where answers come from

    report["inference"] = doctor_section(policy)
    healthy = True
    ctx = None
    try:
        ctx = ctxmod.open_context(passphrase_provider, create=False, read_only=True)
        v = ctx.vault
        pr = v.pragmas()
        integrity = v.integrity()
        try:
            schema = v.schema_version()
        except DatabaseError:
            schema = None
        report["versions"]["sqlcipher"] = pr["cipher_version"]
        report["versions"]["sqlite"] = pr["sqlite_version"]
        report["vault"].update(
            {
                "encrypted": not header_is_plaintext(paths.vault),
                "cipher_version": pr["cipher_version"],
                "integrity_ok": integrity["ok"],
                "problems": integrity["problems"],
                "journal_mode": pr["journal_mode"],
                "temp_store": pr["temp_store"],
                "synchronous": pr["synchronous"],
                "read_only": v.read_only,
                "schema": schema,
                # Tables, triggers, views the migrations did not create (N7): none in a real vault.
                "foreign_objects": [f"{o.type} {o.name}" for o in schema_check.foreign_objects(v.conn)],
            }
        )
        if report["vault"]["foreign_objects"]:
            healthy = False
        if integrity["ok"]:
            ctxmod.clear_damaged(paths)
            # Healthy: writable again, so a model file seen for the first time is recorded.
            ctx.reopen()
            report["vault"]["read_only"] = False
        else:
            healthy = False
            ctxmod.mark_damaged(paths)
        for section in EXTRA_SECTIONS:
            name, data = section(ctx)
            report[name] = data
    except DatabaseError as exc:
        if not is_damage_error(exc):
            raise
        healthy = False
        ctxmod.mark_damaged(paths)
        report["vault"].update({"encrypted": not header_is_plaintext(paths.vault), "integrity_ok": False,
                                "problems": [f"reading the vault failed: {exc}"], "read_only": True})
    except AppError as exc:
        if not paths.vault.exists() and info is None:
            report["vault"]["note"] = "no vault yet: it is created on first use"
            return report, healthy
        healthy = False
        report["vault"]["encrypted"] = (not header_is_plaintext(paths.vault)) if paths.vault.exists() else None
        report["vault"]["error"] = exc.message
        report["vault"]["integrity_ok"] = False if paths.vault.exists() else None
    finally:
        if ctx is not None:
            ctx.close()
    if report["vault"].get("encrypted") is False:
        healthy = False
    return report, healthy


def run(args) -> int:
    report, healthy = collect()
    if args.json:
        print_json(report)
    else:
        _print_human(report)
    return 0 if healthy else 1


def _print_human(r: dict) -> None:
    v = r["vault"]
    print(f"Confidant {r['version']} (Python {r['versions']['python']}, sqlcipher3 {r['versions']['sqlcipher3']}, "
          f"llama-cpp-python {r['versions']['llama_cpp_python'] or 'not installed'})")
    print(f"Data folder:    {r['home']}")
    print(f"Vault:          {v['path']}")
    if "note" in v:
        print(f"  {v['note']}")
    elif "error" in v:
        print(f"  PROBLEM:      {v['error']}")
    else:
        print(f"  encrypted:    {'yes' if v.get('encrypted') else 'NO'} (SQLCipher {v.get('cipher_version')})")
        print(f"  integrity:    {'ok' if v.get('integrity_ok') else 'FAILED'}")
        if v.get("foreign_objects"):
            print(f"  NOT CREATED BY CONFIDANT: {', '.join(v['foreign_objects'])} (a crafted copy, or someone with "
                  "the key; restore the vault from a backup)")
        for p in v.get("problems", []):
            print(f"    {p}")
        if not v.get("integrity_ok"):
            print("  The vault is now read-only: nothing will be written. `confidant export` saves what is readable.")
        print(f"  journal:      {v.get('journal_mode')}, temp_store={v.get('temp_store')}, synchronous={v.get('synchronous')}")
    k = r["keyring"]
    print(f"Key:            {k['mode'] or 'no vault yet'} (keyring backend {k['backend']}{'' if k['secure'] else ', not secure'})")
    g = r["network_guard"]
    print(
        f"Network guard:  {'active' if g['active'] else 'NOT ACTIVE'}, {g['blocked_attempts']} attempts blocked"
        f" ({g.get('blocked_total', 0)} in all); kernel filter: {g.get('kernel') or 'none'}"
        + (f" ({g['kernel_scope']})" if g.get("kernel_scope") else "")
    )
    pol = r["policy"]
    print(f"Policy:         {pol['source'] or 'none'}{'' if not pol['keys'] else ' (' + ', '.join(pol['keys']) + ')'}")
    if "inference" in r:
        _print_inference(r["inference"])
    if "model" in r:
        _print_model(r["model"])
    if "prompt_cache" in r and r["prompt_cache"]["entries"] is not None:
        c = r["prompt_cache"]
        limit = f"limit {c['limit_mb']} MB" if c["limit_mb"] else "off"
        print(f"Prompt cache:   {c['entries']} entries, {c['bytes_on_disk'] / 2**20:.1f} MB on disk, encrypted ({limit})")
    for name, data in r.items():
        if name not in ("version", "versions", "home", "vault", "keyring", "network_guard", "policy", "inference",
                        "model", "prompt_cache"):
            print(f"{name.capitalize() + ':':<16}{data}")


def _gb(n) -> str:
    return f"{n / 1e9:.1f} GB" if n else "?"


def _print_inference(i: dict) -> None:
    """Where answers are generated, in words (``doctor --json`` has the same as fields)."""
    if i.get("mode") == "local":
        print("Inference:      on this computer")
    else:
        where = i.get("url") or "?"
        state = "reachable" if i.get("reachable") else "NOT reachable"
        print(f"Inference:      company server {where}, set by IT policy ({state})")
        if i.get("tls_sha256"):
            print(f"  certificate:  SHA-256 {i['tls_sha256']}")
        if i.get("model"):
            print(f"  model:        {i['model']}" + (f", {i['n_ctx']} tokens of context" if i.get("n_ctx") else ""))
        if i.get("reachable"):
            ms = i.get("latency_ms")
            print("  latency:      " + (f"{ms} ms for a one-token request" if ms is not None
                                        else f"one-token request failed: {i.get('latency_problem')}"))
            s = i.get("slots")
            print("  slots:        " + ("not reported by the server" if not s else f"{s['total']}" +
                                        ("" if s.get("busy") is None else f", {s['busy']} busy now")))
    if i.get("problem"):
        print(f"  PROBLEM:      {i['problem']}")


def _print_model(m: dict) -> None:
    """The model that would be used and where it runs, in words."""
    if not m.get("path"):
        print(f"Model:          none ({m.get('problem') or 'not chosen yet'})")
        return
    trust = "trusted" if m.get("trusted") else "NOT trusted"
    sha = f"SHA-256 {m['sha256'][:12]}…, " if m.get("sha256") else ""
    print(f"Model:          {m['path']} ({sha}{trust})")
    if m.get("backend"):
        if m.get("gpu_layers"):
            memory = f", {_gb(m.get('device_memory_free'))} free of {_gb(m.get('device_memory_total'))}"
            layers = "all" if m["gpu_layers"] < 0 else m["gpu_layers"]
            print(f"  runs on:      {m['backend']}, {layers} layers on {m.get('device') or 'the GPU'}{memory}")
        else:
            print(f"  runs on:      the CPU, {m.get('threads')} threads")
        if m.get("gpu"):
            print(f"  GPU:          {m['gpu']}")
        if m.get("n_ctx"):
            print(f"  context:      {m['n_ctx']} tokens")
    if m.get("problem"):
        print(f"  PROBLEM:      {m['problem']}")
