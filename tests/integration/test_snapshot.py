"""The local stack keeps its data across a restart: a snapshot of a running moto restored into a fresh one."""

import threading
from typing import Any

import pytest
from chalice import Chalice

from chalicelib.adapters.program_file import load_program
from infra.local import snapshot
from infra.local.accounts import demo_accounts, ensure_accounts
from infra.local.pump import EventPump, PumpSettings
from infra.local.resources import create_resources
from infra.seed import ensure_program_groups
from tests.integration.conftest import fresh_clients, sign_in

app = Chalice(app_name="snapshot-test")
routed: list[str] = []
_lock = threading.Lock()


@app.on_dynamodb_record(
    stream_arn="arn:aws:dynamodb:us-east-1:123456789012:table/public-review/stream/placeholder"
)
def route(event: Any) -> None:
    with _lock:
        routed.extend(record.keys["PK"]["S"] for record in event)


def feedback_item(number: int) -> dict[str, Any]:
    return {
        "PK": {"S": f"FEEDBACK#{number}"},
        "SK": {"S": "FEEDBACK"},
        "body": {"S": "Please publish growth measures."},
        "attachment": {"B": bytes([number, 0, 255])},
        "tags": {"L": [{"S": "growth"}, {"M": {"weight": {"N": "2"}}}]},
    }


def all_items(clients, table_name: str) -> list[dict[str, Any]]:
    items = clients.dynamodb.scan(TableName=table_name)["Items"]
    return sorted(items, key=lambda item: item["PK"]["S"])


def waiting_messages(clients, queue_url: str) -> list[tuple[str, dict[str, Any]]]:
    answer = clients.sqs.receive_message(
        QueueUrl=queue_url, MaxNumberOfMessages=10, MessageAttributeNames=["All"], WaitTimeSeconds=0
    )
    return sorted(
        (message["Body"], message.get("MessageAttributes", {})) for message in answer.get("Messages", [])
    )


@pytest.fixture
def saved(moto_endpoint, tmp_path):
    """A first run's data, kept as `make run` keeps it: items folded into the state file, later writes
    (an update, a removal, a new item) in the journal, waiting messages, seeded groups and demo accounts."""
    clients = fresh_clients(moto_endpoint)
    resources = create_resources(clients=clients)
    persistence = snapshot.Persistence(tmp_path, clients, resources)
    persistence.start()
    program = load_program("msip-6")
    ensure_program_groups(clients.cognito, resources.user_pool_id, program)
    accounts = ensure_accounts(
        clients.cognito, resources.user_pool_id, resources.user_pool_client_id, demo_accounts(program, {})
    )
    for number in (1, 2, 3):
        clients.dynamodb.put_item(TableName=resources.table_name, Item=feedback_item(number))
    persistence.save_changes()
    persistence.fold_journal()
    clients.dynamodb.update_item(
        TableName=resources.table_name,
        Key={"PK": {"S": "FEEDBACK#2"}, "SK": {"S": "FEEDBACK"}},
        UpdateExpression="SET body = :b",
        ExpressionAttributeValues={":b": {"S": "Changed after the fold."}},
    )
    clients.dynamodb.delete_item(
        TableName=resources.table_name, Key={"PK": {"S": "FEEDBACK#3"}, "SK": {"S": "FEEDBACK"}}
    )
    clients.dynamodb.put_item(TableName=resources.table_name, Item=feedback_item(5))
    queue = resources.queues["ScreeningQueue"]
    for body in ("screen FEEDBACK#2", "screen FEEDBACK#3"):
        clients.sqs.send_message(
            QueueUrl=queue.url,
            MessageBody=body,
            MessageAttributes={"raw": {"DataType": "Binary", "BinaryValue": b"\x01\x02"}},
        )
    persistence.stop()
    return {"clients": clients, "resources": resources, "accounts": accounts, "data_dir": tmp_path}


def test_a_restored_snapshot_has_the_same_items_messages_and_users(moto_endpoint, saved):
    # GIVEN a fresh moto (a restart) with the template's resources
    clients = fresh_clients(moto_endpoint)
    resources = create_resources(clients=clients)

    # WHEN the saved data is restored into it
    snapshot.restore(clients, resources, snapshot.read(saved["data_dir"]))

    # THEN the items are the same, binary values, the journal's update and removal included
    before, after = saved["clients"], clients
    restored_items = all_items(after, resources.table_name)
    assert restored_items == all_items(before, saved["resources"].table_name)
    assert [item["PK"]["S"] for item in restored_items] == ["FEEDBACK#1", "FEEDBACK#2", "FEEDBACK#5"]
    assert restored_items[1]["body"] == {"S": "Changed after the fold."}
    # AND the messages that were waiting wait again, attributes included
    queue = resources.queues["ScreeningQueue"]
    restored = waiting_messages(after, queue.url)
    assert restored == waiting_messages(before, saved["resources"].queues["ScreeningQueue"].url)
    assert [body for body, _ in restored] == ["screen FEEDBACK#2", "screen FEEDBACK#3"]
    # AND every user signs in with the same password and authenticator app, keeps its sub and its groups
    for account in saved["accounts"]:
        old = sign_in(before, saved["resources"], account)
        new = sign_in(after, resources, account)
        assert (new["sub"], new["cognito:groups"], new["email"]) == (
            old["sub"],
            old["cognito:groups"],
            old["email"],
        )


def test_restored_items_are_not_fed_to_the_stream_handler_again(moto_endpoint, saved):
    # GIVEN a restart that restored the saved items before the pump started
    clients = fresh_clients(moto_endpoint)
    resources = create_resources(clients=clients)
    snapshot.restore(clients, resources, snapshot.read(saved["data_dir"]))
    routed.clear()
    pump = EventPump(app, clients, resources, PumpSettings(stream_poll_seconds=0.05))
    pump.start()
    try:
        # WHEN a new item is stored after the restart
        clients.dynamodb.put_item(TableName=resources.table_name, Item=feedback_item(4))
        assert pump.drain(timeout=10)
    finally:
        pump.stop()

    # THEN only the new item reached the stream handler
    assert routed == ["FEEDBACK#4"]


def test_only_what_changed_since_the_last_save_is_written(clients, resources, tmp_path):
    # GIVEN the data of a running stack kept in a folder
    persistence = snapshot.Persistence(tmp_path, clients, resources)
    persistence.start()

    # WHEN it is saved with and without changes in between
    try:
        unchanged = persistence.save_changes()
        clients.dynamodb.put_item(TableName=resources.table_name, Item=feedback_item(1))
        changed = persistence.save_changes()
        unchanged_again = persistence.save_changes()
    finally:
        persistence.stop()

    # THEN only the change was written: one line in the journal, and no temporary file is left behind
    assert (unchanged, changed, unchanged_again) == (False, True, False)
    assert len(persistence.journal_path.read_text().splitlines()) == 1
    assert snapshot.read(tmp_path)["tables"]["ReviewTable"] == [
        {**feedback_item(1), "attachment": {"B": "AQD/"}}
    ]
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "queues-and-users.json",
        persistence.journal_path.name,
        "state.json",
    ]
