"""Kernel-enforced "nothing leaves" on macOS: the app is signed with the App Sandbox and
without the network entitlements, so the OS refuses it any connection."""

from __future__ import annotations

import plistlib
import subprocess

from tests.support.paths import ROOT

MAC = ROOT / "installer" / "macos"


def test_entitlements_sandbox_the_app_without_network():
    with (MAC / "confidant.entitlements").open("rb") as fh:
        ent = plistlib.load(fh)
    assert ent["com.apple.security.app-sandbox"] is True
    assert "com.apple.security.network.client" not in ent
    assert "com.apple.security.network.server" not in ent
    assert not [k for k in ent if "network" in k]


def test_build_script_signs_with_those_entitlements():
    text = (MAC / "build-pkg.sh").read_text()
    assert '--entitlements "$here/confidant.entitlements"' in text
    assert subprocess.run(["bash", "-n", str(MAC / "build-pkg.sh")]).returncode == 0
