"""The brief's facts and risk rules (issue 23) on a Salesforce-shaped pipeline export, with a
fixed "today" (as of 2026-05-20, a Wednesday)."""

from __future__ import annotations

from datetime import date

import pytest

from app.core.assistant import brief as briefs
from app.core.assistant import risks
from app.core.vault import brief_store, pipeline
from app.core.vault.import_writer import ImportWriter, content_key
from tests.support.pipeline_seed import seed

AS_OF = date(2026, 5, 20)


def _brief(ctx, ref, as_of=AS_OF, **kw):
    conn = ctx.vault.conn
    return briefs.build_facts(conn, briefs.subject_of(conn, ref), as_of, **kw)


@pytest.fixture
def sf(ctx):
    return seed(ctx)


def sid(ids, short):
    """A fixture's Salesforce id (15 characters as in the files) -> its vault id."""
    from app.core.crm.sfid import sf18

    return ids[sf18(short[:15])]


def test_account_facts_are_the_records(ctx, sf):
    b = _brief(ctx, "Nordlys Energi AS")
    j = b.as_json()
    assert j["subject"] == {"kind": "account", "id": sid(sf, "0015g00000NoRdLAAA"), "name": "Nordlys Energi AS"}
    assert j["as_of"] == "2026-05-20"
    # The workshop meeting of the 19th; the e-mail of the 25th is after "today" and never counts.
    assert j["last_contact"] == {"date": "2026-05-19", "kind": "meeting", "id": sid(sf, "00U5g00000Ev102AAA")}
    # Open deals, then won/lost within 90 days (the lost deal of 2025 is not recent); amounts exact.
    deals = {d["name"]: d for d in j["deals"]}
    assert list(deals) == ["Nordlys – Fleet telematics 2026", "Nordlys – Charging pilot", "Nordlys – Support renewal 2025"]
    fleet, pilot, won = deals.values()
    assert (fleet["stage"], fleet["amount"], fleet["currency"], fleet["close_date"], fleet["next_step"]) == (
        "Negotiation/Review", "1250000.50", "NOK", "2026-05-15", None)
    assert (pilot["amount"], pilot["currency"], pilot["next_step"]) == ("125000.00", "EUR", "Send revised quote")
    assert won["status"] == "won" and won["amount"] == "300000.00"
    assert fleet == pipeline.get_deal(ctx.vault.conn, fleet["id"]).as_json()  # as `confidant deals` prints it
    # Open tasks, exactly: not the completed call, not the e-mail; due before today is overdue, today is not.
    assert j["open_tasks"] == [
        {"id": sid(sf, "00T5g00000Tk101AAA"), "title": "Send contract draft", "due": "2026-05-18", "overdue": True},
        {"id": sid(sf, "00T5g00000Tk105AAA"), "title": "Follow up invoice", "due": "2026-05-20", "overdue": False},
        {"id": sid(sf, "00T5g00000Tk102AAA"), "title": "Book technical workshop", "due": "2026-05-27", "overdue": False},
    ]
    assert j["people"] == [
        {"name": "Ingrid Solberg", "email": "ingrid.solberg@nordlys-energi.example.com", "role": "Decision Maker"},
        {"name": "Per Haugen", "email": "per.haugen@nordlys-energi.example.com", "role": "Technical Buyer"},
    ]
    assert set(j) == {"subject", "as_of", "last_contact", "deals", "open_tasks", "people", "changes", "risks", "summary",
                      "next_steps", "generated_at", "stale"}
    assert j["summary"] == {"text": None, "citations": []} and j["next_steps"] == [] and j["stale"] is False


def test_last_contact_is_never_after_as_of(ctx, sf):
    assert _brief(ctx, "Nordlys Energi AS", date(2026, 5, 26)).last_contact == briefs.LastContact(
        "2026-05-25", "email", sid(sf, "00T5g00000Tk106AAA"))
    assert _brief(ctx, "Nordlys Energi AS", date(2026, 5, 18)).last_contact == briefs.LastContact(
        "2026-05-12", "note", sid(sf, "0025g00000BrF01AAA"))
    assert _brief(ctx, "Nordlys Energi AS", date(2026, 4, 1)).last_contact is None  # nothing on or before


