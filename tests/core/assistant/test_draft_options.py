"""Draft options on the real vault and the real small model (SmolLM2-135M): the prompt that is
actually sent to the engine carries the chosen length and template, a follow-up that names a
language switches the language (and no longer sends the old language's rule), an edit is a
version of its own, the team library comes from policy, the signature names the user once."""

from __future__ import annotations

import pytest

from app.core.assistant import drafts, language, service, templates
from app.core.errors import UsageError
from app.core.llm.engine import Engine
from app.core.llm.models import verify
from app.core.vault import conversations
from tests.eval.seed import seed
from tests.support.recording_engine import RecordingEngine

FAST = {"answer_tokens": 24, "seed": 1, "thinking_budget": 0, "quick": True}


@pytest.fixture
def seeded(ctx):
    ids = seed(ctx.vault, accounts=["fjord"])
    ctx.settings.set("user_name", "Ola Hansen")
    return ids


@pytest.fixture
def engine(ctx, smol_model):
    eng = Engine.load(verify(smol_model, ctx.vault.conn, ctx.policy), n_ctx=2048, threads=2)
    yield RecordingEngine(eng)
    eng.close()


def test_a_follow_up_naming_a_language_switches_it_in_the_prompt_sent(ctx, seeded, engine):
    first = service.draft_follow_up(ctx, engine, "Kari Nordmann", lang="en", **FAST)
    assert "Write your whole answer in English" in engine.streamed[-1][0]["content"]
    service.continue_conversation(ctx, engine, first.conversation_id, "skriv den på norsk", **FAST)
    turn = engine.streamed[-1][-1]["content"]  # the new request, as the engine received it
    assert engine.streamed[-1][-1]["role"] == "user" and "skriv den på norsk" in turn
    assert "Norwegian Bokmål (nb) from now on" in turn and "English" not in turn
    conv = conversations.get(ctx.vault.conn, first.conversation_id)
    assert conv["messages"][2]["meta"]["lang"] == "nb"
    assert conversations.drafts(ctx.vault.conn, conv["id"])[-1]["language"] == "nb"
    # The next turn stays in the language asked for; "in English please" switches back.
    service.continue_conversation(ctx, engine, first.conversation_id, "make it shorter", **FAST)
    assert "write in Norwegian Bokmål." in engine.streamed[-1][-1]["content"]
    service.continue_conversation(ctx, engine, first.conversation_id, "in English please", **FAST)
    assert "English (en) from now on" in engine.streamed[-1][-1]["content"]
    assert "Bokmål" not in engine.streamed[-1][-1]["content"]


def test_length_and_a_company_template_shape_the_prompt_sent(home, tmp_path, smol_model):
    from app.cli.common import passphrase_provider
    from app.core.context import open_context

    lib = tmp_path / "team-templates"
    lib.mkdir()
    (lib / "renewal.toml").write_text(
        '[[template]]\nname = "renewal"\ntitle = "Remind them of the renewal"\n'
        'instruction = "Remind them that the framework agreement renews soon."\ntone = "formal"\nlength = "short"\n',
        encoding="utf-8")
    (tmp_path / "policy.toml").write_text(f'draft_templates = "{lib}"\n', encoding="utf-8")  # the home fixture's policy
    ctx = open_context(passphrase_provider)
    try:
        seed(ctx.vault, accounts=["fjord"])
        engine = RecordingEngine(Engine.load(verify(smol_model, ctx.vault.conn, ctx.policy), n_ctx=2048, threads=2))
        found = templates.find(ctx.vault.conn, ctx.policy, "renewal")
        assert found.source == "company" and not found.editable
        res = service.draft_follow_up(ctx, engine, "Kari Nordmann", template="renewal", **FAST)
        prompt = engine.streamed[-1][0]["content"]
        assert "<<<PURPOSE>>>" in prompt and "framework agreement renews soon" in prompt
        assert "Tone: formal" in prompt and "Length: short: at most 80 words" in prompt
        first = conversations.get(ctx.vault.conn, res.conversation_id)["messages"][0]["meta"]
        assert first["template"] == "renewal" and first["length"] == "short"
        # The user's own choice wins over the template's; a long e-mail is asked for in words.
        service.draft_follow_up(ctx, engine, "Kari Nordmann", template="renewal", length="long", tone="friendly", **FAST)
        assert "Length: thorough" in engine.streamed[-1][0]["content"] and "Tone: warm" in engine.streamed[-1][0]["content"]
        # A user may not take the company's name; an unknown template is one clear line.
        with pytest.raises(UsageError, match="taken"):
            with ctx.vault.transaction() as conn:
                templates.save_user_template(conn, ctx.policy, templates.Template("renewal", "Mine", "x"))
        with pytest.raises(UsageError, match="no template 'nope'"):
            service.draft_follow_up(ctx, engine, "Kari Nordmann", template="nope", **FAST)
        engine.close()
    finally:
        ctx.close()


