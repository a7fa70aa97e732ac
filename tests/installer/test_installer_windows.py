"""Windows: the WiX source compiles (msitools' wixl, against stand-in files) into a per-machine
MSI whose tables carry the upgrade code, the public policy properties and the registry values
the policy reader reads; the ADMX/ADML template matches the policy schema exactly.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from app.core.policy import POLICY_KEYS
from app.core.policy import windows as winpolicy
from tests.support.paths import ROOT

WIN = ROOT / "installer" / "windows"
ADMX_NS = {"p": "http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions"}
PUBLIC = {"model_path": "MODELPATH", "allowed_model_sha256": "MODELSHA256", "retention_days": "RETENTIONDAYS",
          "auto_lock_minutes": "AUTOLOCKMINUTES", "require_passphrase": "REQUIREPASSPHRASE",
          "allow_export": "ALLOWEXPORT", "store_reasoning": "STOREREASONING", "gpu": "GPU",
          "draft_templates": "DRAFTTEMPLATES",
          "risk_quiet_days": "RISKQUIETDAYS", "risk_max_contacts": "RISKMAXCONTACTS", "brief_closed_days": "BRIEFCLOSEDDAYS",
          "prompt_cache_mb": "PROMPTCACHEMB",
          "allow_opt_out_override": "ALLOWOPTOUTOVERRIDE",
          **{n: n.replace("_", "").upper() for n in POLICY_KEYS if n.startswith("inference_")}}
# What a Windows bundle holds where it matters: both executables, Python, llama.cpp's Vulkan build
# (its loadable backends beside ggml.dll: Vulkan, and one CPU backend per CPU class, of which
# llama.cpp loads the best the machine has) and the OpenMP runtime it links, SQLCipher, Qt's
# Windows platform plugin. Not the Vulkan loader (vulkan-1.dll): GPU drivers install it.
CPU_VARIANTS = ("x64", "sse42", "sandybridge", "haswell")  # scripts/patches/ggml-cpu-variants.patch
GGML_BACKENDS = ["_internal/llama_cpp/lib/ggml-vulkan.dll",
                 *(f"_internal/llama_cpp/lib/ggml-cpu-{v}.dll" for v in CPU_VARIANTS)]
STAND_INS = ["confidant.exe", "confidant-gui.exe", "_internal/python311.dll", "_internal/llama_cpp/lib/llama.dll",
             "_internal/llama_cpp/lib/ggml.dll", "_internal/llama_cpp/lib/ggml-base.dll", *GGML_BACKENDS,
             "_internal/libgomp-1.dll",
             "_internal/sqlcipher3/_sqlite3.cp311-win_amd64.pyd",
             "_internal/PySide6/plugins/platforms/qwindows.dll",
             # What legal and IT read: the licences the About dialog shows, the SBOM.
             "_internal/licenses/THIRD_PARTY_NOTICES.txt", "_internal/licenses/LICENSE", "sbom.cdx.json"]


def table(msi: Path, name: str) -> list[dict]:
    out = subprocess.run(["msiinfo", "export", str(msi), name], capture_output=True, text=True, check=True).stdout
    lines = out.splitlines()
    cols = lines[0].split("\t")
    return [dict(zip(cols, line.split("\t") + [""] * (len(cols) - len(line.split("\t"))))) for line in lines[3:] if line]


def _stand_in_bundle(folder: Path, files: list[str]) -> Path:
    for rel in files:
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(f"stand-in for {rel}\n")
    return folder


def _build_msi(bundle: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", str(WIN / "build-msi.sh"), "--bundle", str(bundle), "--version", "1.2.3+ci",
                           "--out", str(out)], capture_output=True, text=True)


@pytest.fixture(scope="module")
def msi(tmp_path_factory) -> Path:
    for tool in ("wixl", "wixl-heat", "msiinfo", "msibuild"):
        if shutil.which(tool) is None:
            pytest.fail(f"{tool} is not installed: run scripts/setup-system.sh (the test command does).")
    bundle = _stand_in_bundle(tmp_path_factory.mktemp("winbundle"), STAND_INS)
    out = tmp_path_factory.mktemp("msi") / "Confidant.msi"
    r = _build_msi(bundle, out)
    assert r.returncode == 0, r.stderr
    return out


def test_msi_is_per_machine_with_a_stable_upgrade_code(msi):
    props = {r["Property"]: r["Value"] for r in table(msi, "Property")}
    wxs = (WIN / "confidant.wxs").read_text()
    code = re.search(r'UpgradeCode="([0-9A-F-]+)"', wxs).group(1)
    assert props["ALLUSERS"] == "1"
    assert props["UpgradeCode"] == "{" + code + "}"
    assert props["ProductVersion"] == "1.2.3"  # numeric: the local suffix is dropped
    upgrades = {r["ActionProperty"]: r for r in table(msi, "Upgrade")}
    assert upgrades["OLDERFOUND"]["VersionMax"] == "1.2.3" and upgrades["NEWERFOUND"]["VersionMin"] == "1.2.3"
    assert any(r["Action"] == "RemoveExistingProducts" for r in table(msi, "InstallExecuteSequence"))
    assert set(PUBLIC.values()) <= set(props["SecureCustomProperties"].split(";"))
    info = subprocess.run(["msiinfo", "suminfo", str(msi)], capture_output=True, text=True, check=True).stdout
    assert "Template: x64;1033" in info


def test_msi_installs_the_bundle_and_a_start_menu_shortcut(msi):
    files = {r["FileName"].split("|")[-1] for r in table(msi, "File")}
    assert {Path(p).name for p in STAND_INS} <= files
    shortcut = table(msi, "Shortcut")[0]
    assert shortcut["Directory_"] == "ProgramMenuFolder" and shortcut["Target"] == "[INSTALLDIR]confidant-gui.exe"
    dirs = {r["Directory"]: r for r in table(msi, "Directory")}
    assert dirs["INSTALLDIR"]["Directory_Parent"] == "ProgramFiles64Folder"


def test_msi_ships_the_vulkan_backend_beside_ggml_and_never_the_vulkan_loader(msi, tmp_path):
    # The loadable backends must sit in the folder ggml.dll loads them from (app/core/llm/gpu.py).
    files = {r["File"]: r for r in table(msi, "File")}
    comps = {r["Component"]: r for r in table(msi, "Component")}
    dirs = {r["Directory"]: r for r in table(msi, "Directory")}

    def folder(name: str) -> str:
        (row,) = [r for r in files.values() if r["FileName"].split("|")[-1] == name]
        d, parts = comps[row["Component_"]]["Directory_"], []
        while d != "INSTALLDIR":
            parts.append(dirs[d]["DefaultDir"].split("|")[-1].split(":")[-1])
            d = dirs[d]["Directory_Parent"]
        return "/".join(reversed(parts))

    assert {folder(Path(p).name) for p in [*GGML_BACKENDS, "ggml.dll"]} == {"_internal/llama_cpp/lib"}
    assert not any(r["FileName"].split("|")[-1].lower() == "vulkan-1.dll" for r in files.values())
    # A bundle carrying its own Vulkan loader (it would shadow the driver's) is refused, naming the file.
    bad = _stand_in_bundle(tmp_path / "bundle", [*STAND_INS, "_internal/vulkan-1.dll"])
    r = _build_msi(bad, tmp_path / "bad.msi")
    assert r.returncode != 0 and "vulkan-1.dll" in r.stderr and not (tmp_path / "bad.msi").exists()


def test_msi_public_properties_write_exactly_the_policy_keys(msi):
    comps = {r["Component"]: r for r in table(msi, "Component")}
    regs = [r for r in table(msi, "Registry") if r["Key"] == winpolicy.KEY_PATH]
    assert {r["Name"] for r in regs} == set(POLICY_KEYS)
    for r in regs:
        spec, prop = POLICY_KEYS[r["Name"]], PUBLIC[r["Name"]]
        assert r["Root"] == "2"  # HKLM
        # Written only when the property is given on the msiexec command line.
        assert comps[r["Component_"]]["Condition"] == prop
        if spec.type in (int, bool):
            assert r["Value"] == f"#[{prop}]"  # REG_DWORD, what the reader expects
        elif spec.type is list:
            assert r["Value"] == f"[~][{prop}][~]"  # REG_MULTI_SZ replacing any old list
        else:
            assert r["Value"] == f"[{prop}]"


def test_msi_adds_an_outbound_firewall_block_rule_and_removes_it_on_uninstall(msi):
    actions = {r["Action"]: r for r in table(msi, "CustomAction")}
    seq = {r["Action"]: r for r in table(msi, "InstallExecuteSequence")}
    for exe in ("confidant.exe", "confidant-gui.exe"):
        name = f'name="Confidant: no network ({exe})"'
        add = [a for a in actions.values() if "firewall add rule" in a["Target"] and name in a["Target"]]
        delete = [a for a in actions.values() if "firewall delete rule" in a["Target"] and name in a["Target"]]
        assert len(add) == 1 and len(delete) == 1, exe
        assert "dir=out" in add[0]["Target"] and "action=block" in add[0]["Target"]
        assert f'program="[INSTALLDIR]{exe}"' in add[0]["Target"]
        for a in (add[0], delete[0]):
            t = int(a["Type"])
            assert t & 0x3F == 34 and t & 1024 and t & 2048  # exe in a folder, deferred, elevated
            assert a["Target"].startswith('"[System64Folder]netsh.exe" advfirewall firewall')
        assert seq[add[0]["Action"]]["Condition"] == "NOT REMOVE"
        assert int(seq[add[0]["Action"]]["Sequence"]) < int(seq["InstallFinalize"]["Sequence"])
        # Uninstall removes it; the old product removed by an upgrade does not.
        assert seq[delete[0]["Action"]]["Condition"] == 'REMOVE="ALL" AND NOT UPGRADINGPRODUCTCODE'
        assert int(seq[delete[0]["Action"]]["Sequence"]) < int(seq["RemoveFiles"]["Sequence"])


def test_admx_policies_match_the_schema_and_the_adml():
    admx = ET.parse(WIN / "admx" / "Confidant.admx").getroot()
    adml = ET.parse(WIN / "admx" / "en-US" / "Confidant.adml").getroot()
    strings = {s.get("id") for s in adml.iterfind(".//p:string", ADMX_NS)}
    presentations = {s.get("id") for s in adml.iterfind(".//p:presentation", ADMX_NS)}
    policies = admx.findall(".//p:policy", ADMX_NS)
    assert sorted(p.get("name") for p in policies) == sorted(POLICY_KEYS)
    for pol in policies:
        name, spec = pol.get("name"), POLICY_KEYS[pol.get("name")]
        assert pol.get("class") == "Machine" and pol.get("key") == winpolicy.KEY_PATH
        for ref in re.findall(r"\$\(string\.(\w+)\)", pol.get("displayName") + pol.get("explainText")):
            assert ref in strings, ref
        elements = list(pol.find("p:elements", ADMX_NS) or [])
        if spec.type is bool:
            assert pol.get("valueName") == name and not elements
            assert pol.find("p:enabledValue/p:decimal", ADMX_NS).get("value") == "1"
            assert pol.find("p:disabledValue/p:decimal", ADMX_NS).get("value") == "0"
            continue
        assert re.search(r"\$\(presentation\.(\w+)\)", pol.get("presentation")).group(1) in presentations
        (el,) = elements
        kind = el.tag.split("}")[1]
        if spec.type is int:
            assert kind == "decimal" and el.get("valueName") == name
            assert int(el.get("minValue")) == (0 if name in ("auto_lock_minutes", "prompt_cache_mb") else 1)
        elif spec.type is str:
            assert kind == "text" and el.get("valueName") == name
        else:  # a list: one value per item under the subkey the registry reader reads
            assert kind == "list" and el.get("key") == winpolicy.KEY_PATH + "\\" + name
