"""Read the managed policy for this platform."""

from __future__ import annotations

import os
import stat
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.core.errors import Message, N_, PolicyError
from app.core.paths import known_program_data
from app.core.policy import macos, windows
from app.core.policy.schema import POLICY_KEYS


def default_policy_path(platform: str | None = None, env: dict[str, str] | None = None, *, program_data: str | None = None) -> Path:
    """The system policy file for ``platform`` (default: this one).

    On Windows the ProgramData folder comes from the shell (``SHGetKnownFolderPath``), never
    from the user's environment: ``%ProgramData%`` is the user's to change, and a user who
    could point it at a folder of their own could write their own "system" policy. ``env``
    is accepted for compatibility and ignored; ``program_data`` lets tests inject the folder.
    """
    platform = sys.platform if platform is None else platform
    if platform == "win32":
        return Path(program_data or known_program_data()) / "Confidant" / "policy.toml"
    if platform == "darwin":
        return Path("/Library/Application Support/Confidant/policy.toml")
    return Path("/etc/confidant/policy.toml")


@dataclass(frozen=True)
class Policy:
    """Managed values. ``source`` is where they came from, or None when unmanaged."""

    values: dict[str, Any] = field(default_factory=dict)
    source: str | None = None

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)

    def is_managed(self, key: str) -> bool:
        return key in self.values

    def as_json(self) -> dict:
        return {"source": self.source, "keys": dict(sorted(self.values.items()))}


def validate(raw: dict, origin: str) -> dict[str, Any]:
    """Check every key against the schema; a problem names the origin and the key."""
    values: dict[str, Any] = {}
    for name, value in raw.items():
        spec = POLICY_KEYS.get(name)
        if spec is None:
            known = ", ".join(sorted(POLICY_KEYS))
            raise PolicyError(N_("Policy {origin}: unknown key '{name}' (known keys: {known})."),
                              origin=origin, name=name, known=known)
        # bool is a subclass of int: refuse `retention_days = true`.
        if not isinstance(value, spec.type) or (spec.type is int and isinstance(value, bool)):
            raise PolicyError(N_("Policy {origin}: '{name}' must be {expected}, got {got}."),
                              origin=origin, name=name, expected=spec.type.__name__, got=type(value).__name__)
        if spec.check is not None:
            problem = spec.check(value)
            if problem:
                raise PolicyError(N_("Policy {origin}: '{name}' {problem}."), origin=origin, name=name, problem=problem)
        if name == "allowed_model_sha256":
            value = [v.lower() for v in value]
        values[name] = value
    return values


def load_policy(
    env: dict[str, str] | None = None,
    *,
    platform: str | None = None,
    winreg: Any = None,
    prefs: Any = None,
    program_data: str | None = None,
) -> Policy:
    """Load the policy for this platform. Nothing managed: an empty Policy.

    - ``CONFIDANT_POLICY`` set: that TOML file (it must exist) is read too, *under* the
      system policy: it can add managed keys (tests, a kiosk setup) but never lift or change
      one the administrator set, so a user cannot escape IT policy with an environment
      variable.
    - Linux: ``/etc/confidant/policy.toml``.
    - Windows: the registry (``HKLM\\Software\\Policies\\Confidant``, where Group Policy
      and the MSI write) over ``<ProgramData>\\Confidant\\policy.toml`` (the known folder,
      never the user's ``%ProgramData%``; ``program_data`` injects it for tests).
    - macOS: managed preferences (domain ``com.example.confidant``) over
      ``/Library/Application Support/Confidant/policy.toml``.

    Where both a platform store and the file set a key, the platform store wins. Unreadable
    or malformed: PolicyError naming the source. ``platform``, ``winreg`` and ``prefs`` let
    tests run the Windows and macOS readers anywhere with the system call injected.
    """
    env = os.environ if env is None else env
    platform = sys.platform if platform is None else platform
    override = env.get("CONFIDANT_POLICY")
    system_file = _load_file(default_policy_path(platform, program_data=program_data), must_exist=False)
    file_policy = _layer(_not_system_only(_load_file(Path(override), must_exist=True)), system_file) if override else system_file
    store: dict[str, Any] | None = None
    store_source = None
    if platform == "win32":
        if winreg is None:
            import winreg  # noqa: PLC0415  (Windows only)
        store, store_source = windows.read_registry(winreg), windows.SOURCE
    elif platform == "darwin":
        if prefs is None:
            prefs = macos.ManagedPrefs()  # PolicyError (exit 78) when CoreFoundation is unusable
        store, store_source = macos.read_managed(prefs, POLICY_KEYS), macos.SOURCE
    if store is None:
        return file_policy
    return _layer(file_policy, Policy(values=validate(store, store_source), source=store_source if store else None))


