"""What the installers carry besides the app, checked on the committed files (no bundle build):
icons at every size, AppStream metainfo valid under appstreamcli, one app id across the
desktop entry, the metainfo and the About module, the project's licence and version in one
place, and the facts the SBOM's VEX statement rests on (issue 11, items 5 and 6)."""

from __future__ import annotations

import configparser
import re
import shutil
import struct
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from importlib import metadata
from pathlib import Path

import pytest

import app
from app.core import about
from tests.support.paths import ROOT

RES = ROOT / "resources"
sys.path.insert(0, str(ROOT / "installer"))
import notices  # noqa: E402
import sbom  # noqa: E402


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_ico_holds_every_windows_size_from_16_to_256():
    data = (RES / "confidant.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    sizes = set()
    for i in range(count):
        w, h, _c, _r, _planes, bpp, length, offset = struct.unpack("<BBBBHHII", data[6 + 16 * i: 22 + 16 * i])
        w, h = w or 256, h or 256
        assert bpp == 32 and _png_size(data[offset: offset + length]) == (w, h)
        sizes.add(w)
    assert {16, 20, 24, 32, 40, 48, 64, 128, 256} <= sizes


def test_icns_holds_16_to_1024_pixels():
    data = (RES / "confidant.icns").read_bytes()
    assert data[:4] == b"icns" and struct.unpack(">I", data[4:8])[0] == len(data)
    found, pos = {}, 8
    while pos < len(data):
        kind, length = data[pos: pos + 4].decode(), struct.unpack(">I", data[pos + 4: pos + 8])[0]
        found[kind] = _png_size(data[pos + 8: pos + length])[0]
        pos += length
    assert {found[k] for k in ("icp4", "icp5", "icp6", "ic07", "ic08", "ic09", "ic10")} == {16, 32, 64, 128, 256, 512, 1024}


def test_hicolor_pngs_at_every_size_and_the_svg():
    for n in (16, 22, 24, 32, 48, 64, 128, 256, 512):
        assert _png_size((RES / "icons" / "hicolor" / f"{n}x{n}" / "apps" / "confidant.png").read_bytes()) == (n, n)
    assert ET.parse(RES / "confidant.svg").getroot().tag.endswith("svg")


def test_one_app_id_across_desktop_entry_metainfo_and_about():
    desktop = RES / f"{about.APP_ID}.desktop"
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(desktop, encoding="utf-8")
    d = entry["Desktop Entry"]
    assert d["Exec"] == "confidant" and d["Icon"] == "confidant" and d["Type"] == "Application"
    meta = ET.parse(RES / f"{about.APP_ID}.metainfo.xml").getroot()
    assert meta.findtext("id") == about.APP_ID
    assert meta.findtext("launchable") == desktop.name
    assert meta.findtext("project_license") == "Apache-2.0"
    assert app.__version__ in {r.get("version") for r in meta.iter("release")}, "metainfo lists this release"
    assert not list(RES.glob("confidant.desktop")), "one desktop entry, named by the app id"


def test_metainfo_is_valid_for_appstream():
    tool = shutil.which("appstreamcli")
    assert tool, "appstreamcli is missing: run scripts/setup-system.sh (Debian package appstream)"
    r = subprocess.run([tool, "validate", "--no-net", "--pedantic", str(RES / f"{about.APP_ID}.metainfo.xml")],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_licence_and_version_live_in_one_place():
    assert (ROOT / "LICENSE").read_text().lstrip().startswith("Apache License")
    assert "Confidant contributors" in (ROOT / "NOTICE").read_text()
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["license"] == "Apache-2.0" and "version" not in project and "version" in project["dynamic"]
    # The editable install's metadata comes from app/__init__.py through setuptools' attr.
    assert metadata.version("confidant") == app.__version__
    assert re.search(rf"^## \[{re.escape(app.__version__)}\]", (ROOT / "CHANGELOG.md").read_text(), re.M)
    sec = (ROOT / "SECURITY.md").read_text()
    assert "Supported versions" in sec and "Reporting a vulnerability" in sec
    # What the About dialog shows exists in a source checkout too.
    assert about.version() == app.__version__
    assert about.license_path().is_file() and about.notices_path().is_file()
    assert "How to relink" in about.notices_path().read_text()


def test_notices_name_each_shipped_package_with_its_licence_text(tmp_path):
    """installer/notices.py on a small collection: a package counts when one of its files was
    collected (a metadata folder alone does not), the standard library belongs to none."""
    jinja = metadata.distribution("Jinja2")
    jinja_file = str(jinja.locate_file(next(f for f in jinja.files if str(f).endswith("jinja2/__init__.py"))))
    markup = metadata.distribution("MarkupSafe")
    markup_meta = str(markup.locate_file(next(f for f in markup.files if str(f).endswith("METADATA"))))
    pure = [("jinja2", jinja_file, "PYMODULE"), ("json", str(Path(re.__file__).with_name("json") / "__init__.py"), "PYMODULE")]
    datas = [("MarkupSafe.dist-info/METADATA", markup_meta, "DATA")]
    dists, files = notices.shipped(pure, [], datas)
    assert set(dists) == {"jinja2"}
    assert [f["dist"] for f in files] == ["jinja2", None, None]
    written = notices.write_licenses(str(ROOT), str(tmp_path), pure, [], datas)
    text = (tmp_path / "THIRD_PARTY_NOTICES.txt").read_text()
    assert f"\nJinja2 {jinja.version}\nLicence: BSD-3-Clause\n" in text
    assert "Redistribution and use in source and binary forms" in text, "the licence text from the metadata"
    assert "\nMarkupSafe " not in text
    assert {Path(p).name for p in written} == {"THIRD_PARTY_NOTICES.txt", "LICENSE", "NOTICE", "LGPL-3.0.txt", "GPL-3.0.txt"}


@pytest.mark.parametrize("cve", sorted(v["id"] for vs in sbom.VEX.values() for v in vs))
def test_vex_not_reachable_claims_hold_for_the_app_source(cve):
    """The SBOM says diskcache's CVE is not reachable because the app never creates a disk cache;
    that stays true only while no app code imports diskcache or llama_cpp's disk cache."""
    pattern = re.compile(r"\bdiskcache\b|LlamaDiskCache|llama_cache|set_cache\(")
    hits = [str(p.relative_to(ROOT)) for p in (ROOT / "app").rglob("*.py") if pattern.search(p.read_text(encoding="utf-8"))]
    assert hits == [], f"{cve}: the VEX analysis in installer/sbom.py no longer holds: {hits}"
