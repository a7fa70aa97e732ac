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


def default_policy_path() -> Path:
    if sys.platform == "win32":
        return Path(os.environ.get("ProgramData", r"C:\ProgramData")) / "Confidant" / "policy.toml"
    if sys.platform == "darwin":
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


def load_policy(env: dict[str, str] | None = None) -> Policy:
    """Load the policy. Missing file: no policy. Unreadable or malformed: PolicyError."""
    env = os.environ if env is None else env
    override = env.get("CONFIDANT_POLICY")
    path = Path(override) if override else default_policy_path()
    if not path.exists():
        if override:
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
