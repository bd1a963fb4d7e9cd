"""What members and staff are shown of a recommendation while it is drafted and reviewed, and the bodies
they send. Drafts never appear on public pages; those show approved revisions only."""

from datetime import datetime
from typing import Literal

from pydantic import ConfigDict, Field, model_validator

from chalicelib.domain.feedback import Feedback, FeedbackStatus
from chalicelib.domain.ids import ID_PATTERN
from chalicelib.domain.model import Model
from chalicelib.domain.recommendation_records import (
    FeedbackLink,
    Recommendation,
    RecommendationEvent,
    RecommendationStatus,
    Revision,
    RevisionDraft,
)


class NewRevision(RevisionDraft):
    """The body of a new revision: the draft, and the revision it was written against."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    base_revision: int = Field(ge=1, description="The revision this edit was made from.")


class Submission(Model):
    """The body of submitting a revision for approval."""

    model_config = ConfigDict(extra="forbid", strict=True)

    revision: int = Field(ge=1, description="The revision to submit; it must be the current one.")


class RevisionView(Model):
    number: int
    title: str
    body: str
    policy_goals: list[str]
    change_summary: str
    author: str
    created_at: datetime


class RecommendationSummary(Model):
    id: str
    team: str
    title: str
    status: RecommendationStatus
    current_revision: int
    approved_revision: int | None
    submitted_revision: int | None
    updated_at: datetime
    claimed_by: str | None = None
    claim_until: datetime | None = None
    linked_feedback_count: int = 0


class RecommendationPage(Model):
    items: list[RecommendationSummary]
    cursor: str | None


class WorkingEvent(Model):
    sequence: int
    at: datetime
    action: str
    actor: str
    revision: int
    to_status: RecommendationStatus
    comment: str | None
    quote: str | None
    feedback_id: str | None = Field(default=None, description="The feedback linked or unlinked.")


class ChainedHistoryEvent(WorkingEvent):
    from_status: RecommendationStatus | None
    previous_hash: str
    hash: str


class RecommendationHistory(Model):
    """Every transition, each carrying the hash of the one before it (see `make verify-audit`)."""

    id: str
    status: RecommendationStatus
    events: list[ChainedHistoryEvent]


class WorkingView(Model):
    """A recommendation as its team and staff work on it: every revision and every transition."""

    recommendation: RecommendationSummary
    revisions: list[RevisionView]
    history: list[WorkingEvent]


def summary(recommendation: Recommendation) -> RecommendationSummary:
    return RecommendationSummary(
        id=recommendation.id,
        team=recommendation.team,
        title=recommendation.title,
        status=recommendation.status,
        current_revision=recommendation.current_revision,
        approved_revision=recommendation.approved_revision,
        submitted_revision=recommendation.submitted_revision,
        updated_at=recommendation.updated_at,
        claimed_by=recommendation.claim.holder.name if recommendation.claim else None,
        claim_until=recommendation.claim.until if recommendation.claim else None,
        linked_feedback_count=recommendation.linked_feedback_count,
    )


def working_view(
    recommendation: Recommendation, revisions: list[Revision], events: list[RecommendationEvent]
) -> WorkingView:
    return WorkingView(
        recommendation=summary(recommendation),
        revisions=[
            RevisionView(
                number=revision.number,
                title=revision.title,
                body=revision.body,
                policy_goals=list(revision.policy_goals),
                change_summary=revision.change_summary,
                author=revision.author,
                created_at=revision.created_at,
            )
            for revision in sorted(revisions, key=lambda revision: revision.number)
        ],
        history=[
            WorkingEvent.model_validate(event, from_attributes=True)
            for event in sorted(events, key=lambda event: event.sequence)
        ],
    )


class ApprovalDecision(Model):
    """The body of a staff decision about a submitted revision."""

    model_config = ConfigDict(extra="forbid", strict=True)

    action: Literal["approve", "request_changes", "reject"]
    revision: int = Field(ge=1, description="The revision decided; a superseded one answers 409.")
    comment: str | None = Field(
        default=None, max_length=5000, description="Required to request changes or to reject."
    )
    quote: str | None = Field(
        default=None, max_length=5000, description="A paragraph of the revision the comment is about."
    )

    @model_validator(mode="after")
    def _quote_goes_with_a_change_request(self) -> "ApprovalDecision":
        if self.quote is not None and self.action != "request_changes":
            raise ValueError("quote is only for requesting changes")
        return self


def history(recommendation: Recommendation, events: list[RecommendationEvent]) -> RecommendationHistory:
    return RecommendationHistory(
        id=recommendation.id,
        status=recommendation.status,
        events=[
            ChainedHistoryEvent.model_validate(event, from_attributes=True)
            for event in sorted(events, key=lambda event: event.sequence)
        ],
    )


class RecommendationClaim(Model):
    recommendation_id: str
    claimed_by: str
    until: datetime


class NewLink(Model):
    """The body of linking a feedback item to the recommendation that answers it."""

    model_config = ConfigDict(extra="forbid", strict=True)

    feedback_id: str = Field(
        pattern=ID_PATTERN, description="The id of a feedback item in your team's inbox."
    )


class LinkedFeedbackView(Model):
    """A linked item as the team and staff see it: masked, never the submitter's name or email."""

    feedback_id: str
    team: str
    status: FeedbackStatus
    body: str = Field(description="The text with personal information masked.")
    linked_by: str
    linked_at: datetime


class LinkedFeedbackList(Model):
    recommendation_id: str
    count: int
    items: list[LinkedFeedbackView]


def linked_view(link: FeedbackLink, feedback: Feedback) -> LinkedFeedbackView:
    return LinkedFeedbackView(
        feedback_id=link.feedback_id,
        team=feedback.team,
        status=feedback.status,
        body=feedback.public_body or "",
        linked_by=link.linked_by,
        linked_at=link.linked_at,
    )
