"""The runtime stays lean: a `confidant` command imports no HTTP, YAML or progress-bar
libraries (gguf is a test-only dependency), and the app's own GGUF type table agrees with
the gguf package's."""

from __future__ import annotations

import subprocess
import sys

from tests.support.paths import ROOT

HEAVY = ("requests", "urllib3", "yaml", "tqdm", "gguf", "certifi", "idna", "charset_normalizer")


def test_cli_start_imports_no_network_or_yaml_libraries():
    """`python -X importtime -c "import app.cli.main"`: none of the heavy modules is loaded."""
    out = subprocess.run([sys.executable, "-X", "importtime", "-c", "import app.cli.main"],
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    loaded = {line.split("|")[-1].strip().split(".")[0] for line in out.stderr.splitlines() if "|" in line}
    assert "app" in loaded  # the probe really ran the import
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))


def test_doctor_and_models_commands_load_no_heavy_module(tmp_path):
    """The commands that read GGUF headers (models, doctor) do it without the gguf package."""
    code = (
        "import sys\n"
        "from app.core.llm import gguf_header, models\n"
        f"heavy = {HEAVY!r}\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "[]"


def test_type_tables_match_the_gguf_package():
    import gguf

    from app.core.llm.gguf_header import GGML_BLOCK_SIZES, GGML_TYPE_NAMES

    theirs = {int(t): tuple(size) for t, size in gguf.GGML_QUANT_SIZES.items()}
    assert {t: theirs[t] for t in GGML_BLOCK_SIZES if t in theirs} == GGML_BLOCK_SIZES
    assert set(theirs) <= set(GGML_BLOCK_SIZES), f"new ggml types: {sorted(set(theirs) - set(GGML_BLOCK_SIZES))}"
    names = {int(t): t.name for t in gguf.GGMLQuantizationType}
    assert set(GGML_TYPE_NAMES) == set(GGML_BLOCK_SIZES)
    assert {t: names[t] for t in GGML_TYPE_NAMES} == GGML_TYPE_NAMES
