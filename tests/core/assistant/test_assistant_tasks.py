"""Assistant tasks on a real encrypted vault and the real small model (SmolLM2-135M).

The small model writes poor prose, so these tests assert the machinery a user relies on:
the result's shape, citations checked against the notes given, injection flags, what is
stored (and what is not), cancel, follow-up prefix reuse, map-reduce, no-notes and
ambiguous contacts, and a DeepSeek-format model whose reasoning is cut by the budget.
"""

from __future__ import annotations

import threading

import pytest

from app.core.assistant import TaskCancelled, fencing, service
from app.core.assistant.generation import stop_flags
from app.core.errors import AmbiguousError
from app.core.llm.engine import Engine
from app.core.llm.events import AnswerChunk, Done
from app.core.llm.models import verify
from app.core.vault import audit, conversations
from tests.eval.seed import add_notes, seed

KEYS_DRAFT = ["conversation_id", "task", "text", "subject", "citations", "flags", "model", "reasoning_tokens",
              "answer_tokens", "seconds"]
FAST = {"answer_tokens": 24, "seed": 1, "thinking_budget": 0}


@pytest.fixture
def seeded(ctx):
    ids = seed(ctx.vault, accounts=["fjord", "greenfield"])
    ctx.settings.set("user_name", "Ola Hansen")
    return ids


def _engine(ctx, path, n_ctx):
    return Engine.load(verify(path, ctx.vault.conn, ctx.policy), n_ctx=n_ctx, threads=2)


@pytest.fixture
def engine(ctx, smol_model):
    eng = _engine(ctx, smol_model, 1024)
    yield eng
    eng.close()


def test_draft_is_fenced_cited_flagged_and_saved(ctx, seeded, engine):
    kari_notes = set(seeded["notes"]["fjord"])
    injection = seeded["notes"]["fjord"][4]
    res = service.draft_follow_up(ctx, engine, "kari.nordmann@example.com", about="pilotavtalen", **FAST)
    j = res.as_json()
    assert list(j) == KEYS_DRAFT and j["task"] == "draft"
    assert j["subject"] and j["text"].endswith("Ola Hansen")  # signed with the user's name
    assert all(c["note_id"] in kari_notes for c in j["citations"])
    assert {"kind": "instruction_like", "note_id": injection} in j["flags"]
    assert j["answer_tokens"] > 0 and j["model"]

    conv = conversations.get(ctx.vault.conn, j["conversation_id"])
    assert conv["task"] == "draft" and conv["contact_id"] == seeded["contacts"]["kari"]
    prompt = conv["messages"][0]["content"]
    assert "Norwegian Bokmål" in prompt  # the notes' language, detected
    assert fencing.DATA_RULES in prompt and f"<<<NOTE n{injection} |" in prompt
    assert "Ignore all previous instructions" in prompt.split(f"<<<NOTE n{injection} |")[1].split("<<<END NOTE")[0]
    assert prompt.index("TASK:") > prompt.rindex("<<<END NOTE")
    assert [m["role"] for m in conv["messages"]] == ["user", "assistant"]
    assert all(m["reasoning"] is None for m in conv["messages"])  # store_reasoning is off by default
    assert set(conv["note_ids"]) <= kari_notes and injection in conv["note_ids"]
    saved = conversations.drafts(ctx.vault.conn, conv["id"])
    assert saved[0]["body"] == j["text"] and saved[0]["language"] == "nb"
    assert audit.entries(ctx.vault.conn)[-1]["event"] == "assistant.task"


def test_follow_up_turn_reuses_prefix_and_saves_new_draft(ctx, seeded, engine):
    first = service.draft_follow_up(ctx, engine, "Kari Nordmann", lang="en", tone="brief", **FAST)
    again = service.continue_conversation(ctx, engine, first.conversation_id, "make it shorter", **FAST)
    assert again.conversation_id == first.conversation_id and again.task == "draft"
    assert again.reused_tokens > 200  # the first prompt was not read again
    conv = conversations.get(ctx.vault.conn, first.conversation_id)
    assert [m["role"] for m in conv["messages"]] == ["user", "assistant", "user", "assistant"]
    assert "make it shorter" in conv["messages"][2]["content"] and "English" in conv["messages"][2]["content"]
    assert len(conversations.drafts(ctx.vault.conn, conv["id"])) == 2
    assert [r["id"] for r in service.history(ctx)] == [conv["id"]]


def test_ask_uses_relevant_notes_and_checks_citations(ctx, seeded, engine):
    acc = f"a{seeded['accounts']['fjord']}"
    res = service.ask(ctx, engine, acc, "Hva sa Kari om prisen?", **FAST)
    conv = conversations.get(ctx.vault.conn, res.conversation_id)
    price_note = seeded["notes"]["fjord"][2]
    assert price_note in conv["note_ids"] and conv["account_id"] == seeded["accounts"]["fjord"]
    assert "Notatene sier ikke noe om det." in conv["messages"][0]["content"]  # the nb "notes don't say" phrase
    assert all(c["note_id"] in conv["note_ids"] for c in res.citations)
    assert res.language == "nb"


