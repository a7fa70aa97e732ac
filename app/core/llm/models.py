"""Model files: where they are found, how they are checked, and when they are trusted.

Guarantees:

- Before a file is loaded its GGUF magic, version, header and size are checked
  (:mod:`app.core.llm.gguf_header`) and its architecture is one llama.cpp runs here.
- Trust on first use: the first time the app sees a file (listing, doctor or load) its
  SHA-256 is recorded in the vault (``model_files``). A later change of content is refused
  and reported as not trusted. The hash is recomputed only when size, mtime, inode, device
  or ctime change (see ``gguf_header.file_identity``: restoring the mtime does not hide a
  change). Records are keyed by the path as configured, not its symlink target: a symbolic
  link placed at (or re-pointed from) a trusted name reaches other bytes, so it is hashed
  again and refused.
- An IT policy list ``allowed_model_sha256``, when present, is enforced on every load: a file
  whose hash it does not name is never trusted.
- A ``model_path`` set by IT policy wins over ``CONFIDANT_MODEL`` and any ``--model`` flag: no
  other file is used while it is managed (:func:`override_notice` is the one line saying so).

Runs on the thread that owns the vault connection (hashing a large file takes seconds).
"""

from __future__ import annotations

import hashlib
import os
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

from app.core import logs
from app.core.llm.errors import ModelError, ModelNotTrustedError
from app.core.llm.gguf_header import GGUFInfo, check_architecture, file_identity, identity_of, read_header
from app.core.paths import Paths, known_program_data
from app.core.policy import Policy
from app.core.vault import audit, model_files
from app.core.errors import Message, N_

_HEADER_CACHE: dict[tuple, GGUFInfo] = {}


@dataclass
class ModelFile:
    """One GGUF file as the app sees it. ``trusted`` is None when no vault was consulted."""

    path: Path
    name: str
    architecture: str | None
    quantization: str | None
    parameters: int | None
    context_length: int | None
    size_bytes: int
    sha256: str | None
    trusted: bool | None
    problem: str | None = None  # why it cannot be used, one line
    info: GGUFInfo | None = None
    # (size, mtime_ns, identity) of the file whose bytes were hashed: the engine loads only a
    # file that still has it (app.core.llm.engine opens the file and compares before loading).
    identity: tuple[int, int, int] | None = None

    def as_json(self) -> dict:
        d = asdict(self)
        d.pop("info")
        d.pop("identity")
        d["path"] = str(self.path)
        return d


def system_models_dir() -> Path:
    """The folder an installer fills (read-only for users)."""
    if sys.platform == "win32":  # the known folder, never the user's %ProgramData%
        return Path(known_program_data()) / "Confidant" / "models"
    if sys.platform == "darwin":
        return Path("/Library/Application Support/Confidant/models")
    return Path("/usr/share/confidant/models")


def header(path: Path) -> GGUFInfo:
    """read_header with an in-process cache keyed on the file's identity."""
    path = Path(path)
    try:
        key = (str(path), *file_identity(path))
    except FileNotFoundError:
        raise ModelError(N_("Model file {path} does not exist."), path=path) from None
    except OSError as exc:
        raise ModelError(N_("Model file {path} cannot be read: {reason}."), path=path, reason=exc.strerror) from None
    info = _HEADER_CACHE.get(key)
    if info is None:
        info = read_header(path)
        _HEADER_CACHE[key] = info
    return info


def _trust_key(path: Path) -> str:
    """The path as configured (absolute, symbolic links *not* followed)."""
    return str(Path(os.path.abspath(Path(path).expanduser())))


def _managed_path(policy: Policy) -> Path | None:
    mp = policy.get("model_path") if policy.is_managed("model_path") else None
    return Path(mp).expanduser() if mp else None


def override_notice(env, policy: Policy) -> str | None:
    """The one line shown when CONFIDANT_MODEL names another file than a managed model_path."""
    managed = _managed_path(policy)
    explicit = env.get("CONFIDANT_MODEL")
    if managed is None or not explicit or _trust_key(Path(explicit)) == _trust_key(managed):
        return None
    return f"CONFIDANT_MODEL is ignored: your IT policy sets model_path to {managed} ({policy.source})."


