"""The frozen bundle and the .deb, end to end, as IT would deploy them (issue 8).

Builds the bundle with installer/build-bundle.sh (cached: rebuilt only when sources change),
builds two .debs from it (the second a version bump), installs with apt-get as root, and
drives the installed `confidant` as a freshly created normal user with no keyring (the
passphrase path), offscreen: doctor, import, draft with the small model, the admin policy
beating the user's setting and refusing a model it does not pin, an upgrade, remove and
purge keeping the user's vault. Needs root and apt (CI runs as root on Debian 12).
"""

from __future__ import annotations

import json
import os
import pwd
import secrets
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SMOL_SHA = "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53"
PASSPHRASE = "fjordlogistikk-2024-testpass"
POLICY = Path("/etc/confidant/policy.toml")

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1200)]

# Norwegian Excel export headers (issue 3: recognised without a manual mapping).
CSV = (
    "Fornavn;Etternavn;E-post;Firma;Notater\r\n"
    "Kari;Nordmann;kari.nordmann@example.com;Fjord Logistikk AS;"
    "\"Demo tirsdag gikk bra. Kari vil ha pilot for lageret i Ålesund, 20 brukere.\"\r\n"
    "Jürgen;Weiß;juergen.weiss@example.com;Südwerk GmbH;Möchte ein Angebot für 50 Lizenzen.\r\n"
)


def sh(*args, check=True, **kw) -> subprocess.CompletedProcess:
    r = subprocess.run([str(a) for a in args], capture_output=True, text=True, **kw)
    if check and r.returncode != 0:
        pytest.fail(f"{' '.join(map(str, args))} exited {r.returncode}\nstdout: {r.stdout[-3000:]}\nstderr: {r.stderr[-3000:]}")
    return r


def apt(*args) -> subprocess.CompletedProcess:
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    return sh("apt-get", "-y", "-q", *args, env=env)


@pytest.fixture(scope="module")
def bundle() -> Path:
    """The one-folder bundle (built once per source state; see installer/build-bundle.sh)."""
    out = sh("bash", ROOT / "installer" / "build-bundle.sh", cwd=ROOT).stdout.strip().splitlines()[-1]
    return Path(out)


def test_bundle_carries_python_qt_sqlcipher_and_portable_llama(bundle):
    internal = bundle / "_internal"
    assert (bundle / "confidant").is_file() and os.access(bundle / "confidant", os.X_OK)
    assert sorted(p.name for p in (internal / "llama_cpp" / "lib").glob("libllama.so*"))
    assert list((internal / "llama_cpp" / "lib").glob("libggml-cpu.so*"))
    assert list((internal / "sqlcipher3").glob("_sqlite3*.so"))
    assert (internal / "PySide6" / "Qt" / "plugins" / "platforms" / "libqoffscreen.so").is_file()
    assert (internal / "PySide6" / "Qt" / "plugins" / "platforms" / "libqxcb.so").is_file()
    assert list(internal.glob("libpython3.*.so*")), "Python itself must be inside"
    assert not list(internal.rglob("PySide6/QtNetwork*")), "the QtNetwork module must not be shipped"
    # The SBOM beside the packages lists what the bundle was frozen from.
    sbom = json.loads(next((ROOT / "dist").glob("confidant-*.cdx.json")).read_text())
    assert sbom["bomFormat"] == "CycloneDX"
    names = {c["name"].lower(): c.get("version") for c in sbom["components"]}
    assert names["llama_cpp_python"] == "0.3.36" or names.get("llama-cpp-python") == "0.3.36"
    assert {"sqlcipher3", "pyside6_essentials"} <= {n.replace("-", "_") for n in names}
    assert sbom["metadata"]["component"]["name"] == "confidant"


@pytest.fixture
def user():
    """A fresh normal user with a home, removed afterwards (with its home)."""
    name = "cfd" + secrets.token_hex(4)
    sh("useradd", "--create-home", "--shell", "/bin/sh", name)
    try:
        yield pwd.getpwnam(name)
    finally:
        sh("userdel", "--remove", name, check=False)


