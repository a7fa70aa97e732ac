"""Bridge the WiX features confidant.wxs uses that msitools' wixl lacks (CI only).

wixl (msitools 0.101) has no ``Component/Condition``, no ``Property/@Secure`` (an empty
Property element even fails the build) and no ``CustomAction`` that runs a command in a
directory (``Directory`` + ``ExeCommand``, type 34: the firewall rules). The release
build on Windows uses WiX 3 and needs neither step. Here:

    wixl_compat.py strip IN.wxs OUT.wxs CONDITIONS.tsv   # remove Component conditions, list them
    wixl_compat.py patch MSI CONDITIONS.tsv              # write them into the Component table

so the CI MSI has the same Component.Condition values the WiX 3 build has (a policy
registry value is written only when its public property is given).
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

NS = "http://schemas.microsoft.com/wix/2006/wi"


def strip(src: str, dst: str, tsv: str) -> None:
    ET.register_namespace("", NS)
    tree = ET.parse(src)
    rows = []
    product = tree.getroot().find(f"{{{NS}}}Product")
    for prop in product.findall(f"{{{NS}}}Property"):
        if prop.get("Secure") == "yes" and prop.get("Value") is None:
            rows.append(f"@secure\t{prop.get('Id')}")
            product.remove(prop)
    for comp in tree.iter(f"{{{NS}}}Component"):
        for cond in comp.findall(f"{{{NS}}}Condition"):
            rows.append(f"{comp.get('Id')}\t{cond.text.strip()}")
            comp.remove(cond)
    seq = product.find(f"{{{NS}}}InstallExecuteSequence")
    for ca in product.findall(f"{{{NS}}}CustomAction"):
        if ca.get("Directory") and ca.get("ExeCommand"):
            rows.append("@action\t" + "\t".join([ca.get("Id"), str(_action_type(ca)), ca.get("Directory"), ca.get("ExeCommand")]))
            product.remove(ca)
            for custom in list(seq.findall(f"{{{NS}}}Custom")) if seq is not None else []:
                if custom.get("Action") == ca.get("Id"):
                    rows.append("@sequence\t" + "\t".join([ca.get("Id"), custom.get("Before"), (custom.text or "").strip()]))
                    seq.remove(custom)
    tree.write(dst, encoding="utf-8", xml_declaration=True)
    Path(tsv).write_text("\n".join(rows) + "\n")


def _action_type(ca) -> int:
    # msidbCustomActionType: 34 exe in a directory; +64 ignore the exit code; +1024 deferred
    # (in script); +2048 no impersonation (runs as LocalSystem).
    t = 34
    if ca.get("Return") == "ignore":
        t += 64
    if ca.get("Execute") == "deferred":
        t += 1024
    if ca.get("Impersonate") == "no":
        t += 2048
    return t


def _patch_actions(msi: str, actions: list[list[str]], sequences: list[list[str]]) -> None:
    if not actions:
        return
    try:
        _export(msi, "CustomAction")
    except subprocess.CalledProcessError:
        _sql(msi, "CREATE TABLE `CustomAction` (`Action` CHAR(72) NOT NULL, `Type` SHORT NOT NULL, `Source` CHAR(72), "
                  "`Target` CHAR(255), `ExtendedType` LONG PRIMARY KEY `Action`)")
    for action, typ, source, target in actions:
        _sql(msi, f"INSERT INTO `CustomAction` (`Action`, `Type`, `Source`, `Target`) VALUES ('{action}', {typ}, '{source}', '{target}')")
    seqs = {r.split("\t")[0]: int(r.split("\t")[2]) for r in _export(msi, "InstallExecuteSequence")[3:]}
    used = set(seqs.values())
    for action, before, cond in sequences:
        n = seqs[before] - 1
        while n in used:
            n -= 1
        used.add(n)
        _sql(msi, f"INSERT INTO `InstallExecuteSequence` (`Action`, `Condition`, `Sequence`) VALUES ('{action}', '{cond}', {n})")


def patch(msi: str, tsv: str) -> None:
    lines = [line.split("\t") for line in Path(tsv).read_text().splitlines() if line]
    _patch_actions(msi, [ln[1:] for ln in lines if ln[0] == "@action"], [ln[1:] for ln in lines if ln[0] == "@sequence"])
    pairs = [(ln[0], "\t".join(ln[1:])) for ln in lines if ln[0] not in ("@action", "@sequence")]
    conditions = {k: v for k, v in pairs if k != "@secure"}
    secure = [v for k, v in pairs if k == "@secure"]
    rows = dict(r.split("\t", 1) for r in _export(msi, "Property")[3:])
    merged = ";".join(dict.fromkeys([n for n in rows.get("SecureCustomProperties", "").split(";") if n] + secure))
    if "SecureCustomProperties" in rows:
        _sql(msi, f"UPDATE `Property` SET `Value` = '{merged}' WHERE `Property` = 'SecureCustomProperties'")
    else:
        _sql(msi, f"INSERT INTO `Property` (`Property`, `Value`) VALUES ('SecureCustomProperties', '{merged}')")
    components = {r.split("\t", 1)[0] for r in _export(msi, "Component")[3:]}
    missing = set(conditions) - components
    if missing:
        sys.exit(f"wixl_compat: components not in the MSI: {', '.join(sorted(missing))}")
    for comp, cond in conditions.items():
        _sql(msi, f"UPDATE `Component` SET `Condition` = '{cond}' WHERE `Component` = '{comp}'")


def _export(msi: str, table: str) -> list[str]:
    out = subprocess.run(["msiinfo", "export", msi, table], check=True, capture_output=True, text=True).stdout
    return [line for line in out.splitlines() if line]


def _sql(msi: str, query: str) -> None:
    if query.count("'") % 2:
        sys.exit(f"wixl_compat: a quote in {query!r}")
    subprocess.run(["msibuild", msi, "-q", query], check=True)


if __name__ == "__main__":
    {"strip": strip, "patch": patch}[sys.argv[1]](*sys.argv[2:])
