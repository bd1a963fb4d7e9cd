"""In-memory stand-ins for the adapters, honouring the same contracts (the feedback repository's is
tests/integration/test_feedback_repository_contract.py, which both it and the DynamoDB one pass)."""

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from chalicelib.domain.errors import StaleVersionError, UnauthenticatedError
from chalicelib.domain.feedback import AuditEvent, Feedback
from chalicelib.domain.idempotency import IdempotencyClaim, IdempotencyKeyTakenError
from chalicelib.domain.identity import Caller
from chalicelib.domain.limits import Admission, SourceOverLimitError
from chalicelib.domain.recommendation_records import Recommendation
from chalicelib.domain.sessions import (
    AuthenticatorCodeChallenge,
    AuthenticatorSetupChallenge,
    Challenge,
    NewPasswordChallenge,
    NewPasswordRefusedError,
    Session,
    SignInRefusedError,
    Tokens,
    WrongCodeError,
)


class InMemoryFeedbackRepository:
    def __init__(self) -> None:
        self.feedback: dict[str, Feedback] = {}
        self.events: dict[str, list[AuditEvent]] = {}
        self.claims: dict[str, IdempotencyClaim] = {}
        self.admitted: dict[tuple[str, datetime], int] = {}

    def add(
        self,
        feedback: Feedback,
        first_event: AuditEvent,
        claim: IdempotencyClaim | None,
        admission: Admission | None = None,
    ) -> None:
        if claim is not None:
            existing = self.claims.get(claim.key_hash)
            if existing is not None and existing.outlives(claim):
                raise IdempotencyKeyTakenError(existing)
        if admission is not None and self.admitted.get(_count_key(admission), 0) >= admission.per_minute:
            raise SourceOverLimitError()
        if feedback.id in self.feedback:
            raise ValueError("feedback id already stored")
        # Nothing is written until nothing is refused: the table stores all of it in one transaction.
        if admission is not None:
            self.admitted[_count_key(admission)] = self.admitted.get(_count_key(admission), 0) + 1
        if claim is not None:
            self.claims[claim.key_hash] = claim
        self.feedback[feedback.id] = feedback
        self.events.setdefault(feedback.id, []).append(first_event)

    def get_with_history(self, feedback_id: str) -> tuple[Feedback, list[AuditEvent]] | None:
        if feedback_id not in self.feedback:
            return None
        return self.feedback[feedback_id], list(self.events[feedback_id])


def _count_key(admission: Admission) -> tuple[str, datetime]:
    return admission.source, admission.minute


class NoCitations:
    """No recommendation cites anything yet."""

    def citing(self, feedback_id: str) -> list[Recommendation]:
        return []


class SteppingClock:
    def __init__(self, start: datetime | None = None, step: timedelta = timedelta(milliseconds=1)) -> None:
        self.now = start or datetime(2026, 11, 2, 19, 30, tzinfo=UTC)
        self.step = step

    def __call__(self) -> datetime:
        self.now += self.step
        return self.now


class SettableClock:
    """Stands still until a test moves it."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


class InMemoryMailCounter:
    """Each message counts once per recipient and day, and no more than the day's allowance."""

    def __init__(self) -> None:
        self.counted: dict[tuple[str, date], set[str]] = {}

    def take(self, recipient: str, day: date, message: str, per_day: int) -> bool:
        messages = self.counted.setdefault((recipient, day), set())
        if message in messages:
            return True
        if len(messages) >= per_day:
            return False
        messages.add(message)
        return True


class RecordingMailer:
    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []

    def send(self, to: str, subject: str, text: str) -> None:
        self.sent.append((to, subject))


class InMemorySessionStore:
    """Sessions by key; an update over a version someone else replaced is a conflict, as in the table."""

    def __init__(self) -> None:
        self.sessions: dict[str, Session] = {}

    def get(self, key: str) -> Session | None:
        return self.sessions.get(key)

    def add(self, session: Session) -> None:
        if session.key in self.sessions:
            raise ValueError("session key already stored")
        self.sessions[session.key] = session

    def update(self, session: Session) -> Session:
        stored = self.sessions.get(session.key)
        if stored is None or stored.version != session.version:
            raise StaleVersionError("The session changed meanwhile.")
        self.sessions[session.key] = replace(session, version=session.version + 1)
        return self.sessions[session.key]

    def remove(self, key: str) -> None:
        self.sessions.pop(key, None)


