"""An objecting person's notes never reach the model (issue 28), checked on what is actually
sent: a recording wrapper around the real engine (the real SmolLM2 model) keeps every
message list handed to ``Engine.stream`` and ``Engine.prefill``, for a contact task, an
account summary, a question about the account and the chat session's read-ahead."""

from __future__ import annotations

import pytest

from app.core.assistant import service
from app.core.crm.importer import import_files
from app.core.errors import AppError
from app.core.llm.engine import Engine
from app.core.llm.models import verify
from tests.support.paths import CRM
from tests.support.recording_engine import RecordingEngine

SF = CRM / "consent" / "salesforce"
PER = "per.lunde@fjordlys.example.com"  # HasOptedOutProcessing on his Individual
PER_TEXT = ("lagerrobot-piloten i Spjelkavik", "ryggoperasjonen")  # words only Per's notes hold
OTHERS = ("ordremodulen", "lagerterminaler", "Rammeavtalen")  # Ingrid's, Jonas's and the account's notes
FAST = {"answer_tokens": 6, "seed": 1, "thinking_budget": 0, "quick": True}


@pytest.fixture
def engine(ctx, smol_model):
    eng = Engine.load(verify(smol_model, ctx.vault.conn, ctx.policy), n_ctx=2048, threads=2)
    yield RecordingEngine(eng)
    eng.close()


@pytest.fixture
def fjordlys(ctx):
    report = import_files(ctx.vault, [str(SF / n) for n in ("Account.csv", "Contact.csv", "Individual.csv", "Note.csv")])
    assert report.ok
    ctx.settings.set("user_name", "Ola Hansen")


def _left_out(res) -> list[dict]:
    return [f for f in res.flags if f["kind"] == "consent_left_out"]


def test_contact_task_sends_none_of_the_objecting_persons_notes(ctx, fjordlys, engine):
    res = service.draft_follow_up(ctx, engine, PER, **FAST)
    assert engine.texts(prefills=True), "nothing reached the engine"
    for prompt in engine.texts(prefills=True):
        assert not any(t in prompt for t in PER_TEXT)
    assert "There are no notes to go on" in engine.texts(prefills=True)[-1]  # the draft was written without his notes
    assert _left_out(res) == [{"kind": "consent_left_out", "reason": "processing_objection", "count": 2,
                               "subject": "contact"}]


def test_account_summary_and_question_leave_out_only_the_objecting_person(ctx, fjordlys, engine):
    res = service.summarize(ctx, engine, "Fjordlys AS", **FAST)
    ask = service.ask(ctx, engine, "Fjordlys AS", "Hva sa de om lageret?", **FAST)
    assert len(engine.texts(prefills=True)) >= 2
    for prompt in engine.texts(prefills=True):
        assert not any(t in prompt for t in PER_TEXT)
        assert all(t in prompt for t in OTHERS)  # everyone else's notes were given
        assert "Per Lunde" not in prompt  # nor is he listed among the account's people
    for r in (res, ask):
        assert _left_out(r) == [{"kind": "consent_left_out", "reason": "processing_objection", "count": 2,
                                 "subject": "account"}]


def test_chat_read_ahead_and_follow_ups_never_carry_them(ctx, fjordlys, engine):
    job = service.load_subject(ctx, "Fjordlys AS")
    engine.prefill(job.prefix(engine), wait=True)
    assert not any(t in engine.texts(prefills=True)[-1] for t in PER_TEXT) and "ordremodulen" in engine.texts(prefills=True)[-1]
    # A conversation that used Per's notes before he objected cannot be continued.
    ctx.vault.conn.execute("UPDATE contact_consent SET processing_objection = 0")
    first = service.summarize(ctx, engine, "Fjordlys AS", **FAST)
    assert any(PER_TEXT[0] in p for p in engine.texts(prefills=True))  # without the flag, his notes do go in
    ctx.vault.conn.execute("UPDATE contact_consent SET processing_objection = 1 WHERE contact_id = "
                           "(SELECT id FROM contacts WHERE email_key = ?)", (PER,))
    sent = len(engine.texts(prefills=True))
    with pytest.raises(AppError, match="objected to processing"):
        service.continue_conversation(ctx, engine, first.conversation_id, "kortere", **FAST)
    assert len(engine.texts(prefills=True)) == sent
