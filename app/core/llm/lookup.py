"""Prompt-lookup decoding: the next tokens guessed from the prompt, checked by the model.

Drafts and summaries quote the notes (names, products, places, dates). llama-cpp-python's
``LlamaPromptLookupDecoding`` finds the last n-gram of the context earlier in the context and
proposes the tokens that followed it; ``Llama.generate`` reads the sampled token and those
guesses in one batch, then samples at each position in turn and keeps the guesses while they
equal what was sampled (the first that differs is replaced by the sampled token and the rest
dropped). Every token is still sampled by the same sampler at its own position, once, so the
answer is the model's own: greedy gives the very same tokens, sampling the same distribution
(and the same draw for a seed, up to the rounding of a batched evaluation); a grammar still
constrains each sampled token. It is faster only when guesses are accepted: a batch of k+1
tokens costs more than one token, and a rejected guess is that cost for nothing.

The setting ``prompt_lookup`` (``auto``/``on``/``off``) picks it; ``auto`` uses it only where
``benchmarks/bench_pld.py`` measured a gain (benchmarks/RESULTS.md, 2026-12-07, two-core CPU):
a greedy (temperature 0) draft on a small model (the 135M demo model: 1.14x, 41 % of guesses
kept). It lost everywhere else: at the app's sampling temperature (0.6: drafts and summaries
0.36-0.46x, 8-11 % kept) and on the 1.5B shape, where reading 11 tokens costs 10x one token on
a CPU (it pays only when more than 9 of 10 guesses are kept). So under ``auto`` a model of
:data:`AUTO_MAX_BYTES` or more gets no draft model at all (no cost), and a smaller one uses it
for greedy drafts only. ``on`` is for trying it where a batch costs about one token (a GPU;
not measured here).
The engine passes :func:`draft_model` to ``llama_cpp.Llama`` once, at load, and switches it
per reply (:func:`wanted`); :class:`Lookup` counts guesses and acceptances (numbers only) for
the log line and the benchmark.
"""

from __future__ import annotations

import numpy as np

from app.core.errors import N_, UsageError

MODES = ("auto", "on", "off")
NGRAM = 2  # the longest n-gram looked up (the library's default)
DRAFT_TOKENS = 10  # guesses per step (the library's default)

# ``auto`` (see the module docstring): greedy replies of these tasks, on models under this size.
AUTO_TASKS = frozenset({"draft"})
AUTO_MAX_BYTES = 512 * 1024 * 1024


def check(value: str) -> None:
    """UsageError for a value that is not a mode (the setting's check)."""
    if str(value).strip().lower() not in MODES:
        raise UsageError(N_("Setting 'prompt_lookup' must be auto, on or off, not '{value}'."), value=value)


def mode_of(value) -> str:
    """The mode a stored value means (an unknown value: ``auto``)."""
    v = str(value or "auto").strip().lower()
    return v if v in MODES else "auto"


class Lookup:
    """The library's ``LlamaPromptLookupDecoding``, counting what it proposed and how much of
    it was kept (a draft model is any callable ``input_ids -> guesses`` to ``generate``).

    ``generate`` calls it once per step with the context so far (ending in the token just
    sampled); the guesses of the step before were kept as far as they equal the tokens that
    now follow the context of that step, so the counts need no hook into ``generate``."""

    def __init__(self, max_ngram_size: int = NGRAM, num_pred_tokens: int = DRAFT_TOKENS):
        from llama_cpp.llama_speculative import LlamaPromptLookupDecoding  # not for a setting's check

        self._lookup = LlamaPromptLookupDecoding(max_ngram_size=max_ngram_size, num_pred_tokens=num_pred_tokens)
        self.drafted = self.accepted = self.steps = 0
        self._last: tuple[int, np.ndarray] | None = None

    def begin(self) -> None:
        """A new reply starts (the guesses of the last one are not compared with it)."""
        self._last = None

    def __call__(self, input_ids, /, **kwargs):
        if self._last is not None:
            at, guess = self._last
            after = np.asarray(input_ids[at: at + len(guess)])
            same = np.flatnonzero(after != guess[: len(after)])
            self.accepted += int(same[0]) if same.size else len(after)
        guess = np.asarray(self._lookup(input_ids, **kwargs))
        self.steps += 1
        self.drafted += len(guess)
        self._last = (len(input_ids), guess.copy()) if len(guess) else None
        return guess

    def counts(self) -> tuple[int, int]:
        return self.drafted, self.accepted


def counts(draft: Lookup | None) -> tuple[int, int]:
    return draft.counts() if draft is not None else (0, 0)


def since(draft: Lookup | None, before: tuple[int, int]) -> dict:
    """The log fields for one reply: guesses made and kept since ``before`` (numbers only)."""
    guessed, kept = counts(draft)
    return {"lookup_guessed": guessed - before[0], "lookup_kept": kept - before[1]}


def for_reply(draft: Lookup | None, mode: str, task: str | None, grammar, temperature: float) -> Lookup | None:
    """The draft model a reply (or its continuation) runs with: ``draft`` when :func:`wanted`."""
    if draft is None or not wanted(mode, task, grammar=grammar is not None, temperature=temperature):
        return None
    draft.begin()
    return draft


def draft_model(mode: str, model_bytes: int) -> Lookup | None:
    """What ``llama_cpp.Llama(draft_model=...)`` gets: None when the setting is off, or ``auto``
    for a model of :data:`AUTO_MAX_BYTES` or more (where checking guesses measured slower)."""
    mode = mode_of(mode)
    if mode == "off" or (mode == "auto" and model_bytes >= AUTO_MAX_BYTES):
        return None
    return Lookup()


def wanted(mode: str, task: str | None, *, grammar: bool, temperature: float) -> bool:
    """Whether a reply of ``task`` uses prompt lookup under ``mode`` (given a draft model).

    ``on``: every reply (a grammar-constrained one too: each token is still sampled through
    the grammar). ``auto``: greedy replies of :data:`AUTO_TASKS`, not grammar-constrained
    JSON answers (short, with few quotes; not measured)."""
    mode = mode_of(mode)
    if mode == "on":
        return True
    if mode == "off":
        return False
    return task in AUTO_TASKS and temperature == 0 and not grammar