class InMemoryPasswordSignIn:
    """A user pool of a few accounts: passwords, first-sign-in challenges, refresh tokens and revocation.
    With `authenticator_required`, as with the product's pool, an account sets up an authenticator app at
    its first sign-in and answers with its code afterwards; `CODE` is the only right code, and a Cognito
    session ended (`ended_challenges`) refuses any answer."""

    CODE = "123456"

    def __init__(
        self,
        passwords: dict[str, str],
        lifetime: timedelta = timedelta(hours=1),
        authenticator_required: bool = False,
    ) -> None:
        self.passwords = dict(passwords)
        self.must_change: set[str] = set()
        self.lifetime = lifetime
        self.live_refresh_tokens: dict[str, str] = {}
        self.issued = 0
        self.authenticator_required = authenticator_required
        self.authenticators: dict[str, str] = {}
        self.ended_challenges: set[str] = set()

    def with_password(self, email: str, password: str) -> Tokens | Challenge:
        if self.passwords.get(email) != password:
            raise SignInRefusedError("NotAuthorizedException")
        if email in self.must_change:
            return NewPasswordChallenge(username=email, challenge=f"challenge-for-{email}")
        return self._after_password(email)

    def with_new_password(self, challenge: NewPasswordChallenge, new_password: str) -> Tokens | Challenge:
        if len(new_password) < 12:
            raise NewPasswordRefusedError("Password does not conform to policy")
        self.passwords[challenge.username] = new_password
        self.must_change.discard(challenge.username)
        return self._after_password(challenge.username)

    def authenticator_key(
        self, challenge: AuthenticatorSetupChallenge
    ) -> tuple[str, AuthenticatorSetupChallenge]:
        self._check_live(challenge)
        key = f"KEY{len(self.authenticators)}FOR{challenge.username}".upper()
        self.authenticators.setdefault(challenge.username, "")
        return key, AuthenticatorSetupChallenge(challenge.username, f"associated-{challenge.challenge}")

    def with_new_authenticator(self, challenge: AuthenticatorSetupChallenge, code: str) -> Tokens:
        self._check_code(challenge, code)
        self.authenticators[challenge.username] = "verified"
        return self._signed_in(challenge.username)

    def with_authenticator_code(self, challenge: AuthenticatorCodeChallenge, code: str) -> Tokens:
        self._check_code(challenge, code)
        return self._signed_in(challenge.username)

    def refreshed(self, refresh_token: str) -> Tokens:
        email = self.live_refresh_tokens.get(refresh_token)
        if email is None:
            raise SignInRefusedError("NotAuthorizedException")
        return self._tokens(email, refresh_token)

    def revoke(self, refresh_token: str) -> None:
        self.live_refresh_tokens.pop(refresh_token, None)

    def _after_password(self, email: str) -> Tokens | Challenge:
        if self.authenticators.get(email) == "verified":
            return AuthenticatorCodeChallenge(username=email, challenge=f"code-challenge-for-{email}")
        if self.authenticator_required:
            return AuthenticatorSetupChallenge(username=email, challenge=f"setup-challenge-for-{email}")
        return self._signed_in(email)

    def _check_live(self, challenge: Challenge) -> None:
        if challenge.challenge in self.ended_challenges:
            raise SignInRefusedError("NotAuthorizedException")

    def _check_code(self, challenge: Challenge, code: str) -> None:
        self._check_live(challenge)
        if code != self.CODE:
            raise WrongCodeError("CodeMismatchException")

    def _signed_in(self, email: str) -> Tokens:
        refresh_token = f"refresh-{email}-{len(self.live_refresh_tokens)}"
        self.live_refresh_tokens[refresh_token] = email
        return self._tokens(email, refresh_token)

    def _tokens(self, email: str, refresh_token: str) -> Tokens:
        self.issued += 1
        return Tokens(f"id-token-{self.issued}-for-{email}", refresh_token, self.lifetime)


class TokenVerifierOf:
    """Verifies the ID tokens InMemoryPasswordSignIn issues, except those it has been told to refuse."""

    def __init__(self) -> None:
        self.refused: set[str] = set()

    def verify(self, token: str) -> Caller:
        if token in self.refused or not token.startswith("id-token-"):
            raise UnauthenticatedError("token is not valid")
        email = token.rsplit("-for-", 1)[1]
        return Caller(subject=email, username=email, email=email, groups=("staff",))
