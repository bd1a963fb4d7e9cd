"""How a recommendation moves, without I/O: revisions, submission, the staff's decisions, publication."""

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from itertools import product

import pytest
from pydantic import ValidationError

from chalicelib.domain import recommendation_drafting as drafting
from chalicelib.domain import recommendation_publication as publication
from chalicelib.domain import recommendation_review as review
from chalicelib.domain.audit_chain import verify_chain
from chalicelib.domain.claims import Reviewer
from chalicelib.domain.errors import (
    ClaimHeldError,
    ConflictError,
    ForbiddenError,
    InvalidTransitionError,
    NotFoundError,
    ValidationFailedError,
)
from chalicelib.domain.identity import Caller
from chalicelib.domain.program import PolicyGoal, Program, Team
from chalicelib.domain.recommendation_moves import ALLOWED_MOVES
from chalicelib.domain.recommendation_records import (
    Change,
    QuoteNotInRevisionError,
    Recommendation,
    RecommendationStatus,
    Revision,
    RevisionDraft,
    StaleRevisionError,
    SupersededRevisionError,
    UnknownRevisionError,
)
from chalicelib.domain.text_diff import DiffKind

Status = RecommendationStatus
NOW = datetime(2026, 11, 23, 20, 0, tzinfo=UTC)
LATER = NOW + timedelta(hours=1)
TEAM = "climate-and-culture"
ANA = "ana@district.example"
BO = "bo@district.example"
STAFF = Reviewer("sub-staff", "staff@agency.example")
BODY = "Report growth for every school.\n\nPublish the results each fall.\n\nAsk parents what they need."


def draft(body: str = BODY, summary: str = "First draft.", title: str = "Report growth") -> RevisionDraft:
    return RevisionDraft(title=title, body=body, policy_goals=["expectations"], change_summary=summary)


def creation() -> Change:
    return drafting.create(
        recommendation_id="01JD0000000000000000000000",
        program_id="msip-6",
        team=TEAM,
        draft=draft(),
        author=ANA,
        now=NOW,
    )


def revision_of(recommendation: Recommendation, number: int | None = None) -> Revision:
    """A revision of `recommendation` as the repository would return it (the current one by default)."""
    return Revision(
        recommendation_id=recommendation.id,
        number=number or recommendation.current_revision,
        title="Report growth",
        body=BODY,
        policy_goals=("expectations",),
        change_summary="Edited.",
        author=ANA,
        created_at=NOW,
    )


def created() -> tuple[Recommendation, Revision]:
    change = creation()
    assert change.revision is not None
    return change.recommendation, change.revision


def revised(recommendation: Recommendation, body: str, author: str = ANA) -> tuple[Recommendation, Revision]:
    change = drafting.revise(
        recommendation, recommendation.current_revision, draft(body, "Edited."), author, NOW
    )
    assert change.revision is not None
    return change.recommendation, change.revision


def submitted() -> tuple[Recommendation, Revision]:
    recommendation, revision = created()
    return drafting.submit(recommendation, 1, ANA, NOW).recommendation, revision


def in_status(status: RecommendationStatus) -> tuple[Recommendation, Revision]:
    recommendation, revision = submitted()
    decide = {
        Status.DRAFT: lambda: created()[0],
        Status.SUBMITTED: lambda: recommendation,
        Status.APPROVED: lambda: review.approve(recommendation, revision, STAFF, NOW).recommendation,
        Status.CHANGES_REQUESTED: lambda: (
            review.request_changes(recommendation, revision, STAFF, NOW, "Say which grades.").recommendation
        ),
        Status.REJECTED: lambda: review.reject(recommendation, 1, STAFF, NOW, "Out of scope.").recommendation,
    }
    return decide[status](), revision


MOVES: dict[RecommendationStatus, Callable[[Recommendation, Revision], Change]] = {
    Status.DRAFT: lambda item, _: drafting.revise(item, item.current_revision, draft("New."), BO, LATER),
    Status.SUBMITTED: lambda item, _: drafting.submit(item, item.current_revision, BO, LATER),
    Status.APPROVED: lambda item, _: review.approve(item, revision_of(item), STAFF, LATER),
    Status.CHANGES_REQUESTED: lambda item, revision: review.request_changes(
        item, revision, STAFF, LATER, "Shorter, please."
    ),
    Status.REJECTED: lambda item, _: review.reject(item, item.current_revision, STAFF, LATER, "No."),
}


def test_every_status_has_a_row_in_the_table_and_rejection_is_final():
    assert set(ALLOWED_MOVES) == set(Status)
    assert ALLOWED_MOVES[Status.REJECTED] == frozenset()


@pytest.mark.parametrize(("source", "target"), list(product(Status, Status)), ids=lambda status: status.value)
def test_a_move_is_allowed_exactly_when_the_table_lists_it(source, target):
    recommendation, revision = in_status(source)
    assert recommendation.status == source

    if target not in ALLOWED_MOVES[source]:
        with pytest.raises(InvalidTransitionError):
            MOVES[target](recommendation, revision)
        return
    change = MOVES[target](recommendation, revision)

    assert change.recommendation.status == target
    assert (change.event.from_status, change.event.to_status) == (source, target)
    assert change.recommendation.version == recommendation.version + 1 == change.event.sequence
    assert change.event.previous_hash == recommendation.last_event_hash


