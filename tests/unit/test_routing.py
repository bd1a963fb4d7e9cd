"""What each stored change asks of the workers (the outbox), from stream images."""

from chalicelib.services.routing import WorkMessage, work_for_change

STORED = {"entity": "feedback", "id": "F1", "status": "received", "submitter": {"email": "dana@example.org"}}


def test_a_new_submission_is_screened_first_and_acknowledged_once_screened_when_it_left_an_email():
    screened = {**STORED, "status": "screened"}

    assert work_for_change("INSERT", None, STORED) == [WorkMessage("screening", {"feedback_id": "F1"})]
    assert work_for_change("MODIFY", STORED, screened) == [
        WorkMessage("notifications", {"kind": "acknowledgement", "feedback_id": "F1"})
    ]
    assert work_for_change("MODIFY", screened, {**screened, "claimed_by": "staff"}) == []


def test_a_new_submission_without_an_email_is_only_screened():
    anonymous = {**STORED, "submitter": None}

    assert work_for_change("INSERT", None, anonymous) == [WorkMessage("screening", {"feedback_id": "F1"})]
    assert work_for_change("MODIFY", anonymous, {**anonymous, "status": "screened"}) == []


def test_a_decision_is_told_to_the_submitter_once():
    screened = {**STORED, "status": "screened"}
    published = {**STORED, "status": "published"}

    assert work_for_change("MODIFY", screened, published) == [
        WorkMessage("notifications", {"kind": "published", "feedback_id": "F1"})
    ]
    assert work_for_change("MODIFY", published, {**published, "team_state": "acknowledged"}) == []


def test_other_records_and_removals_ask_nothing():
    assert work_for_change("INSERT", None, {"entity": "event", "id": "E1"}) == []
    assert work_for_change("INSERT", None, {"PK": "IDEMPOTENCY#workers", "status": "INPROGRESS"}) == []
    assert work_for_change("REMOVE", STORED, None) == []


REC = {"entity": "recommendation", "id": "R1", "status": "submitted"}
PUBLISHED_REC = {**REC, "status": "approved", "publication": {"revision": 1, "title": "T"}}


def test_a_recommendations_first_publication_announces_its_citations_and_later_ones_do_not():
    assert work_for_change("MODIFY", REC, PUBLISHED_REC) == [
        WorkMessage("notifications", {"kind": "first_published", "recommendation_id": "R1"})
    ]
    republished = {**PUBLISHED_REC, "publication": {"revision": 2, "title": "T2"}}
    assert work_for_change("MODIFY", PUBLISHED_REC, republished) == []
    assert work_for_change("MODIFY", REC, {**REC, "status": "draft"}) == []


def test_a_link_made_while_published_is_told_at_once_and_one_made_before_waits_for_the_publication():
    link = {"entity": "recommendation_link", "recommendation_id": "R1", "feedback_id": "F1"}

    assert work_for_change("INSERT", None, {**link, "while_published": True}) == [
        WorkMessage("notifications", {"kind": "cited", "recommendation_id": "R1", "feedback_id": "F1"})
    ]
    assert work_for_change("INSERT", None, {**link, "while_published": False}) == []
    assert work_for_change("REMOVE", {**link, "while_published": True}, None) == []
