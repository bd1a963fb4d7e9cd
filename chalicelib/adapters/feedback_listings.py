"""The listings people page through: the moderation queue, a team's inbox, a team's published feedback.
Each is one Query on an index; the cursor is the last key, opaque to the client and checked on return."""

import base64
import binascii
import json
from typing import Any

from chalicelib.adapters import keys
from chalicelib.adapters.feedback_items import feedback_from
from chalicelib.domain.errors import FieldProblem, ValidationFailedError
from chalicelib.domain.feedback import Feedback
from chalicelib.domain.paging import Page

_KEY_NAMES = {"PK", "SK"}


class DynamoFeedbackListings:
    def __init__(self, dynamodb: Any, table_name: str) -> None:
        self._dynamodb = dynamodb
        self._table = table_name

    def moderation_queue(
        self, program_id: str, team: str | None, limit: int, cursor: str | None
    ) -> Page[Feedback]:
        if team is None:
            return self._page("GSI2", keys.moderation_queue(program_id), limit, cursor, oldest_first=True)
        return self._page("GSI3", keys.moderation_queue(program_id, team), limit, cursor, oldest_first=True)

    def team_inbox(
        self, program_id: str, team: str, limit: int, cursor: str | None, oldest_first: bool
    ) -> Page[Feedback]:
        return self._page("GSI1", keys.team_inbox(program_id, team), limit, cursor, oldest_first)

    def published(self, program_id: str, team: str, limit: int, cursor: str | None) -> Page[Feedback]:
        return self._page("GSI3", keys.public_feedback(program_id, team), limit, cursor, oldest_first=False)

    def _page(
        self, index: str, partition: str, limit: int, cursor: str | None, oldest_first: bool
    ) -> Page[Feedback]:
        request: dict[str, Any] = {
            "TableName": self._table,
            "IndexName": index,
            "KeyConditionExpression": f"{index}PK = :pk",
            "ExpressionAttributeValues": {":pk": {"S": partition}},
            "ScanIndexForward": oldest_first,
            "Limit": limit,
        }
        if cursor:
            request["ExclusiveStartKey"] = _decode_cursor(cursor, index, partition)
        response = self._dynamodb.query(**request)
        last = response.get("LastEvaluatedKey")
        return Page(
            [feedback_from(item) for item in response["Items"]], _encode_cursor(last) if last else None
        )


def _encode_cursor(last_key: dict[str, Any]) -> str:
    plain = {name: value["S"] for name, value in last_key.items()}
    return base64.urlsafe_b64encode(json.dumps(plain, separators=(",", ":")).encode()).decode().rstrip("=")


def _decode_cursor(cursor: str, index: str, partition: str) -> dict[str, Any]:
    problem = ValidationFailedError(
        "The cursor is not one this listing gave out.",
        [FieldProblem("cursor", "is not a cursor from this listing; start again without it")],
    )
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        plain = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except (ValueError, UnicodeError, binascii.Error):
        raise problem from None
    expected = _KEY_NAMES | {f"{index}PK", f"{index}SK"}
    if (
        not isinstance(plain, dict)
        or set(plain) != expected
        or not all(isinstance(value, str) for value in plain.values())
        or plain[f"{index}PK"] != partition
    ):
        raise problem
    return {name: {"S": value} for name, value in plain.items()}
