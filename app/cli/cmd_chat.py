"""`confidant chat TARGET`: an interactive session on one contact or account.

The model is loaded once and the subject's notes are read into it as soon as the session
starts (in the background, while the user types), so the first task starts almost at once.
Each line on stdin is one of:

    draft [ABOUT]      a follow-up e-mail (contacts only), optionally about something
    summarize          a summary of the notes
    ask QUESTION       a question about the notes
    quit | exit        end the session (so does end of input)
    anything else      a change to the last answer ("make it shorter")

Answers stream to stdout; progress and notes go to stderr. Ctrl-C stops the answer being
written (nothing is saved) and the session goes on; Ctrl-C at the prompt ends it. With
``--json`` each answer is one JSON object on one line: the issue-5 fields plus subject,
first_token_seconds (from reading the line to the first answer token), prompt_tokens,
prefix_reused_tokens, reasoning_tokens, answer_tokens and seconds. Questions typed here
never appear in ``ps`` output.
"""

from __future__ import annotations

import json
import sys
import threading
import time

from app.cli.cmd_assistant import Progress, _common, _kw, _notes, _Printer, _progress, load_engine
from app.cli.common import private_argument, read_stdin_line, vault_context
from app.core.errors import AppError, Cancelled

PROMPT = "> "


def register(sub) -> None:
    p = sub.add_parser("chat", help="an interactive session on a contact or account: draft, summarize, ask, revise")
    p.add_argument("target", metavar="TARGET",
                   help="contact (id, e-mail, name) or account (a123 or name); - reads it from stdin's first line")
    p.add_argument("--override-opt-out", metavar="REASON", dest="override_opt_out",
                   help="drafts to a contact who opted out of e-mail are written anyway; the reason is kept in the audit log")
    _common(p)
    p.set_defaults(func=run_chat)


class _Prefill:
    """Reads the subject's prompt prefix into the model on a thread of its own (no vault)."""

    def __init__(self, engine, messages, *, quiet: bool = False, disk=None, then: list[dict] | None = None):
        self.cancel = threading.Event()
        self.then = then  # read after ``messages`` (the ask rules on the same head), not cached on disk
        self.disk = disk  # the encrypted prompt-state cache: restored from first, written after
        self.tokens = 0
        self.error: BaseException | None = None
        self._progress = (lambda ev: None) if quiet else Progress()
        self._thread = threading.Thread(target=self._run, args=(engine, messages), name="confidant-prefill", daemon=True)
        self._thread.start()

    def _run(self, engine, messages) -> None:
        from app.core.llm.events import PromptProgress

        try:
            self.tokens = engine.prefill(messages, cancel=self.cancel, wait=True, disk=self.disk,
                                         on_progress=lambda d, t: self._progress(PromptProgress(d, t)))
            if self.then and not self.cancel.is_set():
                engine.prefill(self.then, cancel=self.cancel, wait=True, keep=False)
        except BaseException as exc:  # reported when the user's first task starts; never fatal
            self.error = exc

    def stop(self, ctx=None) -> None:
        """Stop reading (what was read stays in the model's context) and wait for the thread;
        with ``ctx`` (on the vault's thread), list what it wrote to the disk cache."""
        self.cancel.set()
        self._thread.join()
        if ctx is not None and self.disk is not None:
            from app.core.assistant import prompt_cache

            prompt_cache.record(ctx, self.disk)
            self.disk = None


def parse(line: str) -> tuple[str, str]:
    """A stdin line -> (command, argument). Commands: draft, summarize, ask, quit, revise."""
    text = line.strip()
    word, _, rest = text.partition(" ")
    cmd = word.casefold()
    if cmd in ("draft",):
        return "draft", rest.strip()
    if cmd in ("summarize", "summarise", "summary") and not rest.strip():
        return "summarize", ""
    if cmd == "ask":
        return "ask", rest.strip()
    if cmd in ("quit", "exit") and not rest.strip():
        return "quit", ""
    return "revise", text


