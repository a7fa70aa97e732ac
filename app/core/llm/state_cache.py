"""Evaluated prompt prefixes kept on disk, encrypted: the file format, the crypto, the files.

A llama.cpp state holds the prompt's text (the notes) in its KV cache, so a state file is
written only encrypted, never in the clear (DESIGN.md invariant 2):

- the key is derived (HKDF-SHA256, :data:`KEY_INFO`) from the vault's data key by the caller
  and held in memory only; this module never writes it;
- one file per prefix, named by an HMAC of (model, prompt version, tokens) under that key, so
  a name says nothing about the text; the body (tokens + state bytes) is sealed with
  AES-256-GCM, and the header (format, model SHA-256, prompt version, the prefix's HMAC) is
  its associated data: a state for another model, another prompt version or another prefix
  fails the check and is never restored;
- a file is written atomically (temp file in the same folder, fsync, rename; mode 0600 in a
  0700 folder): a kill -9 mid-write leaves at most a temp file, which :meth:`StateFiles.sweep`
  removes; a damaged or truncated file fails authentication, is removed and logged without
  content.

:class:`DiskStates` is what the engine is given for one task: the candidate entries (the
caller read them from the vault's index on the vault's thread), a reader, and a writer that
runs on a thread of its own so the generation thread is not held by encryption and fsync.
The caller then records :attr:`DiskStates.written` and :attr:`DiskStates.used` in the index.
Qt-free; imports no vault module (the llm layer does not know the vault).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import struct
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from app.core import logs
from app.core.paths import DIR_MODE, write_private

MAGIC = b"CONFIDANT-PS1\n"
KEY_INFO = b"confidant prompt-state cache v1"
SUFFIX = ".pstate"
MIN_TOKENS = 32  # shorter prefixes are cheaper to read again than to keep


def derive_key(data_key: bytes | bytearray) -> bytes:
    """The cache key: HKDF-SHA256 of the vault's data key with its own label (never stored)."""
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=KEY_INFO).derive(bytes(data_key))


def _token_bytes(tokens) -> bytes:
    return np.asarray(tokens, dtype="<i4").tobytes()


@dataclass(frozen=True)
class Entry:
    """One stored prefix: its file name, its tokens and the file's size."""

    name: str
    tokens: tuple[int, ...]
    size: int


class StateFiles:
    """The cache folder for one model and prompt version, under one key."""

    def __init__(self, folder: Path, key: bytes, *, model_sha256: str, prompt_version: str):
        self.folder = Path(folder)
        self._key = bytes(key)
        self.model_sha256, self.prompt_version = str(model_sha256), str(prompt_version)

    def _mac(self, tokens) -> str:
        msg = b"\0".join([self.model_sha256.encode(), self.prompt_version.encode(), _token_bytes(tokens)])
        return hmac.new(self._key, msg, hashlib.sha256).hexdigest()

    def name_for(self, tokens) -> str:
        return self._mac(tokens)[:40]

    def path(self, name: str) -> Path:
        return self.folder / (name + SUFFIX)

    def _header(self, tokens) -> bytes:
        head = {"format": 1, "model_sha256": self.model_sha256, "prompt_version": self.prompt_version,
                "prefix": self._mac(tokens), "n_tokens": len(tokens)}
        return json.dumps(head, sort_keys=True).encode()

    def _ensure(self) -> None:
        self.folder.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
        os.chmod(self.folder, DIR_MODE)

    def write(self, tokens, data: bytes) -> Entry:
        """Seal and write one state atomically; returns its entry."""
        self._ensure()
        tokens = tuple(int(t) for t in tokens)
        header = self._header(tokens)
        aad = MAGIC + header
        body = struct.pack("<I", len(tokens)) + _token_bytes(tokens) + data
        nonce = secrets.token_bytes(12)
        sealed = AESGCM(self._key).encrypt(nonce, body, aad)
        blob = MAGIC + struct.pack("<I", len(header)) + header + nonce + sealed
        name = self.name_for(tokens)
        write_private(self.path(name), blob)
        return Entry(name, tokens, len(blob))

    def read(self, entry: Entry) -> bytes | None:
        """The state bytes of ``entry``, or None when the file is missing, damaged, or not
        for this model, prompt version and prefix (a damaged file is removed)."""
        path = self.path(entry.name)
        try:
            blob = path.read_bytes()
        except OSError:
            return None
        reason = None
        try:
            if not blob.startswith(MAGIC):
                raise ValueError("magic")
            (hlen,) = struct.unpack_from("<I", blob, len(MAGIC))
            start = len(MAGIC) + 4
            header = blob[start: start + hlen]
            if header != self._header(entry.tokens):
                reason = "other"  # another model, prompt version or prefix: not ours to use
                return None
            nonce = blob[start + hlen: start + hlen + 12]
            body = AESGCM(self._key).decrypt(nonce, blob[start + hlen + 12:], MAGIC + header)
            (n,) = struct.unpack_from("<I", body, 0)
            if n != len(entry.tokens) or body[4: 4 + 4 * n] != _token_bytes(entry.tokens):
                raise ValueError("tokens")
            return body[4 + 4 * n:]
        except (InvalidTag, ValueError, struct.error):
            reason = "damaged"
            return None
        finally:
            if reason is not None:
                logs.event("prompt_cache.dropped", reason=reason, bytes=len(blob))
                self.remove(entry.name)

    def remove(self, name: str) -> None:
        try:
            self.path(name).unlink()
        except FileNotFoundError:
            pass


