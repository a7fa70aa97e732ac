"""Deals and activities reach the model as facts copied from the record (issue 22, point 5),
checked on what is actually sent: a recording wrapper around the real engine (the real
SmolLM2 model) keeps every message list handed to ``Engine.stream``."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.core.assistant import facts, service
from app.core.crm.importer import import_files
from app.core.llm.engine import Engine
from app.core.llm.models import verify
from app.core.vault import pipeline
from tests.support.paths import CRM
from tests.support.recording_engine import RecordingEngine

SF = CRM / "pipeline" / "salesforce"
FAST = {"answer_tokens": 6, "seed": 1, "thinking_budget": 0, "quick": True}


@pytest.fixture
def engine(ctx, smol_model):
    eng = Engine.load(verify(smol_model, ctx.vault.conn, ctx.policy), n_ctx=2048, threads=2)
    yield RecordingEngine(eng)
    eng.close()


@pytest.fixture
def havbris(ctx):
    assert import_files(ctx.vault, sorted(SF.iterdir())).ok
    ctx.settings.set("user_name", "Ola Hansen")


def test_a_summary_prompt_carries_the_deals_exact_amount_stage_and_close_date(ctx, engine, havbris):
    deal = next(d for d in pipeline.list_deals(ctx.vault.conn) if d.name == "Havbris fleet pilot")
    service.summarize(ctx, engine, "Havbris Logistikk AS", lang="en", **FAST)
    [prompt] = engine.texts()
    line = next(ln for ln in prompt.splitlines() if "Havbris fleet pilot" in ln and ln.startswith("> - Deal"))
    # The record's own text, copied: 1.25E7 in the export is 12500000.00 in the vault and in the prompt.
    assert f"amount {deal.amount_text()} NOK" in line and deal.amount_text() == "12500000.00"
    assert "stage Forhandling" in line and "close date 2026-06-30" in line and "probability 60 %" in line
    assert "Marte Lunde (Decision Maker)" in line
    assert "amount 48250.50 EUR" in prompt and "Havbris depot sensors" in prompt  # a won deal, to the cent
    assert "Quote amounts, currencies, dates, stages and probabilities exactly as written here" in prompt


def test_a_draft_and_a_question_see_the_persons_deal_and_open_task(ctx, engine, havbris):
    service.draft_follow_up(ctx, engine, "marte.lunde@havbris.example.com", **FAST)
    service.ask(ctx, engine, "Havbris Logistikk AS", "What is the next step on the pilot?", lang="en", **FAST)
    draft, ask = engine.texts()
    for prompt in (draft, ask):
        assert "amount 12500000.00 NOK" in prompt
        assert 'task "Send revised contract": open, due 2026-03-09' in prompt
    assert "call (25 min, outbound)" in draft


def test_render_copies_the_record_values_and_marks_overdue_tasks():
    d = pipeline.Deal(1, "Pilot", 2, "Havbris AS", "Contract sent", "open", Decimal("1234567.05"), "SEK", "2026-06-30", 40,
                      "Call Kari", None, "hubspot", None, (pipeline.DealContact(3, "Kari Lunde", None, "Buyer", True),))
    t = pipeline.Activity(5, 9, "task", "2026-03-01", None, "Send offer", "Send offer", None, None, "2026-03-05", False, None,
                          1, "Pilot", 3, 2, "hubspot", None)
    f = facts.render([d], [t], people={3: "Kari Lunde"}, hidden_people=set(), today=date(2026, 3, 6))
    assert f.deals == ('Deal "Pilot" (Havbris AS): open, stage Contract sent, amount 1234567.05 SEK, close date 2026-06-30, '
                       "probability 40 %, next step: Call Kari, people: Kari Lunde (Buyer)",)
    assert f.activities == ('task "Send offer": open, due 2026-03-05 (overdue) with Kari Lunde [deal: Pilot]',)
    # A person whose notes are withheld (consent) is not named on the deal.
    assert "Kari Lunde" not in facts.render([d], [], hidden_people={3}).deals[0]
