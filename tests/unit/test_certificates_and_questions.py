"""Certificate codes that are hard to guess and easy to type, certificates that keep their code when
credits are computed again, and event questions worked under the shared claim rule."""

import re
from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.domain import event_questions as questions
from chalicelib.domain.certificates import CODE_PATTERN, EarnedCredit, issued, new_code, normalised_code
from chalicelib.domain.claims import Reviewer
from chalicelib.domain.errors import ClaimHeldError, InvalidTransitionError
from chalicelib.domain.identity import Caller

NOW = datetime(2027, 1, 28, 15, 0, tzinfo=UTC)
LEASE = timedelta(minutes=10)
ANA = Reviewer("sub-ana", "ana@agency.example")
BO = Reviewer("sub-bo", "bo@agency.example")


def test_a_code_is_three_groups_of_four_and_two_codes_differ():
    codes = {new_code() for _ in range(200)}

    assert len(codes) == 200
    assert all(re.fullmatch(CODE_PATTERN, code) for code in codes)


def test_a_typed_code_is_read_whatever_its_case_spacing_and_lookalike_letters():
    assert normalised_code(" abcd efgh-jk0o ") == "ABCD-EFGH-JK00"
    assert normalised_code("1lI0-0000-0000") == "1110-0000-0000"
    assert normalised_code("ABCD-EFGH-JKMU") is None
    assert normalised_code("ABCD-EFGH") is None


def test_computing_credits_again_keeps_each_earners_code_and_drops_who_no_longer_earns():
    shared = dict(
        event_id="E1",
        event_title="Convening",
        first_day=NOW,
        last_day=NOW + timedelta(days=2),
        credits=[EarnedCredit(kind="CEU", amount="1.3")],
    )
    first = issued({"r1": "Ana", "r2": "Bo"}, {}, now=NOW, **shared)

    again = issued({"r1": "Ana", "r3": "Cy"}, first, now=NOW + timedelta(days=1), **shared)

    assert again["r1"].code == first["r1"].code and again["r1"].issued_at == NOW
    assert "r2" not in again
    assert again["r3"].issued_at == NOW + timedelta(days=1)


def test_a_question_is_claimed_and_answered_under_the_claim_rule_with_each_step_kept():
    asked = questions.ask("Q1", "msip-6", "E1", "Pat", "pat@school.example", "Is it recorded?", NOW)
    claimed = questions.claim(asked, ANA, NOW + timedelta(minutes=1), LEASE)

    with pytest.raises(ClaimHeldError, match="reviewing this question"):
        questions.answer(claimed, BO, NOW + timedelta(minutes=2), "Yes.")
    answered = questions.answer(claimed, ANA, NOW + timedelta(minutes=3), "Yes, posted afterwards.")

    assert answered.status == questions.QuestionStatus.ANSWERED
    assert answered.answered_by == "ana@agency.example" and answered.claim is None
    assert [step.action for step in answered.history] == ["asked", "claimed", "answered"]
    assert answered.version == 3
    with pytest.raises(InvalidTransitionError):
        questions.claim(answered, BO, NOW + timedelta(minutes=4), LEASE)


def test_staff_and_the_events_contact_may_answer_and_no_one_else():
    staff = Caller("s", "staff", "staff@agency.example", ("staff",))
    contact = Caller("c", "contact", "Noleen@Agency.example", ("team-academic-achievement",))
    member = Caller("m", "member", "m@agency.example", ("team-academic-achievement",))

    assert questions.may_answer(staff, None)
    assert questions.may_answer(contact, "noleen@agency.example")
    assert not questions.may_answer(member, "noleen@agency.example")
    assert not questions.may_answer(member, None)
