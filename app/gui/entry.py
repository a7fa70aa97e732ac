"""Start the desktop app: one instance per data folder, the window at once, then unlock.

The window shows before any slow work: the vault opens on the store thread (see
:mod:`app.gui.session`) and the model loads in the background after the workspace shows.
"""

# The guard first, as in the CLI: nothing below may open an internet socket.
from app.core.privacy import netguard

netguard.install()

import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

from app.core.errors import AppError  # noqa: E402


def _bench_print(event: str) -> None:
    # Benchmarks read these lines (CONFIDANT_GUI_BENCH=1); times only, no content.
    print(json.dumps({"event": event, "t": time.time()}), flush=True)


def run_gui(argv: list[str] | None = None) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from app.core.context import prepare
    from app.gui import i18n, instance
    from app.gui.main_window import MainWindow

    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("Confidant")
    app.setQuitOnLastWindowClosed(True)
    try:
        paths, _policy = prepare()
    except AppError as exc:
        print(f"confidant: {exc.message}", file=sys.stderr)
        if app.platformName() != "offscreen":
            QMessageBox.critical(None, "Confidant", exc.message)
        return exc.exit_code  # 78 when IT's policy cannot be read (errors.EXIT_POLICY)
    i18n.install(app, i18n.remembered_language(paths), paths.cache)

    lock = instance.acquire(paths)
    if lock is None:
        text = app.translate("entry", "Confidant is already open in another window; this one will close.")
        print(f"confidant: {text}", file=sys.stderr)
        if app.platformName() != "offscreen":
            QMessageBox.information(None, "Confidant", text)
        return 0

    bench = os.environ.get("CONFIDANT_GUI_BENCH") == "1"
    window = MainWindow()
    if bench:
        window.session.model_ready.connect(lambda _e: (_bench_print("model_ready"), QTimer.singleShot(0, window.close)))
        window.session.model_failed.connect(lambda _m: (_bench_print("model_failed"), QTimer.singleShot(0, window.close)))
    window.show()
    if bench:
        QTimer.singleShot(0, lambda: _bench_print("window_shown"))
    try:
        return app.exec()
    finally:
        window.session.shutdown()
        lock.unlock()


def run() -> None:
    # First: no core dumps, not dumpable, the seccomp network filter (app.core.privacy.hardening).
    from app.core.privacy import hardening

    hardening.startup()
    sys.exit(run_gui())
