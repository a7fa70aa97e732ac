"""A large fictional account for retrieval: routine notes and activities in English and
bokmål, a few notes that answer a question each, and the questions with their gold notes.

Deterministic (one seeded generator), so tests and ``benchmarks/bench_retrieval.py`` read
the same account. ``python -m tests.support.big_account`` rewrites
``tests/data/retrieval/account300.json`` (committed: the benchmark's data of record).
Every person and company is invented; addresses are example.com.
"""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path

from app.core.model import NewNote
from app.core.vault.import_writer import ImportWriter, content_key

DATA = Path(__file__).resolve().parents[1] / "data" / "retrieval" / "account300.json"

PEOPLE = [
    ("ingrid", "Ingrid Solberg-Hansen", "Innkjøpssjef"),
    ("tor", "Tor Ingebrigtsen", "Driftsleder"),
    ("maria", "Maria Castellano", "CFO"),
    ("jonas", "Jonas Fjellheim", "IT-ansvarlig"),
    ("emma", "Emma Richards", "Logistics manager"),
    ("per", "Per Åsheim", "Lagersjef"),
]

# (key, person, position 0..1 in the timeline, title, body): each answers one question.
ANSWERS = [
    ("renewal", "ingrid", 0.10, "Avtale", "Fornyelsesavtalen for 2025 ble sendt til juridisk avdeling; Ingrid vil ha svar innen 14 dager."),
    ("reefer", "tor", 0.22, "Call", "Tor said the reefer units in Bodø kept failing at night; he wants a service visit before the herring season."),
    ("priceadj", "maria", 0.30, "Møte", "Prisjusteringen på 3,5 % fra 1. april ble godtatt av Maria etter at vi la fram indeksen."),
    ("lease", "emma", 0.18, "Meeting", "Emma confirmed the Bergen warehouse lease ends in March; they will move the stock to Kokstad."),
    ("budget", "ingrid", 0.40, "Samtale", "Budsjettrammen for neste år er kuttet med 12 prosent, sa Ingrid; hun må prioritere sporing."),
    ("competitor", "emma", 0.25, "Call", "Emma mentioned they are also evaluating Havbris Logistics, whose quote was lower on the northern routes."),
    ("integration", "jonas", 0.35, "E-post", "Jonas melder at e-postintegrasjonen mot ordresystemet feiler når vedlegg er større enn 10 MB."),
    ("cafe", "per", 0.45, "Besøk", "Per viste oss kantina; kaffemaskinen i café-området er leid av oss og leasingen går ut i juni."),
    ("security", "jonas", 0.12, "Meeting", "Jonas asked for our ISO 27001 certificate and a data processing agreement before the pilot."),
    ("sheep", "per", 0.50, "Notat", "Per sier at de får tre nye trucker levert i uke 20, og at sjåførene trenger opplæring."),
    ("father", "tor", 0.55, "Notat", "Tor var borte en uke fordi faren hans var syk; han er tilbake på mandag."),
    ("invoice", "maria", 0.60, "Call", "Maria flagged duplicate invoices from October; finance wants a credit note for invoice 4471."),
]

QUESTIONS = [
    ("nb", "Hva skjer med fornyelsen av avtalen?", ["renewal"]),
    ("en", "What did Tor say about the reefer units?", ["reefer"]),
    ("nb", "Når gjelder prisjusteringen fra?", ["priceadj"]),
    ("en", "When does the Bergen warehouse lease end?", ["lease"]),
    ("nb", "Hva sa Solberg om budsjettet?", ["budget"]),
    ("en", "Which competitor are they evaluating?", ["competitor"]),
    ("nb", "Hvorfor feiler epostintegrasjonen?", ["integration"]),
    ("en", "What about the cafe leasing?", ["cafe"]),
    ("en", "What did Jonas need before the pilot?", ["security"]),
    ("nb", "Hvor mange trucker får de?", ["sheep"]),
    ("nb", "Hvorfor var Tor borte?", ["father"]),
    ("en", "Which invoice needs a credit note?", ["invoice"]),
]

