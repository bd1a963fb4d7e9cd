"""Signing in with an email and a password against the Cognito user pool (its USER_PASSWORD_AUTH flow),
the new password asked for on a first sign-in, the authenticator app (TOTP) set up then and its code asked
for on every sign-in, refreshing the tokens, and revoking them at sign-out. Cognito checks the codes."""

from datetime import timedelta
from typing import Any

from botocore.exceptions import ClientError

from chalicelib.adapters.aws_errors import error_code, speaks_domain_errors
from chalicelib.domain.sessions import (
    AuthenticatorCodeChallenge,
    AuthenticatorSetupChallenge,
    Challenge,
    NewPasswordChallenge,
    NewPasswordRefusedError,
    SignInRefusedError,
    Tokens,
    WrongCodeError,
)

NEW_PASSWORD_REQUIRED = "NEW_PASSWORD_REQUIRED"
MFA_SETUP = "MFA_SETUP"
SOFTWARE_TOKEN_MFA = "SOFTWARE_TOKEN_MFA"
_CHALLENGES: dict[str, type[Challenge]] = {
    NEW_PASSWORD_REQUIRED: NewPasswordChallenge,
    MFA_SETUP: AuthenticatorSetupChallenge,
    SOFTWARE_TOKEN_MFA: AuthenticatorCodeChallenge,
}
# A wrong code: VerifySoftwareToken says EnableSoftwareTokenMFAException, the sign-in's challenge
# CodeMismatchException. Cognito's session stays usable for another try.
_WRONG_CODE = {"CodeMismatchException", "EnableSoftwareTokenMFAException"}
# An expired or used-up Cognito session: the sign-in starts again.
_SESSION_ENDED = {"ExpiredCodeException", "NotAuthorizedException", "ResourceNotFoundException"}
# Every way Cognito says "not you": the person is told the same thing whichever it was.
_REFUSALS = {
    "NotAuthorizedException",
    "UserNotFoundException",
    "UserNotConfirmedException",
    "PasswordResetRequiredException",
    "ResourceNotFoundException",
    "TooManyFailedAttemptsException",
    "TooManyRequestsException",
}
_PASSWORD_PROBLEMS = {"InvalidPasswordException", "InvalidParameterException"}


@speaks_domain_errors
class CognitoPasswordSignIn:
    def __init__(self, cognito: Any, client_id: str) -> None:
        self._cognito = cognito
        self._client_id = client_id

    def with_password(self, email: str, password: str) -> Tokens | Challenge:
        answer = self._call(
            "initiate_auth",
            AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": email, "PASSWORD": password},
        )
        return _outcome(answer, email)

    def with_new_password(self, challenge: NewPasswordChallenge, new_password: str) -> Tokens | Challenge:
        try:
            answer = self._cognito.respond_to_auth_challenge(
                ClientId=self._client_id,
                ChallengeName=NEW_PASSWORD_REQUIRED,
                Session=challenge.challenge,
                ChallengeResponses={"USERNAME": challenge.username, "NEW_PASSWORD": new_password},
            )
        except ClientError as error:
            if error_code(error) in _PASSWORD_PROBLEMS:
                raise NewPasswordRefusedError(str(error.response["Error"].get("Message", ""))) from None
            if error_code(error) in _REFUSALS or error_code(error) == "CodeMismatchException":
                raise SignInRefusedError(error_code(error)) from None
            raise
        return _outcome(answer, challenge.username)

    def authenticator_key(
        self, challenge: AuthenticatorSetupChallenge
    ) -> tuple[str, AuthenticatorSetupChallenge]:
        """The secret key of a new authenticator (TOTP) for the account, and Cognito's session after it."""
        answer = self._answer("associate_software_token", Session=challenge.challenge)
        following = AuthenticatorSetupChallenge(
            challenge.username, str(answer.get("Session") or challenge.challenge)
        )
        return str(answer["SecretCode"]), following

    def with_new_authenticator(self, challenge: AuthenticatorSetupChallenge, code: str) -> Tokens:
        verified = self._answer("verify_software_token", Session=challenge.challenge, UserCode=code)
        if verified.get("Status") != "SUCCESS":
            raise WrongCodeError("the authenticator was not verified")
        return self._answered_with_tokens(
            MFA_SETUP, str(verified.get("Session") or challenge.challenge), {"USERNAME": challenge.username}
        )

    def with_authenticator_code(self, challenge: AuthenticatorCodeChallenge, code: str) -> Tokens:
        responses = {"USERNAME": challenge.username, "SOFTWARE_TOKEN_MFA_CODE": code}
        return self._answered_with_tokens(SOFTWARE_TOKEN_MFA, challenge.challenge, responses)

    def refreshed(self, refresh_token: str) -> Tokens:
        answer = self._call(
            "initiate_auth", AuthFlow="REFRESH_TOKEN_AUTH", AuthParameters={"REFRESH_TOKEN": refresh_token}
        )
        return _tokens(answer["AuthenticationResult"], refresh_token)

    def revoke(self, refresh_token: str) -> None:
        try:
            self._cognito.revoke_token(Token=refresh_token, ClientId=self._client_id)
        except ClientError as error:
            # Already revoked or expired: the goal is reached either way.
            if error_code(error) not in _REFUSALS | {"UnsupportedTokenTypeException"}:
                raise

    def _answered_with_tokens(self, name: str, session: str, responses: dict[str, str]) -> Tokens:
        answer = self._answer(
            "respond_to_auth_challenge",
            ClientId=self._client_id,
            ChallengeName=name,
            Session=session,
            ChallengeResponses=responses,
        )
        if "AuthenticationResult" not in answer:
            raise SignInRefusedError(f"unexpected challenge {answer.get('ChallengeName')} after {name}")
        return _tokens(answer["AuthenticationResult"])

    def _answer(self, operation: str, **arguments: Any) -> dict[str, Any]:
        """A call that answers a step of a sign-in under way: a wrong code, or the end of its session."""
        try:
            answer: dict[str, Any] = getattr(self._cognito, operation)(**arguments)
        except ClientError as error:
            if error_code(error) in _WRONG_CODE:
                raise WrongCodeError(error_code(error)) from None
            if error_code(error) in _SESSION_ENDED | _REFUSALS:
                raise SignInRefusedError(error_code(error)) from None
            raise
        return answer

    def _call(self, operation: str, **arguments: Any) -> dict[str, Any]:
        try:
            answer: dict[str, Any] = getattr(self._cognito, operation)(ClientId=self._client_id, **arguments)
        except ClientError as error:
            if error_code(error) in _REFUSALS | _PASSWORD_PROBLEMS:
                raise SignInRefusedError(error_code(error)) from None
            raise
        return answer


def _outcome(answer: dict[str, Any], email: str) -> Tokens | Challenge:
    if "AuthenticationResult" in answer:
        return _tokens(answer["AuthenticationResult"])
    kind = _CHALLENGES.get(str(answer.get("ChallengeName")))
    if kind is None:
        # A challenge this site does not offer (SMS, custom): it cannot sign this person in.
        raise SignInRefusedError(f"unsupported challenge {answer.get('ChallengeName')}")
    username = answer.get("ChallengeParameters", {}).get("USERNAME") or email
    return kind(username=username, challenge=str(answer["Session"]))


def _tokens(result: dict[str, Any], refresh_token: str = "") -> Tokens:
    return Tokens(
        id_token=str(result["IdToken"]),
        refresh_token=str(result.get("RefreshToken") or refresh_token),
        expires_in=timedelta(seconds=int(result.get("ExpiresIn", 3600))),
    )