def test_cancel_saves_nothing_and_engine_stays_usable(ctx, seeded, engine):
    cancel = threading.Event()
    seen = []

    def on_event(ev):
        seen.append(ev)
        if isinstance(ev, AnswerChunk):
            cancel.set()

    with pytest.raises(TaskCancelled):
        service.draft_follow_up(ctx, engine, "Kari Nordmann", cancel=cancel, on_event=on_event, **FAST)
    assert any(isinstance(e, AnswerChunk) for e in seen)
    assert conversations.count(ctx.vault.conn) == 0
    assert ctx.vault.conn.execute("SELECT count(*) FROM drafts").fetchone()[0] == 0
    res = service.ask(ctx, engine, "Kari Nordmann", "What about the pilot?", **FAST)
    assert res.conversation_id is not None


def test_contact_without_notes_still_drafts_and_says_so(ctx, seeded, engine):
    res = service.draft_follow_up(ctx, engine, "Hanne Lie", **FAST)
    assert any(f["kind"] == "no_notes" for f in res.flags) and res.citations == []
    assert res.text and res.subject
    prompt = conversations.get(ctx.vault.conn, res.conversation_id)["messages"][0]["content"]
    assert "There are no notes about this subject." in prompt and "no notes to go on" in prompt
    asked = service.ask(ctx, engine, "Hanne Lie", "What did she say about the budget?", **FAST)
    assert asked.text == "The notes don't say." and asked.answer_tokens == 0  # no model needed


def test_ambiguous_contact_lists_matches(ctx, seeded, engine):
    with pytest.raises(AmbiguousError) as err:
        service.draft_follow_up(ctx, engine, "Nordmann", **FAST)
    assert len(err.value.matches) == 2 and any("Kari Nordmann" in m for m in err.value.matches)
    assert conversations.count(ctx.vault.conn) == 0


def test_summary_map_reduces_when_notes_exceed_context(ctx, seeded, smol_model):
    kari = seeded["contacts"]["kari"]
    acc = seeded["accounts"]["fjord"]
    bulk = add_notes(ctx.vault, kari, acc, [
        f"Oppfølging {i}: Kari Nordmann spurte om ruteplanlegging, leveringstider og integrasjon med SAP. "
        f"Vi diskuterte opplæring for sjåførene, rapporter per uke og hvordan piloten skal måles. Neste møte uke {10 + i}."
        for i in range(8)
    ])
    progress = []
    eng = _engine(ctx, smol_model, 768)
    try:
        res = service.summarize(ctx, eng, "kari.nordmann@example.com", on_progress=progress.append, answer_tokens=16, seed=1,
                              thinking_budget=0)
    finally:
        eng.close()
    chunks = [f for f in res.flags if f["kind"] == "map_reduce"]
    assert chunks and chunks[0]["chunks"] >= 2
    # Progress comes as typed steps (generation.Step); str() is the command line's wording.
    assert any(p.stage == "part" and p.part == 2 for p in progress) and progress[-1].stage == "write"
    assert str(progress[-1]) == "Writing the summary"
    conv = conversations.get(ctx.vault.conn, res.conversation_id)
    every = set(bulk) | {n for n in seeded["notes"]["fjord"]
                         if ctx.vault.conn.execute("SELECT contact_id FROM notes WHERE id=?", (n,)).fetchone()[0] == kari}
    assert set(conv["note_ids"]) == every  # every note was read, in some chunk
    assert all(c["note_id"] in every for c in res.citations)
    assert {"kind": "instruction_like", "note_id": seeded["notes"]["fjord"][4]} in res.flags


def test_reasoning_is_stored_only_when_turned_on(ctx, seeded, deepseek_header, tmp_path):
    from tests.support.llm_tiny import build_tiny_deepseek

    path = build_tiny_deepseek(deepseek_header, tmp_path / "tiny-deepseek.gguf")
    eng = _engine(ctx, path, 2048)
    try:
        kw = {"answer_tokens": 6, "seed": 3, "thinking_budget": 4}
        off = service.ask(ctx, eng, "Kari Nordmann", "What about the pilot?", **kw)
        assert off.reasoning_tokens >= 4 and off.reasoning  # the model did reason, the budget cut it
        ctx.settings.set("store_reasoning", True)
        on = service.ask(ctx, eng, "Kari Nordmann", "What about the pilot?", **kw)
    finally:
        eng.close()
    stored = {c: [m["reasoning"] for m in conversations.get(ctx.vault.conn, c)["messages"] if m["role"] == "assistant"][0]
              for c in (off.conversation_id, on.conversation_id)}
    assert stored[off.conversation_id] is None
    assert stored[on.conversation_id] == on.reasoning
    assert "reasoning" not in on.as_json()  # never part of the result a user copies or exports


def test_malformed_or_cut_answers_are_flagged_not_fatal():
    done = Done("length", 10, 0, 5, 0.1, 0.1, 0.2, malformed=True, budget_hit=True)
    kinds = [f["kind"] for f in stop_flags(done)]
    assert kinds == ["stopped_at_length", "malformed_reasoning", "thinking_budget_hit"]
    assert stop_flags(Done("stop", 10, 0, 5, 0.1, 0.1, 0.2)) == []
