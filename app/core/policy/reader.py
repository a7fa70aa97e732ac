"""Read the managed policy for this platform."""

from __future__ import annotations

import os
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.core.errors import PolicyError
from app.core.policy.schema import POLICY_KEYS


def default_policy_path(platform: str | None = None, env: dict[str, str] | None = None) -> Path:
    """The system policy file for ``platform`` (default: this one)."""
    platform = sys.platform if platform is None else platform
    env = os.environ if env is None else env
    if platform == "win32":
        return Path(env.get("ProgramData", r"C:\ProgramData")) / "Confidant" / "policy.toml"
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
            raise PolicyError(f"Policy {origin}: unknown key '{name}' (known keys: {known}).")
        # bool is a subclass of int: refuse `retention_days = true`.
        if not isinstance(value, spec.type) or (spec.type is int and isinstance(value, bool)):
            raise PolicyError(f"Policy {origin}: '{name}' must be {spec.type.__name__}, got {type(value).__name__}.")
        if spec.check is not None:
            problem = spec.check(value)
            if problem:
                raise PolicyError(f"Policy {origin}: '{name}' {problem}.")
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
) -> Policy:
    """Load the policy for this platform. Nothing managed: an empty Policy.

    - ``CONFIDANT_POLICY`` set: that TOML file (it must exist) is read too, *under* the
      system policy: it can add managed keys (tests, a kiosk setup) but never lift or change
      one the administrator set, so a user cannot escape IT policy with an environment
      variable.
    - Linux: ``/etc/confidant/policy.toml``.
    - Windows: the registry (``HKLM\\Software\\Policies\\Confidant``, where Group Policy
      and the MSI write) over ``%ProgramData%\\Confidant\\policy.toml``.
    - macOS: managed preferences (domain ``com.example.confidant``) over
      ``/Library/Application Support/Confidant/policy.toml``.

    Where both a platform store and the file set a key, the platform store wins. Unreadable
    or malformed: PolicyError naming the source. ``platform``, ``winreg`` and ``prefs`` let
    tests run the Windows and macOS readers anywhere with the system call injected.
    """
    env = os.environ if env is None else env
    platform = sys.platform if platform is None else platform
    override = env.get("CONFIDANT_POLICY")
    system_file = _load_file(default_policy_path(platform, env), must_exist=False)
    file_policy = _layer(_not_system_only(_load_file(Path(override), must_exist=True)), system_file) if override else system_file
    store: dict[str, Any] | None = None
    store_source = None
    if platform == "win32":
        from app.core.policy import windows

        if winreg is None:
            import winreg  # noqa: PLC0415  (Windows only)
        store, store_source = windows.read_registry(winreg), windows.SOURCE
    elif platform == "darwin":
        from app.core.policy import macos

        if prefs is None:
            prefs = macos.ManagedPrefs()
        store, store_source = macos.read_managed(prefs, POLICY_KEYS), macos.SOURCE
    if store is None:
        return file_policy
    return _layer(file_policy, Policy(values=validate(store, store_source), source=store_source if store else None))


def _not_system_only(p: Policy) -> Policy:
    """A user-chosen file may add restrictions, never open the network door (issue 15)."""
    for name in p.values:
        if POLICY_KEYS[name].system_only:
            raise PolicyError(f"Policy {p.source}: '{name}' can be set only by the system policy "
                              "(the system file, the registry or a managed profile), not CONFIDANT_POLICY.")
    return p


def _layer(lower: Policy, upper: Policy) -> Policy:
    """``upper``'s keys win; the source names every layer that set something."""
    values = {**lower.values, **upper.values}
    sources = [s for s in (upper.source, lower.source) if s]
    return Policy(values=values, source=" + ".join(sources) or None)


def _load_file(path: Path, *, must_exist: bool) -> Policy:
    """The TOML policy file (keys at top level or under ``[policy]``)."""
    if not path.exists():
        if must_exist:
            raise PolicyError(f"Policy file {path} (from CONFIDANT_POLICY) does not exist.")
        return Policy()
    try:
        with path.open("rb") as fh:
            raw = tomllib.load(fh)
    except PermissionError:
        raise PolicyError(f"Policy file {path} cannot be read: permission denied.") from None
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(f"Policy file {path} is malformed: {exc}.") from None
    except OSError as exc:
        raise PolicyError(f"Policy file {path} cannot be read: {exc.strerror}.") from None
    section = raw.get("policy", raw) if isinstance(raw.get("policy"), dict) else raw
    return Policy(values=validate(section, str(path)), source=str(path))
