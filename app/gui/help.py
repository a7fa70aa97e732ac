"""Help: the keyboard shortcuts, and About (version, licences, where data lives, and whether
an organisation manages this installation), all written on screen, not only in tooltips.

Also the app's identity: its icon and desktop file name, and a palette that follows the
system's light or dark colour scheme. Runs on the GUI thread.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import __version__

RESOURCES = Path(__file__).resolve().parents[2] / "resources"

# What Confidant is built from, and under which licence (shown in About; the full texts are in
# the third-party notices, app.core.about.notices_path()).
LICENCES = [
    ("Confidant", "Apache-2.0"),
    ("Qt 6 / PySide6", "LGPL-3.0"),
    ("llama.cpp / llama-cpp-python", "MIT"),
    ("SQLCipher", "BSD-style (Zetetic LLC)"),
    ("SQLite", "public domain"),
    ("sqlcipher3", "zlib"),
    ("OpenSSL", "Apache-2.0"),
    ("CPython", "PSF License Agreement"),
    ("DeepSeek-R1 distills (model weights)", "MIT"),
    ("SmolLM2 demo model (model weights)", "Apache-2.0"),
]


def _t(text: str) -> str:
    return QCoreApplication.translate("help", text)


# ---- identity ---------------------------------------------------------------------------


def app_icon() -> QIcon:
    icon = QIcon()
    for name in ("confidant.svg", "confidant.png"):
        p = RESOURCES / name
        if p.exists():
            icon.addFile(str(p))
    return icon


def apply_identity(window: QWidget) -> None:
    """The window icon and the desktop file name (so docks and task bars group it)."""
    from app.core.about import APP_ID

    QGuiApplication.setDesktopFileName(APP_ID)  # the installed .desktop file's name
    window.setWindowIcon(app_icon())
    app = QGuiApplication.instance()
    if app is not None and app.windowIcon().isNull():
        app.setWindowIcon(window.windowIcon())


def is_dark() -> bool:
    app = QGuiApplication.instance()
    hints = app.styleHints() if app is not None else None
    scheme = getattr(hints, "colorScheme", None)
    if scheme is not None and scheme() == Qt.ColorScheme.Dark:
        return True
    window = QGuiApplication.palette().color(QPalette.ColorRole.Window)
    return window.lightness() < 110


def dark_palette() -> QPalette:
    p = QPalette()
    base, window, text = QColor(30, 30, 30), QColor(45, 45, 45), QColor(230, 230, 230)
    for role, color in (
        (QPalette.ColorRole.Window, window), (QPalette.ColorRole.WindowText, text),
        (QPalette.ColorRole.Base, base), (QPalette.ColorRole.AlternateBase, window),
        (QPalette.ColorRole.ToolTipBase, window), (QPalette.ColorRole.ToolTipText, text),
        (QPalette.ColorRole.Text, text), (QPalette.ColorRole.Button, window),
        (QPalette.ColorRole.ButtonText, text), (QPalette.ColorRole.Highlight, QColor(42, 130, 218)),
        (QPalette.ColorRole.HighlightedText, QColor(255, 255, 255)), (QPalette.ColorRole.Link, QColor(100, 170, 255)),
        (QPalette.ColorRole.PlaceholderText, QColor(150, 150, 150)),
    ):
        p.setColor(role, color)
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText, QPalette.ColorRole.WindowText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor(120, 120, 120))
    return p


def follow_color_scheme(dark: bool | None = None) -> bool:
    """Use a dark palette when the system's scheme is dark (``dark`` forces it). Returns it."""
    app = QApplication.instance()
    if app is None:
        return False
    dark = is_dark() if dark is None else dark
    if dark:
        app.setStyle("Fusion")  # the platform styles ignore a custom palette in places
        app.setPalette(dark_palette())
    return dark


def watch_color_scheme() -> None:
    """Re-apply when the system switches between light and dark while the app runs."""
    app = QGuiApplication.instance()
    changed = getattr(app.styleHints(), "colorSchemeChanged", None) if app is not None else None
    if changed is not None and not getattr(app, "_confidant_scheme_watched", False):
        changed.connect(lambda _s: follow_color_scheme())
        app._confidant_scheme_watched = True


