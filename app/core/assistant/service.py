"""The assistant's public API: tasks over the vault, each saved as a conversation.

``draft_follow_up``, ``summarize``, ``ask`` and ``continue_conversation`` load what they need
from the vault, run the task (:mod:`app.core.assistant.turns`), and save the conversation,
its messages, the notes it was given and (for drafts) the draft — all in one transaction
after the model has finished, so a cancelled or failed task saves nothing. The reasoning
text is stored only when the ``store_reasoning`` setting is on.

Each task is three steps, so that the vault's thread is not held while the model writes:
``load_*`` (vault thread) gives a :class:`Job`; ``Job.run`` generates (any thread, no vault);
:func:`save` stores it (vault thread). ``draft_follow_up`` & co. do all three in a row (the CLI).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from app.core import logs
from app.core.assistant import facts, prompt_cache, prompts, summary, templates, turns
from app.core.assistant.notes import Note, from_rows
from app.core.assistant.generation import Options, TaskResult
from app.core.errors import N_, AppError, UsageError
from app.core.privacy import consent as consent_rules
from app.core.vault import audit, consent, conversations, summary_parts

RELEVANT_LIMIT = 60
MAX_NOTES_READ = None  # every note: selection or map-reduce decides what the model sees


def _records():
    from app.core.vault import records

    return records


def _user(ctx) -> tuple[str, str]:
    return str(ctx.settings.get("user_name") or ""), str(ctx.settings.get("user_signature") or "")


def _contact_subject(c) -> dict:
    """The prompt's view of a contact (a :class:`~app.core.model.Subject`)."""
    return {"kind": "contact", "id": c.id, "name": c.name, "first_name": c.first_name, "email": c.email,
            "title": c.title, "company": c.company, "account_id": c.account_id}


def _notes(conn, subject: dict) -> list[Note]:
    """The subject's notes that may enter a prompt. THE place every task gets its notes: a
    person who objected to processing or asked to be forgotten (their CRM's flags)
    never has a note or activity in a prompt, for them or in their account's tasks. What was
    left out is put on the subject (``consent_left_out`` flags), and :meth:`Job.run` adds it
    to the answer's flags, so the window and the command line can say so."""
    rec = _records()
    if subject["kind"] == "account":
        rows = rec.notes_for(conn, account_id=subject["id"], limit=MAX_NOTES_READ)
    else:
        rows = rec.notes_for(conn, contact_id=subject["id"], limit=MAX_NOTES_READ)
    withheld = consent.withheld_notes(conn, [r["id"] for r in rows])
    notes = from_rows([r for r in rows if int(r["id"]) not in withheld])
    # Deals and activities as facts copied from the records (issue 22): the prompt's FACTS block,
    # from the notes that may enter it only.
    pipeline_facts = facts.load(conn, subject, [n.id for n in notes])
    subject["facts"] = pipeline_facts.block() if pipeline_facts else None
    subject["consent_left_out"] = consent_rules.left_out_flags(withheld, subject["kind"])
    return notes


def _relevant(conn, subject: dict, text: str | None) -> list[int]:
    """The subject's notes that match ``text``, best first (word and trigram indexes, any of
    the words: :func:`app.core.vault.search.question_matches`)."""
    if not text or not text.strip():
        return []
    from app.core.vault import search

    key = "account_id" if subject["kind"] == "account" else "contact_id"
    return search.question_matches(conn, text, limit=RELEVANT_LIMIT, **{key: subject["id"]})


def _target(conn, ref: str) -> dict:
    t = _records().resolve_target(conn, ref)
    if t.kind == "account" and t.unlinked:
        # The importer's holder of notes whose person or company was not found: not a customer.
        raise UsageError(N_("'{name}' holds imported notes whose person or company was not found; it is not a customer "
                            "and cannot be summarised or asked about. Import the contacts or companies those notes belong "
                            "to (they then move there), or pick a contact or account."), name=t.name)
    if t.kind == "account":
        return {"kind": "account", "id": t.id, "name": t.name, "contacts": []}
    return _contact_subject(t)


def _add_people(conn, subject: dict, notes: list[Note]) -> list[Note]:
    """For an account: who the notes are about ("who is who", set on ``subject``), and the
    notes again, each with its person's name."""
    if subject["kind"] != "account":
        return notes
    people: dict[int, dict] = {}
    out = []
    for n in notes:
        cid = n.contact_id
        if cid is not None and cid not in people and len(people) < 200:
            people[cid] = _records().get_contact(conn, cid)
        person = people.get(cid)
        out.append(n.with_person(person.name if person else None) if cid is not None else n)
    subject["contacts"] = [p for p in people.values() if p][:30]
    return out


