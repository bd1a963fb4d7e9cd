"""The public's approved recommendations, one with the feedback it answers, and diffs between revisions."""

from chalice.app import Blueprint

from chalicelib import dependencies
from chalicelib.api.errors import ErrorBody
from chalicelib.api.queries import (
    PAGING_PARAMETERS,
    RECOMMENDATION_ID,
    cursor_of,
    one_of,
    page_size,
    policy_goal_parameter,
    query_params,
    team_parameter,
)
from chalicelib.api.routing import Operation, Parameter, endpoint
from chalicelib.domain.errors import FieldProblem, ValidationFailedError
from chalicelib.domain.published_views import PublicRecommendation, PublicRecommendationPage
from chalicelib.domain.recommendation_records import RevisionDiff
from chalicelib.services import published_recommendations

published_routes = Blueprint(__name__)


def _revision_parameter(name: str, description: str) -> Parameter:
    return Parameter(name, "query", description, True, {"type": "string", "pattern": "^[1-9][0-9]{0,5}$"})


@endpoint(
    published_routes,
    Operation(
        "/recommendations",
        "GET",
        "Approved recommendations, the most recently approved first",
        "public",
        {200: PublicRecommendationPage, 422: ErrorBody},
        parameters=(
            *PAGING_PARAMETERS,
            team_parameter("team", "query", "Only this team's."),
            policy_goal_parameter("policy_goal", "Only those serving this policy goal."),
        ),
    ),
)
def published() -> PublicRecommendationPage:
    params = query_params(published_routes.current_request)
    deps = dependencies.current()
    return published_recommendations.published_recommendations(
        team=one_of(params, "team", deps.program.vocabulary("teams")),
        policy_goal=one_of(params, "policy_goal", deps.program.vocabulary("policy_goals")),
        limit=page_size(params),
        cursor=cursor_of(params),
        program=deps.program,
        repository=deps.recommendations,
    )


@endpoint(
    published_routes,
    Operation(
        "/recommendations/{recommendation_id}",
        "GET",
        "An approved recommendation: its latest approved revision, the approved revisions before it, and "
        "the published feedback it answers",
        "public",
        {200: PublicRecommendation, 404: ErrorBody},
        parameters=(RECOMMENDATION_ID,),
    ),
)
def published_one(recommendation_id: str) -> PublicRecommendation:
    deps = dependencies.current()
    return published_recommendations.published_recommendation(
        recommendation_id,
        repository=deps.recommendations,
        feedback=deps.feedback,
        index=deps.screening_index,
    )


@endpoint(
    published_routes,
    Operation(
        "/recommendations/{recommendation_id}/diff",
        "GET",
        "What changed between two approved revisions, line by line and word by word",
        "public",
        {200: RevisionDiff, 404: ErrorBody, 422: ErrorBody},
        parameters=(
            RECOMMENDATION_ID,
            _revision_parameter("from", "An approved revision number."),
            _revision_parameter("to", "Another approved revision number."),
        ),
    ),
)
def diff(recommendation_id: str) -> RevisionDiff:
    params = query_params(published_routes.current_request)
    return published_recommendations.published_diff(
        recommendation_id,
        _revision_number(params, "from"),
        _revision_number(params, "to"),
        repository=dependencies.current().recommendations,
    )


def _revision_number(params: dict[str, str], name: str) -> int:
    raw = params.get(name, "")
    if not raw.isdigit() or not 1 <= int(raw) <= 999_999:
        raise ValidationFailedError(
            f"The {name} revision is missing or not a number.",
            [FieldProblem(name, "must be a revision number")],
        )
    return int(raw)
