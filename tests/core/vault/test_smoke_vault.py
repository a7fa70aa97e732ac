"""The vault opens on the real Secret Service and on the passphrase path."""


def test_first_command_creates_vault_in_keyring(cli, home):
    code, out, err = cli("doctor", "--json")
    assert code == 0, err
    import json

    from app.core.context import open_context
    from app.cli.common import passphrase_provider

    c = open_context(passphrase_provider)
    try:
        assert c.key_info.mode == "keyring"
        assert c.key_info.backend.endswith("SecretService.Keyring")
    finally:
        c.close()
    report = json.loads(cli("doctor", "--json")[1])
    assert report["vault"]["encrypted"] is True
    assert report["keyring"]["mode"] == "keyring"
