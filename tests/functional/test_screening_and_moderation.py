"""From a stored submission through the stream, the screening worker and the moderation queue to the
public page and the team inbox: the app on moto, its workers fed by the local event pump."""

import threading
from typing import Any

import pytest

from tests.functional.conftest import body_of, post_json, signed_in

PARENT_NOTE = (
    "My son's bus is late every morning. Call me at (573) 555-0142 or write to dana@example.org; "
    "we live at 1200 Elm Street."
)


def submit(
    client: Any, body: str = PARENT_NOTE, team: str = "climate-and-culture", **extra: Any
) -> dict[str, Any]:
    document = {"team": team, "body": body, "consent_to_publish": True, **extra}
    response = post_json(client, "/feedback", document)
    assert response.status_code == 202, response.body
    return body_of(response)


def queue(client: Any, stack: Any, who: str = "staff", query: str = "") -> Any:
    return client.http.get(f"/queues/moderation{query}", headers=signed_in(stack, who))


def decide(client: Any, stack: Any, feedback_id: str, decision: dict[str, Any], who: str = "staff") -> Any:
    return post_json(client, f"/queues/moderation/{feedback_id}/decision", decision, signed_in(stack, who))


def receipt_view(client: Any, answer: dict[str, Any]) -> dict[str, Any]:
    return body_of(client.http.get(f"/feedback/{answer['id']}?receipt={answer['receipt']}"))


def test_a_submission_is_screened_and_waits_in_the_moderation_queue_with_what_screening_found(
    client, stack, workers
):
    answer = submit(client)
    workers()

    items = body_of(queue(client, stack))["items"]

    assert [item["id"] for item in items] == [answer["id"]]
    item = items[0]
    assert set(item["personal_information"]) == {"email", "phone", "street_address"}
    assert "555-0142" not in item["public_body"] and "dana@example.org" not in item["public_body"]
    assert "555-0142" in item["body"]
    assert item["cluster"]["size"] == 1 and item["claim"] is None
    assert receipt_view(client, answer)["status"] == "screened"


def test_the_queue_is_oldest_first_paginated_with_a_cursor_and_filtered_by_team(client, stack, workers):
    first = submit(client, "The first note about attendance awards.")
    second = submit(
        client, "A second note, about reading growth in small schools.", team="academic-achievement"
    )
    third = submit(client, "A third note, about climate surveys and how families are asked.")
    workers()

    page_one = body_of(queue(client, stack, query="?limit=2"))
    page_two = body_of(queue(client, stack, query=f"?limit=2&cursor={page_one['cursor']}"))
    climate = body_of(queue(client, stack, query="?team=climate-and-culture"))

    assert [item["id"] for item in page_one["items"] + page_two["items"]] == [
        first["id"],
        second["id"],
        third["id"],
    ]
    assert [item["id"] for item in climate["items"]] == [first["id"], third["id"]]


@pytest.mark.parametrize("query", ["?limit=0", "?limit=abc", "?cursor=not-a-cursor", "?team=football"])
def test_bad_listing_parameters_are_named_in_a_422(client, stack, query):
    response = queue(client, stack, query=query)

    assert response.status_code == 422
    assert body_of(response)["error"]["fields"][0]["field"] in {"limit", "cursor", "team"}


@pytest.mark.parametrize("who, status", [(None, 401), ("member-climate-and-culture", 403), ("admin", 200)])
def test_only_staff_and_admins_see_the_moderation_queue(client, stack, who, status):
    headers = signed_in(stack, who) if who else {}

    assert client.http.get("/queues/moderation", headers=headers).status_code == status


def test_a_claim_held_by_another_reviewer_answers_409_naming_who_and_until_when(client, stack, workers):
    answer = submit(client)
    workers()

    mine = client.http.post(f"/queues/moderation/{answer['id']}/claim", headers=signed_in(stack, "staff"))
    theirs = client.http.post(
        f"/queues/moderation/{answer['id']}/claim", headers=signed_in(stack, "other-staff")
    )
    their_decision = decide(client, stack, answer["id"], {"action": "publish"}, who="other-staff")

    assert mine.status_code == 200
    assert theirs.status_code == their_decision.status_code == 409
    message = body_of(theirs)["error"]["message"]
    assert "staff@example.org" in message and body_of(mine)["until"][:16] in message


def test_publishing_puts_the_redacted_text_on_the_team_page_and_tells_the_submitter(client, stack, workers):
    answer = submit(client, submitter={"email": "dana@example.org", "role": "parent"})
    workers()

    decision = decide(client, stack, answer["id"], {"action": "publish"})
    workers()
    page = body_of(client.http.get("/teams/climate-and-culture/feedback"))

    assert decision.status_code == 200
    assert [item["id"] for item in page["items"]] == [answer["id"]]
    shown = page["items"][0]
    assert "dana@example.org" not in str(page) and "555-0142" not in shown["body"]
    assert shown["submitter_role"] == "parent" and shown["count"] == 1
    assert [step["status"] for step in receipt_view(client, answer)["history"]] == [
        "received",
        "screened",
        "published",
    ]
    assert body_of(queue(client, stack))["items"] == []