def _save(ctx, outcome: turns.Outcome, *, subject: dict, engine, conversation_id: int | None = None,
          override_reason: str | None = None) -> TaskResult:
    res = outcome.result
    keep_reasoning = bool(ctx.settings.get("store_reasoning"))
    with ctx.vault.transaction() as conn:
        if conversation_id is None:
            conversation_id = conversations.create(
                conn,
                res.task,
                contact_id=subject["id"] if subject["kind"] == "contact" else None,
                account_id=subject["id"] if subject["kind"] == "account" else subject.get("account_id"),
                title=_title(res.task, subject),
                model_sha256=_sha(engine),
            )
            first_meta = dict(outcome.meta)
            if override_reason:
                first_meta["opt_out_override"] = True
        else:
            first_meta = {k: v for k, v in outcome.meta.items() if k in ("display", "lang", "edited")}
        user_msg, answer = outcome.messages[0], outcome.messages[1]
        conversations.add_message(conn, conversation_id, "user", user_msg["content"], meta=first_meta)
        conversations.add_message(
            conn, conversation_id, "assistant", answer["content"],
            reasoning=(res.reasoning or None) if keep_reasoning else None,
            meta={"citations": res.citations, "flags": res.flags, "subject": res.subject, "text": res.text,
                  "reasoning_tokens": res.reasoning_tokens, "answer_tokens": res.answer_tokens,
                  "seconds": round(res.seconds, 3), "stop_reason": res.stop_reason},
        )
        conversations.link_notes(conn, conversation_id, outcome.note_ids)
        summary_parts.keep(conn, subject["kind"], subject["id"], outcome.parts)  # a long summary's map parts
        if res.task == "draft":
            res.draft_id = conversations.save_draft(
                conn, conversation_id, subject["id"] if subject["kind"] == "contact" else None,
                res.subject or "", res.text, res.language)
        audit.append(conn, "assistant.task", task=res.task, conversation=conversation_id, notes=len(outcome.note_ids))
        if override_reason and res.task == "draft":
            # The user's reason for writing to someone who opted out of e-mail; no content.
            audit.append(conn, consent_rules.AUDIT_EVENT, subject=f"contact#{subject['id']}", conversation=conversation_id,
                         reason=override_reason)
    res.conversation_id = conversation_id
    logs.event("assistant.task", task=res.task, conversation=conversation_id, notes=len(outcome.note_ids),
               answer_tokens=res.answer_tokens, reasoning_tokens=res.reasoning_tokens, seconds=round(res.seconds, 2),
               flags=len(res.flags))
    return res


def _title(task: str, subject: dict) -> str:
    return f"{task}: {subject.get('name') or ''}".strip()


def _sha(engine) -> str | None:
    try:
        return engine.describe().get("sha256")
    except Exception:  # describe is informative only
        return None


@dataclass
class Job:
    """A task loaded from the vault and ready to run without it.

    :func:`load_draft` and friends build one on the thread that owns the vault connection;
    :meth:`run` needs only the engine (the GUI runs it on its generation worker, so the
    store thread stays free for browsing and search); :func:`save` stores the outcome, on
    the vault's thread again. ``prefix`` is what :meth:`Engine.prefill` can read ahead.
    """

    task: str
    subject: dict
    notes: list[dict]
    user_name: str
    thinking_budget: int
    _run: Callable = field(repr=False)
    conversation_id: int | None = None
    override_reason: str | None = None  # a draft to someone who opted out of e-mail: the user's reason

    def options(self, *, quick=False, cancel=None, on_event=None, **kw) -> Options:
        budget = kw.pop("thinking_budget", None)
        return Options(quick=quick, cancel=cancel, on_event=on_event,
                       thinking_budget=self.thinking_budget if budget is None else budget, **kw)

    def run(self, engine, **kw) -> turns.Outcome:
        """Generate (no vault access). ``kw``: quick, cancel, on_event, on_progress, answer_tokens, …"""
        outcome = self._run(engine, self.options(**kw))
        # Notes kept out of the prompt by the person's consent flags (set by _notes).
        outcome.result.flags[:0] = [dict(f) for f in self.subject.get("consent_left_out", ())]
        return outcome

    def prefix(self, engine) -> list[dict]:
        return turns.prefix_messages(engine, subject=self.subject, notes=self.notes, user_name=self.user_name,
                                     draft=getattr(self, "draft", None))

    def ask_prefix(self, engine) -> list[dict]:
        """What every question on the subject starts with; prefill it after :meth:`prefix`
        (it shares that prompt's head, so only the ask rules are read)."""
        return turns.ask_prefix_messages(engine, subject=self.subject, notes=self.notes, user_name=self.user_name)


