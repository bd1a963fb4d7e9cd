"""The local stack's DynamoDB keeps the two promises the product leans on: a cancelled transaction leaves
nothing behind (items or stream records) and no read sees it half done, and two conditional writes of one
item never both succeed, and a retried transaction is applied once. Messages deleted at once all stay
deleted. Its Cognito asks for the authenticator a pool requires, as Cognito does."""

import threading

import pytest
from botocore.exceptions import ClientError
from moto.sqs.models import sqs_backends

from infra.local.authenticator import enrol, signed_in_with_code


def put(table: str, pk: str, condition: str | None = None) -> dict:
    operation = {"TableName": table, "Item": {"PK": {"S": pk}, "SK": {"S": "A"}, "n": {"N": "1"}}}
    if condition:
        operation["ConditionExpression"] = condition
    return {"Put": operation}


def stream_records(clients, resources) -> int:
    streams = clients.streams
    arn = resources.table.stream_arn
    total = 0
    for shard in streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"]:
        iterator = streams.get_shard_iterator(
            StreamArn=arn, ShardId=shard["ShardId"], ShardIteratorType="TRIM_HORIZON"
        )["ShardIterator"]
        total += len(streams.get_records(ShardIterator=iterator, Limit=1000)["Records"])
    return total


def test_a_cancelled_transaction_leaves_no_item_and_no_stream_record(clients, resources):
    table = resources.table_name
    clients.dynamodb.transact_write_items(TransactItems=[put(table, "existing")])
    before = stream_records(clients, resources)

    with pytest.raises(ClientError) as cancelled:
        clients.dynamodb.transact_write_items(
            TransactItems=[put(table, "new-one"), put(table, "existing", "attribute_not_exists(PK)")]
        )

    assert cancelled.value.response["Error"]["Code"] == "TransactionCanceledException"
    assert "Item" not in clients.dynamodb.get_item(
        TableName=table, Key={"PK": {"S": "new-one"}, "SK": {"S": "A"}}
    )
    assert stream_records(clients, resources) == before


