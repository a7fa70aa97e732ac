"""Errors of the inference layer; each carries one line fit for the user."""

from __future__ import annotations

from app.core.errors import N_, AppError


class ModelError(AppError):
    """A model file cannot be used: missing, not GGUF, truncated, untrusted, too large."""


class ModelNotTrustedError(ModelError):
    """The file's SHA-256 differs from the one recorded, or the IT policy does not allow it."""


class EngineBusy(AppError):
    """Another generation is running on this engine."""

    def __init__(self, message: str = N_("The model is busy with another request; wait for it to finish or stop it.")):
        super().__init__(message)


class ContextOverflowError(AppError):
    """The prompt does not fit in the model's context window."""


class RemoteError(AppError):
    """The company inference server failed: unreachable, timed out, or answered with an error."""


class StreamInterrupted(RemoteError):
    """A reply ended before the model finished it (the server closed the stream or stopped
    answering). After answer text has come, the generation loop keeps that text and ends the
    reply with ``stop_reason="interrupted"``; before, it is an error like any other."""