def _check_template(info: GGUFInfo) -> None:
    """A model whose header sizes or chat template cannot be used is listed with that problem
    and skipped (the template runs in a bounded sandbox: see chat_format)."""
    if info.context_length is None or info.n_layers is None:
        raise ModelError(N_("{path} has no usable context length or layer count in its header; it is not used."),
                         path=info.path)
    from app.core.llm.chat_format import formatter_for  # noqa: PLC0415

    formatter_for(info)


def _candidates(paths: Paths, policy: Policy, env) -> list[Path]:
    found: list[Path] = []
    explicit = None if _managed_path(policy) is not None else env.get("CONFIDANT_MODEL")
    if explicit:
        found.append(Path(explicit).expanduser())
    if policy.get("model_path"):
        found.append(Path(policy.get("model_path")).expanduser())
    for folder in (paths.models, system_models_dir()):
        try:
            found += sorted(p for p in folder.iterdir()
                            if p.suffix.lower() == ".gguf" and (p.is_symlink() or p.is_file()))
        except OSError:
            continue  # a missing or unreadable folder just holds no models
    # The path as found, never its symlink target: trust is keyed by that path, so a link
    # placed in a models folder is not a "new file" under its target's name.
    unique: dict[str, Path] = {}
    for p in found:
        unique.setdefault(_trust_key(p), p)
    return list(unique.values())


def _linked_in_folder(path: Path, paths: Paths) -> bool:
    """A symbolic link inside a models folder: never used (see :func:`discover`)."""
    try:
        return path.is_symlink() and path.parent.resolve() in {paths.models.resolve(), system_models_dir().resolve()}
    except OSError:
        return True


def describe_file(path: Path) -> ModelFile:
    """Header facts of one file; no hashing, no vault. ``problem`` says why it is unusable."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError:
        size = 0
    try:
        info = header(path)
        check_architecture(info)
        _check_template(info)
    except ModelError as exc:
        info_ = locals().get("info")
        return ModelFile(path, path.name, getattr(info_, "architecture", None), getattr(info_, "quantization", None),
                         getattr(info_, "parameters", None), getattr(info_, "context_length", None), size, None, False,
                         exc.message, info_)
    return ModelFile(path, info.name, info.architecture, info.quantization, info.parameters, info.context_length,
                     size, None, None, None, info)


def discover(paths: Paths, policy: Policy, env=None) -> list[ModelFile]:
    """GGUF files from CONFIDANT_MODEL, the policy's model_path, the user's models folder and
    the system folder, headers read (no hashing, no vault). Broken files are listed with
    ``problem`` set, so the user sees why they are not offered."""
    env = os.environ if env is None else env
    out = []
    for p in _candidates(paths, policy, env):
        if _linked_in_folder(p, paths):
            # Anyone who can drop a link there would pick the bytes; a file is used from a
            # models folder only as a file of its own (a path elsewhere: model_path or
            # CONFIDANT_MODEL, where trust is keyed by the configured path).
            out.append(ModelFile(p, p.name, None, None, None, None, 0, None, False,
                                 Message(N_("{path} is a symbolic link in a models folder; it is not used (copy the file "
                                            "there⟦, or name it with model_path or CONFIDANT_MODEL⟧)."), path=p)))
            continue
        out.append(describe_file(p))
    return out


def sha256_file(path: Path) -> str:
    return hash_file(path)[0]


def hash_file(path: Path) -> tuple[str, tuple[int, int, int]]:
    """SHA-256 of the file at ``path`` and the identity of the very file hashed (taken from
    the open file, before and after reading: bytes written while it was read are refused)."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        before = identity_of(os.fstat(fh.fileno()))
        while chunk := fh.read(4 * 1024 * 1024):
            h.update(chunk)
        if identity_of(os.fstat(fh.fileno())) != before:
            raise ModelError(N_("{path} changed while it was being checked; it is not used. Choose it again."), path=path)
    return h.hexdigest(), before


