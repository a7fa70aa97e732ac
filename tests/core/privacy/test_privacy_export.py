"""Exports: the documented JSON format (checked against the schema in the repo), CSV that a
spreadsheet cannot run, private files that never overwrite by accident, and IT's veto."""

import csv
import json
import os
import stat
from pathlib import Path

from app.cli.common import passphrase_provider
from app.core.context import open_context
from tests.support.paths import ROOT
from tests.support.privacy_seed import canary, seed

SCHEMA = json.loads((ROOT / "resources" / "schemas" / "export-v1.schema.json").read_text())


def _check(value, schema, path="$"):
    """The subset of JSON Schema 2020-12 our schema uses: type, const, enum, oneOf, $ref,
    properties, required, additionalProperties=false, items. Returns the problems."""
    if "$ref" in schema:
        schema = SCHEMA["$defs"][schema["$ref"].split("/")[-1]]
    if "const" in schema and value != schema["const"]:
        return [f"{path}: expected {schema['const']!r}"]
    if "enum" in schema and value not in schema["enum"]:
        return [f"{path}: {value!r} not in enum"]
    if "oneOf" in schema:
        ok = [s for s in schema["oneOf"] if not _check(value, s, path)]
        return [] if len(ok) == 1 else [f"{path}: matches {len(ok)} of oneOf"]
    types = schema.get("type")
    if types:
        pytypes = {"string": str, "integer": int, "null": type(None), "object": dict, "array": list, "boolean": bool}
        if not any(isinstance(value, pytypes[t]) and not (t == "integer" and isinstance(value, bool))
                   for t in ([types] if isinstance(types, str) else types)):
            return [f"{path}: {type(value).__name__} is not {types}"]
    problems = []
    if isinstance(value, dict):
        props = schema.get("properties", {})
        problems += [f"{path}: missing {k}" for k in schema.get("required", []) if k not in value]
        if schema.get("additionalProperties") is False:
            problems += [f"{path}: unexpected {k}" for k in value if k not in props]
        for k, v in value.items():
            if k in props:
                problems += _check(v, props[k], f"{path}.{k}")
    if isinstance(value, list) and "items" in schema:
        for i, v in enumerate(value):
            problems += _check(v, schema["items"], f"{path}[{i}]")
    return problems


def _seeded():
    secret, kept = canary("kari"), canary("jurgen")
    ctx = open_context(passphrase_provider)
    ids = seed(ctx.vault, secret, kept)
    ctx.close()
    return secret, kept, ids


def test_json_export_of_everything_follows_the_schema(home, cli, tmp_path):
    secret, kept, ids = _seeded()
    out = tmp_path / "all.json"
    code, stdout, err = cli("export", str(out))
    assert code == 0, err
    assert "NOT encrypted" in err
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert _check(doc, SCHEMA) == []
    assert doc["format"] == "confidant-export" and doc["version"] == 1 and doc["scope"] == {"kind": "all"}
    assert sorted(c["full_name"] for c in doc["contacts"]) == ["Jürgen Weiß", "Kari Nordmann"]
    assert len(doc["notes"]) == 6 and len(doc["conversations"]) == 2 and len(doc["drafts"]) == 2
    # The model's reasoning is never exported with the answer.
    assert "thinking about it" not in out.read_text(encoding="utf-8")
    # A schema check that can fail: a stray field is caught.
    doc["contacts"][0]["password"] = "x"
    assert _check(doc, SCHEMA) == ["$.contacts[0]: unexpected password"]


