"""One contract, two repositories: the in-memory fake the unit tests use and the DynamoDB repository on
moto pass the same tests, so the fake cannot promise what the table does not do. Each test uses ids,
keys and sources of its own, so the DynamoDB table is shared by the module."""

import secrets
from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.adapters.feedback_repository import DynamoFeedbackRepository
from chalicelib.domain.feedback import AuditEvent, Feedback, FeedbackStatus, SubmissionEvidence, Submitter
from chalicelib.domain.idempotency import KEY_LIFETIME, IdempotencyClaim, IdempotencyKeyTakenError
from chalicelib.domain.ids import new_id
from chalicelib.domain.limits import Admission, SourceOverLimitError, minute_of
from tests.fakes import InMemoryFeedbackRepository

# Microseconds included: what a repository gives back is what it was given, to the microsecond.
NOW = datetime(2026, 11, 2, 19, 30, 12, 345678, tzinfo=UTC)


@pytest.fixture
def in_memory():
    return InMemoryFeedbackRepository()


@pytest.fixture
def on_dynamodb(shared_table):
    return DynamoFeedbackRepository(*shared_table)


@pytest.fixture(params=["in_memory", "on_dynamodb"])
def repository(request):
    return request.getfixturevalue(request.param)


def received(at: datetime = NOW, source: str | None = None) -> tuple[Feedback, AuditEvent]:
    feedback = Feedback(
        id=new_id(at),
        program_id="msip-6",
        team="climate-and-culture",
        body="More family surveys, please.",
        policy_goals=["goal-1"],
        submitter=Submitter(name="Dana", email="dana@example.org"),
        consent_to_publish=True,
        status=FeedbackStatus.RECEIVED,
        submitted_at=at,
        receipt_hash=secrets.token_hex(32),
        evidence=SubmissionEvidence(form_token_valid=True, milliseconds_to_submit=9000, source=source),
    )
    event = AuditEvent(subject_id=feedback.id, at=at, action="received", actor="public", to_status="received")
    return feedback, event


def claim_for(feedback: Feedback, key_hash: str, fingerprint: str = "fingerprint-1") -> IdempotencyClaim:
    return IdempotencyClaim(
        key_hash=key_hash,
        request_fingerprint=fingerprint,
        subject_id=feedback.id,
        response={"id": feedback.id, "status": "received", "receipt": "r"},
        claimed_at=feedback.submitted_at,
    )


def admission(source: str, at: datetime = NOW, per_minute: int = 2) -> Admission:
    return Admission(source, minute_of(at), per_minute)


def fresh_key() -> str:
    return secrets.token_hex(32)


class TestFeedbackRepositoryContract:
    def test_an_added_item_is_read_back_with_its_first_event(self, repository):
        feedback, event = received()

        repository.add(feedback, event, None)

        assert repository.get_with_history(feedback.id) == (feedback, [event])

    def test_an_id_never_stored_reads_as_nothing(self, repository):
        assert repository.get_with_history(new_id(NOW)) is None

    def test_a_live_key_is_refused_naming_the_claim_that_holds_it_and_nothing_of_the_retry_is_stored(
        self, repository
    ):
        key = fresh_key()
        first, first_event = received()
        first_claim = claim_for(first, key)
        repository.add(first, first_event, first_claim)
        retry, retry_event = received(NOW + timedelta(seconds=5))

        with pytest.raises(IdempotencyKeyTakenError) as taken:
            repository.add(retry, retry_event, claim_for(retry, key, "fingerprint-2"))

        assert taken.value.existing == first_claim
        assert repository.get_with_history(retry.id) is None

    def test_a_key_is_held_for_its_lifetime_and_may_be_claimed_again_once_it_is_over(self, repository):
        key = fresh_key()
        first, first_event = received()
        repository.add(first, first_event, claim_for(first, key))
        just_before, just_before_event = received(NOW + KEY_LIFETIME - timedelta(seconds=1))
        after, after_event = received(NOW + KEY_LIFETIME + timedelta(seconds=1))

        with pytest.raises(IdempotencyKeyTakenError):
            repository.add(just_before, just_before_event, claim_for(just_before, key))
        repository.add(after, after_event, claim_for(after, key))

        later, later_event = received(NOW + KEY_LIFETIME + timedelta(seconds=2))
        with pytest.raises(IdempotencyKeyTakenError) as taken:
            repository.add(later, later_event, claim_for(later, key))
        assert taken.value.existing == claim_for(after, key)

    def test_past_the_minutes_limit_a_source_is_refused_and_the_next_minute_or_another_source_is_let_in(
        self, repository
    ):
        source = fresh_key()
        for _ in range(2):
            repository.add(*received(source=source), None, admission(source))
        refused, refused_event = received(source=source)

        with pytest.raises(SourceOverLimitError):
            repository.add(refused, refused_event, None, admission(source))

        assert repository.get_with_history(refused.id) is None
        next_minute = NOW + timedelta(minutes=1)
        repository.add(*received(next_minute, source), None, admission(source, next_minute))
        repository.add(*received(), None, admission(fresh_key()))

    def test_a_submission_refused_at_the_limit_keeps_no_claim_on_its_key(self, repository):
        source, key = fresh_key(), fresh_key()
        for _ in range(2):
            repository.add(*received(source=source), None, admission(source))
        refused, refused_event = received(source=source)

        with pytest.raises(SourceOverLimitError):
            repository.add(refused, refused_event, claim_for(refused, key), admission(source))

        elsewhere, elsewhere_event = received()
        repository.add(elsewhere, elsewhere_event, claim_for(elsewhere, key))
        assert repository.get_with_history(elsewhere.id) is not None

    def test_a_retry_refused_for_its_key_uses_none_of_the_minute(self, repository):
        source, key = fresh_key(), fresh_key()
        first, first_event = received(source=source)
        repository.add(first, first_event, claim_for(first, key), admission(source))
        retry, retry_event = received(source=source)

        with pytest.raises(IdempotencyKeyTakenError):
            repository.add(retry, retry_event, claim_for(retry, key), admission(source))

        repository.add(*received(source=source), None, admission(source))
        with pytest.raises(SourceOverLimitError):
            repository.add(*received(source=source), None, admission(source))

    def test_a_retry_past_the_limit_is_told_its_key_is_taken_so_it_gets_its_receipt(self, repository):
        source, key = fresh_key(), fresh_key()
        first, first_event = received(source=source)
        repository.add(first, first_event, claim_for(first, key), admission(source))
        repository.add(*received(source=source), None, admission(source))
        retry, retry_event = received(source=source)

        with pytest.raises(IdempotencyKeyTakenError) as taken:
            repository.add(retry, retry_event, claim_for(retry, key), admission(source))

        assert taken.value.existing.subject_id == first.id
