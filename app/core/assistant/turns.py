"""The tasks themselves, on plain data: a subject (contact/account dict) and its notes.

No vault here, so the evaluation set runs the very same code on notes from a JSON file.
Each task returns an :class:`Outcome`: the result, and what to store (the prompt turn,
the answer, every note given). Guarantees:

- the prompt always fits: notes are chosen within ``n_ctx`` minus the answer's tokens
  minus room for one follow-up turn, and the finished prompt is counted again;
- every citation in the result names a note the model was given (others are removed and
  flagged), and every given note that reads like an instruction to an AI is flagged;
- an account whose notes do not fit is summarised in chunks and combined (map-reduce).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from app.core.assistant import citations, drafts, language, prompts, selection
from app.core.assistant.fencing import note_date, note_is_flagged
from app.core.assistant.generation import (
    PER_MESSAGE_TOKENS,
    Options,
    Step,
    TaskResult,
    Totals,
    generate,
    message_tokens,
    prompt_budget,
    stop_flags,
)
from app.core.errors import AppError, N_

FOLLOW_UP_TOKENS = 192  # a follow-up request turn with its rules, plus per-message overhead
_SOURCES = re.compile(r"^\s*[*_]*\s*(sources?|kilder|källor|quellen|notes used)\s*[*_]*\s*:.*$", re.IGNORECASE | re.MULTILINE)


@dataclass
class Outcome:
    result: TaskResult
    messages: list[dict] = field(default_factory=list)  # [user prompt, assistant answer]
    note_ids: list[int] = field(default_factory=list)
    meta: dict = field(default_factory=dict)  # stored with the first user turn
    parts: list = field(default_factory=list)  # a long summary's map parts (model.SummaryPart), kept by service.save


def choose_language(lang: str | None, notes: list[dict], *, extra: str = "") -> str:
    """The requested language; else the language of the newest notes (or the question); else English."""
    code = language.normalise(lang)
    if code:
        return code
    if extra:
        guess = language.detect(extra)
        if guess:
            return guess
    recent = sorted(notes, key=lambda n: (note_date(n), int(n["id"])), reverse=True)[:12]
    return language.detect([f"{n.get('title') or ''} {n.get('body') or ''}" for n in recent], default="en")


_MARKERS = re.compile(r"<<<\s*(END\s+)?[A-Z]{3,}|^\s*TASK\s*:", re.MULTILINE)


def echo_flags(text: str, task_text: str) -> list[dict]:
    """A flag when the answer repeats the prompt's scaffolding: our fence markers, the
    ``TASK:`` line, or a whole sentence of the task's own instructions."""
    if _MARKERS.search(text or ""):
        return [{"kind": "prompt_echo", "detail": "the answer repeats the prompt's markers or task text"}]
    folded = " ".join((text or "").split()).casefold()
    for sentence in re.split(r"(?<=[.:!?])\s+|\n", task_text or ""):
        sentence = " ".join(sentence.split()).casefold()
        if len(sentence) >= 40 and sentence in folded:
            return [{"kind": "prompt_echo", "detail": "the answer repeats the prompt's markers or task text"}]
    return []


def injection_flags(notes) -> list[dict]:
    return [{"kind": "instruction_like", "note_id": int(n["id"])} for n in notes if note_is_flagged(n)]


def _fit_prompt(engine, *, user_name, subject, notes, relevant, task_text, max_tokens, reserve) -> tuple[str, selection.Selection]:
    """Choose notes so the whole user turn fits; re-count the finished prompt to be sure."""
    budget = prompt_budget(engine, max_tokens) - reserve
    fixed = engine.count_tokens(prompts.head(user_name, subject, "", omitted=len(notes)) + "\n\n" + task_text)
    notes_budget = budget - fixed - 8
    for _ in range(4):
        if notes_budget < 0:
            raise AppError(N_("The model's context ({n_ctx} tokens) is too small for this task; use a larger context."),
                           n_ctx=engine.n_ctx)
        sel = selection.select(notes, count=engine.count_tokens, budget=notes_budget, relevant=relevant)
        content = prompts.head(user_name, subject, sel.text(), sel.omitted) + "\n\n" + task_text
        used = engine.count_tokens(content) + PER_MESSAGE_TOKENS
        if used <= budget:
            return content, sel
        notes_budget -= used - budget + 16
    raise AppError(N_("The notes could not be fitted into the model's context."))


