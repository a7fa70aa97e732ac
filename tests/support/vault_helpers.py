"""Helpers for tests that look at the vault's raw files."""

from __future__ import annotations

import os
from pathlib import Path


def files_under(root: Path) -> list[Path]:
    return [Path(d) / f for d, _, fs in os.walk(root) for f in fs]


def files_containing(roots: list[Path], needles: list[bytes]) -> list[tuple[Path, bytes]]:
    """Every (file, needle) where the needle occurs in the file's raw bytes, also as UTF-16."""
    hits = []
    for root in roots:
        for p in files_under(root):
            try:
                data = p.read_bytes()
            except (PermissionError, FileNotFoundError, IsADirectoryError):
                continue
            for n in needles:
                if n in data or n.decode().encode("utf-16-le") in data:
                    hits.append((p, n))
    return hits