_FILLER_NB = [
    "Ukentlig oppfølging med {name} om leveranser og status på ordrene.",
    "{name} ringte om levering til {place}; alt går etter planen.",
    "Kort møte med {name}: gjennomgang av avtalen og neste steg.",
    "{name} ba om oppdatert pris på frakt til {place}.",
    "Sendte månedsrapporten til {name}; ingen avvik denne gangen.",
    "Lunsj med {name}. Snakket om sesongen og kapasitet i {place}.",
]
_FILLER_EN = [
    "Weekly check-in with {name} about deliveries and open orders.",
    "{name} called about the shipment to {place}; everything on schedule.",
    "Short meeting with {name} to go through the agreement and next steps.",
    "{name} asked for an updated price on freight to {place}.",
    "Sent the monthly report to {name}; no deviations this time.",
    "Quick call with {name} about capacity in {place} next quarter.",
]
_PLACES = ["Tromsø", "Ålesund", "Trondheim", "Stavanger", "Oslo", "Kristiansand", "Narvik"]
_KINDS = ["Call", "Møte", "Meeting", "Samtale", "E-post", "Notat"]


def build(n_notes: int = 300, *, seed: int = 26) -> dict:
    """The account as data: {"account", "people", "notes": [{key, person, date, title, body}], "questions"}."""
    rnd = random.Random(seed)
    start = date(2024, 1, 8)
    step = max(1, (2 * 365) // n_notes)
    answer_at = {int(pos * (n_notes - 1)): (key, who, title, body) for key, who, pos, title, body in ANSWERS}
    notes = []
    for i in range(n_notes):
        day = (start + timedelta(days=i * step)).isoformat()
        if i in answer_at:
            key, who, title, body = answer_at[i]
        else:
            key = f"f{i}"
            who = rnd.choice(PEOPLE)[0]
            name = next(p[1] for p in PEOPLE if p[0] == who).split(" ")[0]
            pool = _FILLER_NB if rnd.random() < 0.5 else _FILLER_EN
            body = rnd.choice(pool).format(name=name, place=rnd.choice(_PLACES))
            title = rnd.choice(_KINDS)
        notes.append({"key": key, "person": who, "date": day, "title": title, "body": body})
    return {
        "account": "Nordlys Frakt AS",
        "people": [{"key": k, "name": n, "title": t, "email": f"{n.split(' ')[0].lower()}@nordlys.example.com"}
                   for k, n, t in PEOPLE],
        "notes": notes,
        "questions": [{"lang": lang, "question": q, "gold": gold} for lang, q, gold in QUESTIONS],
    }


def load() -> dict:
    return json.loads(DATA.read_text(encoding="utf-8"))


def seed(vault, data: dict | None = None, *, limit: int | None = None, bulk: bool = True) -> dict:
    """Writes the account through the import writer (the bulk path unless ``bulk`` is
    false: then row by row, through the insert trigger). ``limit``: the newest that many
    notes only. Returns
    {"account": id, "contacts": {key: id}, "notes": {key: id}}."""
    data = data or load()
    rows = data["notes"] if limit is None else data["notes"][-limit:]
    out = {"contacts": {}, "notes": {}}
    with vault.transaction() as conn:
        w = ImportWriter(conn)
        out["account"], _ = w.upsert_account(data["account"], "retrieval", "nordlys", None)
        for p in data["people"]:
            first, _, last = p["name"].partition(" ")
            out["contacts"][p["key"]], _, _ = w.upsert_contact(
                full_name=p["name"], first_name=first, last_name=last, email=p["email"], phone=None, title=p["title"],
                account_id=out["account"], source="retrieval", crm_id=p["key"])
        if bulk:
            w.begin_bulk()
        for n in rows:
            cid = out["contacts"][n["person"]]
            key = content_key("retrieval", n["key"], str(cid), n["date"], n["title"], n["body"])
            w.add_notes([NewNote(contact_id=cid, account_id=out["account"], date=n["date"], title=n["title"], body=n["body"],
                                 source="retrieval", crm_id=n["key"], content_key=key, flags="[]")])
        if bulk:
            w.end_bulk()
    ids = dict(vault.conn.execute("SELECT crm_id, id FROM notes WHERE source = 'retrieval'").fetchall())
    out["notes"] = {k: int(v) for k, v in ids.items()}
    return out


if __name__ == "__main__":
    DATA.parent.mkdir(parents=True, exist_ok=True)
    DATA.write_text(json.dumps(build(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(DATA)
