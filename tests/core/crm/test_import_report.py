"""Where notes went, in every report: CLI text, `import --json`, the log (counts only);
encodings a user can override, with a warning when the guess looks wrong."""

from __future__ import annotations

import json
from pathlib import Path

from app.core.crm.detection import detect
from app.core.crm.importer import import_files
from app.core.vault import records
from tests.support.paths import VENDORS as V

PD = [str(V / "pipedrive" / n) for n in ("notes.csv", "persons.csv", "organizations.csv")]


def test_json_totals_and_files_carry_the_linkage(cli):
    code, out, err = cli("import", *PD, "--json")
    assert code == 0, err
    data = json.loads(out)
    assert {k: data["totals"][k] for k in ("notes_added", "notes_linked_contact", "notes_linked_account_only",
                                           "notes_unlinked")} == {"notes_added": 6, "notes_linked_contact": 3,
                                                                  "notes_linked_account_only": 2, "notes_unlinked": 1}
    notes = data["files"][0]
    assert notes["path"].endswith("notes.csv")
    assert (notes["notes_linked_contact"], notes["notes_linked_account_only"], notes["notes_unlinked"]) == (3, 2, 1)
    assert "Note - Person" in notes["link_warning"]
    persons = data["files"][1]
    assert persons["link_warning"] is None and persons["notes_unlinked"] == 0


def test_text_report_states_where_notes_went_and_warns_at_the_end(cli, home):
    code, out, err = cli("import", *PD)
    assert code == 0, err
    assert "  notes: 3 on a contact, 2 on a company only, 1 unlinked" in out
    assert "Notes: 3 on a contact, 2 on a company only, 1 unlinked" in out
    last = out.strip().splitlines()[-1]
    assert last.startswith("WARNING: notes.csv: 1 of 6 notes (17 %) could not be linked") and "Note - Person" in last
    # The log records the real number of warnings (issue 13 item 8), and no names or text.
    log = next(home.rglob("confidant.log")).read_text()
    line = next(ln for ln in log.splitlines() if "import.file" in ln and "notes_added=6" in ln)
    assert "warnings=3" in line and "notes_unlinked=1" in line
    assert "Ola" not in log and "Nordlys" not in log and "Per Hansen" not in log


def test_a_well_linked_file_has_no_link_warning(cli):
    hs = V / "hubspot"
    code, out, _ = cli("import", str(hs / "contacts.csv"), str(hs / "companies.csv"), str(hs / "notes.csv"))
    assert code == 0 and "WARNING" not in out


def _cp865_file(path: Path) -> Path:
    path.write_bytes("Fornavn;Etternavn;E-post;Firma\r\nBjørn;Dæhlie;bjorn@langrenn.example.com;Skiløper AS\r\n"
                     "Kåre;Ås;kare@langrenn.example.com;Skiløper AS\r\n".encode("cp865"))
    return path


def test_dos_nordic_file_warns_with_the_likely_code_page_and_imports_right_with_encoding(ctx, tmp_path):
    f = _cp865_file(tmp_path / "kunder.csv")
    det = detect(f)
    assert det.encoding == "cp1252"
    assert "Bj›rn" in det.encoding_warning and "--encoding cp865" in det.encoding_warning
    r = import_files(ctx.vault, [f])
    assert any("garbled" in w for w in r.as_json()["files"][0]["warnings"])
    assert records.resolve_contact(ctx.vault.conn, "bjorn@langrenn.example.com")["name"] == "Bj›rn D‘hlie"
    assert detect(f, encoding="cp865").encoding_warning is None
    r = import_files(ctx.vault, [f], encoding="cp865")
    assert r.ok and r.as_json()["files"][0]["warnings"] == []
    assert records.resolve_contact(ctx.vault.conn, "bjorn@langrenn.example.com")["name"] == "Bjørn Dæhlie"
    assert records.resolve_contact(ctx.vault.conn, "kare@langrenn.example.com")["name"] == "Kåre Ås"


def test_mac_roman_is_suggested_and_cli_encoding_option_works(cli, tmp_path):
    f = tmp_path / "mac.csv"
    f.write_bytes("First Name,Last Name,Email\rBjørn,Løvås,bjorn@fjord.example.com\r".encode("mac_roman"))
    code, out, _ = cli("import", str(f), "--json")
    assert code == 0
    warnings = json.loads(out)["files"][0]["warnings"]
    assert any("mac_roman" in w for w in warnings), warnings
    code, out, _ = cli("import", str(f), "--encoding", "mac_roman", "--json")
    assert code == 0
    code, out, _ = cli("contacts", "--json")
    assert "Bjørn Løvås" in out
    code, _, err = cli("import", str(f), "--encoding", "klingon")
    assert code == 2 and "unknown encoding 'klingon'" in err