def inspect(path: Path, conn, policy: Policy, *, record: bool = True) -> ModelFile:
    """Check and hash (or reuse the recorded hash); record first sightings unless ``record``
    is False (a read-only vault: the hash is compared, nothing written). Never raises for a
    bad file: the result's ``trusted`` is False and ``problem`` says why."""
    path = Path(path).expanduser()
    mf = describe_file(path)
    if mf.problem:
        return mf
    managed = _managed_path(policy)
    if managed is not None and _trust_key(path) != _trust_key(managed):
        mf.trusted = False
        mf.problem = Message(N_("{path} is not the model your IT policy sets (model_path = {managed} in {source}); "
                                "only that file may be used."), path=path, managed=managed, source=policy.source)
        return mf
    key = _trust_key(path)
    size, mtime_ns, inode = file_identity(path)
    rec = model_files.get(conn, key)
    if rec and (rec["size_bytes"], rec["mtime_ns"], rec["inode"]) == (size, mtime_ns, inode):
        sha = rec["sha256"]
    else:
        try:
            sha, (size, mtime_ns, inode) = hash_file(path)
        except ModelError as exc:
            mf.trusted, mf.problem = False, exc.message
            return mf
        except OSError as exc:
            mf.trusted, mf.problem = False, Message(N_("Model file {path} cannot be read: {reason}."), path=path, reason=exc.strerror)
            return mf
        if rec is None and record:
            model_files.record(conn, key, sha, size, mtime_ns, inode)
            audit.append(conn, "model.first_seen", sha256=sha[:16], size_bytes=size)
            logs.event("model.first_seen", sha256=sha[:16], size_bytes=size)
        elif rec is not None and rec["sha256"] == sha and record:
            model_files.touch(conn, key, size, mtime_ns, inode)
    mf.sha256 = sha
    if rec is not None and rec["sha256"] != sha:
        mf.trusted = False
        mf.problem = Message(
            N_("{path} changed since it was first trusted on {date} "
               "(SHA-256 was {old}…, now {new}…); refusing to load it"
               "⟦ (run `confidant models --trust {path}` if you replaced it on purpose)⟧."),
            path=path, date=rec['first_seen'][:10], old=rec['sha256'][:12], new=sha[:12]
        )
        return mf
    allowed = policy.get("allowed_model_sha256")
    if allowed is not None and sha not in allowed:
        mf.trusted = False
        mf.problem = Message(
            N_("{path} (SHA-256 {sha}…) is not allowed by your IT policy "
               "(allowed_model_sha256 in {source})."),
            path=path, sha=sha[:12], source=policy.source
        )
        return mf
    mf.trusted = True
    mf.identity = (size, mtime_ns, inode)
    return mf


def verify(path: Path, conn, policy: Policy) -> ModelFile:
    """:func:`inspect`, raising ModelError / ModelNotTrustedError when the file cannot be used."""
    mf = inspect(path, conn, policy)
    if mf.problem:
        raise (ModelNotTrustedError if mf.sha256 else ModelError)(mf.problem)
    return mf


def retrust(path: Path, conn, policy: Policy) -> ModelFile:
    """The user says a changed file is the one they want: forget the old hash, trust the new."""
    path = Path(path).expanduser()
    model_files.forget(conn, _trust_key(path))
    audit.append(conn, "model.retrusted")
    return verify(path, conn, policy)


def choose_model(paths: Paths, settings, policy: Policy, conn, env=None, *, record: bool = True) -> ModelFile:
    """CONFIDANT_MODEL, then the policy/setting model_path, then the first trusted file found."""
    env = os.environ if env is None else env
    explicit = None if _managed_path(policy) is not None else env.get("CONFIDANT_MODEL")
    candidates = [p for p in (explicit, settings.get("model_path") if settings is not None else policy.get("model_path")) if p]
    if candidates:
        mf = inspect(Path(candidates[0]), conn, policy, record=record)
        if mf.problem:
            raise (ModelNotTrustedError if mf.sha256 else ModelError)(mf.problem)
        return mf
    problems = []
    for mf in discover(paths, policy, env):
        if mf.problem:
            problems.append(mf.problem)
            continue
        checked = inspect(mf.path, conn, policy, record=record)
        if checked.trusted:
            return checked
        problems.append(checked.problem)
    more = Message(N_(" ({count} file(s) found but unusable: {problem})"), count=len(problems), problem=problems[0]) if problems else ""
    raise ModelError(
        N_("No usable model file: put a DeepSeek-R1 distill GGUF in {models}⟦ or set CONFIDANT_MODEL "
        "(see models/README.md)⟧{more}."), models=paths.models, more=more
    )
