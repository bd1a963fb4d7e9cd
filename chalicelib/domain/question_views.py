"""What a question about an event looks like to who asks it and to who answers it. The asker's email is
for staff and the event's contact only: the answer goes to it."""

from datetime import datetime

from pydantic import ConfigDict, Field

from chalicelib.domain.event_questions import Question, QuestionStatus, QuestionStep
from chalicelib.domain.model import Model
from chalicelib.domain.text import Body, Email, Name


class QuestionForm(Model):
    """The body of a question about an event."""

    model_config = ConfigDict(extra="forbid", strict=True)

    name: Name
    email: Email = Field(description="Where the answer is sent; never shown publicly.")
    question: Body


class QuestionReceipt(Model):
    id: str
    event_id: str
    asked_at: datetime


class AnswerForm(Model):
    model_config = ConfigDict(extra="forbid", strict=True)

    answer: Body


class QuestionClaim(Model):
    question_id: str
    claimed_by: str
    until: datetime


class QuestionView(Model):
    id: str
    event_id: str
    asker_name: str
    asker_email: str
    body: str
    asked_at: datetime
    status: QuestionStatus
    claim: QuestionClaim | None
    answer: str | None
    answered_by: str | None
    answered_at: datetime | None
    history: list[QuestionStep]


class QuestionPage(Model):
    items: list[QuestionView]
    cursor: str | None


def question_view(question: Question) -> QuestionView:
    claim = question.claim
    return QuestionView(
        id=question.id,
        event_id=question.event_id,
        asker_name=question.asker_name,
        asker_email=question.asker_email,
        body=question.body,
        asked_at=question.asked_at,
        status=question.status,
        claim=QuestionClaim(question_id=question.id, claimed_by=claim.holder.name, until=claim.until)
        if claim
        else None,
        answer=question.answer,
        answered_by=question.answered_by,
        answered_at=question.answered_at,
        history=question.history,
    )