def test_of_many_simultaneous_conditional_creates_of_one_item_exactly_one_succeeds(clients, resources):
    outcomes: list[str] = []

    def create() -> None:
        try:
            clients.dynamodb.transact_write_items(
                TransactItems=[put(resources.table_name, "contested", "attribute_not_exists(PK)")]
            )
            outcomes.append("won")
        except ClientError:
            outcomes.append("lost")

    threads = [threading.Thread(target=create) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["lost"] * 11 + ["won"]


def test_no_read_sees_a_write_of_a_transaction_that_is_then_cancelled(clients, resources):
    table = resources.table_name
    clients.dynamodb.transact_write_items(TransactItems=[put(table, "taken")])
    cancelled = [put(table, f"never-{n}") for n in range(60)] + [
        put(table, "taken", "attribute_not_exists(PK)")
    ]
    seen: list[str] = []
    done = threading.Event()

    def cancel_again_and_again() -> None:
        for _ in range(30):
            with pytest.raises(ClientError):
                clients.dynamodb.transact_write_items(TransactItems=cancelled)
        done.set()

    def read_while_it_runs() -> None:
        while not done.is_set():
            answer = clients.dynamodb.get_item(
                TableName=table, Key={"PK": {"S": "never-0"}, "SK": {"S": "A"}}
            )
            if "Item" in answer:
                seen.append("never-0")

    threads = [threading.Thread(target=cancel_again_and_again)] + [
        threading.Thread(target=read_while_it_runs) for _ in range(3)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert seen == []


def test_a_query_on_the_table_key_answers_from_its_partition_in_key_order(clients, resources):
    table = resources.table_name
    for pk, sk in [("a", "3"), ("b", "1"), ("a", "1"), ("a", "2"), ("c", "9")]:
        clients.dynamodb.put_item(TableName=table, Item={"PK": {"S": pk}, "SK": {"S": sk}})

    newest_two = clients.dynamodb.query(
        TableName=table,
        KeyConditionExpression="PK = :pk",
        ExpressionAttributeValues={":pk": {"S": "a"}},
        ScanIndexForward=False,
        Limit=2,
    )

    assert [item["SK"]["S"] for item in newest_two["Items"]] == ["3", "2"]
    assert newest_two["LastEvaluatedKey"] == {"PK": {"S": "a"}, "SK": {"S": "2"}}


@pytest.mark.parametrize(
    ("condition", "values", "expected"),
    [
        ("SK BETWEEN :low AND :high", {":low": "05", ":high": "09"}, ["05", "06", "07", "08", "09"]),
        ("begins_with(SK, :prefix)", {":prefix": "1"}, [f"{n}" for n in range(10, 20)]),
        ("SK < :high", {":high": "03"}, ["00", "01", "02"]),
        ("SK <= :high", {":high": "03"}, ["00", "01", "02", "03"]),
        ("SK > :low", {":low": "17"}, ["18", "19"]),
        ("SK >= :low", {":low": "17"}, ["17", "18", "19"]),
        ("SK = :only", {":only": "11"}, ["11"]),
    ],
)
def test_a_sort_key_condition_finds_the_same_items_whatever_the_page_size_or_direction(
    clients, resources, condition, values, expected
):
    table = resources.table_name
    for n in range(20):
        for pk in ("before", "wanted", "after"):
            clients.dynamodb.put_item(TableName=table, Item={"PK": {"S": pk}, "SK": {"S": f"{n:02d}"}})
    request = {
        "TableName": table,
        "KeyConditionExpression": f"PK = :pk AND {condition}",
        "ExpressionAttributeValues": {":pk": {"S": "wanted"}, **{k: {"S": v} for k, v in values.items()}},
    }

    def every_page(**extra) -> list[str]:
        pages = clients.dynamodb.get_paginator("query").paginate(**request, **extra)
        return [item["SK"]["S"] for page in pages for item in page["Items"]]

    assert every_page() == expected
    assert every_page(PaginationConfig={"PageSize": 2}) == expected
    assert every_page(ScanIndexForward=False, PaginationConfig={"PageSize": 3}) == expected[::-1]
    counted = clients.dynamodb.query(**request, Select="COUNT", Limit=3)
    assert counted["Count"] == min(3, len(expected))
    assert ("LastEvaluatedKey" in counted) == (len(expected) > 3)


def test_an_item_of_every_attribute_type_reads_back_as_it_was_written(clients, resources):
    listed = [{"S": 'quote " backslash \\ é'}, {"M": {}}, {"L": []}, {"NULL": True}]
    nested = {"M": {"list": {"L": listed}, "no": {"BOOL": False}}}
    item = {
        "PK": {"S": "every-type"},
        "SK": {"S": "A"},
        "number": {"N": "1.50"},
        "strings": {"SS": ["x", "y"]},
        "numbers": {"NS": ["1", "2"]},
        "nested": nested,
        "binary": {"B": b"\x00\xff"},
        "binaries": {"BS": [b"1", b"2"]},
        "binary_inside": {"L": [{"B": b"\x01"}, {"S": "text"}]},
    }
    clients.dynamodb.put_item(TableName=resources.table_name, Item=item)
    key = {"PK": item["PK"], "SK": item["SK"]}

    read = clients.dynamodb.get_item(TableName=resources.table_name, Key=key)["Item"]
    batch = clients.dynamodb.batch_get_item(RequestItems={resources.table_name: {"Keys": [key]}})
    queried = clients.dynamodb.query(
        TableName=resources.table_name,
        KeyConditionExpression="PK = :pk",
        ExpressionAttributeValues={":pk": item["PK"]},
    )["Items"]

    assert read == batch["Responses"][resources.table_name][0] == queried[0]
    assert {name: value for name, value in read.items() if name not in ("strings", "numbers")} == {
        name: value for name, value in item.items() if name not in ("strings", "numbers")
    }
    assert sorted(read["strings"]["SS"]) == ["x", "y"] and sorted(read["numbers"]["NS"]) == ["1", "2"]


def test_queue_counts_stay_right_though_sends_and_receives_skip_them(clients, resources):
    queue = resources.queues["ScreeningQueue"].url
    for n in range(5):
        clients.sqs.send_message(QueueUrl=queue, MessageBody=str(n))
    clients.sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=2)

    counts = clients.sqs.get_queue_attributes(
        QueueUrl=queue,
        AttributeNames=["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
    )["Attributes"]

    assert counts == {"ApproximateNumberOfMessages": "3", "ApproximateNumberOfMessagesNotVisible": "2"}


def test_a_pool_requiring_mfa_never_signs_anyone_in_with_a_password_alone(clients, resources):
    # GIVEN the template's pool (MFA ON, authenticator apps) and an account with a password and no app yet
    cognito, email, password = clients.cognito, "no-app-yet@example.org", "Correct-Horse-42"
    cognito.admin_create_user(UserPoolId=resources.user_pool_id, Username=email, MessageAction="SUPPRESS")
    cognito.admin_set_user_password(
        UserPoolId=resources.user_pool_id, Username=email, Password=password, Permanent=True
    )
    by_password = {"USERNAME": email, "PASSWORD": password}

    # WHEN it signs in with its password, by the site's flow and by the admin flow
    answers = [
        cognito.initiate_auth(
            ClientId=resources.user_pool_client_id, AuthFlow="USER_PASSWORD_AUTH", AuthParameters=by_password
        ),
        cognito.admin_initiate_auth(
            UserPoolId=resources.user_pool_id,
            ClientId=resources.user_pool_client_id,
            AuthFlow="ADMIN_USER_PASSWORD_AUTH",
            AuthParameters=by_password,
        ),
    ]

    # THEN it is asked to set up an app, as Cognito asks; once it has, for the app's code
    assert [answer["ChallengeName"] for answer in answers] == ["MFA_SETUP", "MFA_SETUP"]
    assert not any("AuthenticationResult" in answer for answer in answers)
    key = enrol(cognito, resources.user_pool_id, resources.user_pool_client_id, email, password)
    assert key is not None
    again = cognito.initiate_auth(
        ClientId=resources.user_pool_client_id, AuthFlow="USER_PASSWORD_AUTH", AuthParameters=by_password
    )
    assert again["ChallengeName"] == "SOFTWARE_TOKEN_MFA"
    tokens = signed_in_with_code(
        cognito, resources.user_pool_id, resources.user_pool_client_id, email, password, key
    )
    assert tokens["IdToken"]


def test_a_transaction_retried_with_its_token_is_applied_once_and_answered_as_a_success(clients, resources):
    # GIVEN a transaction that creates an item only if it is new, and counts it
    table = resources.table_name
    count = {
        "Update": {
            "TableName": table,
            "Key": {"PK": {"S": "counter"}, "SK": {"S": "A"}},
            "UpdateExpression": "ADD n :one",
            "ExpressionAttributeValues": {":one": {"N": "1"}},
        }
    }
    transaction = [put(table, "once", "attribute_not_exists(PK)"), count]

    # WHEN it is sent twice with one token, as botocore retries a call whose reply was lost
    clients.dynamodb.transact_write_items(TransactItems=transaction, ClientRequestToken="retry-of-one-call")
    clients.dynamodb.transact_write_items(TransactItems=transaction, ClientRequestToken="retry-of-one-call")

    # THEN both answers are successes and it was applied once; a new call (a new token) is refused
    counter = clients.dynamodb.get_item(TableName=table, Key={"PK": {"S": "counter"}, "SK": {"S": "A"}})
    assert counter["Item"]["n"] == {"N": "1"}
    with pytest.raises(ClientError) as refused:
        clients.dynamodb.transact_write_items(TransactItems=transaction)
    assert refused.value.response["Error"]["Code"] == "TransactionCanceledException"


def test_two_messages_deleted_at_once_on_two_threads_both_stay_deleted():
    queue_name = "deleting-on-two-threads"
    backend = sqs_backends["123456789012"]["eu-west-1"]
    backend.create_queue(queue_name)
    backend.send_message(queue_name, "first")
    backend.send_message(queue_name, "second")
    first, second = backend.receive_message(queue_name, 2, 0, 30)
    queue = backend.get_queue(queue_name)
    other_delete = threading.Thread(target=backend.delete_message, args=(queue_name, second.receipt_handle))
    walked = queue._messages[0]
    looks = []

    def delete_the_other_midway(receipt_handle: str) -> bool:
        # moto looks at each message twice: to find the one to delete, then to leave it out of a new list.
        # While this delete builds that list, another thread deletes the other message, as far as it can.
        looks.append(receipt_handle)
        if len(looks) == 2:
            other_delete.start()
            other_delete.join(0.5)
        return type(walked).had_receipt_handle(walked, receipt_handle)

    walked.had_receipt_handle = delete_the_other_midway
    backend.delete_message(queue_name, first.receipt_handle)
    other_delete.join()

    assert queue._messages == []
