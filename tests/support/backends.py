"""The keyring backends the tests switch between (see tests/conftest.py)."""

SECRET_SERVICE_BACKEND = "keyring.backends.SecretService.Keyring"
FAIL_BACKEND = "keyring.backends.fail.Keyring"
