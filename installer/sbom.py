"""CycloneDX 1.6 SBOM of the *built* bundle, with VEX for known CVEs in bundled-but-unused code.

    python installer/sbom.py --bundle dist/bundle/.../confidant --manifest manifest.json \
        --version 0.1.0 --out sbom.cdx.json

Run by installer/build-bundle.sh with the build venv's Python (the interpreter the bundle was
frozen from). What it lists, and where each fact comes from:

- the Python distributions PyInstaller collected (the manifest written by the spec through
  installer/notices.py: a distribution counts when one of its files is in the bundle), with
  version, licence and purl from their metadata;
- CPython (the interpreter and standard library the bundle carries);
- system libraries the bundle carries, each with the Debian package and version it came from
  (dpkg), when the build ran on Debian;
- native parts queried from the bundle's own files, never from the build venv: the llama.cpp
  commit and ggml version (``ggml_commit()``/``ggml_version()`` of the bundled libggml-base),
  SQLCipher, SQLite and its crypto provider as linked into the bundled sqlcipher3 extension
  (``PRAGMA cipher_version`` etc.), Qt (``qVersion()`` of the bundled QtCore), and every
  OpenSSL copy (the shared libcrypto's ``OpenSSL_version``, and the version string of each
  static copy found in a bundled binary).

VEX: each entry of ``VEX`` whose package ships becomes a CycloneDX vulnerability with an
analysis (state, justification, detail) that names the component it affects.
"""

from __future__ import annotations

import argparse
import ctypes
import datetime as _dt
import importlib.util
import json
import os
import re
import subprocess
import sys
import uuid
from pathlib import Path

# Known CVEs in packages the bundle carries but the app never reaches. Keyed by the
# normalised distribution name; each analysis is re-checked when the package changes.
VEX = {
    "diskcache": [
        {
            "id": "CVE-2025-69872",
            "aliases": ["GHSA-w8v5-vhqr-4h9v"],
            "description": "DiskCache through 5.6.3 unpickles what it reads from its cache directory; "
            "an attacker who can write there gets code execution in the reading process.",
            "state": "not_affected",
            "justification": "code_not_reachable",
            "detail": "diskcache ships only because llama-cpp-python imports it for its optional "
            "LlamaDiskCache prompt cache. Confidant never creates a LlamaDiskCache or any "
            "diskcache.Cache (it keeps llama.cpp state in memory and its data in the SQLCipher "
            "vault), so no cache directory is ever read and the vulnerable unpickling is not "
            "reachable. Checked by tests/installer/test_installer_assets.py against the app's source.",
        }
    ],
}

_SPDX_EXPR = re.compile(r"^[A-Za-z0-9.+-]+( (AND|OR|WITH) [A-Za-z0-9.+-]+)*$")
_OPENSSL_STRING = re.compile(rb"OpenSSL (\d+\.\d+\.\d+[a-z]?)(?:-[a-z0-9]+)? +\d{1,2} [A-Z][a-z]{2} \d{4}")


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _licenses(text: str) -> list[dict]:
    text = (text or "").strip()
    if not text:
        return []
    if _SPDX_EXPR.match(text):
        return [{"expression": text}]
    return [{"license": {"name": text[:200]}}]


def _internal(bundle: Path) -> Path:
    return bundle / "_internal" if (bundle / "_internal").is_dir() else bundle


# --- native parts, queried from the bundle's files -------------------------------------------------

def _c_str(lib: ctypes.CDLL, fn: str, *args) -> str | None:
    try:
        f = getattr(lib, fn)
    except AttributeError:
        return None
    f.restype = ctypes.c_char_p
    f.argtypes = [ctypes.c_int] * len(args)
    out = f(*args)
    return out.decode("utf-8", "replace") if out else None


def probe_llama(internal: Path) -> dict | None:
    libs = sorted((internal / "llama_cpp" / "lib").glob("libggml-base*")) + sorted(
        (internal / "llama_cpp" / "lib").glob("ggml-base*.dll"))
    if not libs:
        return None
    lib = ctypes.CDLL(str(libs[0]))
    return {"file": str(libs[0].relative_to(internal.parent)), "commit": _c_str(lib, "ggml_commit"),
            "ggml_version": _c_str(lib, "ggml_version")}


