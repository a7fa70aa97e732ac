"""The GUI reaches the core through named operations: each one's core module imports and
has the function it calls (a core module that fails to import fails loudly here), and
no operation is looked up by a string module path."""

import importlib
import inspect
import re
from pathlib import Path

from app.gui import operations


def test_every_named_operation_reaches_a_core_function():
    for name, fn in operations.OPERATIONS.items():
        src = inspect.getsource(fn)
        pkg, mod = re.search(r"from ([\w.]+) import (\w+)", src).groups()
        attr = re.search(r"return \w+\.(\w+)\(", src).group(1)
        holder = importlib.import_module(f"{pkg}.{mod}")
        assert callable(getattr(holder, attr, None)), name


def test_no_lookup_by_string():
    src = inspect.getsource(operations)
    assert "importlib" not in src and "import_module" not in src
    gui = importlib.import_module("app.gui").__path__[0]
    for path in sorted(Path(gui).glob("*.py")):
        assert not re.search(r"operations\.(get|has|require)\(", path.read_text()), f"{path.name} looks an operation up by name"


def test_changing_operations_name_what_they_change():
    assert operations.CHANGES[operations.forget] == operations.EVERYTHING
    assert operations.CONVERSATIONS in operations.CHANGES[operations.save_task]
    assert operations.CONTACTS in operations.CHANGES[operations.import_files]
