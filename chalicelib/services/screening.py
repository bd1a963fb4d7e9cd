"""Screening one stored submission: personal information, spam signals, duplicates; then it is routed
into the moderation queue and the team's inbox, all in one write. Running it twice changes nothing."""

from collections.abc import Iterable
from datetime import datetime
from typing import Protocol

from chalicelib.domain.clock import Clock
from chalicelib.domain.clusters import Candidate, ClusterJoin, choose_cluster
from chalicelib.domain.errors import StaleVersionError
from chalicelib.domain.feedback import Feedback, FeedbackStatus, Screening
from chalicelib.domain.moderation import Transition, screen
from chalicelib.domain.pii import find_pii, likely_names, mask_pii
from chalicelib.domain.similarity import exact_fingerprint, lsh_buckets, minhash_signature, signature_to_text
from chalicelib.domain.spam import FLOOD_WINDOW, SpamEvidence, is_spam, spam_signals

CANDIDATES_PER_BUCKET = 3


class FeedbackMissingError(LookupError):
    pass


class ScreeningRepository(Protocol):
    def get(self, feedback_id: str) -> Feedback | None: ...

    def save_screening(
        self,
        transition: Transition,
        expected_version: int,
        *,
        fingerprint: str,
        buckets: list[str],
        cluster: ClusterJoin,
    ) -> None: ...


class ScreeningIndex(Protocol):
    def exact_match_cluster(self, program_id: str, team: str, fingerprint: str) -> str | None: ...

    def near_candidates(
        self, program_id: str, team: str, buckets: list[str], per_bucket: int
    ) -> list[Candidate]: ...

    def recent_from_source(self, program_id: str, source: str, since: datetime, until: datetime) -> int: ...


def screen_feedback(
    feedback_id: str, *, repository: ScreeningRepository, index: ScreeningIndex, clock: Clock
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
    buckets = lsh_buckets(signature)
    program, team = feedback.program_id, feedback.team
    cluster = choose_cluster(
        feedback.id,
        signature,
        index.exact_match_cluster(program, team, fingerprint),
        index.near_candidates(program, team, buckets, CANDIDATES_PER_BUCKET),
    )
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
            transition, feedback.version, fingerprint=fingerprint, buckets=buckets, cluster=cluster
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
        counted = index.recent_from_source(feedback.program_id, evidence.source, since, feedback.submitted_at)
        recent = max(0, counted - 1)  # the count includes this submission's own mark
    milliseconds = evidence.milliseconds_to_submit
    return SpamEvidence(
        honeypot_filled=evidence.honeypot_filled,
        seconds_to_submit=None if milliseconds is None else milliseconds / 1000,
        form_token_valid=evidence.form_token_valid,
        recent_from_source=recent,
    )
