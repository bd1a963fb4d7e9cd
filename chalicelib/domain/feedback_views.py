"""What each reader is shown of a feedback item: staff in the moderation queue, a team in its inbox, the
public on a team's page. Only staff views carry the original text; none carries the submitter's name or
email."""

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from pydantic import ConfigDict, Field, model_validator

from chalicelib.domain.clusters import ClusterSummary
from chalicelib.domain.feedback import AuditEvent, Feedback, FeedbackStatus, RejectionReason, TeamState
from chalicelib.domain.model import Model
from chalicelib.domain.text import Body


class ClusterView(Model):
    id: str
    size: int


class ClaimView(Model):
    feedback_id: str
    claimed_by: str
    until: datetime


class QueueItemView(Model):
    id: str
    team: str
    submitted_at: datetime
    queued_at: datetime | None
    body: str = Field(description="The text as sent; for staff only.")
    public_body: str = Field(description="The text as it would be published, personal information masked.")
    policy_goals: list[str]
    submitter_role: str | None
    personal_information: list[str] = Field(description="The kinds of personal information masked.")
    likely_names: list[str] = Field(
        description="Words that may be a person's name and were not masked (officials in their role, common "
        "first names): for the reviewer to decide; staff only."
    )
    spam_signals: list[str]
    spam: bool
    cluster: ClusterView
    claim: ClaimView | None


class QueuePage(Model):
    items: list[QueueItemView]
    cursor: str | None


class Decision(Model):
    """The body of a moderation decision."""

    model_config = ConfigDict(extra="forbid", strict=True)

    action: Literal["publish", "reject"]
    reason: RejectionReason | None = Field(default=None, description="Required to reject.")
    redacted_body: Body | None = Field(default=None, description="The text to publish instead, edited.")
    whole_cluster: bool = Field(default=False, description="Decide every queued item of this one's cluster.")

    @model_validator(mode="after")
    def _reason_goes_with_rejection(self) -> "Decision":
        if self.action == "reject" and self.reason is None:
            raise ValueError("reason is required to reject")
        if self.action == "publish" and self.reason is not None:
            raise ValueError("reason is only for rejections")
        if self.action == "reject" and self.redacted_body is not None:
            raise ValueError("redacted_body is only for publishing")
        return self


class SkippedItem(Model):
    id: str
    why: str


class DecisionResult(Model):
    decided: list[str]
    skipped: list[SkippedItem]
    status: FeedbackStatus


class InboxItemView(Model):
    id: str
    team: str
    body: str
    policy_goals: list[str]
    submitter_role: str | None
    submitted_at: datetime
    routed_at: datetime | None
    status: FeedbackStatus
    team_state: TeamState | None
    similar_count: int


class InboxPage(Model):
    items: list[InboxItemView]
    cursor: str | None


@dataclass(frozen=True)
class InboxFilter:
    """Which items of a team's inbox a reader asks for: those in one state, those tagged with one policy
    goal, or both; everything when neither is given."""

    state: TeamState | None = None
    policy_goal: str | None = None


class TeamMark(Model):
    """The body of marking an inbox item."""

    model_config = ConfigDict(extra="forbid", strict=True)

    state: Literal["acknowledged", "considered"]


class PublicFeedbackView(Model):
    id: str
    team: str
    body: str
    policy_goals: list[str]
    submitter_role: str | None
    published_at: datetime | None
    count: int = Field(
        description="How many published submissions share this text (a mass campaign counts once)."
    )


class PublicFeedbackPage(Model):
    items: list[PublicFeedbackView]
    cursor: str | None


class HistoryEvent(Model):
    at: datetime
    action: str
    actor: str
    from_status: str | None
    to_status: str
    reason: str | None


class HistoryView(Model):
    id: str
    status: FeedbackStatus
    events: list[HistoryEvent]


def _role(feedback: Feedback) -> str | None:
    return feedback.submitter.role.value if feedback.submitter and feedback.submitter.role else None


def queue_item(feedback: Feedback, cluster: ClusterSummary | None) -> QueueItemView:
    screening = feedback.screening
    claim = None
    if feedback.claim is not None:
        claim = ClaimView(
            feedback_id=feedback.id, claimed_by=feedback.claim.holder.name, until=feedback.claim.until
        )
    return QueueItemView(
        id=feedback.id,
        team=feedback.team,
        submitted_at=feedback.submitted_at,
        queued_at=feedback.queued_at,
        body=feedback.body,
        public_body=feedback.public_body or "",
        policy_goals=feedback.policy_goals,
        submitter_role=_role(feedback),
        personal_information=screening.personal_information if screening else [],
        likely_names=screening.likely_names if screening else [],
        spam_signals=screening.spam_signals if screening else [],
        spam=screening.spam if screening else False,
        cluster=ClusterView(
            id=screening.cluster_id if screening else feedback.id, size=cluster.size if cluster else 1
        ),
        claim=claim,
    )


def inbox_item(feedback: Feedback, cluster: ClusterSummary | None) -> InboxItemView:
    return InboxItemView(
        id=feedback.id,
        team=feedback.team,
        body=feedback.public_body or "",
        policy_goals=feedback.policy_goals,
        submitter_role=_role(feedback),
        submitted_at=feedback.submitted_at,
        routed_at=feedback.routed_at,
        status=feedback.status,
        team_state=feedback.team_state,
        similar_count=cluster.size if cluster else 1,
    )


def public_item(feedback: Feedback, cluster: ClusterSummary | None) -> PublicFeedbackView:
    return PublicFeedbackView(
        id=feedback.id,
        team=feedback.team,
        body=feedback.public_body or "",
        policy_goals=feedback.policy_goals,
        submitter_role=_role(feedback),
        published_at=feedback.published_at,
        count=max(1, cluster.published_count if cluster else 1),
    )


def history_view(feedback: Feedback, events: list[AuditEvent]) -> HistoryView:
    return HistoryView(
        id=feedback.id,
        status=feedback.status,
        events=[
            HistoryEvent(
                at=event.at,
                action=event.action,
                actor=event.actor,
                from_status=event.from_status,
                to_status=event.to_status,
                reason=event.reason,
            )
            for event in sorted(events, key=lambda event: event.at)
        ],
    )
