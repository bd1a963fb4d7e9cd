"""A team drafts a recommendation in revisions and submits one; other teams and the public cannot."""

import threading
from typing import Any

import pytest

from tests.functional.conftest import body_of, post_json, signed_in

DRAFT = {
    "title": "Report growth beside proficiency",
    "body": "Publish growth for every building.\n\nShow it beside proficiency on the report card.",
    "policy_goals": ["distinguish-performance"],
    "change_summary": "First draft.",
}
MEMBER = "member-academic-achievement"


def create(
    client: Any, stack: Any, who: str = MEMBER, team: str = "academic-achievement", draft: Any = None
) -> Any:
    headers = signed_in(stack, who) if who else {}
    return post_json(client, f"/teams/{team}/recommendations", DRAFT if draft is None else draft, headers)


def revise(client: Any, stack: Any, rec_id: str, base: int, who: str = MEMBER, **changes: Any) -> Any:
    document = {**DRAFT, "change_summary": "Tighter wording.", **changes, "base_revision": base}
    return post_json(client, f"/recommendations/{rec_id}/revisions", document, signed_in(stack, who))


def test_a_member_starts_a_recommendation_as_revision_one_a_draft(client, stack):
    response = create(client, stack)

    assert response.status_code == 201
    work = body_of(response)
    assert work["recommendation"]["status"] == "draft"
    assert work["recommendation"]["current_revision"] == 1
    assert [revision["number"] for revision in work["revisions"]] == [1]
    assert work["history"][0]["action"] == "created"


@pytest.mark.parametrize("who, status", [(None, 401), ("member-climate-and-culture", 403), ("staff", 403)])
def test_only_the_teams_own_members_may_start_one(client, stack, who, status):
    assert create(client, stack, who=who).status_code == status


@pytest.mark.parametrize("field", ["status", "team", "author", "current_revision", "number"])
def test_privileged_fields_in_a_draft_are_refused_not_applied(client, stack, field):
    response = create(client, stack, draft={**DRAFT, field: "approved"})

    assert response.status_code == 422
    assert body_of(response)["error"]["fields"][0]["field"] == field


def test_every_edit_is_a_new_revision_and_a_stale_base_answers_409_with_the_current_number(client, stack):
    rec_id = body_of(create(client, stack))["recommendation"]["id"]

    second = revise(client, stack, rec_id, base=1, title="Report growth first")
    stale = revise(client, stack, rec_id, base=1, title="Someone else's edit")

    assert second.status_code == 201
    assert [r["title"] for r in body_of(second)["revisions"]] == [DRAFT["title"], "Report growth first"]
    assert stale.status_code == 409
    assert "Revision 2" in body_of(stale)["error"]["message"]
    assert body_of(stale)["error"]["fields"][0]["field"] == "base_revision"


def test_members_revising_the_same_base_at_once_make_exactly_one_new_revision(client, stack):
    rec_id = body_of(create(client, stack))["recommendation"]["id"]
    token = signed_in(stack, MEMBER)
    statuses: list[int] = []

    def attempt(n: int) -> None:
        document = {**DRAFT, "title": f"Edit {n}", "base_revision": 1}
        statuses.append(
            post_json(client, f"/recommendations/{rec_id}/revisions", document, token).status_code
        )

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    work = body_of(client.http.get(f"/recommendations/{rec_id}/work", headers=token))
    assert sorted(statuses) == [201, 409, 409, 409]
    assert [revision["number"] for revision in work["revisions"]] == [1, 2]


def test_submitting_the_current_revision_puts_it_up_for_approval(client, stack):
    rec_id = body_of(create(client, stack))["recommendation"]["id"]
    member = signed_in(stack, MEMBER)

    stale = post_json(client, f"/recommendations/{rec_id}/submission", {"revision": 2}, member)
    submitted = post_json(client, f"/recommendations/{rec_id}/submission", {"revision": 1}, member)
    again = post_json(client, f"/recommendations/{rec_id}/submission", {"revision": 1}, member)

    assert stale.status_code == 422
    assert submitted.status_code == 200
    assert body_of(submitted)["recommendation"]["status"] == "submitted"
    assert body_of(submitted)["recommendation"]["submitted_revision"] == 1
    assert again.status_code == 409


def test_another_teams_member_can_neither_read_nor_revise_a_recommendation(client, stack):
    rec_id = body_of(create(client, stack))["recommendation"]["id"]
    outsider = signed_in(stack, "member-climate-and-culture")

    read = client.http.get(f"/recommendations/{rec_id}/work", headers=outsider)
    write = revise(client, stack, rec_id, base=1, who="member-climate-and-culture")
    staff_read = client.http.get(f"/recommendations/{rec_id}/work", headers=signed_in(stack, "staff"))
    staff_write = revise(client, stack, rec_id, base=1, who="staff")

    assert read.status_code == write.status_code == 404
    assert staff_read.status_code == 200 and staff_write.status_code == 403


def test_a_team_lists_its_recommendations_and_other_teams_cannot(client, stack):
    create(client, stack)
    create(client, stack, draft={**DRAFT, "title": "Weight attendance less"})

    mine = client.http.get("/teams/academic-achievement/recommendations", headers=signed_in(stack, MEMBER))
    theirs = client.http.get(
        "/teams/academic-achievement/recommendations", headers=signed_in(stack, "member-climate-and-culture")
    )

    assert sorted(item["title"] for item in body_of(mine)["items"]) == sorted(
        [DRAFT["title"], "Weight attendance less"]
    )
    assert theirs.status_code == 403


def test_unknown_policy_goals_are_named(client, stack):
    response = create(client, stack, draft={**DRAFT, "policy_goals": ["world-peace"]})

    assert response.status_code == 422
    assert body_of(response)["error"]["fields"][0]["field"] == "policy_goals.0"
