"""Questions anyone asks about an event, and how they are answered.

A question waits in a queue for the event's contact person and agency staff. One of them claims it
(the same claim rule as the moderation and approval queues), answers it, and the answer goes back to
the asker by email. Each step is kept in the question's history."""

from datetime import datetime, timedelta
from enum import StrEnum

from pydantic import Field

from chalicelib.domain import claims
from chalicelib.domain.claims import Claim, Reviewer
from chalicelib.domain.errors import ForbiddenError, InvalidTransitionError
from chalicelib.domain.identity import Caller
from chalicelib.domain.model import Model

CLAIMED_THING = "this question"


class QuestionStatus(StrEnum):
    WAITING = "waiting"
    ANSWERED = "answered"


class QuestionStep(Model):
    at: datetime
    action: str = Field(description="asked, claimed, released or answered.")
    actor: str


class Question(Model):
    id: str
    program_id: str
    event_id: str
    asker_name: str
    asker_email: str
    body: str
    asked_at: datetime
    status: QuestionStatus = QuestionStatus.WAITING
    claim: Claim | None = None
    answer: str | None = None
    answered_by: str | None = None
    answered_at: datetime | None = None
    history: list[QuestionStep] = Field(default_factory=list)
    version: int = 1


def ask(
    question_id: str, program_id: str, event_id: str, name: str, email: str, body: str, now: datetime
) -> Question:
    return Question(
        id=question_id,
        program_id=program_id,
        event_id=event_id,
        asker_name=name,
        asker_email=email,
        body=body,
        asked_at=now,
        history=[QuestionStep(at=now, action="asked", actor=name)],
    )


def may_answer(caller: Caller, contact_email: str | None) -> bool:
    """Staff answer every event's questions; the event's contact person answers its own."""
    if caller.is_staff:
        return True
    return bool(contact_email and caller.email and caller.email.casefold() == contact_email.casefold())


def require_may_answer(caller: Caller, contact_email: str | None) -> None:
    if not may_answer(caller, contact_email):
        raise ForbiddenError("Only agency staff and the event's contact person may answer its questions.")


def claim(question: Question, reviewer: Reviewer, now: datetime, lease: timedelta) -> Question:
    _require_waiting(question)
    taken = claims.take(question.claim, reviewer, now, lease, CLAIMED_THING)
    return _step(question, "claimed", reviewer, now, claim=taken)


def release(question: Question, reviewer: Reviewer, now: datetime) -> Question:
    _require_waiting(question)
    claims.require_free_for(question.claim, reviewer, now, CLAIMED_THING)
    return _step(question, "released", reviewer, now, claim=None)


def answer(question: Question, reviewer: Reviewer, now: datetime, text: str) -> Question:
    _require_waiting(question)
    claims.require_free_for(question.claim, reviewer, now, CLAIMED_THING)
    return _step(
        question,
        "answered",
        reviewer,
        now,
        claim=None,
        status=QuestionStatus.ANSWERED,
        answer=text,
        answered_by=reviewer.name,
        answered_at=now,
    )


def _require_waiting(question: Question) -> None:
    if question.status != QuestionStatus.WAITING:
        raise InvalidTransitionError("The question has been answered already.")


def _step(question: Question, action: str, reviewer: Reviewer, now: datetime, **changes: object) -> Question:
    history = [*question.history, QuestionStep(at=now, action=action, actor=reviewer.name)]
    return question.model_copy(update={**changes, "history": history, "version": question.version + 1})
