"""Run the benchmarks and write ``benchmarks/results/latest.json`` and ``latest.md``.

Each ``benchmarks/bench_*.py`` module has ``run(env) -> list[Entry]``. Every speed or
memory figure is reported as a ratio against the bare library doing the same work in the
same run (these machines are shared and noisy), with the target it is held to.

    .venv/bin/python -m benchmarks.run            # everything
    .venv/bin/python -m benchmarks.run vault      # only bench_vault.py
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent


@dataclass
class Entry:
    name: str
    value: float
    unit: str
    baseline: float | None = None  # the bare library's figure, same run
    baseline_label: str = ""
    ratio: float | None = None  # value / baseline, in the direction `better` says
    target: str = ""  # e.g. "ratio <= 1.3"
    ok: bool | None = None
    notes: str = ""
    extra: dict = field(default_factory=dict)


@dataclass
class BenchEnv:
    workdir: Path
    quick: bool

    def home(self, name: str) -> Path:
        p = self.workdir / name
        p.mkdir(parents=True, exist_ok=True)
        return p

    def open_context(self, name: str, home: Path | None = None):
        """A fresh vault for one benchmark, opened as the CLI opens it: its own CONFIDANT_HOME,
        no policy, no keyring (a passphrase-wrapped key, so no desktop session is needed).
        The caller closes it."""
        home = home or self.home(name)
        policy = home / "policy.toml"
        policy.write_text("# none\n")
        os.environ.update(CONFIDANT_HOME=str(home), CONFIDANT_POLICY=str(policy),
                          PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring", CONFIDANT_PASSPHRASE="bench-passphrase")
        from app.cli.common import passphrase_provider
        from app.core.context import open_context

        return open_context(passphrase_provider)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="benchmarks.run")
    ap.add_argument("only", nargs="*", help="module names without bench_ (default: all)")
    ap.add_argument("--quick", action="store_true", help="smaller workloads, for a smoke run")
    ap.add_argument("--out", default=str(HERE / "results"))
    args = ap.parse_args(argv)
    names = args.only or sorted(p.stem[len("bench_"):] for p in HERE.glob("bench_*.py"))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    results: dict[str, list[dict]] = {}
    with tempfile.TemporaryDirectory(prefix="confidant-bench-") as tmp:
        env = BenchEnv(workdir=Path(tmp), quick=args.quick)
        for name in names:
            mod = importlib.import_module(f"benchmarks.bench_{name}")
            started = time.perf_counter()
            print(f"[{name}] running...", file=sys.stderr, flush=True)
            entries = mod.run(env)
            results[name] = [asdict(e) for e in entries]
            print(f"[{name}] done in {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
    meta = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "quick": args.quick,
    }
    (out / "latest.json").write_text(json.dumps({"meta": meta, "results": results}, indent=2))
    (out / "latest.md").write_text(to_markdown(meta, results))
    print(to_markdown(meta, results))
    return 0 if all(e["ok"] is not False for es in results.values() for e in es) else 1


def to_markdown(meta: dict, results: dict[str, list[dict]]) -> str:
    lines = [f"Benchmarks, {meta['when']}, {meta['cpus']} CPUs, Python {meta['python']}{' (quick)' if meta['quick'] else ''}", ""]
    lines += ["| group | measure | value | bare library | ratio | target | ok |", "|---|---|---|---|---|---|---|"]
    for group, entries in results.items():
        for e in entries:
            base = "" if e["baseline"] is None else f"{e['baseline']:.4g} {e['unit']} ({e['baseline_label']})"
            ratio = "" if e["ratio"] is None else f"{e['ratio']:.2f}"
            ok = {True: "yes", False: "NO", None: ""}[e["ok"]]
            lines.append(f"| {group} | {e['name']} | {e['value']:.4g} {e['unit']} | {base} | {ratio} | {e['target']} | {ok} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
