"""The staff console's approval pages on the app and moto: the queue, a submitted revision read against
the approved one, approving it, sending it back with a comment on a quoted paragraph; a member is
refused, another reviewer's claim hides the decision, and a form without its CSRF token changes nothing."""

from typing import Any

from tests.functional.conftest import body_of, post_json, signed_in
from tests.functional.journeys import approve, revise, start_recommendation
from tests.support.page_sessions import sign_in

TEAM = "climate-and-culture"
REVISED = (
    "Publish growth for every building.\n\nShow it beside proficiency and attendance on the report card."
)


def submitted_revision(client: Any, stack: Any) -> str:
    """A recommendation approved once, then revised and sent for approval as revision 2."""
    recommendation = start_recommendation(client, stack, TEAM)
    approve(client, stack, TEAM, recommendation, 1)
    revise(client, stack, TEAM, recommendation, 1, body=REVISED)
    sent = post_json(
        client,
        f"/recommendations/{recommendation}/submission",
        {"revision": 2},
        signed_in(stack, f"member-{TEAM}"),
    )
    assert sent.status_code == 200, sent.body
    return recommendation


def status_of(client: Any, stack: Any, recommendation: str) -> dict[str, Any]:
    found = client.http.get(f"/recommendations/{recommendation}/work", headers=signed_in(stack, "staff"))
    return dict(body_of(found)["recommendation"])


def test_a_member_is_shown_the_403_page_on_the_approval_queue(client, stack):
    member = sign_in(client, f"member-{TEAM}")

    assert member.get(client, "/console/approvals").status_code == 403


def test_the_queue_lists_the_revision_and_its_page_shows_the_changes_since_the_approved_one(client, stack):
    recommendation = submitted_revision(client, stack)
    staff = sign_in(client, "staff")

    queue_page = staff.get(client, "/console/approvals").body.decode()
    decision_page = staff.get(client, f"/console/approvals/{recommendation}").body.decode()

    assert f"/console/approvals/{recommendation}" in queue_page
    assert "<ins>" in decision_page and "attendance" in decision_page
    assert 'name="quote"' in decision_page and "Show it beside proficiency and attendance" in decision_page


def test_a_reviewer_claims_and_approves_the_revision(client, stack):
    recommendation = submitted_revision(client, stack)
    staff = sign_in(client, "staff")

    claimed = staff.post(client, f"/console/approvals/{recommendation}/claim")
    approved = staff.post(
        client, f"/console/approvals/{recommendation}/decision", {"action": "approve", "revision": "2"}
    )

    assert claimed.status_code == 303 and approved.status_code == 303
    assert "done=approve" in approved.headers["Location"]
    assert status_of(client, stack, recommendation)["approved_revision"] == 2


def test_requesting_changes_needs_a_comment_and_records_the_quoted_paragraph(client, stack):
    recommendation = submitted_revision(client, stack)
    staff = sign_in(client, "staff")
    paragraph = "Show it beside proficiency and attendance on the report card."

    missing = staff.post(
        client,
        f"/console/approvals/{recommendation}/decision",
        {"action": "request_changes", "revision": "2"},
    )
    sent_back = staff.post(
        client,
        f"/console/approvals/{recommendation}/decision",
        {
            "action": "request_changes",
            "revision": "2",
            "comment": "Say which attendance measure.",
            "quote": paragraph,
        },
    )
    history = body_of(
        client.http.get(f"/recommendations/{recommendation}/history", headers=signed_in(stack, "staff"))
    )

    assert missing.status_code == 400 and "Enter a comment for the team" in missing.body.decode()
    assert sent_back.status_code == 303
    assert status_of(client, stack, recommendation)["status"] == "changes_requested"
    assert history["events"][-1]["quote"] == paragraph


def test_a_revision_another_reviewer_holds_offers_no_decision(client, stack):
    recommendation = submitted_revision(client, stack)
    held = client.http.post(
        f"/queues/approval/{recommendation}/claim", headers=signed_in(stack, "other-staff")
    )
    staff = sign_in(client, "staff")

    page = staff.get(client, f"/console/approvals/{recommendation}").body.decode()

    assert held.status_code == 200
    assert "is reviewing this revision until" in page
    assert "/decision" not in page and "/claim" not in page


def test_a_decision_posted_without_its_csrf_token_changes_nothing(client, stack):
    recommendation = submitted_revision(client, stack)
    staff = sign_in(client, "staff")

    refused = staff.post(
        client,
        f"/console/approvals/{recommendation}/decision",
        {"action": "approve", "revision": "2"},
        csrf=False,
    )

    assert refused.status_code == 403
    assert status_of(client, stack, recommendation)["status"] == "submitted"


def test_the_audit_trail_page_shows_every_event_and_that_the_chain_verifies(client, stack):
    recommendation = submitted_revision(client, stack)
    staff = sign_in(client, "staff")

    page = staff.get(client, f"/console/approvals/{recommendation}/audit")

    assert page.status_code == 200
    assert "Verified: the trail" in page.body.decode() and "submitted" in page.body.decode()


def test_a_member_is_shown_the_403_page_on_the_audit_trail(client, stack):
    recommendation = submitted_revision(client, stack)
    member = sign_in(client, f"member-{TEAM}")

    assert member.get(client, f"/console/approvals/{recommendation}/audit").status_code == 403


def test_the_history_and_the_audit_trail_name_each_action_and_a_claims_end_in_spanish(client, stack):
    recommendation = submitted_revision(client, stack)
    client.http.post(f"/queues/approval/{recommendation}/claim", headers=signed_in(stack, "other-staff"))
    staff = sign_in(client, "staff")

    decision_page = staff.get(client, f"/console/approvals/{recommendation}", language="es").body.decode()
    audit_page = staff.get(client, f"/console/approvals/{recommendation}/audit", language="es").body.decode()

    for page in (decision_page, audit_page):
        assert "redactada" in page and "aprobada" in page and "enviada para su aprobación" in page
        assert "tomada para revisión" in page and "hasta las" in page
        assert "submitted" not in page and "changes_requested" not in page and "+00:00" not in page
