"""Every AWS failure the adapters meet becomes a domain error, and the API answers each as its one table
(chalicelib/api/errors.py) says: a busy service 503 with Retry-After, a refused condition what the
refused write means, anything else 500. A cancelled transaction is read by the names of its writes."""

import ast
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from botocore.exceptions import (
    ClientError,
    ConnectionClosedError,
    ConnectTimeoutError,
    EndpointConnectionError,
    NoCredentialsError,
    ParamValidationError,
    ReadTimeoutError,
)

from chalicelib.adapters.aws_errors import BUSY_CODES, BUSY_REASONS
from chalicelib.adapters.feedback_repository import DynamoFeedbackRepository
from chalicelib.adapters.outbound import SesMailer, SqsWorkQueues
from chalicelib.adapters.recommendation_repository import DynamoRecommendationRepository
from chalicelib.adapters.transactions import CONFLICT_ATTEMPTS
from chalicelib.api.failures import failure_response
from chalicelib.domain import moderation
from chalicelib.domain.errors import ServiceBusyError, ServiceFailedError, StaleVersionError
from chalicelib.domain.feedback import AuditEvent, Feedback, FeedbackStatus
from chalicelib.domain.idempotency import IdempotencyClaim, IdempotencyKeyTakenError
from chalicelib.domain.limits import Admission, SourceOverLimitError
from chalicelib.domain.recommendation_drafting import create
from chalicelib.domain.recommendation_records import RevisionDraft
from chalicelib.domain.work import WorkMessage

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
ROOT = Path(__file__).resolve().parents[2]


class FailingAws:
    """A boto3 client whose calls fail with the errors given, one per call, then succeed."""

    def __init__(self, *failures: Exception, stored: dict[str, Any] | None = None) -> None:
        self.failures = list(failures)
        self.stored = stored or {}
        self.calls: list[str] = []

    def _call(self, operation: str, answer: dict[str, Any]) -> dict[str, Any]:
        self.calls.append(operation)
        if self.failures:
            raise self.failures.pop(0)
        return answer

    def get_item(self, **_: Any) -> dict[str, Any]:
        return self._call("GetItem", {"Item": self.stored} if self.stored else {})

    def transact_write_items(self, **_: Any) -> dict[str, Any]:
        return self._call("TransactWriteItems", {})

    def send_message(self, **_: Any) -> dict[str, Any]:
        return self._call("SendMessage", {})

    def send_email(self, **_: Any) -> dict[str, Any]:
        return self._call("SendEmail", {})


def aws_error(code: str, status: int = 400, operation: str = "GetItem") -> ClientError:
    return ClientError(
        {"Error": {"Code": code, "Message": code}, "ResponseMetadata": {"HTTPStatusCode": status}}, operation
    )


def cancelled(*reasons: str) -> ClientError:
    return ClientError(
        {
            "Error": {"Code": "TransactionCanceledException", "Message": "cancelled"},
            "CancellationReasons": [{"Code": reason} for reason in reasons],
        },
        "TransactWriteItems",
    )


BUSY, FAILED = (ServiceBusyError, 503), (ServiceFailedError, 500)

# What each error an AWS call can raise becomes, and what the API answers.
SINGLE_CALL_ERRORS: dict[str, tuple[Exception, tuple[type[Exception], int]]] = {
    **{code: (aws_error(code), BUSY) for code in sorted(BUSY_CODES)},
    "ThrottlingException (SQS)": (aws_error("ThrottlingException", 400, "SendMessage"), BUSY),
    "an unnamed 503": (aws_error("SlowDownPlease", 503), BUSY),
    "an unnamed 500": (aws_error("Mystery", 500), BUSY),
    "ValidationException": (aws_error("ValidationException"), FAILED),
    "AccessDeniedException": (aws_error("AccessDeniedException"), FAILED),
    "ResourceNotFoundException": (aws_error("ResourceNotFoundException"), FAILED),
    "MessageRejected (SES)": (aws_error("MessageRejected", 400, "SendEmail"), FAILED),
    "ConditionalCheckFailedException, its meaning unnamed": (
        aws_error("ConditionalCheckFailedException"),
        FAILED,
    ),
    "a read timeout": (ReadTimeoutError(endpoint_url="https://dynamodb"), BUSY),
    "a connect timeout": (ConnectTimeoutError(endpoint_url="https://dynamodb"), BUSY),
    "no route to the endpoint": (EndpointConnectionError(endpoint_url="https://dynamodb"), BUSY),
    "a connection closed mid-answer": (ConnectionClosedError(endpoint_url="https://dynamodb"), BUSY),
    "no credentials": (NoCredentialsError(), FAILED),
    "a request botocore refuses to send": (ParamValidationError(report="bad"), FAILED),
}

