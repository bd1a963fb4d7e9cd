"""Feedback in DynamoDB: the item, its audit events in the same partition, idempotency claims, and the
screening records written with it. Every change is one transaction conditioned on the item's version."""

from datetime import datetime, timedelta
from typing import Any

from chalicelib.adapters import keys
from chalicelib.adapters.aws_errors import speaks_domain_errors
from chalicelib.adapters.batch_reads import get_many
from chalicelib.adapters.entities import Entity
from chalicelib.adapters.feedback_items import event_from, event_item, feedback_from, feedback_item
from chalicelib.adapters.items import from_item, to_item
from chalicelib.adapters.transactions import Write, transact
from chalicelib.domain.clusters import Bucket, ClusterJoin, SimilarityIndexChangedError
from chalicelib.domain.errors import StaleVersionError
from chalicelib.domain.feedback import AuditEvent, Feedback
from chalicelib.domain.idempotency import IdempotencyClaim, IdempotencyKeyTakenError
from chalicelib.domain.limits import Admission, SourceOverLimitError
from chalicelib.domain.moderation import Transition
from chalicelib.domain.similarity import signature_to_text

SOURCE_MARK_LIFETIME = timedelta(days=1)
DOOR_COUNT_LIFETIME = timedelta(minutes=10)


@speaks_domain_errors
class DynamoFeedbackRepository:
    def __init__(self, dynamodb: Any, table_name: str) -> None:
        self._dynamodb = dynamodb
        self._table = table_name

    def add(
        self,
        feedback: Feedback,
        first_event: AuditEvent,
        claim: IdempotencyClaim | None,
        admission: Admission | None = None,
    ) -> None:
        writes = [
            Write("feedback", self._put(feedback_item(feedback), "attribute_not_exists(PK)")),
            Write("first event", self._put(event_item(first_event))),
        ]
        if claim is not None:
            key_hash = claim.key_hash
            claimed = self._put(
                self._claim_item(claim),
                "attribute_not_exists(PK) OR expires_at < :now",
                {":now": {"N": str(int(claim.claimed_at.timestamp()))}},
            )
            writes.append(
                Write(
                    "idempotency claim",
                    claimed,
                    refusal=lambda: IdempotencyKeyTakenError(self._stored_claim(key_hash)),
                )
            )
        if admission is not None:
            writes.append(
                Write(
                    "admission", self._count_admission(feedback.program_id, admission), SourceOverLimitError
                )
            )
        if feedback.evidence.source:
            writes.append(
                Write("source mark", self._put(self._source_mark(feedback, feedback.evidence.source)))
            )
        transact(self._dynamodb, writes)

    def get(self, feedback_id: str) -> Feedback | None:
        response = self._dynamodb.get_item(
            TableName=self._table,
            Key={"PK": {"S": keys.feedback_pk(feedback_id)}, "SK": {"S": keys.FEEDBACK_SK}},
            ConsistentRead=True,
        )
        return feedback_from(response["Item"]) if "Item" in response else None

    def get_many(self, feedback_ids: list[str]) -> list[Feedback]:
        item_keys = [
            {"PK": {"S": keys.feedback_pk(fid)}, "SK": {"S": keys.FEEDBACK_SK}}
            for fid in dict.fromkeys(feedback_ids)
        ]
        return [feedback_from(item) for item in get_many(self._dynamodb, self._table, item_keys)]

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
                sort_key = raw["SK"]["S"]
                if sort_key == keys.FEEDBACK_SK:
                    feedback = feedback_from(raw)
                elif sort_key.startswith(keys.EVENT_PREFIX):
                    events.append(event_from(raw))
        return (feedback, events) if feedback else None

    def save(self, transition: Transition, expected_version: int) -> None:
        self._commit(transition, expected_version, [])

    def save_screening(
        self,
        transition: Transition,
        expected_version: int,
        *,
        new_fingerprint: str | None,
        buckets: list[Bucket],
        cluster: ClusterJoin,
    ) -> None:
        """The screened item with its event, its cluster membership, and what the similarity index gains:
        the fingerprint of a text not seen before, the buckets it now stands for. A fingerprint or bucket
        written since it was read refuses the whole write (SimilarityIndexChangedError)."""
        feedback = transition.feedback
        program, team = feedback.program_id, feedback.team
        extra: list[Write] = []
        if new_fingerprint is not None:
            fingerprint_item = {
                "PK": keys.fingerprint_pk(program, team, new_fingerprint),
                "SK": keys.FINGERPRINT_SK,
                "entity": Entity.SIMILARITY,
                "feedback_id": feedback.id,
                "cluster_id": cluster.cluster_id,
            }
            put = self._put(to_item(fingerprint_item), "attribute_not_exists(PK)")
            extra.append(Write("fingerprint", put, SimilarityIndexChangedError))
        extra += [
            Write(
                f"bucket {bucket.key}", self._bucket_put(program, team, bucket), SimilarityIndexChangedError
            )
            for bucket in buckets
        ]
        if cluster.founded:
            extra.append(Write("cluster", self._found_cluster(cluster.cluster_id, program, team)))
        shard = keys.cluster_shard_pk(cluster.cluster_id, keys.cluster_shard_of(feedback.id))
        member = {
            "PK": shard,
            "SK": keys.member_sk(feedback.id),
            "entity": Entity.CLUSTER_MEMBER,
            "feedback_id": feedback.id,
        }
        extra.append(Write("cluster member", self._put(to_item(member))))
        extra.append(Write("cluster count", self._count_cluster_member(shard, cluster.cluster_id)))
        self._commit(transition, expected_version, extra)

    def save_publication(
        self, transition: Transition, expected_version: int, cluster_id: str, *, representative: bool
    ) -> None:
        condition = (
            "attribute_not_exists(representative_id)"
            if representative
            else "attribute_exists(representative_id)"
        )
        update = "ADD published_count :one" + (" SET representative_id = :me" if representative else "")
        values: dict[str, Any] = {":one": {"N": "1"}}
        if representative:
            values[":me"] = {"S": transition.feedback.id}
        cluster_update = {
            "Update": {
                "TableName": self._table,
                "Key": {"PK": {"S": keys.cluster_pk(cluster_id)}, "SK": {"S": keys.CLUSTER_SK}},
                "UpdateExpression": update,
                "ConditionExpression": f"attribute_exists(PK) AND {condition}",
                "ExpressionAttributeValues": values,
            }
        }
        self._commit(transition, expected_version, [Write("cluster", cluster_update, _changed_since_read)])

    def _bucket_put(self, program: str, team: str, bucket: Bucket) -> dict[str, Any]:
        item = {
            "PK": keys.bucket_pk(program, team, bucket.key),
            "SK": keys.BUCKET_SK,
            "entity": Entity.SIMILARITY,
            "representatives": [
                {
                    "feedback_id": member.feedback_id,
                    "cluster_id": member.cluster_id,
                    "signature": signature_to_text(member.signature),
                }
                for member in bucket.representatives
            ],
            "version": bucket.version + 1,
        }
        if bucket.version == 0:
            return self._put(to_item(item), "attribute_not_exists(PK)")
        return self._put(to_item(item), "version = :read", {":read": {"N": str(bucket.version)}})

    def _found_cluster(self, cluster_id: str, program: str, team: str) -> dict[str, Any]:
        return {
            "Update": {
                "TableName": self._table,
                "Key": {"PK": {"S": keys.cluster_pk(cluster_id)}, "SK": {"S": keys.CLUSTER_SK}},
                "UpdateExpression": "SET entity = :entity, program_id = :program, team = :team",
                "ExpressionAttributeValues": {
                    ":entity": {"S": Entity.CLUSTER},
                    ":program": {"S": program},
                    ":team": {"S": team},
                },
            }
        }

    def _count_cluster_member(self, shard: str, cluster_id: str) -> dict[str, Any]:
        return {
            "Update": {
                "TableName": self._table,
                "Key": {"PK": {"S": shard}, "SK": {"S": keys.COUNT_SK}},
                "UpdateExpression": "ADD member_count :one SET entity = :entity, cluster_id = :cluster",
                "ExpressionAttributeValues": {
                    ":one": {"N": "1"},
                    ":entity": {"S": Entity.CLUSTER_COUNT},
                    ":cluster": {"S": cluster_id},
                },
            }
        }

    def _commit(self, transition: Transition, expected_version: int, extra: list[Write]) -> None:
        feedback = self._put(
            feedback_item(transition.feedback),
            "version = :expected",
            {":expected": {"N": str(expected_version)}},
        )
        writes = [
            Write("feedback", feedback, _changed_since_read),
            Write("event", self._put(event_item(transition.event))),
            *extra,
        ]
        transact(self._dynamodb, writes)

    def _put(
        self, item: dict[str, Any], condition: str | None = None, values: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        put: dict[str, Any] = {"TableName": self._table, "Item": item}
        if condition:
            put["ConditionExpression"] = condition
        if values:
            put["ExpressionAttributeValues"] = values
        return {"Put": put}

    def _count_admission(self, program_id: str, admission: Admission) -> dict[str, Any]:
        return {
            "Update": {
                "TableName": self._table,
                "Key": {
                    "PK": {"S": keys.door_pk(program_id, admission.source)},
                    "SK": {"S": keys.timestamp(admission.minute)},
                },
                "UpdateExpression": "ADD submissions :one SET entity = :entity, expires_at = :expires",
                "ConditionExpression": "attribute_not_exists(submissions) OR submissions < :limit",
                "ExpressionAttributeValues": {
                    ":one": {"N": "1"},
                    ":limit": {"N": str(admission.per_minute)},
                    ":entity": {"S": Entity.DOOR_COUNT},
                    ":expires": {"N": str(int((admission.minute + DOOR_COUNT_LIFETIME).timestamp()))},
                },
            }
        }

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

    def _claim_item(self, claim: IdempotencyClaim) -> dict[str, Any]:
        return to_item(
            {
                "PK": keys.idempotency_pk(claim.key_hash),
                "SK": keys.IDEMPOTENCY_SK,
                "entity": Entity.IDEMPOTENCY,
                "request_fingerprint": claim.request_fingerprint,
                "subject_id": claim.subject_id,
                "response": claim.response,
                "claimed_at": claim.claimed_at.isoformat(),
                "expires_at": int(claim.expires_at.timestamp()),
            }
        )

    def _source_mark(self, feedback: Feedback, source: str) -> dict[str, Any]:
        return to_item(
            {
                "PK": keys.source_pk(feedback.program_id, source),
                "SK": keys.in_time_order(feedback.submitted_at, feedback.id),
                "entity": Entity.SOURCE_MARK,
                "expires_at": int((feedback.submitted_at + SOURCE_MARK_LIFETIME).timestamp()),
            }
        )


def _changed_since_read() -> StaleVersionError:
    return StaleVersionError("The item changed since it was read; read it again and retry.")