def test_a_reviewer_may_publish_an_edited_redaction(client, stack, workers):
    answer = submit(client, "Our principal, Mr. Smith, ignores the survey results.")
    workers()

    decide(
        client,
        stack,
        answer["id"],
        {"action": "publish", "redacted_body": "Our principal ignores the survey results."},
    )

    shown = body_of(client.http.get("/teams/climate-and-culture/feedback"))["items"][0]
    assert shown["body"] == "Our principal ignores the survey results."


def test_a_rejection_needs_a_reason_from_the_list_and_the_submitter_sees_it(client, stack, workers):
    answer = submit(client, "Buy cheap watches now.")
    workers()

    missing = decide(client, stack, answer["id"], {"action": "reject"})
    unknown = decide(client, stack, answer["id"], {"action": "reject", "reason": "boring"})
    rejected = decide(client, stack, answer["id"], {"action": "reject", "reason": "off-topic"})
    again = decide(client, stack, answer["id"], {"action": "publish"})

    assert missing.status_code == unknown.status_code == 422
    assert rejected.status_code == 200
    assert again.status_code == 409
    view = receipt_view(client, answer)
    assert view["status"] == "rejected"
    assert view["history"][-1]["reason"] == "off-topic"
    assert body_of(client.http.get("/teams/climate-and-culture/feedback"))["items"] == []


def test_a_mass_campaign_is_one_cluster_decided_at_once_and_shown_once_with_its_count(client, stack, workers):
    letter = (
        "As a parent in this district I ask the Climate and Culture team to measure school climate with "
        "a yearly family survey, to publish the results for every building, and to count chronic absence "
        "as a sign of climate and not only of attendance. Signed, {name} of {town}."
    )
    signers = [("Ana", "Columbia"), ("Ben", "Rolla"), ("Cy", "Sedalia"), ("Di", "Joplin"), ("Ed", "Hannibal")]
    campaign = [submit(client, letter.format(name=name, town=town)) for name, town in signers]
    unrelated = submit(client, "Please fix the heating in the middle school gym before winter.")
    workers()

    items = body_of(queue(client, stack))["items"]
    clusters = {item["id"]: item["cluster"] for item in items}
    decision = decide(client, stack, campaign[0]["id"], {"action": "publish", "whole_cluster": True})
    page = body_of(client.http.get("/teams/climate-and-culture/feedback"))

    # Screenings run at once, so whichever copy was screened first founds the cluster; the page shows
    # the copy decided, the first published.
    founders = {clusters[answer["id"]]["id"] for answer in campaign}
    assert len(founders) == 1 and founders <= {answer["id"] for answer in campaign}
    assert clusters[campaign[-1]["id"]]["size"] == 5
    assert clusters[unrelated["id"]]["size"] == 1
    assert sorted(body_of(decision)["decided"]) == sorted(answer["id"] for answer in campaign)
    assert [(item["id"], item["count"]) for item in page["items"]] == [(campaign[0]["id"], 5)]
    assert [item["id"] for item in body_of(queue(client, stack))["items"]] == [unrelated["id"]]


def test_a_filled_honeypot_is_spam_that_never_reaches_the_team_inbox(client, stack, workers):
    spam = submit(client, "Great post, visit my site.", website="http://spam.example")
    genuine = submit(client, "Please add a family liaison at each school.")
    workers()

    inbox = body_of(
        client.http.get(
            "/teams/climate-and-culture/inbox", headers=signed_in(stack, "member-climate-and-culture")
        )
    )
    queued = {item["id"]: item for item in body_of(queue(client, stack))["items"]}

    assert [item["id"] for item in inbox["items"]] == [genuine["id"]]
    assert queued[spam["id"]]["spam"] is True and "honeypot" in queued[spam["id"]]["spam_signals"]


def test_a_form_sent_back_faster_than_a_person_types_is_flagged(client, stack, workers):
    token = body_of(client.http.get("/form-token"))

    answer = submit(client, "Nice.", form_token=token["form_token"])
    workers()

    item = next(item for item in body_of(queue(client, stack))["items"] if item["id"] == answer["id"])
    assert token["honeypot_field"] == "website"
    assert "too_fast" in item["spam_signals"]


def test_a_team_works_its_own_inbox_and_the_submitter_learns_it_was_seen(client, stack, workers):
    answer = submit(client, "Could recess be longer for the youngest grades?", consent_to_publish=False)
    workers()
    member = signed_in(stack, "member-climate-and-culture")

    inbox = body_of(client.http.get("/teams/climate-and-culture/inbox", headers=member))
    marked = post_json(
        client, f"/teams/climate-and-culture/inbox/{answer['id']}", {"state": "acknowledged"}, member
    )

    assert [item["id"] for item in inbox["items"]] == [answer["id"]]
    assert inbox["items"][0]["team_state"] == "new"
    assert marked.status_code == 200 and body_of(marked)["team_state"] == "acknowledged"
    assert (
        receipt_view(client, answer)["history"][-1]["description"]
        == "The development team has seen your feedback."
    )
    assert body_of(queue(client, stack))["items"] == []


