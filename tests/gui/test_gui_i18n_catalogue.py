"""Every string the window can show has a finished bokmål translation.

- The GUI's own strings: extracted by ``pyside6-lupdate`` from app/gui (``tr()``,
  ``translate()``, ``QT_TRANSLATE_NOOP``), plus what lupdate cannot see: the literals passed
  to a module's own translate wrapper (``_t("…")``) and ``QT_TRANSLATE_NOOP3``.
- Qt's own strings the app shows (app/gui/qt_strings.py), since Qt has no bokmål catalogue.
- The core's messages: every template marked with ``N_`` in app/ (found by reading the source,
  tests/support/marked.py), as the window asks for it (context ``core``, the ``⟦…⟧``
  command-line parts cut), unless the window says it in its own words (``WINDOW_WORDING``,
  whose keys must be templates the core still writes).
- A translation keeps its source's fields (``%1``, ``%n``, ``{name}``, format spec included).
- A bokmål window message names no command, environment variable or code span.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from app.core.errors import CLI_ONLY, template_fields, window_template
from app.gui import i18n
from app.gui.errors import WINDOW_WORDING
from tests.support import marked
from tests.support.paths import ROOT

GUI = ROOT / "app" / "gui"
TS = ROOT / "resources" / "i18n" / "confidant_nb.ts"

def _catalogue(path: Path) -> dict[tuple[str, str, str], tuple[str | None, str | None]]:
    out = {}
    for ctx in ET.parse(path).getroot().iter("context"):
        name = ctx.findtext("name")
        for m in ctx.iter("message"):
            t = m.find("translation")
            forms = [f.text for f in t.iter("numerusform")] if m.get("numerus") == "yes" else [t.text]
            text = None if not all(forms) else "\n".join(forms)
            out[(name, m.findtext("source"), m.findtext("comment") or "")] = (text, t.get("type"))
    return out


def _wrapper_contexts(tree: ast.Module) -> dict[str, str]:
    """Module functions ``def _t(text): return QCoreApplication.translate("ctx", text)`` (the
    context a literal or a module constant)."""
    constants = {n.targets[0].id: n.value.value for n in tree.body if isinstance(n, ast.Assign)
                 and len(n.targets) == 1 and isinstance(n.targets[0], ast.Name)
                 and isinstance(n.value, ast.Constant) and isinstance(n.value.value, str)}
    out = {}
    for fn in tree.body:
        if isinstance(fn, ast.FunctionDef) and fn.args.args:
            param = fn.args.args[0].arg
            for n in ast.walk(fn):
                if (isinstance(n, ast.Call) and getattr(n.func, "attr", None) == "translate" and len(n.args) >= 2
                        and isinstance(n.args[1], ast.Name) and n.args[1].id == param):
                    ctx = n.args[0]
                    if isinstance(ctx, ast.Constant):
                        out[fn.name] = ctx.value
                    elif isinstance(ctx, ast.Name) and ctx.id in constants:
                        out[fn.name] = constants[ctx.id]
    return out


def _enclosing(parents: dict, node: ast.AST) -> str:
    while node in parents:
        node = parents[node]
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return node.name
    return ""


def _scan_wrappers() -> tuple[set[tuple[str, str, str]], list[str]]:
    """Literals passed to translate wrappers (a module's own, or one imported from another
    app.gui module), QT_TRANSLATE_NOOP3 marks, and any translated text no scan can see."""
    trees = {p: ast.parse(p.read_text(encoding="utf-8")) for p in sorted(GUI.glob("*.py"))}
    own = {p.stem: _wrapper_contexts(t) for p, t in trees.items()}
    found, dynamic = set(), []
    for path, tree in trees.items():
        wrappers = dict(own[path.stem])
        for n in tree.body:
            if isinstance(n, ast.ImportFrom) and (n.module or "").startswith("app.gui."):
                theirs = own.get(n.module.rsplit(".", 1)[1], {})
                wrappers.update({a.asname or a.name: theirs[a.name] for a in n.names if a.name in theirs})
        parents = {c: n for n in ast.walk(tree) for c in ast.iter_child_nodes(n)}
        for n in ast.walk(tree):
            if not isinstance(n, ast.Call) or not n.args:
                continue
            name = n.func.id if isinstance(n.func, ast.Name) else getattr(n.func, "attr", None)
            if name == "QT_TRANSLATE_NOOP3":  # lupdate for Python skips these (a comment disambiguates)
                found.add(tuple(a.value for a in n.args[:3]))
                continue
            if name in wrappers:
                arg = n.args[0]
            elif name in ("tr", "translate"):
                arg = n.args[1] if name == "translate" and len(n.args) > 1 else n.args[0]
            else:
                continue
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                if name in wrappers:
                    found.add((wrappers[name], arg.value, ""))
            elif _enclosing(parents, n) not in own[path.stem] and _enclosing(parents, n) not in TABLE_LOOKUPS:
                dynamic.append(f"{path.name}:{n.lineno}: {ast.unparse(n)}")
    return found, sorted(set(dynamic))


# Functions that translate a looked-up source string: errors.for_window (a core template,
# marked with N_ where the core writes it and scanned by core_wanted(), or a WINDOW_WORDING
# source marked with QT_TRANSLATE_NOOP); errors._value (SETTING_NAMES and OS_ERRORS, marked
# with QT_TRANSLATE_NOOP); import_files_page.format_label (FORMAT_LABELS,
# which tests/gui/test_gui_i18n_errors.py holds equal to the core's format labels).
# brief_view.risk_text / kind_word: RISK_TEMPLATES and KIND_WORDS (the core's risk templates, N_-marked).
TABLE_LOOKUPS = {"for_window", "_value", "format_label", "risk_text", "kind_word"}


def core_wanted() -> set[tuple[str, str, str]]:
    """The core's marked templates as the window asks Qt for them."""
    found = marked.templates()
    assert "<not a literal>" not in found, found.get("<not a literal>")
    return {("core", window_template(t), "") for t in found if t not in WINDOW_WORDING}