def test_one_contact_export_holds_only_what_is_about_them(home, cli, tmp_path):
    secret, kept, ids = _seeded()
    out = tmp_path / "kari.json"
    code, _, err = cli("export", str(out), "--contact", "Kari Nordmann", "--json")
    assert code == 0, err
    text = out.read_text(encoding="utf-8")
    doc = json.loads(text)
    assert _check(doc, SCHEMA) == []
    assert doc["scope"] == {"kind": "contact", "contact_id": ids["kari"]}
    assert [c["full_name"] for c in doc["contacts"]] == ["Kari Nordmann"]
    assert [a["name"] for a in doc["accounts"]] == ["Fjord Logistics AS"]
    assert len(doc["notes"]) == 3 and secret in text
    # The shared conversation used one of her notes, so it is hers to see (with its note links).
    assert [c["id"] for c in doc["conversations"]] == [ids["mixed"]]
    assert len(doc["drafts"]) == 2
    assert "Jürgen:" not in text  # his notes are not part of her export


def test_csv_export_neutralises_formulas(home, cli, tmp_path):
    _seeded()
    ctx = open_context(passphrase_provider)
    with ctx.vault.transaction() as c:
        c.execute("UPDATE notes SET title = '+47 cmd', body = '@SUM(1+1)' WHERE id = 1")
        c.execute("UPDATE notes SET body = '-2+3', title = ? WHERE id = 2", ("\tTAB",))
    ctx.close()
    out = tmp_path / "all.csv"
    code, _, err = cli("export", str(out), "--format", "csv")
    assert code == 0, err
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    rows = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines(keepends=True)))
    by = {(r["record"], r["id"]): r for r in rows}
    assert by[("contact", "2")]["title"] == "'=HYPERLINK(\"x\")"
    assert by[("note", "1")]["subject"] == "'+47 cmd" and by[("note", "1")]["body"] == "'@SUM(1+1)"
    assert by[("note", "2")]["body"] == "'-2+3" and by[("note", "2")]["subject"] == "'\tTAB"
    assert by[("contact", "1")]["name"] == "Kari Nordmann"
    assert {r["record"] for r in rows} == {"account", "contact", "note", "conversation", "message", "draft"}
    for r in rows:
        for v in r.values():
            assert not v or v[0] not in "=+-@\t\r", v


def test_existing_path_is_refused_unless_forced(home, cli, tmp_path):
    _seeded()
    out = tmp_path / "precious.json"
    out.write_text("do not overwrite")
    code, _, err = cli("export", str(out))
    assert code == 2 and "already exists" in err and "--force" in err
    assert out.read_text() == "do not overwrite"
    # A symlink planted at the path is replaced, never written through.
    target = tmp_path / "target.txt"
    target.write_text("keep me")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    code, _, err = cli("export", str(link), "--force")
    assert code == 0, err
    assert target.read_text() == "keep me" and not link.is_symlink()
    code, _, _ = cli("export", str(out), "--force")
    assert code == 0 and json.loads(out.read_text())["format"] == "confidant-export"


def test_policy_can_forbid_exports(home, cli, tmp_path):
    _seeded()
    Path(os.environ["CONFIDANT_POLICY"]).write_text("allow_export = false\n")
    out = tmp_path / "x.json"
    code, _, err = cli("export", str(out))
    assert code == 1 and "turned off by your IT policy" in err
    assert not out.exists()


def test_exports_are_audited_without_content(home, cli, tmp_path):
    _seeded()
    assert cli("export", str(tmp_path / "k.csv"), "--contact", "kari.nordmann@example.com", "--format", "csv")[0] == 0
    code, out, _ = cli("audit", "--json")
    rows = [r for r in json.loads(out)["entries"] if r["event"] == "data.exported"]
    assert rows[-1]["details"] == {"scope": "contact#1", "format": "csv", "accounts": 1, "contacts": 1,
                                   "notes": 3, "conversations": 1, "drafts": 2, "deals": 0, "deal_contacts": 0,
                                   "activities": 0}


