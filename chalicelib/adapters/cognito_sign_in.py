"""Signing in with an email and a password against the Cognito user pool (its USER_PASSWORD_AUTH flow),
the new password asked for on a first sign-in, refreshing the tokens, and revoking them at sign-out."""

from datetime import timedelta
from typing import Any

from botocore.exceptions import ClientError

from chalicelib.adapters.aws_errors import error_code, speaks_domain_errors
from chalicelib.domain.sessions import (
    NewPasswordChallenge,
    NewPasswordRefusedError,
    SignInRefusedError,
    Tokens,
)

NEW_PASSWORD_REQUIRED = "NEW_PASSWORD_REQUIRED"
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

    def with_password(self, email: str, password: str) -> Tokens | NewPasswordChallenge:
        answer = self._call(
            "initiate_auth",
            AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": email, "PASSWORD": password},
        )
        if answer.get("ChallengeName") == NEW_PASSWORD_REQUIRED:
            username = answer.get("ChallengeParameters", {}).get("USERNAME") or email
            return NewPasswordChallenge(username=username, challenge=str(answer["Session"]))
        if "AuthenticationResult" not in answer:
            # A challenge this site does not offer (MFA, custom): it cannot sign this person in.
            raise SignInRefusedError(f"unsupported challenge {answer.get('ChallengeName')}")
        return _tokens(answer["AuthenticationResult"])

    def with_new_password(self, challenge: NewPasswordChallenge, new_password: str) -> Tokens:
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
        if "AuthenticationResult" not in answer:
            raise SignInRefusedError(f"unsupported challenge {answer.get('ChallengeName')}")
        return _tokens(answer["AuthenticationResult"])

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

    def _call(self, operation: str, **arguments: Any) -> dict[str, Any]:
        try:
            answer: dict[str, Any] = getattr(self._cognito, operation)(ClientId=self._client_id, **arguments)
        except ClientError as error:
            if error_code(error) in _REFUSALS | _PASSWORD_PROBLEMS:
                raise SignInRefusedError(error_code(error)) from None
            raise
        return answer


def _tokens(result: dict[str, Any], refresh_token: str = "") -> Tokens:
    return Tokens(
        id_token=str(result["IdToken"]),
        refresh_token=str(result.get("RefreshToken") or refresh_token),
        expires_in=timedelta(seconds=int(result.get("ExpiresIn", 3600))),
    )
