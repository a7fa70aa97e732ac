"""With the window in bokmål, what it shows is bokmål: the core's refusals (through the real
code paths: the model picker, IT policy, the import wizard, a contact gone meanwhile) and Qt's
own buttons and file dialog; and no dialog text carries a command line or an internal id.

Real vault (SQLCipher), real model file, real Qt offscreen."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QLabel, QLineEdit, QMessageBox

from app.core.errors import AppError, Message, window_template
from app.gui import errors, i18n
from tests.support import marked
from tests.support.gui import open_unlocked
from tests.support.gui import model_dialog
from tests.support.gui import NORDIC, open_window, pick, search, seed, write_export
from tests.support.paths import CRM

pytestmark = [pytest.mark.gui, pytest.mark.secret_service]

COMMAND_LINE = re.compile(r"`|(?<![\w.])confidant [a-z]|CONFIDANT_|(^|\s)--[a-z]")


@pytest.fixture
def bokmal(qapp, tmp_path):
    app = QApplication.instance()
    assert i18n.install(app, "nb", tmp_path / "cache") == "nb"
    yield
    i18n.install(app, "en", tmp_path / "cache")


def clean(text: str) -> str:
    """``text`` as a window message must be: no command, variable or code span."""
    assert text and not COMMAND_LINE.search(text), text
    return text


def _filled(template: str, n: int) -> Message:
    """A message of ``template`` as the core would make it, each field given a value of the
    kind its format spec takes (a path where there is none)."""
    fields = {}
    for _text, name, spec, _conv in __import__("string").Formatter().parse(template):
        if name:
            fields[name] = 1234 if spec and spec[-1] in ",do" else 12.5 if spec and spec[-1] in "fg" else \
                f"/home/kari/fil{n}-{len(fields) + 1}.csv"
    return Message(template, **fields)


def test_every_core_message_is_shown_in_bokmal_without_command_lines(bokmal):
    """Every template the core marks, filled in, is said in bokmål by the window's error path."""
    untranslated = []
    found = marked.templates()
    for n, template in enumerate(found):
        message = _filled(template, n)
        shown = errors.message_for(AppError(message))
        if shown == str(message) or COMMAND_LINE.search(shown):
            untranslated.append(f"{found[template][0]}: {str(message)!r} -> {shown!r}")
    assert untranslated == []
    assert len(found) > 200


def test_core_messages_in_english_windows_drop_commands_and_variables():
    """The English window shows the core's own text less its ``⟦…⟧`` command-line parts (the
    command-line option errors, which only the CLI can cause, keep their option name)."""
    left, cut = [], 0
    for n, template in enumerate(marked.templates()):
        message = _filled(template, n)
        shown = errors.message_for(AppError(message))
        if re.search(r"`|(?<![\w.])confidant [a-z]|CONFIDANT_", shown):
            left.append(shown)
        cut += window_template(template) != template and shown != str(message)
    assert left == []
    assert cut > 15  # the hints were there in the English text, and the window cut them


def test_qts_own_buttons_file_dialog_and_edit_menu_in_bokmal(qtbot, bokmal):
    box = QMessageBox(QMessageBox.Icon.Question, "Confidant", "?",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No | QMessageBox.StandardButton.Cancel
                      | QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Close)
    qtbot.addWidget(box)
    texts = {b: box.button(b).text().replace("&", "") for b in (
        QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No, QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Save, QMessageBox.StandardButton.Open, QMessageBox.StandardButton.Close)}
    assert list(texts.values()) == ["Ja", "Nei", "Avbryt", "Lagre", "Åpne", "Lukk"]

    dlg = QFileDialog(None, "Importer")
    qtbot.addWidget(dlg)
    dlg.setOption(QFileDialog.Option.DontUseNativeDialog)
    dlg.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dlg.setFileMode(QFileDialog.FileMode.ExistingFile)
    dlg.show()
    buttons = dlg.findChild(QDialogButtonBox, "buttonBox")
    assert buttons.button(QDialogButtonBox.StandardButton.Open).text().replace("&", "") == "Åpne"
    assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text().replace("&", "") == "Avbryt"
    labels = {name: dlg.findChild(QLabel, name).text().replace("&", "") for name in ("lookInLabel", "fileNameLabel", "fileTypeLabel")}
    assert labels == {"lookInLabel": "Søk i:", "fileNameLabel": "Filnavn:", "fileTypeLabel": "Filer av typen:"}
    dlg.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    assert buttons.button(QDialogButtonBox.StandardButton.Save).text().replace("&", "") == "Lagre"

    edit = QLineEdit()
    qtbot.addWidget(edit)
    menu = edit.createStandardContextMenu()
    words = [a.text().split("\t")[0].replace("&", "") for a in menu.actions() if a.text()]
    assert {"Angre", "Klipp ut", "Kopier", "Lim inn", "Merk alt"} <= set(words)
    menu.deleteLater()


