#!/usr/bin/env bash
# Create .venv with Confidant and, with --test, what the tests need. llama-cpp-python comes
# from the portable wheel that scripts/build-llama-wheel.sh builds once and caches.
set -euo pipefail
cd "$(dirname "$0")/.."
extra=""
[ "${1:-}" = "--test" ] && extra="[test]"
PY="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip >&2
wheel=$(PYTHON=.venv/bin/python bash scripts/build-llama-wheel.sh)
.venv/bin/python -m pip install -q "$wheel" >&2
.venv/bin/python -m pip install -q -e ".$extra" >&2
