"""The desktop app (PySide6). The only package that imports Qt.

Importing it installs the network guard (idempotent), so every way into the GUI, the
entry point, tests and benchmarks alike, runs with the guard on.
"""

from app.core.privacy import netguard

netguard.install()
