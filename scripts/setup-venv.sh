#!/usr/bin/env bash
# Create .venv with Confidant and, with --test, what the tests need, exactly as locked.
#
# Every package comes from the hashed locks in scripts/lock/ (`pip --require-hashes`: a file
# whose bytes differ from the lock is refused), llama-cpp-python from the portable wheel that
# scripts/build-llama-wheel.sh builds once from its hashed source archive, and Confidant itself
# as an editable install with no dependency resolution and no build isolation (nothing fetched).
# Refresh the locks with scripts/lock.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
lock=scripts/lock/runtime.txt
[ "${1:-}" = "--test" ] && lock=scripts/lock/test.txt
PY="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PY" -m venv .venv
pip=(.venv/bin/python -m pip install -q --disable-pip-version-check)
"${pip[@]}" --require-hashes -r scripts/lock/build.txt >&2
wheel=$(PYTHON=.venv/bin/python bash scripts/build-llama-wheel.sh)
"${pip[@]}" --require-hashes -r "$lock" >&2
"${pip[@]}" --no-deps "$wheel" >&2
"${pip[@]}" --no-deps --no-build-isolation -e . >&2
