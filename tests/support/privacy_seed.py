"""Fictional CRM data with canary strings, written straight into a test vault."""

from __future__ import annotations

import uuid

NOW = "2026-11-01T10:00:00+00:00"


def canary(tag: str) -> str:
    # One token with a prefix no other word has, so FTS5 stores it whole in the index.
    return f"qz{tag}{uuid.uuid4().hex[:12]}"


def seed(vault, forget_canary: str, keep_canary: str, *, when: str = NOW) -> dict:
    """Two contacts at one account; Kari's notes carry ``forget_canary``, Jürgen's ``keep_canary``.

    A conversation used a note of each (so forgetting Kari must take it); another used only
    Jürgen's notes (it must stay). Returns the ids.
    """
    with vault.transaction() as c:
        acc = c.execute(
            "INSERT INTO accounts(name, name_key, created_at, updated_at) VALUES ('Fjord Logistics AS', 'fjord logistics as', ?, ?)",
            (when, when),
        ).lastrowid
        kari = c.execute(
            "INSERT INTO contacts(account_id, full_name, first_name, last_name, email, email_key, phone, title, created_at, updated_at)"
            " VALUES (?, 'Kari Nordmann', 'Kari', 'Nordmann', 'kari.nordmann@example.com', 'kari.nordmann@example.com',"
            " '+47 912 34 567', 'Innkjøpssjef', ?, ?)",
            (acc, when, when),
        ).lastrowid
        jurgen = c.execute(
            "INSERT INTO contacts(account_id, full_name, email, email_key, title, created_at, updated_at)"
            " VALUES (?, 'Jürgen Weiß', 'juergen.weiss@example.com', 'juergen.weiss@example.com', '=HYPERLINK(\"x\")', ?, ?)",
            (acc, when, when),
        ).lastrowid
        notes = {"kari": [], "jurgen": []}
        for i in range(3):
            notes["kari"].append(c.execute(
                "INSERT INTO notes(contact_id, account_id, occurred_at, title, body, source, content_key, created_at)"
                " VALUES (?, ?, ?, ?, ?, 'salesforce', ?, ?)",
                (kari, acc, f"2026-10-0{i + 1}", f"Møte {i}", f"Kari sa {forget_canary} om prisen, runde {i}.",
                 f"k{i}-{forget_canary}", when),
            ).lastrowid)
            notes["jurgen"].append(c.execute(
                "INSERT INTO notes(contact_id, account_id, occurred_at, title, body, source, content_key, created_at)"
                " VALUES (?, ?, ?, ?, ?, 'hubspot', ?, ?)",
                (jurgen, acc, f"2026-10-1{i}", f"Anruf {i}", f"Jürgen: {keep_canary} Lieferung in Kalenderwoche {40 + i}.",
                 f"j{i}-{keep_canary}", when),
            ).lastrowid)
        mixed = _conversation(c, "summarize", None, acc, [notes["kari"][0], notes["jurgen"][0]],
                              f"Summary mentioning {forget_canary}", when)
        c.execute("INSERT INTO drafts(conversation_id, subject, body, created_at) VALUES (?, 'Oppfølging', ?, ?)",
                  (mixed, f"Hei Kari, {forget_canary}", when))
        c.execute("INSERT INTO drafts(contact_id, subject, body, created_at) VALUES (?, 'Hei', ?, ?)",
                  (kari, f"Utkast {forget_canary}", when))
        only_j = _conversation(c, "ask", jurgen, acc, [notes["jurgen"][1]], f"Antwort {keep_canary}", when)
    return {"account": acc, "kari": kari, "jurgen": jurgen, "notes": notes, "mixed": mixed, "only_jurgen": only_j}


def _conversation(c, task, contact_id, account_id, note_ids, answer, when):
    cid = c.execute(
        "INSERT INTO conversations(task, contact_id, account_id, title, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
        (task, contact_id, account_id, task, when, when),
    ).lastrowid
    c.execute("INSERT INTO messages(conversation_id, role, content, created_at) VALUES (?, 'user', 'What happened?', ?)",
              (cid, when))
    c.execute("INSERT INTO messages(conversation_id, role, content, reasoning, created_at) VALUES (?, 'assistant', ?, ?, ?)",
              (cid, answer, "thinking about it", when))
    for n in note_ids:
        c.execute("INSERT INTO conversation_notes(conversation_id, note_id) VALUES (?, ?)", (cid, n))
    return cid


def dump_all(conn) -> str:
    """Every row of every table (FTS shadow tables included), blobs decoded loosely."""
    out = []
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    for t in tables:
        if t == "notes_fts":  # the virtual table reads through to notes; its shadows are dumped below
            continue
        for row in conn.execute(f'SELECT * FROM "{t}"'):
            for v in row:
                if isinstance(v, bytes):
                    out.append(v.decode("utf-8", "replace"))
                else:
                    out.append(str(v))
    assert any(t.startswith("notes_fts_") for t in tables)
    return "\n".join(out)
