"""Every use of llama-cpp-python's private members, in one place, behind a version check.

The engine keeps evaluated prompt prefixes (and restores them) and stops on any
end-of-generation token. llama-cpp-python has no public API for either, so this module
reaches into ``Llama._ctx``, ``Llama._model``, ``input_ids``/``n_tokens`` and
``_requires_eval``; prompt-lookup decoding (:mod:`app.core.llm.lookup`) needs ``_logits_all``
and ``scores`` (:func:`allow_drafts`). They are not promised to stay, so:

- :data:`TESTED` names the versions these accesses were written and tested against;
  :func:`check` raises ModelError with one line when the installed library lacks a member
  we use (called once at load), rather than failing in the middle of a task;
- ``tests/core/llm/test_llm_internals.py`` proves that a restored state gives the very same tokens
  as a cold run with the same seed, so a library change that breaks restoring fails loudly.

Runs on the engine's thread; holds no state of its own.
"""

from __future__ import annotations

import ctypes

import llama_cpp
import numpy as np

from app.core.llm.errors import ModelError
from app.core.errors import N_

TESTED = ("0.3.",)  # the minor series these accesses are known to work with


def version() -> str:
    return str(getattr(llama_cpp, "__version__", "?"))


def check(llama) -> None:
    """Raise ModelError when the loaded ``llama`` lacks a private member this app uses."""
    missing = [name for name, ok in (
        ("Llama._ctx.ctx", getattr(getattr(llama, "_ctx", None), "ctx", None) is not None),
        ("Llama._ctx.kv_cache_seq_rm", hasattr(getattr(llama, "_ctx", None), "kv_cache_seq_rm")),
        ("Llama._model.vocab", getattr(getattr(llama, "_model", None), "vocab", None) is not None),
        ("Llama.input_ids", hasattr(llama, "input_ids")),
        ("Llama.n_tokens", hasattr(llama, "n_tokens")),
        ("Llama._logits_all", hasattr(llama, "_logits_all")),
        ("llama_state_get_data", hasattr(llama_cpp, "llama_state_get_data")),
        ("llama_state_set_data", hasattr(llama_cpp, "llama_state_set_data")),
        ("llama_vocab_is_eog", hasattr(llama_cpp, "llama_vocab_is_eog")),
    ) if not ok]
    if missing:
        raise ModelError(
            N_("llama-cpp-python {version} lacks {missing}; this build of Confidant was tested with "
            "{tested}."),
            version=version(), missing=', '.join(missing), tested='/'.join((v + 'x' for v in TESTED))
        )


def eog_test(llama):
    """A function token -> bool: is it an end-of-generation token (EOS, EOT, <|im_end|> …)."""
    vocab = llama._model.vocab
    return lambda t: bool(llama_cpp.llama_vocab_is_eog(vocab, t))


def live_tokens(llama) -> np.ndarray:
    """The tokens whose keys and values the context holds now."""
    return llama.input_ids[: llama.n_tokens]


def save_state(llama) -> bytes:
    """llama.cpp's whole context state (KV cache, logits), as bytes. Holds customer text:
    callers keep it in memory, or on disk only sealed (:mod:`app.core.llm.state_cache`)."""
    ctx = llama._ctx.ctx
    size = llama_cpp.llama_state_get_size(ctx)
    buf = (ctypes.c_uint8 * size)()
    n = llama_cpp.llama_state_get_data(ctx, buf, size)
    return bytes(buf[:n])


def restore_state(llama, tokens: list[int], data: bytes) -> bool:
    """Put a saved state back; the context then holds ``tokens``. False (and an empty
    context) when llama.cpp refused it."""
    buf = (ctypes.c_uint8 * len(data)).from_buffer_copy(data)
    if llama_cpp.llama_state_set_data(llama._ctx.ctx, buf, len(data)) != len(data):
        llama.reset()
        return False
    llama.input_ids[: len(tokens)] = tokens
    llama.n_tokens = len(tokens)
    llama._requires_eval = True  # the saved logits belong to the last token: replay it
    return True


def truncate(llama, keep: int) -> int:
    """Keep the first ``keep`` evaluated tokens and drop the rest from the KV cache.
    Returns how many are kept (0 when llama.cpp could not drop a range)."""
    if keep >= llama.n_tokens:
        return llama.n_tokens
    if not llama._ctx.kv_cache_seq_rm(-1, keep, -1):
        llama.reset()
        keep = 0
    llama.n_tokens = keep
    # The logits in the context belong to a later token now: make generate() replay one.
    llama._requires_eval = True
    return keep


def allow_drafts(llama) -> None:
    """Make a ``Llama`` built with a ``draft_model`` usable on long prompts, at no memory cost.

    With a draft model the library asks llama.cpp for every position's logits
    (``_logits_all``) and copies them into ``scores``, which it sized for ``n_batch`` rows
    unless ``logits_all=True`` was passed: past the first ``n_batch`` tokens ``eval`` raises
    ValueError (could not broadcast). ``logits_all=True`` instead keeps a float row per context
    position (n_ctx x vocabulary: 2.5 GB for 4096 tokens of DeepSeek). Sampling reads the
    logits from llama.cpp, never from ``scores``, so ``scores`` becomes one row repeated (a
    zero stride): the copy lands in a temporary and nothing grows. The prompt itself is read
    without every position's logits (:func:`batch_logits`)."""
    row = np.zeros(llama.n_vocab(), dtype=np.single)
    llama.scores = np.lib.stride_tricks.as_strided(row, shape=(llama.n_ctx(), row.size), strides=(0, row.itemsize))
    batch_logits(llama, False)


def batch_logits(llama, on: bool) -> None:
    """Whether ``eval`` asks for every position's logits: on while drafts are checked, off
    while a prompt is read (one output row, not one per token, and a small saved state)."""
    llama._logits_all = bool(on)
