"""The claim rule every review queue shares, on any queued thing: one holder at a time, known by their
subject, for the length of a lease."""

from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.domain import claims
from chalicelib.domain.claims import Reviewer, reviewer_of
from chalicelib.domain.errors import ClaimHeldError
from chalicelib.domain.identity import Caller

NOW = datetime(2026, 11, 30, 14, 0, tzinfo=UTC)
LEASE = timedelta(minutes=10)
ANA = Reviewer("sub-ana", "ana@agency.example")
BO = Reviewer("sub-bo", "bo@agency.example")


def test_another_reviewer_is_refused_with_the_holder_and_the_end_of_the_lease_named():
    held = claims.take(None, ANA, NOW, LEASE, "this question")

    with pytest.raises(ClaimHeldError) as refused:
        claims.take(held, BO, NOW + timedelta(minutes=9), LEASE, "this question")

    until = (NOW + LEASE).isoformat()
    assert refused.value.message == f"ana@agency.example is reviewing this question until {until}."
    assert [(p.field, p.problem) for p in refused.value.fields] == [
        ("claim", f"held by ana@agency.example until {until}")
    ]


def test_the_holder_renews_their_own_claim_and_anyone_takes_a_lapsed_one():
    held = claims.take(None, ANA, NOW, LEASE, "this item")

    renewed = claims.take(held, ANA, NOW + timedelta(minutes=5), LEASE, "this item")
    after_lapse = claims.take(held, BO, NOW + LEASE + timedelta(seconds=1), LEASE, "this item")

    assert renewed.holder == ANA and renewed.until == NOW + timedelta(minutes=15)
    assert after_lapse.holder == BO


def test_the_holder_is_known_by_subject_so_a_new_email_still_holds_and_an_old_email_does_not():
    before = Caller("sub-ana", "ana", "ana@agency.example", ("staff",))
    after_renaming = Caller("sub-ana", "ana", "ana.lopez@agency.example", ("staff",))
    someone_given_the_old_address = Caller("sub-cy", "cy", "ana@agency.example", ("staff",))
    held = claims.take(None, reviewer_of(before), NOW, LEASE, "this item")

    claims.require_free_for(held, reviewer_of(after_renaming), NOW, "this item")
    with pytest.raises(ClaimHeldError):
        claims.require_free_for(held, reviewer_of(someone_given_the_old_address), NOW, "this item")
    assert reviewer_of(after_renaming).name == "ana.lopez@agency.example"
