"""The pipeline's command-line contract (issue 22, DESIGN.md): `deals [TARGET] --json`,
`notes CONTACT --json` with kinds, and `import --json` counting deals and activities."""

from __future__ import annotations

import json
from decimal import Decimal

from tests.support.paths import CRM

SF = CRM / "pipeline" / "salesforce"
DEAL_KEYS = {"id", "name", "account", "stage", "status", "amount", "currency", "close_date", "probability", "next_step", "contacts"}


def _import(cli, folder=SF):
    code, out, err = cli("import", "--json", *map(str, sorted(folder.iterdir())))
    assert code == 0, err
    return json.loads(out)


def test_import_json_counts_deals_and_activities_per_kind_and_where_they_went(cli):
    t = _import(cli)["totals"]
    assert t["deals"]["added"] == 4 and t["deals"]["roles"] == 3
    assert (t["deals"]["linked_account"], t["deals"]["no_account"]) == (4, 0)
    a = t["activities"]
    assert (a["call"], a["meeting"], a["email"], a["task"], a["added"]) == (1, 1, 1, 2, 5)
    assert (a["linked_contact"], a["linked_account_only"], a["unlinked"]) == (4, 1, 0)
    assert t["notes_added"] == 0  # activities are not counted twice as notes


def test_deals_json_contract(cli):
    _import(cli)
    code, out, err = cli("deals", "--json")
    assert code == 0, err
    deals = json.loads(out)
    assert len(deals) == 4 and all(DEAL_KEYS <= set(d) for d in deals)
    by_name = {d["name"]: d for d in deals}
    pilot = by_name["Havbris fleet pilot"]
    assert Decimal(pilot["amount"]) == Decimal("12500000.00") and pilot["currency"] == "NOK"
    assert (pilot["status"], pilot["close_date"], pilot["probability"]) == ("open", "2026-06-30", 60)
    assert {"email": "marte.lunde@havbris.example.com", "name": "Marte Lunde", "role": "Decision Maker"}.items() <= \
        pilot["contacts"][0].items()
    assert by_name["Kystlys maintenance"]["amount"] is None and by_name["Kystlys maintenance"]["currency"] is None
    # TARGET: a contact's deals (the ones they have a role in), an account's deals.
    code, out, _ = cli("deals", "Sofie Dahl", "--json")
    assert [d["name"] for d in json.loads(out)] == ["Kystlys grid study"]
    code, out, _ = cli("deals", "Kystlys Energi AS", "--json")
    assert {d["name"] for d in json.loads(out)} == {"Kystlys grid study", "Kystlys maintenance"}
    code, out, _ = cli("deals", "Havbris Logistikk AS")
    assert code == 0 and "12 500 000.00 NOK" in out and "Decision Maker" in out


def test_notes_json_items_carry_kind_and_tasks_due_and_done(cli):
    _import(cli)
    code, out, err = cli("notes", "marte.lunde@havbris.example.com", "--json")
    assert code == 0, err
    items = json.loads(out)
    assert {i["kind"] for i in items} == {"call", "meeting", "task"}
    task = next(i for i in items if i["kind"] == "task")
    assert (task["due"], task["done"]) == ("2026-03-09", False)
    assert all("due" not in i for i in items if i["kind"] != "task")
    code, out, _ = cli("notes", "marte.lunde@havbris.example.com", "--json", "--kind", "call")
    assert [i["kind"] for i in json.loads(out)] == ["call"]
    # A plain note is of kind "note".
    code, out, _ = cli("import", str(CRM / "salesforce" / "Contact.csv"), str(CRM / "salesforce" / "Note.csv"))
    code, out, _ = cli("notes", "kari.braten@fjordlogistikk.example.com", "--json")
    assert {i["kind"] for i in json.loads(out)} == {"note"}


def test_deals_json_is_refused_when_exports_are_off(cli, home, tmp_path):
    import os
    from pathlib import Path

    _import(cli)
    Path(os.environ["CONFIDANT_POLICY"]).write_text("allow_export = false\n")
    code, out, err = cli("deals", "--json")
    assert code == 1 and "allow_export" in err and out == ""