def run_chat(args) -> int:
    from app.core.assistant import service

    args.target = private_argument(args.target, "Contact or account")
    with vault_context() as ctx:
        subject_job = service.load_subject(ctx, args.target)  # a typo fails before the model loads
        kind = subject_job.subject["kind"]
        engine = load_engine(ctx, args.ctx)
        from app.core.assistant import prompt_cache

        prefill = _Prefill(engine, subject_job.prefix(engine), disk=prompt_cache.for_job(ctx, engine, subject_job),
                           then=subject_job.ask_prefix(engine))
        interactive = sys.stdin.isatty()
        conversation_id: int | None = None
        _progress(f"chat about this {kind}: draft [ABOUT] | summarize | ask QUESTION | a change to the last answer | quit")
        while True:
            if interactive:
                sys.stderr.write(PROMPT)
                sys.stderr.flush()
            try:
                line = read_stdin_line()
            except KeyboardInterrupt:
                break
            except AppError as exc:  # bytes that are not text: this turn ends, the session goes on
                print(f"confidant: {exc.message}", file=sys.stderr, flush=True)
                continue
            if not line:
                break
            started = time.perf_counter()
            cmd, arg = parse(line)
            if not line.strip():
                continue
            if cmd == "quit":
                break
            try:
                if cmd == "draft":
                    if kind != "contact":
                        raise AppError("Drafts are written to a contact; this session is about an account.")
                    job = service.load_draft(ctx, args.target, about=arg or None, lang=args.lang,
                                             override_reason=args.override_opt_out)
                elif cmd == "summarize":
                    job = service.load_summary(ctx, args.target, lang=args.lang)
                elif cmd == "ask":
                    if not arg:
                        raise AppError("Ask what? Write the question after 'ask'.")
                    job = service.load_ask(ctx, args.target, arg, lang=args.lang)
                else:
                    if conversation_id is None:
                        raise AppError("There is no answer to change yet: start with draft, summarize or ask.")
                    job = service.load_follow_up(ctx, conversation_id, arg, override_reason=args.override_opt_out)
                prefill.stop(ctx)
                res, first, printer = _answer(ctx, engine, job, args, started)
            except KeyboardInterrupt:
                print(file=sys.stdout, flush=True)
                _progress("stopped; nothing was saved.")
                continue
            except Cancelled:
                _progress("stopped; nothing was saved.")
                continue
            except AppError as exc:
                print(f"confidant: {exc.message}", file=sys.stderr, flush=True)
                continue
            conversation_id = res.conversation_id
            _report(res, args, first, started, printer)
            # While the user reads the answer, read the start of a follow-up to it ahead.
            prefill = _Prefill(engine, service.follow_up_prefix(ctx, conversation_id), quiet=True)
        prefill.stop(ctx)
    return 0


def _answer(ctx, engine, job, args, started: float):
    """Run ``job``; returns (result, seconds from ``started`` to the first answer token)."""
    from app.core.assistant import service
    from app.core.llm.events import AnswerChunk

    printer = _Printer(args, live=not args.json)
    first: list[float] = []

    def on_event(ev) -> None:
        if isinstance(ev, AnswerChunk) and not first:
            first.append(time.perf_counter() - started)
        printer(ev)

    kw = _kw(args)
    outcome = job.run(engine, on_event=on_event, **kw)
    res = service.save(ctx, job, outcome, engine)
    return res, (first[0] if first else None), printer


def _report(res, args, first: float | None, started: float, printer: _Printer) -> None:
    if args.json:
        out = res.as_json()
        out.setdefault("subject", res.subject)
        out.update(
            first_token_seconds=None if first is None else round(first, 3),
            prompt_tokens=res.prompt_tokens,
            prefix_reused_tokens=res.reused_tokens,
            seconds=round(time.perf_counter() - started, 3),
        )
        print(json.dumps(out, ensure_ascii=False, default=str), flush=True)
        return
    final = f"Subject: {res.subject}\n\n{res.text}" if res.task == "draft" else res.text
    if "".join(printer.printed).strip() != final.strip():
        print("\n\n--- checked ---")  # citations were fixed, repeats cut, or the draft signed
        print(final, flush=True)
    else:
        print(flush=True)
    _notes(res)
