"""Render resources/confidant.svg to every raster icon the packages need (run by hand when the
SVG changes; the outputs are committed). Needs PySide6 (QtSvg), nothing else.

    QT_QPA_PLATFORM=offscreen .venv/bin/python installer/make-icons.py

- resources/icons/hicolor/<N>x<N>/apps/confidant.png for N in 16..512: the Linux icon theme
  sizes the .deb installs under /usr/share/icons/hicolor (the SVG goes to scalable/);
- resources/confidant.png (256 px): the window icon;
- resources/confidant.ico: Windows (the .exe and the MSI shortcut), 16, 20, 24, 32, 40, 48,
  64, 128 and 256 px, each a PNG entry (Windows Vista and later read PNG-compressed ICO
  entries at every size); Qt's ICO writer stores one size only, hence the writer here;
- resources/confidant.icns: macOS (the .app), 16 to 1024 px (512@2x), PNG entries.

Each size is rendered from the vector, not scaled down from a large bitmap, so the small
sizes stay sharp.
"""

from __future__ import annotations

import struct
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

RES = Path(__file__).resolve().parent.parent / "resources"
HICOLOR = (16, 22, 24, 32, 48, 64, 128, 256, 512)
ICO = (16, 20, 24, 32, 40, 48, 64, 128, 256)
# ICNS PNG types (Apple's icns format): size in pixels per OSType.
ICNS = (("icp4", 16), ("icp5", 32), ("icp6", 64), ("ic07", 128), ("ic08", 256), ("ic09", 512),
        ("ic10", 1024), ("ic11", 32), ("ic12", 64), ("ic13", 256), ("ic14", 512))


def render(renderer: QSvgRenderer, size: int) -> bytes:
    img = QImage(size, size, QImage.Format.Format_ARGB32)
    img.fill(Qt.GlobalColor.transparent)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(p)
    p.end()
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    assert img.save(buf, "PNG"), "PNG writer missing"
    buf.close()
    return bytes(data)


def ico(pngs: dict[int, bytes]) -> bytes:
    sizes = sorted(pngs)
    head = struct.pack("<HHH", 0, 1, len(sizes))
    offset = 6 + 16 * len(sizes)
    entries, blobs = b"", b""
    for s in sizes:
        data = pngs[s]
        # width/height 0 means 256; 32 bits per pixel; PNG-compressed image data.
        entries += struct.pack("<BBBBHHII", s % 256, s % 256, 0, 0, 1, 32, len(data), offset)
        blobs += data
        offset += len(data)
    return head + entries + blobs


def icns(pngs: dict[int, bytes]) -> bytes:
    body = b"".join(t.encode("ascii") + struct.pack(">I", 8 + len(pngs[s])) + pngs[s] for t, s in ICNS)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> None:
    app = QGuiApplication([])  # noqa: F841 (QImage/QPainter need the application object)
    renderer = QSvgRenderer(str(RES / "confidant.svg"))
    assert renderer.isValid(), "resources/confidant.svg does not parse"
    sizes = sorted(set(HICOLOR) | set(ICO) | {s for _t, s in ICNS})
    pngs = {s: render(renderer, s) for s in sizes}
    for s in HICOLOR:
        out = RES / "icons" / "hicolor" / f"{s}x{s}" / "apps" / "confidant.png"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(pngs[s])
    (RES / "confidant.png").write_bytes(pngs[256])
    (RES / "confidant.ico").write_bytes(ico({s: pngs[s] for s in ICO}))
    (RES / "confidant.icns").write_bytes(icns(pngs))


if __name__ == "__main__":
    main()
