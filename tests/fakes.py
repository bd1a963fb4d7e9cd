"""In-memory stand-ins for the adapters, honouring the same contracts (the feedback repository's is
tests/integration/test_feedback_repository_contract.py, which both it and the DynamoDB one pass)."""

from datetime import UTC, date, datetime, timedelta

from chalicelib.domain.feedback import AuditEvent, Feedback
from chalicelib.domain.idempotency import IdempotencyClaim, IdempotencyKeyTakenError
from chalicelib.domain.limits import Admission, SourceOverLimitError
from chalicelib.domain.recommendation_records import Recommendation


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
