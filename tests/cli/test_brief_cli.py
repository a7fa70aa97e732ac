"""`confidant brief`, `confidant tasks export` and structured questions in `confidant ask` (issue 23)."""

from __future__ import annotations

import json

import pytest

from tests.support import ical_strict
from tests.support.pipeline_seed import seed


@pytest.fixture
def sf_cli(cli, home, monkeypatch, tmp_path):
    from app.cli.common import passphrase_provider
    from app.core.context import open_context

    c = open_context(passphrase_provider)
    try:
        ids = seed(c)
    finally:
        c.close()
    # No model anywhere: what answers must come from the vault.
    monkeypatch.setenv("CONFIDANT_MODEL", str(tmp_path / "no-model-here.gguf"))
    return cli, ids


def test_brief_json_contract_facts_only(sf_cli):
    cli, ids = sf_cli
    code, out, err = cli("brief", "Nordlys Energi AS", "--as-of", "2026-05-20", "--facts-only", "--json")
    assert code == 0, err
    b = json.loads(out)
    assert list(b) == ["subject", "as_of", "last_contact", "deals", "open_tasks", "people", "changes", "risks", "summary",
                       "next_steps", "generated_at", "stale"]
    assert b["subject"]["kind"] == "account" and b["subject"]["name"] == "Nordlys Energi AS"
    assert b["last_contact"]["date"] == "2026-05-19" and b["last_contact"]["kind"] == "meeting"
    assert [d["status"] for d in b["deals"]] == ["open", "open", "won"]
    assert set(b["deals"][0]) >= {"id", "name", "account", "stage", "status", "amount", "currency", "close_date",
                                  "probability", "next_step", "contacts"}
    assert len(b["open_tasks"]) == 3 and [t["overdue"] for t in b["open_tasks"]] == [True, False, False]
    assert set(b["open_tasks"][0]) == {"id", "title", "due", "overdue"}
    assert {r["rule"] for r in b["risks"]} == {"overdue_close_date", "single_threaded", "overdue_task", "no_next_step"}
    assert all(set(r) == {"rule", "deal_id", "text", "evidence"} for r in b["risks"])
    assert b["summary"] == {"text": None, "citations": []} and b["next_steps"] == []


def test_brief_text_and_shown_is_recorded(sf_cli):
    cli, _ = sf_cli
    code, out, err = cli("brief", "Fjellheim Bygg AS", "--as-of", "2026-05-20", "--facts-only")
    assert code == 0, err
    assert "Last contact  2026-03-02 meeting" in out
    assert "! Fjellheim – Site sensors: no call, meeting, e-mail or note in 79 days (last 2026-03-02)." in out
    code, out, err = cli("brief", "Fjellheim Bygg AS", "--as-of", "2026-05-20", "--facts-only", "--json")
    assert json.loads(out)["changes"] == []  # shown a moment ago; nothing came in since


def test_brief_bad_input_is_one_line(sf_cli):
    cli, _ = sf_cli
    code, out, err = cli("brief", "Nordlys Energi AS", "--as-of", "20.05.2026", "--facts-only")
    assert code == 2 and err.strip() == "confidant: --as-of must be a date like 2026-05-24, not '20.05.2026'."
    code, out, err = cli("brief", "Nobody AS", "--facts-only")
    assert code == 3 and len(err.strip().splitlines()) == 1


def test_structured_questions_answer_without_a_model(sf_cli):
    cli, ids = sf_cli
    code, out, err = cli("ask", "Nordlys Energi AS", "Hvilken fase er avtalen i?")
    assert code == 0, err
    assert out.startswith("Nordlys – Fleet telematics 2026: Negotiation/Review, 1250000.50 NOK")
    assert "answered from the vault's records (no model)" in err
    code, out, err = cli("ask", "Nordlys Energi AS", "What is open?", "--json")
    res = json.loads(out)
    assert code == 0 and res["answered_from"] == "vault" and res["intent"] == "open_items"
    assert len(res["citations"]) == 3  # the three open tasks
    # Anything else goes to the model (here: none is installed, so it says so in one line).
    code, out, err = cli("ask", "Nordlys Energi AS", "What did Ingrid say about the DPA?")
    assert code != 0 and "no-model-here.gguf" in err


def test_tasks_export_ics_and_csv(sf_cli, tmp_path):
    cli, _ = sf_cli
    code, out, err = cli("tasks", "export", str(tmp_path / "tasks.ics"))
    assert code == 0, err
    cal = ical_strict.parse((tmp_path / "tasks.ics").read_bytes())
    assert len(cal.children) == 4 and "nothing was sent" in err
    code, out, err = cli("tasks", "export", str(tmp_path / "hs.csv"), "--format", "hubspot", "--target", "Fjellheim Bygg AS",
                         "--json")
    assert code == 0 and json.loads(out) == {"path": str(tmp_path / "hs.csv"), "tasks": 1, "format": "hubspot"}
    code, out, err = cli("tasks", "export", str(tmp_path / "tasks.txt"))
    assert code == 2 and "a .ics or a .csv file" in err


def test_tasks_export_obeys_allow_export(sf_cli, tmp_path, monkeypatch):
    cli, _ = sf_cli
    policy = tmp_path / "policy.toml"
    policy.write_text("allow_export = false\n")
    monkeypatch.setenv("CONFIDANT_POLICY", str(policy))
    code, out, err = cli("tasks", "export", str(tmp_path / "tasks.ics"))
    assert code == 1 and "allow_export = false" in err and not (tmp_path / "tasks.ics").exists()


def test_brief_with_the_real_model_then_from_the_vault_without_it(sf_cli, smol_model, monkeypatch):
    """The model part on the real SmolLM2 (its JSON shaped by the grammar), stored; the next
    brief of the same day comes from the vault even with no model file at all."""
    cli, _ = sf_cli
    monkeypatch.setenv("CONFIDANT_MODEL", str(smol_model))
    code, out, err = cli("brief", "Fjellheim Bygg AS", "--as-of", "2026-05-20", "--json", "--ctx", "2048",
                         "--max-tokens", "160", "--seed", "1")
    assert code == 0, err
    first = json.loads(out)
    assert set(first["summary"]) == {"text", "citations"}
    assert all(set(s) == {"text", "due", "citation"} for s in first["next_steps"])
    monkeypatch.setenv("CONFIDANT_MODEL", "/nonexistent/model.gguf")
    code, out, err = cli("brief", "Fjellheim Bygg AS", "--as-of", "2026-05-20", "--json")
    assert code == 0, err
    again = json.loads(out)
    assert again["generated_at"] == first["generated_at"] and again["summary"] == first["summary"]
    assert again["stale"] is False and "loading the model" not in err
