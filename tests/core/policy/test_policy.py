"""Managed policy: the TOML file (the real Linux path), the Windows registry reader and the
macOS managed-preferences reader (their system calls injected, so they run here), and what a
user sees: managed settings that cannot be changed, doctor's `policy` section, and a
malformed policy stopping the command with one clear line.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.core.errors import PolicyError
from app.core.policy import POLICY_KEYS, Policy, load_policy
from app.core.policy import macos, windows
from app.core.policy.reader import default_policy_path
from tests.support.paths import ROOT as REPO

SHA = "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53"


def _env(path: Path | None = None) -> dict[str, str]:
    return {"CONFIDANT_POLICY": str(path)} if path else {}


# ---- TOML file ---------------------------------------------------------------------------

def test_toml_policy_values_are_typed_and_named(tmp_path):
    p = tmp_path / "policy.toml"
    p.write_text(
        "[policy]\n"
        'model_path = "/opt/confidant/models/deepseek.gguf"\n'
        f'allowed_model_sha256 = ["{SHA.upper()}"]\n'
        "retention_days = 30\nauto_lock_minutes = 0\n"
        "require_passphrase = true\nallow_export = false\nstore_reasoning = false\ngpu = \"off\"\n"
        'draft_templates = "/etc/confidant/templates"\n'
        "allow_opt_out_override = false\n"
        "risk_quiet_days = 21\nrisk_max_contacts = 1\nbrief_closed_days = 60\n"
        "prompt_cache_mb = 512\n"
    )
    pol = load_policy(_env(p))
    assert pol.source == str(p)
    assert set(pol.values) == {k for k, spec in POLICY_KEYS.items() if not spec.system_only}  # inference_*: tests/core/llm/test_team_server.py
    assert pol.get("allowed_model_sha256") == [SHA]  # normalised to lower case
    assert pol.is_managed("retention_days") and pol.get("retention_days") == 30
    assert pol.as_json()["keys"]["allow_export"] is False


@pytest.mark.parametrize(
    "text, needle",
    [
        ("retention_days = 30\nretention_days = 31\n", "malformed"),
        ("retention_dayz = 30\n", "unknown key 'retention_dayz'"),
        ('retention_days = "30"\n', "'retention_days' must be int"),
        ("retention_days = true\n", "'retention_days' must be int"),
        ("retention_days = 0\n", "'retention_days' must be a positive"),
        ('allowed_model_sha256 = ["abc"]\n', "'allowed_model_sha256' must be a list of 64-character"),
        ("allow_export = 1\n", "'allow_export' must be bool"),
    ],
)
def test_malformed_toml_policy_is_refused_naming_the_file(tmp_path, text, needle):
    p = tmp_path / "policy.toml"
    p.write_text(text)
    with pytest.raises(PolicyError) as exc:
        load_policy(_env(p))
    assert str(p) in exc.value.message and needle in exc.value.message
    assert "\n" not in exc.value.message


def test_missing_override_file_is_an_error_but_no_system_file_is_no_policy(tmp_path):
    with pytest.raises(PolicyError, match="does not exist"):
        load_policy(_env(tmp_path / "nope.toml"))
    assert default_policy_path("linux") == Path("/etc/confidant/policy.toml")
    assert default_policy_path("win32", program_data="D:\\PD") == Path("D:\\PD") / "Confidant" / "policy.toml"
    assert default_policy_path("darwin") == Path("/Library/Application Support/Confidant/policy.toml")


def test_unreadable_policy_file_is_refused(tmp_path):
    p = tmp_path / "policy.toml"
    p.mkdir()  # a folder where the file should be: cannot be read
    with pytest.raises(PolicyError, match="cannot be read: it is a folder") as exc:
        load_policy(_env(p))
    assert exc.value.exit_code == 78


# ---- Windows registry (winreg injected) -------------------------------------------------

class FakeWinreg:
    """The part of the `winreg` module the reader calls, over a dict of HKLM keys."""

    HKEY_LOCAL_MACHINE = 0x80000002
    KEY_READ = 0x20019
    KEY_WOW64_64KEY = 0x0100
    REG_SZ, REG_EXPAND_SZ, REG_DWORD, REG_MULTI_SZ = 1, 2, 4, 7

    def __init__(self, keys: dict[str, dict[str, tuple]]):
        self.keys = {k.lower(): v for k, v in keys.items()}
        self.opened: list[tuple] = []

    class _Handle:
        def __init__(self, path):
            self.path = path

        def __enter__(self):
            return self

        def __exit__(self, *a):
            return False

    def OpenKey(self, hive, path, reserved=0, access=0):  # noqa: N802 (winreg's names)
        self.opened.append((hive, path, access))
        if hive != self.HKEY_LOCAL_MACHINE or path.lower() not in self.keys:
            raise FileNotFoundError(2, "The system cannot find the file specified")
        return self._Handle(path.lower())

    def EnumValue(self, key, i):  # noqa: N802
        items = list(self.keys[key.path].items())
        if i >= len(items):
            raise OSError(259, "No more data is available")
        name, (data, kind) = items[i]
        return name, data, kind

    def EnumKey(self, key, i):  # noqa: N802
        prefix = key.path + "\\"
        subs = [k[len(prefix):] for k in self.keys if k.startswith(prefix) and "\\" not in k[len(prefix):]]
        if i >= len(subs):
            raise OSError(259, "No more data is available")
        return subs[i]


ROOT = windows.KEY_PATH


def test_registry_policy_maps_group_policy_types(monkeypatch):
    monkeypatch.setenv("CONFIDANT_MODELS", "C:\\Users\\me\\mine")  # the user's own: never used
    reg = FakeWinreg({
        windows.SYSTEM_ENV_PATH: {"CONFIDANT_MODELS": ("C:\\Models", FakeWinreg.REG_SZ)},
        ROOT: {
            "": ("", FakeWinreg.REG_SZ),
            "model_path": ("%CONFIDANT_MODELS%\\deepseek.gguf", FakeWinreg.REG_EXPAND_SZ),
            "retention_days": (90, FakeWinreg.REG_DWORD),
            "require_passphrase": (1, FakeWinreg.REG_DWORD),
            "allow_export": (0, FakeWinreg.REG_DWORD),
        },
        # What an ADMX <list> element writes: one value per item, named 1, 2, ...
        ROOT + "\\allowed_model_sha256": {"10": ("c" * 64, FakeWinreg.REG_SZ), "2": ("b" * 64, FakeWinreg.REG_SZ),
                                          "1": (SHA, FakeWinreg.REG_SZ)},
    })
    pol = load_policy({}, platform="win32", winreg=reg)
    assert pol.source == "registry HKLM\\Software\\Policies\\Confidant"
    assert pol.values == {
        "model_path": "C:\\Models\\deepseek.gguf",
        "retention_days": 90,
        "require_passphrase": True,
        "allow_export": False,
        "allowed_model_sha256": [SHA, "b" * 64, "c" * 64],
    }
    hive, path, access = reg.opened[0]
    assert path == ROOT and access & FakeWinreg.KEY_WOW64_64KEY  # the 64-bit view, where GPO writes


def test_reg_expand_sz_uses_the_system_environment_only(monkeypatch):
    """F4: a variable only the user's environment has cannot redirect a managed path."""
    monkeypatch.setenv("MYMODELS", "C:\\Users\\me\\evil")
    reg = FakeWinreg({ROOT: {"model_path": ("%MYMODELS%\\m.gguf", FakeWinreg.REG_EXPAND_SZ)}})
    with pytest.raises(PolicyError, match="uses %MYMODELS%, which is not a system environment variable"):
        load_policy({}, platform="win32", winreg=reg)
    reg = FakeWinreg({ROOT: {"model_path": ("%ProgramData%\\Confidant\\m.gguf", FakeWinreg.REG_EXPAND_SZ)}})
    monkeypatch.setenv("ProgramData", "C:\\Users\\me\\pd")
    assert load_policy({}, platform="win32", winreg=reg).get("model_path") == "C:\\ProgramData\\Confidant\\m.gguf"


