"""F3: forgetting a person also removes the conversations and drafts whose text names them
(an account-level "Known contacts" line), shows the other notes that mention them before
deleting, and can redact those mentions; the export and every decrypted row (FTS shadow
tables included) are then free of the name, e-mail and phone."""

from __future__ import annotations

import json

from app.cli.common import passphrase_provider
from app.core.context import open_context
from tests.support.privacy_seed import NOW, _conversation, canary, dump_all, seed

NAME, EMAIL, PHONE = "Kari Nordmann", "kari.nordmann@example.com", "912 34 567"


def _seed_with_mentions(home) -> dict:
    ctx = open_context(passphrase_provider)
    try:
        ids = seed(ctx.vault, canary("a"), canary("b"))
        with ctx.vault.transaction() as c:
            # An account-level ask: the "Known contacts" line names everyone, linked to Jürgen's note only.
            ids["account_ask"] = _conversation(
                c, "ask", None, ids["account"], [ids["notes"]["jurgen"][2]],
                f"Known contacts: {NAME} (Innkjøpssjef, {EMAIL}); Jürgen Weiß.", NOW)
            # Jürgen's note names Kari, with her phone number written another way.
            ids["mention"] = c.execute(
                "INSERT INTO notes(contact_id, account_id, occurred_at, title, body, source, content_key, created_at)"
                " VALUES (?, ?, '2026-10-20', 'Overtakelse', ?, 'hubspot', 'mention-1', ?)",
                (ids["jurgen"], ids["account"], f"Jürgen: KARI NORDMANN (+47 91234567) har sluttet, {EMAIL} virker ikke.", NOW),
            ).lastrowid
            ids["unrelated"] = _conversation(c, "ask", ids["jurgen"], ids["account"], [], "Lieferung kommt.", NOW)
        return ids
    finally:
        ctx.close()


def _leftovers(text: str) -> list[str]:
    low = text.lower()
    return [s for s in (NAME.lower(), EMAIL, "91234567", PHONE) if s in low]


def test_forget_removes_mentioning_conversations_and_redacts_other_notes(home, cli, tmp_path):
    ids = _seed_with_mentions(home)
    code, out, err = cli("forget", str(ids["kari"]), "--yes", "--redact-mentions", "--json")
    assert code == 0, err
    result = json.loads(out)
    assert result["mentions_redacted"] == 1
    assert result["conversations"] == 2  # the mixed one (linked) and the account-level ask (by text)

    code, _, err = cli("export", str(tmp_path / "all.json"))
    assert code == 0, err
    exported = (tmp_path / "all.json").read_text(encoding="utf-8")
    assert _leftovers(exported) == []
    assert "Lieferung kommt." in exported  # other conversations stay
    assert "Jürgen: [removed] ([removed]) har sluttet, [removed] virker ikke." in exported

    ctx = open_context(passphrase_provider)
    try:
        assert _leftovers(dump_all(ctx.vault.conn)) == []  # every decrypted row, FTS shadows too
        assert ctx.vault.conn.execute("SELECT count(*) FROM notes_fts WHERE notes_fts MATCH 'nordmann'").fetchone()[0] == 0
    finally:
        ctx.close()


def test_without_redaction_the_other_notes_are_shown_and_kept(home, cli):
    ids = _seed_with_mentions(home)
    ctx = open_context(passphrase_provider)
    try:
        from app.core.privacy import forget

        desc = forget.describe(ctx, str(ids["kari"]))
    finally:
        ctx.close()
    assert desc["mentions"] == [ids["mention"]] and desc["conversations"] == 2
    code, out, err = cli("forget", str(ids["kari"]), "--yes")
    assert code == 0, err
    assert f"1 other notes still mention them: #{ids['mention']}" in out
    code, out, err = cli("audit", "--json")
    row = [e for e in json.loads(out)["entries"] if e["event"] == "contact.forgotten"][0]
    assert row["details"]["conversations"] == 2 and "mentions_redacted" not in row["details"]


def test_forget_removes_an_account_conversation_that_lists_a_one_word_name(home, cli):
    """F3 (pass 2): a contact known by one word, no e-mail, no phone, listed in an account-level
    question's "Known contacts" line, is gone from that conversation after forget."""
    from app.core.assistant import prompts

    ctx = open_context(passphrase_provider)
    try:
        ids = seed(ctx.vault, canary("a"), canary("b"))
        with ctx.vault.transaction() as c:
            solo = c.execute(
                "INSERT INTO contacts(account_id, full_name, first_name, title, created_at, updated_at)"
                " VALUES (?, 'Zorandis', 'Zorandis', 'Driftssjef', ?, ?)", (ids["account"], NOW, NOW)).lastrowid
            subject = {"kind": "account", "name": "Fjord Logistics AS",
                       "contacts": [{"name": "Jürgen Weiß", "title": "Leiter"}, {"name": "Zorandis", "title": "Driftssjef"}]}
            prompt = prompts.head("Ola", subject, "") + "\n\n" + prompts.ask_task(question="Who runs operations?", lang="en")
            conv = _conversation(c, "ask", None, ids["account"], [ids["notes"]["jurgen"][2]], "Jürgen Weiß does.", NOW)
            c.execute("UPDATE messages SET content = ? WHERE conversation_id = ? AND role = 'user'", (prompt, conv))
            keep = _conversation(c, "ask", None, ids["account"], [], "Zorandisvej 4 is the depot.", NOW)
    finally:
        ctx.close()
    code, out, err = cli("forget", str(solo), "--yes", "--json")
    assert code == 0, err
    ctx = open_context(passphrase_provider)
    try:
        left = {r[0] for r in ctx.vault.conn.execute("SELECT id FROM conversations")}
        assert conv not in left and keep in left  # an unrelated word that merely starts alike stays
        assert "zorandis, driftssjef" not in dump_all(ctx.vault.conn).lower()
    finally:
        ctx.close()
