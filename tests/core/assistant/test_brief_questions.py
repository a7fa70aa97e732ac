"""Structured questions answered from the vault, without the model, with citations (issue 23)."""

from __future__ import annotations

from datetime import date

import pytest

from app.core.assistant import questions
from app.core.crm.sfid import sf18
from tests.support.pipeline_seed import seed

AS_OF = date(2026, 5, 20)


@pytest.mark.parametrize("q, intent, lang", [
    ("When did we last talk?", "last_contact", "en"),
    ("when did we last speak to them", "last_contact", "en"),
    ("When was the last meeting?", "last_contact", "en"),
    ("Last contact?", "last_contact", "en"),
    ("Når snakket vi sist?", "last_contact", "nb"),
    ("når snakket vi med Ingrid sist", "last_contact", "nb"),
    ("Når hadde vi sist kontakt?", "last_contact", "nb"),
    ("What stage is the deal?", "deal_stage", "en"),
    ("Which stage is the opportunity in?", "deal_stage", "en"),
    ("where is the deal?", "deal_stage", "en"),
    ("Hvilken fase er avtalen i?", "deal_stage", "nb"),
    ("Hvor står avtalen?", "deal_stage", "nb"),
    ("Who is our contact at Nordlys?", "contact_at", "en"),
    ("who do we talk to there", "contact_at", "en"),
    ("Hvem er kontakten vår hos Nordlys?", "contact_at", "nb"),
    ("Hvem er vår kontaktperson?", "contact_at", "nb"),
    ("What is open?", "open_items", "en"),
    ("what's still outstanding", "open_items", "en"),
    ("Hva er åpent?", "open_items", "nb"),
    ("Hva gjenstår?", "open_items", "nb"),
])
def test_structured_questions_are_recognised(q, intent, lang):
    assert questions.match(q) == questions.Match(intent, lang)


@pytest.mark.parametrize("q", ["What did they say about pricing last quarter?", "Summarise the legal concerns",
                               "Hva sa de om rabatt?", "Draft a reply about the DPA"])
def test_other_questions_go_to_the_model(q):
    assert questions.match(q) is None


def _ask(ctx, target, q):
    return questions.answer_from_vault(ctx.vault.conn, target, q, as_of=AS_OF)


def test_answers_come_from_the_records_with_citations(ctx):
    ids = seed(ctx)
    meeting = ids[sf18("00U5g00000Ev102")]
    a = _ask(ctx, "Nordlys Energi AS", "When did we last talk?")
    assert a.text == f'Last on 2026-05-19 (1 day ago): a meeting – "Workshop planning" [n{meeting}].'
    assert a.citations == [{"note_id": meeting, "date": "2026-05-19"}]
    a = _ask(ctx, "Nordlys Energi AS", "Når snakket vi sist?")
    assert a.text.startswith("Sist 2026-05-19 (1 dag siden): et møte") and a.citations[0]["note_id"] == meeting

    a = _ask(ctx, "Nordlys Energi AS", "What stage is the deal?")
    assert a.text.splitlines() == [
        "Nordlys – Fleet telematics 2026: Negotiation/Review, 1250000.50 NOK, closes 2026-05-15.",
        "Nordlys – Charging pilot: Proposal/Price Quote, 125000.00 EUR, closes 2026-06-30, next step: Send revised quote.",
    ]
    assert a.deal_ids == [ids[sf18("0065g00000OpP01")], ids[sf18("0065g00000OpP02")]]
    assert _ask(ctx, "Nordlys Energi AS", "Hvilken fase er avtalen i?").text.startswith(
        "Nordlys – Fleet telematics 2026: Negotiation/Review, 1250000.50 NOK, lukkes 2026-05-15.")

    # Asked about a person: their account's people.
    a = _ask(ctx, "per.haugen@nordlys-energi.example.com", "Who is our contact at Nordlys?")
    assert a.text == ("At Nordlys Energi AS: Ingrid Solberg (Decision Maker) <ingrid.solberg@nordlys-energi.example.com>; "
                      "Per Haugen (Technical Buyer) <per.haugen@nordlys-energi.example.com>.")

    a = _ask(ctx, "Fjellheim Bygg AS", "Hva er åpent?")
    task = ids[sf18("00T5g00000Tk104")]
    assert a.text.splitlines() == ["Åpen avtale: Fjellheim – Site sensors (Qualification), 80000.00 NOK, lukkes 2026-05-20",
                                   f"Oppgave: Prepare site visit, frist 2026-05-22 [n{task}]"]
    assert a.citations == [{"note_id": task, "date": "2026-05-22"}]
    assert _ask(ctx, "Fjellheim Bygg AS", "What did Lise say about the board?") is None
