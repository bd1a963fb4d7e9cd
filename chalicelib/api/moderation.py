"""Staff moderation: the queue, claims, decisions, and an item's history."""

from chalice.app import Blueprint, Response

from chalicelib import dependencies
from chalicelib.api.auth import caller_from, cognito_token
from chalicelib.api.errors import SIGNED_IN_WRITE_REFUSALS, ErrorBody
from chalicelib.api.queries import (
    PAGING_PARAMETERS,
    channel_parameter,
    cursor_of,
    one_of,
    page_size,
    query_params,
)
from chalicelib.api.routing import Operation, Parameter, endpoint, parse_body
from chalicelib.domain.feedback_views import ClaimView, Decision, DecisionResult, HistoryView, QueuePage
from chalicelib.services import moderation

moderation_routes = Blueprint(__name__)

_ITEM = Parameter("feedback_id", "path", "The feedback item's id.", required=True)
_REFUSALS = {401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody}


@endpoint(
    moderation_routes,
    Operation(
        "/queues/moderation",
        "GET",
        "Feedback waiting for moderation, oldest first (staff)",
        "moderation",
        {200: QueuePage, 401: ErrorBody, 403: ErrorBody, 422: ErrorBody},
        parameters=(
            *PAGING_PARAMETERS,
            channel_parameter("team", "query", "Only this team's (or channel's) items."),
        ),
        signed_in=True,
    ),
    authorizer=cognito_token,
)
def queue() -> QueuePage:
    request = moderation_routes.current_request
    caller = caller_from(request.context)
    params = query_params(request)
    deps = dependencies.current()
    return moderation.moderation_queue(
        caller,
        team=one_of(params, "team", deps.program.vocabulary("channels")),
        limit=page_size(params),
        cursor=cursor_of(params),
        program=deps.program,
        listings=deps.listings,
        index=deps.screening_index,
    )


@endpoint(
    moderation_routes,
    Operation(
        "/queues/moderation/{feedback_id}/claim",
        "POST",
        "Claim an item for a few minutes, so no other reviewer decides it meanwhile (staff)",
        "moderation",
        {200: ClaimView, **_REFUSALS},
        parameters=(_ITEM,),
        signed_in=True,
    ),
    authorizer=cognito_token,
)
def claim(feedback_id: str) -> ClaimView:
    deps = dependencies.current()
    return moderation.claim_item(
        caller_from(moderation_routes.current_request.context),
        feedback_id,
        repository=deps.feedback,
        clock=deps.clock,
        lease=deps.claim_lease,
    )


@endpoint(
    moderation_routes,
    Operation(
        "/queues/moderation/{feedback_id}/claim",
        "DELETE",
        "Give a claimed item back to the queue (staff)",
        "moderation",
        {204: None, **_REFUSALS},
        parameters=(_ITEM,),
        signed_in=True,
    ),
    authorizer=cognito_token,
)
def release(feedback_id: str) -> Response:
    deps = dependencies.current()
    moderation.release_item(
        caller_from(moderation_routes.current_request.context),
        feedback_id,
        repository=deps.feedback,
        clock=deps.clock,
    )
    return Response(body="", status_code=204)


@endpoint(
    moderation_routes,
    Operation(
        "/queues/moderation/{feedback_id}/decision",
        "POST",
        "Publish (optionally redacted) or reject an item, or its whole duplicate cluster (staff)",
        "moderation",
        {200: DecisionResult, **SIGNED_IN_WRITE_REFUSALS},
        request=Decision,
        parameters=(_ITEM,),
        signed_in=True,
    ),
    authorizer=cognito_token,
)
def decide(feedback_id: str) -> DecisionResult:
    request = moderation_routes.current_request
    caller = caller_from(request.context)
    decision = parse_body(request.raw_body, Decision)
    deps = dependencies.current()
    return moderation.decide(
        caller, feedback_id, decision, repository=deps.feedback, index=deps.screening_index, clock=deps.clock
    )


@endpoint(
    moderation_routes,
    Operation(
        "/feedback/{feedback_id}/history",
        "GET",
        "Every transition of an item: who, when, why (staff)",
        "moderation",
        {200: HistoryView, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody},
        parameters=(_ITEM,),
        signed_in=True,
    ),
    authorizer=cognito_token,
)
def history(feedback_id: str) -> HistoryView:
    caller = caller_from(moderation_routes.current_request.context)
    return moderation.item_history(caller, feedback_id, repository=dependencies.current().feedback)
