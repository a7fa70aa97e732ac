"""`confidant draft | ask | reply | history | eval` on a real vault and the real small model."""

from __future__ import annotations

import json
import stat

SMALL = ["--max-tokens", "24", "--ctx", "1024", "--seed", "1", "--thinking-budget", "0"]


def test_draft_json_eml_history_and_reply(seeded_cli, tmp_path):
    cli, ids = seeded_cli
    eml = tmp_path / "kari.eml"
    code, out, err = cli("draft", "kari.nordmann@example.com", "--about", "pilot", "--quick", "--json", "--eml", str(eml), *SMALL)
    assert code == 0, err
    res = json.loads(out)
    assert set(res) == {"conversation_id", "task", "text", "subject", "citations", "flags", "model", "reasoning_tokens",
                        "answer_tokens", "seconds"}
    assert "nothing was sent" in err
    assert stat.S_IMODE(eml.stat().st_mode) == 0o600 and b"kari.nordmann@example.com" in eml.read_bytes()

    code, out, err = cli("reply", str(res["conversation_id"]), "make it shorter", "--json", *SMALL)
    assert code == 0, err
    assert json.loads(out)["conversation_id"] == res["conversation_id"]

    code, out, err = cli("history", "--json")
    rows = json.loads(out)
    assert code == 0 and rows[0]["id"] == res["conversation_id"] and rows[0]["turns"] == 2
    assert rows[0]["contact"] == "Kari Nordmann"
    code, out, err = cli("history", str(res["conversation_id"]), "--json")
    turns = json.loads(out)["turns"]
    assert [t["role"] for t in turns] == ["user", "assistant", "user", "assistant"]
    assert turns[2]["text"] == "make it shorter" and turns[1]["text"].startswith("Subject: ")


def test_plain_output_is_the_checked_text_with_notes_on_stderr(seeded_cli):
    cli, ids = seeded_cli
    code, out, err = cli("ask", f"a{ids['accounts']['greenfield']}", "When does their contract end?", *SMALL)
    assert code == 0, err
    assert out.strip()
    assert f"note n{ids['notes']['greenfield'][2]} reads like instructions to an AI" in err
    assert "saved as conversation" in err


def test_ambiguous_contact_lists_matches_and_exits_non_zero(seeded_cli):
    cli, _ = seeded_cli
    code, out, err = cli("draft", "Nordmann", *SMALL)
    assert code == 4 and out == ""
    assert "matches 2 contacts" in err and "Kari Nordmann" in err and "Per Nordmann" in err


def test_missing_model_is_one_line(seeded_cli, monkeypatch, tmp_path):
    cli, _ = seeded_cli
    monkeypatch.setenv("CONFIDANT_MODEL", str(tmp_path / "nope.gguf"))
    code, out, err = cli("ask", "Kari Nordmann", "Pris?", *SMALL)
    assert code != 0 and len(err.strip().splitlines()) == 1 and "nope.gguf" in err
    code, _, err = cli("reply", "999", "shorter")
    assert code == 3 and "no conversation 999" in err


def test_eval_scores_the_small_model(seeded_cli, smol_model):
    cli, _ = seeded_cli
    code, out, err = cli("eval", "--model", str(smol_model), "--json", "--case", "kastrup-draft", "--case",
                         "greenfield-ask-budget", *SMALL)
    assert code == 0, err
    report = json.loads(out)
    assert report["cases"] == 2 and {c["id"] for c in report["per_case"]} == {"kastrup-draft", "greenfield-ask-budget"}
    draft = next(c for c in report["per_case"] if c["id"] == "kastrup-draft")
    assert draft["expected_language"] == "da" and draft["facts_total"] == 2
    for k in ("fact_recall", "citation_validity", "language_correct"):
        assert 0.0 <= report[k] <= 1.0
    assert isinstance(report["invented_facts"], int)
    print("eval on SmolLM2-135M:", {k: report[k] for k in ("fact_recall", "invented_facts", "citation_validity", "language_correct")})
    code, _, err = cli("eval", "--model", str(smol_model), "--case", "no-such-case", *SMALL)
    assert code == 1 and "no-such-case" in err


def test_draft_takes_length_and_a_template_and_refuses_an_unknown_one(seeded_cli):
    from app.cli.common import passphrase_provider
    from app.core.context import open_context
    from app.core.vault import conversations

    cli, _ = seeded_cli
    code, out, err = cli("draft", "kari.nordmann@example.com", "--template", "proposal", "--length", "short", "--quick",
                         "--json", *SMALL)
    assert code == 0, err
    cid = json.loads(out)["conversation_id"]
    c = open_context(passphrase_provider)
    try:
        first = conversations.get(c.vault.conn, cid)["messages"][0]
    finally:
        c.close()
    assert first["meta"]["template"] == "proposal" and first["meta"]["length"] == "short"
    assert "Length: short" in first["content"] and "<<<PURPOSE>>>" in first["content"]
    code, out, err = cli("draft", "kari.nordmann@example.com", "--template", "nope", *SMALL)
    assert code == 2 and out == "" and "There is no template 'nope'. Known: follow-up, inquiry, proposal, concern." in err


def test_an_unknown_length_is_refused_by_the_command_line(cli, capsys):
    import pytest

    with pytest.raises(SystemExit) as stop:
        cli("draft", "kari.nordmann@example.com", "--length", "huge")
    assert stop.value.code == 2 and "invalid choice: 'huge'" in capsys.readouterr().err
