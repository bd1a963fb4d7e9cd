"""A team's inbox (its members and staff) and its published feedback (everyone)."""

from chalice.app import Blueprint

from chalicelib import dependencies
from chalicelib.api.auth import caller_from, cognito_token
from chalicelib.api.errors import SIGNED_IN_WRITE_REFUSALS, ErrorBody
from chalicelib.api.queries import (
    PAGING_PARAMETERS,
    channel_parameter,
    cursor_of,
    one_of,
    page_size,
    policy_goal_parameter,
    query_params,
)
from chalicelib.api.routing import Operation, Parameter, endpoint, parse_body
from chalicelib.domain.feedback import TeamState
from chalicelib.domain.feedback_views import (
    InboxFilter,
    InboxItemView,
    InboxPage,
    PublicFeedbackPage,
    TeamMark,
)
from chalicelib.services import team_feedback

team_routes = Blueprint(__name__)

_STATES = [state.value for state in TeamState]
_TEAM = channel_parameter("slug", "path", "A team slug, or the general or site channel.", required=True)


@endpoint(
    team_routes,
    Operation(
        "/teams/{slug}/feedback",
        "GET",
        "A team's published feedback, newest first; a mass campaign is shown once with its count",
        "public",
        {200: PublicFeedbackPage, 404: ErrorBody, 422: ErrorBody},
        parameters=(_TEAM, *PAGING_PARAMETERS),
    ),
)
def published(slug: str) -> PublicFeedbackPage:
    params = query_params(team_routes.current_request)
    deps = dependencies.current()
    return team_feedback.published_feedback(
        slug,
        limit=page_size(params),
        cursor=cursor_of(params),
        program=deps.program,
        listings=deps.listings,
        index=deps.screening_index,
    )


@endpoint(
    team_routes,
    Operation(
        "/teams/{slug}/inbox",
        "GET",
        "Screened feedback routed to a team (its members and staff)",
        "teams",
        {200: InboxPage, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 422: ErrorBody},
        parameters=(
            _TEAM,
            *PAGING_PARAMETERS,
            Parameter(
                "order",
                "query",
                "newest (default) or oldest first.",
                schema={"type": "string", "enum": ["newest", "oldest"]},
            ),
            Parameter(
                "state",
                "query",
                "Only the items the team has marked so (new, acknowledged or considered).",
                schema={"type": "string", "enum": _STATES},
            ),
            policy_goal_parameter("policy_goal", "Only the items tagged with this policy goal."),
        ),
        signed_in=True,
    ),
    authorizer=cognito_token,
)
def inbox(slug: str) -> InboxPage:
    request = team_routes.current_request
    caller = caller_from(request.context)
    params = query_params(request)
    deps = dependencies.current()
    return team_feedback.team_inbox(
        caller,
        slug,
        limit=page_size(params),
        cursor=cursor_of(params),
        oldest_first=one_of(params, "order", ["newest", "oldest"], "newest") == "oldest",
        only=_inbox_filter(params),
        program=deps.program,
        listings=deps.listings,
        index=deps.screening_index,
    )


def _inbox_filter(params: dict[str, str]) -> InboxFilter:
    state = one_of(params, "state", _STATES)
    return InboxFilter(
        state=TeamState(state) if state else None, policy_goal=params.get("policy_goal") or None
    )


@endpoint(
    team_routes,
    Operation(
        "/teams/{slug}/inbox/{feedback_id}",
        "POST",
        "Mark an inbox item acknowledged or considered (its team's members and staff)",
        "teams",
        {
            200: InboxItemView,
            **SIGNED_IN_WRITE_REFUSALS,
        },
        request=TeamMark,
        parameters=(_TEAM, Parameter("feedback_id", "path", "The feedback item's id.", required=True)),
        signed_in=True,
    ),
    authorizer=cognito_token,
)
def mark(slug: str, feedback_id: str) -> InboxItemView:
    request = team_routes.current_request
    caller = caller_from(request.context)
    body = parse_body(request.raw_body, TeamMark)
    deps = dependencies.current()
    return team_feedback.mark_inbox_item(
        caller,
        slug,
        feedback_id,
        TeamState(body.state),
        program=deps.program,
        repository=deps.feedback,
        index=deps.screening_index,
        clock=deps.clock,
    )
