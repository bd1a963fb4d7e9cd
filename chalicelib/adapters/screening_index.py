"""What the screening worker reads: exact and near-duplicate candidates, clusters, and how many items one
source sent lately. Every read is a Query on a key or a batch of GetItems."""

from datetime import datetime
from typing import Any

from chalicelib.adapters import keys
from chalicelib.adapters.aws_errors import speaks_domain_errors
from chalicelib.adapters.batch_reads import get_many
from chalicelib.adapters.items import from_item, plain
from chalicelib.domain.clusters import Candidate, ClusterSummary
from chalicelib.domain.similarity import signature_from_text


@speaks_domain_errors
class DynamoScreeningIndex:
    def __init__(self, dynamodb: Any, table_name: str) -> None:
        self._dynamodb = dynamodb
        self._table = table_name

    def exact_match_cluster(self, program_id: str, team: str, fingerprint: str) -> str | None:
        items = self._query(keys.fingerprint_pk(program_id, team, fingerprint), limit=1)
        return str(items[0]["cluster_id"]) if items else None

    def near_candidates(
        self, program_id: str, team: str, buckets: list[str], per_bucket: int
    ) -> list[Candidate]:
        """The newest few items of each bucket, with their signatures; a cluster needs only one of its
        members to be found to be joined."""
        found: dict[str, str] = {}
        for bucket in buckets:
            for item in self._query(keys.bucket_pk(program_id, team, bucket), limit=per_bucket):
                found.setdefault(str(item["feedback_id"]), str(item["cluster_id"]))
        signatures = self._signatures(list(found))
        return [
            Candidate(feedback_id, cluster_id, signatures[feedback_id])
            for feedback_id, cluster_id in found.items()
            if feedback_id in signatures
        ]

    def recent_from_source(self, program_id: str, source: str, since: datetime, until: datetime) -> int:
        response = self._dynamodb.query(
            TableName=self._table,
            KeyConditionExpression="PK = :pk AND SK BETWEEN :since AND :until",
            ExpressionAttributeValues={
                ":pk": {"S": keys.source_pk(program_id, source)},
                ":since": {"S": keys.timestamp(since)},
                ":until": {"S": keys.timestamp(until) + "~"},
            },
            Select="COUNT",
        )
        return int(response["Count"])

    def clusters(self, cluster_ids: list[str]) -> dict[str, ClusterSummary]:
        wanted = list(dict.fromkeys(cluster_ids))
        found: dict[str, ClusterSummary] = {}
        item_keys = [{"PK": {"S": keys.cluster_pk(cid)}, "SK": {"S": keys.CLUSTER_SK}} for cid in wanted]
        for item in get_many(self._dynamodb, self._table, item_keys):
            attributes = plain(from_item(item))
            cluster_id = str(attributes["PK"]).removeprefix("CLUSTER#")
            found[cluster_id] = ClusterSummary(
                cluster_id=cluster_id,
                size=int(attributes.get("member_count", 0)),
                published_count=int(attributes.get("published_count", 0)),
                representative_id=attributes.get("representative_id"),
            )
        return found

    def cluster_members(self, cluster_id: str) -> list[str]:
        pages = self._dynamodb.get_paginator("query").paginate(
            TableName=self._table,
            KeyConditionExpression="PK = :pk AND begins_with(SK, :member)",
            ExpressionAttributeValues={
                ":pk": {"S": keys.cluster_pk(cluster_id)},
                ":member": {"S": keys.MEMBER_PREFIX},
            },
        )
        return [item["feedback_id"]["S"] for page in pages for item in page["Items"]]

    def _signatures(self, feedback_ids: list[str]) -> dict[str, tuple[int, ...]]:
        found: dict[str, tuple[int, ...]] = {}
        item_keys = [
            {"PK": {"S": keys.feedback_pk(fid)}, "SK": {"S": keys.FEEDBACK_SK}} for fid in feedback_ids
        ]
        for item in get_many(self._dynamodb, self._table, item_keys, projection="#id, screening"):
            attributes = from_item(item)
            screening = attributes.get("screening") or {}
            if screening.get("signature"):
                found[str(attributes["id"])] = signature_from_text(str(screening["signature"]))
        return found

    def _query(self, partition: str, limit: int) -> list[dict[str, Any]]:
        response = self._dynamodb.query(
            TableName=self._table,
            KeyConditionExpression="PK = :pk",
            ExpressionAttributeValues={":pk": {"S": partition}},
            ScanIndexForward=False,
            Limit=limit,
        )
        return [from_item(item) for item in response["Items"]]