def load_draft(ctx, contact_ref: str, *, about=None, lang=None, tone=None, length=None, template=None,
               override_reason: str | None = None) -> Job:
    """``template``: a template's name (built-in, the company's or the user's own). Raises
    OptOutRefused when the contact opted out of e-mail and no (allowed) reason is given."""
    conn = ctx.vault.conn
    contact = _records().resolve_contact(conn, contact_ref)
    reason = consent_rules.check_draft(ctx.settings, _records().get_contact(conn, contact["id"]) or contact, override_reason)
    subject = _contact_subject(contact)
    chosen = templates.find(conn, ctx.policy, template) if template else None
    notes = _notes(conn, subject)
    user_name, signature = _user(ctx)
    relevant = _relevant(conn, subject, " ".join(x for x in (about, chosen.instruction if chosen else "") if x))

    def run(engine, opts):
        return turns.draft(engine, subject=subject, notes=notes, relevant=relevant, user_name=user_name,
                          signature=signature, about=about, lang=lang, tone=tone, length=length, template=chosen,
                          opts=opts)

    return Job("draft", subject, notes, user_name, _budget(ctx), run, override_reason=reason)


SCOPES = ("recent", "all")
RECENT_NOTES = 15


def load_summary(ctx, target_ref: str, *, lang=None, scope: str = "all") -> Job:
    """``scope``: ``recent`` reads the latest :data:`RECENT_NOTES` notes (a minute on a
    laptop), ``all`` the whole history (map-reduce when it does not fit)."""
    if scope not in SCOPES:
        raise AppError(N_("Unknown scope '{scope}'. Known: {known}."), scope=scope, known=", ".join(SCOPES))
    conn = ctx.vault.conn
    subject = _target(conn, target_ref)
    notes = _notes(conn, subject)
    if scope == "recent":
        notes = sorted(notes, key=lambda n: (n.date or "", n.id), reverse=True)[:RECENT_NOTES]
    notes = _add_people(conn, subject, notes)
    user_name, _ = _user(ctx)
    known = summary_parts.for_subject(conn, subject["kind"], subject["id"])  # kept map parts: read here, not in run

    def run(engine, opts):
        return summary.summarize(engine, subject=subject, notes=notes, user_name=user_name, lang=lang, opts=opts,
                                 known_parts=known)

    return Job("summarize", subject, notes, user_name, _budget(ctx), run)


def load_ask(ctx, target_ref: str, question: str, *, lang=None) -> Job:
    conn = ctx.vault.conn
    subject = _target(conn, target_ref)
    notes = _add_people(conn, subject, _notes(conn, subject))
    user_name, _ = _user(ctx)
    relevant = _relevant(conn, subject, question)

    def run(engine, opts):
        return turns.ask(engine, subject=subject, notes=notes, relevant=relevant, question=question,
                        user_name=user_name, lang=lang, opts=opts)

    return Job("ask", subject, notes, user_name, _budget(ctx), run)


def load_subject(ctx, target_ref: str, *, draft: dict | None = None) -> Job:
    """A contact or an account with its notes, for prefilling (``Job.prefix``); not runnable.
    ``draft``: the options of the draft the user is about to ask for (a template's name)."""
    conn = ctx.vault.conn
    subject = _target(conn, target_ref)
    notes = _add_people(conn, subject, _notes(conn, subject))
    user_name, _ = _user(ctx)
    draft = dict(draft or {})
    if draft.get("template"):
        draft["template"] = templates.find(conn, ctx.policy, draft["template"])

    def run(engine, opts):
        raise AppError(N_("Choose a task: draft, summarise or ask."))

    job = Job("subject", subject, notes, user_name, _budget(ctx), run)
    job.draft = draft
    return job


def _stored_turns(conn, conversation_id: int) -> tuple[dict, str, list[dict]]:
    """A stored conversation, its answer language (the latest a turn set) and its turns as messages."""
    conv = conversations.get(conn, int(conversation_id))
    langs = [m["meta"].get("lang") for m in conv["messages"] if m["role"] == "user" and m["meta"].get("lang")]
    history = [{"role": m["role"], "content": m["content"]} for m in conv["messages"]]
    return conv, (langs[-1] if langs else "en"), history


