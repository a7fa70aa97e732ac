"""Messages marked where they are written, found by reading app/'s source (AST; nothing run).

- :func:`templates`: every ``N_("…")`` template in app/ and where it is.
- :func:`unmarked`: the places in app/core where words for a person are passed unmarked.
- :func:`wordy_fields`: fields of a marked message that are English words written in place.

The rule :func:`unmarked` enforces. A *message argument* is

- the first positional argument of a call to an :class:`~app.core.errors.AppError` subclass
  (found through the class hierarchy in app/), or of ``Message(…)``;
- the first argument of ``….warn(…)`` (an import report's line), the message of a mapper's
  ``Warning(line, message)``, and of ``notify(…)``/``_notify(…)`` (a status-bar notice);
- a value assigned to an attribute that carries a message later shown (``mf.problem``,
  ``fr.error``, ``fr.link_warning``, ``….encoding_warning``), other than None.

A message argument must be *marked*: an ``N_("literal")`` call, a ``Message(…)`` call, a
conditional or ``or`` of marked values, or a value passed along: a name whose every
assignment in its function is marked (a parameter: every call in the module passes a marked
value, or the name is not one this module's calls bind), an attribute (the object's own field,
marked where it was set; the assignments above are checked), a subscript of a list of those,
or a call of a function of the same module whose every return is marked. Anything else, a
literal, an f-string, ``str(exc)``, ``"…".format()``, is unmarked; so is ``N_("…").format(…)``
anywhere in app/core (the English text, its mark lost). The exceptions, and why:
no argument at all (``Cancelled()``'s own default is marked); attributes and subscripts,
because the value was marked where it was made and that place is checked.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

from tests.support.paths import ROOT

APP = ROOT / "app"
CORE = APP / "core"
MESSAGE_ATTRS = {"problem", "error", "link_warning", "encoding_warning"}
NOTIFY = {"notify", "_notify"}
# Keyword arguments of an error class that are not fields of its message.
NOT_FIELDS = {"matches"}


@dataclass(frozen=True)
class Site:
    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


def _trees(folder: Path) -> dict[Path, ast.Module]:
    return {p: ast.parse(p.read_text(encoding="utf-8"), str(p)) for p in sorted(folder.rglob("*.py"))}


def _callee(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.IfExp):  # (ModelNotTrustedError if … else ModelError)(…)
        return _callee(node.body) or _callee(node.orelse)
    return None


def error_classes() -> set[str]:
    bases: dict[str, set[str]] = {}
    for tree in _trees(APP).values():
        for n in ast.walk(tree):
            if isinstance(n, ast.ClassDef):
                bases.setdefault(n.name, set()).update(_callee(b) for b in n.bases)
    found, grew = {"AppError"}, True
    while grew:
        grew = False
        for name, bs in bases.items():
            if name not in found and bs & found:
                found.add(name)
                grew = True
    return found


def _is_n(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "N_"


WINDOW_FOLDERS = (CORE, APP / "gui")  # what the window can show; app/cli's messages only reach a terminal


def templates(folders=WINDOW_FOLDERS) -> dict[str, list[Site]]:
    """Every template marked with ``N_`` in ``folders`` (the core and the window: app/cli's own
    refusals, which name commands, are never shown in the window), with where it is; a mark
    that is not one string literal is listed under the key ``"<not a literal>"``."""
    out: dict[str, list[Site]] = {}
    for path, tree in ((p, t) for folder in folders for p, t in _trees(folder).items()):
        for n in ast.walk(tree):
            if _is_n(n):
                ok = len(n.args) == 1 and not n.keywords and isinstance(n.args[0], ast.Constant) \
                    and isinstance(n.args[0].value, str)
                key = n.args[0].value if ok else "<not a literal>"
                out.setdefault(key, []).append(Site(path.relative_to(ROOT).as_posix(), n.lineno))
    return out


def field_calls() -> list[tuple[Site, str, set[str]]]:
    """Each ``X(N_("…"), name=…)`` (an error class or Message; the template may sit in a
    conditional): the template and the keyword names the call passes."""
    classes = error_classes() | {"Message"}
    out = []
    for path, tree in _trees(APP).items():
        for n in ast.walk(tree):
            if isinstance(n, ast.Call) and _callee(n.func) in classes and n.args:
                kws = {k.arg for k in n.keywords if k.arg} - NOT_FIELDS
                if any(k.arg is None for k in n.keywords):
                    continue  # **fields: checked where they are built
                first = n.args[0]
                for t in ([first] if _is_n(first) else
                          [b for b in (first.body, first.orelse) if _is_n(b)] if isinstance(first, ast.IfExp) else []):
                    if t.args and isinstance(t.args[0], ast.Constant):
                        out.append((Site(path.relative_to(ROOT).as_posix(), n.lineno), t.args[0].value, kws))
    return out


class _Module:
    def __init__(self, path: Path, tree: ast.Module, classes: set[str], others: dict | None = None):
        self.path, self.tree, self.classes = path, tree, classes
        self.others: dict[str, _Module] = others or {}  # a function name -> the one other module defining it
        self.functions = {n.name: n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}
        self.parents = {c: n for n in ast.walk(tree) for c in ast.iter_child_nodes(n)}

    def scope(self, node: ast.AST) -> ast.AST:
        while node in self.parents:
            node = self.parents[node]
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                return node
        return self.tree

    def marked(self, e: ast.AST, scope: ast.AST, depth: int = 0) -> bool:
        if depth > 8:
            return False
        if isinstance(e, ast.Constant) and e.value is None:
            return True
        if _is_n(e) or (isinstance(e, ast.Call) and _callee(e.func) == "Message"):
            return True
        if isinstance(e, ast.IfExp):
            return self.marked(e.body, scope, depth + 1) and self.marked(e.orelse, scope, depth + 1)
        if isinstance(e, ast.BoolOp) and isinstance(e.op, ast.Or):
            return all(self.marked(v, scope, depth + 1) for v in e.values)
        if isinstance(e, (ast.Attribute, ast.Subscript)):
            return True
        if isinstance(e, ast.Name):
            return self._name_marked(e.id, scope, depth)
        if isinstance(e, ast.Call) and isinstance(e.func, ast.Name):
            owner = self if e.func.id in self.functions else self.others.get(e.func.id)
            if owner is not None:
                fn = owner.functions[e.func.id]
                returns = [r.value for r in ast.walk(fn) if isinstance(r, ast.Return) and r.value is not None]
                return bool(returns) and all(owner.marked(r, fn, depth + 1) for r in returns)
        return False

    def _name_marked(self, name: str, scope: ast.AST, depth: int) -> bool:
        values = [n.value for n in ast.walk(scope) if isinstance(n, (ast.Assign, ast.AnnAssign)) and n.value is not None
                  and any(isinstance(t, ast.Name) and t.id == name
                          for t in (n.targets if isinstance(n, ast.Assign) else [n.target]))]
        if values:
            return all(self.marked(v, scope, depth + 1) for v in values)
        if isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef)):
            params = [a.arg for a in scope.args.posonlyargs + scope.args.args]
            if name in params and scope.name in self.functions:
                i = params.index(name)
                calls = [c for c in ast.walk(self.tree) if isinstance(c, ast.Call)
                         and isinstance(c.func, ast.Name) and c.func.id == scope.name]
                for c in calls:
                    arg = c.args[i] if i < len(c.args) else next((k.value for k in c.keywords if k.arg == name), None)
                    if arg is not None and not self.marked(arg, self.scope(c), depth + 1):
                        return False
        return True  # a parameter, a loop variable, a name bound elsewhere: passed along

    def message_args(self):
        for n in ast.walk(self.tree):
            if isinstance(n, ast.Call):
                name = _callee(n.func)
                if (name in self.classes or name == "Message") and n.args:
                    yield n, n.args[0]
                elif name == "warn" and isinstance(n.func, ast.Attribute) and n.args:
                    yield n, n.args[0]
                elif name in NOTIFY and n.args:
                    yield n, n.args[0]
                elif name == "Warning":
                    arg = n.args[1] if len(n.args) > 1 else next((k.value for k in n.keywords if k.arg == "message"), None)
                    if arg is not None:
                        yield n, arg
            elif isinstance(n, (ast.Assign, ast.AnnAssign)) and n.value is not None:
                targets = n.targets if isinstance(n, ast.Assign) else [n.target]
                for t in targets:
                    if isinstance(t, ast.Attribute) and t.attr in MESSAGE_ATTRS:
                        yield n, n.value
                    elif isinstance(t, ast.Tuple) and isinstance(n.value, ast.Tuple):
                        for tt, vv in zip(t.elts, n.value.elts):
                            if isinstance(tt, ast.Attribute) and tt.attr in MESSAGE_ATTRS:
                                yield n, vv


def unmarked(folder: Path = CORE) -> list[str]:
    """``path:line: expression`` for each message argument in ``folder`` that is not marked."""
    classes = error_classes()
    mods = [_Module(path, tree, classes) for path, tree in _trees(folder).items()]
    defined: dict[str, list[_Module]] = {}
    for m in mods:
        for name in m.functions:
            defined.setdefault(name, []).append(m)
    others = {name: ms[0] for name, ms in defined.items() if len(ms) == 1}
    out = []
    for mod in mods:
        mod.others = others
        path = mod.path
        for node, arg in mod.message_args():
            if not mod.marked(arg, mod.scope(node)):
                out.append(f"{path.relative_to(ROOT).as_posix()}:{node.lineno}: {ast.unparse(arg)[:120]}")
        for node in ast.walk(mod.tree):  # N_("…").format(…): the English text without its mark
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and _is_n(node.func.value):
                out.append(f"{path.relative_to(ROOT).as_posix()}:{node.lineno}: {ast.unparse(node)[:120]}")
    return out


def check_source(code: str, name: str = "example.py") -> list[str]:
    """:func:`unmarked` for one piece of source (a test of the rule itself)."""
    classes = error_classes() | {c.name for c in ast.walk(ast.parse(code)) if isinstance(c, ast.ClassDef)}
    tree = ast.parse(code)
    mod = _Module(Path(name), tree, classes)
    return [f"{node.lineno}: {ast.unparse(arg)}" for node, arg in mod.message_args()
            if not mod.marked(arg, mod.scope(node))]


_WORDS = re.compile(r"[A-Za-z]{3,}")


def _wordy(e: ast.AST) -> bool:
    """A literal (or f-string, or a choice of them) with words in it."""
    if isinstance(e, ast.Constant) and isinstance(e.value, str):
        return bool(_WORDS.search(e.value))
    if isinstance(e, ast.JoinedStr):
        return any(isinstance(v, ast.Constant) and _WORDS.search(v.value) for v in e.values)
    if isinstance(e, ast.IfExp):
        return _wordy(e.body) or _wordy(e.orelse)
    if isinstance(e, ast.BoolOp):
        return any(_wordy(v) for v in e.values)
    return False


def _wordy_fields(mod: "_Module") -> list[tuple[int, str]]:
    out = []
    for n in ast.walk(mod.tree):
        if not (isinstance(n, ast.Call) and _callee(n.func) in mod.classes):
            continue
        scope = mod.scope(n)
        for k in n.keywords:
            if k.arg is None or k.arg in NOT_FIELDS:
                continue
            v, bad = k.value, _wordy(k.value)
            if isinstance(v, ast.Name) and isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef)):
                bad = any(_wordy(a.value) for a in ast.walk(scope) if isinstance(a, ast.Assign)
                          and any(isinstance(t, ast.Name) and t.id == v.id for t in a.targets))
            if bad:
                out.append((n.lineno, f"{k.arg}={ast.unparse(v)[:80]}"))
    return out


def wordy_fields(folder: Path = CORE) -> list[str]:
    """Fields of a marked message (keywords of an error class or ``Message`` call) whose value is
    words written in place, directly or through a local variable of the function: the window
    would show them in English inside a translated sentence (mark them: ``Message(N_("none"))``)."""
    classes = error_classes() | {"Message"}
    return [f"{path.relative_to(ROOT).as_posix()}:{line}: {what}" for path, tree in _trees(folder).items()
            for line, what in _wordy_fields(_Module(path, tree, classes))]


def check_fields_source(code: str) -> list[str]:
    """:func:`wordy_fields` for one piece of source (a test of the rule itself)."""
    tree = ast.parse(code)
    classes = error_classes() | {"Message"} | {c.name for c in ast.walk(tree) if isinstance(c, ast.ClassDef)}
    return [f"{line}: {what}" for line, what in _wordy_fields(_Module(Path("example.py"), tree, classes))]
