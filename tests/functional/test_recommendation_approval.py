"""Staff decide submitted revisions oldest first; approved revisions, and only they, are public."""

import threading
from typing import Any

import pytest

from tests.functional.conftest import body_of, post_json, signed_in

MEMBER = "member-academic-achievement"
FIRST = {
    "title": "Report growth beside proficiency",
    "body": "Publish growth for every building.\n\nShow it beside proficiency on the report card.",
    "policy_goals": ["distinguish-performance"],
    "change_summary": "First draft.",
}


def drafted(client: Any, stack: Any, draft: dict[str, Any] = FIRST) -> str:
    response = post_json(
        client, "/teams/academic-achievement/recommendations", draft, signed_in(stack, MEMBER)
    )
    return body_of(response)["recommendation"]["id"]


def submitted(client: Any, stack: Any, rec_id: str, revision: int = 1) -> None:
    response = post_json(
        client, f"/recommendations/{rec_id}/submission", {"revision": revision}, signed_in(stack, MEMBER)
    )
    assert response.status_code == 200, response.body


def decide(client: Any, stack: Any, rec_id: str, decision: dict[str, Any], who: str = "staff") -> Any:
    return post_json(client, f"/queues/approval/{rec_id}/decision", decision, signed_in(stack, who))


def revise(client: Any, stack: Any, rec_id: str, base: int, **changes: Any) -> Any:
    document = {**FIRST, "change_summary": "Revised.", **changes, "base_revision": base}
    return post_json(client, f"/recommendations/{rec_id}/revisions", document, signed_in(stack, MEMBER))


def test_the_approval_queue_lists_submitted_revisions_oldest_first_for_staff_only(client, stack):
    older, newer, draft = drafted(client, stack), drafted(client, stack), drafted(client, stack)
    submitted(client, stack, older)
    submitted(client, stack, newer)

    listing = client.http.get("/queues/approval", headers=signed_in(stack, "staff"))
    as_member = client.http.get("/queues/approval", headers=signed_in(stack, MEMBER))

    assert [item["id"] for item in body_of(listing)["items"]] == [older, newer]
    assert draft not in str(body_of(listing))
    assert as_member.status_code == 403


def test_drafts_and_submitted_revisions_are_never_public(client, stack):
    rec_id = drafted(client, stack)
    submitted(client, stack, rec_id)

    assert client.http.get(f"/recommendations/{rec_id}").status_code == 404
    assert body_of(client.http.get("/recommendations"))["items"] == []


def test_an_approved_revision_is_published_and_later_drafts_stay_private(client, stack):
    rec_id = drafted(client, stack)
    submitted(client, stack, rec_id)

    approved = decide(client, stack, rec_id, {"action": "approve", "revision": 1})
    revise(client, stack, rec_id, base=1, title="A private second thought")
    public = body_of(client.http.get(f"/recommendations/{rec_id}"))

    assert approved.status_code == 200
    assert public["title"] == FIRST["title"] and public["revision"] == 1
    assert [r["number"] for r in public["approved_revisions"]] == [1]
    assert "private second thought" not in str(body_of(client.http.get("/recommendations")))


def test_a_diff_compares_two_approved_revisions_and_refuses_unapproved_ones(client, stack):
    rec_id = drafted(client, stack)
    submitted(client, stack, rec_id)
    decide(client, stack, rec_id, {"action": "approve", "revision": 1})
    revise(
        client,
        stack,
        rec_id,
        base=1,
        body="Publish growth for every school.\n\nShow it beside proficiency on the report card.",
    )
    submitted(client, stack, rec_id, revision=2)
    decide(client, stack, rec_id, {"action": "approve", "revision": 2})
    revise(client, stack, rec_id, base=2, body="An unapproved third body.")

    diff = client.http.get(f"/recommendations/{rec_id}/diff?from=1&to=2")
    unapproved = client.http.get(f"/recommendations/{rec_id}/diff?from=2&to=3")

    assert diff.status_code == 200
    assert "school" in str(body_of(diff)["body"]) and "building" in str(body_of(diff)["body"])
    assert unapproved.status_code == 404


def test_requesting_changes_needs_a_comment_and_may_quote_only_a_paragraph_of_the_revision(client, stack):
    rec_id = drafted(client, stack)
    submitted(client, stack, rec_id)

    no_comment = decide(client, stack, rec_id, {"action": "request_changes", "revision": 1})
    bad_quote = decide(
        client,
        stack,
        rec_id,
        {"action": "request_changes", "revision": 1, "comment": "Why?", "quote": "Not in it."},
    )
    sent_back = decide(
        client,
        stack,
        rec_id,
        {
            "action": "request_changes",
            "revision": 1,
            "comment": "Say which buildings.",
            "quote": "Publish growth for every building.",
        },
    )

    assert no_comment.status_code == bad_quote.status_code == 422
    assert sent_back.status_code == 200
    assert body_of(sent_back)["recommendation"]["status"] == "changes_requested"
    assert body_of(sent_back)["history"][-1]["quote"] == "Publish growth for every building."


