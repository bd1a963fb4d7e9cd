"""Emails to a submitter who left an address: an acknowledgement, the moderation decision, and each
published recommendation that answers their feedback."""

from dataclasses import dataclass
from typing import Protocol

from chalicelib.domain.feedback import Feedback
from chalicelib.domain.program import Program
from chalicelib.domain.receipts import channel_name
from chalicelib.domain.recommendation_records import FeedbackLink, Recommendation
from chalicelib.services.routing import WorkMessage


class Mailer(Protocol):
    def send(self, to: str, subject: str, text: str) -> None: ...


class FeedbackReader(Protocol):
    def get(self, feedback_id: str) -> Feedback | None: ...


@dataclass(frozen=True)
class Email:
    subject: str
    text: str


_SIGN_OFF = "\n\nThank you for taking part in the public review of {program}.\n"


def compose(kind: str, feedback: Feedback, program: Program) -> Email | None:
    where = channel_name(program, feedback.team)
    reference = f"Reference: {feedback.id}"
    if kind == "acknowledgement":
        text = (
            f"We received your feedback for {where}.\n{reference}\n\n"
            "The receipt shown when you sent it lets you look up what happens to your feedback; "
            "keep it, as we cannot send it again."
        )
        return Email(
            f"We received your feedback ({program.name})", text + _SIGN_OFF.format(program=program.name)
        )
    if kind == "published":
        text = f"Your feedback for {where} was published on the program's public pages.\n{reference}"
        return Email(
            f"Your feedback was published ({program.name})", text + _SIGN_OFF.format(program=program.name)
        )
    if kind == "rejected":
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
    kind: str, feedback_id: str, *, repository: FeedbackReader, mailer: Mailer, program: Program
) -> bool:
    """Sends one email; False when there is nothing to send (no address, unknown kind, item gone)."""
    feedback = repository.get(feedback_id)
    if feedback is None or not feedback.submitter_email:
        return False
    email = compose(kind, feedback, program)
    if email is None:
        return False
    mailer.send(feedback.submitter_email, email.subject, email.text)
    return True


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
        body = {"kind": "cited", "recommendation_id": recommendation_id, "feedback_id": link.feedback_id}
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
) -> bool:
    """Tells the submitter, if the recommendation is published and still answers the item."""
    recommendation = citations.get(recommendation_id)
    if recommendation is None or recommendation.publication is None:
        return False
    if citations.link(recommendation_id, feedback_id) is None:
        return False
    feedback = repository.get(feedback_id)
    if feedback is None or not feedback.submitter_email:
        return False
    email = _citation_email(recommendation, feedback, program)
    mailer.send(feedback.submitter_email, email.subject, email.text)
    return True


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
