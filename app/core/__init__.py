"""The Qt-free core. Nothing under app.core imports PySide6 (tests/test_layering.py checks)."""