def probe_sqlcipher(internal: Path) -> dict | None:
    exts = sorted((internal / "sqlcipher3").glob("_sqlite3*"))
    if not exts:
        return None
    spec = importlib.util.spec_from_file_location("sqlcipher3._sqlite3", exts[0])
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    con = mod.connect(":memory:")
    try:
        con.execute("PRAGMA key = 'sbom-probe'")  # the provider pragmas answer only on a keyed database
        one = lambda sql: (con.execute(sql).fetchone() or [None])[0]  # noqa: E731
        return {
            "file": str(exts[0].relative_to(internal.parent)),
            "sqlite": one("select sqlite_version()"),
            "sqlcipher": one("PRAGMA cipher_version"),
            "provider": one("PRAGMA cipher_provider"),
            "provider_version": one("PRAGMA cipher_provider_version"),
        }
    finally:
        con.close()


def probe_qt(internal: Path) -> dict | None:
    names = ["PySide6/Qt/lib/libQt6Core.so.6", "PySide6/Qt6Core.dll", "PySide6/Qt/lib/QtCore.framework/QtCore"]
    for n in names:
        p = internal / n
        if p.exists():
            return {"file": str(p.relative_to(internal.parent)), "version": _c_str(ctypes.CDLL(str(p)), "qVersion")}
    return None


def _is_binary(p: Path) -> bool:
    n = p.name
    return p.is_file() and not p.is_symlink() and (".so" in n or n.endswith((".dll", ".dylib", ".pyd")))


def probe_openssl(internal: Path) -> list[dict]:
    """Every OpenSSL in the bundle: shared libcrypto (asked) and static copies (their version string)."""
    found: dict[str, set[str]] = {}
    for p in sorted(internal.rglob("*")):
        if not _is_binary(p):
            continue
        rel = str(p.relative_to(internal.parent))
        if re.match(r"lib(crypto|eay32)|libcrypto-", p.name):
            try:
                v = _c_str(ctypes.CDLL(str(p)), "OpenSSL_version", 0)
            except OSError:
                v = None
            if v:
                found.setdefault(v.split()[1], set()).add(rel)
                continue
        if p.stat().st_size > 64 << 20 or "/Qt/" in rel:
            continue  # Qt links no OpenSSL (QtNetwork is not shipped)
        for m in set(_OPENSSL_STRING.findall(p.read_bytes())):
            found.setdefault(m.decode(), set()).add(rel)
    return [{"version": v, "files": sorted(files)} for v, files in sorted(found.items())]


# --- components ------------------------------------------------------------------------------------

def _deb_packages(paths: list[str]) -> dict[str, dict]:
    """Debian package and version owning each path (empty where dpkg is absent or does not know it)."""
    out: dict[str, dict] = {}
    if not paths or subprocess.run(["sh", "-c", "command -v dpkg-query"], capture_output=True).returncode:
        return out
    for path in paths:
        r = subprocess.run(["dpkg-query", "-S", path], capture_output=True, text=True)
        if r.returncode != 0 and path.startswith("/usr/"):  # merged /usr: dpkg may know /lib/...
            r = subprocess.run(["dpkg-query", "-S", path[4:]], capture_output=True, text=True)
        if r.returncode != 0:
            continue
        qualified = r.stdout.split(": ", 1)[0].split(",")[0].strip()  # "libssl3:amd64"
        v = subprocess.run(["dpkg-query", "-W", "-f=${Version}\t${Architecture}\t${Source}", qualified],
                           capture_output=True, text=True)
        if v.returncode == 0:
            pkg = qualified.split(":")[0]
            ver, arch, source = (v.stdout.split("\t") + ["", ""])[:3]
            out[path] = {"package": pkg, "version": ver, "arch": arch, "source": source.split(" ")[0] or pkg}
    return out