# ---- dialogs ----------------------------------------------------------------------------


def shortcut_rows(window) -> list[tuple[str, str]]:
    rows = []
    for a in window.actions():
        keys = a.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        if keys:
            rows.append((a.text().replace("&", "").rstrip("…"), keys))
    return rows


class ShortcutsDialog(QDialog):
    def __init__(self, window, parent=None):
        super().__init__(parent or window)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(_t("Keyboard shortcuts"))
        rows = shortcut_rows(window) + [
            (_t("Move between fields"), "Tab / Shift+Tab"),
            (_t("Open the selected item"), "Enter"),
        ]
        self.table = QTableWidget(len(rows), 2)
        self.table.setObjectName("shortcutsTable")
        self.table.setHorizontalHeaderLabels([_t("Action"), _t("Keys")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for i, (what, keys) in enumerate(rows):
            self.table.setItem(i, 0, QTableWidgetItem(what))
            self.table.setItem(i, 1, QTableWidgetItem(keys))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.table)
        lay.addWidget(buttons)
        self.resize(460, 420)


def _policy_and_paths(session):
    if session is not None and session.ctx is not None:
        return session.ctx.policy, session.ctx.paths
    from app.core.context import prepare

    paths, policy = prepare(getattr(session, "env", None))
    return policy, paths


class AboutDialog(QDialog):
    def __init__(self, session=None, parent=None):
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(_t("About Confidant"))
        policy, paths = _policy_and_paths(session)
        icon = QLabel()
        icon.setPixmap(app_icon().pixmap(64, 64))
        title = QLabel(f"Confidant {__version__}")
        title.setObjectName("aboutVersion")
        title.setStyleSheet("font-size: 16pt; font-weight: 600;")
        what = QLabel(_t("An offline assistant for salespeople. Your notes and the model stay on this computer; "
                         "nothing is sent anywhere."))
        what.setWordWrap(True)
        from app.core import about

        form = QFormLayout()
        self.where = {
            _t("Licence"): str(about.license_path()),
            _t("Third-party notices"): str(about.notices_path()),
            _t("Vault (encrypted)"): str(paths.vault),
            _t("Settings and key file"): str(paths.config),
            _t("Models folder"): str(paths.models),
            _t("Logs (no note text)"): str(paths.logs),
        }
        for label, value in self.where.items():
            v = QLabel(value)
            v.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            v.setWordWrap(True)
            form.addRow(label, v)
        self.managed = QLabel()
        self.managed.setObjectName("aboutManaged")
        self.managed.setWordWrap(True)
        if policy.source and policy.values:  # an empty policy file manages nothing
            keys = ", ".join(sorted(policy.values)) or "—"
            self.managed.setText(_t("Managed by your organisation: the IT policy in %1 sets %2.")
                                 .replace("%1", str(policy.source)).replace("%2", keys))
        else:
            self.managed.setText(_t("Not managed by an organisation: every setting is yours to change."))
        licences = QTableWidget(len(LICENCES), 2)
        licences.setObjectName("licences")
        licences.setHorizontalHeaderLabels([_t("Component"), _t("Licence")])
        licences.verticalHeader().hide()
        licences.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for i, (name, lic) in enumerate(LICENCES):
            licences.setItem(i, 0, QTableWidgetItem(name))
            licences.setItem(i, 1, QTableWidgetItem(lic))
        licences.resizeColumnsToContents()
        licences.horizontalHeader().setStretchLastSection(True)
        self.licences = licences
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        for w in (icon, title, what, self.managed):
            lay.addWidget(w)
        lay.addLayout(form)
        lay.addWidget(QLabel(_t("Licences")))
        lay.addWidget(licences)
        lay.addWidget(buttons)
        self.resize(620, 560)

    def text(self) -> str:
        """Everything the dialog says, for tests and screen readers."""
        parts = [w.text() for w in self.findChildren(QLabel)]
        t = self.licences
        parts += [t.item(r, c).text() for r in range(t.rowCount()) for c in range(2)]
        return "\n".join(parts)
