"""Signing in, staying signed in, and signing out of the signed-in pages. The tokens stay on the server;
the person's cookie holds only the session's secret. The ID token is verified as the API verifies it."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from chalicelib.domain.errors import StaleVersionError, UnauthenticatedError
from chalicelib.domain.identity import Caller
from chalicelib.domain.sessions import (
    AuthenticatorCodeChallenge,
    AuthenticatorSetupChallenge,
    Challenge,
    NewPasswordChallenge,
    Session,
    SignInRefusedError,
    Stage,
    Tokens,
    challenge_session,
    new_secret,
    session_key,
    signed_in_session,
)

Clock = Callable[[], datetime]


class PasswordSignIn(Protocol):
    def with_password(self, email: str, password: str) -> Tokens | Challenge: ...
    def with_new_password(self, challenge: NewPasswordChallenge, new_password: str) -> Tokens | Challenge: ...
    def authenticator_key(
        self, challenge: AuthenticatorSetupChallenge
    ) -> tuple[str, AuthenticatorSetupChallenge]: ...
    def with_new_authenticator(self, challenge: AuthenticatorSetupChallenge, code: str) -> Tokens: ...
    def with_authenticator_code(self, challenge: AuthenticatorCodeChallenge, code: str) -> Tokens: ...
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
    def stage(self) -> Stage:
        return self.session.stage


@dataclass(frozen=True)
class SignedIn:
    caller: Caller
    session: Session


def sign_in(sessions: Sessions, email: str, password: str) -> Started:
    """Raises SignInRefusedError, whatever Cognito's reason, so the person cannot tell which it was."""
    outcome = sessions.sign_in.with_password(email.strip(), password)
    return _next_step(sessions, outcome, email.strip())


def awaiting(sessions: Sessions, secret: str, stage: Stage) -> Session | None:
    """The live session behind `secret` if it waits for `stage`, else None."""
    session = _stored(sessions, secret)
    if session is None or session.stage is not stage:
        return None
    return session


def awaiting_new_password(sessions: Sessions, secret: str) -> Session | None:
    return awaiting(sessions, secret, Stage.NEW_PASSWORD)


def choose_new_password(sessions: Sessions, secret: str, new_password: str) -> Started:
    """Answers the first sign-in's challenge. Each step's session gets a secret of its own."""
    pending = _pending(sessions, secret, Stage.NEW_PASSWORD)
    outcome = sessions.sign_in.with_new_password(
        NewPasswordChallenge(pending.username, pending.challenge), new_password
    )
    sessions.store.remove(pending.key)
    return _next_step(sessions, outcome, pending.email)


def set_up_authenticator(sessions: Sessions, secret: str, code: str) -> Started:
    """Checks the first code of the authenticator app just set up, which signs the person in. Raises
    WrongCodeError (the person may try again) or SignInRefusedError (the sign-in must start again)."""
    pending = _pending(sessions, secret, Stage.AUTHENTICATOR_SETUP)
    challenge = AuthenticatorSetupChallenge(pending.username, pending.challenge)
    tokens = _answered(sessions, pending, lambda: sessions.sign_in.with_new_authenticator(challenge, code))
    return _next_step(sessions, tokens, pending.email)


def answer_authenticator_code(sessions: Sessions, secret: str, code: str) -> Started:
    """The code every later sign-in asks for. Raises as `set_up_authenticator` does."""
    pending = _pending(sessions, secret, Stage.AUTHENTICATOR_CODE)
    challenge = AuthenticatorCodeChallenge(pending.username, pending.challenge)
    tokens = _answered(sessions, pending, lambda: sessions.sign_in.with_authenticator_code(challenge, code))
    return _next_step(sessions, tokens, pending.email)


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


def _next_step(sessions: Sessions, outcome: Tokens | Challenge, email: str) -> Started:
    secret, now = new_secret(), sessions.clock()
    if isinstance(outcome, AuthenticatorSetupChallenge):
        # The key is asked for once, here: asking again would give the person a different one.
        key, outcome = sessions.sign_in.authenticator_key(outcome)
        session = challenge_session(secret, outcome, now, email, authenticator_key=key)
    elif isinstance(outcome, Challenge):
        session = challenge_session(secret, outcome, now, email)
    else:
        session = signed_in_session(secret, outcome, now)
    sessions.store.add(session)
    return Started(secret, session)


def _pending(sessions: Sessions, secret: str, stage: Stage) -> Session:
    pending = awaiting(sessions, secret, stage)
    if pending is None:
        raise SignInRefusedError(f"no {stage} step is awaited")
    return pending


def _answered(sessions: Sessions, pending: Session, answer: Callable[[], Tokens]) -> Tokens:
    try:
        tokens = answer()
    except SignInRefusedError:
        sessions.store.remove(pending.key)
        raise
    sessions.store.remove(pending.key)
    return tokens


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
