"""`confidant draft | summarize | ask | reply | history`: the assistant from the terminal.

The answer streams to the terminal as the model writes it; when stdout is not a terminal
only the finished, checked text is printed. Ctrl-C stops the model within a token and
saves nothing. ``--json`` prints the issue-5 result object. Notes about the result
(citations, flagged notes, a cut-off answer) go to stderr, so stdout stays the text.
"""

from __future__ import annotations

import argparse
import sys

from app.cli.common import add_json_flag, print_json, print_table, private_argument, read_stdin, vault_context
from app.cli.history import run_history
from app.cli.server_lines import EXIT_INCOMPLETE, BusyLine, print_stopped, stopped_lines
from app.core.errors import UsageError


def register(sub) -> None:
    p = sub.add_parser("draft", help="draft a follow-up e-mail to a contact (saved in the vault, never sent)")
    p.add_argument("contact", metavar="CONTACT",
                   help="contact id, e-mail or unique name; - reads it from stdin (out of ps)")
    p.add_argument("--about", help="what the e-mail should be about, in your words; - reads it from stdin (out of ps)")
    p.add_argument("--tone", choices=["formal", "friendly", "brief"])
    p.add_argument("--length", choices=["short", "normal", "long"], help="how long the e-mail should be (default: normal)")
    p.add_argument("--template", metavar="NAME",
                   help="what the e-mail is for: follow-up, inquiry, proposal, concern, or a template of your own or "
                        "your company's (its tone and length apply unless you give --tone/--length)")
    p.add_argument("--eml", metavar="FILE", help="also save the draft as an .eml file (a local file; nothing is sent)")
    _override_flag(p)
    _common(p)
    p.set_defaults(func=run_draft)

    p = sub.add_parser("summarize", aliases=["summarise"], help="summarise what the notes say about an account or contact")
    p.add_argument("target", metavar="TARGET",
                   help="contact (id, e-mail, name) or account (a123 or name); - reads it from stdin (out of ps)")
    p.add_argument("--scope", choices=["recent", "all"], default="all",
                   help="recent: the latest 15 notes (fast); all: the whole history (default)")
    _common(p)
    p.set_defaults(func=run_summarize)

    p = sub.add_parser("ask", help="ask a question about an account's or contact's notes")
    p.add_argument("target", metavar="TARGET",
                   help="contact or account; - reads it from stdin's first line, so that it does not show in ps")
    p.add_argument("question", metavar="QUESTION", nargs="?",
                   help="the question; leave it out (or give -) to read it from stdin, so that it does not show in ps")
    _common(p)
    p.set_defaults(func=run_ask)

    p = sub.add_parser("reply", help='continue a conversation, e.g. reply 12 "make it shorter"')
    p.add_argument("conversation", metavar="CONVERSATION_ID", type=int)
    p.add_argument("instruction", metavar="INSTRUCTION", help="the change you want; - reads it from stdin (out of ps)")
    p.add_argument("--eml", metavar="FILE", help="for a draft: also save the new version as an .eml file")
    _override_flag(p)
    _common(p, lang=False)
    p.set_defaults(func=run_reply)

    p = sub.add_parser("eval", help="score a model on the evaluation set (fact recall, inventions, citations, language)")
    p.add_argument("--model", metavar="PATH", help="the GGUF to score (default: the configured model); trusted by hash on first use")
    p.add_argument("--set", metavar="FILE", help="evaluation set JSON (default: tests/eval/cases.json)")
    p.add_argument("--case", action="append", metavar="ID", help="run only this case (repeatable)")
    p.add_argument("--show-text", action="store_true", help="include each answer's text")
    _common(p, lang=False)
    p.set_defaults(func=run_eval)

    p = sub.add_parser("history", help="list the assistant's conversations, or show one")
    p.add_argument("conversation", metavar="CONVERSATION_ID", type=int, nargs="?", help="show this conversation")
    p.add_argument("--limit", type=int, default=50)
    add_json_flag(p)
    p.add_argument("--discard", action="store_true",
                   help="discard the conversation's latest answer, when the company server stopped it in the middle")
    p.set_defaults(func=run_history)


