"""Content-free logging.

The log holds event names, ids, counts and timings, never note text, prompts, answers,
names, e-mail addresses or keys. Code logs through :func:`event`, which takes only
keyword values of safe types (numbers, booleans, short identifiers). Unexpected errors
are logged by :func:`log_unexpected` with the exception *type* and the stack frames
(file, line, function) but not the message or locals, which can carry customer data.
"""

from __future__ import annotations

import errno
import logging
import logging.handlers
import os
import re
import traceback
from pathlib import Path

from app.core.errors import DataFolderError, N_
from app.core.paths import FILE_MODE, NOFOLLOW

LOGGER_NAME = "confidant"
_SAFE_TEXT = re.compile(r"^[A-Za-z0-9_.:/\-]{0,64}$")
_configured: Path | None = None


def logger() -> logging.Logger:
    return logging.getLogger(LOGGER_NAME)


class _PrivateRotatingHandler(logging.handlers.RotatingFileHandler):
    def _open(self):  # noqa: D401 - stdlib hook
        # O_NOFOLLOW: a symbolic link planted at the log's name is never written through.
        try:
            fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND | NOFOLLOW, FILE_MODE)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise DataFolderError(
                    N_("The log file {path} is a symbolic link; Confidant will not write through it. Remove it."),
                    path=self.baseFilename
                ) from None
            raise
        return os.fdopen(fd, self.mode, encoding=self.encoding)


def configure(log_dir: Path, level: int = logging.INFO) -> Path:
    """Send the app's log to ``log_dir/confidant.log`` (0600, rotated at 1 MB, 3 kept)."""
    global _configured
    path = log_dir / "confidant.log"
    if _configured == path:
        return path
    log = logger()
    for h in list(log.handlers):
        log.removeHandler(h)
        h.close()
    handler = _PrivateRotatingHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    log.addHandler(handler)
    log.setLevel(level)
    log.propagate = False
    _configured = path
    return path


def _safe(value: object) -> str:
    if isinstance(value, (bool, int, float)) or value is None:
        return repr(value)
    text = str(value)
    return text if _SAFE_TEXT.match(text) else "<redacted>"


def event(name: str, **fields: object) -> None:
    """Log an event. Values that are not numbers or short identifiers are redacted."""
    parts = " ".join(f"{k}={_safe(v)}" for k, v in fields.items())
    logger().info("%s %s", name, parts)


def log_unexpected(exc: BaseException) -> None:
    """Record a bug without its message: type, then file:line in function for each frame."""
    frames = traceback.extract_tb(exc.__traceback__)
    where = " <- ".join(f"{Path(f.filename).name}:{f.lineno} in {f.name}" for f in reversed(frames))
    logger().error("unexpected %s.%s at %s", type(exc).__module__, type(exc).__qualname__, where)
