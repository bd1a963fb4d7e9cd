"""The template `make package` writes: cfn-lint, and the properties the product relies on."""

import subprocess
import sys
from pathlib import Path

from tests.infra.conftest import of_type


def test_packaged_template_passes_cfn_lint(packaged):
    linted = subprocess.run(
        [str(Path(sys.executable).parent / "cfn-lint"), str(packaged)], capture_output=True, text=True
    )

    assert linted.returncode == 0, linted.stdout + linted.stderr


def test_table_has_stream_ttl_point_in_time_recovery_and_encryption(resources):
    table = resources["ReviewTable"]["Properties"]

    assert table["StreamSpecification"]["StreamViewType"] == "NEW_AND_OLD_IMAGES"
    assert table["TimeToLiveSpecification"] == {"AttributeName": "expires_at", "Enabled": True}
    assert table["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"] is True
    assert table["SSESpecification"]["SSEEnabled"] is True
    assert [index["IndexName"] for index in table["GlobalSecondaryIndexes"]] == ["GSI1", "GSI2", "GSI3"]
    assert resources["ReviewTable"]["DeletionPolicy"] == "Retain"


def test_every_work_queue_redrives_to_a_dead_letter_queue(resources):
    queues = of_type(resources, "AWS::SQS::Queue")
    work_queues = {name: body for name, body in queues.items() if not name.endswith("DeadLetterQueue")}

    assert work_queues
    for name, body in work_queues.items():
        redrive = body["Properties"]["RedrivePolicy"]
        target = redrive["deadLetterTargetArn"]["Fn::GetAtt"][0]
        assert target in queues and target.endswith("DeadLetterQueue"), name
        assert redrive["maxReceiveCount"] == 5


def test_every_dead_letter_queue_has_an_alarm_that_notifies_the_topic(resources):
    dead_letter_queues = {
        name for name in of_type(resources, "AWS::SQS::Queue") if name.endswith("DeadLetterQueue")
    }
    alarmed = {
        dimension["Value"]["Fn::GetAtt"][0]
        for alarm in of_type(resources, "AWS::CloudWatch::Alarm").values()
        if alarm["Properties"]["AlarmActions"] == [{"Ref": "AlarmTopic"}]
        for dimension in alarm["Properties"]["Dimensions"]
    }

    assert dead_letter_queues and dead_letter_queues == alarmed


def test_every_sqs_event_source_reports_batch_item_failures(resources):
    for name, function in of_type(resources, "AWS::Serverless::Function").items():
        for event_name, event in function["Properties"].get("Events", {}).items():
            if event["Type"] == "SQS":
                assert event["Properties"].get("FunctionResponseTypes") == ["ReportBatchItemFailures"], (
                    f"{name}.{event_name}"
                )


def test_role_policies_grant_only_the_table_queues_and_email(resources):
    api_statements = resources["ApiHandlerRole"]["Properties"]["Policies"][0]["PolicyDocument"]["Statement"]
    actions = {action for statement in api_statements for action in statement["Action"]}
    authorizer_statements = resources["CognitoTokenRole"]["Properties"]["Policies"][0]["PolicyDocument"][
        "Statement"
    ]

    assert not [action for action in actions if action.endswith(":*") or action == "*"]
    assert {action.split(":")[0] for action in actions} == {"logs", "dynamodb", "sqs", "ses", "xray"}
    assert "dynamodb:Scan" not in actions
    assert [statement["Sid"] for statement in authorizer_statements] == ["Logs"]


def test_user_pool_has_admin_and_staff_groups_and_an_app_client(resources):
    groups = {
        body["Properties"]["GroupName"] for body in of_type(resources, "AWS::Cognito::UserPoolGroup").values()
    }
    client = resources["UserPoolClient"]["Properties"]

    assert groups == {"admin", "staff"}
    assert client["UserPoolId"] == {"Ref": "UserPool"}
    assert client["GenerateSecret"] is False


def test_functions_get_resource_names_from_the_template(template):
    variables = template["Globals"]["Function"]["Environment"]["Variables"]

    assert variables["TABLE_NAME"] == {"Ref": "ReviewTable"}
    assert variables["USER_POOL_ID"] == {"Ref": "UserPool"}
    assert variables["USER_POOL_CLIENT_ID"] == {"Ref": "UserPoolClient"}
    assert variables["SCREENING_QUEUE_URL"] == {"Ref": "ScreeningQueue"}


def test_api_gateway_refusals_share_the_apps_error_body(resources):
    responses = of_type(resources, "AWS::ApiGateway::GatewayResponse")

    assert {body["Properties"]["ResponseType"] for body in responses.values()} >= {
        "UNAUTHORIZED",
        "DEFAULT_4XX",
    }
    for body in responses.values():
        assert body["Properties"]["ResponseTemplates"]["application/json"].startswith('{"error": {"code"')