def test_import_refusals_in_bokmal_through_the_wizard(qtbot, home, tmp_path, bokmal):
    empty = tmp_path / "tom.csv"
    empty.write_bytes(b"")
    binary = tmp_path / "ferie.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    headerless = tmp_path / "bare-tall.csv"
    headerless.write_text("\n\n\n", encoding="utf-8")
    files = (empty, binary, headerless)
    w = open_unlocked(qtbot)
    wiz = w.open_import([str(p) for p in files])
    qtbot.waitUntil(lambda: wiz.file_list.count() == 3 and all(wiz.problems.get(str(p)) for p in files), timeout=15000)
    shown = {p.name: clean(wiz.problems[str(p)]) for p in files}
    assert shown["tom.csv"].endswith("tom.csv: filen er tom.")
    assert "ikke en CRM-eksport" in shown["ferie.csv"] and "binærdata" in shown["ferie.csv"]
    assert shown["bare-tall.csv"].endswith("bare-tall.csv: filen har ingen overskriftsrad.")
    texts = [wiz.file_list.item(i).text() for i in range(wiz.file_list.count())]
    assert all("kan ikke importeres" in t for t in texts), texts
    assert not wiz.import_btn.isEnabled()


@pytest.mark.model
def test_model_refusals_in_bokmal_broken_file_and_policy(qtbot, home, tmp_path, smol_model, monkeypatch, bokmal):
    policy = tmp_path / "policy.toml"
    policy.write_text('allowed_model_sha256 = ["' + "0" * 64 + '"]\n')
    monkeypatch.setenv("CONFIDANT_POLICY", str(policy))
    w = open_unlocked(qtbot)
    dlg = model_dialog(qtbot, w)
    assert dlg.windowTitle() == "Velg en modell"

    broken = tmp_path / "broken.gguf"
    broken.write_bytes(b"GGUF" + b"\x00" * 64)
    errors.last_message = None
    dlg.chooser.choose(str(broken))
    qtbot.waitUntil(lambda: errors.last_message is not None, timeout=10000)
    assert "broken.gguf" in clean(errors.last_message)
    assert "skadet" in errors.last_message or "modellformat" in errors.last_message or "ufullstendig" in errors.last_message
    assert dlg.chooser.problem.text() == errors.last_message  # beside the model, the same words

    errors.last_message = None
    dlg.chooser.choose(str(smol_model))  # a real model, but not one IT allows
    qtbot.waitUntil(lambda: errors.last_message is not None, timeout=60000)
    shown = clean(errors.last_message)
    assert shown.startswith(str(smol_model.resolve())) or smol_model.name in shown
    assert "ikke blant modellene organisasjonen din tillater" in shown and str(policy) in shown
    assert "allowed_model_sha256" not in shown and "SHA-256" not in shown
    box = next(b for b in dlg.chooser.findChildren(QMessageBox) if b.objectName() == "errorBox" and b.text() == shown)
    assert box.button(QMessageBox.StandardButton.Ok).text().replace("&", "") == "OK"


def test_a_managed_model_and_a_managed_setting_in_bokmal(qtbot, home, tmp_path, monkeypatch, bokmal):
    policy = tmp_path / "managed.toml"
    policy.write_text(f'model_path = "{tmp_path / "it-approved.gguf"}"\nretention_days = 30\n')
    monkeypatch.setenv("CONFIDANT_POLICY", str(policy))
    w = open_unlocked(qtbot)
    dlg = model_dialog(qtbot, w)
    errors.last_message = None
    dlg.chooser.choose(str(tmp_path / "other.gguf"))
    assert clean(errors.last_message) == "Modellen styres av IT-policyen din; den kan ikke endres her."
    # The core's own refusal of a managed key, as any window would show it.
    box = {}
    w.session.run(lambda ctx, task: ctx.settings.set("retention_days", 400),
                  failure=lambda exc: box.setdefault("box", errors.show_error(w, exc)))
    qtbot.waitUntil(lambda: "box" in box, timeout=10000)
    text = clean(box["box"].text())
    assert text == f"«Oppbevaring» er styrt av organisasjonens IT-policy ({policy}) og kan ikke endres her."
    assert "retention_days" not in text


