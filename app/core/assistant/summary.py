"""Summaries of a contact or an account, in one pass or by map-reduce.

When every note fits the context, one prompt holds them all. Otherwise the notes are cut
into parts at stable date boundaries that each fit (:func:`selection.plan_parts`); each part is
reduced to cited bullet points ("map", run in quick mode: extraction needs no long
reasoning), the bullet lists are combined until they fit, and one final prompt writes the
sections from them ("reduce"). Citations are checked at every step against the notes of
that step, so an id the model made up never survives into the result. Progress is reported
through ``opts.on_progress`` (a :class:`Step`: "part 3 of 40"), and only one chunk's prompt text is built at
a time, so memory does not grow with the number of chunks beyond their note lists.

Incremental: each part's result is kept in the vault under :func:`part_key` (its whole prompt,
the model's SHA-256, :data:`PROMPT_VERSION`, the language). A later summary re-runs only the
parts whose key is new, then the final step; a new, backdated or edited note changes only
its own period's part (``Step("reuse")`` says how many were reused). This module never touches
the vault: the known results come in, the parts to keep go out in ``Outcome.parts``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import replace

from app.core.assistant import citations, prompts, selection
from app.core.assistant.turns import (
    Outcome,
    _fit_prompt,
    _reserve,
    _result,
    choose_language,
    echo_flags,
    injection_flags,
    sized,
)
from app.core.assistant.fencing import note_date
from app.core.model import SummaryPart
from app.core.assistant.generation import PER_MESSAGE_TOKENS, Options, Step, Totals, generate, prompt_budget, stop_flags

MAX_ROUNDS = 6
# Part of every kept map result's key: bump it when the map step changes in a way its prompt
# text does not show (the prompt text itself is in the key), so old results never match.
PROMPT_VERSION = "map-1"


def summarize(engine, *, subject: dict, notes: list[dict], user_name: str = "", lang: str | None = None, opts: Options,
              known_parts: Mapping[str, str] | None = None) -> Outcome:
    """``known_parts``: kept map results by :func:`part_key` (loaded on the vault's thread by
    ``service.load_summary``); the parts to keep come back in ``Outcome.parts``."""
    code = choose_language(lang, notes)
    last = max((note_date(n) for n in notes), default=None) if notes else None
    task_text = prompts.summary_task(lang=code, last_contact=last)
    meta = {"lang": code, "display": "summary"}
    if not notes:
        from app.core.assistant.generation import TaskResult

        res = TaskResult(None, "summarize", "", model=getattr(engine, "model_name", ""), language=code)
        res.text = {"en": "There are no notes to summarise.", "nb": "Det finnes ingen notater å oppsummere.",
                    "nn": "Det finst ingen notat å samanfatte.",
                    "sv": "Det finns inga anteckningar att sammanfatta.", "da": "Der er ingen noter at opsummere.",
                    "de": "Es gibt keine Notizen zum Zusammenfassen."}[code]
        res.flags.append({"kind": "no_notes", "detail": "there are no notes about this subject"})
        content = prompts.head(user_name, subject, "") + "\n\n" + task_text
        return Outcome(res, [{"role": "user", "content": content}, {"role": "assistant", "content": res.text}], [], meta)

    opts = sized(opts, len(notes))
    content, sel = _fit_prompt(engine, user_name=user_name, subject=subject, notes=notes, relevant=(),
                               task_text=task_text, max_tokens=opts.max_tokens("summarize"),
                               reserve=_reserve(engine, opts, "summarize"))
    if sel.omitted == 0:
        return _single(engine, content, sel.notes, code, meta, opts)
    return _map_reduce(engine, subject=subject, notes=notes, user_name=user_name, lang=code,
                       task_text=task_text, meta=meta, opts=opts, known=known_parts or {})


def _single(engine, content: str, given_notes: list[dict], code: str, meta: dict, opts: Options) -> Outcome:
    _progress(opts, Step("read", notes=len(given_notes)))
    messages = [{"role": "user", "content": content}]
    gen = generate(engine, messages, task="summarize", opts=opts)
    totals = Totals()
    totals.add(gen.done)
    given = {int(n["id"]): n for n in given_notes}
    text, cites, bad = citations.validate(gen.text, given)
    res = _result(engine, "summarize", code, totals, gen)
    res.text, res.citations, res.notes_given = text.strip(), cites, len(given)
    res.flags = injection_flags(given_notes) + bad + stop_flags(gen.done) + echo_flags(gen.text, content.rsplit("\n\n", 1)[-1])
    return Outcome(res, messages + [{"role": "assistant", "content": gen.text}], list(given), meta)


def _map_reduce(engine, *, subject, notes, user_name, lang, task_text, meta, opts: Options, known) -> Outcome:
    quick = replace(opts, quick=True, on_event=None, notes=None)  # the budget must not move with the note count
    totals = Totals()
    flags: list[dict] = injection_flags(notes)
    given = {int(n["id"]): n for n in notes}
    map_subject = _map_subject(subject)
    map_budget = (
        prompt_budget(engine, quick.max_tokens("map"))
        - engine.count_tokens(prompts.head(user_name, map_subject, "") + "\n\n" + prompts.map_task(lang=lang))
        - PER_MESSAGE_TOKENS - 16
    )
    # Plan on ids only, at stable date boundaries; each part's fenced text is rebuilt when its turn comes.
    chunks = [[b.note for b in ch.blocks] for ch in selection.plan_parts(notes, count=engine.count_tokens, budget=map_budget)]
    sha = _model_sha(engine)

    def part_prompt(chunk) -> tuple[str, list[dict], Options]:
        sel = selection.select(chunk, count=engine.count_tokens, budget=map_budget)
        content = prompts.head(user_name, map_subject, sel.text()) + "\n\n" + prompts.map_task(lang=lang)
        return content, sel.notes, replace(quick, notes=len(sel.notes))

    keys: list[str | None] = []
    for chunk in chunks:
        content, _, part_opts = part_prompt(chunk)
        keys.append(part_key(sha, lang, part_opts.max_tokens("map"), content) if sha else None)
    partials: list[str | None] = [known.get(k) if k else None for k in keys]
    kept = [SummaryPart(k, sha, PROMPT_VERSION, lang, p, tuple(int(n["id"]) for n in ch))
            for k, p, ch in zip(keys, partials, chunks) if k and p is not None]
    todo = [i for i, p in enumerate(partials) if p is None]
    reused = len(chunks) - len(todo)
    if reused:
        _progress(opts, Step("reuse", part=reused, parts=len(chunks)))
    for j, i in enumerate(todo, 1):
        _progress(opts, Step("part", notes=len(chunks[i]), part=j, parts=len(todo)))
        content, part_notes, part_opts = part_prompt(chunks[i])
        gen = generate(engine, [{"role": "user", "content": content}], task="map", opts=part_opts)
        totals.add(gen.done)
        text, _, bad = citations.validate(gen.text, {int(n["id"]): n for n in part_notes})
        flags += bad + stop_flags(gen.done)
        partials[i] = text.strip()
        if keys[i]:
            kept.append(SummaryPart(keys[i], sha, PROMPT_VERSION, lang, partials[i], tuple(int(n["id"]) for n in chunks[i])))
    partials = [p or "" for p in partials]

    final_task = task_text
    max_final = opts.max_tokens("summarize")
    room = prompt_budget(engine, max_final) - _reserve(engine, opts, "summarize")
    for round_no in range(MAX_ROUNDS):
        content = prompts.reduce_head(user_name, subject, partials) + "\n\n" + final_task
        if engine.count_tokens(content) + PER_MESSAGE_TOKENS <= room or len(partials) == 1:
            break
        # Still too long: combine groups of partial lists into shorter ones first.
        fixed = engine.count_tokens(prompts.reduce_head(user_name, subject, []) + "\n\n" + prompts.map_task(lang=lang, part=1, parts=1))
        group_budget = prompt_budget(engine, quick.max_tokens("map")) - fixed - 64
        groups = selection.group_texts([(p, engine.count_tokens(p) + 16) for p in partials], group_budget)
        if len(groups) == len(partials):  # each partial alone fills a prompt: cut them down
            groups = [[p[: max(200, len(p) // 2)]] for p in partials]
        merged = []
        for j, grp in enumerate(groups, 1):
            _progress(opts, Step("combine", part=j, parts=len(groups)))
            c = prompts.reduce_head(user_name, subject, grp) + "\n\n" + prompts.map_task(lang=lang, part=j, parts=len(groups))
            gen = generate(engine, [{"role": "user", "content": c}], task="map", opts=quick)
            totals.add(gen.done)
            text, _, bad = citations.validate(gen.text, given)
            flags += bad
            merged.append(text.strip())
        partials = merged
    content = prompts.reduce_head(user_name, subject, partials) + "\n\n" + final_task
    while engine.count_tokens(content) + PER_MESSAGE_TOKENS > room and partials and len(partials[-1]) > 200:
        partials[-1] = partials[-1][: len(partials[-1]) * 3 // 4]  # last resort: never overflow
        content = prompts.reduce_head(user_name, subject, partials) + "\n\n" + final_task
    _progress(opts, Step("write"))
    messages = [{"role": "user", "content": content}]
    gen = generate(engine, messages, task="summarize", opts=opts)
    totals.add(gen.done)
    text, cites, bad = citations.validate(gen.text, given)
    res = _result(engine, "summarize", lang, totals, gen)
    res.text, res.citations, res.notes_given = text.strip(), cites, len(given)
    res.flags = _dedupe(flags + bad + stop_flags(gen.done) + echo_flags(gen.text, final_task)) + [
        {"kind": "map_reduce", "chunks": len(chunks), "reused": reused}]
    return Outcome(res, messages + [{"role": "assistant", "content": gen.text}], list(given),
                   dict(meta, chunks=len(chunks), parts_reused=reused), parts=kept)


def part_key(model_sha256: str, lang: str, max_tokens: int, content: str) -> str:
    """The key a map part's result is kept under: the model, the prompt version, the
    language, the answer limit and the whole prompt (the notes' ids and text as given)."""
    h = hashlib.sha256()
    for item in (model_sha256, PROMPT_VERSION, lang, str(int(max_tokens)), content):
        h.update(item.encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()


def _model_sha(engine) -> str | None:
    """The local model file's SHA-256; None (nothing kept) for a company server, whose model
    may change behind the same name."""
    try:
        return engine.describe().get("sha256") or None
    except Exception:  # noqa: BLE001 - describe is informative only
        return None


def _map_subject(subject: dict) -> dict:
    """The subject as a map step sees it: who it is, without the FACTS block and the list of
    contacts (those change with other records and are given to the final step), so that a
    part's prompt depends on its own notes only."""
    return {k: v for k, v in subject.items() if k not in ("facts", "contacts", "consent_left_out")}


def _progress(opts: Options, step: Step) -> None:
    if opts.on_progress is not None:
        opts.on_progress(step)


def _dedupe(flags: list[dict]) -> list[dict]:
    seen, out = set(), []
    for f in flags:
        key = tuple(sorted((k, str(v)) for k, v in f.items()))
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out
