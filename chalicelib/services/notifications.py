"""Emails to a submitter who left an address: an acknowledgement, the moderation decision, and each
published recommendation that answers their feedback. Nothing goes to the address of an item screened
as spam or flood, and no address gets more than a few emails a day, whoever asks."""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Protocol

from chalicelib.domain.clock import Clock
from chalicelib.domain.feedback import Feedback
from chalicelib.domain.limits import EMAILS_PER_ADDRESS_PER_DAY, recipient_key
from chalicelib.domain.program import Program
from chalicelib.domain.receipts import channel_name
from chalicelib.domain.recommendation_records import FeedbackLink, Recommendation
from chalicelib.domain.spam import SpamSignal
from chalicelib.domain.work import NotificationKind, WorkMessage


class Mailer(Protocol):
    def send(self, to: str, subject: str, text: str) -> None: ...


class FeedbackReader(Protocol):
    def get(self, feedback_id: str) -> Feedback | None: ...


class MailCounter(Protocol):
    def take(self, recipient: str, day: date, message: str, per_day: int) -> bool:
        """True when this message may go to the recipient that day: every message counts once, however
        often it is delivered, and no more than per_day of them count."""


@dataclass(frozen=True)
class MailAllowance:
    """What one address may still receive today, counted under a keyed hash of the address."""

    counter: MailCounter
    secret: bytes
    clock: Clock
    per_day: int = EMAILS_PER_ADDRESS_PER_DAY

    def permits(self, address: str, message: str) -> bool:
        recipient = recipient_key(self.secret, address)
        return self.counter.take(recipient, self.clock().date(), message, self.per_day)


class Delivery(StrEnum):
    SENT = "sent"
    NOTHING_TO_SEND = "nothing_to_send"
    SCREENED_OUT = "screened_out"
    OVER_DAILY_LIMIT = "over_daily_limit"


@dataclass(frozen=True)
class Email:
    subject: str
    text: str


_SIGN_OFF = "\n\nThank you for taking part in the public review of {program}.\n"


def compose(kind: NotificationKind, feedback: Feedback, program: Program) -> Email | None:
    where = channel_name(program, feedback.team)
    reference = f"Reference: {feedback.id}"
    if kind == NotificationKind.ACKNOWLEDGEMENT:
        text = (
            f"We received your feedback for {where}.\n{reference}\n\n"
            "The receipt shown when you sent it lets you look up what happens to your feedback; "
            "keep it, as we cannot send it again."
        )
        return Email(
            f"We received your feedback ({program.name})", text + _SIGN_OFF.format(program=program.name)
        )
    if kind == NotificationKind.PUBLISHED:
        text = f"Your feedback for {where} was published on the program's public pages.\n{reference}"
        return Email(
            f"Your feedback was published ({program.name})", text + _SIGN_OFF.format(program=program.name)
        )
    if kind == NotificationKind.REJECTED:
        reason = feedback.rejection_reason.value if feedback.rejection_reason else "not given"
        text = (
            f"Your feedback for {where} was not published. Reason: {reason}.\n{reference}\n\n"
            "The development team may still have read it."
        )
        return Email(
            f"Your feedback was not published ({program.name})", text + _SIGN_OFF.format(program=program.name)
        )
    return None


def notify(
    kind: NotificationKind,
    feedback_id: str,
    *,
    repository: FeedbackReader,
    mailer: Mailer,
    program: Program,
    allowance: MailAllowance,
) -> Delivery:
    """Sends one email, unless there is nothing to send (no address, unknown kind, item gone), the item
    was screened out, or its address had its emails for the day."""
    feedback = repository.get(feedback_id)
    if feedback is None or not feedback.submitter_email:
        return Delivery.NOTHING_TO_SEND
    email = compose(kind, feedback, program)
    if email is None:
        return Delivery.NOTHING_TO_SEND
    return _deliver(email, feedback, f"{kind}#{feedback.id}", mailer=mailer, allowance=allowance)


def _deliver(
    email: Email, feedback: Feedback, message: str, *, mailer: Mailer, allowance: MailAllowance
) -> Delivery:
    address = feedback.submitter_email
    assert address is not None
    if _screened_out(feedback):
        return Delivery.SCREENED_OUT
    if not allowance.permits(address, message):
        return Delivery.OVER_DAILY_LIMIT
    mailer.send(address, email.subject, email.text)
    return Delivery.SENT


def _screened_out(feedback: Feedback) -> bool:
    """Whoever floods or spams may have typed a stranger's address; an unscreened item is not vouched for."""
    screening = feedback.screening
    return screening is None or screening.spam or SpamSignal.FLOOD.value in screening.spam_signals


class Citations(Protocol):
    def get(self, recommendation_id: str) -> Recommendation | None: ...

    def link(self, recommendation_id: str, feedback_id: str) -> FeedbackLink | None: ...

    def links(self, recommendation_id: str) -> list[FeedbackLink]: ...


class WorkQueues(Protocol):
    def send(self, message: WorkMessage) -> None: ...


def announce_citations(recommendation_id: str, *, citations: Citations, queues: WorkQueues) -> int:
    """On a recommendation's first publication: one notice per feedback item it answers. Sending one
    twice is harmless: each notice is sent once per recommendation and item."""
    links = citations.links(recommendation_id)
    for link in links:
        body = {
            "kind": NotificationKind.CITED,
            "recommendation_id": recommendation_id,
            "feedback_id": link.feedback_id,
        }
        queues.send(WorkMessage("notifications", body))
    return len(links)


def notify_citation(
    recommendation_id: str,
    feedback_id: str,
    *,
    citations: Citations,
    repository: FeedbackReader,
    mailer: Mailer,
    program: Program,
    allowance: MailAllowance,
) -> Delivery:
    """Tells the submitter, if the recommendation is published and still answers the item."""
    recommendation = citations.get(recommendation_id)
    if recommendation is None or recommendation.publication is None:
        return Delivery.NOTHING_TO_SEND
    if citations.link(recommendation_id, feedback_id) is None:
        return Delivery.NOTHING_TO_SEND
    feedback = repository.get(feedback_id)
    if feedback is None or not feedback.submitter_email:
        return Delivery.NOTHING_TO_SEND
    email = _citation_email(recommendation, feedback, program)
    message = f"{NotificationKind.CITED}#{recommendation_id}#{feedback.id}"
    return _deliver(email, feedback, message, mailer=mailer, allowance=allowance)


def _citation_email(recommendation: Recommendation, feedback: Feedback, program: Program) -> Email:
    assert recommendation.publication is not None
    team = channel_name(program, recommendation.team)
    text = (
        f"The {team} team published a recommendation that answers your feedback:\n"
        f'"{recommendation.publication.title}"\n'
        f"Recommendation: {recommendation.id}\nYour feedback: {feedback.id}\n\n"
        "It is on the program's public pages, and the receipt view of your feedback lists it."
    )
    return Email(
        f"A recommendation answers your feedback ({program.name})",
        text + _SIGN_OFF.format(program=program.name),
    )