def _reserve(engine, opts: Options, task: str) -> int:
    """Room kept free in the first prompt so that one follow-up turn still fits."""
    # The earlier answer (its reasoning is dropped from history) plus the request turn.
    answer = opts.answer_limit(task)
    return min(answer, int(engine.n_ctx) // 4) + FOLLOW_UP_TOKENS


def _result(engine, task: str, lang: str, totals: Totals, gen) -> TaskResult:
    return TaskResult(
        conversation_id=None,
        task=task,
        text="",
        model=getattr(engine, "model_name", ""),
        reasoning_tokens=totals.reasoning_tokens,
        answer_tokens=totals.answer_tokens,
        seconds=totals.seconds,
        language=lang,
        stop_reason=gen.done.stop_reason if gen else "stop",
        first_answer_seconds=totals.first_answer_seconds,
        reused_tokens=totals.reused_tokens,
        prompt_tokens=totals.prompt_tokens,
        reasoning=gen.reasoning if gen else "",
    )


def finish_draft(text: str, given: dict[int, dict], *, lang: str, user_name: str, signature: str) -> tuple[str, str, list, list]:
    """Model text -> (subject, signed body, citations, invalid-citation flags)."""
    checked, cites, bad = citations.validate(text, given)
    m = _SOURCES.search(checked)
    email = checked[: m.start()] if m else checked
    subject, body = drafts.split(email, lang)
    body = citations.strip(body).strip()
    return citations.strip(subject).strip(), drafts.sign(body, user_name, signature), cites, bad


def sized(opts: Options, notes: int) -> Options:
    """``opts`` with the answer budget fitted to ``notes`` notes (unless the caller set one)."""
    return opts if opts.notes is not None else replace(opts, notes=notes)


def _prefix_fit(engine, *, subject: dict, notes: list[dict], user_name: str = "", opts: Options | None = None,
                draft: dict | None = None) -> tuple[str, selection.Selection]:
    """The prefill's prompt and the notes it holds (see :func:`prefix_messages`)."""
    opts = sized(opts or Options(), len(notes))
    d = draft or {}
    template = d.get("template")
    code = choose_language(d.get("lang"), notes)
    if subject.get("kind") == "contact":
        task = "draft"
        task_text = prompts.draft_task(
            user_name=user_name, contact=subject, about=d.get("about"), lang=code, has_notes=bool(notes),
            tone=d.get("tone") or (template.tone if template is not None else None),
            length=d.get("length") or (template.length if template is not None else None),
            purpose=template.instruction if template is not None else None)
    else:
        task = "summarize"
        last = max((note_date(n) for n in notes), default=None) if notes else None
        task_text = prompts.summary_task(lang=code, last_contact=last)
    return _fit_prompt(engine, user_name=user_name, subject=subject, notes=notes, relevant=(), task_text=task_text,
                       max_tokens=opts.max_tokens(task), reserve=_reserve(engine, opts, task))


def prefix_messages(engine, *, subject: dict, notes: list[dict], user_name: str = "", opts: Options | None = None,
                    draft: dict | None = None) -> list[dict]:
    """The first prompt of the task a user most likely starts on ``subject`` (a draft for a
    contact, a summary for an account), as messages for :meth:`Engine.prefill`. That task
    then starts at once; any other task on the subject shares its head (who, rules,
    subject, notes) and reads only its own task text. ``draft``: the options the draft will
    be asked with (about, lang, tone, length, template), so its task text is read ahead too."""
    content, _sel = _prefix_fit(engine, subject=subject, notes=notes, user_name=user_name, opts=opts, draft=draft)
    return [{"role": "user", "content": content}]


def ask_prefix_messages(engine, *, subject: dict, notes: list[dict], user_name: str = "") -> list[dict]:
    """What every question on ``subject`` starts with (the prefill's head and notes, then the
    ask rules), for :meth:`Engine.prefill` after :func:`prefix_messages`: it shares that
    prompt's head, so only the rules are read, and a question then reads only the notes
    that match it and its own words."""
    _content, base = _prefix_fit(engine, subject=subject, notes=notes, user_name=user_name)
    head = prompts.head(user_name, subject, base.text(), base.omitted)
    return [{"role": "user", "content": head + "\n\n" + prompts.ask_rules(lang=choose_language(None, notes))}]


def _one_turn(engine, task: str, code: str, *, user_name, subject, notes, relevant, task_text, opts: Options):
    """Fit the notes into one prompt, generate, and start the result: the shared first half
    of a draft and a question. Returns (messages, selection, given notes by id, generation, result)."""
    opts = sized(opts, len(notes))
    content, sel = _fit_prompt(engine, user_name=user_name, subject=subject, notes=notes, relevant=relevant,
                               task_text=task_text, max_tokens=opts.max_tokens(task), reserve=_reserve(engine, opts, task))
    messages = [{"role": "user", "content": content}]
    if opts.on_progress is not None:
        opts.on_progress(Step("read", notes=len(sel.notes)))
    gen = generate(engine, messages, task=task, opts=opts)
    totals = Totals()
    totals.add(gen.done)
    given = {int(n["id"]): n for n in sel.notes}
    return messages, sel, given, gen, _result(engine, task, code, totals, gen)


def draft(engine, *, subject: dict, notes: list[dict], relevant=(), user_name: str = "", signature: str = "",
          about: str | None = None, lang: str | None = None, tone: str | None = None, length: str | None = None,
          template=None, opts: Options) -> Outcome:
    """A first draft. ``template`` (a :class:`~app.core.assistant.templates.Template`) gives
    the purpose, and the tone and length unless the caller chose them."""
    tone = tone or (template.tone if template is not None else None)
    length = length or (template.length if template is not None else None)
    if tone and tone not in prompts.TONES:
        raise AppError(N_("Unknown tone '{tone}'. Known: {known}."), tone=tone, known=", ".join(prompts.TONES))
    if length and length not in prompts.LENGTHS:
        raise AppError(N_("Unknown length '{length}'. Known: {known}."), length=length, known=", ".join(prompts.LENGTHS))
    code = choose_language(lang, notes)
    purpose = template.instruction if template is not None else None
    task_text = prompts.draft_task(user_name=user_name, contact=subject, about=about, tone=tone, lang=code,
                                   has_notes=bool(notes), length=length, purpose=purpose)
    messages, sel, given, gen, res = _one_turn(engine, "draft", code, user_name=user_name, subject=subject,
                                               notes=notes, relevant=relevant, task_text=task_text, opts=opts)
    subj, body, cites, bad = finish_draft(gen.text, given, lang=code, user_name=user_name, signature=signature)
    res.text, res.subject, res.citations = body, subj, cites
    res.notes_given = len(given)
    res.flags = injection_flags(sel.notes) + bad + stop_flags(gen.done) + echo_flags(gen.text, task_text)
    if not notes:
        res.flags.append({"kind": "no_notes", "detail": "there are no notes about this contact; the draft has little to go on"})
    elif sel.omitted:
        res.flags.append({"kind": "notes_omitted", "count": sel.omitted})
    meta = {"lang": code, "tone": tone, "length": length, "template": template.name if template is not None else None,
            "template_title": template.title if template is not None else None, "about": about,
            "display": f"draft{(': ' + about) if about else ''}"}
    return Outcome(res, messages + [{"role": "assistant", "content": gen.text}], list(given), meta)


# Most tokens of question-specific notes read after the prefilled prefix. A question reads
# them and its own ~40 tokens before its first words, at about 35 tokens/s on the 1.5B shape
# (2 cores): 96 tokens of notes (one or two) make 95-155 tokens in all, first words in about
# 3-4 s on a prefilled account. More would find more, slower (bench_retrieval measures both).
ASK_MORE_TOKENS = 96


@dataclass
class AskPrompt:
    content: str
    notes: list[dict]  # every note the prompt holds: what the citations may name
    task_text: str  # the ask's own words (for the echo check)


def _ask_fit(engine, *, user_name, subject, notes, relevant, question, code, opts: Options) -> AskPrompt:
    """The ask prompt. Shaped so a prefilled subject answers at once: the prefill's head and
    notes (:func:`ask_prefix_messages`), the ask rules, then only the matching notes the head
    does not hold (at most :data:`ASK_MORE_TOKENS`, best match first), then the question
    (the rules are for the question's language: the prefilled ones when it is the notes').
    When that does not fit, the notes are chosen afresh (the newest few, then the matching
    ones, then the rest) and nothing of the prefill is reused."""
    max_tokens, reserve = opts.max_tokens("ask"), _reserve(engine, opts, "ask")
    task_text = prompts.ask_task(question=question, lang=code)
    tail = prompts.ask_question(question=question, lang=code)
    budget = prompt_budget(engine, max_tokens) - reserve
    try:
        _content, base = _prefix_fit(engine, subject=subject, notes=notes, user_name=user_name)
    except AppError:
        base = None
    if base is not None:
        head = prompts.head(user_name, subject, base.text(), base.omitted) + "\n\n" + prompts.ask_rules(lang=code)
        fixed = engine.count_tokens(head + "\n\n" + prompts.MORE_NOTES + "\n\n" + tail) + PER_MESSAGE_TOKENS + 8
        room = min(budget - fixed, ASK_MORE_TOKENS)
        held = {b.id for b in base.blocks}
        order = [int(i) for i in relevant]
        by_id = {int(n["id"]): n for n in notes}
        extra: list[selection.Block] = []
        for nid in order:
            if nid in held or nid not in by_id or room < 24:
                continue
            block = selection.make_block(by_id[nid], engine.count_tokens, room)
            if block is None or (block.cut and extra):
                continue
            extra.append(block)
            room -= block.tokens
        extra.sort(key=lambda b: (note_date(b.note), b.id))
        more = ("\n\n" + prompts.MORE_NOTES + "\n\n" + "\n\n".join(b.text for b in extra)) if extra else ""
        content = head + more + "\n\n" + tail
        if budget - fixed >= 0 and engine.count_tokens(content) + PER_MESSAGE_TOKENS <= budget:
            return AskPrompt(content, base.notes + [b.note for b in extra], task_text)
    content, sel = _fit_prompt(engine, user_name=user_name, subject=subject, notes=notes, relevant=relevant,
                               task_text=task_text, max_tokens=max_tokens, reserve=reserve)
    return AskPrompt(content, sel.notes, task_text)


def read_flag(given, total: int, relevant) -> dict:
    """How many notes an answer read, of how many, and how many of those match the question."""
    match = {int(i) for i in relevant}
    ids = [int(n["id"]) for n in given]
    return {"kind": "notes_read", "read": len(ids), "total": int(total), "matching": sum(1 for i in ids if i in match)}


def ask(engine, *, subject: dict, notes: list[dict], relevant=(), question: str, user_name: str = "",
        lang: str | None = None, opts: Options) -> Outcome:
    """An answer from the notes. ``relevant``: the ids of the notes that match the question,
    best first (:func:`app.core.vault.search.question_matches`)."""
    relevant = list(relevant)
    code = choose_language(lang, notes, extra=question)
    task_text = prompts.ask_task(question=question, lang=code)
    meta = {"lang": code, "display": question}
    if not notes:
        # Nothing to read: the honest answer needs no model.
        res = TaskResult(None, "ask", language.NOT_IN_NOTES[code], model=getattr(engine, "model_name", ""), language=code)
        res.flags.append({"kind": "no_notes", "detail": "there are no notes about this subject"})
        content = prompts.head(user_name, subject, "") + "\n\n" + task_text
        return Outcome(res, [{"role": "user", "content": content}, {"role": "assistant", "content": res.text}], [], meta)
    opts = sized(opts, len(notes))
    fit = _ask_fit(engine, user_name=user_name, subject=subject, notes=notes, relevant=relevant, question=question,
                   code=code, opts=opts)
    messages = [{"role": "user", "content": fit.content}]
    if opts.on_progress is not None:
        opts.on_progress(Step("read", notes=len(fit.notes)))
    gen = generate(engine, messages, task="ask", opts=opts)
    totals = Totals()
    totals.add(gen.done)
    res = _result(engine, "ask", code, totals, gen)
    given = {int(n["id"]): n for n in fit.notes}
    text, cites, bad = citations.validate(gen.text, given)
    res.text, res.citations, res.notes_given = text.strip(), cites, len(given)
    res.flags = (injection_flags(fit.notes) + bad + stop_flags(gen.done) + echo_flags(gen.text, fit.task_text)
                 + [read_flag(fit.notes, len(notes), relevant)])
    if not relevant:
        res.flags.append({"kind": "no_matching_notes", "detail": "no note matched the question's words; recent notes were used"})
    return Outcome(res, messages + [{"role": "assistant", "content": gen.text}], list(given), meta)


def follow_up_prefix(*, task: str, history: list[dict], lang: str) -> list[dict]:
    """What every follow-up to this conversation starts with (the stored turns, then the
    opening of the next one), for :meth:`Engine.prefill` while the user reads the answer."""
    opening = {"role": "user", "content": prompts.follow_up_opening(task=task, lang=lang)}
    return list(history) + [opening]


def follow_up(engine, *, task: str, history: list[dict], given: dict[int, dict], instruction: str, lang: str,
              user_name: str = "", signature: str = "", opts: Options) -> Outcome:
    """One more turn on a stored conversation. The earlier turns are sent unchanged, so the
    engine can reuse the evaluated prefix; if they no longer fit, middle turns are dropped
    (the first prompt and the latest answer always stay). An instruction that names a
    language ("skriv den på norsk", "in English please") switches the answer to it, and the
    turn's rule says that language, not the conversation's earlier one."""
    asked = language.requested(instruction)
    switched = asked is not None and asked != lang
    lang = asked or lang
    turn = {"role": "user", "content": prompts.follow_up_turn(instruction=instruction, task=task, lang=lang, switched=switched)}
    kind = "draft" if task == "draft" else ("summarize" if task == "summarize" else "ask")
    opts = sized(opts, len(given))
    answer_max = opts.max_tokens(kind) - (0 if opts.quick else int(opts.thinking_budget or 0))
    limit = int(engine.n_ctx) - answer_max
    msgs = [{"role": m["role"], "content": m["content"]} for m in history] + [turn]
    while (used := message_tokens(engine, msgs)) > limit and len(msgs) > 3:
        del msgs[1:3]  # the oldest answer and the request that followed it
    if used > limit:
        raise AppError(N_("This conversation no longer fits in the model's context; start a new task instead."))
    if not opts.quick and opts.thinking_budget and used + answer_max + opts.thinking_budget > engine.n_ctx:
        # The first prompt kept room for an answer, not for long reasoning: think less.
        room = int(engine.n_ctx) - used - answer_max
        opts = replace(opts, thinking_budget=room) if room >= 64 else replace(opts, quick=True)
    gen = generate(engine, msgs, task=kind, opts=opts)
    totals = Totals()
    totals.add(gen.done)
    res = _result(engine, task, lang, totals, gen)
    if task == "draft":
        res.subject, res.text, res.citations, bad = finish_draft(gen.text, given, lang=lang, user_name=user_name, signature=signature)
    else:
        text, res.citations, bad = citations.validate(gen.text, given)
        res.text = text.strip()
    res.flags = bad + stop_flags(gen.done) + echo_flags(gen.text, turn["content"])
    res.notes_given = len(given)
    return Outcome(res, [turn, {"role": "assistant", "content": gen.text}], list(given), {"display": instruction, "lang": lang})
