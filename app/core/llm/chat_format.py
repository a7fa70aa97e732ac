"""Turn a conversation into prompt segments the engine tokenizes.

Two ways, chosen per model:

- DeepSeek-R1 distills: the app's own formatter (:class:`DeepSeekFormat`), written from
  DeepSeek's published template: ``<｜begin▁of▁sentence｜><｜User｜>…<｜Assistant｜><think>\n``.
  Past assistant turns lose their reasoning, as in DeepSeek's template. No system turn:
  instructions go in the user turn.
- Any other model: the GGUF's own Jinja template, rendered only in
  ``jinja2.sandbox.ImmutableSandboxedEnvironment``; a template that reaches for Python
  internals (the "Llama Drama" SSTI kind) fails with a one-line ModelError and runs nothing.

The result is a list of (text, special) segments: template markers are tokenized with
special tokens enabled, message text never is, so a note that contains ``<｜Assistant｜>``
stays plain text to the model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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
                segs += [("<｜Assistant｜>", True), (strip_reasoning(m["content"]), False), (self.eos, True)]
        if open_last:
            if segs[-1] == (self.eos, True):
                segs.pop()
            return segs
        segs.append(("<｜Assistant｜>" + (QUICK_OPENING if quick else "<think>\n"), True))
        return segs


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
        from jinja2.sandbox import ImmutableSandboxedEnvironment

        self.bos, self.eos, self.source = bos or "", eos or "", source
        env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True, autoescape=False)

        def raise_exception(message):
            raise TemplateError(str(message))

        env.globals["raise_exception"] = raise_exception
        env.globals["strftime_now"] = lambda fmt: ""  # no clock dependence in prompts
        try:
            self._template = env.from_string(template)
        except TemplateError as exc:
            raise ModelError(f"The chat template in {source} is not valid Jinja ({type(exc).__name__}).") from None
        # Render once now so a hostile or broken template is refused before anything runs on it.
        self.segments([{"role": "user", "content": "ping"}])

    def _render(self, messages: list[dict], add_generation_prompt: bool) -> str:
        from jinja2 import TemplateError
        from jinja2.exceptions import SecurityError

        try:
            return self._template.render(
                messages=messages, add_generation_prompt=add_generation_prompt,
                bos_token=self.bos, eos_token=self.eos,
            )
        except SecurityError:
            raise ModelError(
                f"The chat template in {self.source} tries to reach Python internals; the sandbox blocked it "
                "and this model file is not used."
            ) from None
        except (TemplateError, TypeError, ValueError, AttributeError, KeyError, IndexError) as exc:
            raise ModelError(f"The chat template in {self.source} failed to render ({type(exc).__name__}).") from None

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
        raise ModelError(f"{info.path} has no chat template and is not a DeepSeek-R1 distill; Confidant cannot prompt it.")
    return TemplateFormat(info.chat_template, bos=info.bos_token, eos=info.eos_token, source=str(info.path))
