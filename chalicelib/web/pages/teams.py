"""A team's page: its charter, the recommendations it has had approved, and the feedback published to it."""

from chalice.app import Request, Response

from chalicelib import dependencies
from chalicelib.domain.errors import NotFoundError
from chalicelib.services import published_recommendations, team_feedback
from chalicelib.web.pages.common import program_for
from chalicelib.web.pages.listing import cursor_in, page_from_link, page_size_in, program_values
from chalicelib.web.rendering import render
from chalicelib.web.visit import Visit

FEEDBACK_PER_PAGE = 20
RECOMMENDATIONS_SHOWN = 10


def team(visit: Visit, request: Request, slug: str) -> Response:
    deps = dependencies.current()
    shown = program_for(visit).team(slug)
    if shown is None:
        raise NotFoundError(f"No team is called {slug!r}.")
    page_size = page_size_in(visit, FEEDBACK_PER_PAGE)
    feedback, stale_link = page_from_link(
        lambda cursor: team_feedback.published_feedback(
            slug,
            limit=page_size,
            cursor=cursor,
            program=deps.program,
            listings=deps.listings,
            index=deps.screening_index,
        ),
        cursor_in(visit),
    )
    recommendations = published_recommendations.published_recommendations(
        team=slug,
        policy_goal=None,
        limit=RECOMMENDATIONS_SHOWN,
        cursor=None,
        program=deps.program,
        repository=deps.recommendations,
    )
    return render(
        visit,
        "team.html",
        **program_values(visit),
        team=shown,
        feedback=feedback,
        recommendations=recommendations.items,
        more_recommendations=recommendations.cursor is not None,
        stale_link=stale_link,
        later_page=cursor_in(visit) is not None and not stale_link,
        kept_limit=None if page_size == FEEDBACK_PER_PAGE else page_size,
    )
