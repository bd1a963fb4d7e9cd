"""Drafting recommendations: a team's members create them, write revisions, submit one for approval."""

from chalice.app import Blueprint, Response

from chalicelib import dependencies
from chalicelib.api.auth import caller_from, cognito_token
from chalicelib.api.errors import SIGNED_IN_WRITE_REFUSALS, ErrorBody
from chalicelib.api.queries import (
    PAGING_PARAMETERS,
    RECOMMENDATION_ID,
    cursor_of,
    page_size,
    query_params,
    team_parameter,
)
from chalicelib.api.routing import Operation, Parameter, endpoint, parse_body, respond
from chalicelib.domain.recommendation_records import RevisionDraft
from chalicelib.domain.recommendation_views import (
    LinkedFeedbackList,
    LinkedFeedbackView,
    NewLink,
    NewRevision,
    RecommendationHistory,
    RecommendationPage,
    Submission,
    WorkingView,
)
from chalicelib.services import recommendation_links, recommendations

recommendation_routes = Blueprint(__name__)

_TEAM = team_parameter("slug", "path", "A team slug.", required=True)


@endpoint(
    recommendation_routes,
    Operation(
        "/teams/{slug}/recommendations",
        "POST",
        "Start a recommendation: its first revision, a draft (the team's members)",
        "recommendations",
        {201: WorkingView, **SIGNED_IN_WRITE_REFUSALS},
        request=RevisionDraft,
        parameters=(_TEAM,),
        signed_in=True,
    ),
    authorizer=cognito_token,
)
def create(slug: str) -> object:
    request = recommendation_routes.current_request
    caller = caller_from(request.context)
    draft = parse_body(request.raw_body, RevisionDraft)
    deps = dependencies.current()
    created = recommendations.create_recommendation(
        caller, slug, draft, program=deps.program, repository=deps.recommendations, clock=deps.clock
    )
    return respond(created, status=201)


@endpoint(
    recommendation_routes,
    Operation(
        "/teams/{slug}/recommendations",
        "GET",
        "A team's recommendations in every state, most recently changed first (its members and staff)",
        "recommendations",
        {200: RecommendationPage, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 422: ErrorBody},
        parameters=(_TEAM, *PAGING_PARAMETERS),
        signed_in=True,
    ),
    authorizer=cognito_token,
)
def team_list(slug: str) -> RecommendationPage:
    request = recommendation_routes.current_request
    params = query_params(request)
    deps = dependencies.current()
    return recommendations.team_recommendations(
        caller_from(request.context),
        slug,
        limit=page_size(params),
        cursor=cursor_of(params),
        program=deps.program,
        repository=deps.recommendations,
    )


@endpoint(
    recommendation_routes,
    Operation(
        "/recommendations/{recommendation_id}/work",
        "GET",
        "A recommendation as it is worked on: every revision and transition (its team and staff)",
        "recommendations",
        {200: WorkingView, 401: ErrorBody, 404: ErrorBody},
        parameters=(RECOMMENDATION_ID,),
        signed_in=True,
    ),
    authorizer=cognito_token,
)
def work(recommendation_id: str) -> WorkingView:
    caller = caller_from(recommendation_routes.current_request.context)
    return recommendations.working_copy(
        caller, recommendation_id, repository=dependencies.current().recommendations
    )


@endpoint(
    recommendation_routes,
    Operation(
        "/recommendations/{recommendation_id}/revisions",
        "POST",
        "Write a new revision against the one you edited; a stale base answers 409 with the current number",
        "recommendations",
        {201: WorkingView, **SIGNED_IN_WRITE_REFUSALS},
        request=NewRevision,
        parameters=(RECOMMENDATION_ID,),
        signed_in=True,
    ),
    authorizer=cognito_token,
)
def revise(recommendation_id: str) -> object:
    request = recommendation_routes.current_request
    caller = caller_from(request.context)
    revision = parse_body(request.raw_body, NewRevision)
    deps = dependencies.current()
    revised = recommendations.revise_recommendation(
        caller,
        recommendation_id,
        revision,
        program=deps.program,
        repository=deps.recommendations,
        clock=deps.clock,
    )
    return respond(revised, status=201)