def test_a_contact_gone_meanwhile_in_bokmal(qtbot, home, tmp_path, bokmal):
    from app.core.privacy import forget

    seed(write_export(tmp_path / "nb.csv", NORDIC[:3], notes_for=1))
    w = open_window(qtbot)
    search(qtbot, w, "ødegård")
    pick(qtbot, w, "Siri Ødegård")
    contact_id = int(w.timeline.card.subject["id"])
    gone = {}
    # Forgotten elsewhere (another window, the command line: not this window's operation, so no view
    # hears of it) while this card still shows her.
    w.session.run(lambda ctx, task: forget.forget(ctx, contact_id), success=lambda _r: gone.setdefault("ok", True))
    qtbot.waitUntil(lambda: "ok" in gone, timeout=10000)
    errors.last_message = None
    w.timeline.card.forget()
    qtbot.waitUntil(lambda: errors.last_message is not None, timeout=10000)
    text = clean(errors.last_message)
    assert text.startswith("Den kontakten finnes ikke lenger")
    assert str(contact_id) not in text  # no bare internal id


def test_real_import_errors_and_warnings_are_shown_in_bokmal(home, tmp_path, bokmal):
    """Every error and warning the real importer writes for the test exports (the good, the
    bad and the oddly encoded) matches the catalogue and is shown in bokmål."""
    from app.cli.common import passphrase_provider
    from app.core.context import open_context
    from app.core.crm.importer import import_files

    data = sorted(p for p in (CRM).rglob("*") if p.is_file())
    assert len(data) > 30
    lines: list[str] = []
    ctx = open_context(passphrase_provider)
    try:
        for path in data:
            try:
                report = import_files(ctx.vault, [path])
            except AppError as exc:  # a refusal of the whole import
                lines.append(exc.message)
                continue
            for f in report.files:
                j = f.as_json()
                lines += [m for m in (f.error, f.link_warning, f.encoding_warning) if m] + j["warnings"]
    finally:
        ctx.close()
    assert any("filen er tom" in errors.for_window(m) for m in lines)  # the bad ones were read
    assert len(lines) > 10
    untranslated = [m for m in lines if errors.for_window(m) == m or COMMAND_LINE.search(errors.for_window(m))]
    assert untranslated == []


def test_a_wrapped_core_message_is_translated_inside_its_wrapper(home, tmp_path, bokmal):
    """A real refusal built of messages inside a message (the policy file that is a folder:
    where, what is wrong and what IT must do) is one bokmål sentence, each part translated."""
    from app.core.errors import PolicyError
    from app.core.policy import load_policy

    folder = tmp_path / "it" / "policy.toml"
    folder.mkdir(parents=True)
    try:
        load_policy({"CONFIDANT_POLICY": str(folder)})
    except PolicyError as exc:
        english, shown = exc.message, clean(errors.message_for(exc))
    else:
        raise AssertionError("a folder was read as a policy file")
    assert english == (f"Policy file {folder} cannot be read: it is a folder, not a file. Confidant will not start "
                       f"without reading IT's policy; IT must replace the folder {folder} with the policy file (or remove it).")
    assert shown == (f"Policyfilen {folder} kan ikke leses: den er en mappe, ikke en fil. Confidant starter ikke uten å "
                     f"lese IT-policyen; IT-avdelingen må erstatte mappen {folder} med policyfilen (eller fjerne den).")


def test_every_import_format_has_a_label_in_the_window_table():
    from app.core.crm import formats
    from app.gui.import_files_page import FORMAT_LABELS

    assert FORMAT_LABELS == {f.name: f.label for f in formats.FORMATS}