def load_follow_up(ctx, conversation_id: int, instruction: str, *, override_reason: str | None = None) -> Job:
    conn = ctx.vault.conn
    conv, lang, history = _stored_turns(conn, conversation_id)
    given = {n.id: n for n in from_rows(conversations.notes(conn, conv["id"]))}
    if consent.withheld_notes(conn, list(given)):
        # The earlier turns hold those notes' text: the conversation cannot go back to the model.
        raise AppError(N_("This conversation used notes of a person who has since objected to processing or asked to be "
                          "forgotten; it cannot be continued. Start a new task."))
    user_name, signature = _user(ctx)
    reason = None
    if conv["contact_id"] is not None:
        subject = {"kind": "contact", "id": conv["contact_id"], "account_id": conv["account_id"]}
        first = conv["messages"][0]["meta"] if conv["messages"] else {}
        if conv["task"] == "draft" and not first.get("opt_out_override"):
            reason = consent_rules.check_draft(ctx.settings, _records().get_contact(conn, conv["contact_id"]) or {},
                                               override_reason)
    else:
        subject = {"kind": "account", "id": conv["account_id"]}

    def run(engine, opts):
        return turns.follow_up(engine, task=conv["task"], history=history, given=given, instruction=instruction,
                              lang=lang, user_name=user_name, signature=signature, opts=opts)

    job = Job(conv["task"], subject, list(given.values()), user_name, _budget(ctx), run, conversation_id=conv["id"],
              override_reason=reason)
    job.first_turn = history[:1]  # what the encrypted prompt cache may hold for it (prompt_cache.cache_prefix)
    return job


def follow_up_prefix(ctx, conversation_id: int) -> list[dict]:
    """The messages a follow-up to this conversation starts with (read ahead by the chat)."""
    conv, lang, history = _stored_turns(ctx.vault.conn, conversation_id)
    return turns.follow_up_prefix(task=conv["task"], history=history, lang=lang)


def save_edit(ctx, conversation_id: int, *, text: str, subject: str | None = None) -> TaskResult:
    """Keep the user's own edit of the latest answer as a version of its own (one
    transaction): a turn that says the user edited it, then their text, and for a draft a
    draft row; a later follow-up revises their text. Runs on the vault's thread."""
    text = (text or "").strip()
    if not text:
        raise UsageError(N_("The edited text is empty; nothing was saved."))
    conn = ctx.vault.conn
    conv = conversations.get(conn, int(conversation_id))
    task = conv["task"]
    subject = (subject or "").strip() or None if task == "draft" else None
    content = f"Subject: {subject}\n\n{text}" if subject else text
    langs = [m["meta"].get("lang") for m in conv["messages"] if m["role"] == "user" and m["meta"].get("lang")]
    lang = langs[-1] if langs else None
    res = TaskResult(conversation_id=conv["id"], task=task, text=text, subject=subject, language=lang)
    with ctx.vault.transaction() as c:
        conversations.add_message(c, conv["id"], "user", prompts.edited_turn(task=task), meta={"display": "", "edited": True})
        conversations.add_message(c, conv["id"], "assistant", content,
                                  meta={"citations": [], "flags": [], "subject": subject, "text": text, "edited": True})
        if task == "draft":
            res.draft_id = conversations.save_draft(c, conv["id"], conv["contact_id"], subject or "", text, lang)
        audit.append(c, "assistant.edited", task=task, conversation=conv["id"])
    logs.event("assistant.edited", task=task, conversation=conv["id"])
    return res


def save(ctx, job: Job, outcome: turns.Outcome, engine) -> TaskResult:
    """Store a finished task (one transaction). Runs on the vault's thread."""
    return _save(ctx, outcome, subject=job.subject, engine=engine, conversation_id=job.conversation_id,
                 override_reason=job.override_reason)


def _budget(ctx) -> int:
    return int(ctx.settings.get("thinking_budget") or 0)


def draft_follow_up(ctx, engine, contact_ref: str, *, about=None, lang=None, tone=None, length=None, template=None,
                    override_reason=None, **kw) -> TaskResult:
    job = load_draft(ctx, contact_ref, about=about, lang=lang, tone=tone, length=length, template=template,
                     override_reason=override_reason)
    return save(ctx, job, prompt_cache.run_job(ctx, job, engine, **kw), engine)


def summarize(ctx, engine, target_ref: str, *, lang=None, scope: str = "all", **kw) -> TaskResult:
    job = load_summary(ctx, target_ref, lang=lang, scope=scope)
    return save(ctx, job, prompt_cache.run_job(ctx, job, engine, **kw), engine)


def ask(ctx, engine, target_ref: str, question: str, *, lang=None, **kw) -> TaskResult:
    job = load_ask(ctx, target_ref, question, lang=lang)
    return save(ctx, job, prompt_cache.run_job(ctx, job, engine, **kw), engine)


def continue_conversation(ctx, engine, conversation_id: int, instruction: str, *, override_reason=None, **kw) -> TaskResult:
    job = load_follow_up(ctx, conversation_id, instruction, override_reason=override_reason)
    return save(ctx, job, prompt_cache.run_job(ctx, job, engine, **kw), engine)


def history(ctx, *, limit: int | None = 50) -> list[dict]:
    return conversations.list_all(ctx.vault.conn, limit=limit)
