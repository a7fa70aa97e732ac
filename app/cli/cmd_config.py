"""`confidant config get [KEY]` and `confidant config set KEY VALUE`: the settings the window's
Settings page shows (you, threads, context size, GPU use, ...), from a terminal or a script.

A key fixed by IT policy reads as the policy's value and is refused on ``set`` with the
policy's name (exit 1). Settings live in the encrypted vault, so both commands open it.
"""

from __future__ import annotations

from app.cli.common import add_json_flag, print_json, print_table, vault_context
from app.core.settings import OPTIONS, RENAMED, Settings


def register(sub) -> None:
    p = sub.add_parser("config", help="show or change settings (get [KEY], set KEY VALUE)")
    csub = p.add_subparsers(dest="config_command", metavar="ACTION", required=True)
    g = csub.add_parser("get", help="show one setting, or all of them")
    g.add_argument("key", nargs="?", choices=[*OPTIONS, *RENAMED], metavar="KEY", help="one of: " + ", ".join(OPTIONS))
    add_json_flag(g)
    g.set_defaults(func=run_get)
    s = csub.add_parser("set", help="change a setting (refused when IT policy manages it)")
    s.add_argument("key", choices=[*OPTIONS, *RENAMED], metavar="KEY", help="one of: " + ", ".join(OPTIONS))
    s.add_argument("value", help="the new value (true/false for switches, a number for counts)")
    s.set_defaults(func=run_set)


def run_get(args) -> int:
    with vault_context(create=False) as ctx:
        table = ctx.settings.as_dict()
    keys = [Settings.key(args.key)] if args.key else list(OPTIONS)  # an old key name reads as its new one
    if args.json:
        print_json({k: table[k] for k in keys})
        return 0
    if args.key:
        print(_shown(table[keys[0]]["value"]))
        return 0
    rows = [{"key": k, "value": _shown(table[k]["value"]), "managed": "policy" if table[k]["managed"] else "",
             "meaning": OPTIONS[k].description} for k in keys]
    print_table(rows, ["key", "value", "managed", "meaning"])
    return 0


def run_set(args) -> int:
    with vault_context(create=False) as ctx:
        value = ctx.settings.parse(args.key, args.value)
        with ctx.vault.transaction():
            ctx.settings.set(args.key, value)
    print(f"{Settings.key(args.key)} = {_shown(value)}")
    return 0


def _shown(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
