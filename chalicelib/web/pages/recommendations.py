"""Approved recommendations for everyone: the listing by team and policy goal, one recommendation with the
feedback it answers, and what changed between two of its approved revisions."""

from chalice.app import Request, Response

from chalicelib import dependencies
from chalicelib.domain.errors import NotFoundError
from chalicelib.domain.published_views import PublicRecommendation
from chalicelib.services import published_recommendations
from chalicelib.web.markdown import rendered_markdown
from chalicelib.web.pages.listing import (
    cursor_in,
    language_fields,
    page_from_link,
    page_size_in,
    program_values,
)
from chalicelib.web.rendering import render
from chalicelib.web.visit import Visit

RECOMMENDATIONS_PER_PAGE = 20
MAX_REVISION_DIGITS = 6


def listing(visit: Visit, request: Request) -> Response:
    deps = dependencies.current()
    team = _known(visit.query.get("team"), deps.program.vocabulary("teams"))
    policy_goal = _known(visit.query.get("policy_goal"), deps.program.vocabulary("policy_goals"))
    page_size = page_size_in(visit, RECOMMENDATIONS_PER_PAGE)
    found, stale_link = page_from_link(
        lambda cursor: published_recommendations.published_recommendations(
            team=team,
            policy_goal=policy_goal,
            limit=page_size,
            cursor=cursor,
            program=deps.program,
            repository=deps.recommendations,
        ),
        cursor_in(visit),
    )
    return render(
        visit,
        "recommendations.html",
        **program_values(visit),
        recommendations=found,
        team=team,
        policy_goal=policy_goal,
        stale_link=stale_link,
        later_page=cursor_in(visit) is not None and not stale_link,
        kept_limit=None if page_size == RECOMMENDATIONS_PER_PAGE else page_size,
        language_fields=language_fields(visit),
    )


def recommendation(visit: Visit, request: Request, recommendation_id: str) -> Response:
    shown = _published(recommendation_id)
    return render(
        visit,
        "recommendation.html",
        **program_values(visit),
        recommendation=shown,
        rendered_markdown=rendered_markdown,
        language_fields=language_fields(visit),
    )


def changes(visit: Visit, request: Request, recommendation_id: str) -> Response:
    shown = _published(recommendation_id)
    old, new = _revision_number(visit, "from"), _revision_number(visit, "to")
    diff = None
    if old is not None and new is not None:
        try:
            diff = published_recommendations.published_diff(
                recommendation_id, old, new, repository=dependencies.current().recommendations
            )
        except NotFoundError:
            diff = None
    return render(
        visit,
        "recommendation_diff.html",
        status=200 if diff else 400,
        **program_values(visit),
        recommendation=shown,
        diff=diff,
        chosen=(old, new),
        language_fields=language_fields(visit),
    )


def _published(recommendation_id: str) -> PublicRecommendation:
    deps = dependencies.current()
    return published_recommendations.published_recommendation(
        recommendation_id,
        repository=deps.recommendations,
        feedback=deps.feedback,
        index=deps.screening_index,
    )


def _known(value: str | None, allowed: list[str]) -> str | None:
    return value if value in allowed else None


def _revision_number(visit: Visit, name: str) -> int | None:
    raw = visit.query.get(name, "")
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= MAX_REVISION_DIGITS else None
