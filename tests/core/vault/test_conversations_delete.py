"""Deleting one conversation removes its turns and drafts, and is audited without content."""

import json

from app.core.vault import audit, conversations


def test_delete_one_conversation_removes_its_turns_and_drafts(ctx):
    conn = ctx.vault.conn
    with ctx.vault.transaction() as c:
        keep = conversations.create(c, "ask")
        gone = conversations.create(c, "draft")
        conversations.add_message(c, gone, "assistant", "Hei Kari, takk for møtet om lagermodulen.")
        conversations.add_message(c, keep, "assistant", "Pilot starts in March.")
        conversations.save_draft(c, gone, None, "Takk for møtet", "Hei Kari …", "nb")
    with ctx.vault.transaction() as c:
        assert conversations.delete(c, gone) is True
        assert conversations.delete(c, 999_999) is False
    assert [r["id"] for r in conversations.list_all(conn)] == [keep]
    assert conn.execute("SELECT count(*) FROM messages WHERE conversation_id = ?", (gone,)).fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM drafts").fetchone()[0] == 0
    last = audit.entries(conn)[-1]
    assert last["event"] == "conversation.deleted" and last["details"] == {"conversation": gone}
    assert "Kari" not in json.dumps(audit.entries(conn))
    assert audit.verify(conn)["ok"]