def _extracted(tmp_path: Path) -> dict:
    tool = Path(sys.executable).with_name("pyside6-lupdate")
    out = tmp_path / "extracted.ts"
    files = [str(p) for p in sorted(GUI.glob("*.py"))]
    subprocess.run([str(tool), *files, "-ts", str(out), "-no-obsolete", "-silent"], check=True, capture_output=True)
    return _catalogue(out)


def test_every_gui_string_and_core_message_has_a_finished_bokmal_translation(tmp_path):
    extracted = _extracted(tmp_path)
    wrapped, dynamic = _scan_wrappers()
    assert dynamic == [], "translated text that no extractor can see; use a literal or QT_TRANSLATE_NOOP"
    ours = _catalogue(TS)
    wanted = set(extracted) | wrapped | core_wanted()
    assert len(wanted) > 600 and sum(1 for k in wanted if k[0] == "core") > 200  # the scans found them
    assert {("QPlatformTheme", "Cancel", ""), ("QFileDialog", "Folder", "All other platforms")} <= wanted
    missing = sorted(f"[{c}] {s!r}" for c, s, cm in wanted
                     if (c, s, cm) not in ours or not ours[(c, s, cm)][0]
                     or ours[(c, s, cm)][1] in ("unfinished", "vanished", "obsolete"))
    assert missing == [], f"{len(missing)} strings without a bokmål translation"


def test_translations_keep_their_placeholders_and_name_no_commands():
    bad = []
    for (ctx, src, _), (text, _kind) in _catalogue(TS).items():
        if not text:
            continue
        if set(re.findall(r"%\d", text)) - set(re.findall(r"%\d", src)):
            bad.append(f"[{ctx}] {src!r}: a placeholder the source does not have")
        if ctx in ("core", "errors") and _fields(text) - _fields(src):
            bad.append(f"[{ctx}] {src!r}: the translation uses {sorted(_fields(text) - _fields(src))}, not in the source")
        if ctx in ("core", "errors") and (_fields(src) - _fields(text)) != DROPPED_FIELDS.get(src, set()):
            bad.append(f"[{ctx}] {src!r}: the translation leaves out {sorted(_fields(src) - _fields(text))}")
        if "%n" in src and "%n" not in text:
            bad.append(f"[{ctx}] {src!r}: lost %n")
        if ctx in ("core", "errors") and (re.search(r"`|\bconfidant [a-z]|CONFIDANT_|(^|\s)--[a-z]", text)):
            bad.append(f"[{ctx}] {text!r}: a command line in a window message")
    assert bad == []


