"""Emails per address per day, counted for every Lambda instance at once: one item changed by one atomic
update, which expires on its own (the table's TTL). Submissions per source are counted in the write that
stores them (feedback_repository.py)."""

from datetime import UTC, date, datetime, timedelta
from typing import Any

from botocore.exceptions import ClientError

from chalicelib.adapters import keys
from chalicelib.adapters.aws_errors import condition_failed, speaks_domain_errors
from chalicelib.adapters.entities import Entity

MAIL_COUNT_LIFETIME = timedelta(days=2)


@speaks_domain_errors
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
                    ":entity": {"S": Entity.MAIL_COUNT},
                    ":expires": {"N": str(int(_midnight_after(day, MAIL_COUNT_LIFETIME)))},
                },
                ReturnValuesOnConditionCheckFailure="ALL_OLD",
            )
            return True
        except ClientError as error:
            if not condition_failed(error):
                raise
            # A message counted before is a redelivery after a failed send: it may go again.
            counted = error.response.get("Item", {}).get("messages", {}).get("SS", [])
            return message in counted


def _midnight_after(day: date, lifetime: timedelta) -> float:
    return datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp() + lifetime.total_seconds()
