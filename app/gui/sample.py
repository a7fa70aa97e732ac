"""The bundled sample data: fictional accounts and notes to try Confidant with.

The files live in ``resources/sample/`` and are imported through the ordinary importer
(the import wizard), so trying the sample exercises the same path as a real export.
"""

from __future__ import annotations

from pathlib import Path

SAMPLE_DIR = Path(__file__).resolve().parents[2] / "resources" / "sample"


def sample_files() -> list[Path]:
    return sorted(p for p in SAMPLE_DIR.glob("*.csv") if p.is_file())
