"""The brief (issue 23): facts at once, a stored brief at once, structured questions at once.

On a vault with a Salesforce-shaped export imported by the app's own importer (one account
with 5 people, 50 notes and 20 activities — calls, e-mails, meetings, tasks — and 3 deals,
beside 300 other accounts with 3,000 notes), the vault open:

- ``brief --facts-only`` end to end in the app (resolve the target, read the timeline, deals,
  people and changes, run the risk rules, the JSON): target <= 0.5 s;
- opening a subject whose brief was built in the background (facts + the stored model part,
  stale check): target <= 0.2 s;
- a structured question ("what stage is the deal?") answered from the vault: target <= 0.3 s.

The bare-library figure of the same run: the same rows read with hand-written SQL on the same
SQLCipher connection (timeline with activities, deals with their contacts, the account's
people), no rules, no records. Each figure is the median of 15 runs. Also, informational: the
whole `confidant brief --facts-only --json` command in a fresh process (Python start, imports,
the vault's passphrase KDF: the benchmark has no keyring). None of the three targets runs
the model (that is their point); the model part's time is the engine's generation speed,
measured by bench_llm/bench_real_shape.
"""

from __future__ import annotations

import csv
import os
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from benchmarks.run import BenchEnv, Entry

AS_OF = date(2026, 5, 20)


def _write(path: Path, header: list[str], rows: list[list]) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, quoting=csv.QUOTE_ALL)
        w.writerow(header)
        w.writerows(rows)
    return path


def _sfid(prefix: str, n: int) -> str:
    return f"{prefix}5g{n:010d}"  # 15 characters, unique per n


def export(folder: Path, others: int = 300, notes_each: int = 10) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    acc = [[_sfid("001", i), "false", f"Bench Account {i} AS" if i else "Havlys Energi AS", "Customer", "Bergen",
            "Norway", f"https://a{i}.example.com", "Energy"] for i in range(others + 1)]
    con, notes, tasks, opp, ocr = [], [], [], [], []
    for i in range(others + 1):
        for j in range(5 if i == 0 else 2):
            cid = _sfid("003", i * 10 + j)
            con.append([cid, "false", _sfid("001", i), f"Person{j}", f"Bench{i}", "", f"Bench{i} Person{j}", "Buyer", "", "",
                        f"p{i}.{j}@a{i}.example.com", ""])
    for i in range(others + 1):
        n = 50 if i == 0 else notes_each
        for k in range(n):
            notes.append([_sfid("002", i * 100 + k), "false", _sfid("003", i * 10 + k % (5 if i == 0 else 2)), f"Note {k}",
                          "false", f"Talked about the pilot, pricing and the rollout plan, part {k}; send the offer by Friday.",
                          "", f"2026-{1 + k % 5:02d}-{1 + k % 27:02d}T09:00:00.000Z", ""])
    for k in range(20):  # the account's activities: calls, e-mails, meetings (as tasks with a subtype), tasks
        sub = ("Call", "Email", "Task", "Task")[k % 4]
        status = "Completed" if sub != "Task" or k % 3 else "Not Started"
        tasks.append([_sfid("00T", k), _sfid("003", k % 5), _sfid("006", k % 3), f"Activity {k}", f"2026-05-{1 + k:02d}",
                      status, "true" if status == "Completed" else "false", "Normal", "", f"Activity {k} details", "false",
                      f"2026-05-{1 + k:02d}T08:00:00.000Z", sub])
    for d in range(3):
        opp.append([_sfid("006", d), "false", _sfid("001", 0), f"Havlys deal {d}", "Proposal", f"{100000 * (d + 1)}.50", "NOK",
                    f"2026-0{4 + d}-15", "50", "" if d else "Send the contract", "false", "false", ""])
        ocr.append([_sfid("00K", d), _sfid("006", d), _sfid("003", d), "Decision Maker", "true", "false"])
    return [
        _write(folder / "Account.csv", ["Id", "IsDeleted", "Name", "Type", "BillingCity", "BillingCountry", "Website", "Industry"],
               acc),
        _write(folder / "Contact.csv", ["Id", "IsDeleted", "AccountId", "LastName", "FirstName", "Salutation", "Name", "Title",
                                        "Phone", "MobilePhone", "Email", "Description"], con),
        _write(folder / "Note.csv", ["Id", "IsDeleted", "ParentId", "Title", "IsPrivate", "Body", "OwnerId", "CreatedDate",
                                     "LastModifiedDate"], notes),
        _write(folder / "Opportunity.csv", ["Id", "IsDeleted", "AccountId", "Name", "StageName", "Amount", "CurrencyIsoCode",
                                            "CloseDate", "Probability", "NextStep", "IsClosed", "IsWon", "OwnerId"], opp),
        _write(folder / "OpportunityContactRole.csv", ["Id", "OpportunityId", "ContactId", "Role", "IsPrimary", "IsDeleted"],
               ocr),
        _write(folder / "Task.csv", ["Id", "WhoId", "WhatId", "Subject", "ActivityDate", "Status", "IsClosed", "Priority",
                                     "OwnerId", "Description", "IsDeleted", "CreatedDate", "TaskSubtype"], tasks),
    ]


