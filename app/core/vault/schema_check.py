"""What the migrations create, and what else a database holds.

A vault's schema is exactly what :mod:`app.core.vault.migrations` builds. Anything else (a
table that keeps copies of notes after ``forget``, a trigger that deletes audit rows, a view)
came from outside the app: from a crafted plaintext copy, or from someone who held the key.
:func:`foreign_objects` names such objects, and objects whose definition differs from the
migrations' (a trigger of the same name doing something else). Runs on the store thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

_SQL = "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"


@dataclass(frozen=True)
class SchemaObject:
    type: str  # table, index, trigger, view
    name: str
    table: str


def _norm(sql: str | None) -> str:
    return " ".join((sql or "").split()).lower()


@lru_cache(maxsize=1)
def expected() -> dict[tuple[str, str], str]:
    """(type, name) -> normalised SQL of every object a freshly migrated vault holds."""
    import sqlcipher3

    from app.core.vault import migrations

    conn = sqlcipher3.connect(":memory:", isolation_level=None)
    try:
        migrations.migrate(conn)
        return {(t, n): _norm(sql) for t, n, _, sql in conn.execute(_SQL)}
    finally:
        conn.close()


def foreign_objects(conn, schema: str = "main") -> list[SchemaObject]:
    """Tables, indexes, triggers and views the migrations did not create (or created
    differently), in name order."""
    want = expected()
    found = []
    for t, n, tbl, sql in conn.execute(_SQL.replace("sqlite_master", f"{schema}.sqlite_master") + " ORDER BY name"):
        if want.get((t, n)) != _norm(sql):
            found.append(SchemaObject(t, n, tbl))
    return found


def describe(objs: list[SchemaObject]) -> str:
    return ", ".join(f"{o.type} {o.name}" for o in objs[:5]) + (f" and {len(objs) - 5} more" if len(objs) > 5 else "")
