"""The model file llama.cpp opens is the very file whose bytes were hashed.

Split from :mod:`app.core.llm.engine` (which loads through it) to keep that module small.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

from app.core.errors import N_
from app.core.llm.errors import ModelError
from app.core.llm.gguf_header import identity_of
from app.core.llm.models import ModelFile


@contextlib.contextmanager
def checked_file(model: ModelFile):
    """The path llama.cpp opens, and the file's size: the very file that was hashed.

    The file is opened here and its identity (inode, device, ctime, size, mtime) compared with
    the one recorded when its bytes were hashed, so a file swapped or edited after the check is
    refused, not loaded. On Linux llama.cpp then opens this open file (``/proc/self/fd/N``), not
    the name, so nothing can be swapped in between. On Windows the open file cannot be renamed
    or deleted while it is held (the C runtime opens without FILE_SHARE_DELETE); on macOS the
    name is opened just after the check.
    """
    path = Path(model.path)
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))
    try:
        st = os.fstat(fd)
        if model.identity is not None and identity_of(st) != model.identity:
            raise ModelError(N_("{path} changed after it was checked; it is not loaded. Choose it again to check it anew."),
                             path=path)
        proc = f"/proc/self/fd/{fd}"
        yield (proc if sys.platform.startswith("linux") and os.path.exists(proc) else str(path)), st.st_size
    finally:
        os.close(fd)
