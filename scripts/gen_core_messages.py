"""Generate app/gui/core_messages.py: every message the core can put in an AppError, as a
translatable window string.

The core (``app/core``) writes its errors in English f-strings and imports no Qt. This script
reads its source (AST, nothing imported or run), finds every message that reaches an
:class:`~app.core.errors.AppError` (the first argument of a call to an AppError class, a
module function returning the message, a local variable, ``model.problem``) or an import
report (``report.warn(…)``, table warnings, link and encoding warnings), and turns each
template into

- a regex on the core's English text, one group per ``{…}`` field, and
- a Qt source string (context ``core``) with ``%1``… for the fields the window keeps:
  command-line hints (`` `confidant …` ``, ``CONFIDANT_…`` variables) are cut out of the
  source, so a translator never sees them and the English window never shows them.

Messages it cannot read (built elsewhere, passed through) are listed with a reason in
:data:`ALLOWED_UNSCANNABLE`; anything else unreadable fails ``--check`` (run by
tests/gui/test_gui_i18n_catalogue.py), as does a stale core_messages.py.

    python scripts/gen_core_messages.py          # rewrite app/gui/core_messages.py
    python scripts/gen_core_messages.py --check  # exit 1 if out of date or unreadable sites
"""

from __future__ import annotations

import ast
import re
import sys
from dataclasses import dataclass, field
from itertools import product
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORE = ROOT / "app" / "core"
OUT = ROOT / "app" / "gui" / "core_messages.py"

# Message expressions the scan cannot turn into templates, by "file: expression", and why
# that is fine. Every entry must still occur (a stale one fails the check).
ALLOWED_UNSCANNABLE: dict[str, str] = {
    "app/core/crm/importer.py: stream.table_warnings.pop(0)[1]":
        "the table reader's own warnings, scanned where tables.py appends them",
    "app/core/crm/importer.py: rec.message":
        "a Warning record's message, scanned where the mappers build the Warning",
}

# Names whose assignments carry a message later raised (``raise ModelError(mf.problem)``).
MESSAGE_NAMES = {"problem", "link_warning", "encoding_warning"}
# Besides AppErrors, the import report's lines reach the window too: ``report.warn(msg)``,
# ``warnings.append((line, msg))`` and ``Warning(..., message=msg)``.
WARN_METHODS = {"warn"}

Part = str | int  # literal text, or the index of a field
MAX_SHAPES = 16  # a message with more expansions than this keeps its fields open


@dataclass
class Template:
    parts: list[Part]
    sites: list[str] = field(default_factory=list)

    @property
    def literal(self) -> str:
        return "".join(p for p in self.parts if isinstance(p, str))


class Unscannable(Exception):
    pass


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _error_classes(trees: dict[Path, ast.Module]) -> set[str]:
    bases: dict[str, set[str]] = {}
    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                names = {b.id if isinstance(b, ast.Name) else b.attr for b in node.bases
                         if isinstance(b, (ast.Name, ast.Attribute))}
                bases.setdefault(node.name, set()).update(names)
    found = {"AppError"}
    changed = True
    while changed:
        changed = False
        for name, bs in bases.items():
            if name not in found and bs & found:
                found.add(name)
                changed = True
    found.discard("Cancelled")  # the window shows nothing for a cancel
    return found


def _callee(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.IfExp):  # raise (A if c else B)(msg)
        a, b = _callee(node.body), _callee(node.orelse)
        return a or b
    return None