def test_risks_name_their_deal_and_evidence(ctx, sf):
    fleet, pilot, sensors = (sid(sf, x) for x in ("0065g00000OpP01AAA", "0065g00000OpP02AAA", "0065g00000OpP05AAA"))
    got = [r.as_json() for r in _brief(ctx, "Nordlys Energi AS").risks]
    assert [(r["rule"], r["deal_id"], r["evidence"]) for r in got] == [
        ("overdue_close_date", fleet, [f"d{fleet}"]),
        ("single_threaded", fleet, [f"d{fleet}", f"c{sid(sf, '0035g00000InGrIAAA')}"]),
        ("overdue_task", fleet, [f"n{sid(sf, '00T5g00000Tk101AAA')}"]),
        ("no_next_step", fleet, [f"d{fleet}"]),
    ]
    assert got[0]["text"] == "Nordlys – Fleet telematics 2026: the close date 2026-05-15 has passed."
    assert all(r["deal_id"] != pilot for r in got)  # two contacts, a next step, closes in June
    # Fjellheim: last contact 2 March (79 days); the deal closes today (not overdue); a task ahead.
    got = [(r.rule, r.deal_id, r.evidence) for r in _brief(ctx, "Fjellheim Bygg AS").risks]
    assert got == [("no_recent_activity", sensors, (f"d{sensors}", f"n{sid(sf, '00U5g00000Ev103AAA')}")),
                   ("single_threaded", sensors, (f"d{sensors}", f"c{sid(sf, '0035g00000LiSeDAAA')}"))]


def test_close_date_before_as_of_is_overdue_and_on_or_after_is_not(ctx, sf):
    def overdue(day):
        return {r.deal_id for r in _brief(ctx, "Fjellheim Bygg AS", day).risks if r.rule == "overdue_close_date"}

    sensors = sid(sf, "0065g00000OpP05AAA")
    assert overdue(date(2026, 5, 19)) == set() and overdue(date(2026, 5, 20)) == set()
    assert overdue(date(2026, 5, 21)) == {sensors}


def test_thresholds_are_settings(ctx, sf):
    ctx.settings.set("risk_quiet_days", 90)
    th = risks.Thresholds.from_settings(ctx.settings)
    assert th.quiet_days == 90
    assert "no_recent_activity" not in {r.rule for r in _brief(ctx, "Fjellheim Bygg AS", thresholds=th).risks}
    ctx.settings.set("risk_max_contacts", 2)
    th = risks.Thresholds.from_settings(ctx.settings)
    pilot = sid(sf, "0065g00000OpP02AAA")
    assert ("single_threaded", pilot) in {(r.rule, r.deal_id) for r in _brief(ctx, "Nordlys Energi AS", thresholds=th).risks}


def test_a_rule_never_fires_without_its_data(ctx):
    conn = ctx.vault.conn
    stamp = "2026-01-01T00:00:00+00:00"
    with ctx.vault.transaction():
        w = ImportWriter(conn)
        acc, _ = w.upsert_account("Tindved AS", "hubspot", "co:9", None)
        # A deal from an export without contacts at all, no close date, no next step; no activity.
        pipeline.upsert_deal(conn, pipeline.DealRow("Tindved pilot", "hubspot", "d:9", acc, stage="Discovery",
                                                     next_step="Call the CFO"), stamp)
    rules = {r.rule for r in _brief(ctx, "Tindved AS").risks}
    assert rules == set()  # no close date, no dated activity, no contact roles in that export: nothing fires
    with ctx.vault.transaction():
        pipeline.upsert_deal(conn, pipeline.DealRow("Tindved pilot", "hubspot", "d:9", acc, next_step=None,
                                                     close_date="2026-05-01"), stamp)
    assert {r.rule for r in _brief(ctx, "Tindved AS").risks} == {"overdue_close_date"}