# What a cancelled transaction becomes, by why its writes failed (the feedback item's own write first).
TRANSACTION_ERRORS: dict[str, tuple[tuple[str, ...], tuple[type[Exception], int]]] = {
    "the item changed since it was read": (("ConditionalCheckFailed", "None"), (StaleVersionError, 409)),
    "throttled": (("None", "ThrottlingError"), BUSY),
    "over its provisioned throughput": (("ProvisionedThroughputExceeded", "None"), BUSY),
    "a conflict that outlasts every attempt": (("TransactionConflict", "None"), BUSY),
    "a write DynamoDB refuses as invalid": (("None", "ValidationError"), FAILED),
    "an item collection over its size limit": (("ItemCollectionSizeLimitExceeded", "None"), FAILED),
}


def feedback() -> Feedback:
    return Feedback(
        id="01JD0000000000000000000000",
        program_id="msip-6",
        team="climate-and-culture",
        body="Please post the bus routes.",
        policy_goals=[],
        consent_to_publish=True,
        status=FeedbackStatus.RECEIVED,
        submitted_at=NOW,
        receipt_hash="0" * 64,
    )


def first_event() -> AuditEvent:
    return AuditEvent(
        subject_id=feedback().id, at=NOW, action="received", actor="public", to_status="received"
    )


def transition() -> moderation.Transition:
    item = feedback()
    return moderation.Transition(item.model_copy(update={"version": 2}), first_event())


def assert_answered(error: Exception, expected: tuple[type[Exception], int]) -> None:
    kind, status = expected
    assert type(error) is kind
    response = failure_response(error)
    assert response.status_code == status
    assert ("Retry-After" in response.headers) == (status == 503)
    assert response.body["error"]["message"] and "Exception" not in response.body["error"]["message"]


@pytest.mark.parametrize(("raised", "expected"), SINGLE_CALL_ERRORS.values(), ids=SINGLE_CALL_ERRORS.keys())
def test_an_aws_error_on_a_read_becomes_a_domain_error_the_api_answers_with_its_status(raised, expected):
    repository = DynamoFeedbackRepository(FailingAws(raised), "table")

    with pytest.raises(Exception) as caught:
        repository.get("01JD0000000000000000000000")

    assert caught.value.__cause__ is raised
    assert_answered(caught.value, expected)


@pytest.mark.parametrize(
    ("raised", "expected"),
    [
        (aws_error("ThrottlingException", 400, "SendMessage"), BUSY),
        (aws_error("MessageRejected", 400, "SendEmail"), FAILED),
    ],
    ids=["SQS throttled", "SES refused"],
)
def test_the_queue_and_mail_adapters_translate_the_same_way(raised, expected):
    queues = SqsWorkQueues(FailingAws(raised), {"screening": "https://sqs/screening"})
    mailer = SesMailer(FailingAws(raised), "no-reply@example.org")

    with pytest.raises(Exception) as from_queue:
        queues.send(WorkMessage("screening", {"feedback_id": "1"}))
    with pytest.raises(Exception) as from_mail:
        mailer.send("ana@example.org", "Subject", "Text")

    assert_answered(from_queue.value, expected)
    assert_answered(from_mail.value, expected)


