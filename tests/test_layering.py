"""The layers of DESIGN.md hold: the core never imports Qt; only app.core.llm imports llama_cpp."""

import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import app.core

ROOT = Path(__file__).resolve().parent.parent


def core_modules() -> list[str]:
    return sorted(m.name for m in pkgutil.walk_packages(app.core.__path__, "app.core."))


def test_importing_every_core_module_does_not_import_qt():
    mods = core_modules()
    assert len(mods) > 10
    code = (
        "import importlib, sys\n"
        f"for m in {mods!r}: importlib.import_module(m)\n"
        "bad = sorted(k for k in sys.modules if k.startswith(('PySide6', 'shiboken6')))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ""


def _files_importing(module: str, outside: str) -> list[str]:
    """Files under app/ that import ``module`` but do not live under ``outside``."""
    pattern = re.compile(rf"^\s*(import|from)\s+{module}\b", re.M)
    return [
        str(p.relative_to(ROOT))
        for p in (ROOT / "app").rglob("*.py")
        if pattern.search(p.read_text(encoding="utf-8")) and outside not in p.as_posix()
    ]


def test_only_the_llm_package_imports_llama_cpp():
    assert _files_importing("llama_cpp", "app/core/llm/") == []


def test_only_the_gui_package_imports_qt():
    assert _files_importing("PySide6", "app/gui/") == []