def as_user(u, *args, model: Path | None = None, check: bool = True) -> subprocess.CompletedProcess:
    """Run ARGS as user U in a clean environment: no D-Bus session, so no keyring."""
    env = {
        "HOME": u.pw_dir, "USER": u.pw_name, "LOGNAME": u.pw_name, "PATH": "/usr/bin:/bin",
        "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen", "CONFIDANT_PASSPHRASE": PASSPHRASE,
    }
    if model is not None:
        env["CONFIDANT_MODEL"] = str(model)
    cmd = ["runuser", "-u", u.pw_name, "--", "env", "-i", *[f"{k}={v}" for k, v in env.items()], *args]
    return sh(*cmd, check=check, cwd=u.pw_dir)


# A short quick draft: what is checked is that the installed app loads and runs the model.
DRAFT = ["confidant", "draft", "kari.nordmann@example.com", "--quick", "--max-tokens", "48", "--ctx", "2048", "--json"]


def write_policy(text: str) -> None:
    POLICY.parent.mkdir(mode=0o755, exist_ok=True)
    POLICY.write_text(text)
    POLICY.chmod(0o644)


def purge_package() -> None:
    if sh("dpkg-query", "-W", "-f=${Status}", "confidant", check=False).stdout.startswith("install ok"):
        apt("purge", "confidant")


def test_deb_install_use_policy_upgrade_remove(bundle, user, smol_model, tmp_path_factory):
    out = tmp_path_factory.mktemp("debs")
    build = ROOT / "installer" / "linux" / "build-deb.sh"
    v1 = (bundle / "VERSION").read_text().strip()
    v2 = f"{v1}+ci2"
    deb1 = Path(sh("bash", build, "--out", out).stdout.strip())
    deb2 = Path(sh("bash", build, "--version", v2, "--out", out).stdout.strip())
    info = sh("dpkg-deb", "--field", deb1, "Package", "Version", "Depends").stdout
    assert f"Version: {v1}" in info and "libxcb-cursor0" in info and "libc6 (>= 2.36)" in info
    listing = sh("dpkg-deb", "--contents", deb1).stdout
    for path in ("./opt/confidant/confidant", "./usr/bin/confidant", "./usr/share/applications/confidant.desktop",
                 "./usr/share/icons/hicolor/scalable/apps/confidant.svg", "./usr/share/doc/confidant/sbom.cdx.json"):
        assert path in listing, path

    saved_policy = POLICY.read_bytes() if POLICY.exists() else None
    purge_package()
    POLICY.unlink(missing_ok=True)
    try:
        _lifecycle(user, smol_model, deb1, deb2, v2)
    finally:
        purge_package()
        POLICY.unlink(missing_ok=True)
        if saved_policy is not None:
            POLICY.write_bytes(saved_policy)


