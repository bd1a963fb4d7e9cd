"""A person's session on the signed-in pages: the tokens Cognito gave them, kept on the server, and the
token that proves a form came from one of the session's own pages. Before the tokens, the same session
holds the step Cognito asks for next: a new password, setting up an authenticator app, or its code."""

import hashlib
import hmac
import secrets
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum
from typing import ClassVar

from chalicelib.domain.errors import DomainError

SESSION_LIFETIME = timedelta(hours=12)
# As long as the app client lets Cognito's own sign-in session live (AuthSessionValidity in the template):
# time to install an authenticator app and add the account to it.
CHALLENGE_LIFETIME = timedelta(minutes=10)
# Refreshed this long before the ID token would expire, so no page ever meets an expired token.
REFRESH_AHEAD = timedelta(minutes=5)


class SignInRefusedError(DomainError):
    """Wrong password, unknown account, disabled account: one error, so the person cannot tell which."""


class NewPasswordRefusedError(DomainError):
    """The password chosen does not meet the pool's policy."""


class WrongCodeError(DomainError):
    """The authenticator app's code is not the one Cognito expects now; the person may try again."""


class Stage(StrEnum):
    SIGNED_IN = "signed_in"
    NEW_PASSWORD = "new_password"
    AUTHENTICATOR_SETUP = "authenticator_setup"
    AUTHENTICATOR_CODE = "authenticator_code"


@dataclass(frozen=True)
class Tokens:
    id_token: str
    refresh_token: str
    expires_in: timedelta


@dataclass(frozen=True)
class Challenge:
    """A step Cognito asks for before it gives tokens: the account's username and Cognito's session."""

    username: str
    challenge: str
    stage: ClassVar[Stage]


@dataclass(frozen=True)
class NewPasswordChallenge(Challenge):
    stage = Stage.NEW_PASSWORD


@dataclass(frozen=True)
class AuthenticatorSetupChallenge(Challenge):
    stage = Stage.AUTHENTICATOR_SETUP


@dataclass(frozen=True)
class AuthenticatorCodeChallenge(Challenge):
    stage = Stage.AUTHENTICATOR_CODE


@dataclass(frozen=True)
class Session:
    """Stored under the hash of its secret, which only the person's cookie holds."""

    key: str
    stage: Stage
    csrf_token: str
    expires_at: datetime
    version: int = 0
    id_token: str = ""
    refresh_token: str = ""
    refresh_at: datetime | None = None
    username: str = ""
    challenge: str = ""
    email: str = ""
    authenticator_key: str = ""

    def is_live(self, now: datetime) -> bool:
        return now < self.expires_at

    def needs_refresh(self, now: datetime) -> bool:
        return self.refresh_at is not None and now >= self.refresh_at

    def with_tokens(self, tokens: Tokens, now: datetime) -> "Session":
        return replace(
            self,
            stage=Stage.SIGNED_IN,
            id_token=tokens.id_token,
            refresh_token=tokens.refresh_token or self.refresh_token,
            refresh_at=now + tokens.expires_in - REFRESH_AHEAD,
            username="",
            challenge="",
            authenticator_key="",
        )

    def accepts(self, csrf_token: str) -> bool:
        return bool(csrf_token) and hmac.compare_digest(self.csrf_token, csrf_token)


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def session_key(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def signed_in_session(secret: str, tokens: Tokens, now: datetime) -> Session:
    started = Session(
        key=session_key(secret),
        stage=Stage.SIGNED_IN,
        csrf_token=new_secret(),
        expires_at=now + SESSION_LIFETIME,
    )
    return started.with_tokens(tokens, now)


def challenge_session(
    secret: str, challenge: Challenge, now: datetime, email: str, authenticator_key: str = ""
) -> Session:
    return Session(
        key=session_key(secret),
        stage=challenge.stage,
        csrf_token=new_secret(),
        expires_at=now + CHALLENGE_LIFETIME,
        username=challenge.username,
        challenge=challenge.challenge,
        email=email,
        authenticator_key=authenticator_key,
    )
