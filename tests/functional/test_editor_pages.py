"""The editor without a browser: a new revision against the one it was opened from, a preview drawn on the
server, and, when another member saved first, both texts and their diff with nothing typed lost."""

import html
from typing import Any

from tests.functional.conftest import body_of, signed_in
from tests.functional.journeys import DRAFT, revise, start_recommendation
from tests.support.page_sessions import sign_in

TEAM = "climate-and-culture"


def revisions_of(client: Any, stack: Any, rec_id: str) -> int:
    answer = client.http.get(f"/recommendations/{rec_id}/work", headers=signed_in(stack, "staff"))
    return int(body_of(answer)["recommendation"]["current_revision"])


def fields(body: str, base: str = "1", action: str = "save") -> dict[str, Any]:
    return {
        "base_revision": base,
        "title": DRAFT["title"],
        "policy_goals": DRAFT["policy_goals"],
        "body": body,
        "change_summary": "Clearer wording.",
        "action": action,
    }


def test_a_member_saves_a_new_revision_from_the_editor(client, stack):
    rec_id = start_recommendation(client, stack, TEAM)
    member = sign_in(client, f"member-{TEAM}")

    form = member.get(client, f"/workspace/recommendations/{rec_id}/edit").body.decode()
    answer = member.post(
        client, f"/workspace/recommendations/{rec_id}/edit", fields("Growth for every school.")
    )

    assert 'name="base_revision" value="1"' in form
    assert answer.status_code == 303 and answer.headers["Location"].endswith("?done=saved")
    assert revisions_of(client, stack, rec_id) == 2


def test_the_preview_is_drawn_on_the_server_and_saves_nothing(client, stack):
    rec_id = start_recommendation(client, stack, TEAM)
    member = sign_in(client, f"member-{TEAM}")

    answer = member.post(
        client,
        f"/workspace/recommendations/{rec_id}/edit",
        fields("# Growth\n\nFor **every** school.", action="preview"),
    )

    assert answer.status_code == 200
    assert "<strong>every</strong>" in answer.body.decode()
    assert revisions_of(client, stack, rec_id) == 1


def test_when_someone_saved_first_the_editor_shows_both_texts_and_keeps_what_was_typed(client, stack):
    rec_id = start_recommendation(client, stack, TEAM)
    member = sign_in(client, f"member-{TEAM}")
    revise(client, stack, TEAM, rec_id, 1, body="The other member's words saved first.")

    answer = member.post(client, f"/workspace/recommendations/{rec_id}/edit", fields("My own careful words."))

    page = html.unescape(answer.body.decode())
    assert answer.status_code == 409
    assert "Someone else saved this recommendation first" in page
    assert "The other member's words saved first." in page
    assert "My own careful words.</textarea>" in page
    assert 'name="base_revision" value="2"' in page
    assert revisions_of(client, stack, rec_id) == 2


def test_a_missing_title_comes_back_with_an_error_summary_and_the_text_kept(client, stack):
    rec_id = start_recommendation(client, stack, TEAM)
    member = sign_in(client, f"member-{TEAM}")

    answer = member.post(
        client, f"/workspace/recommendations/{rec_id}/edit", {**fields("Kept text."), "title": ""}
    )

    page = answer.body.decode()
    assert answer.status_code == 200 and "There is a problem" in page and 'href="#title"' in page
    assert "Kept text.</textarea>" in page
    assert revisions_of(client, stack, rec_id) == 1


def test_staff_and_other_teams_get_no_editor_and_a_csrf_less_save_changes_nothing(client, stack):
    rec_id = start_recommendation(client, stack, TEAM)
    member = sign_in(client, f"member-{TEAM}")

    staff_form = sign_in(client, "staff").get(client, f"/workspace/recommendations/{rec_id}/edit")
    outsider_form = sign_in(client, "member-academic-achievement").get(
        client, f"/workspace/recommendations/{rec_id}/edit"
    )
    forged = member.post(client, f"/workspace/recommendations/{rec_id}/edit", fields("Forged."), csrf=False)

    assert staff_form.status_code == 403 and outsider_form.status_code == 404
    assert forged.status_code == 403
    assert revisions_of(client, stack, rec_id) == 1
