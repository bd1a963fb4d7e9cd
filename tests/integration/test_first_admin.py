"""`python -m infra.first_admin`: the first administrator signs in with the one-time password it prints,
chooses their own and sets up their authenticator app, through the same sign-in the site uses, on the
pool built from the template (the shared test stack's; each test's account is removed after it)."""

import itertools
from collections.abc import Iterator

import jwt
import pytest

from chalicelib.adapters.cognito_sign_in import CognitoPasswordSignIn
from chalicelib.domain.sessions import (
    AuthenticatorCodeChallenge,
    AuthenticatorSetupChallenge,
    NewPasswordChallenge,
    SignInRefusedError,
)
from infra.first_admin import PASSWORD_CLASSES, create_first_admin, main, one_time_password
from infra.local.authenticator import current_code

OWN_PASSWORD = "Chosen-by-Alex-2026"
_NUMBERS = itertools.count(1)


@pytest.fixture
def email(stack) -> Iterator[str]:
    address = f"first-admin-{next(_NUMBERS)}@agency.example.gov"
    yield address
    stack.aws("cognito-idp").admin_delete_user(UserPoolId=stack.user_pool_id, Username=address)


def groups_of(id_token: str) -> list[str]:
    claims = jwt.decode(id_token, options={"verify_signature": False})
    return list(claims.get("cognito:groups", []))


def test_one_time_passwords_meet_the_pools_policy_and_differ_each_time():
    passwords = {one_time_password() for _ in range(20)}

    assert len(passwords) == 20
    for password in passwords:
        assert len(password) >= 12
        assert all(set(password) & set(kind) for kind in PASSWORD_CLASSES)


def test_the_first_admin_signs_in_once_with_the_one_time_password_then_with_their_own(stack, email):
    # GIVEN the pool the template defines, without this person
    cognito = stack.aws("cognito-idp")
    sign_in = CognitoPasswordSignIn(cognito, stack.client_id)

    # WHEN they are created as an administrator
    admin = create_first_admin(cognito, stack.user_pool_id, email)

    # THEN the one-time password leads to the new-password step, then to setting up an authenticator app,
    # which signs them in as an administrator
    challenge = sign_in.with_password(email, admin.one_time_password)
    assert admin.created is True
    assert isinstance(challenge, NewPasswordChallenge)
    setting_up = sign_in.with_new_password(challenge, OWN_PASSWORD)
    assert isinstance(setting_up, AuthenticatorSetupChallenge)
    key, setting_up = sign_in.authenticator_key(setting_up)
    tokens = sign_in.with_new_authenticator(setting_up, current_code(key))
    assert "admin" in groups_of(tokens.id_token)
    # AND from then on their own password and the app's code sign them in
    again = sign_in.with_password(email, OWN_PASSWORD)
    assert isinstance(again, AuthenticatorCodeChallenge)
    assert "admin" in groups_of(sign_in.with_authenticator_code(again, current_code(key)).id_token)


def test_running_it_again_gives_an_existing_account_a_new_one_time_password(stack, email):
    cognito = stack.aws("cognito-idp")
    sign_in = CognitoPasswordSignIn(cognito, stack.client_id)
    first = create_first_admin(cognito, stack.user_pool_id, email)

    second = create_first_admin(cognito, stack.user_pool_id, email)

    assert second.created is False
    assert second.one_time_password != first.one_time_password
    with pytest.raises(SignInRefusedError):
        sign_in.with_password(email, first.one_time_password)
    assert isinstance(sign_in.with_password(email, second.one_time_password), NewPasswordChallenge)


def test_the_command_prints_the_one_time_password_for_the_pool_it_is_given(stack, email, monkeypatch, capsys):
    monkeypatch.setenv("AWS_ENDPOINT_URL", stack.endpoint)
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")

    assert main(["--user-pool-id", stack.user_pool_id, "--email", email]) == 0

    printed = capsys.readouterr().out
    (password,) = [line.split(": ", 1)[1] for line in printed.splitlines() if line.startswith("One-time")]
    sign_in = CognitoPasswordSignIn(stack.aws("cognito-idp"), stack.client_id)
    assert isinstance(sign_in.with_password(email, password), NewPasswordChallenge)
    assert f"{email}: created, member of 'admin'." in printed
    assert "authenticator app" in printed
