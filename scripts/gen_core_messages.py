"""Generate app/gui/core_messages.py: every message the core can put in an AppError, as a
translatable window string.

The core (``app/core``) writes its errors in English f-strings and imports no Qt. This script
reads its source (AST, nothing imported or run), finds every message that reaches an
:class:`~app.core.errors.AppError` (the first argument of a call to an AppError class, a
module function returning the message, a local variable, ``model.problem``), and turns each
template into

- a regex on the core's English text, one group per ``{…}`` field, and
- a Qt source string (context ``core``) with ``%1``… for the fields the window keeps:
  command-line hints (`` `confidant …` ``, ``CONFIDANT_…`` variables) are cut out of the
  source, so a translator never sees them and the English window never shows them.

Messages it cannot read (built elsewhere, passed through) are listed with a reason in
:data:`ALLOWED_UNSCANNABLE`; anything else unreadable fails ``--check`` (run by
tests/test_gui_i18n_core.py), as does a stale core_messages.py.

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
ALLOWED_UNSCANNABLE: dict[str, str] = {}

# Names whose assignments carry a message later raised (``raise ModelError(mf.problem)``).
MESSAGE_NAMES = {"problem"}

Part = str | int  # literal text, or the index of a field


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
    def __init__(self, path: Path, tree: ast.Module, classes: set[str]):
        self.path, self.tree, self.classes = path, tree, classes
        self.functions = {n.name: n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}
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

    def templates(self, expr: ast.AST, scope: ast.AST, depth: int = 0) -> list[list[Part]]:
        """Every literal shape ``expr`` can take, fields as placeholders."""
        if depth > 4:
            raise Unscannable("too deep")
        if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
            return [[expr.value]]
        if isinstance(expr, ast.JoinedStr):
            out: list[Part] = []
            for v in expr.values:
                if isinstance(v, ast.Constant):
                    out.append(v.value)
                else:
                    out.append(0)
            return [out]
        if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Add):
            left = self.templates(expr.left, scope, depth + 1)
            right = self.templates(expr.right, scope, depth + 1)
            return [a + b for a, b in product(left, right)]
        if isinstance(expr, ast.IfExp):
            return self.templates(expr.body, scope, depth + 1) + self.templates(expr.orelse, scope, depth + 1)
        if isinstance(expr, ast.BoolOp) and isinstance(expr.op, ast.Or):
            out_all: list[list[Part]] = []
            for v in expr.values:
                try:
                    out_all += self.templates(v, scope, depth + 1)
                except Unscannable:
                    if not (isinstance(v, ast.Attribute) and v.attr in MESSAGE_NAMES):
                        raise
            return out_all
        if isinstance(expr, ast.Attribute) and expr.attr in MESSAGE_NAMES:
            return []  # assignments to .problem are scanned on their own
        if isinstance(expr, ast.Name):
            values = [n.value for n in ast.walk(scope) if isinstance(n, (ast.Assign, ast.AnnAssign))
                      and n.value is not None
                      and any(isinstance(t, ast.Name) and t.id == expr.id
                              for t in (n.targets if isinstance(n, ast.Assign) else [n.target]))]
            if not values:
                raise Unscannable(f"no assignment to {expr.id}")
            out_all = []
            for v in values:
                out_all += self.templates(v, scope, depth + 1)
            return out_all
        if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name) and expr.func.id in self.functions:
            fn = self.functions[expr.func.id]
            out_all = []
            for n in ast.walk(fn):
                if isinstance(n, ast.Return) and n.value is not None:
                    out_all += self.templates(n.value, fn, depth + 1)
            return out_all
        raise Unscannable(ast.unparse(expr))

    def scan(self) -> tuple[list[tuple[list[Part], str]], list[tuple[str, str]]]:
        found: list[tuple[list[Part], str]] = []
        bad: list[tuple[str, str]] = []
        for node in ast.walk(self.tree):
            exprs: list[ast.AST] = []
            if isinstance(node, ast.Call) and _callee(node.func) in self.classes:
                if node.args:
                    exprs.append(node.args[0])
                exprs += [k.value for k in node.keywords if k.arg == "message"]
            elif isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                if any(isinstance(t, ast.Attribute) and t.attr in MESSAGE_NAMES for t in targets):
                    exprs.append(node.value)
            for expr in exprs:
                site = f"{_rel(self.path)}:{expr.lineno}"
                try:
                    for parts in self.templates(expr, self._enclosing(node)):
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
    for path, tree in trees.items():
        found, unreadable = Scanner(path, tree, classes).scan()
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

Every message the core can raise as an AppError: (regex on the core's English text, source
string Qt translates in context "core", regex group for each %1..%n). Most specific first.
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
        rows.append(f"    # {', '.join(t.sites[:3])}{' …' if len(t.sites) > 3 else ''}\n"
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
