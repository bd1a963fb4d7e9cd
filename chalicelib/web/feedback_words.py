"""The words people read for a feedback item's channel, the submitter's role, each step of its receipt,
where it stands now and why it was not published: one place per value, translated when shown."""

from dataclasses import dataclass
from datetime import datetime

from chalicelib.domain.feedback import FeedbackStatus, RejectionReason, SubmitterRole
from chalicelib.domain.program import GENERAL_CHANNEL, SITE_CHANNEL, Program
from chalicelib.domain.receipts import ReceiptStep, ReceiptView
from chalicelib.web.translations import Words


def _(message: str) -> str:
    """Marks a message for the catalogue; it is translated when a page shows it."""
    return message


CHANNELS = {GENERAL_CHANNEL: _("General feedback"), SITE_CHANNEL: _("A problem with this site")}

GENERAL_HINT = _("About the program as a whole")
CONSENT_CHOICES = {"yes": _("Yes, publish it with personal details hidden"), "no": _("No, do not publish it")}
NO_ROLE = _("Prefer not to say")

ROLES = {
    SubmitterRole.PARENT: _("Parent or family member"),
    SubmitterRole.STUDENT: _("Student"),
    SubmitterRole.TEACHER: _("Teacher"),
    SubmitterRole.ADMINISTRATOR: _("School or district administrator"),
    SubmitterRole.BOARD_MEMBER: _("School board member"),
    SubmitterRole.COMMUNITY_MEMBER: _("Community member"),
    SubmitterRole.OTHER: _("Other"),
}

REASONS = {
    RejectionReason.OFF_TOPIC: _("It is not about the program under review."),
    RejectionReason.ABUSIVE: _("It uses language that we do not publish."),
    RejectionReason.SPAM: _(
        "It looked like a message sent automatically. "
        "If you wrote it yourself, you are welcome to send it again."
    ),
    RejectionReason.PERSONAL_INFORMATION: _(
        "It includes personal details about someone that we could not hide."
    ),
    RejectionReason.DUPLICATE: _("The same message was already sent, and we publish it only once."),
}


@dataclass(frozen=True)
class StatusWords:
    label: str
    explanation: str


_STEPS = {
    "received": StatusWords(_("Received"), _("We received your feedback.")),
    "screened": StatusWords(
        _("Checked"),
        _("Automatic checks were done, and it went to a reviewer, who decides whether to publish it."),
    ),
    "screened-private": StatusWords(
        _("Checked"),
        _(
            "Automatic checks were done. You asked us not to publish it, so it will not appear on this site. "
            "The development team still reads it."
        ),
    ),
    "published": StatusWords(
        _("Published"), _("A reviewer published it on this site, with personal information hidden.")
    ),
    "rejected": StatusWords(_("Not published"), _("A reviewer decided not to publish it.")),
    "acknowledged": StatusWords(_("Read by the team"), _("The development team has read your feedback.")),
    "considered": StatusWords(
        _("Considered by the team"), _("The development team has considered your feedback.")
    ),
}

_NOW = {
    FeedbackStatus.RECEIVED: StatusWords(
        _("Received"),
        _("We are checking it for spam and hiding personal information. This usually takes a few minutes."),
    ),
    FeedbackStatus.SCREENED: StatusWords(
        _("Waiting for a reviewer"), _("A reviewer will read it and decide whether to publish it.")
    ),
    FeedbackStatus.PUBLISHED: StatusWords(
        _("Published"), _("It is on this site, with personal information hidden.")
    ),
    FeedbackStatus.REJECTED: StatusWords(_("Not published"), _("A reviewer decided not to publish it.")),
}
_PRIVATE_NOW = StatusWords(
    _("Not published, as you asked"),
    _("It will not appear on this site. The development team still reads it."),
)


@dataclass(frozen=True)
class ShownStep:
    label: str
    explanation: str
    reason: str | None
    at: datetime


def channel_name(program: Program, channel: str, words: Words) -> str:
    """`program` already in the visitor's language."""
    team = program.team(channel)
    return team.name if team else words.gettext(CHANNELS.get(channel, channel))


def role_choices(words: Words) -> list[tuple[str, str]]:
    """Every role, then a way to give none."""
    return [(role.value, words.gettext(text)) for role, text in ROLES.items()] + [
        ("", words.gettext(NO_ROLE))
    ]


def consent_choices(words: Words) -> list[tuple[str, str]]:
    return [(value, words.gettext(text)) for value, text in CONSENT_CHOICES.items()]


def now_words(view: ReceiptView, words: Words) -> StatusWords:
    chosen = _NOW[view.status]
    if view.status == FeedbackStatus.SCREENED and not view.consent_to_publish:
        chosen = _PRIVATE_NOW
    return _translated(chosen, words)


def shown_steps(view: ReceiptView, words: Words) -> list[ShownStep]:
    shown = []
    for step in view.history:
        key = "screened-private" if step.status == "screened" and not view.consent_to_publish else step.status
        if key in _STEPS:
            shown.append(_shown(step, _STEPS[key], words))
    return shown


def _shown(step: ReceiptStep, words_for_step: StatusWords, words: Words) -> ShownStep:
    said = _translated(words_for_step, words)
    reason = None
    if step.status == "rejected" and step.reason in {reason.value for reason in RejectionReason}:
        reason = words.gettext(REASONS[RejectionReason(step.reason)])
    return ShownStep(said.label, said.explanation, reason, step.at)


def _translated(said: StatusWords, words: Words) -> StatusWords:
    return StatusWords(words.gettext(said.label), words.gettext(said.explanation))
