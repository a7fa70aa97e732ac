"""Import benchmark for the pipeline (issue 22): a generated Salesforce export with 200,000
activities (Task.csv: calls, e-mails and tasks on contacts and opportunities).

Measured in fresh processes (so each peak RSS is its own), same files, same run:

- ``bare SQLCipher``: the same activities, already parsed, bulk-inserted with ``executemany``
  into the vault schema (one note row with its contact and one activities row with its deal
  each, the app's content keys computed and the contacts and deals stored before the clock
  starts), the FTS triggers dropped and ``notes_fts`` rebuilt; one transaction, the vault's
  pragmas and the import's page cache (16 MB);
- ``confidant import``: :func:`app.core.crm.importer.import_files` on Account, Contact,
  Opportunity and Task.csv (sniffing, mapping, kinds, due/done, deal lookups, links by id,
  dedupe, activity rows, FTS, audit).

Targets (DESIGN.md "the same for activities"): import time <= 3x the bare insert, and peak
memory that does not grow with the file (1/4 of the activities vs all: ratio <= 1.25).
"""

from __future__ import annotations

import csv
import os
import random
import time
from pathlib import Path

from benchmarks.bench_import import WORDS, _current_rss_mb, _rss_mb, write_people
from benchmarks.run import BenchEnv, Entry

SUBTYPES = ("Call", "Email", "Task")


def generate(folder: Path, activities: int, contacts: int = 5000, accounts: int = 1000, deals: int = 3000,
             seed: int = 5) -> list[Path]:
    rnd = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    write_people(folder, contacts, accounts)
    with open(folder / "Opportunity.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, quoting=csv.QUOTE_ALL)
        w.writerow(["Id", "IsDeleted", "AccountId", "Name", "StageName", "Amount", "CurrencyIsoCode", "CloseDate", "Probability",
                    "NextStep", "IsClosed", "IsWon"])
        for i in range(deals):
            w.writerow([f"0065g{i:010d}", "false", f"0015g{i % accounts:010d}", f"Deal {i}", "Negotiation",
                        f"{rnd.randint(1, 90000) * 125}.50", "NOK", f"2026-{i % 12 + 1:02d}-15", "40", "Send offer", "false", "false"])
    with open(folder / "Task.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        w.writerow(["Id", "IsDeleted", "WhoId", "WhatId", "Subject", "ActivityDate", "Status", "IsClosed", "TaskSubtype",
                    "CallType", "CallDurationInSeconds", "Description", "CreatedDate", "OwnerId"])
        for i in range(activities):
            sub = SUBTYPES[i % 3]
            body = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(15, 40)))
            done = i % 4 != 0
            w.writerow([f"00T5g{i:010d}", "false", f"0035g{rnd.randrange(contacts):010d}", f"0065g{rnd.randrange(deals):010d}",
                        f"{sub} {i}", f"2025-{i % 12 + 1:02d}-{i % 28 + 1:02d}", "Completed" if done else "Not Started",
                        "true" if done else "false", sub, "Outbound" if sub == "Call" else "",
                        str(60 * (i % 50)) if sub == "Call" else "", body, f"2025-{i % 12 + 1:02d}-{i % 28 + 1:02d}T09:00:00.000Z",
                        "0055g00000OwNeRAAA"])
    return [folder / "Account.csv", folder / "Contact.csv", folder / "Opportunity.csv", folder / "Task.csv"]


