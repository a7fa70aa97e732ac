"""Counts for status displays (no content)."""


def counts(conn) -> dict[str, int]:
    tables = ("accounts", "contacts", "notes", "conversations", "drafts")
    return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
