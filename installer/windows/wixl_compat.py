"""Bridge the two WiX features confidant.wxs uses that msitools' wixl lacks (CI only).

wixl (msitools 0.101) has no ``Component/Condition`` and no ``Property/@Secure`` (an empty
Property element even fails the build). The release
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
    tree.write(dst, encoding="utf-8", xml_declaration=True)
    Path(tsv).write_text("\n".join(rows) + "\n")


def patch(msi: str, tsv: str) -> None:
    pairs = [line.split("\t", 1) for line in Path(tsv).read_text().splitlines() if line]
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
