"""What Cognito's answers become: every refusal the same, a password the pool's policy refuses, a challenge
this site does not offer. Cognito is botocore's stubbed client: no request leaves the process."""

import boto3
import pytest
from botocore.stub import Stubber

from chalicelib.adapters.cognito_sign_in import CognitoPasswordSignIn
from chalicelib.domain.sessions import (
    AuthenticatorCodeChallenge,
    AuthenticatorSetupChallenge,
    NewPasswordChallenge,
    NewPasswordRefusedError,
    SignInRefusedError,
    Tokens,
    WrongCodeError,
)

CLIENT_ID = "web-client"
SESSION = "a-challenge-session-from-cognito"


@pytest.fixture
def cognito():
    client = boto3.client("cognito-idp", region_name="us-east-1")
    with Stubber(client) as stubber:
        yield client, stubber


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("NotAuthorizedException", "Incorrect username or password."),
        ("NotAuthorizedException", "Password attempts exceeded"),
        ("NotAuthorizedException", "User is disabled."),
        ("UserNotFoundException", "User does not exist."),
        ("UserNotConfirmedException", "User is not confirmed."),
        ("PasswordResetRequiredException", "Password reset required for the user"),
    ],
)
def test_every_refusal_is_one_error_whatever_cognito_says(cognito, code, message):
    client, stubber = cognito
    stubber.add_client_error("initiate_auth", service_error_code=code, service_message=message)

    with pytest.raises(SignInRefusedError):
        CognitoPasswordSignIn(client, CLIENT_ID).with_password("staff@example.org", "whatever")


def test_the_password_flow_is_asked_of_the_apps_own_client(cognito):
    client, stubber = cognito
    stubber.add_response(
        "initiate_auth",
        {"AuthenticationResult": {"IdToken": "id", "RefreshToken": "refresh", "ExpiresIn": 3600}},
        {
            "ClientId": CLIENT_ID,
            "AuthFlow": "USER_PASSWORD_AUTH",
            "AuthParameters": {"USERNAME": "staff@example.org", "PASSWORD": "pw"},
        },
    )

    tokens = CognitoPasswordSignIn(client, CLIENT_ID).with_password("staff@example.org", "pw")

    assert isinstance(tokens, Tokens) and tokens.refresh_token == "refresh"


def test_the_first_sign_in_becomes_a_new_password_challenge(cognito):
    client, stubber = cognito
    stubber.add_response(
        "initiate_auth",
        {
            "ChallengeName": "NEW_PASSWORD_REQUIRED",
            "Session": SESSION,
            "ChallengeParameters": {"USERNAME": "the-sub"},
        },
    )

    outcome = CognitoPasswordSignIn(client, CLIENT_ID).with_password("new@example.org", "temporary")

    assert outcome == NewPasswordChallenge(username="the-sub", challenge=SESSION)


def test_a_challenge_the_site_does_not_offer_signs_no_one_in(cognito):
    client, stubber = cognito
    stubber.add_response(
        "initiate_auth",
        {"ChallengeName": "SMS_MFA", "Session": SESSION, "ChallengeParameters": {}},
    )

    with pytest.raises(SignInRefusedError):
        CognitoPasswordSignIn(client, CLIENT_ID).with_password("staff@example.org", "pw")


def test_a_new_password_the_pool_refuses_is_told_apart_from_a_refusal(cognito):
    client, stubber = cognito
    stubber.add_client_error("respond_to_auth_challenge", service_error_code="InvalidPasswordException")

    with pytest.raises(NewPasswordRefusedError):
        CognitoPasswordSignIn(client, CLIENT_ID).with_new_password(
            NewPasswordChallenge("sub", SESSION), "short"
        )


def test_a_refresh_keeps_the_refresh_token_cognito_does_not_send_again(cognito):
    client, stubber = cognito
    stubber.add_response("initiate_auth", {"AuthenticationResult": {"IdToken": "new-id", "ExpiresIn": 3600}})

    tokens = CognitoPasswordSignIn(client, CLIENT_ID).refreshed("the-refresh-token")

    assert tokens.id_token == "new-id" and tokens.refresh_token == "the-refresh-token"


