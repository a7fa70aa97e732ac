"""Which third-party parts the frozen bundle ships, and their licences.

Imported by installer/confidant.spec after PyInstaller's Analysis, in the build venv's Python,
so "shipped" means exactly the files Analysis collected (not what the build venv happens to
hold): a Python distribution ships when one of its installed files was collected, found
through each distribution's RECORD. Writes

- ``licenses/`` for the bundle: LICENSE, NOTICE, the LGPL-3.0 and GPL-3.0 texts, and
  THIRD_PARTY_NOTICES.txt = THIRD_PARTY_NOTICES.md + every shipped distribution's name,
  version, licence and the licence files from its metadata;
- the manifest installer/sbom.py reads: every collected file with its source and, for each,
  the distribution that owns it (None for the standard library and system libraries).
"""

from __future__ import annotations

import json
import os
import re
import sys
from importlib import metadata
from pathlib import Path

_LICENSE_FILE = re.compile(r"^(LICEN[CS]E|COPYING|NOTICE|AUTHORS)", re.I)
# Trove classifiers -> SPDX, for packages whose metadata predates License-Expression.
_CLASSIFIER_SPDX = {
    "MIT License": "MIT",
    "BSD License": "BSD-3-Clause",
    "Apache Software License": "Apache-2.0",
    "Python Software Foundation License": "PSF-2.0",
    "ISC License (ISCL)": "ISC",
    "Mozilla Public License 2.0 (MPL 2.0)": "MPL-2.0",
    "GNU Lesser General Public License v3 (LGPLv3)": "LGPL-3.0-only",
    "GNU Library or Lesser General Public License (LGPL)": "LGPL-3.0-only",
    "GNU General Public License v2 (GPLv2)": "GPL-2.0-only",
    "zlib/libpng License": "Zlib",
}


# Where the metadata carries no SPDX id (or a vaguer one), read from the package's own licence
# text: sqlcipher3's LICENSE is pysqlite's zlib licence; PyInstaller's COPYING.txt is the GPL
# 2+ with the bootloader exception, which lets its bootloader ship in any program.
_READ_FROM_TEXT = {
    "sqlcipher3": "Zlib",
    "pyinstaller": "GPL-2.0-or-later WITH Bootloader-exception",
}


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _file_owners() -> dict[str, metadata.Distribution]:
    owners: dict[str, metadata.Distribution] = {}
    for dist in metadata.distributions():
        for f in dist.files or ():
            try:
                owners[os.path.realpath(dist.locate_file(f))] = dist
            except (OSError, ValueError):
                continue
    return owners


def licence_of(dist: metadata.Distribution) -> str:
    """An SPDX expression where the metadata gives one, else the best the metadata says."""
    md = dist.metadata
    if _norm(md["Name"]) in _READ_FROM_TEXT:
        return _READ_FROM_TEXT[_norm(md["Name"])]
    expr = (md.get("License-Expression") or "").strip()
    if expr:
        return expr
    spdx = sorted({_CLASSIFIER_SPDX[c.split("::")[-1].strip()] for c in md.get_all("Classifier") or []
                   if c.startswith("License ::") and c.split("::")[-1].strip() in _CLASSIFIER_SPDX})
    if spdx:
        return " OR ".join(spdx)
    text = (md.get("License") or "").strip()
    if text and "\n" not in text and len(text) < 80:
        return text
    return "see the licence text below"


def licence_files(dist: metadata.Distribution) -> list[Path]:
    out = []
    for f in dist.files or ():
        parts = Path(str(f)).parts
        if parts and parts[0].endswith(".dist-info") and _LICENSE_FILE.match(parts[-1]):
            p = Path(dist.locate_file(f))
            if p.is_file():
                out.append(p)
    return sorted(out)


def _entries(*tocs):
    for toc in tocs:
        for entry in toc:
            dest, src, kind = entry[0], entry[1], entry[2]
            if src:
                yield dest, src, kind


