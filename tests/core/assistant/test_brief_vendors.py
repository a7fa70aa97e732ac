"""The brief's facts over every vendor's pipeline export (the pipeline engineer's fixtures in
tests/data/crm/pipeline/), with a fixed "today": each fact checked against the records read
another way (the timeline and the deals as `confidant notes --json` and `confidant deals` print
them)."""

from __future__ import annotations

from datetime import date

import pytest

from app.core.assistant import brief as briefs
from app.core.crm.importer import import_files
from app.core.vault import pipeline, records
from tests.support.paths import DATA

AS_OF = date(2026, 3, 1)


@pytest.mark.parametrize("vendor", ["salesforce", "hubspot", "pipedrive", "zoho", "dynamics", "nordic"])
def test_facts_agree_with_the_records_for_every_vendor(ctx, vendor):
    folder = DATA / "crm" / "pipeline" / vendor
    report = import_files(ctx.vault, sorted(folder.iterdir()))
    assert report.ok, report.as_json()
    conn = ctx.vault.conn
    accounts = [a for a in records.list_accounts(conn) if not a["unlinked"]]
    assert accounts
    seen_deals = 0
    for a in accounts:
        b = briefs.build_facts(conn, briefs.Subject("account", a["account_id"], a["name"]), AS_OF)
        items = pipeline.timeline(conn, account_id=a["account_id"])
        talked = [i for i in items if i.kind != "task" and i.date and i.date[:10] <= AS_OF.isoformat()]
        if talked:
            newest = max(i.date for i in talked)
            assert b.last_contact is not None and b.last_contact.date == newest[:10] <= AS_OF.isoformat()
        else:
            assert b.last_contact is None
        open_tasks = [i for i in items if i.kind == "task" and not i.done]
        assert sorted(t.id for t in b.open_tasks) == sorted(i.id for i in open_tasks)  # exactly the open ones
        for t in b.open_tasks:
            assert t.overdue == bool(t.due and t.due < AS_OF.isoformat())
        deals = pipeline.list_deals(conn, account_id=a["account_id"])
        assert [d.id for d in b.open_deals] == [d.id for d in deals if d.is_open]
        seen_deals += len(deals)
        overdue = {r.deal_id for r in b.risks if r.rule == "overdue_close_date"}
        assert overdue == {d.id for d in deals if d.is_open and d.close_date and d.close_date < AS_OF.isoformat()}
        for r in b.risks:
            assert r.evidence and (r.deal_id is None or f"d{r.deal_id}" in r.evidence or r.rule == "overdue_task")
    assert seen_deals > 0