def _not_system_only(p: Policy) -> Policy:
    """A user-chosen file may add restrictions, never open the network door."""
    for name in p.values:
        if POLICY_KEYS[name].system_only:
            raise PolicyError(N_("Policy {source}: '{name}' can be set only by the system policy "
                              "(the system file, the registry or a managed profile)⟦, not CONFIDANT_POLICY⟧."),
                              source=p.source, name=name)
    return p


def _layer(lower: Policy, upper: Policy) -> Policy:
    """``upper``'s keys win; the source names every layer that set something."""
    values = {**lower.values, **upper.values}
    sources = [s for s in (upper.source, lower.source) if s]
    return Policy(values=values, source=" + ".join(sources) or None)


MAX_POLICY_BYTES = 1_000_000


def refusal(where: Message, problem: Message, fix: Message) -> PolicyError:
    """The one line a user sees when IT's policy exists but cannot be used: what is wrong,
    that the app stops because of it, and what IT must do. Exit code 78 (errors.EXIT_POLICY)."""
    return PolicyError(N_("{where} {problem}. Confidant will not start without reading IT's policy; IT must {fix}."),
                       where=where, problem=problem, fix=fix)


def _readable_fix(path: Path, folder_too: bool) -> Message:
    if sys.platform == "win32":
        return Message(N_("give users read access to {path}"), path=path)
    if folder_too:
        return Message(N_("make it readable: chmod 755 {folder}, chmod 644 {path}"), folder=path.parent, path=path)
    return Message(N_("make it readable: chmod 644 {path}"), path=path)


def _load_file(path: Path, *, must_exist: bool) -> Policy:
    """The TOML policy file (keys at top level or under ``[policy]``).

    Absent (the file and its folder): no policy. Present in any form that cannot be read
    (folder not searchable, file not readable, a folder or device where the file should be,
    not UTF-8, not TOML, absurdly large): a :class:`PolicyError` naming the path and the fix.
    """
    where = Message(N_("Policy file {path}"), path=path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        if must_exist:
            raise PolicyError(N_("Policy file {path}⟦ (from CONFIDANT_POLICY)⟧ does not exist."), path=path) from None
        return Policy()
    except PermissionError:
        raise refusal(where, Message(N_("cannot be read: permission denied on its folder")), _readable_fix(path, True)) from None
    except NotADirectoryError:
        raise refusal(where, Message(N_("cannot be read: {folder} is not a folder"), folder=path.parent),
                      Message(N_("make {folder} a folder holding policy.toml (or remove it)"), folder=path.parent)) from None
    except OSError as exc:
        raise refusal(where, Message(N_("cannot be read: {reason}"), reason=exc.strerror), _readable_fix(path, True)) from None
    if stat.S_ISDIR(st.st_mode):
        raise refusal(where, Message(N_("cannot be read: it is a folder, not a file")),
                      Message(N_("replace the folder {path} with the policy file (or remove it)"), path=path))
    if not stat.S_ISREG(st.st_mode):
        raise refusal(where, Message(N_("cannot be read: it is not a regular file")),
                      Message(N_("replace {path} with the policy file (or remove it)"), path=path))
    if st.st_size > MAX_POLICY_BYTES:
        raise refusal(where, Message(N_("is {size} bytes, larger than a policy can be"), size=st.st_size),
                      Message(N_("replace {path} with the policy file"), path=path))
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_POLICY_BYTES + 1)
    except PermissionError:
        raise refusal(where, Message(N_("cannot be read: permission denied")), _readable_fix(path, False)) from None
    except IsADirectoryError:
        raise refusal(where, Message(N_("cannot be read: it is a folder, not a file")),
                      Message(N_("replace the folder {path} with the policy file (or remove it)"), path=path)) from None
    except OSError as exc:
        raise refusal(where, Message(N_("cannot be read: {reason}"), reason=exc.strerror), _readable_fix(path, False)) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise refusal(where, Message(N_("is not UTF-8 text (line {line})"), line=line), Message(N_("save it as UTF-8"))) from None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise refusal(where, Message(N_("is malformed: {error}"), error=exc),
                      Message(N_("correct it (see /usr/share/doc/confidant/policy.toml.example)"))) from None
    section = raw.get("policy", raw) if isinstance(raw.get("policy"), dict) else raw
    return Policy(values=validate(section, str(path)), source=str(path))
