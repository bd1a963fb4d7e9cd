"""Exact duplicates by fingerprint, and a form-letter campaign found among unrelated feedback by MinHash + LSH."""

import random
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from chalicelib.domain.similarity import (
    BANDS,
    NEAR_DUPLICATE_THRESHOLD,
    ROWS,
    SIGNATURE_LENGTH,
    estimated_similarity,
    exact_fingerprint,
    lsh_buckets,
    minhash_signature,
    normalize,
    shingles,
    signature_from_text,
    signature_to_text,
)
from tests.support.campaign_texts import FORM_LETTER, campaign_message, unrelated_message

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def cluster_by_union_find(texts: list[str]) -> list[int]:
    parent = list(range(len(texts)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    signatures = [minhash_signature(text) for text in texts]
    seen_in: dict[str, list[int]] = {}
    for index, signature in enumerate(signatures):
        buckets = lsh_buckets(signature)
        for earlier in {earlier for bucket in buckets for earlier in seen_in.get(bucket, [])}:
            if estimated_similarity(signature, signatures[earlier]) >= NEAR_DUPLICATE_THRESHOLD:
                parent[root(earlier)] = root(index)
        for bucket in buckets:
            seen_in.setdefault(bucket, []).append(index)
    return [root(index) for index in range(len(texts))]


@pytest.fixture(scope="module")
def clustered_feedback() -> list[tuple[int, bool]]:
    rng = random.Random(20251014)
    labelled = [(campaign_message(rng), True) for _ in range(500)]
    labelled += [(unrelated_message(rng), False) for _ in range(300)]
    rng.shuffle(labelled)
    clusters = cluster_by_union_find([text for text, _ in labelled])
    return [
        (cluster_id, in_campaign) for cluster_id, (_, in_campaign) in zip(clusters, labelled, strict=True)
    ]


def test_the_bands_cover_the_signature_exactly():
    assert BANDS * ROWS == SIGNATURE_LENGTH


def test_normalizing_folds_case_width_punctuation_and_spacing():
    assert normalize("  Don\u2019t  CUT\tthe \uff21\uff32\uff34 program!!\n") == "dont cut the art program"


def test_texts_equal_after_normalizing_share_a_fingerprint():
    assert exact_fingerprint("Please keep art classes.") == exact_fingerprint("please   keep ART classes")


def test_different_texts_have_different_fingerprints():
    assert exact_fingerprint("Please keep art classes.") != exact_fingerprint("Please keep music classes.")


def test_shingles_are_runs_of_three_words_and_a_short_text_is_one_shingle():
    assert shingles("Keep the art program, please") == {
        "keep the art",
        "the art program",
        "art program please",
    }
    assert shingles("Thanks!") == {"thanks"}


def test_a_text_has_one_bucket_per_band_keyed_by_band_index():
    buckets = lsh_buckets(minhash_signature("Keep the art program."))

    assert [bucket[:3] for bucket in buckets] == [f"{band:02d}:" for band in range(BANDS)]
    assert all(len(bucket) == 19 for bucket in buckets)


def test_identical_signatures_are_fully_similar_and_unrelated_ones_barely():
    rng = random.Random(7)
    a, b = minhash_signature(unrelated_message(rng)), minhash_signature(unrelated_message(rng))

    assert estimated_similarity(a, a) == 1.0
    assert estimated_similarity(a, b) < 0.2


def test_a_signature_survives_storage_as_text():
    signature = minhash_signature(FORM_LETTER[1])

    assert signature_from_text(signature_to_text(signature)) == signature


@pytest.mark.parametrize(
    "stored", ["", "1.2.3", ".".join(["zz"] * SIGNATURE_LENGTH), ".".join(["1" * 9] * SIGNATURE_LENGTH)]
)
def test_a_malformed_stored_signature_is_refused(stored):
    with pytest.raises(ValueError):
        signature_from_text(stored)


def test_the_signature_is_the_same_in_another_process():
    text = " ".join(FORM_LETTER)
    program = (
        "import sys; from chalicelib.domain.similarity import minhash_signature as m; print(m(sys.argv[1]))"
    )

    for hash_seed in ("1", "2"):
        output = subprocess.run(
            [sys.executable, "-c", program, text],
            cwd=PROJECT_ROOT,
            env={"PYTHONHASHSEED": hash_seed, "PYTHONPATH": str(PROJECT_ROOT)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout

        assert output.strip() == str(minhash_signature(text))


def test_a_form_letter_campaign_forms_one_cluster_without_unrelated_feedback(clustered_feedback):
    campaign_clusters = Counter(cluster_id for cluster_id, in_campaign in clustered_feedback if in_campaign)

    biggest, size = campaign_clusters.most_common(1)[0]

    assert size >= 0.95 * 500
    assert not [
        1 for cluster_id, in_campaign in clustered_feedback if cluster_id == biggest and not in_campaign
    ]


def test_unrelated_feedback_is_not_grouped_with_anything(clustered_feedback):
    everyone = Counter(cluster_id for cluster_id, _ in clustered_feedback)

    unrelated_cluster_sizes = {
        everyone[cluster_id] for cluster_id, in_campaign in clustered_feedback if not in_campaign
    }

    assert unrelated_cluster_sizes == {1}
