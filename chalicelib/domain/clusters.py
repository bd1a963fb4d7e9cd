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
