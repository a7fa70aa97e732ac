#!/usr/bin/env bash
# The GPU-offload tests on the Vulkan build of llama.cpp, on Mesa's software Vulkan driver
# (lavapipe): offload, same greedy tokens as the CPU, CPU fallback with no Vulkan driver.
# Builds (once, cached like the CPU wheel, its own key) the Vulkan wheel with
# CONFIDANT_LLAMA_GPU=vulkan scripts/build-llama-wheel.sh, installs it into .venv-vulkan (never
# into .venv), then runs tests/core/llm/test_llm_gpu.py there. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-system.sh
PY="${PYTHON:-python3}"
venv=.venv-vulkan
[ -x "$venv/bin/python" ] || "$PY" -m venv "$venv"
pip=("$venv/bin/python" -m pip install -q --disable-pip-version-check)
"${pip[@]}" --require-hashes -r scripts/lock/build.txt >&2
wheel=$(CONFIDANT_LLAMA_GPU=vulkan PYTHON="$venv/bin/python" bash scripts/build-llama-wheel.sh)
"${pip[@]}" --require-hashes -r scripts/lock/test.txt >&2
"${pip[@]}" --no-deps --force-reinstall "$wheel" >&2
"${pip[@]}" --no-deps --no-build-isolation -e . >&2
bash scripts/fetch-test-models.sh >/dev/null
export QT_QPA_PLATFORM=offscreen
# Fail rather than skip: this run exists to exercise the Vulkan build.
"$venv/bin/python" - <<'PY'
import pathlib, sys, llama_cpp
lib = pathlib.Path(llama_cpp.__file__).parent / "lib"
sys.exit(0 if any(lib.glob("*ggml-vulkan*")) else f"{lib} has no Vulkan backend")
PY
exec "$venv/bin/python" -m pytest tests/core/llm/test_llm_gpu.py "$@"
