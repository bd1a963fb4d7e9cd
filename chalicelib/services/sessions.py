"""Signing in, staying signed in, and signing out of the signed-in pages. The tokens stay on the server;
the person's cookie holds only the session's secret. The ID token is verified as the API verifies it."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from chalicelib.domain.errors import StaleVersionError, UnauthenticatedError
from chalicelib.domain.identity import Caller
from chalicelib.domain.sessions import (
    NewPasswordChallenge,
    Session,
    SignInRefusedError,
    Stage,
    Tokens,
    new_password_session,
    new_secret,
    session_key,
    signed_in_session,
)

Clock = Callable[[], datetime]


class PasswordSignIn(Protocol):
    def with_password(self, email: str, password: str) -> Tokens | NewPasswordChallenge: ...
    def with_new_password(self, challenge: NewPasswordChallenge, new_password: str) -> Tokens: ...
    def refreshed(self, refresh_token: str) -> Tokens: ...
    def revoke(self, refresh_token: str) -> None: ...


class SessionStore(Protocol):
    def get(self, key: str) -> Session | None: ...
    def add(self, session: Session) -> None: ...
    def update(self, session: Session) -> Session: ...
    def remove(self, key: str) -> None: ...


class TokenVerifier(Protocol):
    def verify(self, token: str) -> Caller:
        """Raises UnauthenticatedError for a token that is not (or no longer) valid."""


@dataclass(frozen=True)
class Sessions:
    """Everything a session needs: Cognito's password flow, where sessions are kept, the API's token
    verifier and a clock."""

    sign_in: PasswordSignIn
    store: SessionStore
    verifier: TokenVerifier
    clock: Clock


@dataclass(frozen=True)
class Started:
    """A session just begun: `secret` goes into the person's cookie and nowhere else."""

    secret: str
    session: Session

    @property
    def needs_new_password(self) -> bool:
        return self.session.stage is Stage.NEW_PASSWORD


@dataclass(frozen=True)
class SignedIn:
    caller: Caller
    session: Session


def sign_in(sessions: Sessions, email: str, password: str) -> Started:
    """Raises SignInRefusedError, whatever Cognito's reason, so the person cannot tell which it was."""
    outcome = sessions.sign_in.with_password(email.strip(), password)
    secret, now = new_secret(), sessions.clock()
    if isinstance(outcome, NewPasswordChallenge):
        session = new_password_session(secret, outcome, now)
    else:
        session = signed_in_session(secret, outcome, now)
    sessions.store.add(session)
    return Started(secret, session)


def awaiting_new_password(sessions: Sessions, secret: str) -> Session | None:
    session = _stored(sessions, secret)
    if session is None or session.stage is not Stage.NEW_PASSWORD:
        return None
    return session


def choose_new_password(sessions: Sessions, secret: str, new_password: str) -> Started:
    """Answers the first sign-in's challenge; the signed-in session gets a secret of its own."""
    pending = awaiting_new_password(sessions, secret)
    if pending is None:
        raise SignInRefusedError("no new password is awaited")
    tokens = sessions.sign_in.with_new_password(
        NewPasswordChallenge(pending.username, pending.challenge), new_password
    )
    sessions.store.remove(pending.key)
    fresh = new_secret()
    session = signed_in_session(fresh, tokens, sessions.clock())
    sessions.store.add(session)
    return Started(fresh, session)


def signed_in(sessions: Sessions, secret: str) -> SignedIn:
    """The person behind a session, its tokens refreshed when the ID token is about to expire.
    Raises UnauthenticatedError when there is no live session."""
    session = _stored(sessions, secret)
    if session is None or session.stage is not Stage.SIGNED_IN:
        raise UnauthenticatedError("Sign in to continue.")
    if session.needs_refresh(sessions.clock()):
        session = _refreshed(sessions, session)
    try:
        return SignedIn(sessions.verifier.verify(session.id_token), session)
    except UnauthenticatedError:
        # Expired early by this server's clock, or the pool's keys turned: one refresh settles it.
        session = _refreshed(sessions, session)
    return SignedIn(sessions.verifier.verify(session.id_token), session)


def sign_out(sessions: Sessions, secret: str) -> None:
    """Ends the session here first, then revokes its refresh token at the pool."""
    session = _stored(sessions, secret)
    if session is None:
        return
    sessions.store.remove(session.key)
    if session.refresh_token:
        sessions.sign_in.revoke(session.refresh_token)


def _stored(sessions: Sessions, secret: str) -> Session | None:
    if not secret:
        return None
    session = sessions.store.get(session_key(secret))
    if session is None or not session.is_live(sessions.clock()):
        return None
    return session


def _refreshed(sessions: Sessions, session: Session) -> Session:
    try:
        tokens = sessions.sign_in.refreshed(session.refresh_token)
    except SignInRefusedError:
        sessions.store.remove(session.key)
        raise UnauthenticatedError("Sign in again.") from None
    try:
        return sessions.store.update(session.with_tokens(tokens, sessions.clock()))
    except StaleVersionError:
        # Another page of the same session refreshed first: its tokens are as good.
        current = sessions.store.get(session.key)
        if current is None:
            raise UnauthenticatedError("Sign in again.") from None
        return current