def _median(fn, n: int = 15) -> float:
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def _bare(conn, account_id: int) -> None:
    """The same rows, hand-written SQL on the same connection."""
    conn.execute(
        "SELECT n.id, n.occurred_at, n.title, n.body, a.kind, a.due_date, a.done, a.deal_id FROM notes n "
        "LEFT JOIN activities a ON a.note_id = n.id WHERE n.account_id = ? OR n.contact_id IN "
        "(SELECT id FROM contacts WHERE account_id = ?) ORDER BY n.occurred_at DESC", (account_id, account_id)).fetchall()
    conn.execute("SELECT d.*, dc.contact_id, dc.role FROM deals d LEFT JOIN deal_contacts dc ON dc.deal_id = d.id "
                 "WHERE d.account_id = ?", (account_id,)).fetchall()
    conn.execute("SELECT id, full_name, email, title FROM contacts WHERE account_id = ?", (account_id,)).fetchall()


def run(env: BenchEnv) -> list[Entry]:
    home = env.home("brief")
    from app.core.assistant import brief_model, brief_service, questions
    from app.core.crm.importer import import_files

    ctx = env.open_context("brief", env.home("brief/home"))
    entries: list[Entry] = []
    try:
        files = export(home / "export", others=50 if env.quick else 300)
        report = import_files(ctx.vault, files, format="salesforce")
        assert report.ok, report.as_json()
        conn = ctx.vault.conn
        acc = conn.execute("SELECT id FROM accounts WHERE name = 'Havlys Energi AS'").fetchone()[0]
        counts = brief_service.facts(ctx, "account", acc, AS_OF)
        assert len(counts.items) == 70, len(counts.items)  # 50 notes + 20 activities

        def facts_json():
            brief_service.facts(ctx, "account", acc, AS_OF).as_json()

        bare = _median(lambda: _bare(conn, acc))
        app = _median(facts_json)
        entries.append(Entry("brief --facts-only (50 notes, 20 activities, 3 deals)", app, "s", baseline=bare,
                             baseline_label="the same rows by hand-written SQL", ratio=app / bare,
                             target="<= 0.5 s", ok=app <= 0.5))

        # A brief built in the background (the model part stored), then opened.
        facts = brief_service.facts(ctx, "account", acc, AS_OF)
        job = brief_model.load(ctx, facts)
        part = brief_model.ModelPart("Prepared in the background.", [], [])
        brief_model.save(ctx, job, part)
        opened = _median(lambda: brief_service.open_brief(ctx, "account", acc, AS_OF, mark=False))
        assert brief_service.open_brief(ctx, "account", acc, AS_OF, mark=False).has_model_part
        entries.append(Entry("open a subject with a brief built in the background", opened, "s", baseline=bare,
                             baseline_label="the same rows by hand-written SQL", ratio=opened / bare,
                             target="<= 0.2 s", ok=opened <= 0.2))

        q = _median(lambda: questions.answer_from_vault(conn, f"a{acc}", "What stage is the deal?", as_of=AS_OF))
        assert questions.answer_from_vault(conn, f"a{acc}", "Hvilken fase er avtalen i?", as_of=AS_OF) is not None
        entries.append(Entry("structured question from the vault", q, "s", baseline=bare,
                             baseline_label="the same rows by hand-written SQL", ratio=q / bare,
                             target="<= 0.3 s", ok=q <= 0.3))
    finally:
        ctx.close()

    # The whole command in a fresh process: informational (interpreter start and the KDF dominate).
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "app.cli.main", "brief", f"a{acc}", "--facts-only", "--json", "--as-of",
                          AS_OF.isoformat()], capture_output=True, text=True, env=dict(os.environ))
    cli = time.perf_counter() - t0
    entries.append(Entry("`confidant brief --facts-only --json` in a fresh process", cli, "s",
                         target="informational: Python start, imports, passphrase KDF (no keyring here)",
                         notes="" if out.returncode == 0 else out.stderr.strip()[:200]))
    return entries
