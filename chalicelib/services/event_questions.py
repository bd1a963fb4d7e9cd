"""Questions about an event: anyone asks; staff and the event's contact work them as a queue, oldest
first, under the claim rule every review queue shares; the answer is emailed to the asker."""

from datetime import timedelta
from typing import Protocol

from chalicelib.domain import event_questions as rules
from chalicelib.domain.access import require_staff
from chalicelib.domain.claims import reviewer_of
from chalicelib.domain.clock import Clock
from chalicelib.domain.errors import NotFoundError
from chalicelib.domain.event_questions import Question
from chalicelib.domain.identity import Caller
from chalicelib.domain.ids import new_id
from chalicelib.domain.paging import Page
from chalicelib.domain.question_views import (
    AnswerForm,
    QuestionClaim,
    QuestionForm,
    QuestionPage,
    QuestionReceipt,
    QuestionView,
    question_view,
)
from chalicelib.domain.work import NotificationKind
from chalicelib.services.attendance import EventReader
from chalicelib.services.notifications import Delivery, MailAllowance, Mailer


class QuestionRepository(Protocol):
    def save(self, question: Question, expected_version: int | None) -> None: ...

    def get(self, question_id: str) -> Question | None: ...

    def waiting(self, program_id: str, limit: int, cursor: str | None) -> Page[Question]: ...

    def of_event(self, program_id: str, event_id: str, limit: int, cursor: str | None) -> Page[Question]: ...


def ask(
    event_id: str,
    form: QuestionForm,
    *,
    program_id: str,
    events: EventReader,
    repository: QuestionRepository,
    clock: Clock,
) -> QuestionReceipt:
    event = events.get(program_id, event_id)
    if event is None or not event.is_published:
        raise NotFoundError("No event has this id.")
    now = clock()
    question = rules.ask(new_id(now), program_id, event_id, form.name, form.email, form.question, now)
    repository.save(question, expected_version=None)
    return QuestionReceipt(id=question.id, event_id=event_id, asked_at=now)


def waiting_questions(
    caller: Caller, *, limit: int, cursor: str | None, program_id: str, repository: QuestionRepository
) -> QuestionPage:
    require_staff(caller)
    page = repository.waiting(program_id, limit, cursor)
    return QuestionPage(items=[question_view(question) for question in page.items], cursor=page.cursor)


def questions_of_event(
    caller: Caller,
    event_id: str,
    *,
    limit: int,
    cursor: str | None,
    program_id: str,
    events: EventReader,
    repository: QuestionRepository,
) -> QuestionPage:
    _require_may_answer(caller, program_id, event_id, events)
    page = repository.of_event(program_id, event_id, limit, cursor)
    return QuestionPage(items=[question_view(question) for question in page.items], cursor=page.cursor)


def claim(
    caller: Caller,
    question_id: str,
    *,
    events: EventReader,
    repository: QuestionRepository,
    clock: Clock,
    lease: timedelta,
) -> QuestionClaim:
    current = _answerable(caller, question_id, events, repository)
    claimed = rules.claim(current, reviewer_of(caller), clock(), lease)
    repository.save(claimed, expected_version=current.version)
    assert claimed.claim is not None
    return QuestionClaim(
        question_id=question_id, claimed_by=claimed.claim.holder.name, until=claimed.claim.until
    )


def release(
    caller: Caller, question_id: str, *, events: EventReader, repository: QuestionRepository, clock: Clock
) -> None:
    current = _answerable(caller, question_id, events, repository)
    repository.save(rules.release(current, reviewer_of(caller), clock()), expected_version=current.version)


def answer(
    caller: Caller,
    question_id: str,
    form: AnswerForm,
    *,
    events: EventReader,
    repository: QuestionRepository,
    clock: Clock,
) -> QuestionView:
    current = _answerable(caller, question_id, events, repository)
    answered = rules.answer(current, reviewer_of(caller), clock(), form.answer)
    repository.save(answered, expected_version=current.version)
    return question_view(answered)


def _answerable(
    caller: Caller, question_id: str, events: EventReader, repository: QuestionRepository
) -> Question:
    question = repository.get(question_id)
    if question is None:
        raise NotFoundError("No question has this id.")
    _require_may_answer(caller, question.program_id, question.event_id, events)
    return question


def _require_may_answer(caller: Caller, program_id: str, event_id: str, events: EventReader) -> None:
    event = events.get(program_id, event_id)
    if event is None:
        raise NotFoundError("No event has this id.")
    rules.require_may_answer(caller, event.contact.email)


def notify_answer(
    question_id: str,
    *,
    questions: QuestionRepository,
    events: EventReader,
    mailer: Mailer,
    allowance: MailAllowance,
) -> Delivery:
    """Emails the answer to whoever asked, once, within the daily allowance of their address."""
    question = questions.get(question_id)
    if question is None or question.answer is None:
        return Delivery.NOTHING_TO_SEND
    event = events.get(question.program_id, question.event_id)
    title = event.title if event else "an event"
    if not allowance.permits(question.asker_email, f"{NotificationKind.QUESTION_ANSWERED}#{question.id}"):
        return Delivery.OVER_DAILY_LIMIT
    text = (
        f"Hello {question.asker_name},\n\nYou asked about {title}:\n\n{question.body}\n\n"
        f"The answer, from {question.answered_by}:\n\n{question.answer}\n"
    )
    mailer.send(question.asker_email, f"An answer to your question about {title}", text)
    return Delivery.SENT


def question_to_answer(
    caller: Caller, question_id: str, *, events: EventReader, repository: QuestionRepository
) -> QuestionView:
    """One question, for staff or its event's contact to answer."""
    return question_view(_answerable(caller, question_id, events, repository))
