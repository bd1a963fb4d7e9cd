"""What a submitter sees when they look their feedback up with its receipt."""

from datetime import datetime

from pydantic import Field

from chalicelib.domain.feedback import AuditEvent, Feedback, FeedbackStatus
from chalicelib.domain.model import Model
from chalicelib.domain.program import GENERAL_CHANNEL, SITE_CHANNEL, Program
from chalicelib.domain.published_views import CitingRecommendation

_CHANNEL_NAMES = {GENERAL_CHANNEL: "General feedback", SITE_CHANNEL: "A problem with this site"}

_PUBLIC_DESCRIPTIONS = {
    "received": "We received your feedback.",
    "screened": "Your feedback passed automatic screening and is waiting for a reviewer.",
    "published": "Your feedback was published.",
    "rejected": "Your feedback was not published.",
    "acknowledged": "The development team has seen your feedback.",
    "considered": "The development team has considered your feedback.",
}
# Without consent to publish an item never enters the moderation queue: no reviewer will read it.
_SCREENED_PRIVATELY = (
    "Your feedback was screened. You did not agree to publication, so it will not be published."
)


class FormToken(Model):
    form_token: str
    honeypot_field: str


class SubmissionReceipt(Model):
    id: str
    status: FeedbackStatus
    receipt: str


class ReceiptStep(Model):
    at: datetime
    status: str
    description: str
    reason: str | None = None


class ReceiptView(Model):
    id: str
    status: FeedbackStatus
    team: str
    team_name: str
    submitted_at: datetime
    policy_goals: list[str]
    consent_to_publish: bool
    history: list[ReceiptStep]
    cited_by: list[CitingRecommendation] = Field(
        description="Published recommendations of the development teams that answer this feedback."
    )


def channel_name(program: Program, channel: str) -> str:
    team = program.team(channel)
    return team.name if team else _CHANNEL_NAMES.get(channel, channel)


def receipt_view(
    feedback: Feedback,
    events: list[AuditEvent],
    program: Program,
    cited_by: list[CitingRecommendation],
) -> ReceiptView:
    return ReceiptView(
        id=feedback.id,
        status=feedback.status,
        team=feedback.team,
        team_name=channel_name(program, feedback.team),
        submitted_at=feedback.submitted_at,
        policy_goals=list(feedback.policy_goals),
        consent_to_publish=feedback.consent_to_publish,
        history=[
            ReceiptStep(
                at=event.at,
                status=event.action,
                description=_description(event, feedback),
                reason=event.reason if event.to_status == FeedbackStatus.REJECTED else None,
            )
            for event in sorted(events, key=lambda event: event.at)
            if event.action in _PUBLIC_DESCRIPTIONS
        ],
        cited_by=cited_by,
    )


def _description(event: AuditEvent, feedback: Feedback) -> str:
    if event.action == "screened" and not feedback.consent_to_publish:
        return _SCREENED_PRIVATELY
    return _PUBLIC_DESCRIPTIONS[event.action]
