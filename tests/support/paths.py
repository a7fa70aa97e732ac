"""Where things are, computed in one place: the repository root and the test data folders."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # tests/support/paths.py -> the repository root
DATA = ROOT / "tests" / "data"
CRM = DATA / "crm"
VENDORS = CRM / "vendors"
SCHEMA = DATA / "schema"
