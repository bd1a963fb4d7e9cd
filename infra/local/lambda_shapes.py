"""The events and context Lambda hands a function, built from what SQS and DynamoDB Streams return."""

import base64
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from infra.local.dynamo_json import encode_item
from infra.local.template import ACCOUNT_ID


@dataclass
class LambdaContext:
    function_name: str
    region: str
    timeout_seconds: int = 30
    memory_limit_in_mb: int = 1024
    function_version: str = "$LATEST"
    aws_request_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    identity: Any = None
    client_context: Any = None
    _deadline: float = field(default=0.0, repr=False)

    def __post_init__(self) -> None:
        self._deadline = time.monotonic() + self.timeout_seconds

    @property
    def invoked_function_arn(self) -> str:
        return f"arn:aws:lambda:{self.region}:{ACCOUNT_ID}:function:{self.function_name}"

    @property
    def log_group_name(self) -> str:
        return f"/aws/lambda/{self.function_name}"

    @property
    def log_stream_name(self) -> str:
        return f"local/[$LATEST]{self.aws_request_id.replace('-', '')}"

    def get_remaining_time_in_millis(self) -> int:
        return max(0, int((self._deadline - time.monotonic()) * 1000))


def sqs_record(message: dict[str, Any], queue_arn: str, region: str) -> dict[str, Any]:
    record: dict[str, Any] = {
        "messageId": message["MessageId"],
        "receiptHandle": message["ReceiptHandle"],
        "body": message["Body"],
        "attributes": dict(message.get("Attributes", {})),
        "messageAttributes": {
            name: _sqs_message_attribute(value)
            for name, value in message.get("MessageAttributes", {}).items()
        },
        "md5OfBody": message["MD5OfBody"],
        "eventSource": "aws:sqs",
        "eventSourceARN": queue_arn,
        "awsRegion": region,
    }
    if "MD5OfMessageAttributes" in message:
        record["md5OfMessageAttributes"] = message["MD5OfMessageAttributes"]
    return record


def _sqs_message_attribute(value: dict[str, Any]) -> dict[str, Any]:
    shaped: dict[str, Any] = {"stringListValues": [], "binaryListValues": [], "dataType": value["DataType"]}
    if "StringValue" in value:
        shaped["stringValue"] = value["StringValue"]
    if "BinaryValue" in value:
        shaped["binaryValue"] = base64.b64encode(value["BinaryValue"]).decode("ascii")
    return shaped


def dynamodb_record(record: dict[str, Any], stream_arn: str, region: str) -> dict[str, Any]:
    change = record["dynamodb"]
    created = change.get("ApproximateCreationDateTime")
    shaped_change: dict[str, Any] = {
        "ApproximateCreationDateTime": int(created.timestamp()) if isinstance(created, datetime) else created,
        "Keys": encode_item(change.get("Keys", {})),
        "SequenceNumber": change["SequenceNumber"],
        "SizeBytes": change.get("SizeBytes", 0),
        "StreamViewType": change.get("StreamViewType"),
    }
    for image in ("NewImage", "OldImage"):
        if image in change:
            shaped_change[image] = encode_item(change[image])
    shaped: dict[str, Any] = {
        "eventID": record["eventID"],
        "eventName": record["eventName"],
        "eventVersion": "1.1",
        "eventSource": "aws:dynamodb",
        "awsRegion": region,
        "dynamodb": shaped_change,
        "eventSourceARN": stream_arn,
    }
    if "userIdentity" in record:
        # DynamoDB Streams names the fields PrincipalId and Type; Lambda's event, principalId and type.
        identity = record["userIdentity"]
        shaped["userIdentity"] = {"type": identity.get("Type"), "principalId": identity.get("PrincipalId")}
    return shaped