def test_revoking_a_token_already_revoked_is_done(cognito):
    client, stubber = cognito
    stubber.add_client_error("revoke_token", service_error_code="NotAuthorizedException")

    CognitoPasswordSignIn(client, CLIENT_ID).revoke("the-refresh-token")


def test_a_new_password_can_lead_to_setting_up_an_authenticator(cognito):
    client, stubber = cognito
    stubber.add_response(
        "respond_to_auth_challenge",
        {
            "ChallengeName": "MFA_SETUP",
            "Session": "the-session-for-the-next-step",
            "ChallengeParameters": {"MFAS_CAN_SETUP": "[]"},
        },
    )

    outcome = CognitoPasswordSignIn(client, CLIENT_ID).with_new_password(
        NewPasswordChallenge("sub", SESSION), "A-Longer-Password-7"
    )

    assert outcome == AuthenticatorSetupChallenge(username="sub", challenge="the-session-for-the-next-step")


def test_setting_up_an_authenticator_asks_for_its_key_then_verifies_a_code_then_answers_the_challenge(
    cognito,
):
    client, stubber = cognito
    stubber.add_response(
        "associate_software_token",
        {"SecretCode": "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", "Session": "the-session-after-the-key"},
        {"Session": SESSION},
    )
    stubber.add_response(
        "verify_software_token",
        {"Status": "SUCCESS", "Session": "the-session-after-the-code"},
        {"Session": "the-session-after-the-key", "UserCode": "123456"},
    )
    stubber.add_response(
        "respond_to_auth_challenge",
        {"AuthenticationResult": {"IdToken": "id", "RefreshToken": "refresh", "ExpiresIn": 3600}},
        {
            "ClientId": CLIENT_ID,
            "ChallengeName": "MFA_SETUP",
            "Session": "the-session-after-the-code",
            "ChallengeResponses": {"USERNAME": "sub"},
        },
    )
    sign_in = CognitoPasswordSignIn(client, CLIENT_ID)

    key, challenge = sign_in.authenticator_key(AuthenticatorSetupChallenge("sub", SESSION))
    tokens = sign_in.with_new_authenticator(challenge, "123456")

    assert key == "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567" and tokens.id_token == "id"


@pytest.mark.parametrize(
    ("operation", "code"),
    [
        ("verify_software_token", "EnableSoftwareTokenMFAException"),
        ("verify_software_token", "CodeMismatchException"),
    ],
)
def test_a_wrong_first_code_is_told_apart_from_an_ended_sign_in(cognito, operation, code):
    client, stubber = cognito
    stubber.add_client_error(operation, service_error_code=code)

    with pytest.raises(WrongCodeError):
        CognitoPasswordSignIn(client, CLIENT_ID).with_new_authenticator(
            AuthenticatorSetupChallenge("sub", SESSION), "123456"
        )


def test_the_code_of_a_later_sign_in_is_sent_with_the_challenge(cognito):
    client, stubber = cognito
    stubber.add_response(
        "respond_to_auth_challenge",
        {"AuthenticationResult": {"IdToken": "id", "RefreshToken": "refresh", "ExpiresIn": 3600}},
        {
            "ClientId": CLIENT_ID,
            "ChallengeName": "SOFTWARE_TOKEN_MFA",
            "Session": SESSION,
            "ChallengeResponses": {"USERNAME": "sub", "SOFTWARE_TOKEN_MFA_CODE": "123456"},
        },
    )
    stubber.add_client_error("respond_to_auth_challenge", service_error_code="CodeMismatchException")
    stubber.add_client_error(
        "respond_to_auth_challenge",
        service_error_code="NotAuthorizedException",
        service_message="Invalid session for the user, session is expired.",
    )
    sign_in = CognitoPasswordSignIn(client, CLIENT_ID)
    challenge = AuthenticatorCodeChallenge("sub", SESSION)

    assert sign_in.with_authenticator_code(challenge, "123456").id_token == "id"
    with pytest.raises(WrongCodeError):
        sign_in.with_authenticator_code(challenge, "000000")
    with pytest.raises(SignInRefusedError):
        sign_in.with_authenticator_code(challenge, "123456")
