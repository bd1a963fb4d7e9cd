"""The stream's records decoded into the entities the adapters stored, before the outbox sees them: the
outbox reads types, and only the adapters know what an item's attributes are called."""

from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from chalicelib.adapters.feedback_items import event_item, feedback_item
from chalicelib.adapters.items import to_item
from chalicelib.adapters.recommendation_items import link_item, recommendation_item
from chalicelib.domain.feedback import AuditEvent, Feedback, FeedbackStatus, Submitter
from chalicelib.domain.recommendation_records import FeedbackLink, Recommendation
from chalicelib.domain.work import ChangeKind, StoredChange, WorkMessage
from chalicelib.events.stored_changes import stored_change
from chalicelib.services.outbox import work_for_change

AT = datetime(2026, 11, 2, 19, 30, tzinfo=UTC)
RECEIVED = Feedback(
    id="01JD0000000000000000000000",
    program_id="msip-6",
    team="general",
    body="Please report growth.",
    policy_goals=["goal-1"],
    submitter=Submitter(email="dana@example.org"),
    consent_to_publish=True,
    status=FeedbackStatus.RECEIVED,
    submitted_at=AT,
    receipt_hash="r",
)
RECOMMENDATION = Recommendation(
    id="01JD0000000000000000000001",
    program_id="msip-6",
    team="academic-achievement",
    title="Report growth",
    status="draft",
    current_revision=1,
    created_by="ana",
    created_at=AT,
    updated_at=AT,
    last_event_hash="h",
)
LINK = FeedbackLink(
    recommendation_id=RECOMMENDATION.id,
    feedback_id=RECEIVED.id,
    linked_by="ana",
    linked_at=AT,
    while_published=True,
)


def stream_record(event_name, old=None, new=None):
    images = {"OldImage": old} if old is not None else {}
    if new is not None:
        images["NewImage"] = new
    return {"eventName": event_name, "eventSource": "aws:dynamodb", "dynamodb": images}


def test_a_stored_feedback_item_is_read_as_the_feedback_it_holds_before_and_after_the_change():
    screened = RECEIVED.model_copy(update={"status": FeedbackStatus.SCREENED, "version": 2})

    change = stored_change(stream_record("MODIFY", feedback_item(RECEIVED), feedback_item(screened)))

    assert change == StoredChange(ChangeKind.MODIFY, RECEIVED, screened)


def test_a_recommendation_and_a_link_are_read_as_what_they_hold():
    assert stored_change(stream_record("INSERT", new=recommendation_item(RECOMMENDATION))) == StoredChange(
        ChangeKind.INSERT, None, RECOMMENDATION
    )
    assert stored_change(stream_record("INSERT", new=link_item(LINK))) == StoredChange(
        ChangeKind.INSERT, None, LINK
    )


def test_a_stored_submission_becomes_a_screening_message():
    change = stored_change(stream_record("INSERT", new=feedback_item(RECEIVED)))

    assert work_for_change(change) == [WorkMessage("screening", {"feedback_id": RECEIVED.id})]


def test_other_records_and_removals_ask_nothing():
    audit_event = event_item(
        AuditEvent(subject_id=RECEIVED.id, at=AT, action="received", actor="public", to_status="received")
    )
    workers_record = to_item({"PK": "IDEMPOTENCY#workers", "SK": "screening#abc", "status": "INPROGRESS"})

    for record in (
        stream_record("INSERT", new=audit_event),
        stream_record("INSERT", new=workers_record),
        stream_record("REMOVE", old=feedback_item(RECEIVED)),
    ):
        assert work_for_change(stored_change(record)) == []
    assert stored_change(stream_record("INSERT", new=workers_record)).after is None


def test_a_stored_feedback_item_that_cannot_be_read_raises_rather_than_being_skipped():
    unreadable = to_item({"PK": "FEEDBACK#F1", "SK": "FEEDBACK", "entity": "feedback", "id": "F1"})

    with pytest.raises(ValidationError):
        stored_change(stream_record("INSERT", new=unreadable))
