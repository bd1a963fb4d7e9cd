"""What members and staff are shown of a recommendation while it is drafted and reviewed, and the bodies
they send. Drafts never appear on public pages; those show approved revisions only."""

from datetime import datetime

from pydantic import ConfigDict, Field

from chalicelib.domain.model import Model
from chalicelib.domain.recommendations import (
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
            WorkingEvent(
                sequence=event.sequence,
                at=event.at,
                action=event.action,
                actor=event.actor,
                revision=event.revision,
                to_status=event.to_status,
                comment=event.comment,
                quote=event.quote,
            )
            for event in sorted(events, key=lambda event: event.sequence)
        ],
    )
