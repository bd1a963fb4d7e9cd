"""Use cases of public feedback: submit it, look it up with a receipt."""

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from chalicelib.domain.clock import Clock
from chalicelib.domain.errors import (
    FieldProblem,
    IdempotencyKeyReusedError,
    NotFoundError,
    ValidationFailedError,
)
from chalicelib.domain.feedback import (
    AuditEvent,
    Feedback,
    FeedbackStatus,
    FeedbackSubmission,
    SubmissionEvidence,
    hash_receipt,
    new_receipt,
    receipt_matches,
)
from chalicelib.domain.form_token import read_form_token
from chalicelib.domain.idempotency import IdempotencyClaim, IdempotencyKeyTakenError, hash_key
from chalicelib.domain.ids import ID_PATTERN, new_id
from chalicelib.domain.limits import (
    SUBMISSIONS_PER_SOURCE_PER_MINUTE,
    Admission,
    SourceOverLimitError,
    keyed_hash,
    minute_of,
    wait_for_next_minute,
)
from chalicelib.domain.program import Program
from chalicelib.domain.published_views import citing
from chalicelib.domain.receipts import ReceiptView, SubmissionReceipt, receipt_view
from chalicelib.domain.recommendation_records import Recommendation

PUBLIC_ACTOR = "public"
_ID = re.compile(ID_PATTERN)


@dataclass(frozen=True)
class Arrival:
    """How a submission reached us: the key that signs form tokens, and where it came from."""

    form_secret: bytes
    source_address: str | None = None

    @property
    def source(self) -> str | None:
        return keyed_hash(self.form_secret, self.source_address) if self.source_address else None

    def evidence(self, submission: FeedbackSubmission, now: datetime) -> SubmissionEvidence:
        token_valid = milliseconds = None
        if submission.form_token is not None:
            served_at = read_form_token(self.form_secret, submission.form_token, now)
            token_valid = served_at is not None
            if served_at is not None:
                milliseconds = int((now - served_at).total_seconds() * 1000)
        return SubmissionEvidence(
            honeypot_filled=bool(submission.website and submission.website.strip()),
            form_token_valid=token_valid,
            milliseconds_to_submit=milliseconds,
            source=self.source,
        )


@dataclass(frozen=True)
class Door:
    """Past `per_minute` submissions from one source in a clock minute, the rest are asked to wait."""

    per_minute: int = SUBMISSIONS_PER_SOURCE_PER_MINUTE

    def admission(self, arrival: Arrival, now: datetime) -> Admission | None:
        source = arrival.source
        return Admission(source, minute_of(now), self.per_minute) if source else None


class FeedbackRepository(Protocol):
    def add(
        self,
        feedback: Feedback,
        first_event: AuditEvent,
        claim: IdempotencyClaim | None,
        admission: Admission | None = None,
    ) -> None:
        """Stores the item, its event, its claim and the admission's count at once, or nothing:
        IdempotencyKeyTakenError if the claim's key is live, else SourceOverLimitError past the limit."""

    def get_with_history(self, feedback_id: str) -> tuple[Feedback, list[AuditEvent]] | None: ...


def submit_feedback(
    submission: FeedbackSubmission,
    *,
    program: Program,
    repository: FeedbackRepository,
    clock: Clock,
    arrival: Arrival,
    door: Door,
    idempotency_key: str | None = None,
) -> SubmissionReceipt:
    problems = submission.problems_against(program)
    if problems:
        raise ValidationFailedError(
            "The feedback has fields that need fixing.",
            [FieldProblem(name, problem) for name, problem in problems.items()],
        )
    now = clock()
    receipt = new_receipt()
    feedback = Feedback(
        id=new_id(now),
        program_id=program.id,
        team=submission.team,
        body=submission.body,
        policy_goals=submission.policy_goals,
        submitter=submission.submitter,
        consent_to_publish=submission.consent_to_publish,
        status=FeedbackStatus.RECEIVED,
        submitted_at=now,
        receipt_hash=hash_receipt(receipt),
        evidence=arrival.evidence(submission, now),
    )
    answer = SubmissionReceipt(id=feedback.id, status=feedback.status, receipt=receipt)
    claim = None
    if idempotency_key is not None:
        claim = IdempotencyClaim(
            key_hash=hash_key("feedback", idempotency_key),
            request_fingerprint=submission.fingerprint(),
            subject_id=feedback.id,
            response=answer.model_dump(mode="json"),
            claimed_at=now,
        )
    first_event = AuditEvent(
        subject_id=feedback.id,
        at=now,
        action="received",
        actor=PUBLIC_ACTOR,
        to_status=FeedbackStatus.RECEIVED,
    )
    try:
        repository.add(feedback, first_event, claim, door.admission(arrival, now))
    except SourceOverLimitError:
        raise wait_for_next_minute(now) from None
    except IdempotencyKeyTakenError as taken:
        if claim is None or taken.existing.request_fingerprint != claim.request_fingerprint:
            raise IdempotencyKeyReusedError(
                "This Idempotency-Key was already used for a different submission.",
                [FieldProblem("Idempotency-Key", "was already used with another body; send a new key")],
            ) from taken
        return SubmissionReceipt.model_validate(taken.existing.response)
    return answer


class Citations(Protocol):
    def citing(self, feedback_id: str) -> list[Recommendation]: ...


def view_by_receipt(
    feedback_id: str,
    receipt: str | None,
    *,
    program: Program,
    repository: FeedbackRepository,
    citations: Citations,
) -> ReceiptView:
    not_found = NotFoundError("No feedback matches this id and receipt.")
    if not receipt or not _ID.fullmatch(feedback_id):
        raise not_found
    found = repository.get_with_history(feedback_id)
    if found is None or not receipt_matches(found[0], receipt):
        raise not_found
    feedback, events = found
    return receipt_view(feedback, events, program, citing(citations.citing(feedback_id)))