def test_import_report_details_and_format_names_in_bokmal(qtbot, home, bokmal):
    from tests.support.gui import V, _import, _ready

    w = open_unlocked(qtbot)
    wiz = w.open_import([str(V / "zoho" / "Notes.csv")])  # notes without their contacts file
    _ready(qtbot, wiz)
    assert "Zoho CRM-eksport" in wiz.file_list.item(0).text()
    assert wiz.format_box.findText("CSV eller Excel med kjente kolonner") >= 0
    assert wiz.format_box.findText("CSV or Excel with recognised columns") < 0
    _import(qtbot, wiz)
    details = clean(wiz.details.text())
    warnings = [line for line in details.splitlines() if line.strip().startswith("Advarsel:")]
    assert warnings and not any("could not be linked" in line or "Import the" in line for line in warnings), warnings
    wiz.accept()


def test_company_server_notices_in_bokmal(qtbot, home, bokmal):
    """The notices the core sends (the fallback one wrapping the server's refusal) reach the
    status bar as messages and are shown in bokmål; the command line gets the English."""
    from types import SimpleNamespace

    from app.core.errors import N_
    from app.core.llm.remote import RemoteError
    from app.core.llm.source import FALLBACK_NOTICE, answers_from

    w = open_unlocked(qtbot)
    refusal = RemoteError(N_("The company inference server {where} did not answer in time."), where="ai.example.com:443")
    notice = Message(FALLBACK_NOTICE, problem=refusal.message)
    assert notice == ("The company inference server ai.example.com:443 did not answer in time. "
                      "The local model answers instead (your IT policy allows this fallback).")
    w.session.notice.emit(notice)
    assert w.statusBar().currentMessage() == ("Firmaets KI-server ai.example.com:443 svarte ikke i tide. "
                                              "Den lokale modellen svarer i stedet (IT-policyen din tillater dette).")
    w.session.notice.emit(answers_from(SimpleNamespace(host="ai.example.com")))
    assert w.statusBar().currentMessage() == "Svar fra ai.example.com (firmaets server)"


def test_the_unlinked_notes_holder_is_named_in_bokmal(qtbot, home, bokmal):
    from tests.support.gui import nav_texts
    from tests.support.gui import V

    seed(V / "zoho" / "Notes.csv")  # notes without their contacts file: kept on the holder account
    w = open_window(qtbot)
    search(qtbot, w, "")
    texts = nav_texts(w)
    assert "Notater uten kobling" in texts and "Unlinked notes" not in texts
    pick(qtbot, w, "Notater uten kobling")
    assert w.timeline.card.name.text() == "Notater uten kobling"


def test_the_operating_systems_error_text_inside_a_message_is_in_bokmal(home, tmp_path, bokmal):
    """A real refusal carrying the OS's own words (strerror): a model path through a file."""
    from app.core.llm.errors import ModelError
    from app.core.llm.models import header

    (tmp_path / "modeller").write_text("not a folder", encoding="utf-8")
    try:
        header(tmp_path / "modeller" / "modell.gguf")
    except ModelError as caught:
        exc, english = caught, caught.message
    else:
        raise AssertionError("a path through a file was read as a model")
    shown = clean(errors.message_for(exc))
    assert english.endswith("cannot be read: Not a directory."), english
    assert shown.endswith("en del av stien er ikke en mappe."), shown


def test_what_a_policy_file_got_wrong_is_said_in_bokmal(home, tmp_path, bokmal):
    """A refused policy value (the app will not start with it) is one bokmål sentence, the schema's
    reason included; every reason the schema can give is a marked message (so the catalogue
    test holds each to a translation)."""
    import ast

    from app.core.errors import PolicyError
    from app.core.policy import load_policy

    schema = Path(errors.__file__).parents[1] / "core" / "policy" / "schema.py"
    texts = {n.value for n in ast.walk(ast.parse(schema.read_text(encoding="utf-8")))
             if isinstance(n, ast.Constant) and isinstance(n.value, str) and n.value.startswith(("must ", "has "))}
    marked_here = {t for t, sites in marked.templates().items() if any(s.path.endswith("policy/schema.py") for s in sites)}
    assert len(texts) >= 8 and texts == marked_here
    bad = tmp_path / "policy.toml"
    bad.write_text('retention_days = 0\n')
    try:
        load_policy({"CONFIDANT_POLICY": str(bad)})
    except PolicyError as exc:
        shown = clean(errors.message_for(exc))
    else:
        raise AssertionError("retention_days = 0 was accepted")
    assert shown == f"Policyen {bad}: «Oppbevaring» må være et positivt heltall.", shown
