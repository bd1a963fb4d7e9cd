"""The moves a feedback item may make, without I/O: screening, claims, decisions, the team's marks."""

from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.domain import moderation
from chalicelib.domain.errors import ClaimHeldError, InvalidTransitionError
from chalicelib.domain.feedback import Feedback, FeedbackStatus, RejectionReason, Screening, TeamState

NOW = datetime(2026, 11, 23, 20, 0, tzinfo=UTC)
LEASE = timedelta(minutes=10)
ANA = moderation.Reviewer("sub-ana", "ana@agency.example")
BO = moderation.Reviewer("sub-bo", "bo@agency.example")


def received(consent: bool = True) -> Feedback:
    return Feedback(
        id="01JD0000000000000000000000",
        program_id="msip-6",
        team="climate-and-culture",
        body="Call me at 573-555-0142.",
        policy_goals=[],
        consent_to_publish=consent,
        status=FeedbackStatus.RECEIVED,
        submitted_at=NOW - timedelta(minutes=5),
        receipt_hash="0" * 64,
    )


def screening(spam: bool = False) -> Screening:
    return Screening(
        screened_at=NOW,
        personal_information=["phone"],
        spam_signals=["honeypot"] if spam else [],
        spam=spam,
        fingerprint="f" * 64,
        signature="1.2.3",
        cluster_id="01JD0000000000000000000000",
    )


def screened(consent: bool = True, spam: bool = False) -> Feedback:
    return moderation.screen(received(consent), screening(spam), "Call me at [phone removed].").feedback


def test_screening_queues_a_publishable_item_and_routes_it_to_the_team():
    transition = moderation.screen(received(), screening(), "Call me at [phone removed].")

    item = transition.feedback
    assert item.status == FeedbackStatus.SCREENED and item.version == 2
    assert item.in_moderation_queue and item.in_team_inbox and item.team_state == TeamState.NEW
    assert transition.event.action == "screened" and transition.event.from_status == FeedbackStatus.RECEIVED


def test_an_item_without_consent_goes_to_the_team_only():
    item = screened(consent=False)

    assert not item.in_moderation_queue and item.in_team_inbox


def test_spam_waits_for_a_reviewer_but_never_reaches_the_team():
    item = screened(spam=True)

    assert item.in_moderation_queue and not item.in_team_inbox


def test_an_item_is_screened_once():
    with pytest.raises(InvalidTransitionError):
        moderation.screen(screened(), screening(), "again")


def test_a_live_claim_keeps_other_reviewers_out_until_it_lapses():
    claimed = moderation.claim(screened(), ANA, NOW, LEASE).feedback

    with pytest.raises(ClaimHeldError) as held:
        moderation.claim(claimed, BO, NOW + timedelta(minutes=9), LEASE)
    with pytest.raises(ClaimHeldError):
        moderation.publish(claimed, BO, NOW, listed=True)
    assert "ana@agency.example" in held.value.message
    assert (
        moderation.claim(claimed, BO, NOW + LEASE + timedelta(seconds=1), LEASE).feedback.claim.holder.id
        == "sub-bo"
    )
    assert moderation.claim(
        claimed, ANA, NOW + timedelta(minutes=1), LEASE
    ).feedback.claim.until == NOW + timedelta(minutes=11)


def test_publishing_leaves_the_queue_drops_the_claim_and_keeps_the_masked_text():
    claimed = moderation.claim(screened(), ANA, NOW, LEASE).feedback

    published = moderation.publish(claimed, ANA, NOW, listed=True).feedback

    assert published.status == FeedbackStatus.PUBLISHED and not published.in_moderation_queue
    assert published.claim is None and published.public_body == "Call me at [phone removed]."
    assert published.decided_by == "ana@agency.example"


def test_a_reviewer_may_publish_their_own_redaction():
    published = moderation.publish(screened(), ANA, NOW, listed=True, redacted_body="Call me.").feedback

    assert published.public_body == "Call me."


def test_rejecting_as_spam_takes_the_item_out_of_the_team_inbox_but_other_reasons_do_not():
    as_spam = moderation.reject(screened(), ANA, NOW, RejectionReason.SPAM).feedback
    off_topic = moderation.reject(screened(), ANA, NOW, RejectionReason.OFF_TOPIC)

    assert not as_spam.in_team_inbox
    assert off_topic.feedback.in_team_inbox and off_topic.event.reason == "off-topic"


@pytest.mark.parametrize(
    "decide",
    [
        lambda item: moderation.publish(item, ANA, NOW, listed=True),
        lambda item: moderation.reject(item, ANA, NOW, RejectionReason.ABUSIVE),
        lambda item: moderation.claim(item, ANA, NOW, LEASE),
    ],
)
def test_a_decided_or_unscreened_item_refuses_every_further_decision(decide):
    decided = moderation.publish(screened(), BO, NOW, listed=True).feedback

    for item in (decided, received()):
        with pytest.raises(InvalidTransitionError):
            decide(item)


def test_every_status_lists_its_moves_and_nothing_else_is_allowed():
    assert set(moderation.ALLOWED_MOVES) == set(FeedbackStatus)
    assert moderation.ALLOWED_MOVES[FeedbackStatus.PUBLISHED] == frozenset()
    assert moderation.ALLOWED_MOVES[FeedbackStatus.REJECTED] == frozenset()


def test_a_team_marks_an_item_seen_then_considered_but_never_back():
    item = screened()

    seen = moderation.mark_by_team(item, TeamState.ACKNOWLEDGED, "member", NOW).feedback
    considered = moderation.mark_by_team(seen, TeamState.CONSIDERED, "member", NOW).feedback

    assert considered.team_state == TeamState.CONSIDERED
    with pytest.raises(InvalidTransitionError):
        moderation.mark_by_team(considered, TeamState.ACKNOWLEDGED, "member", NOW)
    with pytest.raises(InvalidTransitionError):
        moderation.mark_by_team(screened(spam=True), TeamState.ACKNOWLEDGED, "member", NOW)
