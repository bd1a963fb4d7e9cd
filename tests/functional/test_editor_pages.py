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


def test_a_member_starts_a_recommendation_from_the_team_list_and_lands_on_its_working_copy(client, stack):
    member = sign_in(client, f"member-{TEAM}")
    listing = member.get(client, f"/workspace/teams/{TEAM}/recommendations").body.decode()
    new = f"/workspace/teams/{TEAM}/recommendations/new"
    form = member.get(client, new).body.decode()
    entry = {
        key: value
        for key, value in fields("# Growth\n\nFor **every** school.").items()
        if key != "base_revision"
    }

    preview = member.post(client, new, {**entry, "action": "preview"}).body.decode()
    answer = member.post(client, new, entry)

    assert f'href="{new}"' in listing and "Start a recommendation" in listing
    assert "base_revision" not in form and "Save the draft" in form
    assert "<strong>every</strong>" in preview
    assert answer.status_code == 303
    rec_id = answer.headers["Location"].split("/")[-1].split("?")[0]
    assert answer.headers["Location"].endswith("?done=created")
    assert revisions_of(client, stack, rec_id) == 1
    working = member.get(client, answer.headers["Location"]).body.decode()
    assert "The recommendation is saved as a draft." in working and DRAFT["title"] in working


def test_a_new_recommendation_without_a_title_or_text_comes_back_with_errors_and_saves_nothing(client, stack):
    member = sign_in(client, f"member-{TEAM}")
    new = f"/workspace/teams/{TEAM}/recommendations/new"

    answer = member.post(
        client,
        new,
        {
            "title": "",
            "body": "",
            "policy_goals": ["no-such-goal"],
            "change_summary": "Typed.",
            "action": "save",
        },
    )

    page = answer.body.decode()
    assert answer.status_code == 200 and "There is a problem" in page
    assert "<title>Error: Start a recommendation" in page
    assert 'href="#title"' in page and 'href="#body"' in page
    assert 'value="Typed."' in page
    listing = member.get(client, f"/workspace/teams/{TEAM}/recommendations").body.decode()
    assert "This team has no recommendation yet." in listing


def test_staff_and_other_teams_are_offered_no_new_recommendation_and_cannot_post_one(client, stack):
    new = f"/workspace/teams/{TEAM}/recommendations/new"
    staff = sign_in(client, "staff")
    outsider = sign_in(client, "member-academic-achievement")
    member = sign_in(client, f"member-{TEAM}")
    entry = {key: value for key, value in fields("Text.").items() if key != "base_revision"}

    staff_listing = staff.get(client, f"/workspace/teams/{TEAM}/recommendations").body.decode()
    staff_form = staff.get(client, new)
    outsider_post = outsider.post(client, new, entry)
    forged = member.post(client, new, entry, csrf=False)
    unknown_team = member.get(client, "/workspace/teams/no-such-team/recommendations/new")

    assert "Start a recommendation" not in staff_listing
    assert staff_form.status_code == 403 and outsider_post.status_code == 403 and forged.status_code == 403
    assert unknown_team.status_code == 404
    listing = member.get(client, f"/workspace/teams/{TEAM}/recommendations").body.decode()
    assert "This team has no recommendation yet." in listing


def test_the_conflict_shows_how_the_title_and_the_policy_goals_differ_too(client, stack):
    rec_id = start_recommendation(client, stack, TEAM)
    member = sign_in(client, f"member-{TEAM}")
    revise(client, stack, TEAM, rec_id, 1, title="Saved title first", policy_goals=["expectations"])

    answer = member.post(
        client,
        f"/workspace/recommendations/{rec_id}/edit",
        {**fields("My words."), "title": "My own title", "policy_goals": ["empower-stakeholders"]},
    )

    page = html.unescape(answer.body.decode())
    assert answer.status_code == 409
    assert "<h3>Title</h3>" in page and "<h3>Policy goals</h3>" in page
    assert "Saved title first" in page and "My own title" in page
    title = page.split("<h3>Title</h3>")[1].split("<h3>")[0]
    assert "<ins>" in title and "<del>" in title
    goals = page.split("<h3>Policy goals</h3>")[1].split("</ul>")[0]
    assert "<ins>" in goals and "<del>" in goals