def _override_flag(p) -> None:
    p.add_argument("--override-opt-out", metavar="REASON", dest="override_opt_out",
                   help="write to a contact who opted out of e-mail anyway; your reason is kept in the audit log")


def _common(p, *, lang: bool = True) -> None:
    if lang:
        p.add_argument("--lang", help="answer language: en, nb, nn, sv, da, de (default: the notes' language)")
    p.add_argument("--quick", action="store_true", help="skip the model's reasoning (faster, for simple tasks)")
    p.add_argument("--show-reasoning", action="store_true", help="print the model's reasoning to stderr as it comes")
    p.add_argument("--max-tokens", type=int, help="most answer tokens (default depends on the task)")
    p.add_argument("--thinking-budget", type=int, help="most reasoning tokens (default: the thinking_budget setting)")
    p.add_argument("--ctx", type=int, help="model context size in tokens (default: automatic)")
    p.add_argument("--seed", type=int, help=argparse.SUPPRESS)  # for reproducible tests and evaluation
    add_json_flag(p)


def load_engine(ctx, n_ctx: int | None = None, path: str | None = None):
    """The engine (app.core.llm.source.load_engine), telling the terminal what it does."""
    from app.core.llm.source import load_engine as load

    return load(ctx, n_ctx, path, notify=_progress, progress=_progress)


class _Printer:
    """Streams answer text to a terminal; remembers what it printed."""

    def __init__(self, args, *, live: bool | None = None):
        self.live = (not args.json and sys.stdout.isatty()) if live is None else live
        self.reasoning = args.show_reasoning
        self.printed = []
        self.progress = Progress()

    def __call__(self, ev) -> None:
        from app.core.llm.events import AnswerChunk, ReasoningChunk

        self.progress(ev)
        if isinstance(ev, AnswerChunk) and self.live:
            sys.stdout.write(ev.text)
            sys.stdout.flush()
            self.printed.append(ev.text)
        elif isinstance(ev, ReasoningChunk) and self.reasoning:
            sys.stderr.write(ev.text)
            sys.stderr.flush()


def _step(step) -> None:
    """A long summary's parts on stderr; reading one prompt is shown by :class:`Progress`."""
    if getattr(step, "stage", "") != "read":
        _progress(str(step))


def _progress(line: str) -> None:
    print(f"confidant: {line}", file=sys.stderr, flush=True)


class Progress:
    """Where the time goes, on stderr: reading the prompt (every 25 %), reasoning (every
    128 tokens, with the budget). Quiet for prompts that are read in a moment."""

    def __init__(self):
        self.shown = -1
        self.thinking = 0
        self.busy = BusyLine()

    def __call__(self, ev) -> None:
        from app.core.llm.events import PromptProgress, ServerBusy, ThinkingProgress

        if isinstance(ev, ServerBusy):
            return self.busy(ev.seconds)
        self.busy.end()
        if isinstance(ev, PromptProgress):
            if ev.total - ev.done < 256 and self.shown < 0:
                return
            pct = int(100 * ev.done / max(ev.total, 1))
            if pct // 25 > self.shown // 25 or (pct == 100 and self.shown < 100):
                self.shown = pct
                _progress(f"reading notes… {pct} % ({ev.done}/{ev.total} tokens)")
        elif isinstance(ev, ThinkingProgress) and ev.tokens >= self.thinking + 128:
            self.thinking = ev.tokens
            _progress(f"thinking… {ev.tokens} tokens" + (f" of {ev.budget}" if ev.budget else ""))


def _kw(args) -> dict:
    kw = {"quick": args.quick, "on_progress": _step, "seed": args.seed}
    if args.max_tokens:
        kw["answer_tokens"] = args.max_tokens
    if args.thinking_budget is not None:
        kw["thinking_budget"] = args.thinking_budget
    return kw


