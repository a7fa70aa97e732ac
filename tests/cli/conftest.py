"""Fixtures for the CLI tests (the root tests/conftest.py gives ``cli``, ``home`` and the models)."""

from __future__ import annotations

import pytest

from tests.eval.seed import seed


@pytest.fixture
def seeded_cli(cli, home, smol_model, monkeypatch):
    from app.cli.common import passphrase_provider
    from app.core.context import open_context

    c = open_context(passphrase_provider)
    try:
        ids = seed(c.vault, accounts=["fjord", "greenfield"])
        c.settings.set("user_name", "Ola Hansen")
    finally:
        c.close()
    monkeypatch.setenv("CONFIDANT_MODEL", str(smol_model))
    return cli, ids
