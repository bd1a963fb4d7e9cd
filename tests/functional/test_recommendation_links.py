"""Closing the loop: a team links the feedback its recommendation answers; the public page shows the
published ones with a count of all; the submitter's receipt lists the published recommendations citing
their feedback."""

import threading
from typing import Any

from infra import verify_audit
from tests.functional.conftest import body_of, post_json, signed_in
from tests.functional.journeys import (
    approve,
    link,
    publish_feedback,
    revise,
    send_feedback,
    start_recommendation,
)

ACADEMIC = "academic-achievement"
CLIMATE = "climate-and-culture"
ACADEMIC_MEMBER = f"member-{ACADEMIC}"


def receipt_of(client: Any, answer: dict[str, Any]) -> dict[str, Any]:
    response = client.http.get(f"/feedback/{answer['id']}?receipt={answer['receipt']}")
    assert response.status_code == 200, response.body
    return body_of(response)


def test_a_member_links_their_teams_feedback_and_general_feedback(client, stack, workers):
    own = send_feedback(client, ACADEMIC, "Growth matters more than one test score in a year.")
    general = send_feedback(client, "general", "The whole review should use plain language.")
    workers()
    rec_id = start_recommendation(client, stack, ACADEMIC)

    own_link = link(client, stack, rec_id, own["id"], ACADEMIC_MEMBER)
    general_link = link(client, stack, rec_id, general["id"], ACADEMIC_MEMBER)
    listed = client.http.get(f"/recommendations/{rec_id}/links", headers=signed_in(stack, ACADEMIC_MEMBER))
    team_list = client.http.get(
        f"/teams/{ACADEMIC}/recommendations", headers=signed_in(stack, ACADEMIC_MEMBER)
    )

    assert own_link.status_code == general_link.status_code == 201
    assert body_of(team_list)["items"][0]["linked_feedback_count"] == 2
    assert body_of(own_link)["linked_by"] and body_of(own_link)["team"] == ACADEMIC
    assert body_of(listed)["count"] == 2
    assert {item["feedback_id"] for item in body_of(listed)["items"]} == {own["id"], general["id"]}


def test_another_teams_feedback_is_refused_naming_the_field_and_unpublished_items_read_as_absent(
    client, stack, workers
):
    published = send_feedback(client, CLIMATE, "Recess and belonging belong in the climate survey.")
    unpublished = send_feedback(client, CLIMATE, "Our bus driver knows every child by name.")
    workers()
    publish_feedback(client, stack, published["id"])
    rec_id = start_recommendation(client, stack, ACADEMIC)

    public_item = link(client, stack, rec_id, published["id"], ACADEMIC_MEMBER)
    private_item = link(client, stack, rec_id, unpublished["id"], ACADEMIC_MEMBER)
    unknown = link(client, stack, rec_id, "01JD0000000000000000000000", ACADEMIC_MEMBER)

    assert public_item.status_code == 422
    assert body_of(public_item)["error"]["fields"][0]["field"] == "feedback_id"
    assert private_item.status_code == unknown.status_code == 404
    assert "bus driver" not in private_item.body.decode()


def test_feedback_screening_took_for_spam_is_linkable_by_its_team_once_staff_publish_it(
    client, stack, workers
):
    sent = post_json(
        client,
        "/feedback",
        {"team": CLIMATE, "body": "Belonging matters.", "consent_to_publish": True, "website": "x"},
    )
    workers()
    publish_feedback(client, stack, body_of(sent)["id"])
    rec_id = start_recommendation(client, stack, CLIMATE)

    linked = link(client, stack, rec_id, body_of(sent)["id"], f"member-{CLIMATE}")

    assert linked.status_code == 201, linked.body


def test_the_systems_and_processes_team_links_feedback_of_any_team(client, stack, workers):
    elsewhere = send_feedback(client, CLIMATE, "Surveys should reach families in Spanish as well.")
    workers()
    rec_id = start_recommendation(client, stack, "systems-and-processes")

    linked = link(client, stack, rec_id, elsewhere["id"], "member-systems-and-processes")

    assert linked.status_code == 201


def test_staff_may_read_links_but_not_make_them(client, stack, workers):
    own = send_feedback(client, ACADEMIC, "Please count growth for students who move mid-year.")
    workers()
    rec_id = start_recommendation(client, stack, ACADEMIC)

    by_staff = link(client, stack, rec_id, own["id"], "staff")
    by_other_team = link(client, stack, rec_id, own["id"], "member-climate-and-culture")
    staff_reads = client.http.get(f"/recommendations/{rec_id}/links", headers=signed_in(stack, "staff"))

    assert by_staff.status_code == 403
    assert by_other_team.status_code == 404
    assert staff_reads.status_code == 200


def test_linking_twice_changes_nothing_and_unlinking_removes_the_link(client, stack, workers):
    own = send_feedback(client, ACADEMIC, "Publish the growth model's method in plain words.")
    workers()
    rec_id = start_recommendation(client, stack, ACADEMIC)
    member = signed_in(stack, ACADEMIC_MEMBER)

    first = link(client, stack, rec_id, own["id"], ACADEMIC_MEMBER)
    again = link(client, stack, rec_id, own["id"], ACADEMIC_MEMBER)
    count_after_repeat = body_of(client.http.get(f"/recommendations/{rec_id}/links", headers=member))["count"]
    removed = client.http.delete(f"/recommendations/{rec_id}/links/{own['id']}", headers=member)
    removed_again = client.http.delete(f"/recommendations/{rec_id}/links/{own['id']}", headers=member)
    history = body_of(client.http.get(f"/recommendations/{rec_id}/history", headers=member))

    assert (first.status_code, again.status_code, count_after_repeat) == (201, 200, 1)
    assert (removed.status_code, removed_again.status_code) == (204, 404)
    assert [(e["action"], e["feedback_id"]) for e in history["events"][-2:]] == [
        ("linked", own["id"]),
        ("unlinked", own["id"]),
    ]
    assert (
        verify_audit.main(
            ["--endpoint-url", stack.endpoint, "--region", "us-east-1", "--table", stack.table_name, rec_id]
        )
        == 0
    )


