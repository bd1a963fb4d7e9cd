"""A recommendation's working copy in the workspace: its team reads it and submits its current revision
for approval; nobody else sees it, and a button the services would refuse is never shown."""

import html
from typing import Any

from tests.functional.conftest import body_of, post_json, signed_in
from tests.functional.journeys import DRAFT, link, revise, send_feedback, start_recommendation
from tests.support.page_sessions import sign_in

TEAM = "climate-and-culture"


def status_of(client: Any, stack: Any, rec_id: str) -> str:
    answer = client.http.get(f"/recommendations/{rec_id}/work", headers=signed_in(stack, "staff"))
    return str(body_of(answer)["recommendation"]["status"])


def test_a_member_reads_the_current_revision_and_submits_it_for_approval(client, stack):
    rec_id = start_recommendation(client, stack, TEAM)
    member = sign_in(client, f"member-{TEAM}")

    page = member.get(client, f"/workspace/recommendations/{rec_id}").body.decode()
    answer = member.post(client, f"/workspace/recommendations/{rec_id}/submission", {"revision": "1"})

    assert DRAFT["title"] in page and "Submit revision 1 for approval" in page
    assert answer.status_code == 303
    assert answer.headers["Location"] == f"/workspace/recommendations/{rec_id}?done=submitted"
    assert status_of(client, stack, rec_id) == "submitted"
    after = member.get(client, answer.headers["Location"]).body.decode()
    assert "The revision is submitted for approval." in after
    assert "Submit revision 1 for approval" not in after


def test_staff_read_the_working_copy_but_are_offered_no_submit_button(client, stack):
    rec_id = start_recommendation(client, stack, TEAM)
    staff = sign_in(client, "staff")

    page = staff.get(client, f"/workspace/recommendations/{rec_id}")

    assert page.status_code == 200 and DRAFT["title"] in page.body.decode()
    assert "for approval</button>" not in page.body.decode()


def test_a_member_of_another_team_finds_no_such_recommendation_and_cannot_submit_it(client, stack):
    rec_id = start_recommendation(client, stack, TEAM)
    outsider = sign_in(client, "member-academic-achievement")

    typed = outsider.get(client, f"/workspace/recommendations/{rec_id}")
    posted = outsider.post(client, f"/workspace/recommendations/{rec_id}/submission", {"revision": "1"})

    assert typed.status_code == 404 and DRAFT["title"] not in typed.body.decode()
    assert posted.status_code == 404
    assert status_of(client, stack, rec_id) == "draft"


def test_a_submission_without_its_csrf_token_changes_nothing(client, stack):
    rec_id = start_recommendation(client, stack, TEAM)
    member = sign_in(client, f"member-{TEAM}")

    answer = member.post(
        client, f"/workspace/recommendations/{rec_id}/submission", {"revision": "1"}, csrf=False
    )

    assert answer.status_code == 403
    assert status_of(client, stack, rec_id) == "draft"


def test_submitting_an_old_revision_changes_nothing_and_says_so(client, stack):
    rec_id = start_recommendation(client, stack, TEAM)
    member = sign_in(client, f"member-{TEAM}")

    answer = member.post(client, f"/workspace/recommendations/{rec_id}/submission", {"revision": "7"})

    assert answer.headers["Location"].endswith("?done=unchanged")
    assert status_of(client, stack, rec_id) == "draft"


def test_the_team_lists_its_recommendations_by_status_and_other_teams_get_the_403_page(client, stack):
    draft_id = start_recommendation(client, stack, TEAM)
    submitted_id = start_recommendation(client, stack, TEAM, title="Submitted one")
    member = sign_in(client, f"member-{TEAM}")
    member.post(client, f"/workspace/recommendations/{submitted_id}/submission", {"revision": "1"})

    page = member.get(client, f"/workspace/teams/{TEAM}/recommendations").body.decode()
    outsider = sign_in(client, "member-academic-achievement").get(
        client, f"/workspace/teams/{TEAM}/recommendations"
    )

    assert page.index("<h2>Draft</h2>") < page.index(draft_id) < page.index("<h2>Waiting for approval</h2>")
    assert page.index("<h2>Waiting for approval</h2>") < page.index(submitted_id)
    assert outsider.status_code == 403 and draft_id not in outsider.body.decode()


def send_back(client: Any, stack: Any, rec_id: str, revision: int, comment: str, quote: str | None) -> None:
    member = signed_in(stack, f"member-{TEAM}")
    submitted = post_json(client, f"/recommendations/{rec_id}/submission", {"revision": revision}, member)
    assert submitted.status_code == 200, submitted.body
    decision = {"action": "request_changes", "revision": revision, "comment": comment}
    sent = post_json(
        client,
        f"/queues/approval/{rec_id}/decision",
        {**decision, **({"quote": quote} if quote else {})},
        signed_in(stack, "staff"),
    )
    assert sent.status_code == 200, sent.body


def test_a_review_comment_follows_the_paragraph_it_quotes_which_is_marked_in_the_text(client, stack):
    rec_id = start_recommendation(client, stack, TEAM)
    quoted = "Show it beside proficiency on the report card."
    send_back(client, stack, rec_id, 1, "Say which report card.", quoted)
    member = sign_in(client, f"member-{TEAM}")

    page = member.get(client, f"/workspace/recommendations/{rec_id}").body.decode()

    assert f'<p><mark aria-describedby="note-0">{quoted}</mark></p>' in page
    note = page.split('<div class="review-note" id="note-0">')[1].split("</div>")[0]
    assert "Say which report card." in note
    assert page.index(quoted) < page.index('id="note-0"')
    assert "Publish growth for every building.</p>" in page


