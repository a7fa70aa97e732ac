"""Desktop app start-up: process start to window shown, and to model ready.

- Window shown: a fresh ``confidant-gui`` process (existing passphrase vault, unlocked
  automatically with CONFIDANT_PASSPHRASE) against a bare PySide6 hello window, each in
  its own fresh process, same platform plugin, same run. Target: ratio <= 5.
- Model ready: the same app process, until the model (SmolLM2-135M, CONFIDANT_MODEL) is
  loaded in the background, against a bare process that imports llama_cpp and loads the
  same file. The app's figure includes the Argon2 unlock, the vault open and the model's
  SHA-256 check; reported with its ratio, no target.

Each is the median of several runs; time is measured from just before the process is
spawned to the moment the child prints that the window was shown (same wall clock).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.run import BenchEnv, Entry
from tests.support.model_files import SMOL, models_dir

ROOT = Path(__file__).resolve().parent.parent

BARE_WINDOW = """
import json, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
w = QLabel("Hello"); w.resize(1280, 780); w.show()
QTimer.singleShot(0, lambda: (print(json.dumps({"event": "window_shown", "t": time.time()}), flush=True), app.quit()))
app.exec()
"""

# The Vulkan (loadable-backend) build has no backend, not even the CPU, until they are loaded, so the
# bare load does what the app does first; argv[2] is the app's offload for this model (0 on the CPU).
BARE_MODEL = """
import json, sys, time
import llama_cpp
from app.core.llm import gpu
gpu.load_backends()
llama_cpp.Llama(model_path=sys.argv[1], n_ctx=4096, n_gpu_layers=int(sys.argv[2]), verbose=False)
print(json.dumps({"event": "model_ready", "t": time.time()}), flush=True)
"""

MAKE_VAULT = """
from app.core.context import open_context
from app.core.vault.keys import env_passphrase_provider
open_context(env_passphrase_provider()).close()
"""


def _model_path() -> Path:
    # The same place the fetch script and the tests use (CONFIDANT_BUILD_CACHE included).
    return models_dir() / SMOL


def _timed(args: list[str], env: dict) -> dict[str, float]:
    started = time.time()
    proc = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    events = {}
    for line in proc.stdout.splitlines():
        if line.startswith("{"):
            e = json.loads(line)
            events[e["event"]] = e["t"] - started
    if proc.returncode != 0 or not events:
        raise RuntimeError(f"{args[:3]} failed ({proc.returncode}): {proc.stderr[-400:]}")
    return events


def _app_offload(model: Path) -> int:
    """The layers the app offloads for MODEL under the default ``gpu = auto`` (0 on the CPU, -1 all)."""
    from app.core.llm import hardware, models

    info = models.header(model)
    return hardware.plan(info, model.stat().st_size, n_ctx=None, threads=None, gpu_layers=None).gpu_layers


def run(env: BenchEnv) -> list[Entry]:
    home = env.home("gui")
    base_env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    app_env = dict(base_env, CONFIDANT_HOME=str(home), CONFIDANT_POLICY=str(home / "no-policy.toml"),
                   PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
                   CONFIDANT_PASSPHRASE="benchmark passphrase", CONFIDANT_GUI_BENCH="1")
    (home / "no-policy.toml").write_text("# none\n")
    model = _model_path()
    if model.exists():
        app_env["CONFIDANT_MODEL"] = str(model)
    subprocess.run([sys.executable, "-c", MAKE_VAULT], cwd=ROOT, env=app_env, check=True, timeout=120)
    runs = 1 if env.quick else 5
    offload = str(_app_offload(model)) if model.exists() else "0"
    bare, shown, ready, bare_model = [], [], [], []
    for _ in range(runs):
        bare.append(_timed([sys.executable, "-c", BARE_WINDOW], base_env)["window_shown"])
        ev = _timed([sys.executable, "-c", "from app.gui.entry import run; run()"], app_env)
        shown.append(ev["window_shown"])
        if "model_ready" in ev:
            ready.append(ev["model_ready"])
        if model.exists():
            bare_model.append(_timed([sys.executable, "-c", BARE_MODEL, str(model), offload], base_env)["model_ready"])
    b, s = statistics.median(bare), statistics.median(shown)
    entries = [Entry("process start to window shown", s, "s", baseline=b, baseline_label="bare PySide6 window",
                     ratio=s / b, target="ratio <= 5", ok=s / b <= 5, notes=f"median of {runs}")]
    if ready:
        r, bm = statistics.median(ready), statistics.median(bare_model)
        entries.append(Entry("process start to model ready", r, "s", baseline=bm,
                             baseline_label="bare llama_cpp load, same file", ratio=r / bm,
                             notes="includes Argon2 unlock, vault open and the model's SHA-256 check"))
    return entries
