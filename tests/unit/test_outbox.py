"""What each stored change asks of the workers (the outbox), from the entities a change stored."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from chalicelib.domain import event_questions
from chalicelib.domain.certificates import Certificate, EarnedCredit, IssuedCertificate
from chalicelib.domain.claims import Reviewer
from chalicelib.domain.feedback import Feedback, Submitter
from chalicelib.domain.recommendation_records import FeedbackLink, Publication, Recommendation
from chalicelib.domain.work import ChangeKind, StoredChange, WorkMessage
from chalicelib.services.outbox import work_for_change

AT = datetime(2026, 11, 2, 19, 30, tzinfo=UTC)
INSERT, MODIFY, REMOVE = ChangeKind.INSERT, ChangeKind.MODIFY, ChangeKind.REMOVE

STORED = Feedback(
    id="F1",
    program_id="msip-6",
    team="general",
    body="Please report growth.",
    policy_goals=[],
    submitter=Submitter(email="dana@example.org"),
    consent_to_publish=True,
    status="received",
    submitted_at=AT,
    receipt_hash="r",
)


def work_for(kind, before, after):
    return work_for_change(StoredChange(kind, before, after))


def changed(entity, **changes):
    return type(entity).model_validate({**entity.model_dump(), **changes})


def test_a_new_submission_is_screened_first_and_acknowledged_once_screened_when_it_left_an_email():
    screened = changed(STORED, status="screened")

    assert work_for(INSERT, None, STORED) == [WorkMessage("screening", {"feedback_id": "F1"})]
    assert work_for(MODIFY, STORED, screened) == [
        WorkMessage("notifications", {"kind": "acknowledgement", "feedback_id": "F1"})
    ]
    assert work_for(MODIFY, screened, changed(screened, claimed_by="staff")) == []


def test_a_new_submission_without_an_email_is_only_screened():
    anonymous = changed(STORED, submitter=None)

    assert work_for(INSERT, None, anonymous) == [WorkMessage("screening", {"feedback_id": "F1"})]
    assert work_for(MODIFY, anonymous, changed(anonymous, status="screened")) == []


def test_a_decision_is_told_to_the_submitter_once():
    screened = changed(STORED, status="screened")
    published = changed(STORED, status="published")

    assert work_for(MODIFY, screened, published) == [
        WorkMessage("notifications", {"kind": "published", "feedback_id": "F1"})
    ]
    assert work_for(MODIFY, published, changed(published, team_state="acknowledged")) == []


def test_changes_the_workers_do_not_act_on_and_removals_ask_nothing():
    assert work_for(INSERT, None, None) == []
    assert work_for(REMOVE, STORED, None) == []


REC = Recommendation(
    id="R1",
    program_id="msip-6",
    team="academic-achievement",
    title="T",
    status="submitted",
    current_revision=1,
    created_by="ana",
    created_at=AT,
    updated_at=AT,
    last_event_hash="h",
)
PUBLISHED_REC = changed(
    REC, status="approved", publication=Publication(revision=1, title="T", policy_goals=(), approved_at=AT)
)


def test_a_recommendations_first_publication_announces_its_citations_and_later_ones_do_not():
    assert work_for(MODIFY, REC, PUBLISHED_REC) == [
        WorkMessage("notifications", {"kind": "first_published", "recommendation_id": "R1"})
    ]
    republished = changed(
        PUBLISHED_REC, publication=Publication(revision=2, title="T2", policy_goals=(), approved_at=AT)
    )
    assert work_for(MODIFY, PUBLISHED_REC, republished) == []
    assert work_for(MODIFY, REC, changed(REC, status="draft")) == []


def test_a_link_made_while_published_is_told_at_once_and_one_made_before_waits_for_the_publication():
    link = FeedbackLink(recommendation_id="R1", feedback_id="F1", linked_by="ana", linked_at=AT)
    while_published = replace(link, while_published=True)

    assert work_for(INSERT, None, while_published) == [
        WorkMessage("notifications", {"kind": "cited", "recommendation_id": "R1", "feedback_id": "F1"})
    ]
    assert work_for(INSERT, None, link) == []
    assert work_for(REMOVE, while_published, None) == []


def test_an_answered_question_is_emailed_once_and_nothing_else_about_a_question_is():
    asked = event_questions.ask("Q1", "msip-6", "E1", "Pat", "pat@school.example", "Recorded?", AT)
    claimed = event_questions.claim(asked, Reviewer("s", "staff@agency.example"), AT, timedelta(minutes=5))
    answered = event_questions.answer(claimed, Reviewer("s", "staff@agency.example"), AT, "Yes.")

    assert work_for(INSERT, None, asked) == []
    assert work_for(MODIFY, asked, claimed) == []
    assert work_for(MODIFY, claimed, answered) == [
        WorkMessage("notifications", {"kind": "question_answered", "question_id": "Q1"})
    ]
    assert work_for(MODIFY, answered, answered) == []


def test_a_certificate_is_announced_to_its_holder_when_it_is_first_stored_and_not_when_it_changes():
    certificate = Certificate(
        code="ABCD-EFGH-JKMN",
        participant_name="Ana",
        event_id="E1",
        event_title="Convening",
        first_day=AT,
        last_day=AT,
        credits=[EarnedCredit(kind="CEU", amount="1.3")],
        issued_at=AT,
    )
    stored = IssuedCertificate(program_id="msip-6", registration_code="R1", certificate=certificate)

    assert work_for(INSERT, None, stored) == [
        WorkMessage("notifications", {"kind": "certificate_issued", "event_id": "E1", "code": "R1"})
    ]
    assert work_for(MODIFY, stored, stored) == []
