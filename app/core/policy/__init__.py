"""IT-managed policy: one schema, read-only, wins over user settings.

Readers: the TOML file on every platform (reader.py), the registry on Windows
(windows.py), managed preferences on macOS (macos.py).

Linux reads a TOML file (``/etc/confidant/policy.toml``; ``CONFIDANT_POLICY`` overrides
the path). A key set there cannot be changed by the user and is shown as managed. A
policy file that exists but is malformed stops the app with a clear message: silently
ignoring an admin's pin would break the promise IT relies on.
"""

from app.core.policy.schema import POLICY_KEYS, PolicyKey
from app.core.policy.reader import Policy, load_policy

__all__ = ["POLICY_KEYS", "Policy", "PolicyKey", "load_policy"]
