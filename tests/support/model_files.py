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


def trusted(path):
    """The model file at ``path`` with its header checked and marked trusted, for engine tests
    (trust itself — hash recording, pinning — is tested in tests/core/llm/test_llm_models.py)."""
    from app.core.llm import models

    mf = models.describe_file(path)
    assert mf.problem is None, mf.problem
    mf.trusted, mf.sha256 = True, "test"
    return mf