def shipped(pure, binaries, datas) -> tuple[dict[str, metadata.Distribution], list[dict]]:
    """(shipped distributions by normalised name, every collected file with its owner)."""
    owners = _file_owners()
    dists: dict[str, metadata.Distribution] = {}
    files = []
    for dest, src, kind in _entries(pure, binaries, datas):
        real = os.path.realpath(src)
        dist = owners.get(real)
        # Metadata folders alone (copy_metadata) do not make a package shipped.
        code = dist is not None and ".dist-info" not in Path(real).parent.as_posix()
        if code:
            dists.setdefault(_norm(dist.metadata["Name"]), dist)
        files.append({"dest": dest, "src": real, "kind": kind,
                      "dist": _norm(dist.metadata["Name"]) if code else None})
    return dists, files


def write_manifest(path: str, pure, binaries, datas) -> None:
    dists, files = shipped(pure, binaries, datas)
    doc = {
        "python": {"version": sys.version.split()[0], "implementation": sys.implementation.name},
        "distributions": [
            {"name": d.metadata["Name"], "version": d.version, "license": licence_of(d),
             "summary": d.metadata.get("Summary") or ""}
            for _k, d in sorted(dists.items())
        ],
        "files": files,
    }
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(json.dumps(doc, indent=1), encoding="utf-8")


def _app_version(root: Path) -> str:
    return re.search(r'__version__ = "([^"]+)"', (root / "app" / "__init__.py").read_text()).group(1)


def notices_text(root: Path, dists: dict[str, metadata.Distribution]) -> str:
    out = [f"Confidant {_app_version(root)}: third-party notices\n", "=" * 72 + "\n\n",
           (root / "THIRD_PARTY_NOTICES.md").read_text(encoding="utf-8"), "\n\n",
           "=" * 72 + "\nPython packages in this bundle (from each package's installed metadata)\n" + "=" * 72 + "\n"]
    # CPython's own licence (the PSF agreement asks that it travel with any copy of Python).
    py_licence = Path(sys.base_prefix) / "lib" / f"python{sys.version_info[0]}.{sys.version_info[1]}" / "LICENSE.txt"
    if not py_licence.is_file():
        py_licence = Path(sys.base_prefix) / "LICENSE.txt"  # Windows layout
    if py_licence.is_file():
        out.append(f"\n{'-' * 72}\nCPython {sys.version.split()[0]}\nLicence: PSF-2.0\n\n"
                   f"{py_licence.read_text(encoding='utf-8', errors='replace').strip()}\n")
    for _k, d in sorted(dists.items()):
        out.append(f"\n{'-' * 72}\n{d.metadata['Name']} {d.version}\nLicence: {licence_of(d)}\n")
        home = d.metadata.get("Home-page") or next(
            (u.split(",", 1)[1].strip() for u in d.metadata.get_all("Project-URL") or [] if "," in u), "")
        if home:
            out.append(f"Home: {home}\n")
        for f in licence_files(d):
            out.append(f"\n--- {f.name} ---\n{f.read_text(encoding='utf-8', errors='replace').strip()}\n")
    return "".join(out)


def write_licenses(root: str, out_dir: str, pure, binaries, datas) -> list[str]:
    """Write the licences folder's files into OUT_DIR; returns their paths."""
    root_p, out = Path(root), Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    dists, _files = shipped(pure, binaries, datas)
    (out / "THIRD_PARTY_NOTICES.txt").write_text(notices_text(root_p, dists), encoding="utf-8")
    for src in (root_p / "LICENSE", root_p / "NOTICE", root_p / "docs" / "licenses" / "LGPL-3.0.txt",
                root_p / "docs" / "licenses" / "GPL-3.0.txt"):
        (out / src.name).write_bytes(src.read_bytes())
    return [str(out / n) for n in ("THIRD_PARTY_NOTICES.txt", "LICENSE", "NOTICE", "LGPL-3.0.txt", "GPL-3.0.txt")]
