"""The brief's model part (issue 23): JSON under a llama.cpp grammar through app/core/llm, the
summary capped and its citations checked, next steps' due dates read in code from the note's
own words relative to the note's date."""

from __future__ import annotations

import json
from datetime import date

from app.core.assistant import brief as briefs
from app.core.assistant import brief_model
from app.core.assistant.notes import Note

NOTES = {
    5: Note(5, "2026-05-19T12:00:00", "Workshop planning", "Per will send the charger specs; we owe a revised quote by 29 May."),
    7: Note(7, "2026-05-12", "Budsjett", "Vi sender revidert tilbud innen fredag 22.05."),
    8: Note(8, "2026-05-15", "Call", "Lise decides after the board meeting next Tuesday."),
}


def test_due_dates_come_from_the_notes_words_relative_to_the_note():
    answer = json.dumps({
        "summary": "Per sends the specs [n5]; budget confirmed [n7] and a note that was not given [n99].",
        "next_steps": [
            {"text": "Send the revised quote", "due": "by 29 May", "citation": 5},
            {"text": "Send revidert tilbud", "due": "innen fredag 22.05.", "citation": "n7"},
            {"text": "Follow up after the board", "due": "next Tuesday", "citation": 8},
            {"text": "Made up", "due": "tomorrow", "citation": 77},
            {"text": "No time given", "due": None, "citation": 5},
        ]})
    part = brief_model.parse_answer(answer, NOTES)
    assert part.text == "Per sends the specs [n5]; budget confirmed [n7] and a note that was not given."
    assert [c["note_id"] for c in part.citations] == [5, 7]
    assert [(s.text, s.due, s.citation) for s in part.next_steps] == [
        ("Send the revised quote", "2026-05-29", 5),
        ("Send revidert tilbud", "2026-05-22", 7),
        ("Follow up after the board", "2026-05-19", 8),  # the Tuesday of the week after the 15th, not of today's
        ("Made up", None, None),  # a citation to a note it was not given is dropped, and with it the date's anchor
        ("No time given", None, 5),
    ]
    assert {"kind": "invalid_citation", "note_id": 99} in part.flags and {"kind": "invalid_citation", "note_id": 77} in part.flags


def test_summary_is_at_most_120_words_and_broken_json_is_flagged():
    long = " ".join(f"word{i}" for i in range(300)) + " [n5]"
    part = brief_model.parse_answer(json.dumps({"summary": long, "next_steps": []}), NOTES)
    assert len([w for w in part.text.split() if not w.startswith("[n")]) <= brief_model.SUMMARY_WORDS
    bad = brief_model.parse_answer('{"summary": "unterminated', NOTES)
    assert bad.text == "" and bad.next_steps == [] and bad.flags[0]["kind"] == "malformed_json"


def test_the_engine_constrains_the_answer_to_the_schema(smol_model, ctx):
    """A real llama.cpp run: the JSON schema's grammar shapes the very first tokens."""
    from app.core.llm.engine import Engine
    from app.core.llm.events import AnswerChunk
    from app.core.llm.models import verify

    engine = Engine.load(verify(smol_model, ctx.vault.conn, ctx.policy), n_ctx=512, threads=2)
    try:
        text = "".join(ev.text for ev in engine.stream([{"role": "user", "content": "Say hello."}], max_tokens=10, quick=True,
                                                       seed=1, json_schema=brief_model.SCHEMA)
                       if isinstance(ev, AnswerChunk))
    finally:
        engine.close()
    assert text.replace(" ", "").startswith('{"summary":'), text


def test_a_stored_brief_opens_without_the_model_and_goes_stale_on_new_data(ctx):
    from tests.support.pipeline_seed import seed
    from app.core.assistant import brief_service
    from app.core.vault.import_writer import ImportWriter, content_key

    seed(ctx)
    conn = ctx.vault.conn
    acc = conn.execute("SELECT id FROM accounts WHERE name = 'Fjellheim Bygg AS'").fetchone()[0]
    day = date(2026, 5, 20)
    facts = brief_service.facts(ctx, "account", acc, day)
    job = brief_model.load(ctx, facts)
    note = job.notes[0]
    part = brief_model.ModelPart(f"Lise is waiting for the board [n{note.id}].", [{"note_id": note.id, "date": None}],
                                 [briefs.NextStep("Book the site visit", "2026-05-22", note.id)])
    brief_model.save(ctx, job, part)
    opened = brief_service.open_brief(ctx, "account", acc, day)
    assert opened.has_model_part and not opened.brief.stale
    assert opened.brief.summary_text == f"Lise is waiting for the board [n{note.id}]."
    assert [s.as_json() for s in opened.brief.next_steps] == [{"text": "Book the site visit", "due": "2026-05-22",
                                                               "citation": note.id}]
    assert brief_service.subjects_to_build(ctx, [("account", acc)], as_of=day)[:1] != [("account", acc)]
    with ctx.vault.transaction():
        w = ImportWriter(conn)
        w.stamp = "2999-01-01T00:00:00+00:00"  # imported after the brief was built
        key = content_key("salesforce", None, "x", "2026-05-20", "New", "Board said yes")
        w.add_notes([(None, acc, "2026-05-20", "New", "Board said yes", "salesforce", None, key, "[]")])
    reopened = brief_service.open_brief(ctx, "account", acc, day)
    assert reopened.has_model_part and reopened.brief.stale  # shown at once, marked as written before the new note
    assert ("account", acc) in brief_service.subjects_to_build(ctx, [("account", acc)], as_of=day)


def test_an_objecting_persons_notes_never_enter_the_brief_prompt(ctx):
    from tests.support.pipeline_seed import seed
    from app.core.assistant import brief_service

    seed(ctx)
    conn = ctx.vault.conn
    acc = conn.execute("SELECT id FROM accounts WHERE name = 'Nordlys Energi AS'").fetchone()[0]
    ingrid = conn.execute("SELECT id FROM contacts WHERE email_key = 'ingrid.solberg@nordlys-energi.example.com'").fetchone()[0]
    facts = brief_service.facts(ctx, "account", acc, date(2026, 5, 20))
    hers = {i for i, item in facts.items.items() if item.contact_id == ingrid}
    assert hers & {n.id for n in brief_model.load(ctx, facts).notes}  # before: her notes are read
    with ctx.vault.transaction():
        conn.execute("INSERT INTO contact_consent(contact_id, processing_objection, readings, updated_at) "
                     "VALUES (?, 1, '{}', '2026-05-20T00:00:00+00:00')", (ingrid,))
    job = brief_model.load(ctx, facts)
    assert job.notes and not hers & {n.id for n in job.notes}
    assert not any(f"<<<NOTE n{i} " in job.messages()[0]["content"] for i in hers)
    assert job.left_out == [{"kind": "consent_left_out", "reason": "processing_objection", "count": len(hers),
                             "subject": "account"}]
