"""In AWS the form-token key stays in Secrets Manager: a function given where it is kept reads it once, when
its dependencies are built; the local stack and the tests give the key itself."""

import uuid

from chalicelib.dependencies import Dependencies
from chalicelib.settings import Settings

KEY = "k" * 64


def settings_with(monkeypatch, **variables: str) -> Settings:
    monkeypatch.delenv("FORM_TOKEN_SECRET", raising=False)
    monkeypatch.delenv("FORM_TOKEN_SECRET_ARN", raising=False)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    return Settings.from_env()


def test_a_function_given_the_secrets_arn_signs_forms_with_the_key_kept_there(stack, monkeypatch):
    secrets = stack.aws("secretsmanager")
    arn = secrets.create_secret(Name=f"form-token-{uuid.uuid4()}", SecretString=KEY)["ARN"]
    monkeypatch.setenv("AWS_ENDPOINT_URL", stack.endpoint)
    monkeypatch.delenv("AWS_REGION", raising=False)
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")

    try:
        dependencies = Dependencies.from_settings(settings_with(monkeypatch, FORM_TOKEN_SECRET_ARN=arn))
    finally:
        secrets.delete_secret(SecretId=arn, ForceDeleteWithoutRecovery=True)

    assert dependencies.form_secret == KEY.encode()


def test_a_key_given_directly_is_used_as_it_is(monkeypatch):
    dependencies = Dependencies.from_settings(settings_with(monkeypatch, FORM_TOKEN_SECRET="local-key"))

    assert dependencies.form_secret == b"local-key"


def test_a_function_given_neither_has_a_key_of_its_own_and_asks_no_one(monkeypatch):
    monkeypatch.setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:9")  # nothing answers there

    first = Dependencies.from_settings(settings_with(monkeypatch))
    second = Dependencies.from_settings(settings_with(monkeypatch))

    assert len(first.form_secret) == 32 and first.form_secret != second.form_secret
