"""Questions about events, one item each, its history on it; listed while waiting in the program's
question queue (GSI2), and always under their event (GSI1)."""

from typing import Any

from botocore.exceptions import ClientError

from chalicelib.adapters import keys
from chalicelib.adapters.aws_errors import condition_failed, speaks_domain_errors
from chalicelib.adapters.entities import Entity
from chalicelib.adapters.items import from_item, plain, to_item
from chalicelib.adapters.paging import IndexPage, query_page
from chalicelib.domain.errors import StaleVersionError
from chalicelib.domain.event_questions import Question, QuestionStatus
from chalicelib.domain.paging import Page


@speaks_domain_errors
class DynamoQuestionRepository:
    def __init__(self, dynamodb: Any, table_name: str) -> None:
        self._dynamodb = dynamodb
        self._table = table_name

    def save(self, question: Question, expected_version: int | None) -> None:
        """Stores `question`; `expected_version` None means it must not exist yet."""
        condition: dict[str, Any] = (
            {"ConditionExpression": "attribute_not_exists(PK)"}
            if expected_version is None
            else {
                "ConditionExpression": "version = :read",
                "ExpressionAttributeValues": {":read": {"N": str(expected_version)}},
            }
        )
        try:
            self._dynamodb.put_item(TableName=self._table, Item=question_item(question), **condition)
        except ClientError as error:
            if condition_failed(error):
                raise StaleVersionError("The question changed meanwhile; read it again.") from None
            raise

    def get(self, question_id: str) -> Question | None:
        found = self._dynamodb.get_item(
            TableName=self._table,
            Key={"PK": {"S": keys.question_pk(question_id)}, "SK": {"S": keys.QUESTION_SK}},
            ConsistentRead=True,
        ).get("Item")
        return question_from(found) if found else None

    def waiting(self, program_id: str, limit: int, cursor: str | None) -> Page[Question]:
        wanted = IndexPage("GSI2", keys.question_queue(program_id), limit, cursor, oldest_first=True)
        return query_page(self._dynamodb, self._table, wanted, question_from)

    def of_event(self, program_id: str, event_id: str, limit: int, cursor: str | None) -> Page[Question]:
        wanted = IndexPage(
            "GSI1", keys.event_questions(program_id, event_id), limit, cursor, oldest_first=True
        )
        return query_page(self._dynamodb, self._table, wanted, question_from)


def question_item(question: Question) -> dict[str, Any]:
    in_order = keys.in_time_order(question.asked_at, question.id)
    attributes = question.model_dump(mode="json") | {
        "PK": keys.question_pk(question.id),
        "SK": keys.QUESTION_SK,
        "entity": Entity.EVENT_QUESTION,
        "GSI1PK": keys.event_questions(question.program_id, question.event_id),
        "GSI1SK": in_order,
    }
    if question.status == QuestionStatus.WAITING:
        attributes |= {"GSI2PK": keys.question_queue(question.program_id), "GSI2SK": in_order}
    return to_item(attributes)


def question_from(item: dict[str, Any]) -> Question:
    attributes = plain(from_item(item))
    fields = {name: value for name, value in attributes.items() if name in Question.model_fields}
    return Question.model_validate(fields)
