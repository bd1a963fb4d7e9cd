"""Staff's approval queue and decisions; the public's approved recommendations and their diffs."""

from chalice.app import Blueprint, Response

from chalicelib import dependencies
from chalicelib.api.auth import caller_from, cognito_token
from chalicelib.api.errors import SIGNED_IN_WRITE_REFUSALS, ErrorBody
from chalicelib.api.queries import (
    PAGING_PARAMETERS,
    cursor_of,
    one_of,
    page_size,
    query_params,
    team_parameter,
)
from chalicelib.api.routing import Operation, Parameter, endpoint, parse_body
from chalicelib.domain.errors import FieldProblem, ValidationFailedError
from chalicelib.domain.recommendation_views import (
    ApprovalDecision,
    PublicRecommendation,
    PublicRecommendationPage,
    RecommendationClaim,
    RecommendationPage,
    WorkingView,
)
from chalicelib.domain.recommendations import RevisionDiff
from chalicelib.services import approvals

approval_routes = Blueprint(__name__)

_REVISION_NUMBER = {"type": "string", "pattern": "^[1-9][0-9]{0,5}$"}
_REC = Parameter("recommendation_id", "path", "The recommendation's id.", required=True)


@endpoint(
    approval_routes,
    Operation(
        "/queues/approval",
        "GET",
        "Revisions waiting for approval, oldest first (staff)",
        "approvals",
        {200: RecommendationPage, 401: ErrorBody, 403: ErrorBody, 422: ErrorBody},
        parameters=PAGING_PARAMETERS,
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
        parameters=(_REC,),
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
        parameters=(_REC,),
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
        parameters=(_REC,),
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


@endpoint(
    approval_routes,
    Operation(
        "/recommendations",
        "GET",
        "Approved recommendations, most recently first approved first",
        "public",
        {200: PublicRecommendationPage, 422: ErrorBody},
        parameters=(*PAGING_PARAMETERS, team_parameter("team", "query", "Only this team's.")),
    ),
)
def published() -> PublicRecommendationPage:
    params = query_params(approval_routes.current_request)
    deps = dependencies.current()
    return approvals.published_recommendations(
        team=one_of(params, "team", deps.program.vocabulary("teams")),
        limit=page_size(params),
        cursor=cursor_of(params),
        program=deps.program,
        repository=deps.recommendations,
    )


@endpoint(
    approval_routes,
    Operation(
        "/recommendations/{recommendation_id}",
        "GET",
        "An approved recommendation: its latest approved revision and the list of approved revisions",
        "public",
        {200: PublicRecommendation, 404: ErrorBody},
        parameters=(_REC,),
    ),
)
def published_one(recommendation_id: str) -> PublicRecommendation:
    return approvals.published_recommendation(
        recommendation_id, repository=dependencies.current().recommendations
    )


@endpoint(
    approval_routes,
    Operation(
        "/recommendations/{recommendation_id}/diff",
        "GET",
        "What changed between two approved revisions, line by line and word by word",
        "public",
        {200: RevisionDiff, 404: ErrorBody, 422: ErrorBody},
        parameters=(
            _REC,
            Parameter(
                "from",
                "query",
                "An approved revision number.",
                True,
                {"type": "string", "pattern": "^[1-9][0-9]{0,5}$"},
            ),
            Parameter(
                "to",
                "query",
                "A later approved revision number.",
                True,
                {"type": "string", "pattern": "^[1-9][0-9]{0,5}$"},
            ),
        ),
    ),
)
def diff(recommendation_id: str) -> RevisionDiff:
    params = query_params(approval_routes.current_request)
    return approvals.published_diff(
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
