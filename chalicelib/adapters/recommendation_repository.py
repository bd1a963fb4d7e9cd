"""Recommendations in DynamoDB: the recommendation, its immutable revisions and its chained audit events
share one partition. Every change is one transaction: the recommendation conditioned on its version, a
new revision and the new event each conditioned on not existing, so two edits of one base never both
land and the audit chain never forks."""

from typing import Any

from chalicelib.adapters import keys
from chalicelib.adapters.aws_errors import speaks_domain_errors
from chalicelib.adapters.batch_reads import get_many
from chalicelib.adapters.paging import IndexPage, query_page
from chalicelib.adapters.recommendation_items import (
    event_from,
    event_item,
    link_from,
    link_item,
    listed_from,
    listing_item,
    recommendation_from,
    recommendation_item,
    revision_from,
    revision_item,
)
from chalicelib.adapters.transactions import Write, transact
from chalicelib.domain.errors import StaleVersionError
from chalicelib.domain.paging import Page
from chalicelib.domain.recommendation_records import (
    Change,
    FeedbackLink,
    ListedRecommendation,
    Listing,
    Recommendation,
    RecommendationEvent,
    Revision,
)


@speaks_domain_errors
class DynamoRecommendationRepository:
    def __init__(self, dynamodb: Any, table_name: str) -> None:
        self._dynamodb = dynamodb
        self._table = table_name

    def save(self, change: Change, expected_version: int | None) -> None:
        """Stores a change; `expected_version` None means the recommendation must not exist yet."""
        recommendation = change.recommendation
        condition: dict[str, Any] = (
            {"ConditionExpression": "attribute_not_exists(PK)"}
            if expected_version is None
            else {
                "ConditionExpression": "version = :expected",
                "ExpressionAttributeValues": {":expected": {"N": str(expected_version)}},
            }
        )
        stored = {"Put": {"TableName": self._table, "Item": recommendation_item(recommendation), **condition}}
        writes = [Write("recommendation", stored, _changed_since_read)]
        if change.revision is not None:
            writes.append(Write("revision", self._new(revision_item(change.revision)), _changed_since_read))
        writes.append(Write("event", self._new(event_item(change.event)), _changed_since_read))
        writes.extend(self._link_writes(change))
        writes.extend(self._listing_writes(change))
        transact(self._dynamodb, writes)

    def get(self, recommendation_id: str) -> Recommendation | None:
        response = self._dynamodb.get_item(
            TableName=self._table,
            Key={"PK": {"S": keys.recommendation_pk(recommendation_id)}, "SK": {"S": keys.REC_SK}},
            ConsistentRead=True,
        )
        return recommendation_from(response["Item"]) if "Item" in response else None

    def get_whole(
        self, recommendation_id: str
    ) -> tuple[Recommendation, list[Revision], list[RecommendationEvent]] | None:
        pages = self._dynamodb.get_paginator("query").paginate(
            TableName=self._table,
            KeyConditionExpression="PK = :pk",
            ExpressionAttributeValues={":pk": {"S": keys.recommendation_pk(recommendation_id)}},
            ConsistentRead=True,
        )
        recommendation, revisions, events = None, [], []
        for page in pages:
            for raw in page["Items"]:
                sort_key = raw["SK"]["S"]
                if sort_key == keys.REC_SK:
                    recommendation = recommendation_from(raw)
                elif sort_key.startswith(keys.REVISION_PREFIX):
                    revisions.append(revision_from(raw))
                elif sort_key.startswith(keys.EVENT_PREFIX):
                    events.append(event_from(raw))
        if recommendation is None:
            return None
        return recommendation, revisions, events

    def team_recommendations(
        self, program_id: str, team: str, limit: int, cursor: str | None
    ) -> Page[Recommendation]:
        wanted = IndexPage(
            "GSI1", keys.team_recommendations(program_id, team), limit, cursor, oldest_first=False
        )
        return query_page(self._dynamodb, self._table, wanted, recommendation_from)

    def approval_queue(
        self, program_id: str, team: str | None, limit: int, cursor: str | None
    ) -> Page[Recommendation]:
        index = "GSI2" if team is None else "GSI3"
        wanted = IndexPage(index, keys.approval_queue(program_id, team), limit, cursor, oldest_first=True)
        return query_page(self._dynamodb, self._table, wanted, recommendation_from)

    def published(
        self, program_id: str, listing: Listing, limit: int, cursor: str | None
    ) -> Page[ListedRecommendation]:
        partition = keys.public_recommendations(program_id, listing.team, listing.policy_goal)
        wanted = IndexPage("GSI3", partition, limit, cursor, oldest_first=False)
        return query_page(self._dynamodb, self._table, wanted, listed_from)

    def link(self, recommendation_id: str, feedback_id: str) -> FeedbackLink | None:
        response = self._dynamodb.get_item(
            TableName=self._table,
            Key={
                "PK": {"S": keys.recommendation_pk(recommendation_id)},
                "SK": {"S": keys.link_sk(feedback_id)},
            },
            ConsistentRead=True,
        )
        return link_from(response["Item"]) if "Item" in response else None

    def links(self, recommendation_id: str) -> list[FeedbackLink]:
        pages = self._dynamodb.get_paginator("query").paginate(
            TableName=self._table,
            KeyConditionExpression="PK = :pk AND begins_with(SK, :links)",
            ExpressionAttributeValues={
                ":pk": {"S": keys.recommendation_pk(recommendation_id)},
                ":links": {"S": keys.LINK_PREFIX},
            },
        )
        return [link_from(item) for page in pages for item in page["Items"]]

    def citing(self, feedback_id: str) -> list[Recommendation]:
        """The recommendations that link a feedback item, in any state."""
        pages = self._dynamodb.get_paginator("query").paginate(
            TableName=self._table,
            IndexName="GSI1",
            KeyConditionExpression="GSI1PK = :pk",
            ExpressionAttributeValues={":pk": {"S": keys.cited_by(feedback_id)}},
        )
        ids = [item["recommendation_id"]["S"] for page in pages for item in page["Items"]]
        return self.many(ids)

    def many(self, recommendation_ids: list[str]) -> list[Recommendation]:
        item_keys = [
            {"PK": {"S": keys.recommendation_pk(rid)}, "SK": {"S": keys.REC_SK}} for rid in recommendation_ids
        ]
        return [recommendation_from(item) for item in get_many(self._dynamodb, self._table, item_keys)]

    def revision_bodies(self, wanted: list[tuple[str, int]]) -> dict[tuple[str, int], str]:
        """The bodies of the given (recommendation id, revision number) pairs."""
        item_keys = [
            {"PK": {"S": keys.recommendation_pk(rid)}, "SK": {"S": keys.revision_sk(number)}}
            for rid, number in dict.fromkeys(wanted)
        ]
        found = get_many(self._dynamodb, self._table, item_keys)
        return {
            (item["recommendation_id"]["S"], int(item["number"]["N"])): item["body"]["S"] for item in found
        }

    def _new(self, item: dict[str, Any]) -> dict[str, Any]:
        return {
            "Put": {"TableName": self._table, "Item": item, "ConditionExpression": "attribute_not_exists(SK)"}
        }

    def _link_writes(self, change: Change) -> list[Write]:
        if change.linked is not None:
            return [Write("link", self._new(link_item(change.linked)), _changed_since_read)]
        if change.unlinked_feedback_id is not None:
            key = {
                "PK": {"S": keys.recommendation_pk(change.recommendation.id)},
                "SK": {"S": keys.link_sk(change.unlinked_feedback_id)},
            }
            unlink = {
                "Delete": {
                    "TableName": self._table,
                    "Key": key,
                    "ConditionExpression": "attribute_exists(SK)",
                }
            }
            return [Write("unlink", unlink, _changed_since_read)]
        return []

    def _listing_writes(self, change: Change) -> list[Write]:
        recommendation = change.recommendation
        pk = {"S": keys.recommendation_pk(recommendation.id)}
        writes = [
            Write(
                f"listing {_listing_sk(listing)}",
                {"Put": {"TableName": self._table, "Item": listing_item(recommendation, listing)}},
            )
            for listing in sorted(change.listed, key=_listing_order)
        ]
        writes.extend(
            Write(
                f"unlisting {_listing_sk(listing)}",
                {"Delete": {"TableName": self._table, "Key": {"PK": pk, "SK": {"S": _listing_sk(listing)}}}},
            )
            for listing in sorted(change.unlisted, key=_listing_order)
        )
        return writes


def _changed_since_read() -> StaleVersionError:
    return StaleVersionError("The recommendation changed since it was read; read it again.")


def _listing_sk(listing: Listing) -> str:
    return keys.listing_sk(listing.team, listing.policy_goal)


def _listing_order(listing: Listing) -> tuple[str, str]:
    return (listing.team or "", listing.policy_goal or "")
