"""Print the schema of a freshly migrated vault as JSON (see tests/data/schema/README.md)."""

import json
import os
import sys
import tempfile
from pathlib import Path

from app.core.vault.db import Vault
from tests.support.schema import schema_of

if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as d:
        v = Vault.open(Path(d) / "s.db", os.urandom(32))
        json.dump(schema_of(v.conn), sys.stdout, indent=1)
        sys.stdout.write("\n")
        v.close()
