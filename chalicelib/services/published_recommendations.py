"""What the public reads of recommendations: the approved ones (by team and policy goal, newest approval
first), one with the published feedback it answers, and a diff between two approved revisions."""

from typing import Protocol

from chalicelib.domain import recommendation_publication as publication
from chalicelib.domain.errors import NotFoundError
from chalicelib.domain.feedback import Feedback, FeedbackStatus
from chalicelib.domain.feedback_views import public_item
from chalicelib.domain.paging import Page
from chalicelib.domain.program import Program
from chalicelib.domain.published_views import (
    PublicRecommendation,
    PublicRecommendationPage,
    listed_summary,
    public_view,
)
from chalicelib.domain.recommendation_records import (
    FeedbackLink,
    ListedRecommendation,
    Listing,
    Recommendation,
    RecommendationEvent,
    Revision,
    RevisionDiff,
)
from chalicelib.services.moderation import ClusterIndex, with_clusters


class PublishedRecommendations(Protocol):
    def get_whole(
        self, recommendation_id: str
    ) -> tuple[Recommendation, list[Revision], list[RecommendationEvent]] | None: ...

    def published(
        self, program_id: str, listing: Listing, limit: int, cursor: str | None
    ) -> Page[ListedRecommendation]: ...

    def links(self, recommendation_id: str) -> list[FeedbackLink]: ...


class FeedbackReader(Protocol):
    def get_many(self, feedback_ids: list[str]) -> list[Feedback]: ...


def published_recommendations(
    *,
    team: str | None,
    policy_goal: str | None,
    limit: int,
    cursor: str | None,
    program: Program,
    repository: PublishedRecommendations,
) -> PublicRecommendationPage:
    page = repository.published(program.id, Listing(team=team, policy_goal=policy_goal), limit, cursor)
    return PublicRecommendationPage(items=[listed_summary(item) for item in page.items], cursor=page.cursor)


def published_recommendation(
    recommendation_id: str,
    *,
    repository: PublishedRecommendations,
    feedback: FeedbackReader,
    index: ClusterIndex,
) -> PublicRecommendation:
    whole = _published_whole(recommendation_id, repository)
    linked = feedback.get_many([link.feedback_id for link in repository.links(recommendation_id)])
    published = sorted(
        (item for item in linked if item.status == FeedbackStatus.PUBLISHED),
        key=lambda item: (item.published_at is None, item.published_at, item.id),
    )
    return public_view(*whole, with_clusters(Page(published, None), index, public_item))


def published_diff(
    recommendation_id: str, old: int, new: int, *, repository: PublishedRecommendations
) -> RevisionDiff:
    recommendation, revisions, _ = _published_whole(recommendation_id, repository)
    publication.require_published(recommendation, old, new)
    by_number = {revision.number: revision for revision in revisions}
    return publication.published_diff(recommendation, by_number[old], by_number[new])


def _published_whole(
    recommendation_id: str, repository: PublishedRecommendations
) -> tuple[Recommendation, list[Revision], list[RecommendationEvent]]:
    whole = repository.get_whole(recommendation_id)
    if whole is None or whole[0].publication is None:
        # Drafts and unapproved revisions are never public: they read as absent.
        raise NotFoundError("No published recommendation has this id.")
    return whole
