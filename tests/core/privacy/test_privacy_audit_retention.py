"""The audit log is listed, verified, and names the row someone edited; retention purges
old conversations by an injected clock and leaves recent ones."""

import json
from datetime import datetime, timedelta, timezone

from app.cli.common import passphrase_provider
from app.core.context import open_context
from app.core.privacy import retention
from tests.support.privacy_seed import canary, seed


def test_audit_lists_and_verifies_then_names_an_edited_row(home, cli):
    ctx = open_context(passphrase_provider)
    seed(ctx.vault, canary("a"), canary("b"))
    ctx.close()
    assert cli("forget", "1", "--yes")[0] == 0
    code, out, err = cli("audit", "--verify")
    assert code == 0, err
    assert "contact.forgotten" in out and "subject=contact#1" in out and "Audit chain intact" in out

    code, out, _ = cli("audit", "--json", "--verify")
    doc = json.loads(out)
    target = next(r for r in doc["entries"] if r["event"] == "contact.forgotten")["id"]
    assert doc["verify"]["ok"] is True

    # Someone holding the key drops the append-only trigger and lowers a count.
    ctx = open_context(passphrase_provider)
    with ctx.vault.transaction() as c:
        c.execute("DROP TRIGGER audit_log_no_update")
        c.execute("UPDATE audit_log SET details = replace(details, '\"notes\":3', '\"notes\":0') WHERE id = ?", (target,))
    ctx.close()
    code, out, err = cli("audit", "--verify")
    assert code == 1
    assert f"row {target} does not match its hash chain" in err
    assert "audit_log_no_update" in err


def test_retention_purges_old_conversations_with_an_injected_clock(home):
    ctx = open_context(passphrase_provider)
    try:
        old = "2026-01-01T09:00:00+00:00"
        ids = seed(ctx.vault, canary("a"), canary("b"), when=old)
        with ctx.vault.transaction() as c:  # one conversation was continued recently
            c.execute("UPDATE conversations SET updated_at = '2026-06-25T12:00:00Z' WHERE id = ?", (ids["only_jurgen"],))
        clock = lambda: datetime(2026, 6, 30, 12, 0, tzinfo=timezone.utc)  # noqa: E731
        result = retention.run_due_maintenance(ctx, clock)
        assert result["days"] == 180 and result["conversations"] == 1
        conn = ctx.vault.conn
        assert [r[0] for r in conn.execute("SELECT id FROM conversations")] == [ids["only_jurgen"]]
        # drafts of the purged conversation went with it; the contact's own draft stays
        assert conn.execute("SELECT count(*) FROM drafts").fetchone()[0] == 1
        # reasoning is not kept unless the user chose to keep it
        assert conn.execute("SELECT count(*) FROM messages WHERE reasoning IS NOT NULL").fetchone()[0] == 0
        row = conn.execute("SELECT details FROM audit_log WHERE event = 'retention.purged'").fetchone()
        assert json.loads(row[0]) == {"conversations": 1, "days": 180, "reasoning_cleared": 1}
        # Later, with a shorter limit set by the user, the other one goes too.
        ctx.settings.set("retention_days", 3)
        later = lambda: datetime(2026, 6, 30, 12, 0, tzinfo=timezone.utc) + timedelta(days=2)  # noqa: E731
        assert retention.run_due_maintenance(ctx, later)["conversations"] == 1
        assert conn.execute("SELECT count(*) FROM conversations").fetchone()[0] == 0
    finally:
        ctx.close()
    assert (home / "data" / "vault.db-wal").exists() is False or (home / "data" / "vault.db-wal").stat().st_size == 0


def test_policy_retention_wins_and_cli_purges_at_start(home, cli, monkeypatch):
    import os
    from pathlib import Path

    ctx = open_context(passphrase_provider)
    seed(ctx.vault, canary("a"), canary("b"), when="2020-01-01T00:00:00+00:00")
    ctx.close()
    Path(os.environ["CONFIDANT_POLICY"]).write_text("retention_days = 30\n")
    code, out, _ = cli("purge", "--json")  # the start-up maintenance already purged
    assert code == 0 and json.loads(out)["days"] == 30
    ctx = open_context(passphrase_provider)
    try:
        assert ctx.vault.conn.execute("SELECT count(*) FROM conversations").fetchone()[0] == 0
    finally:
        ctx.close()