def test_windows_policy_file_is_not_found_through_the_users_programdata(tmp_path, monkeypatch):
    """F4: %ProgramData% is the user's to change; the policy folder comes from the shell."""
    mine = tmp_path / "mine" / "Confidant"
    mine.mkdir(parents=True)
    (mine / "policy.toml").write_text("retention_days = 3650\n")
    monkeypatch.setenv("ProgramData", str(tmp_path / "mine"))
    assert default_policy_path("win32", {"ProgramData": str(tmp_path / "mine")}) == Path("C:\\ProgramData") / "Confidant" / "policy.toml"
    assert load_policy({"ProgramData": str(tmp_path / "mine")}, platform="win32", winreg=FakeWinreg({})).values == {}


def test_registry_access_denied_is_a_refusal_with_exit_78():
    class Denied(FakeWinreg):
        def OpenKey(self, hive, path, reserved=0, access=0):  # noqa: N802
            raise PermissionError(5, "Access is denied")

    with pytest.raises(PolicyError) as exc:
        load_policy({}, platform="win32", winreg=Denied({}))
    assert exc.value.exit_code == 78
    assert "HKLM\\Software\\Policies\\Confidant cannot be read: access denied" in exc.value.message
    assert "will not start without reading IT's policy" in exc.value.message


def test_registry_multi_sz_list_and_file_merge(tmp_path, monkeypatch):
    pd = tmp_path / "ProgramData"
    (pd / "Confidant").mkdir(parents=True)
    (pd / "Confidant" / "policy.toml").write_text("retention_days = 30\nauto_lock_minutes = 5\n")
    reg = FakeWinreg({ROOT: {"allowed_model_sha256": ([SHA, ""], FakeWinreg.REG_MULTI_SZ),
                             "retention_days": (7, FakeWinreg.REG_DWORD)}})
    pol = load_policy({}, platform="win32", winreg=reg, program_data=str(pd))
    # The registry (Group Policy) wins over the ProgramData file where both set a key.
    assert pol.values == {"retention_days": 7, "auto_lock_minutes": 5, "allowed_model_sha256": [SHA]}
    assert pol.source.startswith("registry HKLM") and str(pd / "Confidant" / "policy.toml") in pol.source