def _lifecycle(u, smol_model: Path, deb1: Path, deb2: Path, v2: str) -> None:
    home = Path(u.pw_dir)
    model = home / "models" / "smol.gguf"
    model.parent.mkdir()
    shutil.copyfile(smol_model, model)
    csv = home / "kunder.csv"
    csv.write_text(CSV, encoding="utf-8")
    for p in (model.parent, model, csv):
        os.chown(p, u.pw_uid, u.pw_gid)

    # Silent install, as IT's tooling does it.
    apt("install", str(deb1.resolve()))  # apt-get install ./confidant_*.deb
    assert Path("/opt/confidant/confidant").is_file()
    assert sh("which", "confidant").stdout.strip() == "/usr/bin/confidant"

    # 1. doctor as a normal user: no vault yet, the guard on, the bundled libraries found.
    doc = json.loads(as_user(u, "confidant", "doctor", "--json").stdout)
    assert doc["versions"]["sqlcipher3"] and doc["versions"]["llama_cpp_python"] == "0.3.36"
    assert doc["versions"]["pyside6"], "PySide6 metadata must be in the bundle"
    assert doc["network_guard"]["active"] is True
    assert doc["keyring"]["secure"] is False, "this user has no keyring: the passphrase path"
    assert doc["policy"] == {"source": None, "keys": {}}
    assert doc["home"] == str(home / ".local" / "share" / "Confidant")

    # 2. import a small Norwegian CSV, then draft with the small model (quick mode).
    rep = json.loads(as_user(u, "confidant", "import", str(home / "kunder.csv"), "--json").stdout)
    assert sum(f["notes_added"] for f in rep["files"]) == 2 and not any(f["error"] for f in rep["files"])
    vault = home / ".local" / "share" / "Confidant" / "vault.db"
    assert vault.is_file() and vault.stat().st_uid == u.pw_uid
    assert b"Nordmann" not in vault.read_bytes(), "the vault must be encrypted"
    draft = json.loads(as_user(u, *DRAFT,
                               model=model).stdout)
    assert draft["task"] and draft["text"].strip() and draft["conversation_id"]
    assert json.loads(as_user(u, "confidant", "purge", "--json").stdout)["days"] == 180  # the user's default

    # 3. The admin's policy wins over the user's setting and shows as managed.
    write_policy(f'[policy]\nretention_days = 30\nallow_export = false\nallowed_model_sha256 = ["{SMOL_SHA}"]\n')
    doc = json.loads(as_user(u, "confidant", "doctor", "--json").stdout)
    assert doc["policy"]["source"] == str(POLICY)
    assert doc["policy"]["keys"] == {"retention_days": 30, "allow_export": False, "allowed_model_sha256": [SMOL_SHA]}
    assert doc["vault"]["integrity_ok"] is True
    assert json.loads(as_user(u, "confidant", "purge", "--json").stdout)["days"] == 30
    as_user(u, *DRAFT, model=model)

    # 4. A policy pinning another hash: the model is refused, naming the policy.
    write_policy('allowed_model_sha256 = ["' + "0" * 64 + '"]\n')
    r = as_user(u, *DRAFT, model=model, check=False)
    assert r.returncode != 0 and "allowed_model_sha256" in r.stderr and str(POLICY) in r.stderr
    assert "Traceback" not in r.stderr

    # 5. A malformed policy stops the app with one line naming the file.
    write_policy("retention_days = 'thirty'\n")
    r = as_user(u, "confidant", "doctor", "--json", check=False)
    assert r.returncode != 0 and str(POLICY) in r.stderr and "retention_days" in r.stderr and "Traceback" not in r.stderr
    write_policy("retention_days = 30\n")

    # 6. Upgrade to a second build: the vault opens and the user's notes are still there.
    apt("install", str(deb2.resolve()))
    assert sh("dpkg-query", "-W", "-f=${Version}", "confidant").stdout == v2
    doc = json.loads(as_user(u, "confidant", "doctor", "--json").stdout)
    assert doc["vault"]["integrity_ok"] is True and doc["vault"]["encrypted"] is True

    # 7. Remove, then purge: nothing left under /opt/confidant, the user's vault kept.
    apt("remove", "confidant")
    assert not Path("/opt/confidant").exists() and not Path("/usr/bin/confidant").exists()
    assert vault.is_file()
    apt("purge", "confidant")
    assert not Path("/opt/confidant").exists()
    assert vault.is_file() and (home / ".local" / "share" / "Confidant" / "vault.key").is_file()

    # 8. Reinstalled, the same vault opens with the same passphrase and keeps its notes.
    apt("install", str(deb2.resolve()))
    doc = json.loads(as_user(u, "confidant", "doctor", "--json").stdout)
    assert doc["vault"]["integrity_ok"] is True and doc["vault"]["exists"] is True
    again = json.loads(as_user(u, "confidant", "import", str(home / "kunder.csv"), "--json").stdout)
    assert sum(f["notes_added"] for f in again["files"]) == 0, "re-import adds nothing: the notes are still there"
