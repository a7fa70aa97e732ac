"""User settings: one registry of every option, stored in the vault, overridden by policy.

Settings live inside the encrypted vault because some hold personal data (the user's
name for signatures). IT policy wins: a key set by policy reads as the policy's value and
cannot be changed (:class:`ManagedSettingError`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.core.errors import AppError, N_, UsageError
from app.core.policy import Policy
from app.core.vault import settings_store


class ManagedSettingError(AppError):
    pass


@dataclass(frozen=True)
class Option:
    key: str
    type: type
    default: Any
    description: str
    policy_key: str | None = None  # the policy key that fixes this option, if any
    check: Any = None  # raises UsageError for a value of the right type that is still wrong


def _gpu_check(value: str) -> None:
    from app.core.llm.gpu import parse

    parse(value)


def _prompt_lookup_check(value: str) -> None:
    from app.core.llm.lookup import check

    check(value)


OPTIONS: dict[str, Option] = {
    o.key: o
    for o in [
        Option("user_name", str, "", "Your name, used to sign drafts."),
        Option("user_email", str, "", "Your e-mail address, the From: of saved drafts."),
        Option("user_signature", str, "", "Lines added under your name in drafts."),
        Option("language", str, "", "User interface language ('' follows the system)."),
        Option("retention_days", int, 180, "Delete conversations older than this many days.", "retention_days"),
        Option("auto_lock_minutes", int, 10, "Lock after this many idle minutes (0: never).", "auto_lock_minutes"),
        Option("store_reasoning", bool, False, "Keep the model's reasoning text with answers.", "store_reasoning"),
        Option("allow_export", bool, True, "Allow exports to unencrypted files.", "allow_export"),
        Option("allow_opt_out_override", bool, True, "Allow an e-mail draft to someone who opted out of e-mail, "
               "with a reason kept in the audit log.", "allow_opt_out_override"),
        Option("model_path", str, "", "The GGUF model file to use.", "model_path"),
        Option("threads", int, 0, "CPU threads for the model (0: physical cores)."),
        Option("context_size", int, 0, "The model's context in tokens (0: automatic, from memory and the model)."),
        Option("gpu", str, "auto", "GPU offload: auto, all, off, or a number of layers.", "gpu", _gpu_check),
        Option("thinking_budget", int, 512, "Most reasoning tokens before the answer is made to start."),
        Option("prompt_lookup", str, "auto", "Prompt-lookup decoding (guess tokens from the notes): auto, on or off.",
               None, _prompt_lookup_check),
        Option("risk_quiet_days", int, 30, "Brief: warn when an open deal's customer has had no contact in this many days.",
               "risk_quiet_days"),
        Option("risk_max_contacts", int, 1, "Brief: warn when an open deal has at most this many contacts (single-threaded).",
               "risk_max_contacts"),
        Option("brief_closed_days", int, 90, "Brief: show deals won or lost within this many days.", "brief_closed_days"),
        Option("prompt_cache_mb", int, 2048, "Disk space for the model's read notes, encrypted, reused across restarts "
               "(MB; 0: off).", "prompt_cache_mb"),
    ]
}


# The lowest value an int option takes (0 for the others).
_MINIMUM = {"retention_days": 1, "risk_quiet_days": 1, "risk_max_contacts": 1, "brief_closed_days": 1}


def _gpu_from_layers(value: Any) -> str:
    """The old ``gpu_layers`` number (-2 automatic, -1 all, 0 none, N) as a ``gpu`` value."""
    if isinstance(value, str):
        return value
    return {-2: "auto", -1: "all", 0: "off"}.get(int(value), str(value))


# Keys that were renamed: old key -> (new key, old value -> new value). A value stored under an
# old key keeps working until the new key is set; `config set OLD ...` sets the new key.
RENAMED: dict[str, tuple[str, Any]] = {"gpu_layers": ("gpu", _gpu_from_layers)}


class Settings:
    """Reads and writes options. Runs wherever the vault connection lives."""

    def __init__(self, conn, policy: Policy):
        self._conn = conn
        self._policy = policy
        # conn is None when the settings page is unreadable (damaged vault): defaults apply.
        self._values = settings_store.get_all(conn) if conn is not None else {}
        for old, (new, convert) in RENAMED.items():
            if old in self._values and new not in self._values:
                try:
                    self._values[new] = convert(self._values[old])
                except (TypeError, ValueError):
                    pass  # a stored value that was never valid: the default applies

    @staticmethod
    def key(key: str) -> str:
        """``key``, or the key it was renamed to."""
        return RENAMED[key][0] if key in RENAMED else key

    def get(self, key: str) -> Any:
        key = self.key(key)
        opt = self._option(key)
        if opt.policy_key and self._policy.is_managed(opt.policy_key):
            return self._policy.get(opt.policy_key)
        return self._values.get(key, opt.default)

    def is_managed(self, key: str) -> bool:
        key = self.key(key)
        opt = self._option(key)
        return bool(opt.policy_key and self._policy.is_managed(opt.policy_key))

    def set(self, key: str, value: Any) -> None:
        if key in RENAMED:
            key, value = RENAMED[key][0], RENAMED[key][1](value)
        opt = self._option(key)
        if self.is_managed(key):
            raise ManagedSettingError(N_("'{key}' is managed by your IT policy ({source}) and cannot be changed."),
                                      key=key, source=self._policy.source)
        if opt.type is int and isinstance(value, int) and not isinstance(value, bool) and value < _MINIMUM.get(key, 0):
            raise UsageError(N_("Setting '{key}' must be at least {minimum}."),
                             key=key, minimum=_MINIMUM.get(key, 0))
        if not isinstance(value, opt.type) or (opt.type is int and isinstance(value, bool)):
            raise UsageError(N_("Setting '{key}' must be {expected}."), key=key, expected=opt.type.__name__)
        if opt.check:
            opt.check(value)
        settings_store.put(self._conn, key, value)
        self._values[key] = value

    def parse(self, key: str, text: str) -> Any:
        """``text`` (as typed on a command line) as the option's type; UsageError if it is not."""
        if key in RENAMED:
            try:
                return RENAMED[key][1](int(text.strip()))  # an old key with its old kind of value
            except ValueError:
                key = RENAMED[key][0]
        opt = self._option(key)
        if opt.type is bool:
            folded = text.strip().lower()
            if folded in ("true", "yes", "on", "1"):
                return True
            if folded in ("false", "no", "off", "0"):
                return False
            raise UsageError(N_("Setting '{key}' must be true or false, not '{text}'."), key=key, text=text)
        if opt.type is int:
            try:
                return int(text.strip())
            except ValueError:
                raise UsageError(N_("Setting '{key}' must be a whole number, not '{text}'."), key=key, text=text) from None
        return text

    def as_dict(self) -> dict[str, dict]:
        return {k: {"value": self.get(k), "managed": self.is_managed(k)} for k in OPTIONS}

    @staticmethod
    def _option(key: str) -> Option:
        try:
            return OPTIONS[key]
        except KeyError:
            raise UsageError(N_("Unknown setting '{key}'. Known: {options}."),
                             key=key, options=', '.join(OPTIONS)) from None