def test_no_registry_key_means_the_file_or_nothing(tmp_path):
    assert load_policy({"ProgramData": str(tmp_path)}, platform="win32", winreg=FakeWinreg({})) == Policy()


@pytest.mark.parametrize(
    "values, needle",
    [
        ({"retention_days": ("30", FakeWinreg.REG_SZ)}, "value 'retention_days' must be a REG_DWORD"),
        ({"model_path": (5, FakeWinreg.REG_DWORD)}, "value 'model_path' must be a REG_SZ"),
        ({"retention_dayz": (5, FakeWinreg.REG_DWORD)}, "unknown key 'retention_dayz'"),
        ({"auto_lock_minutes": (-1 & 0xFFFFFFFF, FakeWinreg.REG_DWORD)}, None),
        ({"allowed_model_sha256": ("abc", FakeWinreg.REG_SZ)}, "must be a REG_MULTI_SZ"),
    ],
)
def test_malformed_registry_policy_is_refused_naming_the_key(tmp_path, values, needle):
    reg = FakeWinreg({ROOT: values})
    if needle is None:  # a DWORD is unsigned: 0xFFFFFFFF is a (huge) valid minute count
        assert load_policy({"ProgramData": str(tmp_path)}, platform="win32", winreg=reg).get("auto_lock_minutes") == 0xFFFFFFFF
        return
    with pytest.raises(PolicyError) as exc:
        load_policy({"ProgramData": str(tmp_path)}, platform="win32", winreg=reg)
    assert "HKLM\\Software\\Policies\\Confidant" in exc.value.message and needle in exc.value.message


def test_registry_subkey_that_is_not_a_list_policy_is_refused(tmp_path):
    reg = FakeWinreg({ROOT: {}, ROOT + "\\retention_days": {"1": ("5", FakeWinreg.REG_SZ)}})
    with pytest.raises(PolicyError, match="unexpected subkey 'retention_days'"):
        load_policy({"ProgramData": str(tmp_path)}, platform="win32", winreg=reg)


# ---- macOS managed preferences (CFPreferences injected) ---------------------------------

class FakePrefs:
    """CFPreferencesAppValueIsForced / CopyAppValue over two dicts: managed and user-set."""

    def __init__(self, forced: dict, user: dict | None = None):
        self.forced, self.user = forced, user or {}

    def is_forced(self, key):
        return key in self.forced

    def copy_value(self, key):
        return self.forced.get(key, self.user.get(key))


def test_managed_preferences_count_only_forced_values(tmp_path, monkeypatch):
    prefs = FakePrefs(
        forced={"retention_days": 14, "allowed_model_sha256": [SHA], "store_reasoning": False},
        user={"allow_export": True, "auto_lock_minutes": 99},  # `defaults write` by the user: ignored
    )
    monkeypatch.setattr("app.core.policy.reader.default_policy_path", lambda *a, **k: tmp_path / "absent.toml")
    pol = load_policy({}, platform="darwin", prefs=prefs)
    assert pol.source == "managed preferences com.example.confidant"
    assert pol.values == {"retention_days": 14, "allowed_model_sha256": [SHA], "store_reasoning": False}