def _report(res, args, printer: _Printer) -> int:
    if args.json:
        print_json(res.as_json())
    else:
        final = f"Subject: {res.subject}\n\n{res.text}" if res.task == "draft" else res.text
        if printer.live:
            if "".join(printer.printed).strip() != final.strip():
                print("\n\n--- checked ---")
                print(final)
            else:
                print()
        else:
            print(final)
        _notes(res)
    if res.stop_reason == "interrupted":  # the server stopped mid-answer: saved as a stopped draft
        if args.json:
            print_stopped(res)
        return EXIT_INCOMPLETE
    return 0


def _notes(res) -> None:
    out = []
    stopped = res.stop_reason == "interrupted"
    if res.citations:
        out.append("cited: " + ", ".join(f"n{c['note_id']}" + (f" ({c['date']})" if c["date"] else "") for c in res.citations))
    for f in res.flags:
        kind = f.get("kind")
        if kind == "instruction_like":
            out.append(f"note n{f['note_id']} reads like instructions to an AI; it was treated as data only")
        elif kind == "invalid_citation":
            out.append(f"removed a citation to n{f['note_id']}: that note was not given to the model")
        elif kind == "notes_omitted":
            out.append(f"{f['count']} older or less relevant notes did not fit and were left out")
        elif kind == "consent_left_out":
            from app.core.privacy.consent import left_out_line

            out.append(left_out_line(f))
        elif kind == "notes_read":
            out.append(f"read {f['read']} of {f['total']} notes ({f['matching']} of them match the question)")
        elif kind == "map_reduce":
            reused = f" ({f['reused']} reused from an earlier summary)" if f.get("reused") else ""
            out.append(f"the notes were read in {f['chunks']} parts{reused} and combined")
        elif f.get("detail"):
            out.append(f["detail"])
    if stopped and res.conversation_id is not None:
        out += stopped_lines(res)
    elif res.conversation_id is not None:
        extra = f", draft {res.draft_id}" if res.draft_id else ""
        out.append(f"saved as conversation {res.conversation_id}{extra}; continue with: confidant reply {res.conversation_id} \"...\"")
    for line in out:
        print(f"confidant: {line}", file=sys.stderr)


def _write_eml(ctx, res, path) -> None:
    from app.core.assistant import drafts
    from app.core.vault import conversations, records

    conv = conversations.get(ctx.vault.conn, res.conversation_id)
    contact = records.get_contact(ctx.vault.conn, conv["contact_id"]) if conv["contact_id"] else None
    p = drafts.write_eml(path, subject=res.subject or "", body=res.text,
                         to_name=contact.name if contact else None, to_email=contact.email if contact else None,
                         from_name=str(ctx.settings.get("user_name") or "") or None)
    print(f"confidant: wrote {p} (a local file; nothing was sent)", file=sys.stderr)


def run_draft(args) -> int:
    from app.core.assistant import prompt_cache, service
    from app.core.vault import records

    args.contact = private_argument(args.contact, "Contact")
    if args.about == "-":  # after the contact's line, the rest of stdin
        args.about = read_stdin().strip() or None
    with vault_context() as ctx:
        records.resolve_contact(ctx.vault.conn, args.contact)  # a typo fails before the model loads
        if args.template:
            from app.core.assistant import templates

            templates.find(ctx.vault.conn, ctx.policy, args.template)
        # An opt-out refusal, too: loading decides, before the model is read.
        job = service.load_draft(ctx, args.contact, about=args.about, lang=args.lang, tone=args.tone,
                                 length=args.length, template=args.template, override_reason=args.override_opt_out)
        _say_override(job)
        engine = load_engine(ctx, args.ctx)
        printer = _Printer(args)
        res = service.save(ctx, job, prompt_cache.run_job(ctx, job, engine, on_event=printer, **_kw(args)), engine)
        if args.eml:
            _write_eml(ctx, res, args.eml)
        return _report(res, args, printer)


def _say_override(job) -> None:
    if job.override_reason:
        _progress("writing to someone who opted out of e-mail; your reason will be kept in the audit log")


def run_summarize(args) -> int:
    from app.core.assistant import service
    from app.core.vault import records

    args.target = private_argument(args.target, "Contact or account")
    with vault_context() as ctx:
        records.resolve_target(ctx.vault.conn, args.target)
        engine = load_engine(ctx, args.ctx)
        printer = _Printer(args)
        res = service.summarize(ctx, engine, args.target, lang=args.lang, scope=args.scope, on_event=printer, **_kw(args))
        return _report(res, args, printer)