def test_a_broken_company_template_file_is_one_line_naming_it(tmp_path):
    bad = tmp_path / "team.toml"
    bad.write_text('[[template]]\nname = "Bad Name"\ntitle = "x"\ninstruction = "y"\n', encoding="utf-8")
    with pytest.raises(UsageError, match="team.toml, template 1: the template name 'Bad Name'"):
        templates.read_file(bad)
    bad.write_text("[[template]\n", encoding="utf-8")
    with pytest.raises(Exception, match="team.toml is not valid TOML"):
        templates.read_file(bad)


def test_a_users_template_is_kept_in_the_vault_and_used(ctx, seeded, engine):
    with ctx.vault.transaction() as conn:
        templates.save_user_template(conn, ctx.policy, templates.Template(
            "pilot-check", "Check on the pilot", "Ask how the pilot at the two depots is going.", tone="brief"))
    mine = templates.user_templates(ctx.vault.conn)
    assert [(t.name, t.source, t.tone) for t in mine] == [("pilot-check", "user", "brief")]
    service.draft_follow_up(ctx, engine, "Kari Nordmann", template="pilot-check", **FAST)
    assert "how the pilot at the two depots is going" in engine.streamed[-1][0]["content"]
    assert [t.name for t in templates.all_templates(ctx.vault.conn, ctx.policy)][:4] == [
        "follow-up", "inquiry", "proposal", "concern"]
    with ctx.vault.transaction() as conn:
        assert templates.delete_user_template(conn, "pilot-check")
    assert templates.user_templates(ctx.vault.conn) == []


def test_an_edit_is_a_version_of_its_own_and_the_next_turn_revises_it(ctx, seeded, engine):
    first = service.draft_follow_up(ctx, engine, "Kari Nordmann", lang="en", **FAST)
    edited = service.save_edit(ctx, first.conversation_id, text="Hi Kari,\n\nMy own words.\n\nOla Hansen",
                               subject="My subject")
    assert edited.draft_id and edited.text.startswith("Hi Kari")
    saved = conversations.drafts(ctx.vault.conn, first.conversation_id)
    assert [d["body"] for d in saved][-1] == "Hi Kari,\n\nMy own words.\n\nOla Hansen" and len(saved) == 2
    assert saved[-1]["subject"] == "My subject"
    service.continue_conversation(ctx, engine, first.conversation_id, "make it warmer", **FAST)
    history = engine.streamed[-1]
    assert "Subject: My subject\n\nHi Kari,\n\nMy own words." in history[-2]["content"]  # the user's version
    assert "edited the e-mail by hand" in history[-3]["content"]
    with pytest.raises(UsageError):
        service.save_edit(ctx, first.conversation_id, text="  ")
    rows = conversations.list_all(ctx.vault.conn)
    assert rows[0]["latest_request"] == "make it warmer"


def test_a_recent_summary_reads_the_latest_notes_only(ctx, seeded, engine):
    from tests.eval.seed import add_notes

    acc = f"a{seeded['accounts']['fjord']}"
    add_notes(ctx.vault, seeded["contacts"]["kari"], seeded["accounts"]["fjord"], [f"Call {i} about the pilot." for i in range(20)])
    job = service.load_summary(ctx, acc, scope="recent")
    assert len(job.notes) == service.RECENT_NOTES
    assert len(service.load_summary(ctx, acc, scope="all").notes) > service.RECENT_NOTES


def test_language_requests_and_a_signature_that_names_the_user_once():
    assert language.requested("skriv den på norsk") == "nb" and language.requested("in English please") == "en"
    assert language.requested("på nynorsk") == "nn" and language.requested("make it shorter") is None
    assert language.normalise("nn-NO") == "nn"
    body = drafts.sign("Hi Kari,\n\nThanks.\n\nBest regards,\nOla Hansen", "Ola Hansen", "Ola Hansen\nSales, Firma AS")
    assert body.count("Ola Hansen") == 1 and body.endswith("Ola Hansen\nSales, Firma AS")
    assert drafts.sign("Hi.\n\nBest regards,\nOla", "Ola Hansen").count("Ola") == 1
