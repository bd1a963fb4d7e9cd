"""Counters shared by every Lambda instance: submissions per source per minute, emails per address per
day. Each is one item changed by one atomic update, and expires on its own (the table's TTL)."""

from datetime import UTC, date, datetime, timedelta
from typing import Any

from botocore.exceptions import ClientError

from chalicelib.adapters import keys

DOOR_COUNT_LIFETIME = timedelta(minutes=10)
MAIL_COUNT_LIFETIME = timedelta(days=2)


class DynamoSourceCounter:
    def __init__(self, dynamodb: Any, table_name: str) -> None:
        self._dynamodb = dynamodb
        self._table = table_name

    def add_one(self, program_id: str, source: str, minute: datetime) -> int:
        response = self._dynamodb.update_item(
            TableName=self._table,
            Key={"PK": {"S": keys.door_pk(program_id, source)}, "SK": {"S": keys.timestamp(minute)}},
            UpdateExpression="ADD submissions :one SET entity = :entity, expires_at = :expires",
            ExpressionAttributeValues={
                ":one": {"N": "1"},
                ":entity": {"S": "door_count"},
                ":expires": {"N": str(int((minute + DOOR_COUNT_LIFETIME).timestamp()))},
            },
            ReturnValues="UPDATED_NEW",
        )
        return int(response["Attributes"]["submissions"]["N"])


class DynamoMailAllowance:
    def __init__(self, dynamodb: Any, table_name: str) -> None:
        self._dynamodb = dynamodb
        self._table = table_name

    def take(self, recipient: str, day: date, message: str, per_day: int) -> bool:
        try:
            self._dynamodb.update_item(
                TableName=self._table,
                Key={"PK": {"S": keys.mail_allowance_pk(recipient)}, "SK": {"S": day.isoformat()}},
                UpdateExpression=(
                    "ADD sent :one, messages :messages SET entity = :entity, expires_at = :expires"
                ),
                ConditionExpression=(
                    "attribute_not_exists(sent) OR (sent < :per_day AND NOT contains(messages, :message))"
                ),
                ExpressionAttributeValues={
                    ":one": {"N": "1"},
                    ":messages": {"SS": [message]},
                    ":message": {"S": message},
                    ":per_day": {"N": str(per_day)},
                    ":entity": {"S": "mail_count"},
                    ":expires": {"N": str(int(_midnight_after(day, MAIL_COUNT_LIFETIME)))},
                },
                ReturnValuesOnConditionCheckFailure="ALL_OLD",
            )
            return True
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") != "ConditionalCheckFailedException":
                raise
            # A message counted before is a redelivery after a failed send: it may go again.
            counted = error.response.get("Item", {}).get("messages", {}).get("SS", [])
            return message in counted


def _midnight_after(day: date, lifetime: timedelta) -> float:
    return datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp() + lifetime.total_seconds()
