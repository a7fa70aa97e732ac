"""The policy schema: every key an administrator can set, its type and its meaning.

This is the single source for the Linux TOML reader, the Windows ADMX template and the
macOS configuration profile (installer/ checks them against it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable

from app.core.errors import Message, N_


@dataclass(frozen=True)
class PolicyKey:
    name: str
    type: type
    description: str
    check: Callable[[Any], str | None] | None = None  # returns a problem, or None
    system_only: bool = False  # honoured only from the system policy, never from CONFIDANT_POLICY


def _positive(v: int) -> str | None:
    return None if v > 0 else Message(N_("must be a positive whole number"))


def _non_negative(v: int) -> str | None:
    return None if v >= 0 else Message(N_("must be zero or more"))


def _gpu(v: str) -> str | None:
    t = v.strip().lower()
    return None if t in ("auto", "off") or t.isdigit() else Message(N_("must be auto, off or a number of layers"))


_SHA = re.compile(r"^[0-9a-f]{64}$")


def _sha_list(v: list) -> str | None:
    for item in v:
        if not isinstance(item, str) or not _SHA.match(item.lower()):
            return Message(N_("must be a list of 64-character hex SHA-256 strings"))
    return None


def _https_url(v: str) -> str | None:
    from urllib.parse import urlsplit

    try:
        u = urlsplit(v)
        port = u.port
    except ValueError:
        return Message(N_("must be https://host:port"))
    if u.scheme != "https" or not u.hostname or u.username or u.password or u.query or u.fragment:
        return Message(N_("must be https://host:port (TLS only; no user, query or fragment)"))
    return None if port is None or 0 < port < 65536 else Message(N_("has a port out of range"))


def _fingerprint(v: str) -> str | None:
    return None if _SHA.match(v.replace(":", "").lower()) else Message(N_("must be a SHA-256 fingerprint (64 hex characters, colons allowed)"))


def _ident(v: str) -> str | None:
    return None if v and len(v) <= 200 and v.isprintable() else Message(N_("must be a short printable name"))


def _path(v: str) -> str | None:
    return None if v.strip() and len(v) <= 1000 and v.isprintable() else Message(N_("must be the path of a file or folder"))


# The company inference server: only the system policy can turn it on.
INFERENCE_KEYS = ("inference_url", "inference_tls_sha256", "inference_ca_bundle", "inference_model",
                  "inference_api_key_ref", "inference_fallback_local", "inference_n_ctx")

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
        PolicyKey("allow_opt_out_override", bool, "Whether a user may draft an e-mail to a contact who opted out of "
                  "e-mail in the CRM, by giving a reason (kept in the audit log); false: never."),
        PolicyKey("inference_url", str, "The company inference server (https://host:port, OpenAI-compatible); "
                  "the only network destination Confidant may reach.", _https_url, system_only=True),
        PolicyKey("inference_tls_sha256", str, "SHA-256 fingerprint of the inference server's TLS certificate "
                  "(openssl x509 -noout -fingerprint -sha256).", _fingerprint, system_only=True),
        PolicyKey("inference_ca_bundle", str, "Instead of a fingerprint: a PEM file of the CAs that sign the "
                  "inference server's certificate.", _ident, system_only=True),
        PolicyKey("inference_model", str, "The model name the inference server must report.", _ident, system_only=True),
        PolicyKey("inference_api_key_ref", str, "Name of the OS keyring entry holding the server's API key "
                  "(the key itself is never in policy or logs).", _ident, system_only=True),
        PolicyKey("inference_fallback_local", bool, "When the inference server fails, the local model answers "
                  "(the user is told).", system_only=True),
        PolicyKey("inference_n_ctx", int, "Context size of the server's model, when the server does not report it.",
                  _positive, system_only=True),
        PolicyKey("gpu", str, "GPU offload: auto, off, or a number of model layers to put on the GPU.", _gpu),
        PolicyKey("risk_quiet_days", int, "The brief warns about an open deal whose customer has had no call, meeting, e-mail or note in this many days (default 30).", _positive),
        PolicyKey("risk_max_contacts", int, "The brief warns about an open deal with at most this many contacts: single-threaded (default 1).", _positive),
        PolicyKey("brief_closed_days", int, "The brief lists deals won or lost within this many days (default 90).", _positive),
        PolicyKey("prompt_cache_mb", int, "Disk space in MB for the encrypted cache of notes the model has read, reused "
                  "across restarts (default 2048; 0 turns it off).", _non_negative),
        PolicyKey("draft_templates", str, "A TOML file, or a folder of them, with the team's draft templates "
                  "(shown to users as \"from your company\", read-only).", _path),
    ]
}