class Scanner:
    def __init__(self, path: Path, tree: ast.Module, classes: set[str], called_elsewhere: set[str] = frozenset()):
        self.path, self.tree, self.classes, self.called_elsewhere = path, tree, classes, called_elsewhere
        self.others: dict[str, Scanner] = {}  # function name -> the scanner of its (one) module
        # Module-level functions only: a method or a nested helper may share a builtin's name.
        self.functions = {n.name: n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}
        self.parents: dict[ast.AST, ast.AST] = {}
        for node in ast.walk(tree):
            for child in ast.iter_child_nodes(node):
                self.parents[child] = node

    def _enclosing(self, node: ast.AST) -> ast.AST:
        while node in self.parents:
            node = self.parents[node]
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                return node
        return self.tree

    def templates(self, expr: ast.AST, scope: ast.AST, depth: int = 0, env: dict | None = None) -> list[list[Part]]:
        """Every literal shape ``expr`` can take; a field whose value is one of a few known
        texts (a local ``why = "a" if … else "b"``, a parameter every caller passes as text,
        a module exception's own message) is expanded, any other field is a placeholder."""
        env = env or {}
        if depth > 6:
            raise Unscannable("too deep")
        if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
            return [[expr.value]]
        if isinstance(expr, ast.JoinedStr):
            shapes: list[list[Part]] = [[]]
            for v in expr.values:
                if isinstance(v, ast.Constant):
                    alts = [[v.value]]
                else:
                    alts = self._field(v, scope, depth, env) or [[0]]
                if len(shapes) * len(alts) > MAX_SHAPES:
                    alts = [[0]]
                shapes = [a + b for a, b in product(shapes, alts)]
            return shapes
        if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Add):
            left = self.templates(expr.left, scope, depth + 1, env)
            right = self.templates(expr.right, scope, depth + 1, env)
            return [a + b for a, b in product(left, right)]
        if isinstance(expr, ast.IfExp):
            return self.templates(expr.body, scope, depth + 1, env) + self.templates(expr.orelse, scope, depth + 1, env)
        if isinstance(expr, ast.BoolOp) and isinstance(expr.op, ast.Or):
            out_all: list[list[Part]] = []
            for v in expr.values:
                try:
                    out_all += self.templates(v, scope, depth + 1, env)
                except Unscannable:
                    if not (isinstance(v, ast.Attribute) and v.attr in MESSAGE_NAMES):
                        raise
            return out_all
        if isinstance(expr, ast.Attribute) and expr.attr in MESSAGE_NAMES:
            return []  # assignments to .problem are scanned on their own
        if isinstance(expr, ast.Name):
            if expr.id in env:
                return env[expr.id]
            values = self._assigned(expr.id, scope)
            if not values:
                raise Unscannable(f"no assignment to {expr.id}")
            out_all = []
            for v in values:
                out_all += self.templates(v, scope, depth + 1, env)
            return out_all
        if isinstance(expr, ast.Constant) and expr.value is None:
            return []  # no message
        owner = self._owner(expr)
        if owner is not None:
            fn = owner.functions[expr.func.id]
            out_all = []
            for call_env in self._call_envs(fn, expr, scope, depth, env):
                for n in ast.walk(fn):
                    if isinstance(n, ast.Return) and n.value is not None:
                        out_all += owner.templates(n.value, fn, depth + 1, call_env)
            return out_all
        raise Unscannable(ast.unparse(expr))

    def _owner(self, expr: ast.AST) -> "Scanner | None":
        """The scanner of the module defining the function ``expr`` calls (this one, or the
        one core module that defines a function of that name)."""
        if not (isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name)):
            return None
        if expr.func.id in self.functions:
            return self
        return self.others.get(expr.func.id)

    def _assigned(self, name: str, scope: ast.AST) -> list[ast.AST]:
        return [n.value for n in ast.walk(scope) if isinstance(n, (ast.Assign, ast.AnnAssign))
                and n.value is not None
                and any(isinstance(t, ast.Name) and t.id == name
                        for t in (n.targets if isinstance(n, ast.Assign) else [n.target]))]

    def _field(self, v: ast.FormattedValue, scope: ast.AST, depth: int, env: dict) -> list[list[Part]] | None:
        """The texts a ``{field}`` can hold, or None when it is open (a path, a number)."""
        if v.format_spec is not None or v.conversion != -1:
            return None
        e = v.value
        try:
            if isinstance(e, ast.Name) and e.id in env:
                return env[e.id]
            if isinstance(e, ast.Name):
                handler = self._handler_class(e.id, scope)
                if handler is not None:
                    calls = [c for c in ast.walk(self.tree) if isinstance(c, ast.Call)
                             and isinstance(c.func, ast.Name) and c.func.id == handler and c.args]
                    out = []
                    for c in calls:
                        out += self.templates(c.args[0], self._enclosing(c), depth + 1, {})
                    return out or None
                values = self._assigned(e.id, scope) or self._module_constant(e.id)
                if values and all(self._is_text(x) for x in values):
                    out = []
                    for x in values:
                        out += self.templates(x, scope, depth + 1, env)
                    return out
            if self._owner(e) is not None:
                return self.templates(e, scope, depth + 1, env)
        except Unscannable:
            return None
        return None

    def _module_constant(self, name: str) -> list[ast.AST]:
        return [n.value for n in self.tree.body if isinstance(n, ast.Assign) and len(n.targets) == 1
                and isinstance(n.targets[0], ast.Name) and n.targets[0].id == name]

    @staticmethod
    def _is_text(x: ast.AST) -> bool:
        if isinstance(x, ast.Constant):
            return isinstance(x.value, str)
        if isinstance(x, ast.IfExp):
            return Scanner._is_text(x.body) and Scanner._is_text(x.orelse)
        if isinstance(x, ast.BinOp) and isinstance(x.op, ast.Add):
            return Scanner._is_text(x.left) and Scanner._is_text(x.right)
        return isinstance(x, ast.JoinedStr)

    def _handler_class(self, name: str, scope: ast.AST) -> str | None:
        """``except _TemplateLimit as exc``: the module's own (non-AppError) exception class."""
        local = {n.name for n in self.tree.body if isinstance(n, ast.ClassDef)} - self.classes
        for n in ast.walk(scope):
            if isinstance(n, ast.ExceptHandler) and n.name == name and isinstance(n.type, ast.Name) and n.type.id in local:
                return n.type.id
        return None

    def _call_envs(self, fn: ast.FunctionDef, call: ast.Call, scope: ast.AST, depth: int, env: dict) -> list[dict]:
        """The callee's parameters bound to this call's arguments (each as its texts, or a field)."""
        bound: dict[str, list[list[Part]]] = {}
        params = [a.arg for a in fn.args.args]
        args = list(zip(params, call.args)) + [(k.arg, k.value) for k in call.keywords if k.arg in params]
        for name, value in args:
            try:
                bound[name] = self.templates(value, scope, depth + 1, env)
            except Unscannable:
                bound[name] = [[0]]
        return [bound]

    def _shapes(self, expr: ast.AST, scope: ast.AST) -> list[list[Part]]:
        """A message built in a helper (``refusal(where, problem, fix)``) takes the shapes its
        callers in this module give it; open fields stay only if it is called from elsewhere."""
        if self.functions.get(getattr(scope, "name", None)) is not scope:
            return self.templates(expr, scope)
        calls = [c for c in ast.walk(self.tree) if isinstance(c, ast.Call)
                 and isinstance(c.func, ast.Name) and c.func.id == scope.name]
        params = {a.arg for a in scope.args.args}
        used = {n.id for n in ast.walk(expr) if isinstance(n, ast.Name)} & params
        if not calls or not used:
            return self.templates(expr, scope)
        out: list[list[Part]] = []
        for c in calls:
            for env in self._call_envs(scope, c, self._enclosing(c), 0, {}):
                out += self.templates(expr, scope, 0, env)
        if scope.name in self.called_elsewhere:
            out += self.templates(expr, scope)
        return out

    def scan(self) -> tuple[list[tuple[list[Part], str]], list[tuple[str, str]]]:
        found: list[tuple[list[Part], str]] = []
        bad: list[tuple[str, str]] = []
        for node in ast.walk(self.tree):
            exprs: list[ast.AST] = []
            if isinstance(node, ast.Call) and _callee(node.func) in self.classes:
                if node.args:
                    exprs.append(node.args[0])
                exprs += [k.value for k in node.keywords if k.arg == "message"]
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in WARN_METHODS:
                exprs += node.args[:1]
            elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "append"
                  and isinstance(node.func.value, ast.Name) and node.func.value.id.endswith("warnings") and node.args):
                arg = node.args[0]
                exprs += [e for e in (arg.elts if isinstance(arg, ast.Tuple) else [arg]) if self._is_text(e)]
            elif isinstance(node, ast.Call) and _callee(node.func) == "Warning":  # Warning(line, message)
                exprs += node.args[1:2] + [k.value for k in node.keywords if k.arg == "message"]
            if isinstance(node, ast.Call):  # Link(..., problem=problem)
                exprs += [k.value for k in node.keywords if k.arg in MESSAGE_NAMES
                          and isinstance(k.value, (ast.Name, ast.JoinedStr, ast.BinOp, ast.IfExp))]
            elif isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                if any(isinstance(t, ast.Attribute) and t.attr in MESSAGE_NAMES for t in targets):
                    exprs.append(node.value)
                elif any(isinstance(t, ast.Name) and t.id in MESSAGE_NAMES for t in targets) and self._is_text(node.value):
                    exprs.append(node.value)  # problem = f"no contact named '{person}'"
            for expr in exprs:
                site = f"{_rel(self.path)}:{expr.lineno}"
                try:
                    for parts in self._shapes(expr, self._enclosing(node)):
                        found.append((parts, site))
                except Unscannable:
                    bad.append((site, f"{_rel(self.path)}: {ast.unparse(expr)}"))
        return found, bad


