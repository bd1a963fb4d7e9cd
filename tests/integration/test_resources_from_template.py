"""The local stack's resources are created from infra/template.yml itself, so local and cloud cannot drift."""

import json
from typing import Any

from infra.local.resources import LocalResources, create_resources
from infra.local.template import LOCAL_PARAMETERS, LOCAL_STACK_NAME, load_template
from tests.integration.conftest import fresh_clients


def template_resources(kind: str) -> dict[str, Any]:
    resources = load_template()["Resources"]
    return {
        logical_id: body["Properties"] for logical_id, body in resources.items() if body.get("Type") == kind
    }


def key_schema(keys: list[dict[str, str]]) -> list[tuple[str, str]]:
    return [(key["AttributeName"], key["KeyType"]) for key in keys]


def test_the_table_has_the_template_keys_indexes_stream_and_time_to_live(clients, resources):
    # GIVEN the table the template defines
    (defined,) = template_resources("AWS::DynamoDB::Table").values()

    # WHEN the local table is described
    table = clients.dynamodb.describe_table(TableName=resources.table_name)["Table"]
    ttl = clients.dynamodb.describe_time_to_live(TableName=resources.table_name)["TimeToLiveDescription"]

    # THEN it has the same keys, indexes, stream and TTL
    assert key_schema(table["KeySchema"]) == key_schema(defined["KeySchema"])
    assert {
        index["IndexName"]: key_schema(index["KeySchema"]) for index in table["GlobalSecondaryIndexes"]
    } == {index["IndexName"]: key_schema(index["KeySchema"]) for index in defined["GlobalSecondaryIndexes"]}
    assert table["StreamSpecification"] == {
        "StreamEnabled": True,
        "StreamViewType": defined["StreamSpecification"]["StreamViewType"],
    }
    assert resources.table.stream_arn == table["LatestStreamArn"]
    assert ttl["AttributeName"] == defined["TimeToLiveSpecification"]["AttributeName"]
    assert ttl["TimeToLiveStatus"] == "ENABLED"


def test_each_work_queue_redrives_to_its_dead_letter_queue_after_the_template_receive_count(
    clients, resources
):
    # GIVEN the queues the template defines
    defined = template_resources("AWS::SQS::Queue")
    assert set(resources.queues) == set(defined)

    for logical_id, properties in defined.items():
        # WHEN each local queue's attributes are read
        queue = resources.queues[logical_id]
        attributes = clients.sqs.get_queue_attributes(QueueUrl=queue.url, AttributeNames=["All"])[
            "Attributes"
        ]

        # THEN its name, visibility timeout and redrive policy are the template's
        assert queue.name == properties["QueueName"]["Fn::Sub"].replace("${AWS::StackName}", LOCAL_STACK_NAME)
        if "VisibilityTimeout" in properties:
            assert attributes["VisibilityTimeout"] == str(properties["VisibilityTimeout"])
        if "RedrivePolicy" in properties:
            redrive = json.loads(attributes["RedrivePolicy"])
            dead_letter_id = properties["RedrivePolicy"]["deadLetterTargetArn"]["Fn::GetAtt"][0]
            assert redrive["deadLetterTargetArn"] == resources.queues[dead_letter_id].arn
            assert int(redrive["maxReceiveCount"]) == properties["RedrivePolicy"]["maxReceiveCount"]


def test_the_user_pool_has_the_template_groups_and_an_app_client_that_signs_in_by_password(
    clients, resources
):
    # GIVEN the groups and client the template defines
    defined_groups = {
        properties["GroupName"] for properties in template_resources("AWS::Cognito::UserPoolGroup").values()
    }
    (defined_client,) = template_resources("AWS::Cognito::UserPoolClient").values()

    # WHEN the local pool is read
    groups = clients.cognito.list_groups(UserPoolId=resources.user_pool_id)["Groups"]
    client = clients.cognito.describe_user_pool_client(
        UserPoolId=resources.user_pool_id, ClientId=resources.user_pool_client_id
    )["UserPoolClient"]
    pool = clients.cognito.describe_user_pool(UserPoolId=resources.user_pool_id)["UserPool"]

    # THEN it holds them, and signs people in by email as the template says
    assert {group["GroupName"] for group in groups} == defined_groups
    assert set(resources.groups) == defined_groups
    assert client["ClientName"] == defined_client["ClientName"]
    assert set(client["ExplicitAuthFlows"]) == set(defined_client["ExplicitAuthFlows"])
    assert pool["UsernameAttributes"] == ["email"]


