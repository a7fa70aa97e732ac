"""Score a model on the evaluation set (``tests/eval/cases.json``).

The set holds fictional accounts with notes, and cases (draft, summarize, ask), each with
facts a good answer must contain and facts it must not invent. Every case runs through the
same task code as the app (:mod:`core`, :mod:`summary`) on the same fenced prompts, minus
the vault: notes get ids 1..N in file order, and "relevance" is word overlap instead of
FTS5. Scores per case and overall:

- ``fact_recall``: must-facts found / must-facts (a fact matches any of its spellings);
- ``invented``: must-not strings found in the answer (0 is right);
- ``citation_validity``: valid citations / all citations the model wrote (1.0 when none);
- ``language_ok``: the answer's detected language is the one asked for.

Run with ``confidant eval --model PATH [--json]``; the small test model scores low, a
DeepSeek-R1 distill should not. Runs on the caller's thread; nothing is stored.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from app.core.assistant import turns, language, summary
from app.core.assistant.notes import Note
from app.core.assistant.generation import Options
from app.core.errors import AppError, N_

DEFAULT_SET = Path(__file__).resolve().parents[3] / "tests" / "eval" / "cases.json"


@dataclass
class EvalSet:
    subjects: dict[str, dict]  # key -> subject dict (contact or account)
    notes: dict[str, list[dict]]  # key -> that subject's notes
    cases: list[dict]
    total_notes: int = 0


@dataclass
class CaseScore:
    id: str
    task: str
    fact_recall: float
    facts_found: int
    facts_total: int
    invented: list[str]
    citations: int
    invalid_citations: int
    language: str | None
    expected_language: str
    language_ok: bool
    flags: list[str]
    seconds: float
    answer_tokens: int
    text: str = field(default="", repr=False)

    @property
    def citation_validity(self) -> float:
        total = self.citations + self.invalid_citations
        return 1.0 if total == 0 else self.citations / total

    def as_json(self, with_text: bool = False) -> dict:
        d = {k: v for k, v in self.__dict__.items() if k != "text"}
        d["citation_validity"] = round(self.citation_validity, 3)
        if with_text:
            d["text"] = self.text
        return d


def load(path: Path | str | None = None) -> EvalSet:
    p = Path(path) if path else DEFAULT_SET
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise AppError(N_("Cannot read the evaluation set {path}: {error}"), path=p, error=exc) from None
    subjects: dict[str, dict] = {}
    notes: dict[str, list[dict]] = {}
    nid = 0
    for acc in data["accounts"]:
        people = {c["key"]: c for c in acc["contacts"]}
        acc_notes: list[dict] = []
        for n in acc["notes"]:
            nid += 1
            who = people.get(n.get("contact"))
            note = Note(id=nid, date=n["date"], title=n.get("title"), body=n["body"],
                        contact_name=who["name"] if who else None)
            acc_notes.append(note)
            notes.setdefault(n.get("contact"), []).append(note)
        subjects[acc["key"]] = {"kind": "account", "id": acc["key"], "name": acc["name"],
                                "contacts": [{"name": c["name"], "title": c.get("title")} for c in acc["contacts"]]}
        notes[acc["key"]] = acc_notes
        for c in acc["contacts"]:
            subjects[c["key"]] = {"kind": "contact", "id": c["key"], "name": c["name"], "first_name": c.get("first"),
                                  "email": c.get("email"), "title": c.get("title"), "company": acc["name"]}
            notes.setdefault(c["key"], [])
    return EvalSet(subjects, notes, data["cases"], nid)


def _overlap(notes: list[dict], text: str | None) -> list[int]:
    words = {w for w in re.findall(r"\w{4,}", (text or "").casefold())}
    if not words:
        return []
    scored = []
    for n in notes:
        hay = f"{n.get('title') or ''} {n['body']}".casefold()
        s = sum(1 for w in words if w in hay)
        if s:
            scored.append((s, n["id"]))
    return [i for _, i in sorted(scored, reverse=True)]


def _found(text: str, alternatives: list[str]) -> bool:
    t = text.casefold()
    return any(a.casefold() in t for a in alternatives)


def run_case(engine, es: EvalSet, case: dict, opts: Options, user_name: str = "Ola Hansen") -> CaseScore:
    subject = es.subjects[case["target"]]
    notes = es.notes[case["target"]]
    lang = case.get("lang")
    started = time.perf_counter()
    if case["task"] == "draft":
        out = turns.draft(engine, subject=subject, notes=notes, relevant=_overlap(notes, case.get("about")),
                         user_name=user_name, about=case.get("about"), lang=lang, tone=case.get("tone"), opts=opts)
        text = f"{out.result.subject}\n{out.result.text}"
    elif case["task"] == "summarize":
        out = summary.summarize(engine, subject=subject, notes=notes, user_name=user_name, lang=lang, opts=opts)
        text = out.result.text
    elif case["task"] == "ask":
        out = turns.ask(engine, subject=subject, notes=notes, relevant=_overlap(notes, case["question"]),
                       question=case["question"], user_name=user_name, lang=lang, opts=opts)
        text = out.result.text
    else:
        raise AppError(N_("Evaluation case {case}: unknown task {task!r}."),
                       case=case.get('id'), task=case['task'])
    res = out.result
    must = case.get("must", [])
    found = sum(1 for alts in must if _found(text, alts))
    invented = [s for s in case.get("must_not", []) if s.casefold() in text.casefold()]
    expected = case.get("expect_lang") or lang or "en"
    # The user's name and the signature are not evidence of the language.
    detected = language.detect(text.replace(user_name, ""), default=None)
    return CaseScore(
        id=case["id"], task=case["task"], fact_recall=found / len(must) if must else 1.0, facts_found=found,
        facts_total=len(must), invented=invented, citations=len(res.citations),
        invalid_citations=sum(1 for f in res.flags if f.get("kind") == "invalid_citation"),
        language=detected, expected_language=expected, language_ok=detected == expected,
        flags=sorted({f["kind"] for f in res.flags}), seconds=round(time.perf_counter() - started, 2),
        answer_tokens=res.answer_tokens, text=text,
    )


def run(engine, es: EvalSet, *, opts: Options, only: list[str] | None = None,
        on_case: Callable[[CaseScore], None] | None = None) -> dict:
    cases = [c for c in es.cases if not only or c["id"] in only]
    if only and len(cases) != len(set(only)):
        known = {c["id"] for c in es.cases}
        raise AppError(N_("Unknown evaluation case(s): {names}."),
                       names=', '.join(sorted(set(only) - known)))
    scores = []
    for c in cases:
        s = run_case(engine, es, c, opts)
        scores.append(s)
        if on_case:
            on_case(s)
    n = max(len(scores), 1)
    cited = sum(s.citations for s in scores)
    bad = sum(s.invalid_citations for s in scores)
    return {
        "model": getattr(engine, "model_name", ""),
        "cases": len(scores),
        "fact_recall": round(sum(s.fact_recall for s in scores) / n, 3),
        "invented_facts": sum(len(s.invented) for s in scores),
        "citation_validity": round(1.0 if cited + bad == 0 else cited / (cited + bad), 3),
        "language_correct": round(sum(1 for s in scores if s.language_ok) / n, 3),
        "injection_flagged": all("instruction_like" in s.flags for s in scores if s.task == "summarize" and _has_injection(es, s.id)),
        "seconds": round(sum(s.seconds for s in scores), 2),
        "per_case": scores,
    }


def _has_injection(es: EvalSet, case_id: str) -> bool:
    case = next(c for c in es.cases if c["id"] == case_id)
    from app.core.assistant.fencing import note_is_flagged

    return any(note_is_flagged(n) for n in es.notes[case["target"]])
