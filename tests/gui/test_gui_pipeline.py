"""The pipeline in the window (issue 22): the account card shows its open deals (stage, amount
with currency, close date) with won/lost folded; a contact's card their deals and roles; the
timeline shows each item's kind with an icon, filters by kind, and tasks with due/overdue;
the import wizard's report counts deals and activities. Screenshots of the account card with
deals and of the timeline with kinds (docs/screenshots/ with CONFIDANT_UPDATE_SCREENSHOTS=1)."""

from __future__ import annotations

from app.gui.import_report import pipeline_text
from tests.support.gui import open_window, pick, search, seed_files, shot
from tests.support.paths import CRM

SF = CRM / "pipeline" / "salesforce"


def _items(w) -> list[str]:
    return [w.timeline.notes.item(i).text() for i in range(w.timeline.notes.count())]


def test_account_card_shows_open_deals_and_folds_won_and_lost(qtbot, home):
    seed_files(sorted(SF.iterdir()))
    w = open_window(qtbot, size=(1280, 820))
    search(qtbot, w, "havbris")
    pick(qtbot, w, "Havbris Logistikk AS")
    deals = w.timeline.card.deals
    assert deals.isVisible()
    assert deals.title.text() == "Open deals (1)"
    assert deals.open_deals.text() == "• Havbris fleet pilot — Forhandling · 12 500 000.00 NOK · closes 2026-06-30"
    assert deals.fold.isVisible() and deals.fold.text() == "Won and lost deals (1)"
    assert not deals.closed_deals.isVisible()
    deals.fold.setChecked(True)
    assert deals.closed_deals.isVisible()
    assert deals.closed_deals.text() == "• Havbris depot sensors — won · Signert · 48 250.50 EUR · closes 2026-02-15"
    shot(w, "10-account-deals")


def test_contact_card_shows_their_deals_and_roles_and_the_timeline_kinds(qtbot, home):
    seed_files(sorted(SF.iterdir()))
    w = open_window(qtbot, size=(1280, 820))
    search(qtbot, w, "marte")
    pick(qtbot, w, "Marte Lunde")
    deals = w.timeline.card.deals
    assert "role: Decision Maker" in deals.open_deals.text()
    items = _items(w)
    kinds = [w.timeline.notes.item(i).data(0x0100)["kind"] for i in range(len(items))]
    assert sorted(kinds) == ["call", "meeting", "task"]
    task = next(t for t in items if "Send revised contract" in t)
    assert "[due 2026-03-09 — overdue]" in task  # the fixture's due date has passed
    assert all(not w.timeline.notes.item(i).icon().isNull() for i in range(len(items)))
    tabs = w.timeline.tabs  # the subject opens on its brief (issue 23); the timeline is the second tab
    tabs.setCurrentIndex(1)
    assert tabs.tabText(1) == "Timeline"
    shot(w, "11-timeline-kinds")
    # The filter keeps one kind.
    f = w.timeline.kind_filter
    f.setCurrentIndex(next(i for i in range(f.count()) if f.itemData(i) == "call"))
    assert _items(w) == [next(t for t in items if "Call: pricing" in t)]
    f.setCurrentIndex(next(i for i in range(f.count()) if f.itemData(i) == "email"))
    assert "Nothing of this kind" in _items(w)[0]
    f.setCurrentIndex(0)
    assert len(_items(w)) == 3


def test_the_import_report_counts_deals_and_activities():
    totals = {"deals": {"added": 4, "updated": 0, "already_there": 0},
              "activities": {"added": 5, "call": 1, "meeting": 1, "email": 1, "task": 2, "already_there": 0},
              "contacts_already_there": 2, "notes_already_there": 0}
    text = pipeline_text(totals)
    assert "Deals added: 4, updated: 0. Activities added: 5 (calls: 1, meetings: 1, e-mails: 1, tasks: 2)." in text
    assert "Already there, not added twice: 2 people, 0 notes, 0 deals, 0 activities." in text
