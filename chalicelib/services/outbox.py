"""The outbox: what each stored change asks of the workers. A new submission is screened and then, when
the submitter left an email, acknowledged (screening decides whether the address is written to at all);
a published or rejected item's submitter is told; so is the submitter of feedback that a published
recommendation answers."""

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
    return []


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