def test_managed_preferences_wrong_type_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr("app.core.policy.reader.default_policy_path", lambda *a, **k: tmp_path / "absent.toml")
    with pytest.raises(PolicyError, match="managed preferences com.example.confidant: 'retention_days' must be int"):
        load_policy({}, platform="darwin", prefs=FakePrefs({"retention_days": 14.5}))
    assert load_policy({}, platform="darwin", prefs=FakePrefs({})) == Policy()
    assert macos.read_managed(FakePrefs({}), POLICY_KEYS) is None


# ---- what the user sees -----------------------------------------------------------------

def test_policy_beats_the_users_setting_and_shows_as_managed(home, cli, no_keyring, tmp_path, monkeypatch):
    from app.cli.common import passphrase_provider
    from app.core.context import open_context
    from app.core.settings import ManagedSettingError

    c = open_context(passphrase_provider)
    c.settings.set("retention_days", 365)
    c.close()
    p = tmp_path / "managed.toml"
    p.write_text("retention_days = 30\nallow_export = false\n")
    monkeypatch.setenv("CONFIDANT_POLICY", str(p))
    c = open_context(passphrase_provider)
    try:
        assert c.settings.get("retention_days") == 30 and c.settings.is_managed("retention_days")
        assert c.settings.as_dict()["allow_export"] == {"value": False, "managed": True}
        with pytest.raises(ManagedSettingError, match=str(p)):
            c.settings.set("retention_days", 400)
    finally:
        c.close()
    code, out, err = cli("doctor", "--json")
    assert code == 0, err
    assert json.loads(out)["policy"] == {"source": str(p), "keys": {"allow_export": False, "retention_days": 30}}


def test_malformed_policy_stops_the_command_with_one_line(home, cli, tmp_path, monkeypatch):
    p = tmp_path / "broken.toml"
    p.write_text("retention_days = [\n")
    monkeypatch.setenv("CONFIDANT_POLICY", str(p))
    code, out, err = cli("doctor", "--json")
    assert code != 0 and out == ""
    assert err.startswith(f"confidant: Policy file {p} is malformed") and err.count("\n") == 1
    assert "Traceback" not in err


def test_the_shipped_linux_example_policy_sets_every_key():
    example = REPO / "installer" / "linux" / "policy.toml.example"
    assert set(load_policy(_env(example)).values) == {k for k, spec in POLICY_KEYS.items() if not spec.system_only}
    # The company inference server is shown commented out: opening the network door is a deliberate act.
    text = example.read_text()
    assert all(f"\n# {k} = " in text for k, spec in POLICY_KEYS.items() if spec.system_only)


def test_the_deploy_guide_documents_every_policy_key_with_its_type():
    import re

    doc = (REPO / "docs" / "deploy.md").read_text()
    rows = dict(re.findall(r"^\| `(\w+)` \| ([^|]+) \|", doc, flags=re.M))
    documented = {k: v for k, v in rows.items() if k in POLICY_KEYS or not k.isupper()}
    words = {bool: "boolean", int: "integer", str: "string", list: "list"}
    assert set(documented) == set(POLICY_KEYS)
    for name, spec in POLICY_KEYS.items():
        assert words[spec.type] in documented[name], name


def test_confidant_policy_cannot_lift_the_administrators_policy(tmp_path, monkeypatch):
    """A user setting CONFIDANT_POLICY adds keys at most; the system file still wins."""
    from app.core.policy import reader

    system = tmp_path / "etc-policy.toml"
    system.write_text("retention_days = 30\nallow_export = false\n")
    mine = tmp_path / "mine.toml"
    mine.write_text("retention_days = 3650\nauto_lock_minutes = 5\n")
    monkeypatch.setattr(reader, "default_policy_path", lambda *a, **k: system)
    policy = reader.load_policy({"CONFIDANT_POLICY": str(mine)}, platform="linux")
    assert policy.get("retention_days") == 30
    assert policy.get("allow_export") is False
    assert policy.get("auto_lock_minutes") == 5
    assert str(system) in policy.source and str(mine) in policy.source