@pytest.mark.parametrize(("reasons", "expected"), TRANSACTION_ERRORS.values(), ids=TRANSACTION_ERRORS.keys())
def test_a_cancelled_transaction_becomes_a_domain_error_the_api_answers_with_its_status(reasons, expected):
    aws = FailingAws(*[cancelled(*reasons) for _ in range(CONFLICT_ATTEMPTS)])

    with pytest.raises(Exception) as caught:
        DynamoFeedbackRepository(aws, "table").save(transition(), expected_version=1)

    assert_answered(caught.value, expected)


def test_every_code_and_reason_counted_busy_has_a_row_in_the_table():
    assert set(BUSY_CODES) <= set(SINGLE_CALL_ERRORS)
    assert {reason for reasons, _ in TRANSACTION_ERRORS.values() for reason in reasons} >= BUSY_REASONS


def test_both_repositories_read_a_refused_version_as_a_stale_version():
    draft = RevisionDraft(title="Growth", body="Count growth.", change_summary="First.")
    change = create(
        recommendation_id="01JD0000000000000000000009",
        program_id="msip-6",
        team="climate-and-culture",
        draft=draft,
        author="ana",
        now=NOW,
    )
    feedback_aws, recommendation_aws = (
        FailingAws(cancelled("ConditionalCheckFailed", "None")),
        FailingAws(cancelled("ConditionalCheckFailed", "None", "None")),
    )

    with pytest.raises(StaleVersionError):
        DynamoFeedbackRepository(feedback_aws, "table").save(transition(), expected_version=1)
    with pytest.raises(StaleVersionError):
        DynamoRecommendationRepository(recommendation_aws, "table").save(change, expected_version=None)


def test_both_repositories_try_a_transaction_conflict_again_and_then_succeed():
    draft = RevisionDraft(title="Growth", body="Count growth.", change_summary="First.")
    change = create(
        recommendation_id="01JD0000000000000000000009",
        program_id="msip-6",
        team="climate-and-culture",
        draft=draft,
        author="ana",
        now=NOW,
    )
    feedback_aws = FailingAws(cancelled("TransactionConflict", "None"))
    recommendation_aws = FailingAws(cancelled("None", "TransactionConflict", "None"))

    DynamoFeedbackRepository(feedback_aws, "table").save(transition(), expected_version=1)
    DynamoRecommendationRepository(recommendation_aws, "table").save(change, expected_version=None)

    assert feedback_aws.calls == recommendation_aws.calls == ["TransactWriteItems", "TransactWriteItems"]


STORED_CLAIM = {
    "request_fingerprint": {"S": "f" * 64},
    "subject_id": {"S": "01JD0000000000000000000001"},
    "response": {"M": {"id": {"S": "01JD0000000000000000000001"}}},
    "claimed_at": {"S": NOW.isoformat()},
}


def claim() -> IdempotencyClaim:
    return IdempotencyClaim(
        key_hash="k" * 64, request_fingerprint="f" * 64, subject_id=feedback().id, response={}, claimed_at=NOW
    )


@pytest.mark.parametrize(
    ("with_claim", "reasons", "refusal"),
    [
        (True, ("None", "None", "ConditionalCheckFailed", "None"), IdempotencyKeyTakenError),
        (True, ("None", "None", "None", "ConditionalCheckFailed"), SourceOverLimitError),
        (False, ("None", "None", "ConditionalCheckFailed"), SourceOverLimitError),
    ],
    ids=["the key is taken", "the source is over its limit", "over the limit, with no key sent"],
)
def test_a_refused_submission_is_read_by_the_name_of_the_write_that_failed_wherever_it_stands(
    with_claim, reasons, refusal
):
    aws = FailingAws(cancelled(*reasons), stored=STORED_CLAIM)
    admission = Admission(source="203.0.113.9", minute=NOW, per_minute=30)

    with pytest.raises(refusal):
        DynamoFeedbackRepository(aws, "table").add(
            feedback(), first_event(), claim() if with_claim else None, admission
        )


def test_only_the_adapters_import_boto3_or_botocore():
    importers = []
    for path in sorted((ROOT / "chalicelib").rglob("*.py")):
        if (ROOT / "chalicelib" / "adapters") in path.parents:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(name.split(".")[0] in {"boto3", "botocore"} for name in names):
                importers.append(str(path.relative_to(ROOT)))

    assert importers == []
