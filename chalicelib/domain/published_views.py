"""What everyone sees of recommendations: approved revisions only, the published feedback each answers,
and, on a submitter's receipt, the published recommendations that cite their feedback."""

from datetime import datetime

from pydantic import ConfigDict, Field

from chalicelib.domain.feedback_views import PublicFeedbackView
from chalicelib.domain.model import Model
from chalicelib.domain.recommendation_records import (
    ListedRecommendation,
    Recommendation,
    RecommendationEvent,
    Revision,
)


class PublishedRevision(Model):
    number: int
    approved_at: datetime


class PublicRecommendationSummary(Model):
    id: str
    team: str
    title: str
    policy_goals: list[str]
    revision: int = Field(description="The latest approved revision.")
    approved_at: datetime = Field(description="When that revision was approved.")
    first_approved_at: datetime


class PublicRecommendationPage(Model):
    items: list[PublicRecommendationSummary]
    cursor: str | None


class PublicRecommendation(Model):
    """An approved recommendation as everyone sees it: its latest approved revision only."""

    id: str
    team: str
    title: str
    body: str
    policy_goals: list[str]
    revision: int
    first_approved_at: datetime | None
    approved_revisions: list[PublishedRevision]
    linked_feedback_count: int = Field(
        description="How many feedback items the recommendation answers, published or not."
    )
    feedback: list[PublicFeedbackView] = Field(description="The published ones among them.")


class CitingRecommendation(Model):
    """On a receipt: a published recommendation that answers the submitter's feedback."""

    model_config = ConfigDict(frozen=True)

    id: str
    team: str
    title: str
    revision: int


def listed_summary(listed: ListedRecommendation) -> PublicRecommendationSummary:
    publication = listed.publication
    return PublicRecommendationSummary(
        id=listed.id,
        team=listed.team,
        title=publication.title,
        policy_goals=list(publication.policy_goals),
        revision=publication.revision,
        approved_at=publication.approved_at,
        first_approved_at=listed.first_approved_at,
    )


def public_view(
    recommendation: Recommendation,
    revisions: list[Revision],
    events: list[RecommendationEvent],
    feedback: list[PublicFeedbackView],
) -> PublicRecommendation:
    approved = {event.revision: event.at for event in events if event.action == "approved"}
    latest = next(revision for revision in revisions if revision.number == recommendation.approved_revision)
    return PublicRecommendation(
        id=recommendation.id,
        team=recommendation.team,
        title=latest.title,
        body=latest.body,
        policy_goals=list(latest.policy_goals),
        revision=latest.number,
        first_approved_at=recommendation.first_approved_at,
        approved_revisions=[
            PublishedRevision(number=number, approved_at=approved[number])
            for number in recommendation.approved_revisions
            if number in approved
        ],
        linked_feedback_count=recommendation.linked_feedback_count,
        feedback=feedback,
    )


def citing(recommendations: list[Recommendation]) -> list[CitingRecommendation]:
    return [
        CitingRecommendation(
            id=recommendation.id,
            team=recommendation.team,
            title=recommendation.publication.title,
            revision=recommendation.publication.revision,
        )
        for recommendation in sorted(recommendations, key=lambda recommendation: recommendation.id)
        if recommendation.publication is not None
    ]