@endpoint(
    recommendation_routes,
    Operation(
        "/recommendations/{recommendation_id}/submission",
        "POST",
        "Submit the current revision for approval (the team's members)",
        "recommendations",
        {200: WorkingView, **SIGNED_IN_WRITE_REFUSALS},
        request=Submission,
        parameters=(RECOMMENDATION_ID,),
        signed_in=True,
    ),
    authorizer=cognito_token,
)
def submit(recommendation_id: str) -> WorkingView:
    request = recommendation_routes.current_request
    caller = caller_from(request.context)
    submission = parse_body(request.raw_body, Submission)
    deps = dependencies.current()
    return recommendations.submit_for_approval(
        caller, recommendation_id, submission, repository=deps.recommendations, clock=deps.clock
    )


@endpoint(
    recommendation_routes,
    Operation(
        "/recommendations/{recommendation_id}/history",
        "GET",
        "Every transition with who, when and why, hash-chained (its team and staff)",
        "recommendations",
        {200: RecommendationHistory, 401: ErrorBody, 404: ErrorBody},
        parameters=(RECOMMENDATION_ID,),
        signed_in=True,
    ),
    authorizer=cognito_token,
)
def history(recommendation_id: str) -> RecommendationHistory:
    caller = caller_from(recommendation_routes.current_request.context)
    repository = dependencies.current().recommendations
    return recommendations.recommendation_history(caller, recommendation_id, repository=repository)


@endpoint(
    recommendation_routes,
    Operation(
        "/recommendations/{recommendation_id}/links",
        "POST",
        "Link a feedback item the recommendation answers: the team's own, general, or (for a team that "
        "works across teams) any team's. Linking one already linked answers 200 and changes nothing",
        "recommendations",
        {201: LinkedFeedbackView, 200: LinkedFeedbackView, **SIGNED_IN_WRITE_REFUSALS},
        request=NewLink,
        parameters=(RECOMMENDATION_ID,),
        signed_in=True,
    ),
    authorizer=cognito_token,
)
def link(recommendation_id: str) -> object:
    request = recommendation_routes.current_request
    caller = caller_from(request.context)
    new_link = parse_body(request.raw_body, NewLink)
    deps = dependencies.current()
    linked, created = recommendation_links.link_feedback(
        caller,
        recommendation_id,
        new_link,
        program=deps.program,
        repository=deps.recommendations,
        feedback=deps.feedback,
        clock=deps.clock,
    )
    return respond(linked, status=201 if created else 200)


@endpoint(
    recommendation_routes,
    Operation(
        "/recommendations/{recommendation_id}/links",
        "GET",
        "The feedback a recommendation answers, masked, published or not (its team and staff)",
        "recommendations",
        {200: LinkedFeedbackList, 401: ErrorBody, 404: ErrorBody},
        parameters=(RECOMMENDATION_ID,),
        signed_in=True,
    ),
    authorizer=cognito_token,
)
def links(recommendation_id: str) -> LinkedFeedbackList:
    caller = caller_from(recommendation_routes.current_request.context)
    deps = dependencies.current()
    return recommendation_links.linked_feedback(
        caller, recommendation_id, repository=deps.recommendations, feedback=deps.feedback
    )


@endpoint(
    recommendation_routes,
    Operation(
        "/recommendations/{recommendation_id}/links/{feedback_id}",
        "DELETE",
        "Unlink a feedback item (the team's members)",
        "recommendations",
        {204: None, **SIGNED_IN_WRITE_REFUSALS},
        parameters=(
            RECOMMENDATION_ID,
            Parameter("feedback_id", "path", "The linked feedback item's id.", required=True),
        ),
        signed_in=True,
    ),
    authorizer=cognito_token,
)
def unlink(recommendation_id: str, feedback_id: str) -> Response:
    caller = caller_from(recommendation_routes.current_request.context)
    deps = dependencies.current()
    recommendation_links.unlink_feedback(
        caller, recommendation_id, feedback_id, repository=deps.recommendations, clock=deps.clock
    )
    return Response(body="", status_code=204)
