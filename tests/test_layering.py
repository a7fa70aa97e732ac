"""The layers of DESIGN.md hold: the core never imports Qt; only app.core.llm imports llama_cpp."""

import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import app.core
from tests.support.paths import ROOT



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


def _imports_of_test_modules(source: str) -> list[str]:
    """The ``tests.….test_*`` modules (and ``tests.conftest``) that SOURCE imports."""
    import ast

    def is_test_module(name: str) -> bool:
        parts = name.split(".")
        return parts[0] == "tests" and (parts[-1].startswith("test_") or parts[-1] == "conftest")

    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if is_test_module(a.name)]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if is_test_module(node.module):
                found.append(node.module)
            elif node.module.split(".")[0] == "tests":
                found += [f"{node.module}.{a.name}" for a in node.names if is_test_module(f"{node.module}.{a.name}")]
        elif isinstance(node, ast.ImportFrom) and node.level:  # relative: from .test_x / from . import test_x
            mod = node.module or ""
            found += [f"(relative) {mod}.{a.name}".replace(" .", " ") for a in node.names
                      if mod.split(".")[-1].startswith("test_") or a.name.startswith("test_")]
    return found


def test_no_test_module_imports_another_test_module():
    """Shared helpers live in tests/support/ (fixtures in a conftest.py), never in a test module."""
    files = sorted((ROOT / "tests").rglob("test_*.py"))
    assert len(files) > 50
    bad = {str(f.relative_to(ROOT)): found for f in files
           if (found := _imports_of_test_modules(f.read_text(encoding="utf-8")))}
    assert bad == {}


def test_the_test_module_import_check_catches_each_form():
    assert _imports_of_test_modules("from tests.test_gui_app import open_unlocked") == ["tests.test_gui_app"]
    assert _imports_of_test_modules("import tests.gui.test_gui_app") == ["tests.gui.test_gui_app"]
    assert _imports_of_test_modules("from tests.gui import test_gui_app") == ["tests.gui.test_gui_app"]
    assert _imports_of_test_modules("from tests.conftest import ROOT") == ["tests.conftest"]
    assert _imports_of_test_modules("def f():\n    from tests.cli.test_doctor import x\n") == ["tests.cli.test_doctor"]
    assert _imports_of_test_modules("from .test_gui_app import open_unlocked")
    assert _imports_of_test_modules("from tests.support.gui import open_unlocked\nfrom tests.eval.seed import seed") == []


# ---- SQL lives in app/core/vault --------------------------------------------------------------
#
# Two rules, no exceptions:
# - nothing outside app/core/vault runs SQL (``.execute``/``.executemany``/``.executescript``);
# - the window (app/gui) never holds the vault's connection (``.conn``) or opens a transaction
#   (``.transaction(``): it calls named operations (app/gui/operations.py -> app/core) that do.
# The core's own operations (importer, assistant, privacy, context) and the CLI's commands run on
# the vault's thread and pass the connection to app/core/vault functions, which is allowed.

_SQL_CALLS = {"execute", "executemany", "executescript"}


def _sql_uses(path: Path) -> list[tuple[int, str]]:
    import ast

    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr in _SQL_CALLS:
                found.append((node.lineno, f".{node.func.attr}("))
            elif node.func.attr == "transaction":
                found.append((node.lineno, ".transaction("))
        elif isinstance(node, ast.Attribute) and node.attr == "conn":
            found.append((node.lineno, ".conn"))
    return found


def _violations(root: Path) -> list[str]:
    out = []
    for p in sorted(root.rglob("*.py")):
        rel = p.relative_to(ROOT).as_posix()
        if rel.startswith("app/core/vault/"):
            continue
        for line, what in _sql_uses(p):
            if what.startswith(".execute") or rel.startswith("app/gui/"):
                out.append(f"{rel}:{line}: {what}")
    return out


def test_sql_runs_only_in_the_vault_package_and_the_window_never_holds_the_connection():
    assert _violations(ROOT / "app") == []


def test_the_sql_rule_sees_a_query_in_the_window(tmp_path):
    # The check itself: a widget that runs SQL, holds the connection or opens a transaction is found.
    src = tmp_path / "widget.py"
    src.write_text("def work(ctx, task):\n    with ctx.vault.transaction() as c:\n"
                   "        return ctx.vault.conn.execute('SELECT 1')\n", encoding="utf-8")
    assert sorted(what for _, what in _sql_uses(src)) == [".conn", ".execute(", ".transaction("]
