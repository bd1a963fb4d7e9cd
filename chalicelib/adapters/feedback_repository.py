"""Feedback in DynamoDB: an item, its audit events in the same partition, and idempotency claims."""

import time
from datetime import datetime
from typing import Any

from boto3.dynamodb.types import TypeDeserializer, TypeSerializer
from botocore.exceptions import ClientError

from chalicelib.adapters import keys
from chalicelib.domain.feedback import AuditEvent, Feedback
from chalicelib.domain.idempotency import IdempotencyClaim, IdempotencyKeyTakenError

_serializer = TypeSerializer()
_deserializer = TypeDeserializer()
_CONFLICT_RETRIES = 4


def to_item(attributes: dict[str, Any]) -> dict[str, Any]:
    return {name: _serializer.serialize(value) for name, value in attributes.items() if value is not None}


def from_item(item: dict[str, Any]) -> dict[str, Any]:
    return {name: _deserializer.deserialize(value) for name, value in item.items()}


class DynamoFeedbackRepository:
    def __init__(self, dynamodb: Any, table_name: str) -> None:
        self._dynamodb = dynamodb
        self._table = table_name

    def add(self, feedback: Feedback, first_event: AuditEvent, claim: IdempotencyClaim | None) -> None:
        writes = [
            {
                "Put": {
                    "TableName": self._table,
                    "Item": self._feedback_item(feedback),
                    "ConditionExpression": "attribute_not_exists(PK)",
                }
            },
            {"Put": {"TableName": self._table, "Item": self._event_item(first_event)}},
        ]
        if claim is not None:
            writes.append(
                {
                    "Put": {
                        "TableName": self._table,
                        "Item": self._claim_item(claim),
                        "ConditionExpression": "attribute_not_exists(PK) OR expires_at < :now",
                        "ExpressionAttributeValues": {":now": {"N": str(int(claim.claimed_at.timestamp()))}},
                    }
                }
            )
        self._transact(writes, claim)

    def get_with_history(self, feedback_id: str) -> tuple[Feedback, list[AuditEvent]] | None:
        pages = self._dynamodb.get_paginator("query").paginate(
            TableName=self._table,
            KeyConditionExpression="PK = :pk",
            ExpressionAttributeValues={":pk": {"S": keys.feedback_pk(feedback_id)}},
            ConsistentRead=True,
        )
        feedback: Feedback | None = None
        events: list[AuditEvent] = []
        for page in pages:
            for raw in page["Items"]:
                item = from_item(raw)
                if item["SK"] == keys.FEEDBACK_SK:
                    feedback = Feedback.model_validate(item, strict=False)
                elif item["SK"].startswith("EVENT#"):
                    events.append(AuditEvent.model_validate(item))
        return (feedback, events) if feedback else None

    def _transact(self, writes: list[dict[str, Any]], claim: IdempotencyClaim | None) -> None:
        for attempt in range(_CONFLICT_RETRIES):
            try:
                self._dynamodb.transact_write_items(TransactItems=writes)
                return
            except ClientError as error:
                codes = _cancellation_codes(error)
                if claim is not None and len(codes) > 2 and codes[2] == "ConditionalCheckFailed":
                    raise IdempotencyKeyTakenError(self._stored_claim(claim.key_hash)) from error
                if "TransactionConflict" not in codes or attempt == _CONFLICT_RETRIES - 1:
                    raise
                time.sleep(0.05 * 2**attempt)

    def _stored_claim(self, key_hash: str) -> IdempotencyClaim:
        response = self._dynamodb.get_item(
            TableName=self._table,
            Key={"PK": {"S": keys.idempotency_pk(key_hash)}, "SK": {"S": keys.IDEMPOTENCY_SK}},
            ConsistentRead=True,
        )
        item = from_item(response["Item"])
        return IdempotencyClaim(
            key_hash=key_hash,
            request_fingerprint=item["request_fingerprint"],
            subject_id=item["subject_id"],
            response=item["response"],
            claimed_at=datetime.fromisoformat(item["claimed_at"]),
        )

    def _feedback_item(self, feedback: Feedback) -> dict[str, Any]:
        attributes = feedback.model_dump(mode="json")
        attributes.update(
            PK=keys.feedback_pk(feedback.id),
            SK=keys.FEEDBACK_SK,
            entity="feedback",
            **keys.team_feedback_gsi1(
                feedback.program_id, feedback.team, feedback.status, feedback.submitted_at, feedback.id
            ),
        )
        return to_item(attributes)

    def _event_item(self, event: AuditEvent) -> dict[str, Any]:
        attributes = event.model_dump(mode="json")
        attributes.update(PK=keys.feedback_pk(event.subject_id), SK=keys.event_sk(event.at), entity="event")
        return to_item(attributes)

    def _claim_item(self, claim: IdempotencyClaim) -> dict[str, Any]:
        return to_item(
            {
                "PK": keys.idempotency_pk(claim.key_hash),
                "SK": keys.IDEMPOTENCY_SK,
                "entity": "idempotency",
                "request_fingerprint": claim.request_fingerprint,
                "subject_id": claim.subject_id,
                "response": claim.response,
                "claimed_at": keys.timestamp(claim.claimed_at),
                "expires_at": int(claim.expires_at.timestamp()),
            }
        )


def _cancellation_codes(error: ClientError) -> list[str]:
    if error.response.get("Error", {}).get("Code") != "TransactionCanceledException":
        return []
    return [reason.get("Code", "None") for reason in error.response.get("CancellationReasons", [])]
