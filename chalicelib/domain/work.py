"""The work a stored change asks of the workers: the change, as the entities before and after it, and
the messages it puts on the work queues. The stream handler decodes the change; the outbox decides the
work; the queue adapter sends it."""

from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from chalicelib.domain.certificates import IssuedCertificate
from chalicelib.domain.event_questions import Question
from chalicelib.domain.events import Event, Registration
from chalicelib.domain.feedback import Feedback
from chalicelib.domain.recommendation_records import FeedbackLink, Recommendation

Queue = Literal["screening", "notifications"]
Stored = Feedback | Recommendation | FeedbackLink | Event | Registration | Question | IssuedCertificate


class NotificationKind(StrEnum):
    """What a message on the notification queue asks for; the values are what the queue carries."""

    ACKNOWLEDGEMENT = "acknowledgement"
    PUBLISHED = "published"
    REJECTED = "rejected"
    FIRST_PUBLISHED = "first_published"
    CITED = "cited"
    REGISTERED = "registered"
    PROMOTED = "promoted"
    REGISTRATION_CANCELLED = "registration_cancelled"
    SESSIONS_MOVED = "sessions_moved"
    SESSIONS_MOVED_NOTICE = "sessions_moved_notice"
    QUESTION_ANSWERED = "question_answered"
    CERTIFICATE_ISSUED = "certificate_issued"


class ChangeKind(StrEnum):
    INSERT = "INSERT"
    MODIFY = "MODIFY"
    REMOVE = "REMOVE"


@dataclass(frozen=True)
class StoredChange:
    """One write to the table; `before` and `after` are None where there was no item, or where the item
    is not one the workers act on."""

    kind: ChangeKind
    before: Stored | None
    after: Stored | None


@dataclass(frozen=True)
class WorkMessage:
    queue: Queue
    body: dict[str, str]
