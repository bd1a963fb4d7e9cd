"""Questions about an event: anyone asks; staff and the event's contact list, claim and answer them."""

from chalice.app import Blueprint, Response

from chalicelib import dependencies
from chalicelib.api.auth import caller_from, cognito_token
from chalicelib.api.errors import SIGNED_IN_WRITE_REFUSALS, ErrorBody
from chalicelib.api.queries import PAGING_PARAMETERS, cursor_of, page_size, query_params
from chalicelib.api.routing import Operation, Parameter, endpoint, parse_body, respond
from chalicelib.domain.question_views import (
    AnswerForm,
    QuestionClaim,
    QuestionForm,
    QuestionPage,
    QuestionReceipt,
    QuestionView,
)
from chalicelib.services import event_questions

question_routes = Blueprint(__name__)

_EVENT = Parameter("event_id", "path", "The event's id.", required=True)
_QUESTION = Parameter("question_id", "path", "The question's id.", required=True)
_REFUSALS = {401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody}


@endpoint(
    question_routes,
    Operation(
        "/events/{event_id}/questions",
        "POST",
        "Ask the event's contact a question; the answer is emailed back",
        "events",
        {
            201: QuestionReceipt,
            400: ErrorBody,
            404: ErrorBody,
            413: ErrorBody,
            415: ErrorBody,
            422: ErrorBody,
        },
        request=QuestionForm,
        parameters=(_EVENT,),
        private=True,
    ),
)
def ask(event_id: str) -> Response:
    form = parse_body(question_routes.current_request.raw_body, QuestionForm)
    deps = dependencies.current()
    receipt = event_questions.ask(
        event_id,
        form,
        program_id=deps.program.id,
        events=deps.events,
        repository=deps.questions,
        clock=deps.clock,
    )
    return respond(receipt, 201)


@endpoint(
    question_routes,
    Operation(
        "/events/{event_id}/questions",
        "GET",
        "An event's questions, oldest first, with their answers and history (staff, the event's contact)",
        "events",
        {200: QuestionPage, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 422: ErrorBody},
        parameters=(_EVENT, *PAGING_PARAMETERS),
        signed_in=True,
    ),
    authorizer=cognito_token,
)
def of_event(event_id: str) -> QuestionPage:
    request = question_routes.current_request
    params = query_params(request)
    deps = dependencies.current()
    return event_questions.questions_of_event(
        caller_from(request.context),
        event_id,
        limit=page_size(params),
        cursor=cursor_of(params),
        program_id=deps.program.id,
        events=deps.events,
        repository=deps.questions,
    )


@endpoint(
    question_routes,
    Operation(
        "/queues/questions",
        "GET",
        "Questions about events waiting for an answer, oldest first (staff)",
        "events",
        {200: QuestionPage, 401: ErrorBody, 403: ErrorBody, 422: ErrorBody},
        parameters=PAGING_PARAMETERS,
        signed_in=True,
    ),
    authorizer=cognito_token,
)
def queue() -> QuestionPage:
    request = question_routes.current_request
    params = query_params(request)
    deps = dependencies.current()
    return event_questions.waiting_questions(
        caller_from(request.context),
        limit=page_size(params),
        cursor=cursor_of(params),
        program_id=deps.program.id,
        repository=deps.questions,
    )


@endpoint(
    question_routes,
    Operation(
        "/queues/questions/{question_id}/claim",
        "POST",
        "Claim a question for a few minutes, so no one else answers it meanwhile (staff, event contact)",
        "events",
        {200: QuestionClaim, **_REFUSALS},
        parameters=(_QUESTION,),
        signed_in=True,
    ),
    authorizer=cognito_token,
)
def claim(question_id: str) -> QuestionClaim:
    deps = dependencies.current()
    return event_questions.claim(
        caller_from(question_routes.current_request.context),
        question_id,
        events=deps.events,
        repository=deps.questions,
        clock=deps.clock,
        lease=deps.claim_lease,
    )


@endpoint(
    question_routes,
    Operation(
        "/queues/questions/{question_id}/claim",
        "DELETE",
        "Give a claimed question back to the queue (staff, the event's contact)",
        "events",
        {204: None, **_REFUSALS},
        parameters=(_QUESTION,),
        signed_in=True,
    ),
    authorizer=cognito_token,
)
def release(question_id: str) -> Response:
    deps = dependencies.current()
    event_questions.release(
        caller_from(question_routes.current_request.context),
        question_id,
        events=deps.events,
        repository=deps.questions,
        clock=deps.clock,
    )
    return Response(body="", status_code=204)


@endpoint(
    question_routes,
    Operation(
        "/queues/questions/{question_id}/answer",
        "POST",
        "Answer a question; the answer is emailed to whoever asked (staff, the event's contact)",
        "events",
        {200: QuestionView, **SIGNED_IN_WRITE_REFUSALS},
        request=AnswerForm,
        parameters=(_QUESTION,),
        signed_in=True,
    ),
    authorizer=cognito_token,
)
def answer(question_id: str) -> QuestionView:
    request = question_routes.current_request
    form = parse_body(request.raw_body, AnswerForm)
    deps = dependencies.current()
    return event_questions.answer(
        caller_from(request.context),
        question_id,
        form,
        events=deps.events,
        repository=deps.questions,
        clock=deps.clock,
    )