def test_deciding_a_revision_that_was_superseded_answers_409(client, stack):
    rec_id = drafted(client, stack)
    submitted(client, stack, rec_id)
    revise(client, stack, rec_id, base=1, title="Rewritten while waiting")

    response = decide(client, stack, rec_id, {"action": "approve", "revision": 1})

    assert response.status_code == 409
    assert body_of(response)["error"]["fields"][0]["field"] == "revision"


@pytest.mark.parametrize("who, status", [(None, 401), (MEMBER, 403), ("member-climate-and-culture", 403)])
def test_only_staff_decide(client, stack, who, status):
    rec_id = drafted(client, stack)
    submitted(client, stack, rec_id)
    headers = signed_in(stack, who) if who else {}

    response = post_json(
        client, f"/queues/approval/{rec_id}/decision", {"action": "approve", "revision": 1}, headers
    )

    assert response.status_code == status


def test_two_reviewers_deciding_one_revision_at_once_make_exactly_one_decision(client, stack):
    rec_id = drafted(client, stack)
    submitted(client, stack, rec_id)
    tokens = {who: signed_in(stack, who) for who in ("staff", "other-staff")}
    statuses: list[int] = []
    decisions = [
        ("staff", {"action": "approve", "revision": 1}),
        ("other-staff", {"action": "reject", "revision": 1, "comment": "Out of scope."}),
    ]

    def attempt(who: str, decision: dict[str, Any]) -> None:
        statuses.append(
            post_json(client, f"/queues/approval/{rec_id}/decision", decision, tokens[who]).status_code
        )

    threads = [threading.Thread(target=attempt, args=pair) for pair in decisions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    work = body_of(client.http.get(f"/recommendations/{rec_id}/work", headers=tokens["staff"]))
    assert sorted(statuses) == [200, 409]
    assert [event["action"] for event in work["history"]].count("approved") + [
        event["action"] for event in work["history"]
    ].count("rejected") == 1


def test_a_claimed_revision_is_decided_only_by_the_reviewer_who_holds_it(client, stack):
    rec_id = drafted(client, stack)
    submitted(client, stack, rec_id)

    mine = client.http.post(f"/queues/approval/{rec_id}/claim", headers=signed_in(stack, "staff"))
    theirs = client.http.post(f"/queues/approval/{rec_id}/claim", headers=signed_in(stack, "other-staff"))
    their_decision = decide(client, stack, rec_id, {"action": "approve", "revision": 1}, who="other-staff")
    queued = body_of(client.http.get("/queues/approval", headers=signed_in(stack, "staff")))["items"][0]
    my_decision = decide(client, stack, rec_id, {"action": "approve", "revision": 1})

    assert mine.status_code == 200
    assert theirs.status_code == their_decision.status_code == 409
    assert "staff@example.org" in body_of(theirs)["error"]["message"]
    assert queued["claimed_by"] == "staff@example.org"
    assert my_decision.status_code == 200
    assert body_of(my_decision)["recommendation"]["claimed_by"] is None


def test_a_released_claim_lets_another_reviewer_in(client, stack):
    rec_id = drafted(client, stack)
    submitted(client, stack, rec_id)
    client.http.post(f"/queues/approval/{rec_id}/claim", headers=signed_in(stack, "staff"))

    released = client.http.delete(f"/queues/approval/{rec_id}/claim", headers=signed_in(stack, "staff"))
    theirs = client.http.post(f"/queues/approval/{rec_id}/claim", headers=signed_in(stack, "other-staff"))

    assert released.status_code == 204 and theirs.status_code == 200


def test_only_a_submitted_revision_can_be_claimed(client, stack):
    rec_id = drafted(client, stack)

    assert (
        client.http.post(f"/queues/approval/{rec_id}/claim", headers=signed_in(stack, "staff")).status_code
        == 409
    )


def test_the_approval_queue_filters_by_team_oldest_first(client, stack):
    ours_first = drafted(client, stack)
    climate = post_json(
        client,
        "/teams/climate-and-culture/recommendations",
        FIRST,
        signed_in(stack, "member-climate-and-culture"),
    )
    theirs = body_of(climate)["recommendation"]["id"]
    ours_second = drafted(client, stack)
    submitted(client, stack, ours_first)
    post_json(
        client,
        f"/recommendations/{theirs}/submission",
        {"revision": 1},
        signed_in(stack, "member-climate-and-culture"),
    )
    submitted(client, stack, ours_second)

    academic = client.http.get(
        "/queues/approval?team=academic-achievement", headers=signed_in(stack, "staff")
    )
    unknown = client.http.get("/queues/approval?team=marching-band", headers=signed_in(stack, "staff"))

    assert [item["id"] for item in body_of(academic)["items"]] == [ours_first, ours_second]
    assert unknown.status_code == 422
