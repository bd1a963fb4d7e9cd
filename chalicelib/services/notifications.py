"""Emails to a submitter who left an address: an acknowledgement, then the moderation decision."""

from dataclasses import dataclass
from typing import Protocol

from chalicelib.domain.feedback import Feedback
from chalicelib.domain.program import Program
from chalicelib.domain.receipts import channel_name


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