def test_the_public_page_shows_published_linked_feedback_and_counts_all_linked(client, stack, workers):
    shown = send_feedback(client, ACADEMIC, "Write to me at pat@example.org: growth should count double.")
    private = send_feedback(
        client, ACADEMIC, "Please keep this between us: testing days are hard.", consent=False
    )
    workers()
    publish_feedback(client, stack, shown["id"])
    rec_id = start_recommendation(client, stack, ACADEMIC)
    for answer in (shown, private):
        assert link(client, stack, rec_id, answer["id"], ACADEMIC_MEMBER).status_code == 201
    approve(client, stack, ACADEMIC, rec_id)

    page = client.http.get(f"/recommendations/{rec_id}")
    public = body_of(page)

    assert public["linked_feedback_count"] == 2
    assert [item["id"] for item in public["feedback"]] == [shown["id"]]
    assert "pat@example.org" not in page.body.decode()
    assert "testing days" not in page.body.decode()


def test_the_receipt_lists_a_recommendation_citing_the_feedback_once_it_is_published(client, stack, workers):
    answer = send_feedback(client, ACADEMIC, "Show growth for English learners separately.")
    workers()
    rec_id = start_recommendation(client, stack, ACADEMIC, title="Show growth for every group")
    link(client, stack, rec_id, answer["id"], ACADEMIC_MEMBER)

    while_drafted = receipt_of(client, answer)["cited_by"]
    approve(client, stack, ACADEMIC, rec_id)
    once_published = receipt_of(client, answer)["cited_by"]

    assert while_drafted == []
    assert once_published == [
        {"id": rec_id, "team": ACADEMIC, "title": "Show growth for every group", "revision": 1}
    ]


def test_a_rejected_recommendation_takes_no_more_links(client, stack, workers):
    answer = send_feedback(client, ACADEMIC, "Attendance should count for less than growth.")
    workers()
    rec_id = start_recommendation(client, stack, ACADEMIC)
    client.http.post(
        f"/recommendations/{rec_id}/submission",
        headers={**signed_in(stack, ACADEMIC_MEMBER), "Content-Type": "application/json"},
        body='{"revision": 1}',
    )
    client.http.post(
        f"/queues/approval/{rec_id}/decision",
        headers={**signed_in(stack, "staff"), "Content-Type": "application/json"},
        body='{"action": "reject", "revision": 1, "comment": "Outside the review."}',
    )

    refused = link(client, stack, rec_id, answer["id"], ACADEMIC_MEMBER)

    assert refused.status_code == 409


def citation_emails_to(stack: Any, address: str) -> list[str]:
    return [
        sent.body
        for sent in stack.sent_emails()
        if address in sent.to and sent.subject.startswith("A recommendation answers your feedback")
    ]


def send_with_email(client: Any, body: str, address: str) -> dict[str, Any]:
    document = {"team": ACADEMIC, "body": body, "consent_to_publish": True, "submitter": {"email": address}}
    response = post_json(client, "/feedback", document)
    assert response.status_code == 202, response.body
    return body_of(response)


def test_submitters_are_emailed_once_when_a_recommendation_answering_them_is_published(
    client, stack, workers
):
    before = send_with_email(client, "Growth should count for small schools too.", "early@example.org")
    after = send_with_email(client, "Explain growth in plain words for parents.", "late@example.org")
    workers()
    rec_id = start_recommendation(client, stack, ACADEMIC, title="Count growth for every school")
    link(client, stack, rec_id, before["id"], ACADEMIC_MEMBER)
    workers()
    nothing_while_drafted = citation_emails_to(stack, "early@example.org")

    approve(client, stack, ACADEMIC, rec_id)
    link(client, stack, rec_id, after["id"], ACADEMIC_MEMBER)
    workers()
    revise(client, stack, ACADEMIC, rec_id, base=1, title="Count growth for every school, small ones too")
    approve(client, stack, ACADEMIC, rec_id, revision=2)
    workers()

    assert nothing_while_drafted == []
    for answer, address in ((before, "early@example.org"), (after, "late@example.org")):
        emails = citation_emails_to(stack, address)
        assert len(emails) == 1, emails
        assert (
            rec_id in emails[0] and answer["id"] in emails[0] and "Count growth for every school" in emails[0]
        )


def test_members_linking_one_item_at_once_make_one_link_and_each_is_told_it_is_linked(client, stack, workers):
    answer = send_feedback(client, ACADEMIC, "Report growth by grade band, not only by school.")
    workers()
    rec_id = start_recommendation(client, stack, ACADEMIC)
    statuses: list[int] = []

    def attempt() -> None:
        statuses.append(link(client, stack, rec_id, answer["id"], ACADEMIC_MEMBER).status_code)

    threads = [threading.Thread(target=attempt) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    history = body_of(
        client.http.get(f"/recommendations/{rec_id}/history", headers=signed_in(stack, "staff"))
    )
    listed = body_of(client.http.get(f"/recommendations/{rec_id}/links", headers=signed_in(stack, "staff")))

    assert sorted(statuses) == [200, 200, 200, 201]
    assert [event["action"] for event in history["events"]].count("linked") == 1
    assert listed["count"] == 1
