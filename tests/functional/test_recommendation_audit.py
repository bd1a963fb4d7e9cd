"""A recommendation's history is hash-chained; `make verify-audit` finds a changed or missing event."""

from typing import Any

from infra import verify_audit
from tests.functional.conftest import body_of, post_json, signed_in

MEMBER = "member-academic-achievement"
DRAFT = {
    "title": "Weight growth more",
    "body": "Count growth as half of the academic score.",
    "policy_goals": [],
    "change_summary": "First draft.",
}


def recommendation_with_history(client: Any, stack: Any) -> str:
    member = signed_in(stack, MEMBER)
    rec_id = body_of(post_json(client, "/teams/academic-achievement/recommendations", DRAFT, member))[
        "recommendation"
    ]["id"]
    post_json(client, f"/recommendations/{rec_id}/submission", {"revision": 1}, member)
    post_json(
        client,
        f"/queues/approval/{rec_id}/decision",
        {"action": "approve", "revision": 1},
        signed_in(stack, "staff"),
    )
    return rec_id


def verify(stack: Any, rec_id: str) -> int:
    return verify_audit.main(
        ["--endpoint-url", stack.endpoint, "--region", "us-east-1", "--table", stack.table_name, rec_id]
    )


def test_the_history_lists_every_transition_each_carrying_the_hash_of_the_one_before(client, stack):
    rec_id = recommendation_with_history(client, stack)

    history = body_of(
        client.http.get(f"/recommendations/{rec_id}/history", headers=signed_in(stack, "staff"))
    )
    outsider = client.http.get(
        f"/recommendations/{rec_id}/history", headers=signed_in(stack, "member-climate-and-culture")
    )

    events = history["events"]
    assert [event["action"] for event in events] == ["created", "submitted", "approved"]
    assert [event["previous_hash"] for event in events[1:]] == [event["hash"] for event in events[:-1]]
    assert outsider.status_code == 404


def test_an_untouched_chain_verifies(client, stack, capsys):
    rec_id = recommendation_with_history(client, stack)

    assert verify(stack, rec_id) == 0
    assert "holds (3 events)" in capsys.readouterr().out


def test_an_edited_event_is_caught_where_it_was_changed(client, stack, capsys):
    rec_id = recommendation_with_history(client, stack)
    stack.aws("dynamodb").update_item(
        TableName=stack.table_name,
        Key={"PK": {"S": f"REC#{rec_id}"}, "SK": {"S": "EVENT#000002"}},
        UpdateExpression="SET actor = :someone",
        ExpressionAttributeValues={":someone": {"S": "someone-else@example.org"}},
    )

    assert verify(stack, rec_id) == 1
    assert "BROKEN at event 2" in capsys.readouterr().out


def test_a_removed_last_event_is_caught(client, stack, capsys):
    rec_id = recommendation_with_history(client, stack)
    stack.aws("dynamodb").delete_item(
        TableName=stack.table_name, Key={"PK": {"S": f"REC#{rec_id}"}, "SK": {"S": "EVENT#000003"}}
    )

    assert verify(stack, rec_id) == 1
    assert "BROKEN" in capsys.readouterr().out


def test_a_table_that_cannot_be_read_is_reported_in_a_line_naming_what_aws_answered(capsys, stack):
    missing = verify_audit.main(
        [
            "--endpoint-url",
            stack.endpoint,
            "--region",
            "us-east-1",
            "--table",
            "no-such-table",
            "01JD0000000000000000000009",
        ]
    )

    assert missing == 1
    assert "ResourceNotFoundException" in capsys.readouterr().err