# Core templates whose bokmål translation leaves fields out on purpose, and which: internal ids
# and hashes a window user cannot act on (the window names things by what it shows).
DROPPED_FIELDS = {
    "'{text}' is both a contact and an account; use {id} or a{account_id}.": {"{id}", "{account_id}"},
    "'{text}' matches {n_accounts} accounts; use an id like a{account_id}.": {"{account_id}"},
    "No account with id {text}.": {"{text}"},
    "No account with id {id}.": {"{id}"},
    "No contact with id {id}.": {"{id}"},
    "No contact with id {ref}.": {"{ref}"},
    "No account with id {ref}.": {"{ref}"},
    "Policy {source}: value '{name}' uses %{missing}%, which is not a system environment variable (a user's own "
    "variables are never used for policy).": {"{missing}"},
    "The data folder {folder} belongs to another user (uid {st_uid}); Confidant will not use it. Remove it.": {"{st_uid}"},
    "The data folder {folder} can be written by other users (mode {mode:o}); Confidant will not use it.": {"{mode:o}"},
    "The server at {host}:{port} is not the one IT pinned: its certificate's SHA-256 is {got}…, the policy's "
    "inference_tls_sha256 is {tls_sha256}…; nothing was sent.": {"{got}", "{tls_sha256}"},
}


def _fields(text: str) -> set[str]:
    """The ``{name}``/``{name:spec}`` fields of a marked template or its translation (``{{`` is
    a literal brace)."""
    return set(re.findall(r"(?<!\{)\{[A-Za-z_][^{}]*\}", text.replace("{{", "").replace("}}", "")))


def test_every_window_wording_stands_for_a_template_the_core_writes_with_its_fields():
    """The window's own words for a core message are keyed by the core's template exactly: a
    key the core no longer writes (its wording changed) would silently stop applying."""
    core = marked.templates()
    gone = sorted(k for k in WINDOW_WORDING if k not in core)
    assert gone == [], "WINDOW_WORDING keys no template in app/ marks any more"
    extra = {k: sorted(template_fields(v) - template_fields(k)) for k, v in WINDOW_WORDING.items()
             if template_fields(v) - template_fields(k)}
    assert extra == {}, "a window wording uses a field its core template does not fill"


def test_marked_templates_cut_only_balanced_command_line_parts():
    """``⟦…⟧`` pairs up, never nests; what is left for the window names no command, variable
    or code span (a command-line hint not marked with ``⟦…⟧`` would reach the window)."""
    bad = []
    for t, sites in marked.templates().items():
        left = CLI_ONLY.sub("", t)
        if "⟦" in left or "⟧" in left:
            bad.append(f"{sites[0]}: unbalanced or nested ⟦…⟧ in {t!r}")
        if re.search(r"`|(?<![\w.])confidant [a-z]|CONFIDANT_", window_template(t)):
            bad.append(f"{sites[0]}: a command line the window would show: {t!r}")
    assert bad == []


def test_the_ts_source_compiles_with_every_message_finished(tmp_path):
    qm = i18n.build_qm("nb", tmp_path)
    assert qm.stat().st_size > 50_000


def test_the_catalogue_holds_no_string_the_app_no_longer_shows(tmp_path):
    """Translations of removed strings are dropped, so the catalogue is what the app says (and a
    stale entry cannot hide a command line from the checks above)."""
    wanted = set(_extracted(tmp_path)) | _scan_wrappers()[0] | core_wanted()
    stale = sorted(f"[{c}] {s!r}" for c, s, cm in _catalogue(TS) if (c, s, cm) not in wanted)
    assert stale == []
