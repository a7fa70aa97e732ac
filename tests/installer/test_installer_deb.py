"""The frozen bundle and the .deb, end to end, as IT would deploy them (issue 8).

Builds the bundle with installer/build-bundle.sh (cached: rebuilt only when sources change),
builds two .debs from it (the second a version bump), installs with apt-get as root, and
drives the installed `confidant` as a freshly created normal user with no keyring (the
passphrase path), offscreen: doctor, import, draft with the small model, the GPU build on
Mesa's software Vulkan driver (lavapipe: layers offloaded) and with no Vulkan driver at all (the
CPU, no error), the admin policy beating the user's setting (the GPU turned off included) and
refusing a model it does not pin, an upgrade, remove and purge keeping the user's vault. Needs
root, apt and mesa-vulkan-drivers (scripts/setup-system.sh; CI runs as root on Debian 12).

Hermetic (issue 11): the system state the test makes (/etc/confidant, /opt/confidant, the
package, the throwaway user) is created with explicit modes, never through the process umask
(earlier tests leave it at 077), and removed afterwards, also when the test fails; what
existed before is moved aside first and put back after, and the teardown checks that
nothing is left.
"""

from __future__ import annotations

import json
import os
import pwd
import re
import secrets
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.support.paths import ROOT

SMOL_SHA = "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53"
PASSPHRASE = "fjordlogistikk-2024-testpass"
POLICY = Path("/etc/confidant/policy.toml")
ETC = POLICY.parent
OPT = Path("/opt/confidant")
APP_ID = "com.example.confidant"  # app.core.about.APP_ID
DOC = Path("/usr/share/doc/confidant")
NB_ALREADY_OPEN = "Confidant er allerede åpent i et annet vindu"

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
    lib = internal / "llama_cpp" / "lib"
    assert (bundle / "confidant").is_file() and os.access(bundle / "confidant", os.X_OK)
    assert sorted(p.name for p in lib.glob("libllama.so*"))
    # llama.cpp's Vulkan build (issue 17): its loadable backends, GPU and one CPU backend per CPU class
    # (x64 to AVX2: the app runs on laptops without AVX2), beside the libggml.so.0 that libllama links
    # (app/core/llm/gpu.py loads them into that one; libggml.so is llama_cpp's own).
    cpu = {f"libggml-cpu-{v}.so" for v in ("x64", "sse42", "sandybridge", "haswell")}
    assert {"libggml-vulkan.so", "libggml.so", "libggml.so.0", "libggml-base.so.0", *cpu} <= {p.name for p in lib.iterdir()}
    # None for AVX-512 or AMX (scripts/patches/README.md), and no single-class CPU backend.
    assert {p.name for p in lib.glob("libggml-cpu*.so")} == cpu
    assert "libvulkan.so.1" in sh("readelf", "-d", lib / "libggml-vulkan.so").stdout
    # ... but never the Vulkan loader itself: the system's (Depends: libvulkan1) finds the machine's drivers.
    assert not [str(p) for p in bundle.rglob("libvulkan.so*")]
    assert list((internal / "sqlcipher3").glob("_sqlite3*.so"))
    assert (internal / "PySide6" / "Qt" / "plugins" / "platforms" / "libqoffscreen.so").is_file()
    assert (internal / "PySide6" / "Qt" / "plugins" / "platforms" / "libqxcb.so").is_file()
    assert list(internal.glob("libpython3.*.so*")), "Python itself must be inside"
    assert not list(internal.rglob("PySide6/QtNetwork*")), "the QtNetwork module must not be shipped"
    # The compiled translation, not its source (app/gui/i18n.py loads a .qm with no .ts beside it).
    assert (internal / "resources" / "i18n" / "confidant_nb.qm").stat().st_size > 1000
    assert not list((internal / "resources" / "i18n").glob("*.ts"))
    # Licences for the About dialog, from the same place app.core.about looks.
    lic = internal / "licenses"
    assert "Apache License" in (lic / "LICENSE").read_text()
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in (lic / "LGPL-3.0.txt").read_text()
    notices = (lic / "THIRD_PARTY_NOTICES.txt").read_text()
    for needle in ("How to relink", "SQLCipher", "OpenSSL", "llama.cpp", "\nPySide6_Essentials 6.", "\nsqlcipher3 0.",
                   "\nllama_cpp_python 0.3.36\nLicence: MIT", "\nJinja2 3.", "\ndiskcache 5.", "\nCPython 3.", "PYTHON SOFTWARE FOUNDATION LICENSE"):
        assert needle in notices, needle
    assert "\npytest " not in notices and "\ngguf " not in notices, "build/test-only packages are not shipped"


