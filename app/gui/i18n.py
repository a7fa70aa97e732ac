"""Languages: English (the source strings) and Norwegian bokmål, through Qt's translator.

``resources/i18n/confidant_nb.ts`` is the source; the ``.qm`` Qt loads is built from it
with ``pyside6-lrelease`` (shipped in PySide6-Essentials) at install or test time. When no
built ``.qm`` is found beside the ``.ts``, one is built into the cache folder on first use.

Qt's own strings: Qt publishes no bokmål catalogue (qt/qttranslations has qtbase_nn but no
nb or no; checked at commit 15290eb4 of October 2024, after v6.8.0-rc1), so the strings
this app shows (standard buttons, the file dialog, edit menus, the wizard's buttons; listed in
:mod:`app.gui.qt_strings`) are translated in ``confidant_nb.ts`` under Qt's own contexts
(``QPlatformTheme``, ``QFileDialog``, …). Our translator is installed after Qt's, so it is
asked first; PySide6's nynorsk catalogue (:data:`QT_CATALOGUES`) answers only for what ours
lacks, which is far closer than English.

The language follows the OS locale unless the user chose one (setting ``language``). The
setting lives in the vault, which is locked when the first screen shows, so the choice is
also remembered, unencrypted but content-free ("nb" or "en"), in the config folder.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

I18N_DIR = Path(__file__).resolve().parents[2] / "resources" / "i18n"
LANGUAGES = {"en": "English", "nb": "Norsk bokmål"}
_installed: list[QTranslator] = []
_qt_installed: list[QTranslator] = []
# The fallback for Qt's own strings that confidant_nb.ts does not translate: PySide6 ships no
# bokmål catalogue for qtbase; nynorsk is the closest one it has.
QT_CATALOGUES = {"nb": ("qtbase_nb", "qtbase_no", "qtbase_nn")}


def lrelease() -> str | None:
    exe = Path(sys.executable).with_name("pyside6-lrelease")
    return str(exe) if exe.exists() else shutil.which("pyside6-lrelease")


def build_qm(lang: str, out_dir: Path) -> Path:
    """Compile ``confidant_<lang>.ts`` into ``out_dir``; returns the ``.qm`` path."""
    ts = I18N_DIR / f"confidant_{lang}.ts"
    qm = Path(out_dir) / f"confidant_{lang}.qm"
    tool = lrelease()
    if tool is None:
        raise FileNotFoundError("pyside6-lrelease is not installed")
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    subprocess.run([tool, "-silent", str(ts), "-qm", str(qm)], check=True, capture_output=True)
    return qm


def find_qm(lang: str, cache_dir: Path | None) -> Path | None:
    ts = I18N_DIR / f"confidant_{lang}.ts"
    shipped = I18N_DIR / f"confidant_{lang}.qm"
    if shipped.exists() and (not ts.exists() or shipped.stat().st_mtime >= ts.stat().st_mtime):
        return shipped
    if not ts.exists() or cache_dir is None:
        return None
    built = Path(cache_dir) / "i18n" / f"confidant_{lang}.qm"
    if built.exists() and built.stat().st_mtime >= ts.stat().st_mtime:
        return built
    try:
        return build_qm(lang, built.parent)
    except (OSError, subprocess.CalledProcessError):
        return None


def resolve_language(choice: str | None) -> str:
    """"en" or "nb": the user's choice, else the OS locale (Norwegian of any kind -> bokmål)."""
    if choice in LANGUAGES:
        return choice
    name = QLocale.system().name().lower()  # e.g. "nb_no"
    return "nb" if name.split("_")[0] in ("nb", "no", "nn") else "en"


def install(app: QCoreApplication, choice: str | None, cache_dir: Path | None) -> str:
    """Install the translator for ``choice`` (or the OS locale). Returns the language used."""
    for t in _installed + _qt_installed:
        app.removeTranslator(t)
    _installed.clear()
    _qt_installed.clear()
    lang = resolve_language(choice)
    if lang == "en":
        return lang
    _install_qt(app, lang)
    qm = find_qm(lang, cache_dir)
    translator = QTranslator(app)
    if qm is not None and translator.load(str(qm)):
        app.installTranslator(translator)
        _installed.append(translator)
        return lang
    return "en"


def _install_qt(app: QCoreApplication, lang: str) -> None:
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in QT_CATALOGUES.get(lang, (f"qtbase_{lang}",)):
        t = QTranslator(app)
        if t.load(name, folder):
            app.installTranslator(t)
            _qt_installed.append(t)
            return


def qt_translations_loaded() -> bool:
    """Whether Qt's own strings are translated too (not English in a bokmål window)."""
    return bool(_qt_installed)


def remembered_language(paths) -> str:
    try:
        value = (Path(paths.config) / "language").read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return ""
    return value if value in LANGUAGES else ""


def remember_language(paths, lang: str | None) -> None:
    from app.core.paths import write_private

    write_private(Path(paths.config) / "language", (lang if lang in LANGUAGES else "").encode("ascii"))


if __name__ == "__main__":  # build every .qm beside its .ts (the installer runs this)
    for code in LANGUAGES:
        if code != "en":
            print(build_qm(code, I18N_DIR))
