"""The team workspace's pages without a browser: a team's inbox of screened feedback, marked acknowledged
or considered by its members, and closed to everyone the services keep out."""

import html
import re
from typing import Any

from tests.functional.conftest import body_of, post_json, signed_in
from tests.functional.journeys import send_feedback, start_recommendation
from tests.support.page_sessions import sign_in

TEAM = "climate-and-culture"
OTHER_TEAM = "academic-achievement"
INBOX = f"/workspace/teams/{TEAM}/inbox"


def screened(client: Any, workers: Any, *bodies: str) -> list[str]:
    ids = [send_feedback(client, TEAM, body)["id"] for body in bodies]
    workers()
    return ids


def team_state(client: Any, stack: Any, feedback_id: str) -> str:
    inbox = body_of(client.http.get(f"/teams/{TEAM}/inbox?limit=100", headers=signed_in(stack, "staff")))
    return next(item["team_state"] for item in inbox["items"] if item["id"] == feedback_id)


def text_of(response: Any) -> str:
    return html.unescape(response.body.decode())


def item_section(page: str, feedback_id: str) -> str:
    found = re.search(rf'<li class="reading-item" id="item-{feedback_id}">(.*?)</li>', page, re.S)
    assert found, f"no item {feedback_id} on the page"
    return found.group(1)


def test_a_member_sees_the_screened_feedback_routed_to_the_team_with_personal_information_hidden(
    client, workers
):
    [feedback_id] = screened(client, workers, "Call me on 555-123-4567 about the school climate survey.")
    member = sign_in(client, f"member-{TEAM}")

    page = member.get(client, INBOX)

    assert page.status_code == 200
    item = item_section(text_of(page), feedback_id)
    assert "school climate survey" in item
    assert "555-123-4567" not in item
    assert "Mark acknowledged" in item and "Mark considered" in item


def test_marking_an_item_acknowledged_redirects_with_a_confirmation_and_offers_only_considered_next(
    client, stack, workers
):
    [feedback_id] = screened(client, workers, "Please publish the survey results for every building.")
    member = sign_in(client, f"member-{TEAM}")

    answer = member.post(client, f"{INBOX}/{feedback_id}", {"state": "acknowledged"})

    assert answer.status_code == 303
    assert answer.headers["Location"] == f"{INBOX}?marked=acknowledged#item-{feedback_id}"
    assert team_state(client, stack, feedback_id) == "acknowledged"
    page = text_of(member.get(client, answer.headers["Location"].split("#")[0]))
    assert "The item is marked acknowledged." in page
    item = item_section(page, feedback_id)
    assert "Mark acknowledged" not in item and "Mark considered" in item


def test_a_considered_item_offers_no_mark_and_marking_it_again_changes_nothing(client, stack, workers):
    [feedback_id] = screened(client, workers, "The climate survey should ask about recess.")
    member = sign_in(client, f"member-{TEAM}")
    member.post(client, f"{INBOX}/{feedback_id}", {"state": "considered"})

    again = member.post(client, f"{INBOX}/{feedback_id}", {"state": "acknowledged"})

    assert again.status_code == 303 and "marked=unchanged" in again.headers["Location"]
    assert team_state(client, stack, feedback_id) == "considered"
    item = item_section(text_of(member.get(client, INBOX)), feedback_id)
    assert "Mark acknowledged" not in item and "Mark considered" not in item


def test_the_inbox_filters_by_state_and_orders_oldest_first(client, workers):
    first_id, second_id = screened(
        client, workers, "First message about the climate survey.", "Second message about recess duty."
    )
    member = sign_in(client, f"member-{TEAM}")
    member.post(client, f"{INBOX}/{first_id}", {"state": "acknowledged"})

    acknowledged = text_of(member.get(client, f"{INBOX}?state=acknowledged"))
    new = text_of(member.get(client, f"{INBOX}?state=new"))
    oldest_first = text_of(member.get(client, f"{INBOX}?order=oldest"))

    assert f"item-{first_id}" in acknowledged and f"item-{second_id}" not in acknowledged
    assert f"item-{second_id}" in new and f"item-{first_id}" not in new
    assert oldest_first.index(f"item-{first_id}") < oldest_first.index(f"item-{second_id}")


