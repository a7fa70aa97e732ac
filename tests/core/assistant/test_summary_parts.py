"""Incremental summaries (issue 26, point 2): a long account's map parts are cut at stable
dates, each part's result is kept in the vault under the hash of its prompt, the model and
the prompt version, and a later summary re-runs only the parts whose notes changed.

Real parts: a real encrypted vault, the real DeepSeek tokenizer and llama.cpp on a tiny
random-weight DeepSeek-shaped model (tests/support/llm_tiny.py), in a small context so that
the account's notes need map-reduce. Which parts ran is read from the progress steps and from
the prompts the engine received (never from timing)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from app.core.assistant import selection, service
from app.core.assistant.fencing import note_date
from app.core.llm.engine import Engine
from app.core.llm.models import verify
from app.core.vault import conversations, summary_parts
from tests.eval.seed import seed
from tests.support.llm_tiny import build_tiny_deepseek
from tests.support.summary_seed import add_dated, history

KW = {"quick": True, "answer_tokens": 6, "seed": 1}
MAP_TASK = "These notes are one part of a longer history."


def _count(text: str) -> int:
    return max(1, len(text) // 4)


def _notes(dates: list[str], start: int = 1) -> list[dict]:
    return [{"id": start + i, "date": d, "body": f"Meeting {start + i} about the pilot and the price list. " * 3}
            for i, d in enumerate(dates)]


def _ids(parts) -> list[tuple[int, ...]]:
    return [tuple(b.id for b in p.blocks) for p in parts]


def test_parts_are_cut_at_stable_dates_so_one_note_changes_one_part():
    notes = _notes(history(years=(2019, 2020, 2021, 2022, 2023), per_year=6) + ["2023-02-02", "2023-02-03", "undated"])
    budget = 420
    before = selection.plan_parts(notes, count=_count, budget=budget)
    assert sorted(i for p in _ids(before) for i in p) == [n["id"] for n in notes]  # every note once
    assert all(p.tokens <= budget for p in before) and len(before) >= 5
    for p in before:  # a part never spans two years
        assert len({note_date(b.note)[:4] for b in p.blocks}) == 1

    def changed(before, after):
        return [p for p in _ids(after) if p not in _ids(before)]

    for added in ("2024-05-01", "2020-03-15"):  # newest, backdated
        after = selection.plan_parts(notes + _notes([added], start=900), count=_count, budget=budget)
        assert changed(before, after) == [next(p for p in _ids(after) if 900 in p)], added
        assert len([p for p in _ids(before) if p not in _ids(after)]) <= 1
    # A year that no longer fits is cut into quarters: its own parts change, no other year's.
    full = notes + _notes(["2023-02-04"], start=900)
    after = selection.plan_parts(full, count=_count, budget=budget)
    assert all(int(n) in range(25, 33) or n == 900 for p in changed(before, after) for n in p)
    # … and from then on a note in that year changes one quarter's part only.
    again = selection.plan_parts(full + _notes(["2023-02-05"], start=901), count=_count, budget=budget)
    assert len(changed(after, again)) == 1 and 901 in changed(after, again)[0]

    # The old token-budget cut shifts every later chunk when one early note comes in.
    old = _ids(selection.plan_chunks(notes, count=_count, budget=budget))
    shifted = _ids(selection.plan_chunks(notes + _notes(["2019-01-02"], start=900), count=_count, budget=budget))
    assert len([p for p in shifted if p not in old]) > 1


@pytest.fixture
def account(ctx):
    ids = seed(ctx.vault, accounts=["fjord"])
    ctx.settings.set("user_name", "Ola Hansen")
    acc, kari, per = ids["accounts"]["fjord"], ids["contacts"]["kari"], ids["contacts"]["per"]
    notes = {"kari": add_dated(ctx.vault, kari, acc, history()),
             "per": add_dated(ctx.vault, per, acc, history(years=(2022,), per_year=2), tag="per", who="Per Nordmann")}
    return {"acc": acc, "kari": kari, "per": per, "notes": notes}


@pytest.fixture
def tiny(deepseek_header, tmp_path):
    return build_tiny_deepseek(deepseek_header, tmp_path / "tiny-deepseek.gguf")


class Recorder:
    """The engine as loaded, keeping the map prompts it is given."""

    def __init__(self, engine):
        self.engine, self.maps = engine, []
        real = engine.stream

        def stream(messages, **kw):
            if MAP_TASK in messages[-1]["content"]:
                self.maps.append(messages[-1]["content"])
            return real(messages, **kw)

        engine.stream = stream


def _engine(ctx, path) -> Recorder:
    return Recorder(Engine.load(verify(path, ctx.vault.conn, ctx.policy), n_ctx=768, threads=2))


def _summary(ctx, rec: Recorder, acc: int):
    steps: list = []
    rec.maps.clear()
    res = service.summarize(ctx, rec.engine, f"a{acc}", on_progress=steps.append, **KW)
    runs = [s for s in steps if s.stage == "part"]
    reuse = [s for s in steps if s.stage == "reuse"]
    assert len(runs) == len(rec.maps) and steps[-1].stage == "write"
    return res, runs, (reuse[0].part, reuse[0].parts) if reuse else None


def test_a_new_backdated_edited_or_removed_note_reruns_only_its_part(ctx, account, tiny):
    rec = _engine(ctx, tiny)
    acc = account["acc"]
    try:
        first, runs, reuse = _summary(ctx, rec, acc)
        chunks = next(f["chunks"] for f in first.flags if f["kind"] == "map_reduce")
        assert chunks >= 4 and len(runs) == chunks and reuse is None
        assert summary_parts.count(ctx.vault.conn) == chunks  # every part kept, in the vault

        # One new note: its own part runs (and the final step); every other part is reused.
        new = add_dated(ctx.vault, account["kari"], acc, ["2025-03-01"], tag="new")[0]
        res, runs, reuse = _summary(ctx, rec, acc)
        assert len(runs) == 1 and reuse == (chunks, chunks + 1) and f"n{new} |" in rec.maps[0]
        assert {"kind": "map_reduce", "chunks": chunks + 1, "reused": chunks} in res.as_json()["flags"]
        meta = conversations.get(ctx.vault.conn, res.conversation_id)["messages"][0]["meta"]
        assert meta["chunks"] == chunks + 1 and meta["parts_reused"] == chunks

        # A backdated note changes the part of its own period only.
        old = add_dated(ctx.vault, account["kari"], acc, ["2022-05-20"], tag="late")[0]
        _, runs, reuse = _summary(ctx, rec, acc)
        assert len(runs) == 1 and f"n{old} |" in rec.maps[0] and "| 2022-" in rec.maps[0] and "| 2023-" not in rec.maps[0]

        # A note edited (the trigger drops the parts that held it) and a note removed.
        edited = account["notes"]["kari"][1]
        with ctx.vault.transaction() as c:
            c.execute("UPDATE notes SET body = body || ' They want 12 trucks now.' WHERE id = ?", (edited,))
        assert summary_parts.holding(ctx.vault.conn, [edited]) == []
        _, runs, _ = _summary(ctx, rec, acc)
        assert len(runs) == 1 and "They want 12 trucks now." in rec.maps[0]
        gone = account["notes"]["kari"][2]  # 2021, a part with other notes
        with ctx.vault.transaction() as c:
            c.execute("DELETE FROM notes WHERE id = ?", (gone,))
        _, runs, _ = _summary(ctx, rec, acc)
        assert len(runs) == 1 and f"n{gone} |" not in rec.maps[0]

        # Nothing changed: every part is reused, only the final step runs.
        _, runs, reuse = _summary(ctx, rec, acc)
        assert runs == [] and reuse[0] == reuse[1]
    finally:
        rec.engine.close()


def test_another_model_reuses_nothing_and_drops_the_old_models_parts(ctx, account, tiny, deepseek_header, tmp_path):
    other = build_tiny_deepseek(deepseek_header, tmp_path / "other.gguf", seed=8)
    acc = account["acc"]
    rec = _engine(ctx, tiny)
    try:
        first, runs, _ = _summary(ctx, rec, acc)
    finally:
        rec.engine.close()
    old_sha = rec.engine.describe()["sha256"]
    rec = _engine(ctx, other)
    try:
        _, runs2, reuse = _summary(ctx, rec, acc)
    finally:
        rec.engine.close()
    assert reuse is None and len(runs2) == len(runs) >= 4
    shas = {r[0] for r in ctx.vault.conn.execute("SELECT model_sha256 FROM summary_parts")}
    assert shas == {rec.engine.describe()["sha256"]} and old_sha not in shas


def test_a_new_prompt_version_reuses_nothing_and_drops_the_old_rows(ctx, account, tiny, monkeypatch):
    from app.core.assistant import summary

    acc = account["acc"]
    rec = _engine(ctx, tiny)
    try:
        _, runs, _ = _summary(ctx, rec, acc)
        monkeypatch.setattr(summary, "PROMPT_VERSION", "map-test")
        _, again, reuse = _summary(ctx, rec, acc)
    finally:
        rec.engine.close()
    assert reuse is None and len(again) == len(runs) >= 4
    assert {r[0] for r in ctx.vault.conn.execute("SELECT prompt_version FROM summary_parts")} == {"map-test"}


def test_retention_forget_and_objection_remove_the_parts(ctx, account, tiny):
    from app.core.privacy import forget, retention

    acc = account["acc"]
    conn = ctx.vault.conn
    rec = _engine(ctx, tiny)
    try:
        _summary(ctx, rec, acc)
        # Retention: parts no summary used for longer than the retention period are deleted.
        assert retention.run_due_maintenance(ctx)["summary_parts"] == 0  # used just now: kept
        later = lambda: datetime.now(timezone.utc) + timedelta(days=400)  # noqa: E731
        assert retention.run_due_maintenance(ctx, later)["summary_parts"] >= 4
        assert summary_parts.count(conn) == 0

        _summary(ctx, rec, acc)
        per_notes = account["notes"]["per"]
        assert summary_parts.holding(conn, per_notes)  # Per's notes are in a kept part
        kept_before = summary_parts.count(conn)
        forget.forget(ctx, account["per"])
        # No stored part holds a note of the forgotten person; the others stay for reuse.
        assert summary_parts.holding(conn, per_notes) == []
        dropped = kept_before - summary_parts.count(conn)
        assert 0 < dropped < kept_before
        _, runs, reuse = _summary(ctx, rec, acc)
        assert 1 <= len(runs) <= dropped and reuse is not None  # only the periods Per's notes were in

        # Kari objects to processing (a newer CRM export says so): her parts go at once.
        assert summary_parts.holding(conn, account["notes"]["kari"])
        with ctx.vault.transaction() as c:
            c.execute("INSERT INTO contact_consent(contact_id, processing_objection, updated_at) VALUES (?, 1, 'now')",
                      (account["kari"],))
        assert summary_parts.holding(conn, account["notes"]["kari"]) == []
    finally:
        rec.engine.close()
