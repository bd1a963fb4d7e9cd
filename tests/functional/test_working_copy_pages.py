"""A recommendation's working copy in the workspace: its team reads it and submits its current revision
for approval; nobody else sees it, and a button the services would refuse is never shown."""

from typing import Any

from tests.functional.conftest import body_of, signed_in
from tests.functional.journeys import DRAFT, start_recommendation
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
