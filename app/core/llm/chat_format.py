"""Turn a conversation into prompt segments the engine tokenizes.

Two ways, chosen per model:

- DeepSeek-R1 distills: the app's own formatter (:class:`DeepSeekFormat`), written from
  DeepSeek's published template: ``<｜begin▁of▁sentence｜><｜User｜>…<｜Assistant｜><think>\n``.
  Past assistant turns lose their reasoning, as in DeepSeek's template. No system turn:
  instructions go in the user turn.
- Any other model: the GGUF's own Jinja template, rendered only in
  ``jinja2.sandbox.ImmutableSandboxedEnvironment``; a template that reaches for Python
  internals (the "Llama Drama" SSTI kind) fails with a one-line ModelError and runs nothing.
  Hostile templates are bounded too (:class:`_LimitedSandbox`): at most ``MAX_TEMPLATE_CHARS``
  of source, ``RENDER_SECONDS`` of rendering, ``MAX_OUTPUT_CHARS`` of output (plus the
  messages), no giant ``'A' * n`` or ``n ** m`` (neither at compile time nor at render time),
  and arithmetic or recursion errors are one-line ModelErrors.

The result is a list of (text, special) segments: template markers are tokenized with
special tokens enabled, message text never is, so a note that contains ``<｜Assistant｜>``
stays plain text to the model, also when the template rewrites the message text.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

from app.core.errors import Message, N_
from app.core.llm.errors import ModelError
from app.core.llm.gguf_header import GGUFInfo

Segment = tuple[str, bool]  # (text, tokenize with special tokens)

_THINK_BLOCK = re.compile(r"^\s*<think>.*?</think>\s*", re.S)
QUICK_OPENING = "<think>\n\n</think>\n\n"


def strip_reasoning(text: str) -> str:
    """Drop a leading think block from a past assistant turn (DeepSeek's template does too)."""
    text = _THINK_BLOCK.sub("", text)
    return text.split("</think>")[-1].lstrip() if "</think>" in text else text


def _check(messages: list[dict]) -> None:
    if not messages:
        raise ValueError("messages must not be empty")
    for m in messages:
        if m.get("role") not in ("user", "assistant") or not isinstance(m.get("content"), str):
            raise ValueError("each message needs role 'user' or 'assistant' and string content")


@dataclass
class DeepSeekFormat:
    """The app's own DeepSeek-R1 formatter. ``opens_think``: the prompt ends inside <think>."""

    bos: str = "<｜begin▁of▁sentence｜>"
    eos: str = "<｜end▁of▁sentence｜>"
    opens_think: bool = True
    name: str = "deepseek-r1"

    def segments(self, messages: list[dict], *, quick: bool = False, open_last: bool = False) -> list[Segment]:
        """``open_last``: stop right after the last message's text (a prefix to prefill)."""
        _check(messages)
        segs: list[Segment] = [(self.bos, True)]
        for m in messages:
            if m["role"] == "user":
                segs += [("<｜User｜>", True), (m["content"], False)]
            else:
                # A past answer without its reasoning, as DeepSeek's template does, behind the
                # empty thinking block quick mode writes: a quick turn then reads exactly as it
                # was generated, so a follow-up reuses the evaluated answer instead of reading
                # it again (a reasoning turn differs from its cache after "<think>" either way).
                segs += [("<｜Assistant｜>" + QUICK_OPENING, True), (strip_reasoning(m["content"]), False), (self.eos, True)]
        if open_last:
            if segs[-1] == (self.eos, True):
                segs.pop()
            return segs
        segs.append(("<｜Assistant｜>" + (QUICK_OPENING if quick else "<think>\n"), True))
        return segs


MAX_TEMPLATE_CHARS = 128 * 1024  # real chat templates are a few KiB
MAX_OUTPUT_CHARS = 256 * 1024  # the template's own text; message text comes on top
RENDER_SECONDS = 2.0


class _TemplateLimit(Exception):
    """A hostile template hit a limit (time, size)."""


MAX_INT_ARG = 10_000  # a width, count or indent a chat template could honestly pass
BUDGET_FACTOR = 8  # all text and items built during one render: at most this many times the cap
_FIELD = re.compile(r"%|\{")
_DIGITS = re.compile(r"\d+")


def _size(value) -> int:
    return len(value) if isinstance(value, (str, bytes, list, tuple, dict, set, frozenset)) else 0


def _text_len(value) -> int:
    return len(value) if isinstance(value, str) else len(str(value)) if isinstance(value, (int, float)) else _size(value)


def _limited_sandbox_class():
    import functools
    import json

    from jinja2.sandbox import ImmutableSandboxedEnvironment, safe_range

    class _LimitedSandbox(ImmutableSandboxedEnvironment):
        """The immutable sandbox with a render deadline and size caps on every path that
        builds text or lists (F8): operators (``*``, ``**``, ``+``, ``%``), ``~`` and block
        concatenation, every filter and test, every call of a method or global. A call whose
        result could be huge (a width, a repeated separator, a format field) is estimated and
        refused *before* it runs; every result is then counted against a per-render budget, so
        neither memory nor time can grow past a fixed multiple of the output cap."""

        intercepted_binops = frozenset(["*", "**", "+", "%"])
        deadline: float | None = None
        cap: int = MAX_OUTPUT_CHARS
        spent: int = 0

        def tick(self) -> None:
            if self.deadline is not None and time.monotonic() > self.deadline:
                raise _TemplateLimit(Message(N_("took longer than {seconds:g} s"), seconds=RENDER_SECONDS))

        def count(self, value):
            n = _size(value)
            if n > self.cap:
                raise _TemplateLimit(Message(N_("builds a huge string")))
            self.spent += n
            if self.spent > BUDGET_FACTOR * self.cap:
                raise _TemplateLimit("builds too much text")
            return value

        def expect(self, n: int) -> None:
            """Refuse work whose result would pass the cap, before it runs."""
            if n > self.cap:
                raise _TemplateLimit(Message(N_("builds a huge string")))

        def check_args(self, args, kwargs) -> None:
            for v in (*args, *kwargs.values()):
                for x in (v if isinstance(v, (list, tuple)) else (v,)):
                    if isinstance(x, int) and not isinstance(x, bool) and abs(x) > MAX_INT_ARG:
                        raise _TemplateLimit("passes a huge number to a function")

        def expect_format(self, fmt: str, args) -> None:
            values = args.values() if isinstance(args, dict) else args if isinstance(args, (list, tuple)) else (args,)
            widest = max((_text_len(v) for v in values), default=0)
            widths = sum(int(d) for d in _DIGITS.findall(fmt) if len(d) < 7) + 10**7 * any(len(d) >= 7 for d in _DIGITS.findall(fmt))
            self.expect(len(fmt) + len(_FIELD.findall(fmt)) * widest + widths)

        def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 (jinja's signature)
            __self.tick()
            if not getattr(__obj, "bounded", False):  # range has the sandbox's own length cap
                __self.check_args(args, kwargs)
            owner, name = getattr(__obj, "__self__", None), getattr(__obj, "__name__", "")
            if isinstance(owner, str):
                if name == "expandtabs":
                    raise _TemplateLimit("calls str.expandtabs")
                if name == "join" and args:
                    items = list(args[0])
                    __self.expect(sum(_text_len(x) for x in items) + len(owner) * len(items))
                    args = (items, *args[1:])
                elif name == "replace" and len(args) >= 2:
                    __self.expect(_replace_size(owner, args[0], args[1]))
            return __self.count(super().call(__context, __obj, *args, **kwargs))

        def wrap_str_format(self, value):
            """``str.format``/``format_map`` reached through an attribute: widths and repeated
            fields are estimated before the sandbox's formatter runs."""
            fn = super().wrap_str_format(value)
            if fn is None:
                return None
            fmt, env = value.__self__, self

            @functools.wraps(fn)
            def checked(*args, **kwargs):
                env.tick()
                env.check_args(args, kwargs)
                mapped = tuple(args[0].values()) if args and isinstance(args[0], dict) else ()
                env.expect_format(fmt, (*args, *kwargs.values(), *mapped))
                return env.count(fn(*args, **kwargs))

            return checked

        def getattr(self, obj, attribute):
            self.tick()
            return super().getattr(obj, attribute)

        def getitem(self, obj, argument):
            self.tick()
            return self.count(super().getitem(obj, argument)) if isinstance(argument, slice) else super().getitem(obj, argument)

        def call_binop(self, context, operator, left, right):
            self.tick()
            if operator == "**" and isinstance(right, (int, float)) and not isinstance(right, bool) and abs(right) > 64:
                raise _TemplateLimit(Message(N_("raises a number to a huge power")))
            if operator == "*":
                for seq, n in ((left, right), (right, left)):
                    if isinstance(seq, (str, list, tuple)) and isinstance(n, int) and len(seq) * n > self.cap:
                        raise _TemplateLimit(Message(N_("builds a huge string")))
                if isinstance(left, int) and isinstance(right, int) and left.bit_length() + right.bit_length() > 4096:
                    raise _TemplateLimit("builds a huge number")
            if operator == "+" and hasattr(left, "__len__") and hasattr(right, "__len__"):
                if len(left) + len(right) > self.cap:
                    raise _TemplateLimit(Message(N_("builds a huge string")))
            if operator == "%" and isinstance(left, str):
                self.expect_format(left, right)
            return self.count(super().call_binop(context, operator, left, right))

        def concat(self, pieces):  # every {% set %}…{% endset %}, macro body, filter block
            return self.count(self.join_checked(pieces))

        def join_checked(self, pieces, sep: str = "") -> str:
            pieces = list(pieces)
            self.tick()
            self.expect(sum(_text_len(p) for p in pieces) + len(sep) * len(pieces))
            return sep.join(pieces)

    def guard_filter(env, name, fn):
        @functools.wraps(fn)
        def guarded(*args, **kwargs):
            env.tick()
            # pass_context/pass_environment filters get that first, then the value
            lead = 1 if getattr(fn, "jinja_pass_arg", None) is not None else 0
            value, rest = (args[lead] if len(args) > lead else None), args[lead + 1:]
            env.check_args(rest, kwargs)
            if name == "format" and isinstance(value, str):
                env.expect_format(value, (*rest, *kwargs.values()))
            elif name == "join" and value is not None:
                items = list(value)
                sep = rest[0] if rest else kwargs.get("d", "")
                env.expect(sum(_text_len(x) for x in items) + _text_len(sep) * len(items))
                args = (*args[:lead], items, *rest)
            elif name == "replace" and isinstance(value, str) and len(rest) >= 2:
                env.expect(_replace_size(value, rest[0], rest[1]))
            elif name in ("indent", "wordwrap") and isinstance(value, str):
                pad = rest[0] if rest else kwargs.get("width", 4)
                lines = value.count("\n") + 1 if name == "indent" else len(value) // max(1, pad if isinstance(pad, int) else 1) + 1
                extra = _text_len(pad) if name == "indent" and isinstance(pad, str) else (pad if name == "indent" else 0)
                wrap = rest[3] if name == "wordwrap" and len(rest) > 3 else kwargs.get("wrapstring", "\n")
                env.expect(len(value) + lines * (extra + (_text_len(wrap) if name == "wordwrap" else 0)))
            elif name == "center" and isinstance(value, str):
                env.expect(len(value) + (rest[0] if rest and isinstance(rest[0], int) else 80))
            return env.count(fn(*args, **kwargs))

        return guarded

    def limited_range(*args):
        env_range = safe_range(*args)  # the sandbox's own cap on the length

        def steps():
            for i in env_range:
                if _current:
                    _current[0].tick()
                yield i

        return steps()

    limited_range.bounded = True

    def tojson(value, indent=None):
        """Jinja's tojson, encoded in pieces and stopped at the cap (a small indent only)."""
        if indent is not None and (not isinstance(indent, int) or indent > 16):
            raise _TemplateLimit("asks tojson for a huge indent")
        env = _current[0] if _current else None
        cap = env.cap if env is not None else MAX_OUTPUT_CHARS
        out, size = [], 0
        for chunk in json.JSONEncoder(indent=indent, sort_keys=True).iterencode(value):
            size += len(chunk)
            if size > cap:
                raise _TemplateLimit(Message(N_("builds a huge string")))
            out.append(chunk)
        from markupsafe import Markup

        text = "".join(out).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace("'", "\\u0027")
        return env.count(Markup(text)) if env is not None else Markup(text)

    def install(env) -> None:
        env.filters["tojson"] = tojson
        env.filters = {name: guard_filter(env, name, fn) for name, fn in env.filters.items()}
        env.tests = {name: guard_filter(env, name, fn) for name, fn in env.tests.items()}
        env.globals.pop("lipsum", None)  # paragraphs of filler text on request: no template needs it

    return _LimitedSandbox, limited_range, install


def _replace_size(text: str, old, new) -> int:
    if not isinstance(old, str) or not isinstance(new, str):
        return len(text)
    return len(text) + text.count(old) * max(0, len(new) - len(old))


_current: list = []  # the environment rendering now (for range steps)


class TemplateFormat:
    """A GGUF chat template rendered in Jinja's immutable sandbox.

    Message text is swapped for sentinels before rendering and put back as non-special
    segments afterwards. Quick mode is ignored (these models have no think block), and
    ``opens_think`` is False.
    """

    opens_think = False
    name = "gguf-template"

    def __init__(self, template: str, *, bos: str | None, eos: str | None, source: str):
        from jinja2 import TemplateError

        self.bos, self.eos, self.source = bos or "", eos or "", source
        if len(template) > MAX_TEMPLATE_CHARS:
            raise ModelError(
                N_("The chat template in {source} is {n_template:,} characters, more than a chat template "
                "can be ({max_template_chars:,}); this model file is not used."),
                source=source, n_template=len(template), max_template_chars=MAX_TEMPLATE_CHARS
            )
        sandbox, limited_range, install = _limited_sandbox_class()
        env = sandbox(trim_blocks=True, lstrip_blocks=True, autoescape=False)
        env.globals["range"] = limited_range
        install(env)
        self._env = env

        def raise_exception(message):
            raise TemplateError(str(message))

        env.globals["raise_exception"] = raise_exception
        env.globals["strftime_now"] = lambda fmt: ""  # no clock dependence in prompts
        try:
            self._template = env.from_string(template)
        except TemplateError as exc:
            raise ModelError(N_("The chat template in {source} is not valid Jinja ({kind})."),
                             source=source, kind=type(exc).__name__) from None
        except (RecursionError, MemoryError, ArithmeticError, ValueError, TypeError) as exc:
            raise ModelError(N_("The chat template in {source} cannot be compiled ({kind})."),
                             source=source, kind=type(exc).__name__) from None
        # ``~`` compiles to these module-level joins: route them through the size check too.
        names = self._template.root_render_func.__globals__
        names["str_join"] = names["markup_join"] = lambda seq: env.count(env.join_checked(str(x) for x in seq))
        # Render once now so a hostile or broken template is refused before anything runs on it.
        self.segments([{"role": "user", "content": "ping"}])

    def _render(self, messages: list[dict], add_generation_prompt: bool) -> str:
        from jinja2 import TemplateError
        from jinja2.exceptions import SecurityError

        env = self._env
        cap = MAX_OUTPUT_CHARS + sum(len(str(m.get("content", ""))) for m in messages)
        env.cap = cap
        env.spent = 0
        env.deadline = time.monotonic() + RENDER_SECONDS
        _current[:] = [env]
        try:
            out: list[str] = []
            size = 0
            for piece in self._template.generate(
                messages=messages, add_generation_prompt=add_generation_prompt,
                bos_token=self.bos, eos_token=self.eos,
            ):
                size += len(piece)
                if size > cap:
                    raise _TemplateLimit(Message(N_("writes too much text")))
                out.append(piece)
                env.tick()
            return "".join(out)
        except _TemplateLimit as exc:
            raise ModelError(N_("The chat template in {source} {problem}; this model file is not used."),
                             source=self.source, problem=exc.args[0]) from None
        except RecursionError:
            raise ModelError(N_("The chat template in {source} recurses without end; this model file is not used."),
                             source=self.source) from None
        except (ArithmeticError, MemoryError) as exc:
            raise ModelError(N_("The chat template in {source} failed to render ({kind})."),
                             source=self.source, kind=type(exc).__name__) from None
        except SecurityError:
            raise ModelError(
                N_("The chat template in {source} tries to reach Python internals; the sandbox blocked it "
                "and this model file is not used."), source=self.source
            ) from None
        except (TemplateError, TypeError, ValueError, AttributeError, KeyError, IndexError) as exc:
            raise ModelError(N_("The chat template in {source} failed to render ({kind})."),
                             source=self.source, kind=type(exc).__name__) from None
        finally:
            env.deadline = None
            _current[:] = []

    def segments(self, messages: list[dict], *, quick: bool = False, open_last: bool = False) -> list[Segment]:
        _check(messages)
        marks = [f"\x00CONFIDANT-MSG-{i}\x00" for i in range(len(messages))]
        masked = [{"role": m["role"], "content": marks[i]} for i, m in enumerate(messages)]
        text = self._render(masked, add_generation_prompt=not open_last)
        pieces = re.split("(\x00CONFIDANT-MSG-\\d+\x00)", text)
        segs: list[Segment] = []
        if sum(1 for p in pieces if p in marks) != len(messages):
            segs = self._rewritten(messages, add_generation_prompt=not open_last)
        else:
            for p in pieces:
                if p in marks:
                    segs.append((messages[marks.index(p)]["content"], False))
                elif p:
                    segs.append((p, True))
        if open_last:
            last = max(i for i, s in enumerate(segs) if not s[1])
            segs = segs[: last + 1]
        return segs


    def _rewritten(self, messages: list[dict], *, add_generation_prompt: bool) -> list[Segment]:
        """The template rewrote the message text (trimmed, lower-cased, escaped it): render the
        real text between markers no case change or trim touches, and keep what lies between
        them non-special (N10: note text never becomes control tokens). A template that moves
        or drops the markers is refused."""
        begin = [f"\x00\x01{i}\x02\x00" for i in range(len(messages))]
        end = [f"\x00\x03{i}\x04\x00" for i in range(len(messages))]
        wrapped = [{"role": m["role"], "content": begin[i] + m["content"] + end[i]} for i, m in enumerate(messages)]
        text = self._render(wrapped, add_generation_prompt=add_generation_prompt)
        segs: list[Segment] = []
        inside: str | None = None
        for p in re.split("(\x00[\x01\x03]\\d+[\x02\x04]\x00)", text):
            if p in begin and inside is None:
                inside = end[begin.index(p)]
            elif p == inside:
                inside = None
            elif p.startswith("\x00") and p in begin + end:
                break  # markers out of order: refused below
            elif p:
                segs.append((p, inside is None))
        else:
            if inside is None and not any("\x00" in t for t, _ in segs):
                return segs
        raise ModelError(N_("The chat template in {source} rewrites message text so that it cannot be kept apart from "
                            "the template's own markers; this model file is not used."), source=self.source)


def formatter_for(info: GGUFInfo) -> DeepSeekFormat | TemplateFormat:
    """The app's DeepSeek formatter for R1 distills; the sandboxed GGUF template otherwise."""
    if info.is_deepseek_r1:
        return DeepSeekFormat(bos=info.bos_token or DeepSeekFormat.bos, eos=info.eos_token or DeepSeekFormat.eos)
    if not info.chat_template:
        raise ModelError(N_("{path} has no chat template and is not a DeepSeek-R1 distill; Confidant cannot prompt it."),
                         path=info.path)
    return TemplateFormat(info.chat_template, bos=info.bos_token, eos=info.eos_token, source=str(info.path))
