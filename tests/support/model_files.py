"""Where scripts/fetch-test-models.sh puts the test models: one answer for the tests and the
benchmarks (``CONFIDANT_TEST_MODELS``, else ``$CONFIDANT_BUILD_CACHE/models``, else
``~/.cache/confidant-build/models``, as the script does)."""

from __future__ import annotations

import os
from pathlib import Path

SMOL = "SmolLM2-135M-Instruct.Q4_1.gguf"
DEEPSEEK_HEADER = "deepseek-r1-distill-qwen-7b.part0000"


def models_dir() -> Path:
    base = os.environ.get("CONFIDANT_TEST_MODELS")
    if base:
        return Path(base)
    cache = os.environ.get("CONFIDANT_BUILD_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME", os.path.expanduser("~/.cache")), "confidant-build"
    )
    return Path(cache) / "models"