def _people_and_notes(conn):
    contacts = sorted(conn.execute(
        "SELECT c.full_name, c.first_name, c.last_name, c.email, c.phone, c.title, a.name FROM contacts c "
        "LEFT JOIN accounts a ON a.id = c.account_id").fetchall())
    notes = sorted(conn.execute(
        "SELECT c.email, a.name, n.occurred_at, n.title, n.body, n.source FROM notes n "
        "LEFT JOIN contacts c ON c.id = n.contact_id LEFT JOIN accounts a ON a.id = n.account_id").fetchall())
    return contacts, notes


def test_round_trip_into_an_empty_vault(home, cli, tmp_path, monkeypatch):
    _seeded()
    out = tmp_path / "everything.json"
    assert cli("export", str(out))[0] == 0
    ctx = open_context(passphrase_provider)
    before = _people_and_notes(ctx.vault.conn)
    ctx.close()

    from app.core.crm.importer import import_files

    monkeypatch.setenv("CONFIDANT_HOME", str(tmp_path / "other-home"))
    ctx = open_context(passphrase_provider)
    try:
        report = import_files(ctx.vault, [out]).as_json()
        assert report["files"][0]["format"] == "confidant"
        assert report["totals"]["contacts_added"] == 2 and report["totals"]["notes_added"] == 6
        assert _people_and_notes(ctx.vault.conn) == before
        assert len(before[1]) == 6 and before[0][0][0] == "Jürgen Weiß"
        # Importing the same export again adds nothing.
        again = import_files(ctx.vault, [out]).as_json()
        assert again["totals"]["notes_added"] == 0 and _people_and_notes(ctx.vault.conn) == before
    finally:
        ctx.close()


def test_a_contacts_export_holds_no_one_elses_notes_from_stored_prompts(home, cli, tmp_path):
    """N6: after an account-level question, the person's access request held another
    contact's note text through the stored prompt. Only the person's own data goes out."""
    from app.cli.common import passphrase_provider
    from app.core.assistant import fencing, prompts
    from app.core.context import open_context
    from tests.support.privacy_seed import NOW, _conversation, canary, seed

    mine, theirs = canary("mine"), canary("theirs")
    ctx = open_context(passphrase_provider)
    try:
        ids = seed(ctx.vault, mine, theirs)
        conn = ctx.vault.conn
        notes = [dict(zip(("id", "date", "title", "body"), r)) for r in conn.execute(
            "SELECT id, occurred_at, title, body FROM notes WHERE id IN (?, ?)", (ids["notes"]["kari"][0], ids["notes"]["jurgen"][0]))]
        subject = {"kind": "account", "name": "Fjord Logistics AS", "contacts": [
            {"name": "Kari Nordmann", "title": "Innkjøpssjef", "email": "kari.nordmann@example.com"},
            {"name": "Jürgen Weiß", "email": "juergen.weiss@example.com"}]}
        prompt = prompts.head("Ola", subject, "\n\n".join(fencing.fence_note(n) for n in notes)) + "\n\n" + \
            prompts.ask_task(question="What did they say?", lang="en")
        assert theirs in prompt
        with ctx.vault.transaction() as c:
            conv = _conversation(c, "ask", None, ids["account"], [n["id"] for n in notes], "Both spoke.", NOW)
            c.execute("UPDATE messages SET content = ? WHERE conversation_id = ? AND role = 'user'", (prompt, conv))
    finally:
        ctx.close()
    for fmt in ("json", "csv"):
        out = tmp_path / f"kari.{fmt}"
        code, _, err = cli("export", str(out), "--contact", "kari.nordmann@example.com", "--format", fmt)
        assert code == 0, err
        text = out.read_text(encoding="utf-8")
        assert theirs not in text and "juergen.weiss@example.com" not in text and "Jürgen" not in text
        assert mine in text and "What did they say?" in text  # the person's own note and the question stay
    doc = json.loads((tmp_path / "kari.json").read_text(encoding="utf-8"))
    (c,) = [c for c in doc["conversations"] if c["id"] == conv]
    assert c["note_ids"] == [ids["notes"]["kari"][0]]