def _normalise(parts: list[Part]) -> list[Part]:
    """Merge adjacent literals; number the fields 1..n."""
    out: list[Part] = []
    n = 0
    for p in parts:
        if isinstance(p, str):
            if out and isinstance(out[-1], str):
                out[-1] += p
            elif p:
                out.append(p)
        else:
            n += 1
            out.append(n)
    return out


def scan_core() -> tuple[list[Template], list[tuple[str, str]]]:
    trees = {p: ast.parse(p.read_text(encoding="utf-8"), str(p)) for p in sorted(CORE.rglob("*.py"))}
    classes = _error_classes(trees)
    by_key: dict[tuple, Template] = {}
    bad: list[tuple[str, str]] = []
    calls = {p: {_callee(c.func) for c in ast.walk(t) if isinstance(c, ast.Call)} for p, t in trees.items()}
    scanners = {p: Scanner(p, t, classes, set().union(*(n for q, n in calls.items() if q != p)))
                for p, t in trees.items()}
    defined: dict[str, list[Scanner]] = {}
    for sc in scanners.values():
        for name in sc.functions:
            defined.setdefault(name, []).append(sc)
    unique = {name: owners[0] for name, owners in defined.items() if len(owners) == 1}
    for path, sc in scanners.items():
        sc.others = unique
        found, unreadable = sc.scan()
        bad += unreadable
        for parts, site in found:
            parts = _normalise(parts)
            t = by_key.setdefault(tuple(parts), Template(parts))
            if site not in t.sites:
                t.sites.append(site)
    # A message with no words of its own (f"{exc}") passes another message through.
    templates = [t for t in by_key.values() if re.search(r"[A-Za-z]{2}", t.literal)]
    return templates, bad


