"""Windows: policy values from the registry, ``HKLM\\Software\\Policies\\Confidant``.

This is where Group Policy (the ADMX template in installer/windows/) and the MSI's public
properties write. Only HKLM is read: a per-user hive is writable by the user and so cannot
carry a policy. Registry types map onto the schema as Group Policy writes them:

- REG_DWORD: an int key, or a bool key (0 is false, anything else true);
- REG_SZ / REG_EXPAND_SZ: a str key (REG_EXPAND_SZ has %VARIABLES% expanded from the
  *system* environment only, read from HKLM: the user's own environment could otherwise
  redirect a managed path);
- a list key: either a REG_MULTI_SZ value of that name, or a subkey of that name whose
  values are the items (what an ADMX ``<list>`` element writes), in value-name order.

A value of the wrong registry type is a :class:`PolicyError` naming the key path and the
value, never silently dropped. Runs anywhere: the ``winreg`` module is passed in (the real
one on Windows; tests pass a stand-in with the same calls).
"""

from __future__ import annotations

import re
from typing import Any

from app.core.errors import PolicyError
from app.core.paths import known_program_data
from app.core.policy.schema import POLICY_KEYS

KEY_PATH = r"Software\Policies\Confidant"
SOURCE = "registry HKLM\\" + KEY_PATH
SYSTEM_ENV_PATH = r"SYSTEM\CurrentControlSet\Control\Session Manager\Environment"
_WONT_START = "Confidant will not start without reading IT's policy"
_VAR = re.compile(r"%([^%]+)%")


def system_environment(winreg) -> dict[str, str]:
    """The machine-wide environment (HKLM), upper-cased names; never the user's."""
    env: dict[str, str] = {}
    try:
        with _open(winreg, SYSTEM_ENV_PATH) as k:
            for name, (data, kind) in _values(winreg, k).items():
                if kind in (winreg.REG_SZ, winreg.REG_EXPAND_SZ) and isinstance(data, str):
                    env[name.upper()] = data
    except OSError:
        pass
    try:
        with _open(winreg, r"SOFTWARE\Microsoft\Windows NT\CurrentVersion") as k:
            root = _values(winreg, k).get("SystemRoot")
            if root and isinstance(root[0], str):
                env.setdefault("SYSTEMROOT", root[0])
    except OSError:
        pass
    env.setdefault("PROGRAMDATA", known_program_data())
    env.setdefault("ALLUSERSPROFILE", env["PROGRAMDATA"])
    return env


def expand_system(winreg, name: str, text: str, env: dict[str, str] | None = None) -> str:
    """Expand %VAR% in a REG_EXPAND_SZ value with the system environment only. A name the
    system environment lacks is refused (it could only come from the user's)."""
    env = system_environment(winreg) if env is None else env
    for _ in range(8):  # a system variable may itself hold %VARS%
        missing = [m.group(1) for m in _VAR.finditer(text) if m.group(1).upper() not in env]
        if missing:
            raise PolicyError(
                f"Policy {SOURCE}: value '{name}' uses %{missing[0]}%, which is not a system environment variable "
                "(a user's own variables are never used for policy)."
            )
        new = _VAR.sub(lambda m: env[m.group(1).upper()], text)
        if new == text:
            return new
        text = new
    return text


def _values(winreg, key) -> dict[str, tuple[Any, int]]:
    out: dict[str, tuple[Any, int]] = {}
    i = 0
    while True:
        try:
            name, data, kind = winreg.EnumValue(key, i)
        except PermissionError:
            raise
        except OSError:  # ERROR_NO_MORE_ITEMS
            return out
        out[name] = (data, kind)
        i += 1


def _subkeys(winreg, key) -> list[str]:
    out: list[str] = []
    i = 0
    while True:
        try:
            out.append(winreg.EnumKey(key, i))
        except PermissionError:
            raise
        except OSError:
            return out
        i += 1


def _open(winreg, path: str):
    access = winreg.KEY_READ | getattr(winreg, "KEY_WOW64_64KEY", 0)
    return winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, path, 0, access)


def _convert(winreg, name: str, data: Any, kind: int) -> Any:
    spec = POLICY_KEYS.get(name)
    where = f"Policy {SOURCE}: value '{name}'"
    if spec is None:
        return data  # validate() reports unknown names with the list of known ones
    if spec.type is bool or spec.type is int:
        if kind != winreg.REG_DWORD:
            raise PolicyError(f"{where} must be a REG_DWORD.")
        value = int(data)
        return bool(value) if spec.type is bool else value
    if spec.type is str:
        if kind == winreg.REG_EXPAND_SZ:
            return expand_system(winreg, name, data)
        if kind != winreg.REG_SZ:
            raise PolicyError(f"{where} must be a REG_SZ string.")
        return data
    if spec.type is list:
        if kind != winreg.REG_MULTI_SZ:
            raise PolicyError(f"{where} must be a REG_MULTI_SZ list (or a subkey of that name).")
        return [item for item in data if item]
    raise PolicyError(f"{where} has a type the registry reader cannot map.")


def read_registry(winreg) -> dict[str, Any] | None:
    """The raw policy values under HKLM, or None when the key does not exist.

    The values are typed for the schema but not yet checked against it:
    :func:`app.core.policy.reader.validate` does that and names the source.
    """
    try:
        root = _open(winreg, KEY_PATH)
    except FileNotFoundError:
        return None
    except PermissionError:
        raise PolicyError(
            f"Policy {SOURCE} cannot be read: access denied. {_WONT_START}; IT must give users read access to that key."
        ) from None
    except OSError as exc:
        raise PolicyError(f"Policy {SOURCE} cannot be read: {exc.strerror or exc}. {_WONT_START}; IT must repair that key.") from None
    try:
        return _read_root(winreg, root)
    except PermissionError:
        raise PolicyError(
            f"Policy {SOURCE} cannot be read: access denied to a value or subkey. {_WONT_START}; "
            "IT must give users read access to that key and its subkeys."
        ) from None


def _read_root(winreg, root) -> dict[str, Any]:
    raw: dict[str, Any] = {}
    with root:
        for name, (data, kind) in _values(winreg, root).items():
            if name == "":  # the key's (Default) value carries nothing for us
                continue
            raw[name] = _convert(winreg, name, data, kind)
        for sub in _subkeys(winreg, root):
            spec = POLICY_KEYS.get(sub)
            if spec is None or spec.type is not list:
                raise PolicyError(f"Policy {SOURCE}: unexpected subkey '{sub}'.")
            with _open(winreg, KEY_PATH + "\\" + sub) as k:
                items = _values(winreg, k)
            bad = [n for n, (_, kind) in items.items() if kind not in (winreg.REG_SZ, winreg.REG_EXPAND_SZ)]
            if bad:
                raise PolicyError(f"Policy {SOURCE}\\{sub}: value '{bad[0]}' must be a REG_SZ string.")
            raw[sub] = [items[n][0] for n in sorted(items, key=_order) if items[n][0]]
    return raw


def _order(name: str):
    # ADMX <list> writes values named 1, 2, ... 10: sort numerically, names after numbers.
    return (0, int(name), "") if name.isdigit() else (1, 0, name)
