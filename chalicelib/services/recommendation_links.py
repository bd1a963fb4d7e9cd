"""A team links the feedback its recommendation answers, and unlinks it; its members and staff see the
links. Submitters then find the published recommendation on their receipt view."""

from typing import Protocol

from chalicelib.domain import recommendation_links as links
from chalicelib.domain.clock import Clock
from chalicelib.domain.errors import FieldProblem, NotFoundError
from chalicelib.domain.feedback import Feedback
from chalicelib.domain.identity import Caller
from chalicelib.domain.program import Program
from chalicelib.domain.recommendation_records import Change, FeedbackLink, Recommendation
from chalicelib.domain.recommendation_views import (
    LinkedFeedbackList,
    LinkedFeedbackView,
    NewLink,
    linked_view,
)
from chalicelib.services.recommendations import (
    RecommendationRepository,
    author_of,
    change_recommendation,
    existing,
    require_reader,
)


class LinkRepository(RecommendationRepository, Protocol):
    def link(self, recommendation_id: str, feedback_id: str) -> FeedbackLink | None: ...

    def links(self, recommendation_id: str) -> list[FeedbackLink]: ...


class FeedbackSource(Protocol):
    def get(self, feedback_id: str) -> Feedback | None: ...

    def get_many(self, feedback_ids: list[str]) -> list[Feedback]: ...


class _AlreadyLinkedError(Exception):
    def __init__(self, link: FeedbackLink) -> None:
        self.link = link


def link_feedback(
    caller: Caller,
    recommendation_id: str,
    request: NewLink,
    *,
    program: Program,
    repository: LinkRepository,
    feedback: FeedbackSource,
    clock: Clock,
) -> tuple[LinkedFeedbackView, bool]:
    """The link, and whether this call made it (False: it was there already, so a retry is harmless)."""
    item = feedback.get(request.feedback_id)

    def make(current: Recommendation) -> Change:
        linkable = links.require_linkable(program, current, item)
        already = repository.link(current.id, linkable.id)
        if already is not None:
            raise _AlreadyLinkedError(already)
        return links.link(current, linkable, author_of(caller), clock())

    try:
        change = change_recommendation(caller, recommendation_id, repository, make)
    except _AlreadyLinkedError as found:
        assert item is not None
        return linked_view(found.link, item), False
    assert change.linked is not None and item is not None
    return linked_view(change.linked, item), True


def unlink_feedback(
    caller: Caller,
    recommendation_id: str,
    feedback_id: str,
    *,
    repository: LinkRepository,
    clock: Clock,
) -> None:
    def make(current: Recommendation) -> Change:
        if repository.link(current.id, feedback_id) is None:
            raise NotFoundError(
                "This recommendation does not link that feedback.",
                [FieldProblem("feedback_id", "is not linked to this recommendation")],
            )
        return links.unlink(current, feedback_id, author_of(caller), clock())

    change_recommendation(caller, recommendation_id, repository, make)


def linked_feedback(
    caller: Caller, recommendation_id: str, *, repository: LinkRepository, feedback: FeedbackSource
) -> LinkedFeedbackList:
    recommendation = existing(repository, recommendation_id)
    require_reader(caller, recommendation)
    found = repository.links(recommendation_id)
    items = {item.id: item for item in feedback.get_many([link.feedback_id for link in found])}
    views = [
        linked_view(link, items[link.feedback_id])
        for link in sorted(found, key=lambda link: (link.linked_at, link.feedback_id))
        if link.feedback_id in items
    ]
    return LinkedFeedbackList(recommendation_id=recommendation_id, count=len(views), items=views)
