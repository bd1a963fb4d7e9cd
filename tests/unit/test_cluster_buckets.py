"""LSH buckets that hold a few representatives each: a campaign still forms one cluster, and no bucket is
written more than a few times however many copies arrive."""

import random
from collections import Counter

import pytest

from chalicelib.domain.clusters import (
    REPRESENTATIVES_PER_BUCKET,
    Bucket,
    Candidate,
    buckets_gaining,
    candidates_in,
    choose_cluster,
)
from chalicelib.domain.similarity import lsh_buckets, minhash_signature
from tests.support.campaign_texts import campaign_message, unrelated_message

LETTER = "Please publish chronic absence rates for every building, as families need them to choose well."


class InMemoryBuckets:
    """The similarity index as screening uses it: read the buckets of a text, write those it gains."""

    def __init__(self) -> None:
        self.stored: dict[str, Bucket] = {}
        self.writes: Counter[str] = Counter()

    def screen(self, feedback_id: str, text: str) -> str:
        signature = minhash_signature(text)
        buckets = [self.stored.get(key, Bucket(key)) for key in lsh_buckets(signature)]
        cluster = choose_cluster(feedback_id, signature, None, candidates_in(buckets))
        for gained in buckets_gaining(Candidate(feedback_id, cluster.cluster_id, signature), buckets):
            self.stored[gained.key] = Bucket(gained.key, gained.representatives, gained.version + 1)
            self.writes[gained.key] += 1
        return cluster.cluster_id


@pytest.fixture(scope="module")
def screened_corpus() -> tuple[list[tuple[str, bool]], InMemoryBuckets]:
    rng = random.Random(20251014)
    labelled = [(campaign_message(rng), True) for _ in range(500)]
    labelled += [(unrelated_message(rng), False) for _ in range(300)]
    rng.shuffle(labelled)
    index = InMemoryBuckets()
    clusters = [
        (index.screen(f"{n:06d}", text), in_campaign) for n, (text, in_campaign) in enumerate(labelled)
    ]
    return clusters, index


def test_a_form_letter_campaign_screened_through_the_buckets_forms_one_cluster(screened_corpus):
    clusters, _ = screened_corpus
    campaign = Counter(cluster_id for cluster_id, in_campaign in clusters if in_campaign)
    everyone = Counter(cluster_id for cluster_id, _ in clusters)

    biggest, size = campaign.most_common(1)[0]

    assert size >= 0.95 * 500
    assert everyone[biggest] == size
    assert {everyone[cluster_id] for cluster_id, in_campaign in clusters if not in_campaign} == {1}


def test_no_bucket_is_written_more_often_than_it_holds_representatives(screened_corpus):
    _, index = screened_corpus

    assert max(index.writes.values()) <= REPRESENTATIVES_PER_BUCKET


def test_exact_copies_after_the_first_write_no_bucket():
    index = InMemoryBuckets()
    founder = index.screen("000001", LETTER)
    written = index.writes.total()

    joined = [index.screen(f"{n:06d}", LETTER) for n in range(2, 50)]

    assert set(joined) == {founder}
    assert index.writes.total() == written


def test_a_full_bucket_gains_no_representative_and_an_empty_one_does():
    signature = minhash_signature(LETTER)
    strangers = tuple(
        Candidate(f"other-{n}", f"other-{n}", minhash_signature(f"An unrelated note number {n} on buses."))
        for n in range(REPRESENTATIVES_PER_BUCKET)
    )
    full, empty = Bucket("00:full", strangers, 7), Bucket("01:empty")

    gained = buckets_gaining(Candidate("new", "new", signature), [full, empty])

    assert [(bucket.key, [c.feedback_id for c in bucket.representatives]) for bucket in gained] == [
        ("01:empty", ["new"])
    ]