def test_a_member_of_another_team_gets_the_403_page_and_cannot_mark_an_item(client, stack, workers):
    [feedback_id] = screened(client, workers, "A message for the climate team only.")
    outsider = sign_in(client, f"member-{OTHER_TEAM}")

    typed = outsider.get(client, INBOX)
    marked = outsider.post(client, f"{INBOX}/{feedback_id}", {"state": "acknowledged"})

    assert typed.status_code == 403 and "A message for the climate team only." not in text_of(typed)
    assert marked.status_code == 403
    assert team_state(client, stack, feedback_id) == "new"


def test_the_systems_and_processes_team_works_every_teams_inbox(client, workers):
    [feedback_id] = screened(client, workers, "A message the whole program should read.")
    member = sign_in(client, "member-systems-and-processes")

    home = text_of(member.get(client, "/workspace"))
    page = member.get(client, INBOX)

    assert f'href="{INBOX}"' in home and f'href="/workspace/teams/{OTHER_TEAM}/inbox"' in home
    assert page.status_code == 200 and f"item-{feedback_id}" in page.body.decode()


def test_a_mark_posted_without_its_csrf_token_changes_nothing(client, stack, workers):
    [feedback_id] = screened(client, workers, "A message nobody may mark by forgery.")
    member = sign_in(client, f"member-{TEAM}")

    answer = member.post(client, f"{INBOX}/{feedback_id}", {"state": "acknowledged"}, csrf=False)

    assert answer.status_code == 403
    assert team_state(client, stack, feedback_id) == "new"


def test_the_workspace_counts_each_teams_new_items_in_spanish_too(client, workers):
    screened(client, workers, "One message about the survey.", "Another message about recess.")
    member = sign_in(client, f"member-{TEAM}")

    english = text_of(member.get(client, "/workspace"))
    spanish = member.get(client, "/workspace", language="es")

    assert "2 new items in the inbox" in english
    assert spanish.headers["Content-Language"] == "es"


def test_a_member_links_an_inbox_item_to_one_of_the_teams_recommendations(client, stack, workers):
    [feedback_id] = screened(client, workers, "Please show growth beside proficiency.")
    rec_id = start_recommendation(client, stack, TEAM)
    member = sign_in(client, f"member-{TEAM}")

    offered = item_section(text_of(member.get(client, INBOX)), feedback_id)
    answer = member.post(client, f"{INBOX}/{feedback_id}/link", {"recommendation_id": rec_id})

    assert f'value="{rec_id}"' in offered
    assert answer.headers["Location"] == f"{INBOX}?marked=linked#item-{feedback_id}"
    links = body_of(client.http.get(f"/recommendations/{rec_id}/links", headers=signed_in(stack, "staff")))
    assert [item["feedback_id"] for item in links["items"]] == [feedback_id]


def test_a_rejected_recommendation_is_not_offered_for_a_link(client, stack, workers):
    [feedback_id] = screened(client, workers, "Please count chronic absence as a climate measure.")
    open_id, rejected_id = (
        start_recommendation(client, stack, TEAM),
        start_recommendation(client, stack, TEAM),
    )
    post_json(
        client,
        f"/recommendations/{rejected_id}/submission",
        {"revision": 1},
        signed_in(stack, f"member-{TEAM}"),
    )
    rejected = post_json(
        client,
        f"/queues/approval/{rejected_id}/decision",
        {"action": "reject", "revision": 1, "comment": "Out of scope."},
        signed_in(stack, "staff"),
    )

    offered = item_section(text_of(sign_in(client, f"member-{TEAM}").get(client, INBOX)), feedback_id)

    assert rejected.status_code == 200, rejected.body
    assert f'value="{open_id}"' in offered and f'value="{rejected_id}"' not in offered


def test_staff_reading_an_inbox_are_offered_no_link(client, stack, workers):
    [feedback_id] = screened(client, workers, "A message staff only read here.")
    start_recommendation(client, stack, TEAM)

    item = item_section(text_of(sign_in(client, "staff").get(client, INBOX)), feedback_id)

    assert "Link this item" not in item