def _component(sbom: dict, name: str) -> list[dict]:
    return [c for c in sbom["components"] if c["name"].lower() == name.lower()]


def test_sbom_describes_the_shipped_bundle_with_native_parts_and_vex(bundle):
    sbom = json.loads((bundle / "sbom.cdx.json").read_text())
    v = (bundle / "VERSION").read_text().strip()
    assert json.loads((ROOT / "dist" / f"confidant-{v}.cdx.json").read_text())["components"] == sbom["components"]
    assert sbom["bomFormat"] == "CycloneDX" and sbom["specVersion"] == "1.6"
    assert sbom["metadata"]["component"]["name"] == "confidant" and sbom["metadata"]["component"]["version"] == v
    names = {c["name"].lower() for c in sbom["components"]}
    assert {"llama_cpp_python", "sqlcipher3", "pyside6_essentials", "jinja2", "cpython"} <= names
    # The bundle, not the build venv: PyInstaller's bootloader ships; its build-time parts and pip do not.
    assert "pyinstaller" in names and not names & {"pip", "altgraph", "pyinstaller-hooks-contrib", "gguf", "pytest"}
    # Every Python package in the bundle is the exact version the hashed locks pin (the bundle
    # venv installs only from them), so two machines building this commit ship the same set.
    pins = {}
    for lock in ("runtime.txt", "bundle.txt", "llama-cpp-python.txt"):
        for m in re.finditer(r"^([A-Za-z0-9_.-]+)==(\S+)", (ROOT / "scripts" / "lock" / lock).read_text(), re.M):
            pins[re.sub(r"[-_.]+", "-", m.group(1)).lower()] = m.group(2)
    shipped = {re.sub(r"[-_.]+", "-", c["name"]).lower(): c["version"] for c in sbom["components"]
               if c.get("purl", "").startswith("pkg:pypi/")}
    assert shipped and {k: (v, pins.get(k)) for k, v in shipped.items() if pins.get(k) != v} == {}
    (llama,) = _component(sbom, "llama.cpp")
    assert len(llama["version"]) >= 7 and all(ch in "0123456789abcdef" for ch in llama["version"])
    assert llama["purl"] == f"pkg:github/ggml-org/llama.cpp@{llama['version']}"
    (sqlcipher,) = _component(sbom, "sqlcipher")
    assert sqlcipher["version"].count(".") == 2
    provider = next(p["value"] for p in sqlcipher["properties"] if p["name"] == "confidant:crypto-provider")
    assert provider.startswith("openssl OpenSSL ")
    (sqlite,) = _component(sbom, "sqlite")
    assert sqlite["version"].startswith("3.")
    openssl = {c["version"] for c in _component(sbom, "openssl")}
    assert provider.split()[2] in openssl, "the OpenSSL linked into sqlcipher3 is listed"
    (qt,) = _component(sbom, "qt")
    assert qt["version"].startswith("6.") and qt["licenses"] == [{"expression": "LGPL-3.0-only"}]
    # VEX: diskcache ships (llama-cpp-python imports it) and its CVE is analysed as not reachable.
    (diskcache,) = _component(sbom, "diskcache")
    (vex,) = [x for x in sbom["vulnerabilities"] if x["id"] == "CVE-2025-69872"]
    assert vex["analysis"]["state"] == "not_affected" and vex["analysis"]["justification"] == "code_not_reachable"
    assert vex["affects"][0]["ref"] == diskcache["bom-ref"]