_IN_FLIGHT: set[str] = set()  # names this process is sealing or has not listed yet (see DiskStates.settle)


def _entry_name(p: Path) -> str:
    """The entry a cache file belongs to: ``NAME.pstate`` or its temp file ``.NAME.pstate.RANDOM.tmp``."""
    return p.name.lstrip(".").split(".", 1)[0]


def sweep(folder: Path, keep: set[str]) -> int:
    """Remove every file in ``folder`` that is not a kept entry (temp files left by a kill,
    files of entries the index no longer lists), except what this process is still writing
    or listing. Returns how many were removed."""
    folder = Path(folder)
    removed = 0
    if not folder.is_dir():
        return 0
    for p in folder.iterdir():
        if p.is_file() and not (p.suffix == SUFFIX and p.stem in keep) and _entry_name(p) not in _IN_FLIGHT:
            try:
                p.unlink()
                removed += 1
            except OSError:
                pass
    return removed


def folder_usage(folder: Path) -> tuple[int, int]:
    """(files, bytes) of the state files in ``folder``."""
    files = [p for p in Path(folder).glob("*" + SUFFIX)] if Path(folder).is_dir() else []
    return len(files), sum(p.stat().st_size for p in files)


class DiskStates:
    """The disk cache as one task sees it: candidates to restore and a background writer.

    ``entries``: the stored prefixes of this subject for this model (from the vault's index).
    After the task, :attr:`used` (names restored) and :attr:`written` (new entries) tell the
    caller what to record in the index, once :meth:`wait` has returned."""

    def __init__(self, files: StateFiles, entries=(), *, budget_bytes: int):
        self.files = files
        self.entries = list(entries)
        self.budget_bytes = int(budget_bytes)
        self.used: list[str] = []
        self.written: list[Entry] = []
        self.dropped: list[str] = []  # listed, but missing or damaged: the caller unlists them
        self.restored_tokens = 0
        self._threads: list[threading.Thread] = []
        self._pending: list[str] = []
        self._lock = threading.Lock()

    def best(self, tokens, *, longer_than: int = 0) -> Entry | None:
        """The entry sharing the longest prefix with ``tokens`` (a new note appended after
        the stored ones still shares everything before it), when that is longer than
        ``longer_than`` and than :data:`MIN_TOKENS`."""
        from app.core.llm.prefix_states import common_prefix

        best, best_n = None, max(longer_than, MIN_TOKENS - 1)
        for e in self.entries:
            n = common_prefix(e.tokens, tokens)
            if n > best_n:
                best, best_n = e, n
        return best

    def read(self, entry: Entry) -> bytes | None:
        data = self.files.read(entry)
        if data is None:
            self.entries = [e for e in self.entries if e.name != entry.name]
            self.dropped.append(entry.name)
        else:
            self.used.append(entry.name)
            self.restored_tokens = len(entry.tokens)
        return data

    def holds(self, tokens) -> bool:
        name = self.files.name_for(tokens)
        return any(e.name == name for e in self.entries + self.written)

    def write_later(self, tokens, data: bytes) -> None:
        """Seal and write on a thread of its own (the generation thread goes on)."""
        if len(data) > self.budget_bytes or len(tokens) < MIN_TOKENS or self.holds(tokens):
            return
        tokens = tuple(int(t) for t in tokens)
        name = self.files.name_for(tokens)
        _IN_FLIGHT.add(name)
        self._pending.append(name)

        def work():
            try:
                entry = self.files.write(tokens, data)
            except Exception as exc:  # noqa: BLE001 - a full disk costs the cache, not the task
                logs.event("prompt_cache.write_failed", kind=type(exc).__name__)
                return
            with self._lock:
                self.written.append(entry)

        t = threading.Thread(target=work, name="confidant-state-write", daemon=True)
        self._threads.append(t)
        t.start()

    def wait(self) -> None:
        for t in self._threads:
            t.join()
        self._threads = []

    def settle(self) -> None:
        """The caller has listed (or given up) what was written: a sweep may judge it now."""
        _IN_FLIGHT.difference_update(self._pending)
        self._pending = []