def regex_for(parts: list[Part]) -> str:
    return "".join(re.escape(p).replace("\\ ", " ") if isinstance(p, str) else "(.+?)" for p in parts)


def source_for(parts: list[Part]) -> tuple[str, tuple[int, ...]]:
    """The window's source string (hints cut, fields %1.. renumbered) and, for each %i, the
    regex group it takes."""
    from app.gui.errors import strip_hints

    marked = "".join(p.replace("%", "%%") if isinstance(p, str) else f"\x00{p}\x00" for p in parts)
    cut = strip_hints(marked)
    groups: list[int] = []

    def renumber(m: re.Match) -> str:
        groups.append(int(m.group(1)))
        return f"%{len(groups)}"

    text = re.sub(r"\x00(\d+)\x00", renumber, cut)
    return text.replace("%%", "%"), tuple(groups)


HEADER = '''"""Generated by scripts/gen_core_messages.py from app/core: do not edit by hand.

Every message the core can raise as an AppError or write in an import report: a regex on its
English text, the source string Qt translates (context "core"), and the regex group for each
%1..%n. Most specific first; app.gui.errors picks the best match.
"""

from PySide6.QtCore import QT_TRANSLATE_NOOP

# fmt: off
MESSAGES = [
'''


def render(templates: list[Template]) -> str:
    rows = []
    seen: set[str] = set()
    for t in sorted(templates, key=lambda t: (-len(t.literal), t.literal)):
        rx = regex_for(t.parts)
        if rx in seen:
            continue
        seen.add(rx)
        source, groups = source_for(t.parts)
        # Files only, no line numbers: an edit elsewhere in a core file must not make the
        # checked-in table "out of date".
        files = list(dict.fromkeys(s.rsplit(":", 1)[0] for s in t.sites))
        rows.append(f"    # {', '.join(files[:3])}{' …' if len(files) > 3 else ''}\n"
                    f"    ({rx!r},\n     QT_TRANSLATE_NOOP(\"core\", {source!r}), {groups!r}),\n")
    return HEADER + "".join(rows) + "]\n"


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(ROOT))
    templates, bad = scan_core()
    problems = [f"{site}: cannot read the message {expr!r}; write it as a literal f-string "
                f"or list it in ALLOWED_UNSCANNABLE" for site, expr in bad if expr not in ALLOWED_UNSCANNABLE]
    stale = set(ALLOWED_UNSCANNABLE) - {expr for _, expr in bad}
    problems += [f"ALLOWED_UNSCANNABLE: {expr!r} no longer occurs" for expr in sorted(stale)]
    text = render(templates)
    if "--check" in argv:
        if OUT.read_text(encoding="utf-8") != text:
            problems.append(f"{_rel(OUT)} is out of date; run python scripts/gen_core_messages.py")
    else:
        OUT.write_text(text, encoding="utf-8")
    for p in problems:
        print(p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