def test_contact_brief_has_their_deals_and_the_people_beside_them(ctx, sf):
    b = _brief(ctx, "per.haugen@nordlys-energi.example.com")
    assert b.subject.kind == "contact" and b.subject.name == "Per Haugen"
    assert [d.name for d in b.deals] == ["Nordlys – Charging pilot"]
    assert [(p.name, p.role) for p in b.people] == [("Ingrid Solberg", "Decision Maker"), ("Per Haugen", "Technical Buyer")]
    assert [t.title for t in b.open_tasks] == ["Book technical workshop"]
    assert b.last_contact == briefs.LastContact("2026-05-19", "meeting", sid(sf, "00U5g00000Ev102AAA"))


def test_what_changed_since_the_brief_was_last_shown(ctx, sf):
    conn = ctx.vault.conn
    b = _brief(ctx, "Nordlys Energi AS")
    # Never shown: the last two weeks, nothing after today.
    assert [c.date for c in b.changes if c.kind != "deal"] == ["2026-05-20", "2026-05-19", "2026-05-18", "2026-05-12", "2026-05-10"]
    # Shown now (the import happened before); then a new note and a deal change arrive.
    with ctx.vault.transaction():
        conn.execute("UPDATE notes SET created_at = '2026-05-20T08:00:00+00:00'")
        conn.execute("UPDATE deals SET updated_at = '2026-05-20T08:00:00+00:00'")
    briefs.mark_shown(ctx.vault, b.subject, at="2026-05-20T09:00:00+00:00")
    assert _brief(ctx, "Nordlys Energi AS").changes == []
    with ctx.vault.transaction():
        w = ImportWriter(conn)
        w.stamp = "2026-05-20T10:00:00+00:00"
        ingrid = sid(sf, "0035g00000InGrIAAA")
        key = content_key("salesforce", None, f"c{ingrid}", "2026-05-20", "Legal", "DPA signed")
        w.add_notes([(ingrid, b.subject.id, "2026-05-20", "Legal", "DPA signed", "salesforce", None, key, "[]")])
        pilot = sid(sf, "0065g00000OpP02AAA")
        pipeline.upsert_deal(conn, pipeline.DealRow("Nordlys – Charging pilot", "salesforce", "0065g00000OpP02AAF",
                                                    stage="Negotiation/Review"), "2026-05-20T10:00:00+00:00")
    note_id = conn.execute("SELECT id FROM notes WHERE content_key = ?", (key,)).fetchone()[0]
    got = _brief(ctx, "Nordlys Energi AS")
    assert got.changes_since == "2026-05-20T09:00:00+00:00"
    assert [(c.kind, c.id) for c in got.changes] == [("note", note_id), ("deal", pilot)]
    assert "Negotiation/Review" in got.changes[1].text


def test_stored_briefs_go_with_a_forgotten_person(ctx, sf):
    from app.core.vault import erasure

    conn = ctx.vault.conn
    acc = sid(sf, "0015g00000NoRdLAAA")
    per = sid(sf, "0035g00000PeRhAAAA")
    with ctx.vault.transaction():
        brief_store.save_brief(conn, "account", acc, "2026-05-20", {"people": ["Per Haugen"]})
        brief_store.save_brief(conn, "contact", per, "2026-05-20", {"x": 1})
        brief_store.mark_shown(conn, "contact", per)
    assert brief_store.load_brief(conn, "account", acc) is not None
    erasure.forget_contact(ctx.vault, per)
    assert brief_store.load_brief(conn, "account", acc) is None
    assert brief_store.load_brief(conn, "contact", per) is None
    assert brief_store.last_shown(conn, "contact", per) is None


def test_it_policy_fixes_the_thresholds(ctx, sf, tmp_path, monkeypatch):
    from app.core.policy import load_policy
    from app.core.settings import ManagedSettingError, Settings

    policy = tmp_path / "policy.toml"
    policy.write_text("[policy]\nrisk_quiet_days = 60\n")
    monkeypatch.setenv("CONFIDANT_POLICY", str(policy))
    settings = Settings(ctx.vault.conn, load_policy())
    assert settings.is_managed("risk_quiet_days") and risks.Thresholds.from_settings(settings).quiet_days == 60
    with pytest.raises(ManagedSettingError):
        settings.set("risk_quiet_days", 90)