def test_the_sender_address_is_a_verified_ses_identity_the_app_can_send_from(clients, resources):
    # GIVEN the email identity the template defines, for the SenderEmail parameter the local stack gives
    (defined,) = template_resources("AWS::SES::EmailIdentity").values()
    assert defined["EmailIdentity"] == {"Ref": "SenderEmail"}
    local_sender = LOCAL_PARAMETERS["SenderEmail"]

    # WHEN the app sends an email from it
    answer = clients.ses.send_email(
        Source=resources.sender_email,
        Destination={"ToAddresses": ["someone@example.org"]},
        Message={"Subject": {"Data": "Receipt"}, "Body": {"Text": {"Data": "Thank you."}}},
    )

    # THEN SES accepts it: the local identity is the template's
    assert resources.sender_email == local_sender
    assert clients.ses.list_identities(IdentityType="EmailAddress")["Identities"] == [local_sender]
    assert answer["MessageId"]


def test_the_user_pool_sends_its_emails_through_ses_from_the_verified_sender(clients, resources):
    # GIVEN the local stack, whose SES verifies the sender at once (SenderVerified is "true" locally)
    assert LOCAL_PARAMETERS["SenderVerified"] == "true"

    # WHEN the local pool is read
    pool = clients.cognito.describe_user_pool(UserPoolId=resources.user_pool_id)["UserPool"]

    # THEN it emails through SES from the sender's identity, with the template's wording
    assert pool["EmailConfiguration"] == {
        "EmailSendingAccount": "DEVELOPER",
        "SourceArn": f"arn:aws:ses:{clients.region}:123456789012:identity/{resources.sender_email}",
        "From": resources.sender_email,
    }
    assert "{####}" in pool["AdminCreateUserConfig"]["InviteMessageTemplate"]["EmailMessage"]
    assert "{####}" in pool["VerificationMessageTemplate"]["EmailMessage"]


def test_creating_the_resources_twice_finds_the_existing_ones(clients, resources):
    # GIVEN resources created once (the fixture)
    # WHEN they are created again, as every restart of `make run` does
    again = create_resources(clients=clients)

    # THEN the same resources come back, and nothing was duplicated
    assert again == resources
    pools = clients.cognito.list_user_pools(MaxResults=60)["UserPools"]
    assert [pool["Id"] for pool in pools] == [resources.user_pool_id]
    assert len(clients.sqs.list_queues()["QueueUrls"]) == len(resources.queues)


def test_the_app_learns_every_resource_from_its_environment(resources: LocalResources):
    # WHEN the app's environment is built from the local resources
    environment = resources.app_environment()

    # THEN it names the table, the pool, its client, each queue's URL and the sender by the names settings.py
    # reads
    assert environment["TABLE_NAME"] == resources.table_name
    assert environment["USER_POOL_ID"] == resources.user_pool_id
    assert environment["USER_POOL_CLIENT_ID"] == resources.user_pool_client_id
    assert environment["SCREENING_QUEUE_URL"] == resources.queues["ScreeningQueue"].url
    assert environment["NOTIFICATION_QUEUE_URL"] == resources.queues["NotificationQueue"].url
    assert environment["SENDER_EMAIL"] == resources.sender_email
    # AND so every variable the template's Globals give the functions, but the constants and the secret
    # (the local stack keeps its own: test_local_app_environment.py)
    variables = load_template()["Globals"]["Function"]["Environment"]["Variables"]
    constants = {name for name, value in variables.items() if isinstance(value, str)}
    assert set(variables) - constants - {"FORM_TOKEN_SECRET"} <= set(environment)


def test_a_table_name_from_the_environment_is_used(moto_endpoint, monkeypatch):
    # GIVEN TABLE_NAME set, as a developer may
    monkeypatch.setenv("TABLE_NAME", "review-elsewhere")

    # WHEN the resources are created
    resources = create_resources(clients=fresh_clients(moto_endpoint))

    # THEN the table carries that name
    assert resources.table_name == "review-elsewhere"
