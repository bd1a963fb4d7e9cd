"""A team's inbox filtered by state and policy goal across the whole inbox, not within one page of it,
and the workspace's exact count of new items, with more items than one page holds."""

import html
import re
from datetime import UTC, datetime, timedelta
from typing import Any

from chalicelib.adapters.feedback_items import feedback_item
from chalicelib.domain.feedback import Feedback, FeedbackStatus, TeamState
from tests.functional.conftest import body_of, signed_in
from tests.support.page_sessions import sign_in

TEAM = "climate-and-culture"
INBOX = f"/workspace/teams/{TEAM}/inbox"
ROUTED = datetime(2026, 11, 2, 15, tzinfo=UTC)
ITEM_ID = re.compile(r'<li class="reading-item" id="item-([^"]+)">')
NEXT_PAGE = re.compile(r'<a href="([^"]+)" rel="next">')


def store_inbox(stack: Any, *groups: tuple[int, TeamState, list[str]]) -> list[list[str]]:
    """Stores routed items straight into the table, oldest group first: for each group, its number of
    items in one state with the same policy goals. Answers each group's ids."""
    ids: list[list[str]] = []
    rows = []
    for count, state, goals in groups:
        ids.append([])
        for _ in range(count):
            number = sum(len(group) for group in ids)
            feedback_id = f"01JD{number:022d}"
            ids[-1].append(feedback_id)
            rows.append(
                feedback_item(inbox_feedback(feedback_id, ROUTED + timedelta(minutes=number), state, goals))
            )
    dynamodb = stack.aws("dynamodb")
    for start in range(0, len(rows), 25):
        batch = [{"PutRequest": {"Item": row}} for row in rows[start : start + 25]]
        dynamodb.batch_write_item(RequestItems={stack.table_name: batch})
    return ids


def inbox_feedback(feedback_id: str, routed_at: datetime, state: TeamState, goals: list[str]) -> Feedback:
    return Feedback(
        id=feedback_id,
        program_id="msip-6",
        team=TEAM,
        body=f"Message {feedback_id} about the school climate survey.",
        policy_goals=goals,
        consent_to_publish=True,
        status=FeedbackStatus.SCREENED,
        submitted_at=routed_at - timedelta(minutes=1),
        receipt_hash="0" * 64,
        routed_at=routed_at,
        team_state=state,
    )


def shown_ids(response: Any) -> list[str]:
    assert response.status_code == 200
    return ITEM_ID.findall(response.body.decode())


def next_page(response: Any) -> str | None:
    found = NEXT_PAGE.search(response.body.decode())
    return html.unescape(found.group(1)) if found else None


def test_the_state_filter_finds_items_beyond_the_newest_fifty_and_its_next_page_keeps_the_filter(
    client, stack
):
    acknowledged, new = store_inbox(stack, (60, TeamState.ACKNOWLEDGED, []), (55, TeamState.NEW, []))
    member = sign_in(client, f"member-{TEAM}")

    first = member.get(client, f"{INBOX}?state=acknowledged")
    following = next_page(first)
    assert following is not None and "state=acknowledged" in following
    second = member.get(client, following)

    newest_first = list(reversed(acknowledged))
    assert shown_ids(first) == newest_first[:50]
    assert shown_ids(second) == newest_first[50:]
    assert next_page(second) is None
    assert not set(shown_ids(first) + shown_ids(second)) & set(new)


def test_the_policy_goal_filter_finds_the_few_tagged_items_among_many_in_one_page(client, stack):
    tagged, _ = store_inbox(
        stack, (7, TeamState.NEW, ["expectations", "empower-stakeholders"]), (240, TeamState.NEW, [])
    )
    member = sign_in(client, f"member-{TEAM}")

    answer = member.get(client, f"{INBOX}?policy_goal=empower-stakeholders&order=oldest")

    assert shown_ids(answer) == tagged
    assert next_page(answer) is None
    assert shown_ids(member.get(client, f"{INBOX}?policy_goal=distinguish-performance")) == []


def test_both_filters_together_keep_only_items_in_that_state_with_that_goal(client, stack):
    wanted, wrong_state, _ = store_inbox(
        stack,
        (3, TeamState.CONSIDERED, ["continuous-improvement"]),
        (4, TeamState.NEW, ["continuous-improvement"]),
        (60, TeamState.CONSIDERED, []),
    )
    member = sign_in(client, f"member-{TEAM}")

    answer = member.get(client, f"{INBOX}?state=considered&policy_goal=continuous-improvement")

    assert sorted(shown_ids(answer)) == sorted(wanted)
    assert not set(shown_ids(answer)) & set(wrong_state)


def test_the_workspace_counts_every_new_item_of_the_inbox_not_only_the_newest_fifty(client, stack):
    store_inbox(stack, (73, TeamState.NEW, []), (12, TeamState.ACKNOWLEDGED, []))
    member = sign_in(client, f"member-{TEAM}")

    home = html.unescape(member.get(client, "/workspace").body.decode())

    assert "73 new items in the inbox" in home


def test_the_inbox_api_pages_through_one_state_and_names_an_unknown_policy_goal(client, stack):
    acknowledged, _ = store_inbox(stack, (7, TeamState.ACKNOWLEDGED, []), (60, TeamState.NEW, []))
    headers = signed_in(stack, f"member-{TEAM}")

    first = body_of(client.http.get(f"/teams/{TEAM}/inbox?state=acknowledged&limit=5", headers=headers))
    rest = body_of(
        client.http.get(
            f"/teams/{TEAM}/inbox?state=acknowledged&limit=5&cursor={first['cursor']}", headers=headers
        )
    )
    unknown = client.http.get(f"/teams/{TEAM}/inbox?policy_goal=nothing-of-the-kind", headers=headers)

    assert [item["id"] for item in first["items"] + rest["items"]] == list(reversed(acknowledged))
    assert rest["cursor"] is None
    assert unknown.status_code == 422
    assert "policy_goal" in unknown.body.decode()