def _rmtree(p: Path) -> None:
    if p.is_symlink() or p.is_file():
        p.unlink()
    elif p.exists():
        shutil.rmtree(p)


def _package_installed() -> bool:
    return sh("dpkg-query", "-W", "-f=${Status}", "confidant", check=False).stdout.startswith("install ok")


@pytest.fixture
def system_state(tmp_path_factory):
    """/etc/confidant, /opt/confidant and the confidant package as the test needs them: absent.

    What was there is moved aside (a confidant package left by an earlier, killed run of this
    test is purged) and put back afterwards; whatever the test made is removed, also when it
    fails. The teardown fails if anything the test made is left.
    """
    aside = tmp_path_factory.mktemp("system-before")
    if _package_installed():
        purge_package()
    saved = {}
    for p in (ETC, OPT):
        if p.exists() or p.is_symlink():
            saved[p] = aside / p.name
            shutil.move(str(p), str(saved[p]))
    try:
        yield
    finally:
        problems = []
        try:
            purge_package()
        except BaseException as exc:  # pytest.fail raises a BaseException; restore the rest anyway
            problems.append(f"purge failed: {exc}")
        for p in (ETC, OPT):
            _rmtree(p)
        for p, keep in saved.items():
            shutil.move(str(keep), str(p))
        assert not problems and not _package_installed(), f"the confidant package is still installed: {problems}"
        for p in (ETC, OPT):
            assert p.exists() == (p in saved), f"{p} was {'not ' if p not in saved else ''}there before the test"


@pytest.fixture
def user():
    """A fresh normal user with a home, removed afterwards with its home, also on failure."""
    name = "cfd" + secrets.token_hex(4)
    sh("useradd", "--create-home", "--shell", "/bin/sh", name)
    u = pwd.getpwnam(name)
    try:
        yield u
    finally:
        sh("userdel", "--remove", name, check=False)
        leftover = [f"user {name}" for _ in [1] if name in {p.pw_name for p in pwd.getpwall()}]
        leftover += [u.pw_dir] if Path(u.pw_dir).exists() else []
        assert not leftover, f"left behind: {leftover}"


def _env(u, lang: str = "C.UTF-8", model: Path | None = None, extra: dict | None = None) -> list[str]:
    env = {
        "HOME": u.pw_dir, "USER": u.pw_name, "LOGNAME": u.pw_name, "PATH": "/usr/bin:/bin",
        "LANG": lang, "QT_QPA_PLATFORM": "offscreen", "CONFIDANT_PASSPHRASE": PASSPHRASE,
    }
    if model is not None:
        env["CONFIDANT_MODEL"] = str(model)
    env.update(extra or {})
    return ["runuser", "-u", u.pw_name, "--", "env", "-i", *[f"{k}={v}" for k, v in env.items()]]


def as_user(u, *args, model: Path | None = None, check: bool = True, lang: str = "C.UTF-8",
            timeout: float | None = None, extra: dict | None = None) -> subprocess.CompletedProcess:
    """Run ARGS as user U in a clean environment (plus EXTRA): no D-Bus session, so no keyring."""
    return sh(*_env(u, lang, model, extra), *args, check=check, cwd=u.pw_dir, timeout=timeout)


# llama.cpp lists a CPU-type Vulkan device such as lavapipe only when GGML_VK_VISIBLE_DEVICES names it
# (a real GPU needs nothing); no ICD file at all is a machine with no Vulkan driver.
LAVAPIPE = {"GGML_VK_VISIBLE_DEVICES": "0"}
NO_VULKAN_DRIVER = {**LAVAPIPE, "VK_ICD_FILENAMES": "/nonexistent/icd.json", "VK_DRIVER_FILES": "/nonexistent/icd.json"}


def last_model_load(home: Path) -> int:
    """The layers the installed app put on the GPU the last time it loaded the model (its log)."""
    (log,) = home.rglob("confidant.log")
    loads = re.findall(r"engine\.loaded .*gpu_layers=(-?\d+)", log.read_text())
    assert loads, "the app logged no model load"
    return int(loads[-1])


