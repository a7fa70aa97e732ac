"""The hashed locks in scripts/lock/: complete, consistent with pyproject.toml, what the test
venv really holds, and enforced by pip (a wheel whose bytes differ from the lock is refused)."""

from __future__ import annotations

import base64
import hashlib
import re
import subprocess
import sys
import tomllib
import zipfile
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from tests.support.paths import ROOT

LOCK = ROOT / "scripts" / "lock"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())


def parse_lock(path: Path) -> dict[str, tuple[str, list[str]]]:
    """name -> (version, [sha256...]) from a pip requirements file with hashes."""
    text = path.read_text().replace("\\\n", " ")
    out: dict[str, tuple[str, list[str]]] = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        m = re.match(r"([A-Za-z0-9_.\-\[\]]+)==([^\s;]+)", line)
        assert m, f"{path.name}: not an exact pin: {line[:80]}"
        name = canonicalize_name(m.group(1).split("[")[0])
        out[name] = (m.group(2), re.findall(r"--hash=sha256:([0-9a-f]{64})", line))
    return out


@pytest.mark.parametrize("name", ["runtime", "test", "build", "llama-cpp-python"])
def test_every_locked_package_is_pinned_with_hashes(name):
    pins = parse_lock(LOCK / f"{name}.txt")
    assert pins
    for pkg, (_version, hashes) in pins.items():
        assert hashes, f"{name}.txt: {pkg} has no hash"


def _satisfied(spec: str, pins: dict) -> None:
    req = Requirement(spec)
    if req.marker and not req.marker.evaluate({"sys_platform": "linux", "platform_system": "Linux"}):
        return
    name = canonicalize_name(req.name)
    assert name in pins, f"{req.name} is in pyproject.toml but not in the lock: run scripts/lock.sh"
    assert Version(pins[name][0]) in req.specifier, (
        f"{req.name}: the lock has {pins[name][0]}, pyproject.toml asks {req.specifier}: run scripts/lock.sh")


def test_locks_agree_with_pyproject():
    runtime, test = parse_lock(LOCK / "runtime.txt"), parse_lock(LOCK / "test.txt")
    llama = parse_lock(LOCK / "llama-cpp-python.txt")
    for spec in PYPROJECT["project"]["dependencies"]:
        _satisfied(spec, {**runtime, **llama})
    for spec in PYPROJECT["project"]["optional-dependencies"]["test"]:
        _satisfied(spec, test)
    # The test lock is the runtime lock plus test tools, never a different version of a runtime package.
    for name, (version, _h) in runtime.items():
        assert test[name][0] == version, f"{name}: runtime.txt {version}, test.txt {test[name][0]}"
    for spec in PYPROJECT["build-system"]["requires"]:
        _satisfied(spec, parse_lock(LOCK / "build.txt"))


def test_the_test_venv_holds_exactly_the_locked_versions():
    """What scripts/setup-venv.sh installed is what the lock says, so two machines agree."""
    pins = parse_lock(LOCK / "test.txt") | parse_lock(LOCK / "llama-cpp-python.txt")
    wrong = []
    for name, (version, _h) in pins.items():
        try:
            have = metadata.version(name)
        except metadata.PackageNotFoundError:
            wrong.append(f"{name} missing")
            continue
        if Version(have) != Version(version):
            wrong.append(f"{name} {have} (lock {version})")
    assert not wrong, "the venv differs from scripts/lock/test.txt: " + ", ".join(wrong)


def _wheel(path: Path, name: str, version: str, payload: bytes) -> Path:
    """A minimal valid wheel of NAME==VERSION whose module holds PAYLOAD."""
    dist = f"{name.replace('-', '_')}-{version}"
    whl = path / f"{dist}-py3-none-any.whl"
    files = {
        f"{name.replace('-', '_')}.py": payload,
        f"{dist}.dist-info/METADATA": f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n".encode(),
        f"{dist}.dist-info/WHEEL": b"Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    }
    record = []
    for arc, data in files.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        record.append(f"{arc},sha256={digest},{len(data)}")
    record.append(f"{dist}.dist-info/RECORD,,")
    with zipfile.ZipFile(whl, "w") as z:
        for arc, data in files.items():
            z.writestr(arc, data)
        z.writestr(f"{dist}.dist-info/RECORD", "\n".join(record) + "\n")
    return whl


def _pip_install(req: Path, wheels: Path, target: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-index", "--find-links", str(wheels), "--no-deps",
         "--require-hashes", "--isolated", "--target", str(target), "-r", str(req)],
        capture_output=True, text=True, timeout=120)


def test_pip_refuses_a_wheel_that_is_not_the_locked_file(tmp_path):
    """A package served with other bytes than the lock's (a tampered mirror or cache) is refused.

    The requirement line is the real one from scripts/lock/test.txt; the wheel offered under
    that name and version is not PyPI's file. As a control, the same wheel installs when the
    requirement carries its own hash, so the refusal is the hash check and nothing else.
    """
    name = "iniconfig"
    version, hashes = parse_lock(LOCK / "test.txt")[name]
    wheels = tmp_path / "wheels"
    wheels.mkdir()
    whl = _wheel(wheels, name, version, b"print('not the locked code')\n")
    locked = tmp_path / "locked.txt"
    locked.write_text(f"{name}=={version} " + " ".join(f"--hash=sha256:{h}" for h in hashes) + "\n")
    refused = _pip_install(locked, wheels, tmp_path / "t1")
    assert refused.returncode != 0
    assert "DO NOT MATCH THE HASHES" in refused.stderr
    assert not (tmp_path / "t1" / f"{name}.py").exists()

    own = tmp_path / "own.txt"
    own.write_text(f"{name}=={version} --hash=sha256:{hashlib.sha256(whl.read_bytes()).hexdigest()}\n")
    accepted = _pip_install(own, wheels, tmp_path / "t2")
    assert accepted.returncode == 0, accepted.stderr
    assert (tmp_path / "t2" / f"{name}.py").exists()