def _bare(files, db) -> tuple[float, float, int]:
    """The same activities as one notes row and one activities row each, inserted as fast as
    SQLCipher takes them (keys precomputed; note ids given, so the activities rows need no lookup)."""
    from app.core.vault.db import Vault
    from app.core.vault.import_writer import BULK_CACHE_KIB, content_key

    Path(db).parent.mkdir(parents=True, exist_ok=True)
    vault = Vault.open(Path(db), os.urandom(32))
    c = vault.conn
    for trig in ("notes_fts_ai", "notes_fts_ad", "notes_fts_au"):
        c.execute(f"DROP TRIGGER {trig}")
    # The same page cache the import uses for a file (a fixed 16 MB), so neither side wins by cache size.
    c.execute(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")
    # The rows the activities point at (contacts, deals), stored before the clock starts, so the
    # bare rows carry the same contact and deal ids (and foreign-key checks) as the app's.
    contact_ids, deal_ids = {}, {}
    with open(files[1], newline="", encoding="utf-8") as fh:
        r = csv.reader(fh)
        next(r)
        for row in r:
            cur = c.execute("INSERT INTO contacts(full_name, crm_source, crm_id, created_at, updated_at) VALUES (?,?,?,?,?)",
                            (f"{row[4]} {row[3]}", "salesforce", row[0], "x", "x"))
            contact_ids[row[0]] = cur.lastrowid
    with open(files[2], newline="", encoding="utf-8") as fh:
        r = csv.reader(fh)
        next(r)
        for row in r:
            cur = c.execute("INSERT INTO deals(name, source, crm_id, content_key, created_at, updated_at) VALUES (?,?,?,?,?,?)",
                            (row[3], "salesforce", row[0], row[0], "x", "x"))
            deal_ids[row[0]] = cur.lastrowid
    kinds = {"Call": "call", "Email": "email", "Task": "task"}
    notes, acts = [], []
    with open(files[3], newline="", encoding="utf-8") as fh:
        r = csv.reader(fh)
        next(r)
        for n, row in enumerate(r, start=1):
            notes.append((n, contact_ids[row[2]], row[5], row[4], row[11], "salesforce", row[0],
                          content_key("salesforce", "activity:" + row[0], "", None, None, ""), "2025-01-01"))
            kind = kinds[row[8]]
            acts.append((n, kind, "outbound" if row[9] else None, int(row[10]) // 60 if row[10] else None,
                         row[5] if kind == "task" else None, (1 if row[7] == "true" else 0) if kind == "task" else None, row[6],
                         deal_ids[row[3]], row[13]))
    base = _current_rss_mb()
    t = time.perf_counter()
    c.execute("BEGIN IMMEDIATE")
    c.executemany("INSERT INTO notes(id, contact_id, occurred_at, title, body, source, crm_id, content_key, created_at) "
                  "VALUES (?,?,?,?,?,?,?,?,?)", notes)
    c.executemany("INSERT INTO activities(note_id, kind, direction, duration_min, due_date, done, status, deal_id, owner) "
                  "VALUES (?,?,?,?,?,?,?,?,?)", acts)
    c.execute("INSERT INTO notes_fts(notes_fts) VALUES ('rebuild')")
    c.execute("COMMIT")
    took = time.perf_counter() - t
    vault.close()
    return took, _rss_mb() - base, len(acts)


def _confidant(files, db) -> tuple[float, float, int]:
    from app.core.crm.importer import import_files
    from app.core.vault.db import Vault

    Path(db).parent.mkdir(parents=True, exist_ok=True)
    vault = Vault.open(Path(db), os.urandom(32))
    base = _current_rss_mb()
    t = time.perf_counter()
    report = import_files(vault, files)
    took = time.perf_counter() - t
    assert report.ok, report.as_json()
    n = vault.conn.execute("SELECT count(*) FROM activities").fetchone()[0]
    vault.close()
    return took, _rss_mb() - base, n


def run(env: BenchEnv) -> list[Entry]:
    n = 20_000 if env.quick else 200_000
    files = generate(env.home("activities-data"), n)
    quarter = generate(env.home("activities-data-quarter"), n // 4)
    size_mb = files[3].stat().st_size / 2**20
    bare_s, bare_mb, bare_n = _measure("_bare", files, env.home("a1") / "bare.db")
    imp_s, imp_mb, imp_n = _measure("_confidant", files, env.home("a2") / "vault.db")
    _, imp_q_mb, _ = _measure("_confidant", quarter, env.home("a3") / "vault.db")
    assert imp_n == bare_n == n, (imp_n, bare_n, n)
    ratio = imp_s / bare_s
    mem_ratio = imp_mb / imp_q_mb if imp_q_mb > 0 else None
    return [
        Entry("import activities/s", n / imp_s, "activities/s", baseline=n / bare_s,
              baseline_label="bare SQLCipher insert of the same rows (note + activity) + FTS rebuild",
              ratio=ratio, target="import time <= 3x bare", ok=ratio <= 3.0,
              notes=f"{n:,} activities, {size_mb:.0f} MB Task.csv: import {imp_s:.2f} s, bare {bare_s:.2f} s"),
        Entry("import activities peak memory growth", imp_mb, "MB", baseline=bare_mb,
              baseline_label="bare insert (rows held in a list)", ratio=mem_ratio,
              target="all activities vs 1/4 of them <= 1.25" if not env.quick else "informational in --quick",
              ok=(mem_ratio is not None and mem_ratio <= 1.25) if not env.quick else None,
              notes=f"peak RSS growth: {n // 4:,} activities {imp_q_mb:.1f} MB, {n:,} activities {imp_mb:.1f} MB"),
    ]


def _measure(fn_name: str, files, db: Path):
    """Each measurement in a fresh process (its own peak RSS), as bench_import does."""
    import multiprocessing as mp

    ctx = mp.get_context("spawn")
    q = ctx.Queue()
    p = ctx.Process(target=_child, args=(fn_name, [str(f) for f in files], str(db), q))
    p.start()
    out = q.get()
    p.join()
    return out


def _child(fn_name, files, db, q):
    q.put(globals()[fn_name]([Path(f) for f in files], db))