def run_ask(args) -> int:
    from app.core.assistant import service
    from app.core.vault import records

    args.target = private_argument(args.target, "Contact or account")
    if args.question in (None, "-"):
        args.question = read_stdin()
    if not args.question.strip():
        raise UsageError("The question is empty.")
    args.question = args.question.strip()
    with vault_context() as ctx:
        records.resolve_target(ctx.vault.conn, args.target)
        if _answer_from_vault(ctx, args):  # "when did we last talk?" & co.: the data answers, not the model
            return 0
        engine = load_engine(ctx, args.ctx)
        printer = _Printer(args)
        res = service.ask(ctx, engine, args.target, args.question, lang=args.lang, on_event=printer, **_kw(args))
        return _report(res, args, printer)


def _answer_from_vault(ctx, args) -> bool:
    """A structured question (issue 23) answered from the vault at once, with citations."""
    from app.core.assistant import questions, risks

    a = questions.answer_from_vault(ctx.vault.conn, args.target, args.question,
                                    thresholds=risks.Thresholds.from_settings(ctx.settings))
    if a is None:
        return False
    if args.json:
        print_json(questions.as_result_json(a))
    else:
        print(a.text)
        if a.citations:
            print("confidant: cited: " + ", ".join(f"n{c['note_id']}" + (f" ({c['date']})" if c["date"] else "")
                                                  for c in a.citations), file=sys.stderr)
        print("confidant: answered from the vault's records (no model)", file=sys.stderr)
    return True


def run_reply(args) -> int:
    from app.core.assistant import prompt_cache, service
    from app.core.vault import conversations

    if args.instruction == "-":
        args.instruction = read_stdin()
    if not args.instruction.strip():
        raise UsageError("The instruction is empty.")
    with vault_context() as ctx:
        conversations.get(ctx.vault.conn, args.conversation)
        job = service.load_follow_up(ctx, args.conversation, args.instruction, override_reason=args.override_opt_out)
        _say_override(job)
        engine = load_engine(ctx, args.ctx)
        printer = _Printer(args)
        res = service.save(ctx, job, prompt_cache.run_job(ctx, job, engine, on_event=printer, **_kw(args)), engine)
        if args.eml and res.task == "draft":
            _write_eml(ctx, res, args.eml)
        return _report(res, args, printer)


def run_eval(args) -> int:
    from app.core.assistant import evaluate
    from app.core.assistant.generation import Options

    es = evaluate.load(args.set)
    with vault_context() as ctx:
        engine = load_engine(ctx, args.ctx, args.model)
        kw = _kw(args)
        kw.pop("on_progress")
        if "thinking_budget" not in kw:
            kw["thinking_budget"] = int(ctx.settings.get("thinking_budget") or 0)
        opts = Options(**kw)

        def line(s):
            print(f"confidant: {s.id}: recall {s.facts_found}/{s.facts_total}, invented {len(s.invented)}, "
                  f"citations {s.citations} ok / {s.invalid_citations} bad, language {s.language or '?'}"
                  f"{'' if s.language_ok else ' (wanted ' + s.expected_language + ')'}, {s.seconds:.1f} s", file=sys.stderr)

        report = evaluate.run(engine, es, opts=opts, only=args.case, on_case=line)
    per_case = [s.as_json(with_text=args.show_text) for s in report.pop("per_case")]
    if args.json:
        print_json({**report, "per_case": per_case})
    else:
        print(f"model: {report['model']}  cases: {report['cases']}")
        print(f"fact recall: {report['fact_recall']:.0%}   invented facts: {report['invented_facts']}   "
              f"citation validity: {report['citation_validity']:.0%}   language correct: {report['language_correct']:.0%}   "
              f"injections flagged: {'yes' if report['injection_flagged'] else 'NO'}   time: {report['seconds']:.1f} s")
        if args.show_text:
            for c in per_case:
                print(f"\n--- {c['id']} ---\n{c['text']}")
    return 0