def test_a_new_recommendation_is_revision_one_in_draft_with_its_first_audit_event():
    recommendation, revision = created()

    assert recommendation.status == Status.DRAFT and recommendation.current_revision == 1
    assert recommendation.created_by == ANA and recommendation.title == "Report growth"
    assert revision.number == 1 and revision.author == ANA and revision.policy_goals == ("expectations",)
    assert recommendation.approved_revision is None and not recommendation.in_approval_queue


def test_every_edit_is_a_new_revision_and_the_earlier_ones_cannot_change():
    first_recommendation, first = created()

    recommendation, second = revised(first_recommendation, "Report growth, by grade.", author=BO)

    assert recommendation.current_revision == 2 and second.number == 2 and second.author == BO
    assert first.body == BODY
    with pytest.raises(ValidationError):
        first.body = "rewritten"


def test_an_edit_against_a_stale_base_revision_is_a_conflict_naming_the_current_revision():
    recommendation, _ = created()
    after_ana = drafting.revise(recommendation, 1, draft("Ana's edit."), ANA, NOW).recommendation

    with pytest.raises(StaleRevisionError) as stale:
        drafting.revise(after_ana, 1, draft("Bo's edit."), BO, LATER)

    assert isinstance(stale.value, ConflictError) and stale.value.current_revision == 2
    assert "Revision 2" in stale.value.message
    assert [problem.field for problem in stale.value.fields] == ["base_revision"]


def test_a_revision_written_while_one_waits_for_approval_takes_it_out_of_the_queue():
    waiting, _ = submitted()

    recommendation, _ = revised(waiting, "Report growth, by grade.")

    assert recommendation.status == Status.DRAFT and not recommendation.in_approval_queue
    assert recommendation.submitted_revision is None and recommendation.current_revision == 2


@pytest.mark.parametrize(
    "decide",
    [
        lambda item, revision: review.approve(item, revision, STAFF, LATER),
        lambda item, revision: review.request_changes(item, revision, STAFF, LATER, "Why?"),
        lambda item, revision: review.reject(item, revision.number, STAFF, LATER, "No."),
    ],
    ids=["approve", "request changes", "reject"],
)
def test_a_decision_about_a_superseded_revision_is_a_conflict_naming_the_current_one(decide):
    waiting, first = submitted()
    recommendation, _ = revised(waiting, "Report growth, by grade.")
    resubmitted = drafting.submit(recommendation, 2, ANA, LATER).recommendation

    for item in (recommendation, resubmitted):
        with pytest.raises(SupersededRevisionError) as superseded:
            decide(item, first)
        assert superseded.value.current_revision == 2 and "revision 2" in superseded.value.message


def test_submitting_a_revision_another_member_has_replaced_is_a_conflict():
    recommendation, _ = created()
    recommendation, _ = revised(recommendation, "Bo's edit.", author=BO)

    with pytest.raises(SupersededRevisionError):
        drafting.submit(recommendation, 1, ANA, NOW)


def test_a_decision_about_a_revision_that_does_not_exist_names_the_field():
    recommendation, _ = submitted()

    with pytest.raises(UnknownRevisionError) as unknown:
        review.approve(recommendation, revision_of(recommendation, 7), STAFF, LATER)

    assert [problem.field for problem in unknown.value.fields] == ["revision"]


def test_requesting_changes_needs_a_comment_and_rejecting_needs_a_reason():
    recommendation, revision = submitted()

    with pytest.raises(ValidationFailedError) as no_comment:
        review.request_changes(recommendation, revision, STAFF, LATER, "   ")
    with pytest.raises(ValidationFailedError) as no_reason:
        review.reject(recommendation, 1, STAFF, LATER, "")

    assert [problem.field for problem in no_comment.value.fields] == ["comment"]
    assert [problem.field for problem in no_reason.value.fields] == ["reason"]


def test_a_request_for_changes_may_quote_a_paragraph_of_the_revision_it_decides():
    recommendation, revision = submitted()

    change = review.request_changes(
        recommendation, revision, STAFF, LATER, "Which month?", quote="  Publish the results\neach fall. "
    )

    assert change.recommendation.status == Status.CHANGES_REQUESTED
    assert change.event.quote == "Publish the results each fall." and change.event.comment == "Which month?"


@pytest.mark.parametrize(
    "quote",
    ["Publish the results", "Report growth for every school. Publish the results each fall.", "Other text."],
)
def test_a_quote_that_is_not_one_whole_paragraph_of_the_revision_is_refused(quote):
    recommendation, revision = submitted()

    with pytest.raises(QuoteNotInRevisionError) as refused:
        review.request_changes(recommendation, revision, STAFF, LATER, "Which month?", quote=quote)

    assert [problem.field for problem in refused.value.fields] == ["quote"]


