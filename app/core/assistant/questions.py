"""Structured questions answered from the vault, without the model (issue 23).

"When did we last talk?", "what stage is the deal?", "who is our contact at X?", "what is
open?" — in English and Norwegian bokmål and their common variants — are answered from the
brief's facts at once, with citations (``[n12]`` names the note or activity the answer rests
on). :func:`match` says which question it is (None: a question for the model); :func:`answer`
writes the answer in the question's language. Pure functions over a
:class:`app.core.assistant.brief.Brief`; run anywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

INTENTS = ("last_contact", "deal_stage", "contact_at", "open_items")

_PATTERNS: list[tuple[str, str, re.Pattern]] = [
    # (intent, language, pattern). Checked in order; the first match wins.
    ("last_contact", "nb", re.compile(
        r"\b(når\s+(snakket|snakka|pratet|prata|møttes|hørte|hadde)\s+(vi|jeg)\b.*\bsist|når\s+var\s+(siste|forrige)\s+"
        r"(kontakt|samtale|møte|telefon)|siste\s+kontakt|sist\s+(vi\s+)?(snakket|hadde\s+kontakt))", re.I)),
    ("last_contact", "en", re.compile(
        r"\b(when\s+did\s+(we|i)\s+(last\s+)?(talk|speak|meet|call|hear|have\s+contact|e-?mail)|when\s+was\s+(the|our)\s+"
        r"(last|latest|most\s+recent)\s+(contact|call|meeting|conversation|e-?mail|touch)|last\s+(contact|touch\s*point)|"
        r"last\s+time\s+we\s+(talked|spoke|met))", re.I)),
    ("deal_stage", "nb", re.compile(
        r"\b(hvilk(en|et)\s+(fase|steg|stadium|status)|hvor\s+står\s+(avtalen|dealen|salget|saken)|status\s+(på|for)\s+"
        r"(avtalen|dealen|salget)|hva\s+er\s+status(en)?\s+(på|for)\s+(avtalen|dealen|salget))", re.I)),
    ("deal_stage", "en", re.compile(
        r"\b(what|which)\s+(stage|phase|status)\b|\bwhere\s+(is|are|does)\s+(the|our|this)\s+(deal|opportunity|deals)"
        r"|\b(deal|opportunity)\s+(stage|status)\b|\bstage\s+of\s+the\s+(deal|opportunity)", re.I)),
    ("contact_at", "nb", re.compile(
        r"\b(hvem\s+er\s+(kontakten|kontaktpersonen|kontaktene|kontaktpersonene)(\s+vår|\s+våre)?|hvem\s+er\s+vår(e)?\s+"
        r"kontakt(person)?(er)?|hvem\s+(snakker|prater)\s+vi\s+med|hvem\s+kjenner\s+vi)", re.I)),
    ("contact_at", "en", re.compile(
        r"\b(who\s+(is|are)\s+(our|the|my)\s+(main\s+|primary\s+|key\s+)?(contacts?|champion|people|person)|who\s+do\s+we\s+"
        r"(talk|speak|deal)\s+(to|with)|who\s+do\s+we\s+know)", re.I)),
    ("open_items", "nb", re.compile(
        r"\b(hva\s+(er|står)\s+(åpent|åpne|igjen|ute)|hva\s+gjenstår|åpne\s+(oppgaver|saker|avtaler)|hva\s+må\s+(vi|jeg)\s+"
        r"gjøre|hva\s+er\s+utestående)", re.I)),
    ("open_items", "en", re.compile(
        r"\b(what('s|\s+is|\s+are)\s+(still\s+)?(open|outstanding|pending|left)|open\s+(tasks|items|deals|to-?dos)|"
        r"what\s+do\s+(we|i)\s+(still\s+)?(need|have)\s+to\s+do)", re.I)),
]


@dataclass(frozen=True)
class Match:
    intent: str
    lang: str


@dataclass
class Answer:
    intent: str
    lang: str
    text: str
    citations: list[dict] = field(default_factory=list)  # [{"note_id", "date"}] as a model answer's
    deal_ids: list[int] = field(default_factory=list)


def match(question: str) -> Match | None:
    """Which structured question ``question`` is, or None (the model answers it)."""
    q = " ".join((question or "").split())
    if not q or len(q) > 160:  # a long question asks for more than a fact
        return None
    for intent, lang, rx in _PATTERNS:
        if rx.search(q):
            return Match(intent, lang)
    return None


_KIND = {
    "en": {"call": "a call", "meeting": "a meeting", "email": "an e-mail", "note": "a note"},
    "nb": {"call": "en samtale", "meeting": "et møte", "email": "en e-post", "note": "et notat"},
}


def _cite(brief, note_id: int) -> dict:
    item = brief.items.get(note_id)
    return {"note_id": note_id, "date": (item.date or "")[:10] or None if item else None}


def _money(d) -> str:
    return f"{d.amount_text()} {d.currency or ''}".strip() if d.amount is not None else ""


def answer(brief, m: Match) -> Answer:
    nb = m.lang == "nb"
    name = brief.subject.name
    out = Answer(m.intent, m.lang, "")
    if m.intent == "last_contact":
        lc = brief.last_contact
        if lc is None:
            out.text = (f"Ingen samtale, møte, e-post eller notat med {name} er registrert." if nb
                        else f"No call, meeting, e-mail or note with {name} is on record.")
        else:
            item = brief.items.get(lc.id)
            what = (item.title or item.body or "").strip().splitlines()[0][:120] if item and (item.title or item.body) else ""
            kind = _KIND[m.lang].get(lc.kind, lc.kind)
            days = (brief.as_of - date.fromisoformat(lc.date)).days
            ago = ("i dag" if days == 0 else f"{days} dag siden" if days == 1 else f"{days} dager siden") if nb else (
                "today" if days == 0 else "1 day ago" if days == 1 else f"{days} days ago")
            if nb:
                out.text = f"Sist {lc.date} ({ago}): {kind}" + (f" – «{what}»" if what else "") + f" [n{lc.id}]."
            else:
                out.text = f"Last on {lc.date} ({ago}): {kind}" + (f" – \"{what}\"" if what else "") + f" [n{lc.id}]."
            out.citations.append(_cite(brief, lc.id))
    elif m.intent == "deal_stage":
        open_deals = brief.open_deals
        shown = open_deals or brief.deals
        if not shown:
            out.text = f"Ingen avtaler med {name} er registrert." if nb else f"No deals with {name} are on record."
        else:
            lines = []
            for d in shown:
                bits = [d.stage or ("ukjent fase" if nb else "no stage")]
                if d.status != "open":
                    bits.append({"won": "vunnet" if nb else "won", "lost": "tapt" if nb else "lost"}[d.status])
                if _money(d):
                    bits.append(_money(d))
                if d.close_date:
                    bits.append(("lukkes " if nb else "closes ") + d.close_date)
                if d.next_step:
                    bits.append(("neste steg: " if nb else "next step: ") + d.next_step)
                lines.append(f"{d.name}: " + ", ".join(bits) + ".")
                out.deal_ids.append(d.id)
            out.text = "\n".join(lines)
    elif m.intent == "contact_at":
        people = brief.people
        if not people:
            out.text = f"Ingen personer er registrert hos {name}." if nb else f"No people are on record at {name}."
        else:
            lines = []
            for p in people:
                bits = [p.name]
                if p.role:
                    bits.append(f"({p.role})")
                if p.email:
                    bits.append(f"<{p.email}>")
                lines.append(" ".join(bits))
            head = f"Hos {name}: " if nb else f"At {name}: "
            out.text = head + "; ".join(lines) + "."
    elif m.intent == "open_items":
        lines = []
        for d in brief.open_deals:
            lines.append(("Åpen avtale: " if nb else "Open deal: ") + f"{d.name}" + (f" ({d.stage})" if d.stage else "")
                         + (f", {_money(d)}" if _money(d) else "") + (f", {'lukkes' if nb else 'closes'} {d.close_date}"
                                                                      if d.close_date else ""))
            out.deal_ids.append(d.id)
        for t in brief.open_tasks:
            due = f", {'frist' if nb else 'due'} {t.due}" if t.due else ""
            late = (" – forfalt" if nb else " – overdue") if t.overdue else ""
            lines.append(("Oppgave: " if nb else "To do: ") + f"{t.title}{due}{late} [n{t.id}]")
            out.citations.append(_cite(brief, t.id))
        if not lines:
            out.text = f"Ingenting er åpent for {name}." if nb else f"Nothing is open for {name}."
        else:
            out.text = "\n".join(lines)
    return out


def answer_from_vault(conn, target_ref, question: str, *, as_of=None, thresholds=None) -> Answer | None:
    """The answer to a structured question about ``target_ref``, from the vault (vault thread);
    None when it is not one (the model answers it). "Who is our contact at X?" asked about a
    contact answers with the people of the contact's account."""
    from datetime import date as _date

    from app.core.assistant import brief as briefs

    m = match(question)
    if m is None:
        return None
    subject = briefs.subject_of(conn, target_ref)
    if m.intent == "contact_at" and subject.kind == "contact" and subject.account_id is not None:
        from app.core.vault import records

        acc = next((a for a in records.list_accounts(conn) if a["account_id"] == subject.account_id), None)
        if acc is not None:
            subject = briefs.Subject("account", subject.account_id, acc["name"])
    facts = briefs.build_facts(conn, subject, as_of or _date.today(), thresholds=thresholds, use_last_shown=False)
    return answer(facts, m)


def as_result_json(a: Answer) -> dict:
    """The ``ask --json`` result shape (as a model's answer), marked as answered from the vault."""
    return {"conversation_id": None, "task": "ask", "text": a.text, "citations": a.citations, "flags": [],
            "model": None, "reasoning_tokens": 0, "answer_tokens": 0, "seconds": 0.0,
            "answered_from": "vault", "intent": a.intent, "deal_ids": a.deal_ids}
