"""Duplicates and mass campaigns: which cluster a newly screened text joins."""

from dataclasses import dataclass

from chalicelib.domain.similarity import estimated_similarity

# A little under the similarity at which LSH bands start to find pairs (0.5): a campaign's edited copies
# reach its cluster through any close member, while unrelated texts stay far below (about 0.35 at most).
JOIN_THRESHOLD = 0.45


@dataclass(frozen=True)
class Candidate:
    feedback_id: str
    cluster_id: str
    signature: tuple[int, ...]


@dataclass(frozen=True)
class ClusterJoin:
    """Where a screened item goes: an existing cluster, or a new one it founds (its own id)."""

    cluster_id: str
    founded: bool


@dataclass(frozen=True)
class ClusterSummary:
    cluster_id: str
    size: int
    published_count: int
    representative_id: str | None


def choose_cluster(
    feedback_id: str,
    signature: tuple[int, ...],
    exact_match_cluster: str | None,
    candidates: list[Candidate],
) -> ClusterJoin:
    if exact_match_cluster is not None:
        return ClusterJoin(exact_match_cluster, founded=False)
    close = [
        candidate.cluster_id
        for candidate in candidates
        if candidate.feedback_id != feedback_id
        and estimated_similarity(signature, candidate.signature) >= JOIN_THRESHOLD
    ]
    # The oldest close cluster (ids sort by time): joining the best match instead lets a second cluster
    # of the same campaign start and grow beside the first.
    if close:
        return ClusterJoin(min(close), founded=False)
    return ClusterJoin(feedback_id, founded=True)


# Enough to hold the few clusters whose texts share a band; a full bucket is never written again, so no
# campaign, however large, keeps writing to one key.
REPRESENTATIVES_PER_BUCKET = 4
# A text this close to a bucket's representative is already stood for there. Above JOIN_THRESHOLD, so that
# a campaign's copies that drifted further from the first keep a representative of their own, through
# which later copies like them still find the cluster.
REPRESENTED_THRESHOLD = 0.75


class SimilarityIndexChangedError(Exception):
    """Another screening wrote a fingerprint or bucket this one read: screen again with what it wrote."""


@dataclass(frozen=True)
class Bucket:
    """One LSH bucket: the members that stand for the clusters whose texts fall in it, and the version
    read, so that a write never overwrites one made since."""

    key: str
    representatives: tuple[Candidate, ...] = ()
    version: int = 0


def candidates_in(buckets: list[Bucket]) -> list[Candidate]:
    found = {candidate.feedback_id: candidate for bucket in buckets for candidate in bucket.representatives}
    return list(found.values())


def buckets_gaining(newcomer: Candidate, buckets: list[Bucket]) -> list[Bucket]:
    """The buckets the newcomer joins as a representative, as they are to be written: each with room and
    with no representative nearly the same text (a copy of a campaign adds itself only where its text is
    new, so the buckets its campaign filled are not written again)."""
    return [
        Bucket(bucket.key, (*bucket.representatives, newcomer), bucket.version)
        for bucket in buckets
        if len(bucket.representatives) < REPRESENTATIVES_PER_BUCKET
        and not any(_stands_for(member, newcomer) for member in bucket.representatives)
    ]


def _stands_for(representative: Candidate, newcomer: Candidate) -> bool:
    return estimated_similarity(representative.signature, newcomer.signature) >= REPRESENTED_THRESHOLD


@dataclass(frozen=True)
class Neighbourhood:
    """What the similarity index holds near a text: the cluster of an exact copy, and its LSH buckets."""

    exact_match_cluster: str | None
    buckets: list[Bucket]
