"""User settings kept inside the vault (they can hold a name and a signature)."""

from __future__ import annotations

import json
from typing import Any


def get_all(conn) -> dict[str, Any]:
    return {k: json.loads(v) for k, v in conn.execute("SELECT key, value FROM settings")}


def put(conn, key: str, value: Any) -> None:
    conn.execute(
        "INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (key, json.dumps(value)),
    )


def delete(conn, key: str) -> None:
    conn.execute("DELETE FROM settings WHERE key = ?", (key,))
