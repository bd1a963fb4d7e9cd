"""A person's session on the signed-in pages: the tokens Cognito gave them, kept on the server, and the
token that proves a form came from one of the session's own pages."""

import hashlib
import hmac
import secrets
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum

from chalicelib.domain.errors import DomainError

SESSION_LIFETIME = timedelta(hours=12)
CHALLENGE_LIFETIME = timedelta(minutes=3)
# Refreshed this long before the ID token would expire, so no page ever meets an expired token.
REFRESH_AHEAD = timedelta(minutes=5)


class SignInRefusedError(DomainError):
    """Wrong password, unknown account, disabled account: one error, so the person cannot tell which."""


class NewPasswordRefusedError(DomainError):
    """The password chosen does not meet the pool's policy."""


class Stage(StrEnum):
    SIGNED_IN = "signed_in"
    NEW_PASSWORD = "new_password"


@dataclass(frozen=True)
class Tokens:
    id_token: str
    refresh_token: str
    expires_in: timedelta


@dataclass(frozen=True)
class NewPasswordChallenge:
    username: str
    challenge: str


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


def new_password_session(secret: str, challenge: NewPasswordChallenge, now: datetime) -> Session:
    return Session(
        key=session_key(secret),
        stage=Stage.NEW_PASSWORD,
        csrf_token=new_secret(),
        expires_at=now + CHALLENGE_LIFETIME,
        username=challenge.username,
        challenge=challenge.challenge,
    )
