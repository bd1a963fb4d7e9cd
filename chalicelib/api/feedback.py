"""Public feedback intake and the submitter's receipt view."""

import re
from typing import Any

from aws_lambda_powertools.metrics import MetricUnit
from chalice.app import Blueprint, Request

from chalicelib import dependencies
from chalicelib.api.errors import ErrorBody
from chalicelib.api.routing import Operation, Parameter, endpoint, parse_body, respond
from chalicelib.domain.errors import FieldProblem, MalformedRequestError, ValidationFailedError
from chalicelib.domain.feedback import HONEYPOT_FIELD, FeedbackSubmission
from chalicelib.domain.form_token import issue_form_token
from chalicelib.domain.receipts import FormToken, ReceiptView, SubmissionReceipt
from chalicelib.observability import metrics
from chalicelib.services.feedback import Arrival, submit_feedback, view_by_receipt

feedback_routes = Blueprint(__name__)

IDEMPOTENCY_HEADER = "idempotency-key"
RECEIPT_HEADER = "Receipt"
_KEY_PATTERN = r"^[\x21-\x7e]{1,255}$"

SUBMIT = Operation(
    "/feedback",
    "POST",
    "Send feedback to a team, to the program in general, or about a problem with this site",
    "feedback",
    {
        202: SubmissionReceipt,
        400: ErrorBody,
        409: ErrorBody,
        413: ErrorBody,
        415: ErrorBody,
        422: ErrorBody,
        429: ErrorBody,
    },
    request=FeedbackSubmission,
    parameters=(
        Parameter(
            "Idempotency-Key",
            "header",
            "Any unique string per submission; a retry with the same key and body returns the same receipt.",
            schema={"type": "string", "pattern": _KEY_PATTERN},
        ),
    ),
    private=True,
)
VIEW = Operation(
    "/feedback/{feedback_id}",
    "GET",
    "What has happened to a submission, for the person holding its receipt",
    "feedback",
    {200: ReceiptView, 400: ErrorBody, 404: ErrorBody},
    parameters=(
        Parameter("feedback_id", "path", "The id returned on submission.", required=True),
        Parameter(
            "receipt", "query", "The receipt returned on submission, unless it is sent in the Receipt header."
        ),
        Parameter(
            RECEIPT_HEADER,
            "header",
            "The receipt returned on submission: a header keeps it out of addresses and their logs.",
        ),
    ),
    private=True,
)


@endpoint(feedback_routes, SUBMIT)
def submit() -> object:
    request = feedback_routes.current_request
    submission = parse_body(request.raw_body, FeedbackSubmission)
    key = _idempotency_key(request.headers.get(IDEMPOTENCY_HEADER))
    return respond(received(submission, request, key), status=202)


def received(
    submission: FeedbackSubmission, request: Request, idempotency_key: str | None
) -> SubmissionReceipt:
    """Feedback stored as sent through this API or through the site's form, and counted."""
    deps = dependencies.current()
    answer = submit_feedback(
        submission,
        program=deps.program,
        repository=deps.feedback,
        clock=deps.clock,
        arrival=Arrival(deps.form_secret, _source_address(request.context)),
        door=deps.door,
        idempotency_key=idempotency_key,
    )
    metrics.add_metric(name="FeedbackReceived", unit=MetricUnit.Count, value=1)
    return answer


@endpoint(feedback_routes, VIEW)
def view(feedback_id: str) -> ReceiptView:
    request = feedback_routes.current_request
    deps = dependencies.current()
    return view_by_receipt(
        feedback_id,
        _receipt(request),
        program=deps.program,
        repository=deps.feedback,
        citations=deps.recommendations,
    )


def _receipt(request: Request) -> str | None:
    query = request.query_params
    sent = query.getlist("receipt") if query and "receipt" in query else []
    header = request.headers.get(RECEIPT_HEADER)
    if header is not None:
        sent.append(header)
    if len(sent) > 1:
        raise MalformedRequestError(
            "The receipt was sent more than once.",
            [FieldProblem("receipt", f"must be sent once: in the query or in the {RECEIPT_HEADER} header")],
        )
    return sent[0] if sent else None


def _source_address(context: dict[str, Any]) -> str | None:
    identity = context.get("identity") or {}
    address = identity.get("sourceIp")
    return str(address) if address else None


def _idempotency_key(value: str | None) -> str | None:
    if value is None:
        return None
    if not re.fullmatch(_KEY_PATTERN, value):
        raise ValidationFailedError(
            "The Idempotency-Key header is not usable.",
            [FieldProblem("Idempotency-Key", "must be 1 to 255 visible ASCII characters, without spaces")],
        )
    return value


FORM_TOKEN = Operation(
    "/form-token",
    "GET",
    "A token for the feedback form: send it back with the form (it tells screening a person filled it in)",
    "feedback",
    {200: FormToken},
    private=True,
)


@endpoint(feedback_routes, FORM_TOKEN)
def form_token() -> FormToken:
    deps = dependencies.current()
    return FormToken(
        form_token=issue_form_token(deps.form_secret, deps.clock()), honeypot_field=HONEYPOT_FIELD
    )
