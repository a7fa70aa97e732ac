"""The GUI reaches the core through named operations: each one's core module imports and
has the function it calls (a core module that fails to import fails loudly here), and
no operation is looked up by a string module path."""

import importlib
import inspect
import re
from pathlib import Path

from app.gui import core_api


def test_every_named_operation_reaches_a_core_function():
    for name, fn in core_api.OPERATIONS.items():
        src = inspect.getsource(fn)
        pkg, mod = re.search(r"from ([\w.]+) import (\w+)", src).groups()
        attr = re.search(r"return \w+\.(\w+)\(", src).group(1)
        holder = importlib.import_module(f"{pkg}.{mod}")
        assert callable(getattr(holder, attr, None)), name
    assert core_api.engine_class().__name__ == "Engine"


def test_no_lookup_by_string():
    src = inspect.getsource(core_api)
    assert "importlib" not in src and "import_module" not in src
    gui = importlib.import_module("app.gui").__path__[0]
    for path in sorted(Path(gui).glob("*.py")):
        assert not re.search(r"core_api\.(get|has|require)\(", path.read_text()), f"{path.name} looks an operation up by name"


def test_changing_operations_name_what_they_change():
    assert core_api.CHANGES[core_api.forget] == core_api.EVERYTHING
    assert core_api.CONVERSATIONS in core_api.CHANGES[core_api.save_task]
    assert core_api.CONTACTS in core_api.CHANGES[core_api.import_files]
