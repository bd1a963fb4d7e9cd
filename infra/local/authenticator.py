"""The authenticator app of the local demo accounts and the tests' accounts: their codes (RFC 6238, as an
authenticator app makes them) and their enrolment, so a sign-in asks only for a code. Development code:
the product never makes a code, Cognito checks them."""

import base64
import time
from typing import Any

from cryptography.hazmat.primitives.hashes import SHA1
from cryptography.hazmat.primitives.twofactor.totp import TOTP

STEP_SECONDS = 30
DIGITS = 6
# A code read this close to the end of its step may reach Cognito in the next one: wait for a fresh one.
_LAST_SECONDS_OF_A_STEP = 1.5
# Cognito's answer to a sign-in that wants a code.
SOFTWARE_TOKEN_MFA = "SOFTWARE_TOKEN_MFA"
MFA_SETUP = "MFA_SETUP"


def code_at(key: str, moment: float) -> str:
    """The code an authenticator app holding `key` (base32, spaces and case as typed) shows at `moment`."""
    secret = key.replace(" ", "").upper()
    secret += "=" * (-len(secret) % 8)
    totp = TOTP(base64.b32decode(secret), DIGITS, SHA1(), STEP_SECONDS, enforce_key_length=False)
    return totp.generate(int(moment)).decode()


def current_code(key: str) -> str:
    """The code shown now, or the next one when this one is about to lapse."""
    left = STEP_SECONDS - time.time() % STEP_SECONDS
    if left < _LAST_SECONDS_OF_A_STEP:
        time.sleep(left + 0.05)
    return code_at(key, time.time())


def enrol(cognito: Any, user_pool_id: str, client_id: str, username: str, password: str) -> str | None:
    """Sets up the account's authenticator, as its first sign-in would, and makes it the account's way to
    sign in. Returns the key, or None when the account had one already (its key is unchanged then)."""
    answer = cognito.admin_initiate_auth(
        UserPoolId=user_pool_id,
        ClientId=client_id,
        AuthFlow="ADMIN_USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": username, "PASSWORD": password},
    )
    if answer.get("ChallengeName") == SOFTWARE_TOKEN_MFA:
        return None
    if answer.get("ChallengeName") == MFA_SETUP:
        associated = cognito.associate_software_token(Session=answer["Session"])
        key = str(associated["SecretCode"])
        verified = cognito.verify_software_token(Session=associated["Session"], UserCode=current_code(key))
        cognito.admin_respond_to_auth_challenge(
            UserPoolId=user_pool_id,
            ClientId=client_id,
            ChallengeName=MFA_SETUP,
            Session=verified["Session"],
            ChallengeResponses={"USERNAME": username},
        )
    else:
        access_token = answer["AuthenticationResult"]["AccessToken"]
        key = str(cognito.associate_software_token(AccessToken=access_token)["SecretCode"])
        cognito.verify_software_token(AccessToken=access_token, UserCode=current_code(key))
    cognito.admin_set_user_mfa_preference(
        UserPoolId=user_pool_id,
        Username=username,
        SoftwareTokenMfaSettings={"Enabled": True, "PreferredMfa": True},
    )
    return key


def signed_in_with_code(
    cognito: Any, user_pool_id: str, client_id: str, username: str, password: str, key: str
) -> dict[str, Any]:
    """The tokens of an account whose sign-in asks for its authenticator's code (ADMIN_USER_PASSWORD_AUTH)."""
    answer: dict[str, Any] = cognito.admin_initiate_auth(
        UserPoolId=user_pool_id,
        ClientId=client_id,
        AuthFlow="ADMIN_USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": username, "PASSWORD": password},
    )
    if answer.get("ChallengeName") != SOFTWARE_TOKEN_MFA:
        return dict(answer["AuthenticationResult"])

    def answered_with_the_code_of_now() -> dict[str, Any]:
        answered = cognito.admin_respond_to_auth_challenge(
            UserPoolId=user_pool_id,
            ClientId=client_id,
            ChallengeName=SOFTWARE_TOKEN_MFA,
            Session=answer["Session"],
            ChallengeResponses={"USERNAME": username, "SOFTWARE_TOKEN_MFA_CODE": code_at(key, time.time())},
        )
        return dict(answered["AuthenticationResult"])

    try:
        return answered_with_the_code_of_now()
    except cognito.exceptions.CodeMismatchException:
        # The step turned between making the code and Cognito checking it: the next code is good.
        return answered_with_the_code_of_now()
