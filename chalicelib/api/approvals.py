"""Staff's approval queue: claims and decisions on submitted revisions."""

from chalice.app import Blueprint, Response

from chalicelib import dependencies
from chalicelib.api.auth import caller_from, cognito_token
from chalicelib.api.errors import SIGNED_IN_WRITE_REFUSALS, ErrorBody
from chalicelib.api.queries import (
    PAGING_PARAMETERS,
    RECOMMENDATION_ID,
    cursor_of,
    one_of,
    page_size,
    query_params,
    team_parameter,
)
from chalicelib.api.routing import Operation, endpoint, parse_body
from chalicelib.domain.recommendation_views import (
    ApprovalDecision,
    RecommendationClaim,
    RecommendationPage,
    WorkingView,
)
from chalicelib.services import approvals

approval_routes = Blueprint(__name__)


@endpoint(
    approval_routes,
    Operation(
        "/queues/approval",
        "GET",
        "Revisions waiting for approval, oldest first (staff)",
        "approvals",
        {200: RecommendationPage, 401: ErrorBody, 403: ErrorBody, 422: ErrorBody},
        parameters=(*PAGING_PARAMETERS, team_parameter("team", "query", "Only this team's.")),
        signed_in=True,
    ),
    authorizer=cognito_token,
)
def queue() -> RecommendationPage:
    request = approval_routes.current_request
    params = query_params(request)
    deps = dependencies.current()
    return approvals.approval_queue(
        caller_from(request.context),
        team=one_of(params, "team", deps.program.vocabulary("teams")),
        limit=page_size(params),
        cursor=cursor_of(params),
        program=deps.program,
        repository=deps.recommendations,
    )


@endpoint(
    approval_routes,
    Operation(
        "/queues/approval/{recommendation_id}/claim",
        "POST",
        "Claim a submitted revision for a few minutes, so no other reviewer decides it meanwhile (staff)",
        "approvals",
        {200: RecommendationClaim, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody},
        parameters=(RECOMMENDATION_ID,),
        signed_in=True,
    ),
    authorizer=cognito_token,
)
def claim(recommendation_id: str) -> RecommendationClaim:
    deps = dependencies.current()
    return approvals.claim_for_review(
        caller_from(approval_routes.current_request.context),
        recommendation_id,
        repository=deps.recommendations,
        clock=deps.clock,
        lease=deps.claim_lease,
    )


@endpoint(
    approval_routes,
    Operation(
        "/queues/approval/{recommendation_id}/claim",
        "DELETE",
        "Give a claimed revision back to the queue (staff)",
        "approvals",
        {204: None, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody},
        parameters=(RECOMMENDATION_ID,),
        signed_in=True,
    ),
    authorizer=cognito_token,
)
def release(recommendation_id: str) -> Response:
    deps = dependencies.current()
    approvals.release_claim(
        caller_from(approval_routes.current_request.context),
        recommendation_id,
        repository=deps.recommendations,
        clock=deps.clock,
    )
    return Response(body="", status_code=204)


@endpoint(
    approval_routes,
    Operation(
        "/queues/approval/{recommendation_id}/decision",
        "POST",
        "Approve, request changes to (with a comment, optionally quoting a paragraph), or reject a revision",
        "approvals",
        {
            200: WorkingView,
            **SIGNED_IN_WRITE_REFUSALS,
        },
        request=ApprovalDecision,
        parameters=(RECOMMENDATION_ID,),
        signed_in=True,
    ),
    authorizer=cognito_token,
)
def decide(recommendation_id: str) -> WorkingView:
    request = approval_routes.current_request
    caller = caller_from(request.context)
    decision = parse_body(request.raw_body, ApprovalDecision)
    deps = dependencies.current()
    return approvals.decide_revision(
        caller, recommendation_id, decision, repository=deps.recommendations, clock=deps.clock
    )
