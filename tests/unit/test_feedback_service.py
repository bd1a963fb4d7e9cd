"""Submitting and looking up feedback, with in-memory adapters (no I/O)."""

from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.adapters.program_file import load_program
from chalicelib.domain.errors import (
    IdempotencyKeyReusedError,
    NotFoundError,
    TooManyRequestsError,
    ValidationFailedError,
)
from chalicelib.domain.feedback import FeedbackSubmission
from chalicelib.domain.limits import SUBMISSIONS_PER_SOURCE_PER_MINUTE
from chalicelib.services.feedback import Arrival, Door, submit_feedback, view_by_receipt
from tests.fakes import (
    InMemoryFeedbackRepository,
    NoCitations,
    SettableClock,
    SteppingClock,
)

PROGRAM = load_program("msip-6")


def submission(**changes) -> FeedbackSubmission:
    document = {
        "team": "climate-and-culture",
        "body": "More family surveys, please.",
        "consent_to_publish": True,
    }
    return FeedbackSubmission.model_validate({**document, **changes})


@pytest.fixture
def repository() -> InMemoryFeedbackRepository:
    return InMemoryFeedbackRepository()


def submit(repository, item=None, key=None, *, clock=None, door=None, source="203.0.113.9"):
    return submit_feedback(
        item or submission(),
        program=PROGRAM,
        repository=repository,
        clock=clock or SteppingClock(),
        arrival=Arrival(b"unit-test-secret", source),
        door=door or Door(),
        idempotency_key=key,
    )


def test_a_submission_is_stored_as_received_with_a_first_audit_event(repository):
    answer = submit(repository)

    stored = repository.feedback[answer.id]
    assert stored.status == "received"
    assert stored.receipt_hash != answer.receipt
    assert [event.action for event in repository.events[answer.id]] == ["received"]


def test_the_receipt_opens_the_submitters_view(repository):
    answer = submit(repository)

    view = view_by_receipt(
        answer.id, answer.receipt, program=PROGRAM, repository=repository, citations=NoCitations()
    )

    assert view.team_name == "Climate and Culture"
    assert view.history[0].description == "We received your feedback."


@pytest.mark.parametrize("receipt", [None, "", "guess"])
def test_without_the_right_receipt_the_item_does_not_exist(repository, receipt):
    answer = submit(repository)

    with pytest.raises(NotFoundError):
        view_by_receipt(answer.id, receipt, program=PROGRAM, repository=repository, citations=NoCitations())


def test_a_malformed_id_is_simply_not_found(repository):
    with pytest.raises(NotFoundError):
        view_by_receipt(
            "../../etc/passwd", "x", program=PROGRAM, repository=repository, citations=NoCitations()
        )


def test_unknown_team_and_policy_goals_are_named(repository):
    with pytest.raises(ValidationFailedError) as refused:
        submit(repository, submission(team="football", policy_goals=["expectations", "nope", "expectations"]))

    assert {problem.field for problem in refused.value.fields} == {"team", "policy_goals.1", "policy_goals"}
    assert repository.feedback == {}


def test_the_same_key_and_body_returns_the_first_answer(repository):
    first = submit(repository, key="k1")
    again = submit(repository, key="k1")

    assert again == first
    assert len(repository.feedback) == 1


def test_the_same_key_with_another_body_is_refused(repository):
    submit(repository, key="k1")

    with pytest.raises(IdempotencyKeyReusedError):
        submit(repository, submission(body="Something else."), key="k1")


def test_fingerprints_ignore_whitespace_the_model_trims():
    assert submission(body="  hello ").fingerprint() == submission(body="hello").fingerprint()


def test_the_honeypot_and_the_source_are_kept_as_evidence_but_not_the_address(repository):
    answer = submit(repository, submission(website="http://bot.example"))

    evidence = repository.feedback[answer.id].evidence
    assert evidence.honeypot_filled is True
    assert evidence.source and "203.0.113.9" not in evidence.source
    assert evidence.form_token_valid is None


def test_a_forged_form_token_is_recorded_as_invalid(repository):
    answer = submit(repository, submission(form_token="forged.token"))

    assert repository.feedback[answer.id].evidence.form_token_valid is False


def test_past_the_limit_a_source_is_told_to_wait_until_the_next_minute_and_nothing_is_stored(repository):
    clock = SettableClock(datetime(2026, 11, 2, 19, 30, 15, tzinfo=UTC))
    door = Door()
    for _ in range(SUBMISSIONS_PER_SOURCE_PER_MINUTE):
        submit(repository, clock=clock, door=door)

    with pytest.raises(TooManyRequestsError) as refused:
        submit(repository, clock=clock, door=door)

    assert refused.value.retry_after_seconds == 45
    assert len(repository.feedback) == SUBMISSIONS_PER_SOURCE_PER_MINUTE
    clock.now += timedelta(seconds=45)
    assert submit(repository, clock=clock, door=door).status == "received"


def test_the_limit_counts_each_source_apart_and_never_one_without_an_address(repository):
    clock = SettableClock(datetime(2026, 11, 2, 19, 30, tzinfo=UTC))
    door = Door(per_minute=1)
    submit(repository, clock=clock, door=door, source="203.0.113.9")

    submit(repository, clock=clock, door=door, source="198.51.100.7")
    submit(repository, clock=clock, door=door, source=None)
    submit(repository, clock=clock, door=door, source=None)

    assert len(repository.feedback) == 4


def test_a_retry_with_its_idempotency_key_past_the_limit_gets_its_receipt_and_uses_no_more_of_the_minute(
    repository,
):
    clock = SettableClock(datetime(2026, 11, 2, 19, 30, 15, tzinfo=UTC))
    door = Door(per_minute=2)
    first = submit(repository, key="retry-me", clock=clock, door=door)
    submit(repository, clock=clock, door=door)

    again = submit(repository, key="retry-me", clock=clock, door=door)

    assert again.id == first.id and again.receipt == first.receipt
    assert len(repository.feedback) == 2
