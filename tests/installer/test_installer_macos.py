"""macOS: the packaging scripts parse, the distribution file is well-formed, and the example
configuration profile carries exactly the policy schema's keys with the right types (values
the managed-preferences reader would accept)."""

from __future__ import annotations

import plistlib
import subprocess
import xml.etree.ElementTree as ET

from app.core.policy import POLICY_KEYS
from app.core.policy import macos
from app.core.policy.reader import validate
from tests.support.paths import ROOT

MAC = ROOT / "installer" / "macos"


def test_scripts_parse():
    for script in [MAC / "build-pkg.sh", MAC / "scripts" / "postinstall"]:
        r = subprocess.run(["bash", "-n", str(script)], capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
        assert script.stat().st_mode & 0o111, f"{script.name} must be executable"
    text = (MAC / "build-pkg.sh").read_text()
    for step in ("pkgbuild", "productbuild", "notarytool submit", "stapler staple", "codesign"):
        assert step in text
    root = ET.parse(MAC / "distribution.xml").getroot()
    assert root.find("pkg-ref[@id='com.example.confidant.app']") is not None


def test_configuration_profile_matches_the_policy_schema():
    with (MAC / "confidant.mobileconfig").open("rb") as fh:
        profile = plistlib.load(fh)
    assert profile["PayloadType"] == "Configuration" and profile["PayloadScope"] == "System"
    (payload,) = profile["PayloadContent"]
    assert payload["PayloadType"] == macos.DOMAIN
    keys = {k: v for k, v in payload.items() if not k.startswith("Payload")}
    assert sorted(keys) == sorted(POLICY_KEYS)
    # Exactly what the reader's validation accepts (types, ranges, hash format).
    assert validate(keys, "example profile") == keys