def test_a_quote_from_an_earlier_revision_is_refused_even_when_that_paragraph_was_in_it():
    recommendation, first = created()
    recommendation, second = revised(recommendation, "Report growth, by grade.")
    recommendation = drafting.submit(recommendation, 2, ANA, NOW).recommendation

    with pytest.raises(QuoteNotInRevisionError):
        review.request_changes(recommendation, second, STAFF, LATER, "Why?", quote=first.paragraphs()[1])


def test_an_approved_revision_stays_published_while_the_next_one_is_drafted():
    recommendation, first = submitted()
    approved = review.approve(recommendation, first, STAFF, LATER, comment="Thank you.").recommendation

    next_draft, revision = revised(approved, "Report growth, by grade.")
    second = drafting.submit(next_draft, 2, ANA, LATER).recommendation
    approved_again = review.approve(second, revision, STAFF, LATER).recommendation

    assert next_draft.status == Status.DRAFT and next_draft.approved_revision == 1
    assert approved_again.approved_revision == 2 and approved_again.approved_revisions == (1, 2)


def test_the_public_diff_is_between_published_revisions_only():
    recommendation, first = submitted()
    recommendation = review.approve(recommendation, first, STAFF, LATER).recommendation
    recommendation, second = revised(recommendation, BODY.replace("each fall", "each spring"))

    with pytest.raises(NotFoundError):
        publication.published_diff(recommendation, first, second)
    recommendation = drafting.submit(recommendation, 2, ANA, LATER).recommendation
    recommendation = review.approve(recommendation, second, STAFF, LATER).recommendation
    diff = publication.published_diff(recommendation, first, second)

    assert (diff.from_revision, diff.to_revision, diff.body.changed) == (1, 2, 1)
    changed = next(line for line in diff.body.lines if line.kind == DiffKind.CHANGED)
    assert [(span.kind, span.text) for span in changed.spans if span.kind != DiffKind.SAME] == [
        (DiffKind.REMOVED, "fall"),
        (DiffKind.ADDED, "spring"),
    ]


def test_the_events_of_a_whole_life_form_one_unbroken_chain_ending_at_the_recommendation():
    first = creation()
    recommendation, revision, events = first.recommendation, first.revision, [first.event]
    steps = [
        lambda item: drafting.submit(item, 1, ANA, NOW),
        lambda item: review.request_changes(item, revision, STAFF, NOW, "Shorter."),
        lambda item: drafting.revise(item, 1, draft("Shorter."), BO, NOW),
        lambda item: drafting.submit(item, 2, BO, NOW),
        lambda item: review.approve(item, revision_of(item, 2), STAFF, NOW),
    ]
    for step in steps:
        change = step(recommendation)
        recommendation = change.recommendation
        events.append(change.event)

    report = verify_chain(events, recommendation.audit_head)

    assert report.ok and report.checked == 6 == recommendation.version
    assert [event.action for event in events] == [
        "created",
        "submitted",
        "changes_requested",
        "revised",
        "submitted",
        "approved",
    ]


def test_only_the_teams_members_may_write_its_recommendations():
    member = Caller("sub-ana", ANA, ANA, (f"team-{TEAM}",))
    other_team = Caller("sub-cy", "cy", None, ("team-academic-achievement",))
    staff = Caller(STAFF.id, STAFF.name, STAFF.name, ("staff",))

    drafting.require_drafting_access(member, TEAM)
    for caller in (other_team, staff):
        with pytest.raises(ForbiddenError):
            drafting.require_drafting_access(caller, TEAM)


def test_a_draft_names_unknown_or_repeated_policy_goals_and_refuses_control_characters():
    program = Program(
        id="msip-6",
        name="MSIP 6",
        agency="DESE",
        policy_goals=(PolicyGoal(id="expectations", text="Expectations"),),
        teams=(Team(slug=TEAM, name="Climate and Culture", charter="Culture."),),
    )
    repeated = RevisionDraft(title="T", body="B", policy_goals=["nope", "nope"], change_summary="S")

    assert repeated.problems_against(program) == {
        "policy_goals.0": "unknown policy goal 'nope'",
        "policy_goals.1": "unknown policy goal 'nope'",
        "policy_goals": "must not repeat a policy goal",
    }
    assert draft().problems_against(program) == {}
    with pytest.raises(ValidationError):
        RevisionDraft(title="T\x07", body="B", change_summary="S")


def test_a_claim_keeps_other_reviewers_from_deciding_until_it_lapses():
    recommendation, _ = submitted()
    lease = timedelta(minutes=10)

    ana, bo = Reviewer("sub-ana", "ana@agency.example"), Reviewer("sub-bo", "bo@agency.example")
    claimed = review.claim(recommendation, ana, NOW, lease).recommendation

    with pytest.raises(ClaimHeldError):
        review.approve(claimed, revision_of(claimed), bo, NOW + timedelta(minutes=9))
    later = review.approve(claimed, revision_of(claimed), bo, NOW + lease + timedelta(seconds=1))
    assert later.recommendation.status == RecommendationStatus.APPROVED
    assert later.recommendation.claim is None
