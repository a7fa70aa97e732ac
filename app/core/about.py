"""What an About dialog (or ``confidant --version``) shows: the version, the app's id, and
where the licence and the third-party notices are on this installation.

Guarantee: every path returned exists in a source checkout and in the frozen bundle. The
bundle carries ``licenses/`` beside the app's modules (``_internal/licenses`` on Linux and
Windows, the .app's Resources on macOS; installer/build-bundle.sh generates the full
notices there from what it froze); a source checkout has the hand-written summary at the top
level. Qt-free, so the CLI can use it too.
"""

from __future__ import annotations

from pathlib import Path

from app import APP_NAME, __version__

# Reverse-DNS id: the AppStream component id, the desktop file's name
# (/usr/share/applications/com.example.confidant.desktop), what the GUI passes to
# QGuiApplication.setDesktopFileName, and the macOS bundle identifier.
APP_ID = "com.example.confidant"

# The folder holding app/ (the source checkout, or the bundle's _internal).
_BASE = Path(__file__).resolve().parents[2]


def version() -> str:
    return __version__


def _first(*candidates: Path) -> Path:
    for p in candidates:
        if p.is_file():
            return p
    return candidates[-1]


def license_path() -> Path:
    """The project's own licence (Apache-2.0)."""
    return _first(_BASE / "licenses" / "LICENSE", _BASE / "LICENSE")


def notices_path() -> Path:
    """Third-party notices: every bundled component, its licence, and how to relink Qt."""
    return _first(_BASE / "licenses" / "THIRD_PARTY_NOTICES.txt", _BASE / "THIRD_PARTY_NOTICES.md")


def about_text() -> str:
    """A short plain-text block for an About dialog."""
    return (
        f"{APP_NAME} {__version__}\n"
        "Copyright 2026 Confidant contributors. Licensed under the Apache License 2.0.\n"
        f"Licence: {license_path()}\n"
        f"Third-party software and licences: {notices_path()}\n"
    )
