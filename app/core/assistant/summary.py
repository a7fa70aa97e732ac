"""Summaries of a contact or an account, in one pass or by map-reduce.

When every note fits the context, one prompt holds them all. Otherwise the notes are cut
into date-ordered chunks that each fit (:func:`selection.plan_chunks`); each chunk is
reduced to cited bullet points ("map", run in quick mode: extraction needs no long
reasoning), the bullet lists are combined until they fit, and one final prompt writes the
sections from them ("reduce"). Citations are checked at every step against the notes of
that step, so an id the model made up never survives into the result. Progress is reported
through ``opts.on_progress`` (a :class:`Step`: "part 3 of 40"), and only one chunk's prompt text is built at
a time, so memory does not grow with the number of chunks beyond their note lists.
"""

from __future__ import annotations

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
from app.core.assistant.generation import PER_MESSAGE_TOKENS, Options, Step, Totals, generate, prompt_budget, stop_flags

MAX_ROUNDS = 6


def summarize(engine, *, subject: dict, notes: list[dict], user_name: str = "", lang: str | None = None, opts: Options) -> Outcome:
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
                       task_text=task_text, meta=meta, opts=opts)


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


def _map_reduce(engine, *, subject, notes, user_name, lang, task_text, meta, opts: Options) -> Outcome:
    quick = replace(opts, quick=True, on_event=None)
    totals = Totals()
    flags: list[dict] = injection_flags(notes)
    given = {int(n["id"]): n for n in notes}
    map_budget = (
        prompt_budget(engine, quick.max_tokens("map"))
        - engine.count_tokens(prompts.head(user_name, subject, "") + "\n\n" + prompts.map_task(lang=lang, part=999, parts=999))
        - PER_MESSAGE_TOKENS - 16
    )
    # Plan on ids only; each chunk's fenced text is rebuilt when its turn comes.
    chunks = [[b.note for b in ch.blocks] for ch in selection.plan_chunks(notes, count=engine.count_tokens, budget=map_budget)]
    partials: list[str] = []
    for i, chunk in enumerate(chunks, 1):
        _progress(opts, Step("part", notes=len(chunk), part=i, parts=len(chunks)))
        sel = selection.select(chunk, count=engine.count_tokens, budget=map_budget)
        content = prompts.head(user_name, subject, sel.text()) + "\n\n" + prompts.map_task(lang=lang, part=i, parts=len(chunks))
        gen = generate(engine, [{"role": "user", "content": content}], task="map", opts=quick)
        totals.add(gen.done)
        text, _, bad = citations.validate(gen.text, {int(n["id"]): n for n in sel.notes})
        flags += bad + stop_flags(gen.done)
        partials.append(text.strip())

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
        {"kind": "map_reduce", "chunks": len(chunks)}]
    return Outcome(res, messages + [{"role": "assistant", "content": gen.text}], list(given), dict(meta, chunks=len(chunks)))


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