def test_comments_on_earlier_revisions_are_listed_with_their_quote_and_nothing_is_marked(client, stack):
    rec_id = start_recommendation(client, stack, TEAM)
    send_back(client, stack, rec_id, 1, "Say which report card.", "Publish growth for every building.")
    send_back_without_quote = "Shorter, please."
    revise(
        client, stack, TEAM, rec_id, 1, body="Publish growth for every building.\n\nOn the state report card."
    )
    send_back(client, stack, rec_id, 2, send_back_without_quote, None)
    revise(client, stack, TEAM, rec_id, 2, body="Publish growth for every building.")
    member = sign_in(client, f"member-{TEAM}")

    page = member.get(client, f"/workspace/recommendations/{rec_id}").body.decode()

    earlier = page.split("Comments on earlier revisions")[1]
    assert "<mark" not in page
    assert earlier.index("Shorter, please.") < earlier.index("Say which report card.")
    assert "Publish growth for every building.</blockquote>" in earlier


def test_a_comment_without_a_quote_is_shown_above_the_text(client, stack):
    rec_id = start_recommendation(client, stack, TEAM)
    send_back(client, stack, rec_id, 1, "Shorter, please.", None)

    page = sign_in(client, "staff").get(client, f"/workspace/recommendations/{rec_id}").body.decode()

    assert "A reviewer asked for changes to this revision" in page
    assert page.index('id="note-0"') < page.index('<div class="recommendation-body">')
    assert "<mark" not in page


def test_any_two_revisions_are_compared_with_a_get_form_and_a_wrong_pair_is_explained(client, stack):
    rec_id = start_recommendation(client, stack, TEAM)
    changed = {"title": "Growth beside proficiency", "policy_goals": ["expectations"]}
    revise(client, stack, TEAM, rec_id, 1, **changed)
    revise(client, stack, TEAM, rec_id, 2, **changed, body="Publish growth for every school.")
    member = sign_in(client, f"member-{TEAM}")
    path = f"/workspace/recommendations/{rec_id}"

    form = member.get(client, path).body.decode()
    compared = member.get(client, f"{path}?from=1&to=3").body.decode()
    wrong = member.get(client, f"{path}?from=1&to=9").body.decode()

    assert '<form class="usa-form compare-form" method="get"' in form
    assert '<option value="2" selected>' in form and '<option value="3" selected>' in form
    assert "From revision 1 to revision 3" in compared
    changes = compared.split("From revision 1 to revision 3")[1].split("<form")[0]
    assert "<h4>Title</h4>" in changes and "<h4>Text</h4>" in changes and "<h4>Policy goals</h4>" in changes
    assert "<ins>" in changes and "<del>" in changes
    assert "These revisions cannot be compared." in wrong


def test_the_linked_feedback_is_listed_masked_with_its_inbox_and_a_member_unlinks_it(client, stack, workers):
    own = send_feedback(client, TEAM, "Ask about recess. Call me at 573-555-0199.")
    general = send_feedback(client, "general", "Use plain language everywhere.")
    workers()
    rec_id = start_recommendation(client, stack, TEAM)
    for item in (own, general):
        assert link(client, stack, rec_id, item["id"], f"member-{TEAM}").status_code == 201
    member = sign_in(client, f"member-{TEAM}")
    path = f"/workspace/recommendations/{rec_id}"

    page = html.unescape(member.get(client, path).body.decode())
    answer = member.post(client, f"{path}/links/{own['id']}/unlink")
    again = member.post(client, f"{path}/links/{own['id']}/unlink")

    assert "Ask about recess." in page and "573-555-0199" not in page
    assert f'href="/workspace/teams/{TEAM}/inbox#item-{own["id"]}"' in page
    assert f"/inbox#item-{general['id']}" not in page
    assert page.count(">Unlink</button>") == 2
    assert answer.status_code == 303 and answer.headers["Location"] == f"{path}?done=unlinked#linked"
    assert again.headers["Location"] == f"{path}?done=not_unlinked#linked"
    after = member.get(client, f"{path}?done=unlinked").body.decode()
    assert "The feedback is no longer linked to this recommendation." in after
    assert "Ask about recess." not in after and "Use plain language everywhere." in after


def test_staff_see_the_linked_feedback_without_an_unlink_button_and_cannot_post_one(client, stack, workers):
    own = send_feedback(client, TEAM, "Ask about recess.")
    workers()
    rec_id = start_recommendation(client, stack, TEAM)
    link(client, stack, rec_id, own["id"], f"member-{TEAM}")
    staff = sign_in(client, "staff")
    path = f"/workspace/recommendations/{rec_id}"

    page = staff.get(client, path).body.decode()
    refused = staff.post(client, f"{path}/links/{own['id']}/unlink")
    outsider = sign_in(client, "member-academic-achievement").post(client, f"{path}/links/{own['id']}/unlink")
    forged = sign_in(client, f"member-{TEAM}").post(client, f"{path}/links/{own['id']}/unlink", csrf=False)

    assert "Ask about recess." in page and ">Unlink</button>" not in page
    assert refused.status_code == 403 and outsider.status_code == 404 and forged.status_code == 403
    assert "Ask about recess." in staff.get(client, path).body.decode()


def test_the_history_names_a_reviewers_claim_and_its_end_in_the_pages_language(client, stack):
    rec_id = start_recommendation(client, stack, TEAM)
    member = sign_in(client, f"member-{TEAM}")
    member.post(client, f"/workspace/recommendations/{rec_id}/submission", {"revision": "1"})
    client.http.post(f"/queues/approval/{rec_id}/claim", headers=signed_in(stack, "staff"))

    page = member.get(client, f"/workspace/recommendations/{rec_id}", language="es").body.decode()

    assert "tomada para revisión" in page and "hasta las" in page
    assert "+00:00" not in page
