"""Installer figures: bundle size, .deb size and installed size, cold start of the frozen app.

Cold start is `confidant doctor --json` from the frozen bundle (no vault: it checks Python,
Qt metadata, SQLCipher, llama.cpp, policy and the guard) against a bare `python -c pass` of
the interpreter that built it, in the same run; median of several runs each. Sizes are plain
figures (no baseline). Builds the bundle with installer/build-bundle.sh (cached) and the .deb.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.run import BenchEnv, Entry

ROOT = Path(__file__).resolve().parent.parent


def _du(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def _time(cmd: list[str], env: dict, runs: int) -> float:
    subprocess.run(cmd, env=env, capture_output=True, check=True)  # warm the page cache once
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, env=env, capture_output=True, check=True)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def run(env: BenchEnv) -> list[Entry]:
    bundle = Path(subprocess.run(["bash", str(ROOT / "installer" / "build-bundle.sh")], cwd=ROOT,
                                 capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1])
    deb = Path(subprocess.run(["bash", str(ROOT / "installer" / "linux" / "build-deb.sh"), "--out", str(env.home("deb"))],
                              capture_output=True, text=True, check=True).stdout.strip())
    installed_kib = int(subprocess.run(["dpkg-deb", "--field", str(deb), "Installed-Size"],
                                       capture_output=True, text=True, check=True).stdout.strip())
    home = env.home("start")
    policy = home / "policy.toml"
    policy.write_text("")
    run_env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "CONFIDANT_HOME": str(home / "c"),
               "CONFIDANT_POLICY": str(policy), "QT_QPA_PLATFORM": "offscreen",
               "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring", "LANG": "C.UTF-8"}
    runs = 3 if env.quick else 9
    app = _time([str(bundle / "confidant"), "doctor", "--json"], run_env, runs)
    bare = _time([sys.executable, "-c", "pass"], dict(run_env, PYTHONNOUSERSITE="1"), runs)
    return [
        Entry("bundle size", _du(bundle) / 2**20, "MiB", notes=str(bundle)),
        Entry(".deb size", deb.stat().st_size / 2**20, "MiB", notes="zstd"),
        Entry("installed size", installed_kib / 1024, "MiB", notes="dpkg Installed-Size"),
        Entry("cold start: frozen `confidant doctor --json`", app, "s", baseline=bare,
              baseline_label="bare `python -c pass`", ratio=app / bare,
              notes=f"median of {runs}; {os.cpu_count()} CPUs"),
    ]
