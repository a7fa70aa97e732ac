"""The schema of a vault, as the migration tests and tests/support/schema_snapshot.py read it."""


def schema_of(conn) -> list[list]:
    rows = conn.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name"
    ).fetchall()
    return [list(r) for r in rows]
