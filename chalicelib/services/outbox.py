"""The outbox: what each stored change asks of the workers. A new submission is screened and then, when
the submitter left an email, acknowledged (screening decides whether the address is written to at all);
a published or rejected item's submitter is told; so is the submitter of feedback that a published
recommendation answers. A registrant is told they registered (with their seat or their place in line),
that a seat came to them, that they cancelled, and that a published event's sessions moved. Whoever asked
about an event gets the answer; whoever earned a certificate gets its code."""

from chalicelib.domain.certificates import IssuedCertificate
from chalicelib.domain.event_questions import Question, QuestionStatus
from chalicelib.domain.events import Event, Registration, RegistrationStatus
from chalicelib.domain.feedback import Feedback, FeedbackStatus
from chalicelib.domain.recommendation_records import FeedbackLink, Recommendation
from chalicelib.domain.work import ChangeKind, NotificationKind, Stored, StoredChange, WorkMessage

_DECISION_NOTICES = {
    FeedbackStatus.PUBLISHED: NotificationKind.PUBLISHED,
    FeedbackStatus.REJECTED: NotificationKind.REJECTED,
}


def work_for_change(change: StoredChange) -> list[WorkMessage]:
    after = change.after
    if isinstance(after, Recommendation):
        return _recommendation_work(change.kind, change.before, after)
    if isinstance(after, FeedbackLink):
        return _link_work(change.kind, after)
    if isinstance(after, Feedback):
        return _feedback_work(change.kind, change.before, after)
    if isinstance(after, Registration):
        return _registration_work(change.kind, change.before, after)
    if isinstance(after, Event):
        return _event_work(change.kind, change.before, after)
    if isinstance(after, Question):
        return _question_work(change.before, after)
    if isinstance(after, IssuedCertificate) and change.kind == ChangeKind.INSERT:
        subject = {"event_id": after.certificate.event_id, "code": after.registration_code}
        return [_notice(NotificationKind.CERTIFICATE_ISSUED, **subject)]
    return []


def _question_work(before: Stored | None, after: Question) -> list[WorkMessage]:
    answered_now = isinstance(before, Question) and before.status != QuestionStatus.ANSWERED
    if answered_now and after.status == QuestionStatus.ANSWERED:
        return [_notice(NotificationKind.QUESTION_ANSWERED, question_id=after.id)]
    return []


def _registration_work(kind: ChangeKind, before: Stored | None, after: Registration) -> list[WorkMessage]:
    subject = {"event_id": after.event_id, "code": after.code}
    if kind == ChangeKind.INSERT:
        return [_notice(NotificationKind.REGISTERED, **subject)]
    status_before = before.status if isinstance(before, Registration) else None
    if kind != ChangeKind.MODIFY or status_before == after.status:
        return []
    if status_before == RegistrationStatus.WAITLISTED and after.status == RegistrationStatus.CONFIRMED:
        return [_notice(NotificationKind.PROMOTED, **subject)]
    if after.status == RegistrationStatus.CANCELLED:
        return [_notice(NotificationKind.REGISTRATION_CANCELLED, **subject)]
    return []


def _event_work(kind: ChangeKind, before: Stored | None, after: Event) -> list[WorkMessage]:
    if kind != ChangeKind.MODIFY or not isinstance(before, Event) or not before.is_published:
        return []
    if not after.is_published or _times(before) == _times(after):
        return []
    return [_notice(NotificationKind.SESSIONS_MOVED, event_id=after.id, event_version=str(after.version))]


def _times(event: Event) -> list[tuple[str, str, str]]:
    return sorted((s.id, s.starts_at.isoformat(), s.ends_at.isoformat()) for s in event.sessions)


def _feedback_work(kind: ChangeKind, before: Stored | None, after: Feedback) -> list[WorkMessage]:
    if kind == ChangeKind.INSERT:
        return [WorkMessage("screening", {"feedback_id": after.id})]
    status_before = before.status if isinstance(before, Feedback) else None
    if kind != ChangeKind.MODIFY or after.status == status_before or not after.submitter_email:
        return []
    if after.status == FeedbackStatus.SCREENED and status_before == FeedbackStatus.RECEIVED:
        return [_notice(NotificationKind.ACKNOWLEDGEMENT, feedback_id=after.id)]
    if after.status in _DECISION_NOTICES:
        return [_notice(_DECISION_NOTICES[after.status], feedback_id=after.id)]
    return []


def _link_work(kind: ChangeKind, link: FeedbackLink) -> list[WorkMessage]:
    if kind == ChangeKind.INSERT and link.while_published:
        citation = {"recommendation_id": link.recommendation_id, "feedback_id": link.feedback_id}
        return [_notice(NotificationKind.CITED, **citation)]
    return []


def _recommendation_work(kind: ChangeKind, before: Stored | None, after: Recommendation) -> list[WorkMessage]:
    published_before = isinstance(before, Recommendation) and before.publication is not None
    first_publication = not published_before and after.publication is not None
    if kind in (ChangeKind.INSERT, ChangeKind.MODIFY) and first_publication:
        # The links made before it was published are told now; those made later, as they are made.
        return [_notice(NotificationKind.FIRST_PUBLISHED, recommendation_id=after.id)]
    return []


def _notice(kind: NotificationKind, **subject: str) -> WorkMessage:
    return WorkMessage("notifications", {"kind": kind, **subject})
