"""Render resources/confidant.svg to the raster icons the packages need (run by hand when
the SVG changes; the outputs are committed): confidant.png (256 px, Linux hicolor and the
window icon) and confidant.ico (Windows: MSI shortcut and the .exe). Needs PySide6.

    QT_QPA_PLATFORM=offscreen .venv/bin/python installer/make-icons.py
"""

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

RES = Path(__file__).resolve().parent.parent / "resources"

app = QGuiApplication([])
renderer = QSvgRenderer(str(RES / "confidant.svg"))
img = QImage(256, 256, QImage.Format.Format_ARGB32)
img.fill(Qt.GlobalColor.transparent)
p = QPainter(img)
renderer.render(p)
p.end()
assert img.save(str(RES / "confidant.png")), "PNG writer missing"
assert img.scaled(64, 64, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation).save(
    str(RES / "confidant.ico")
), "ICO writer missing (Qt imageformats plugin libqico)"
