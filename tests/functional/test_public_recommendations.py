"""The public finds approved recommendations by team and by policy goal, newest approval first, a page at
a time; a newly approved revision moves its recommendation to the listings of its new goals."""

from typing import Any

from tests.functional.conftest import body_of
from tests.functional.journeys import approve, revise, start_recommendation

ACADEMIC = "academic-achievement"
CLIMATE = "climate-and-culture"


def listed(client: Any, query: str = "") -> list[str]:
    response = client.http.get(f"/recommendations{query}")
    assert response.status_code == 200, response.body
    return [item["id"] for item in body_of(response)["items"]]


def published(client: Any, stack: Any, team: str, goals: list[str]) -> str:
    rec_id = start_recommendation(client, stack, team, policy_goals=goals)
    approve(client, stack, team, rec_id)
    return rec_id


def test_the_listing_filters_by_team_by_policy_goal_and_by_both(client, stack):
    first = published(client, stack, ACADEMIC, ["distinguish-performance"])
    second = published(client, stack, CLIMATE, ["expectations", "empower-stakeholders"])
    third = published(client, stack, ACADEMIC, ["expectations"])
    start_recommendation(client, stack, ACADEMIC, policy_goals=["expectations"])

    assert listed(client) == [third, second, first]
    assert listed(client, f"?team={ACADEMIC}") == [third, first]
    assert listed(client, "?policy_goal=expectations") == [third, second]
    assert listed(client, f"?team={ACADEMIC}&policy_goal=expectations") == [third]
    assert listed(client, f"?team={CLIMATE}&policy_goal=distinguish-performance") == []


def test_a_filtered_listing_pages_with_a_cursor_and_never_returns_an_empty_page_early(client, stack):
    ours = [published(client, stack, ACADEMIC, ["expectations"]) for _ in range(3)]
    for _ in range(3):
        published(client, stack, CLIMATE, ["expectations"])

    first = body_of(client.http.get(f"/recommendations?team={ACADEMIC}&limit=2"))
    second = body_of(client.http.get(f"/recommendations?team={ACADEMIC}&limit=2&cursor={first['cursor']}"))
    foreign = client.http.get(f"/recommendations?team={CLIMATE}&limit=2&cursor={first['cursor']}")

    assert [item["id"] for item in first["items"] + second["items"]] == ours[::-1]
    assert foreign.status_code == 422


def test_a_new_approved_revision_moves_the_recommendation_to_its_new_goals(client, stack):
    rec_id = published(client, stack, CLIMATE, ["expectations"])
    other = published(client, stack, ACADEMIC, ["expectations"])
    revise(
        client,
        stack,
        CLIMATE,
        rec_id,
        base=1,
        title="Measure belonging",
        policy_goals=["continuous-improvement"],
    )
    approve(client, stack, CLIMATE, rec_id, revision=2)

    newest = body_of(client.http.get("/recommendations"))["items"][0]

    assert listed(client, "?policy_goal=expectations") == [other]
    assert listed(client, "?policy_goal=continuous-improvement") == [rec_id]
    assert (newest["id"], newest["title"], newest["revision"]) == (rec_id, "Measure belonging", 2)


def test_an_unknown_policy_goal_or_team_filter_is_named_in_a_422(client):
    goal = client.http.get("/recommendations?policy_goal=world-peace")
    team = client.http.get("/recommendations?team=marching-band")

    assert goal.status_code == team.status_code == 422
    assert body_of(goal)["error"]["fields"][0]["field"] == "policy_goal"
    assert body_of(team)["error"]["fields"][0]["field"] == "team"
