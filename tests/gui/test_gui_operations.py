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
        pkg, mod, alias = re.search(r"from ([\w.]+) import (\w+)(?: as (\w+))?", src).groups()
        attr = re.search(rf"\b{alias or mod}\.(\w+)\(", src).group(1)
        holder = importlib.import_module(f"{pkg}.{mod}")
        assert callable(getattr(holder, attr, None)), name


def test_no_lookup_by_string():
    src = inspect.getsource(operations)
    assert "importlib" not in src and "import_module" not in src
    gui = importlib.import_module("app.gui").__path__[0]
    for path in sorted(Path(gui).glob("*.py")):
        assert not re.search(r"operations\.(get|has|require)\(", path.read_text()), f"{path.name} looks an operation up by name"


def test_an_operation_that_changes_the_vault_says_what_it_changed(home):
    """The caller lists nothing: the operation's result carries its Changes (Anki's OpChanges)."""
    from app.cli.common import passphrase_provider
    from app.core.context import open_context
    from app.core.model import Changes, Done
    from tests.support.paths import CRM

    ctx = open_context(passphrase_provider)
    try:
        report = operations.import_files(ctx.vault, [CRM / "addressbooks" / "outlook.csv"])
        assert report.changes.contacts and report.changes.notes and not report.changes.conversations
        again = operations.import_files(ctx.vault, [CRM / "addressbooks" / "outlook.csv"])
        assert not again.changes.contacts and not again.changes.notes  # nothing new the second time
        found = operations.search(ctx, None)
        victim = found.contacts[0]
        done = operations.forget(ctx, victim.id)
        assert isinstance(done, Done) and done.changes.contacts and done.changes.notes
        assert operations.find_subject(ctx, victim.subject_ref) is None
        assert operations.save_settings(ctx, {"retention_days": 30}).changes == Changes(settings=True)
        assert not operations.save_settings(ctx, {"retention_days": 30}).changes  # unchanged: nothing to refresh
    finally:
        ctx.close()
