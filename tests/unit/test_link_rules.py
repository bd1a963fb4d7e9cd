"""Which feedback a team's recommendation may answer, and how linking changes it, without I/O."""

from datetime import UTC, datetime

import pytest

from chalicelib.domain import moderation, recommendation_links
from chalicelib.domain import recommendation_drafting as drafting
from chalicelib.domain import recommendation_review as review
from chalicelib.domain.claims import Reviewer
from chalicelib.domain.errors import InvalidTransitionError, NotFoundError, ValidationFailedError
from chalicelib.domain.feedback import Feedback, FeedbackStatus, Screening
from chalicelib.domain.program import PolicyGoal, Program, Team
from chalicelib.domain.recommendation_records import Recommendation, RecommendationStatus, RevisionDraft

NOW = datetime(2026, 11, 23, 20, 0, tzinfo=UTC)
PROGRAM = Program(
    id="msip-6",
    name="MSIP 6",
    agency="DESE",
    policy_goals=(PolicyGoal(id="expectations", text="Expectations"),),
    teams=(
        Team(slug="academic-achievement", name="Academic Achievement", charter="Achievement."),
        Team(slug="climate-and-culture", name="Climate and Culture", charter="Culture."),
        Team(slug="systems-and-processes", name="Systems", charter="Everything.", works_across_teams=True),
    ),
)


def feedback(team: str, *, spam: bool = False, published: bool = False) -> Feedback:
    received = Feedback(
        id="01JD0000000000000000000001",
        program_id="msip-6",
        team=team,
        body="Please count growth.",
        policy_goals=[],
        consent_to_publish=True,
        status=FeedbackStatus.RECEIVED,
        submitted_at=NOW,
        receipt_hash="0" * 64,
    )
    screening = Screening(
        screened_at=NOW,
        personal_information=[],
        spam_signals=["honeypot"] if spam else [],
        spam=spam,
        fingerprint="f" * 64,
        signature="1.2.3",
        cluster_id=received.id,
    )
    screened = moderation.screen(received, screening, received.body).feedback
    if published:
        reviewer = Reviewer("sub", "staff@agency.example")
        return moderation.publish(screened, reviewer, NOW, listed=True).feedback
    return screened


def recommendation(team: str) -> Recommendation:
    draft = RevisionDraft(title="Growth", body="Count growth.", change_summary="First.")
    return drafting.create(
        recommendation_id="01JD0000000000000000000009",
        program_id="msip-6",
        team=team,
        draft=draft,
        author="ana@district.example",
        now=NOW,
    ).recommendation


@pytest.mark.parametrize(
    ("team", "channel", "allowed"),
    [
        ("academic-achievement", "academic-achievement", True),
        ("academic-achievement", "general", True),
        ("academic-achievement", "climate-and-culture", False),
        ("academic-achievement", "site", False),
        ("systems-and-processes", "climate-and-culture", True),
        ("systems-and-processes", "site", True),
    ],
)
def test_a_team_answers_its_own_and_general_feedback_and_a_team_across_teams_answers_any(
    team, channel, allowed
):
    assert recommendation_links.may_answer(PROGRAM, team, feedback(channel)) is allowed


def test_spam_never_reaches_an_inbox_so_no_team_may_link_it():
    assert not recommendation_links.may_answer(
        PROGRAM, "systems-and-processes", feedback("general", spam=True)
    )


def test_an_item_screening_took_for_spam_is_linkable_by_its_team_once_staff_publish_it():
    ours = recommendation("climate-and-culture")
    published = feedback("climate-and-culture", spam=True, published=True)

    assert recommendation_links.require_linkable(PROGRAM, ours, published) == published


def test_another_teams_item_is_named_when_it_is_public_and_absent_when_it_is_not():
    ours = recommendation("academic-achievement")

    with pytest.raises(ValidationFailedError):
        recommendation_links.require_linkable(PROGRAM, ours, feedback("climate-and-culture", published=True))
    with pytest.raises(NotFoundError):
        recommendation_links.require_linkable(PROGRAM, ours, feedback("climate-and-culture"))
    with pytest.raises(NotFoundError):
        recommendation_links.require_linkable(PROGRAM, ours, None)


def test_linking_and_unlinking_count_and_chain_an_event_naming_the_item():
    ours, item = recommendation("academic-achievement"), feedback("academic-achievement")

    linked = recommendation_links.link(ours, item, "ana@district.example", NOW)
    unlinked = recommendation_links.unlink(linked.recommendation, item.id, "ana@district.example", NOW)

    assert linked.linked is not None and linked.linked.while_published is False
    assert (linked.recommendation.linked_feedback_count, unlinked.recommendation.linked_feedback_count) == (
        1,
        0,
    )
    assert (linked.event.action, linked.event.feedback_id, linked.event.sequence) == ("linked", item.id, 2)
    assert unlinked.event.previous_hash == linked.event.hash and unlinked.unlinked_feedback_id == item.id


def test_a_rejected_recommendation_takes_no_more_links():
    ours = recommendation("academic-achievement")
    submitted = drafting.submit(ours, 1, "ana@district.example", NOW).recommendation
    staff = Reviewer("sub-staff", "staff@agency.example")
    rejected = review.reject(submitted, 1, staff, NOW, "Out of scope.").recommendation

    with pytest.raises(InvalidTransitionError):
        recommendation_links.link(rejected, feedback("academic-achievement"), "ana@district.example", NOW)
    assert not recommendation_links.takes_links(rejected.status)


@pytest.mark.parametrize("status", [status for status in RecommendationStatus if status.value != "rejected"])
def test_a_recommendation_takes_links_in_every_status_but_rejected(status):
    assert recommendation_links.takes_links(status)
