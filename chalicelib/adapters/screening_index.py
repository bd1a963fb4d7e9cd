"""What the screening worker reads: an exact copy's cluster and the LSH buckets of a text (one batch of
reads), clusters, and how many items one source sent lately. Every read is a Query on a key or a batch of
GetItems."""

from collections import Counter
from datetime import datetime
from typing import Any

from chalicelib.adapters import keys
from chalicelib.adapters.aws_errors import speaks_domain_errors
from chalicelib.adapters.batch_reads import get_many
from chalicelib.adapters.items import from_item, plain
from chalicelib.domain.clusters import Bucket, Candidate, ClusterSummary, Neighbourhood
from chalicelib.domain.similarity import signature_from_text


@speaks_domain_errors
class DynamoScreeningIndex:
    def __init__(self, dynamodb: Any, table_name: str) -> None:
        self._dynamodb = dynamodb
        self._table = table_name

    def neighbourhood(
        self, program_id: str, team: str, fingerprint: str, bucket_keys: list[str]
    ) -> Neighbourhood:
        """The exact copy's cluster and every bucket, in one batch of reads (buckets never written yet
        are empty; the per-member items of the layout before are not read)."""
        fingerprint_pk = keys.fingerprint_pk(program_id, team, fingerprint)
        wanted = {keys.bucket_pk(program_id, team, bucket): bucket for bucket in bucket_keys}
        item_keys = [{"PK": {"S": fingerprint_pk}, "SK": {"S": keys.FINGERPRINT_SK}}] + [
            {"PK": {"S": pk}, "SK": {"S": keys.BUCKET_SK}} for pk in wanted
        ]
        found = {
            item["PK"]: item for item in map(from_item, get_many(self._dynamodb, self._table, item_keys))
        }
        exact = found.get(fingerprint_pk)
        return Neighbourhood(
            exact_match_cluster=str(exact["cluster_id"]) if exact else None,
            buckets=[_bucket(wanted[pk], found.get(pk)) for pk in wanted],
        )

    def recent_from_source(
        self, program_id: str, source: str, since: datetime, until: datetime, *, at_most: int
    ) -> int:
        """The source's marks between `since` and `until`, counted up to `at_most`: the Query reads no more
        items than that, however many the source sent."""
        response = self._dynamodb.query(
            TableName=self._table,
            KeyConditionExpression="PK = :pk AND SK BETWEEN :since AND :until",
            ExpressionAttributeValues={
                ":pk": {"S": keys.source_pk(program_id, source)},
                ":since": {"S": keys.timestamp(since)},
                ":until": {"S": keys.timestamp(until) + "~"},
            },
            Select="COUNT",
            Limit=at_most,
        )
        return int(response["Count"])

    def clusters(self, cluster_ids: list[str]) -> dict[str, ClusterSummary]:
        """Each cluster's head with its members counted over its shards (a head written before the
        shards holds the count of the members it had then)."""
        wanted = list(dict.fromkeys(cluster_ids))
        item_keys = [{"PK": {"S": keys.cluster_pk(cid)}, "SK": {"S": keys.CLUSTER_SK}} for cid in wanted]
        item_keys += [
            {"PK": {"S": keys.cluster_shard_pk(cid, shard)}, "SK": {"S": keys.COUNT_SK}}
            for cid in wanted
            for shard in range(keys.CLUSTER_SHARDS)
        ]
        heads: dict[str, dict[str, Any]] = {}
        counted: Counter[str] = Counter()
        for item in map(plain, map(from_item, get_many(self._dynamodb, self._table, item_keys))):
            if item["SK"] == keys.CLUSTER_SK:
                heads[item["PK"].removeprefix("CLUSTER#")] = item
            else:
                counted[item["cluster_id"]] += int(item.get("member_count", 0))
        return {
            cluster_id: ClusterSummary(
                cluster_id=cluster_id,
                size=int(head.get("member_count", 0)) + counted[cluster_id],
                published_count=int(head.get("published_count", 0)),
                representative_id=head.get("representative_id"),
            )
            for cluster_id, head in heads.items()
        }

    def representative(self, cluster_id: str) -> str | None:
        """The member the public sees for the cluster, once one is published."""
        response = self._dynamodb.get_item(
            TableName=self._table,
            Key={"PK": {"S": keys.cluster_pk(cluster_id)}, "SK": {"S": keys.CLUSTER_SK}},
            ProjectionExpression="representative_id",
            ConsistentRead=True,
        )
        representative = response.get("Item", {}).get("representative_id")
        return str(representative["S"]) if representative else None

    def cluster_members(self, cluster_id: str) -> list[str]:
        """Every member, from each shard, and from the cluster's own partition where members were kept
        before the shards."""
        partitions = [keys.cluster_pk(cluster_id)] + [
            keys.cluster_shard_pk(cluster_id, shard) for shard in range(keys.CLUSTER_SHARDS)
        ]
        members = [member for partition in partitions for member in self._members_in(partition)]
        return list(dict.fromkeys(members))

    def _members_in(self, partition: str) -> list[str]:
        pages = self._dynamodb.get_paginator("query").paginate(
            TableName=self._table,
            KeyConditionExpression="PK = :pk AND begins_with(SK, :member)",
            ExpressionAttributeValues={":pk": {"S": partition}, ":member": {"S": keys.MEMBER_PREFIX}},
        )
        return [item["feedback_id"]["S"] for page in pages for item in page["Items"]]


def _bucket(key: str, item: dict[str, Any] | None) -> Bucket:
    if item is None:
        return Bucket(key)
    representatives = tuple(
        Candidate(
            str(kept["feedback_id"]), str(kept["cluster_id"]), signature_from_text(str(kept["signature"]))
        )
        for kept in item.get("representatives", [])
    )
    return Bucket(key, representatives, int(item["version"]))
