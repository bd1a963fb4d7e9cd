"""A team's inbox of screened feedback, and the published feedback on its public page."""

from typing import Protocol

from chalicelib.domain import moderation
from chalicelib.domain.access import require_inbox_access
from chalicelib.domain.claims import reviewer_of
from chalicelib.domain.clock import Clock
from chalicelib.domain.errors import FieldProblem, NotFoundError, ValidationFailedError
from chalicelib.domain.feedback import Feedback, TeamState
from chalicelib.domain.feedback_views import (
    InboxFilter,
    InboxItemView,
    InboxPage,
    PublicFeedbackPage,
    inbox_item,
    public_item,
)
from chalicelib.domain.identity import Caller
from chalicelib.domain.moderation import Transition
from chalicelib.domain.paging import Page
from chalicelib.domain.program import Program
from chalicelib.services.moderation import ClusterIndex, with_clusters


class TeamListings(Protocol):
    def team_inbox(
        self,
        program_id: str,
        team: str,
        limit: int,
        cursor: str | None,
        oldest_first: bool,
        only: InboxFilter | None = None,
    ) -> Page[Feedback]: ...

    def count_in_inbox(self, program_id: str, team: str, only: InboxFilter) -> int: ...

    def published(self, program_id: str, team: str, limit: int, cursor: str | None) -> Page[Feedback]: ...


class InboxRepository(Protocol):
    def get(self, feedback_id: str) -> Feedback | None: ...

    def save(self, transition: Transition, expected_version: int) -> None: ...


def require_channel(program: Program, channel: str) -> None:
    if not program.accepts_channel(channel):
        raise NotFoundError(f"No team or channel is called {channel!r}.")


def team_inbox(
    caller: Caller,
    channel: str,
    *,
    limit: int,
    cursor: str | None,
    oldest_first: bool,
    only: InboxFilter | None = None,
    program: Program,
    listings: TeamListings,
    index: ClusterIndex,
) -> InboxPage:
    """A page of a team's inbox; with a filter, a page of the items across the whole inbox that match it."""
    require_channel(program, channel)
    require_inbox_access(caller, program, channel)
    _require_known_goal(program, only)
    page = listings.team_inbox(program.id, channel, limit, cursor, oldest_first, only)
    return InboxPage(items=with_clusters(page, index, inbox_item), cursor=page.cursor)


def count_in_inbox(
    caller: Caller, channel: str, only: InboxFilter, *, program: Program, listings: TeamListings
) -> int:
    """How many items of a team's whole inbox match a filter."""
    require_channel(program, channel)
    require_inbox_access(caller, program, channel)
    _require_known_goal(program, only)
    return listings.count_in_inbox(program.id, channel, only)


def _require_known_goal(program: Program, only: InboxFilter | None) -> None:
    if only is not None and only.policy_goal is not None and not program.has_policy_goal(only.policy_goal):
        raise ValidationFailedError(
            "No policy goal of the program has this id.",
            [FieldProblem("policy_goal", "is not one of the program's policy goals")],
        )


def mark_inbox_item(
    caller: Caller,
    channel: str,
    feedback_id: str,
    state: TeamState,
    *,
    program: Program,
    repository: InboxRepository,
    index: ClusterIndex,
    clock: Clock,
) -> InboxItemView:
    require_channel(program, channel)
    require_inbox_access(caller, program, channel)
    feedback = repository.get(feedback_id)
    # An item of another team's inbox is as absent here as one that does not exist.
    if feedback is None or feedback.team != channel or not feedback.in_team_inbox:
        raise NotFoundError("This inbox has no item with this id.")
    transition = moderation.mark_by_team(feedback, state, reviewer_of(caller).name, clock())
    repository.save(transition, feedback.version)
    marked = transition.feedback
    cluster_id = marked.screening.cluster_id if marked.screening else marked.id
    return inbox_item(marked, index.clusters([cluster_id]).get(cluster_id))


def published_feedback(
    channel: str,
    *,
    limit: int,
    cursor: str | None,
    program: Program,
    listings: TeamListings,
    index: ClusterIndex,
) -> PublicFeedbackPage:
    require_channel(program, channel)
    page = listings.published(program.id, channel, limit, cursor)
    return PublicFeedbackPage(items=with_clusters(page, index, public_item), cursor=page.cursor)