def test_the_receipt_of_an_item_sent_without_consent_never_says_it_waits_for_a_reviewer(client, workers):
    private = submit(client, "Our bus route changed without notice.", consent_to_publish=False)
    public = submit(client, "Please publish the survey results by school.")
    workers()

    screened = {
        name: next(step for step in receipt_view(client, answer)["history"] if step["status"] == "screened")
        for name, answer in (("private", private), ("public", public))
    }

    assert "reviewer" not in screened["private"]["description"]
    assert "will not be published" in screened["private"]["description"]
    assert "waiting for a reviewer" in screened["public"]["description"]


def test_another_teams_member_cannot_see_or_mark_a_teams_inbox(client, stack, workers):
    answer = submit(client, "More counselors, please.")
    workers()
    outsider = signed_in(stack, "member-academic-achievement")

    listing = client.http.get("/teams/climate-and-culture/inbox", headers=outsider)
    marking = post_json(
        client, f"/teams/climate-and-culture/inbox/{answer['id']}", {"state": "considered"}, outsider
    )
    through_own_inbox = post_json(
        client, f"/teams/academic-achievement/inbox/{answer['id']}", {"state": "considered"}, outsider
    )

    assert listing.status_code == marking.status_code == 403
    assert through_own_inbox.status_code == 404


def test_the_systems_and_processes_team_sees_every_inbox(client, stack, workers):
    submit(client, "More counselors, please.")
    workers()

    response = client.http.get(
        "/teams/climate-and-culture/inbox", headers=signed_in(stack, "member-systems-and-processes")
    )

    assert response.status_code == 200 and len(body_of(response)["items"]) == 1


def test_staff_see_every_transition_with_who_when_and_why_and_no_one_else_does(client, stack, workers):
    answer = submit(client, "Buy followers today.")
    workers()
    decide(client, stack, answer["id"], {"action": "reject", "reason": "spam"})

    history = client.http.get(f"/feedback/{answer['id']}/history", headers=signed_in(stack, "staff"))
    public = client.http.get(f"/feedback/{answer['id']}/history")
    member = client.http.get(
        f"/feedback/{answer['id']}/history", headers=signed_in(stack, "member-climate-and-culture")
    )

    events = body_of(history)["events"]
    assert [(event["action"], event["actor"]) for event in events] == [
        ("received", "public"),
        ("screened", "screening"),
        ("rejected", "staff@example.org"),
    ]
    assert events[-1]["reason"] == "spam"
    assert public.status_code == 401 and member.status_code == 403


def test_the_submitter_is_emailed_on_receipt_and_on_the_decision(client, stack, workers):
    ses = stack.aws("ses")
    before = ses.get_send_quota()["SentLast24Hours"]
    answer = submit(client, "Thank you for the survey.", submitter={"email": "dana@example.org"})
    workers()
    decide(client, stack, answer["id"], {"action": "publish"})
    workers()

    assert ses.get_send_quota()["SentLast24Hours"] - before == 2


def test_two_reviewers_deciding_one_item_at_once_make_exactly_one_decision(client, stack, workers):
    answer = submit(client, "Later start times for high schools.")
    workers()
    results: list[int] = []
    reviewers = [
        ("staff", {"action": "publish"}),
        ("other-staff", {"action": "reject", "reason": "off-topic"}),
    ]
    tokens = {who: signed_in(stack, who) for who, _ in reviewers}

    def attempt(who: str, decision: dict[str, Any]) -> None:
        results.append(
            post_json(
                client, f"/queues/moderation/{answer['id']}/decision", decision, tokens[who]
            ).status_code
        )

    threads = [threading.Thread(target=attempt, args=reviewer) for reviewer in reviewers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(results) == [200, 409]
    history = body_of(client.http.get(f"/feedback/{answer['id']}/history", headers=signed_in(stack, "staff")))
    assert [event["action"] for event in history["events"]].count("published") + [
        event["action"] for event in history["events"]
    ].count("rejected") == 1


def test_of_several_reviewers_claiming_one_item_at_once_exactly_one_holds_it(client, stack, workers):
    answer = submit(client, "Start the school year after Labor Day.")
    workers()
    reviewers = ["staff", "other-staff", "admin"]
    tokens = {who: signed_in(stack, who) for who in reviewers}
    results: dict[str, int] = {}

    def attempt(who: str) -> None:
        results[who] = client.http.post(
            f"/queues/moderation/{answer['id']}/claim", headers=tokens[who]
        ).status_code

    threads = [threading.Thread(target=attempt, args=(who,)) for who in reviewers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(results.values()) == [200, 409, 409]
    holder = next(who for who, status in results.items() if status == 200)
    item = body_of(queue(client, stack))["items"][0]
    assert item["claim"]["claimed_by"] == f"{holder}@example.org"