def build(bundle: Path, manifest: dict, version: str) -> dict:
    internal = _internal(bundle)
    comps: list[dict] = []

    shipped = {_norm(d["name"]): d for d in manifest["distributions"]}
    for key, d in sorted(shipped.items()):
        comps.append({
            "type": "library", "bom-ref": f"pypi:{key}@{d['version']}", "name": d["name"],
            "version": d["version"], "purl": f"pkg:pypi/{key}@{d['version']}",
            "licenses": _licenses(d["license"] if d["license"] != "see the licence text below" else ""),
            **({"description": d["summary"]} if d.get("summary") else {}),
        })

    py = manifest["python"]["version"]
    stdlib_n = sum(1 for f in manifest["files"] if f["dist"] is None and f["kind"] == "PYMODULE")
    comps.append({
        "type": "library", "bom-ref": f"cpython@{py}", "name": "cpython", "version": py,
        "purl": f"pkg:generic/cpython@{py}", "licenses": [{"expression": "PSF-2.0"}],
        "description": "Python interpreter and standard library",
        "properties": [{"name": "confidant:stdlib-modules", "value": str(stdlib_n)}],
    })

    # Shared libraries that no Python distribution owns: from the OS (dpkg knows them) or Python's own.
    foreign = sorted({f["src"] for f in manifest["files"]
                      if f["dist"] is None and f["kind"] in ("BINARY", "EXTENSION")})
    debs: dict[str, dict] = {}
    for path, info in _deb_packages([p for p in foreign if p.startswith(("/usr/", "/lib"))]).items():
        d = debs.setdefault(info["package"], dict(info, files=[]))
        d["files"].append(os.path.basename(path))
    for pkg, d in sorted(debs.items()):
        comps.append({
            "type": "library", "bom-ref": f"deb:{pkg}@{d['version']}", "name": pkg, "version": d["version"],
            "purl": f"pkg:deb/debian/{pkg}@{d['version']}?arch={d['arch']}",
            "properties": [{"name": "confidant:bundled-file", "value": f} for f in sorted(d["files"])]
            + [{"name": "confidant:debian-source", "value": d["source"]}],
        })

    llama = probe_llama(internal)
    if llama:
        # "-dirty": the sdist carries the vendored tree without some of its files, so git sees a
        # change; the code built is that commit's.
        built = llama["commit"] or "unknown"
        ver = built.removesuffix("-dirty")
        comps.append({
            "type": "library", "bom-ref": f"llama.cpp@{ver}", "name": "llama.cpp", "version": ver,
            "purl": f"pkg:github/ggml-org/llama.cpp@{ver}", "licenses": [{"expression": "MIT"}],
            "description": "llama.cpp and ggml as vendored by llama-cpp-python and built into the bundle",
            "externalReferences": [{"type": "vcs", "url": "https://github.com/ggml-org/llama.cpp"}],
            "properties": [{"name": "confidant:ggml-version", "value": llama["ggml_version"] or ""},
                           {"name": "confidant:ggml-commit-as-built", "value": built},
                           {"name": "confidant:queried-from", "value": llama["file"]}],
        })
    sq = probe_sqlcipher(internal)
    if sq:
        comps.append({
            "type": "library", "bom-ref": f"sqlcipher@{sq['sqlcipher']}", "name": "sqlcipher",
            "version": (sq["sqlcipher"] or "").split()[0], "purl": f"pkg:github/sqlcipher/sqlcipher@v{(sq['sqlcipher'] or '').split()[0]}",
            "licenses": [{"license": {"name": "BSD-style (Zetetic LLC)"}}],
            "properties": [{"name": "confidant:cipher_version", "value": sq["sqlcipher"] or ""},
                           {"name": "confidant:crypto-provider", "value": f"{sq['provider']} {sq['provider_version']}"},
                           {"name": "confidant:queried-from", "value": sq["file"]}],
        })
        comps.append({
            "type": "library", "bom-ref": f"sqlite@{sq['sqlite']}", "name": "sqlite", "version": sq["sqlite"],
            "purl": f"pkg:generic/sqlite@{sq['sqlite']}", "licenses": [{"license": {"name": "Public Domain"}}],
            "properties": [{"name": "confidant:queried-from", "value": sq["file"]}],
        })
    for o in probe_openssl(internal):
        comps.append({
            "type": "library", "bom-ref": f"openssl@{o['version']}", "name": "openssl", "version": o["version"],
            "purl": f"pkg:generic/openssl@{o['version']}", "licenses": [{"expression": "Apache-2.0"}],
            "properties": [{"name": "confidant:linked-into", "value": f} for f in o["files"]],
        })
    qt = probe_qt(internal)
    if qt:
        comps.append({
            "type": "framework", "bom-ref": f"qt@{qt['version']}", "name": "qt", "version": qt["version"],
            "purl": f"pkg:generic/qt@{qt['version']}", "licenses": [{"expression": "LGPL-3.0-only"}],
            "properties": [{"name": "confidant:queried-from", "value": qt["file"]}],
        })

    vulns = []
    for key, entries in VEX.items():
        comp = next((c for c in comps if c["bom-ref"].startswith(f"pypi:{key}@")), None)
        if comp is None:
            continue
        for v in entries:
            vulns.append({
                "bom-ref": f"vex:{v['id']}", "id": v["id"],
                "source": {"name": "NVD", "url": f"https://nvd.nist.gov/vuln/detail/{v['id']}"},
                "references": [{"id": a, "source": {"name": "GitHub", "url": f"https://github.com/advisories/{a}"}}
                               for a in v.get("aliases", [])],
                "description": v["description"],
                "analysis": {"state": v["state"], "justification": v["justification"], "detail": v["detail"]},
                "affects": [{"ref": comp["bom-ref"], "versions": [{"version": comp["version"], "status": "unaffected"}]}],
            })

    stamp = os.environ.get("SOURCE_DATE_EPOCH")
    when = _dt.datetime.fromtimestamp(int(stamp), _dt.timezone.utc) if stamp else _dt.datetime.now(_dt.timezone.utc)
    app_ref = f"confidant@{version}"
    # Same bundle contents, same serial number: two builds of one commit give the same SBOM.
    serial = uuid.uuid5(uuid.NAMESPACE_URL, "confidant-sbom:" + json.dumps([app_ref, comps], sort_keys=True))
    bom = {
        "bomFormat": "CycloneDX", "specVersion": "1.6", "serialNumber": f"urn:uuid:{serial}", "version": 1,
        "metadata": {
            "timestamp": when.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "tools": {"components": [{"type": "application", "name": "confidant installer/sbom.py", "version": version}]},
            "component": {"type": "application", "bom-ref": app_ref, "name": "confidant", "version": version,
                          "purl": f"pkg:generic/confidant@{version}", "licenses": [{"expression": "Apache-2.0"}],
                          "supplier": {"name": "Confidant contributors"}},
            "properties": [{"name": "confidant:sbom-of", "value": "the frozen bundle as shipped"},
                           {"name": "confidant:platform", "value": sys.platform}],
        },
        "components": comps,
        "dependencies": [{"ref": app_ref, "dependsOn": [c["bom-ref"] for c in comps]}]
        + [{"ref": c["bom-ref"], "dependsOn": []} for c in comps],
    }
    if vulns:
        bom["vulnerabilities"] = vulns
    return bom


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bundle", required=True, type=Path)
    ap.add_argument("--manifest", required=True, type=Path)
    ap.add_argument("--version", required=True)
    ap.add_argument("--out", required=True, type=Path)
    a = ap.parse_args(argv)
    bom = build(a.bundle, json.loads(a.manifest.read_text(encoding="utf-8")), a.version)
    tmp = a.out.with_suffix(".partial")
    tmp.write_text(json.dumps(bom, indent=1) + "\n", encoding="utf-8")
    tmp.replace(a.out)
    print(f"sbom: {len(bom['components'])} components, {len(bom.get('vulnerabilities', []))} VEX entries -> {a.out}",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
