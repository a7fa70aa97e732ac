"""The policy schema: every key an administrator can set, its type and its meaning.

This is the single source for the Linux TOML reader, the Windows ADMX template and the
macOS configuration profile (installer/ checks them against it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable


@dataclass(frozen=True)
class PolicyKey:
    name: str
    type: type
    description: str
    check: Callable[[Any], str | None] | None = None  # returns a problem, or None


def _positive(v: int) -> str | None:
    return None if v > 0 else "must be a positive whole number"


def _non_negative(v: int) -> str | None:
    return None if v >= 0 else "must be zero or more"


def _gpu(v: str) -> str | None:
    t = v.strip().lower()
    return None if t in ("auto", "off") or t.isdigit() else "must be auto, off or a number of layers"


_SHA = re.compile(r"^[0-9a-f]{64}$")


def _sha_list(v: list) -> str | None:
    for item in v:
        if not isinstance(item, str) or not _SHA.match(item.lower()):
            return "must be a list of 64-character hex SHA-256 strings"
    return None


POLICY_KEYS: dict[str, PolicyKey] = {
    k.name: k
    for k in [
        PolicyKey("model_path", str, "Path of the GGUF model file every user must use."),
        PolicyKey("allowed_model_sha256", list, "SHA-256 hashes of the only model files allowed.", _sha_list),
        PolicyKey("retention_days", int, "Conversations older than this many days are purged.", _positive),
        PolicyKey("auto_lock_minutes", int, "Lock the vault after this many idle minutes (0: never).", _non_negative),
        PolicyKey("require_passphrase", bool, "Never keep the data key in the OS keyring; always ask for a passphrase."),
        PolicyKey("allow_export", bool, "Whether users may export data to unencrypted files."),
        PolicyKey("store_reasoning", bool, "Whether the model's reasoning text may be stored with answers."),
        PolicyKey("gpu", str, "GPU offload: auto, off, or a number of model layers to put on the GPU.", _gpu),
    ]
}
