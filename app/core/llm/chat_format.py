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
stays plain text to the model.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

from app.core.llm.errors import ModelError
from app.core.llm.gguf_header import GGUFInfo
from app.core.errors import Message, N_

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


def _limited_sandbox_class():
    from jinja2.sandbox import ImmutableSandboxedEnvironment, safe_range

    class _LimitedSandbox(ImmutableSandboxedEnvironment):
        """The immutable sandbox with a render deadline and size caps.

        ``*``, ``**`` and ``+`` are intercepted: the sandbox then also refuses to fold them
        at compile time, where ``'A' * 4000000000`` would otherwise be built. Every call,
        attribute or item lookup and every ``range`` step checks the deadline, so a nested
        loop stops instead of hanging."""

        intercepted_binops = frozenset(["*", "**", "+"])
        deadline: float | None = None
        cap: int = MAX_OUTPUT_CHARS

        def tick(self) -> None:
            if self.deadline is not None and time.monotonic() > self.deadline:
                raise _TemplateLimit(Message(N_("took longer than {seconds:g} s"), seconds=RENDER_SECONDS))

        def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 (jinja's signature)
            __self.tick()
            return super().call(__context, __obj, *args, **kwargs)

        def getattr(self, obj, attribute):
            self.tick()
            return super().getattr(obj, attribute)

        def getitem(self, obj, argument):
            self.tick()
            return super().getitem(obj, argument)

        def call_binop(self, context, operator, left, right):
            self.tick()
            if operator == "**" and isinstance(right, (int, float)) and not isinstance(right, bool) and abs(right) > 64:
                raise _TemplateLimit(Message(N_("raises a number to a huge power")))
            if operator == "*":
                for seq, n in ((left, right), (right, left)):
                    if isinstance(seq, (str, list, tuple)) and isinstance(n, int) and len(seq) * n > self.cap:
                        raise _TemplateLimit(Message(N_("builds a huge string")))
            if operator == "+" and hasattr(left, "__len__") and hasattr(right, "__len__"):
                if len(left) + len(right) > self.cap:
                    raise _TemplateLimit(Message(N_("builds a huge string")))
            return super().call_binop(context, operator, left, right)

    def limited_range(*args):
        env_range = safe_range(*args)  # the sandbox's own cap on the length

        def steps():
            for i in env_range:
                if _current:
                    _current[0].tick()
                yield i

        return steps()

    return _LimitedSandbox, limited_range


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
        sandbox, limited_range = _limited_sandbox_class()
        env = sandbox(trim_blocks=True, lstrip_blocks=True, autoescape=False)
        env.globals["range"] = limited_range
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
        # Render once now so a hostile or broken template is refused before anything runs on it.
        self.segments([{"role": "user", "content": "ping"}])

    def _render(self, messages: list[dict], add_generation_prompt: bool) -> str:
        from jinja2 import TemplateError
        from jinja2.exceptions import SecurityError

        env = self._env
        cap = MAX_OUTPUT_CHARS + sum(len(str(m.get("content", ""))) for m in messages)
        env.cap = cap
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
        if sum(1 for p in pieces if p in marks) != len(messages):
            # The template rewrote the message text; render it for real and keep its markers
            # special, at the cost of the text's own markers being read as tokens too.
            return [(self._render(messages, add_generation_prompt=not open_last), True)]
        segs: list[Segment] = []
        for p in pieces:
            if p in marks:
                segs.append((messages[marks.index(p)]["content"], False))
            elif p:
                segs.append((p, True))
        if open_last:
            last = max(i for i, s in enumerate(segs) if not s[1])
            segs = segs[: last + 1]
        return segs


def formatter_for(info: GGUFInfo) -> DeepSeekFormat | TemplateFormat:
    """The app's DeepSeek formatter for R1 distills; the sandboxed GGUF template otherwise."""
    if info.is_deepseek_r1:
        return DeepSeekFormat(bos=info.bos_token or DeepSeekFormat.bos, eos=info.eos_token or DeepSeekFormat.eos)
    if not info.chat_template:
        raise ModelError(N_("{path} has no chat template and is not a DeepSeek-R1 distill; Confidant cannot prompt it."),
                         path=info.path)
    return TemplateFormat(info.chat_template, bos=info.bos_token, eos=info.eos_token, source=str(info.path))
