"""Screening one stored submission: personal information, spam signals, duplicates; then it is routed
into the moderation queue and the team's inbox, all in one write. Running it twice changes nothing."""

from collections.abc import Iterable
from datetime import datetime
from typing import Protocol

from chalicelib.domain.clock import Clock
from chalicelib.domain.clusters import (
    Bucket,
    Candidate,
    ClusterJoin,
    Neighbourhood,
    SimilarityIndexChangedError,
    buckets_gaining,
    candidates_in,
    choose_cluster,
)
from chalicelib.domain.errors import StaleVersionError
from chalicelib.domain.feedback import Feedback, FeedbackStatus, Screening
from chalicelib.domain.moderation import Transition, screen
from chalicelib.domain.pii import find_pii, likely_names, mask_pii
from chalicelib.domain.similarity import exact_fingerprint, lsh_buckets, minhash_signature, signature_to_text
from chalicelib.domain.spam import FLOOD_LIMIT, FLOOD_WINDOW, SpamEvidence, is_spam, spam_signals

# Each retry follows a write by another screening of a close text, which the retry then joins.
SCREENING_ATTEMPTS = 5


class FeedbackMissingError(LookupError):
    pass


class ScreeningRepository(Protocol):
    def get(self, feedback_id: str) -> Feedback | None: ...

    def save_screening(
        self,
        transition: Transition,
        expected_version: int,
        *,
        new_fingerprint: str | None,
        buckets: list[Bucket],
        cluster: ClusterJoin,
    ) -> None: ...


class ScreeningIndex(Protocol):
    def neighbourhood(
        self, program_id: str, team: str, fingerprint: str, bucket_keys: list[str]
    ) -> Neighbourhood: ...

    def recent_from_source(
        self, program_id: str, source: str, since: datetime, until: datetime, *, at_most: int
    ) -> int: ...


def screen_feedback(
    feedback_id: str, *, repository: ScreeningRepository, index: ScreeningIndex, clock: Clock
) -> Feedback:
    for _ in range(SCREENING_ATTEMPTS - 1):
        try:
            return _screen_once(feedback_id, repository, index, clock)
        except SimilarityIndexChangedError:
            continue
    return _screen_once(feedback_id, repository, index, clock)


def _screen_once(
    feedback_id: str, repository: ScreeningRepository, index: ScreeningIndex, clock: Clock
) -> Feedback:
    feedback = repository.get(feedback_id)
    if feedback is None:
        raise FeedbackMissingError(feedback_id)
    if feedback.status != FeedbackStatus.RECEIVED:
        return feedback
    findings = find_pii(feedback.body)
    signals = spam_signals(feedback.body, _evidence(feedback, index))
    fingerprint = exact_fingerprint(feedback.body)
    signature = minhash_signature(feedback.body)
    near = index.neighbourhood(feedback.program_id, feedback.team, fingerprint, lsh_buckets(signature))
    cluster = choose_cluster(feedback.id, signature, near.exact_match_cluster, candidates_in(near.buckets))
    screening = Screening(
        screened_at=clock(),
        personal_information=sorted({finding.kind.value for finding in findings}),
        likely_names=_distinct(
            feedback.body[name.start : name.end] for name in likely_names(feedback.body, findings)
        ),
        spam_signals=[signal.value for signal in signals],
        spam=is_spam(signals),
        fingerprint=fingerprint,
        signature=signature_to_text(signature),
        cluster_id=cluster.cluster_id,
    )
    transition = screen(feedback, screening, mask_pii(feedback.body, findings))
    try:
        repository.save_screening(
            transition,
            feedback.version,
            new_fingerprint=fingerprint if near.exact_match_cluster is None else None,
            buckets=buckets_gaining(Candidate(feedback.id, cluster.cluster_id, signature), near.buckets),
            cluster=cluster,
        )
    except StaleVersionError:
        current = repository.get(feedback_id)
        if current is not None and current.status != FeedbackStatus.RECEIVED:
            return current  # another delivery of the same message screened it first
        raise
    return transition.feedback


def _distinct(names: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(names))


def _evidence(feedback: Feedback, index: ScreeningIndex) -> SpamEvidence:
    evidence = feedback.evidence
    recent = 0
    if evidence.source:
        since = feedback.submitted_at - FLOOD_WINDOW
        # Counting stops where a flood is certain, so a flood's own screening never reads all of it.
        counted = index.recent_from_source(
            feedback.program_id, evidence.source, since, feedback.submitted_at, at_most=FLOOD_LIMIT + 1
        )
        recent = max(0, counted - 1)  # the count includes this submission's own mark
    milliseconds = evidence.milliseconds_to_submit
    return SpamEvidence(
        honeypot_filled=evidence.honeypot_filled,
        seconds_to_submit=None if milliseconds is None else milliseconds / 1000,
        form_token_valid=evidence.form_token_valid,
        recent_from_source=recent,
    )