def second_window_message(u, lang: str) -> str:
    """Start the installed app's window (offscreen) as U, then start it again with LANG=LANG:
    the second one says the app is already open, in the user's language, and exits."""
    lock = Path(u.pw_dir) / ".local" / "share" / "Confidant" / "vault.lock"
    assert not lock.exists()
    first = subprocess.Popen([*_env(u), "confidant"], cwd=u.pw_dir, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while not (lock.exists() and lock.stat().st_size) and first.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
        assert first.poll() is None and lock.exists(), f"the window did not start: {first.communicate(timeout=10)}"
        return as_user(u, "confidant", lang=lang, timeout=60).stderr
    finally:
        if first.poll() is None:
            os.killpg(first.pid, signal.SIGTERM)
        try:
            first.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(first.pid, signal.SIGKILL)
            first.communicate()
        lock.unlink(missing_ok=True)  # killed, so its lock file stays (stale, but present)


# A short quick draft: what is checked is that the installed app loads and runs the model.
DRAFT = ["confidant", "draft", "kari.nordmann@example.com", "--quick", "--max-tokens", "48", "--ctx", "2048", "--json"]


def write_policy(text: str) -> None:
    # Explicit modes: mkdir(mode=...) is filtered by the process umask (077 after app code ran
    # in this process), and the installed app runs as a normal user who must read the policy.
    ETC.mkdir(exist_ok=True)
    ETC.chmod(0o755)
    POLICY.write_text(text)
    POLICY.chmod(0o644)


def purge_package() -> None:
    if _package_installed():
        apt("purge", "confidant")


def test_deb_install_use_policy_upgrade_remove(bundle, system_state, user, smol_model, tmp_path_factory):
    out = tmp_path_factory.mktemp("debs")
    build = ROOT / "installer" / "linux" / "build-deb.sh"
    v1 = (bundle / "VERSION").read_text().strip()
    v2 = f"{v1}+ci2"
    deb1 = Path(sh("bash", build, "--out", out).stdout.strip())
    deb2 = Path(sh("bash", build, "--version", v2, "--out", out).stdout.strip())
    info = sh("dpkg-deb", "--field", deb1, "Package", "Version", "Depends", "Recommends").stdout
    assert f"Version: {v1}" in info and "libxcb-cursor0" in info and "libc6 (>= 2.36)" in info
    fields = dict(re.findall(r"^(\w+): (.*(?:\n .*)*)", info, re.M))
    depends = {d.strip().split()[0] for d in fields["Depends"].replace("\n", " ").split(",")}
    recommends = {d.strip() for d in fields["Recommends"].replace("\n", " ").split(",")}
    # The Vulkan loader is the system's; a driver (Mesa's for AMD and Intel, lavapipe) is recommended.
    assert "libvulkan1" in depends and "mesa-vulkan-drivers" in recommends, info
    listing = sh("dpkg-deb", "--contents", deb1).stdout
    for path in ("./opt/confidant/confidant", "./usr/bin/confidant", f"./usr/share/applications/{APP_ID}.desktop",
                 f"./usr/share/metainfo/{APP_ID}.metainfo.xml", "./usr/share/icons/hicolor/scalable/apps/confidant.svg",
                 *[f"./usr/share/icons/hicolor/{n}x{n}/apps/confidant.png" for n in (16, 24, 32, 48, 64, 128, 256, 512)],
                 "./usr/share/doc/confidant/copyright", "./usr/share/doc/confidant/THIRD_PARTY_NOTICES.txt",
                 "./usr/share/doc/confidant/sbom.cdx.json", "./usr/share/doc/confidant/CHANGELOG.md",
                 "./usr/share/doc/confidant/SECURITY.md", "./opt/confidant/_internal/resources/i18n/confidant_nb.qm",
                 "./opt/confidant/_internal/licenses/THIRD_PARTY_NOTICES.txt"):
        assert path in listing, path
    # Nothing in the package is private to root (the stage's own modes never leak in).
    for line in listing.splitlines():
        mode, path = line.split()[0], line.split()[-1]
        assert mode[7] == "r" and (mode[0] != "d" or mode[9] == "x"), line
    assert not ETC.exists() and not OPT.exists(), "system_state starts from a machine without them"
    _lifecycle(user, smol_model, deb1, deb2, v2)


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
    # What IT's and legal's tools look for: valid AppStream data, the notices and the SBOM.
    assert shutil.which("appstreamcli"), "appstreamcli is missing: run scripts/setup-system.sh (Debian package appstream)"
    sh("appstreamcli", "validate", "--no-net", f"/usr/share/metainfo/{APP_ID}.metainfo.xml")
    assert "Exec=confidant" in Path(f"/usr/share/applications/{APP_ID}.desktop").read_text()
    assert "How to relink" in (DOC / "THIRD_PARTY_NOTICES.txt").read_text()
    assert json.loads((DOC / "sbom.cdx.json").read_text())["vulnerabilities"][0]["analysis"]["state"] == "not_affected"


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

    # 2b. The GPU (issue 17), on Mesa's software Vulkan driver. Under auto a software device counts as
    # no GPU, so the user pins 8 layers: doctor reports them on Vulkan, and a quick draft runs with them.
    as_user(u, "confidant", "config", "set", "gpu", "8")
    m = json.loads(as_user(u, "confidant", "doctor", "--json", model=model, extra=LAVAPIPE).stdout)["model"]
    assert (m["backend"], m["gpu_layers"]) == ("vulkan", 8) and "llvmpipe" in m["device"], m
    assert m["device_memory_total"] > 0 and "8 of 31 layers" in m["gpu"], m
    r = as_user(u, *DRAFT, model=model, extra=LAVAPIPE)
    assert json.loads(r.stdout)["text"].strip() and "GPU could not be used" not in r.stderr, r.stderr[-2000:]
    assert last_model_load(home) == 8
    # No Vulkan driver on the machine: the CPU, no error, the same pin kept for when one is installed.
    m = json.loads(as_user(u, "confidant", "doctor", "--json", model=model, extra=NO_VULKAN_DRIVER).stdout)["model"]
    assert (m["backend"], m["gpu_layers"], m["device"]) == ("cpu", 0, None) and "no GPU device" in m["gpu"], m
    r = as_user(u, *DRAFT, model=model, extra=NO_VULKAN_DRIVER)
    assert json.loads(r.stdout)["text"].strip() and "Traceback" not in r.stderr, r.stderr[-2000:]
    assert last_model_load(home) == 0

    # 3. The admin's policy wins over the user's setting and shows as managed; gpu = "off" beats the
    # user's pin even where a Vulkan device is there (docs/deploy.md).
    write_policy(f'[policy]\nretention_days = 30\nallow_export = false\nallowed_model_sha256 = ["{SMOL_SHA}"]\n'
                 'gpu = "off"\n')
    doc = json.loads(as_user(u, "confidant", "doctor", "--json", model=model, extra=LAVAPIPE).stdout)
    assert doc["policy"]["source"] == str(POLICY)
    assert doc["policy"]["keys"] == {"retention_days": 30, "allow_export": False, "allowed_model_sha256": [SMOL_SHA],
                                     "gpu": "off"}
    assert doc["vault"]["integrity_ok"] is True
    assert (doc["model"]["backend"], doc["model"]["gpu_layers"]) == ("cpu", 0) and "turned off" in doc["model"]["gpu"]
    assert json.loads(as_user(u, "confidant", "purge", "--json").stdout)["days"] == 30
    as_user(u, *DRAFT, model=model, extra=LAVAPIPE)
    assert last_model_load(home) == 0

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

    # 9. The installed app speaks bokmål to a Norwegian user (the .qm is inside the bundle).
    assert NB_ALREADY_OPEN in second_window_message(u, "nb_NO.UTF-8")
    assert "Confidant is already open in another window" in second_window_message(u, "C.UTF-8")
