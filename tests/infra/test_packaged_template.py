"""The template `make package` writes: cfn-lint, and the properties the product relies on."""

import json
from typing import Any

import pytest

from chalicelib.api.security_headers import HSTS, JSON_CSP, NO_STORE
from tests.infra.conftest import (
    batch_sources_without_batch_item_failures,
    event_sources,
    functions_whose_role_grants_nothing,
    of_type,
    statements,
    stream_sources_not_on_a_table_stream,
)

pytestmark = pytest.mark.packaging

TABLE = {"Fn::GetAtt": ["ReviewTable", "Arn"]}
TABLE_INDEXES = {"Fn::Sub": "${ReviewTable.Arn}/index/*"}
WORK_QUEUES = [{"Fn::GetAtt": ["ScreeningQueue", "Arn"]}, {"Fn::GetAtt": ["NotificationQueue", "Arn"]}]
LOG_GROUP = {"Fn::GetAtt": ["FunctionLogGroup", "Arn"]}
STREAM = {"Fn::GetAtt": ["ReviewTable", "StreamArn"]}
STREAM_DEAD_LETTER_QUEUE = {"Fn::GetAtt": ["StreamDeadLetterQueue", "Arn"]}
STREAM_RETENTION_SECONDS = 24 * 60 * 60
CONSUME = {"sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ChangeMessageVisibility"}
SENDER_IDENTITIES = {"Fn::Sub": "arn:${AWS::Partition}:ses:${AWS::Region}:${AWS::AccountId}:identity/*"}
API_HANDLER_GRANTS = {
    "Logs": ({"logs:CreateLogStream", "logs:PutLogEvents"}, [LOG_GROUP]),
    "Table": (
        {
            "dynamodb:GetItem",
            "dynamodb:PutItem",
            "dynamodb:UpdateItem",
            "dynamodb:DeleteItem",
            "dynamodb:Query",
            "dynamodb:BatchGetItem",
        },
        [TABLE, TABLE_INDEXES],
    ),
    "Tracing": ({"xray:PutTraceSegments", "xray:PutTelemetryRecords"}, ["*"]),
    "FormTokenSecret": ({"secretsmanager:GetSecretValue"}, [{"Ref": "FormTokenSecret"}]),
}
SCREENING_TABLE_ACTIONS = {
    "dynamodb:GetItem",
    "dynamodb:PutItem",
    "dynamodb:UpdateItem",
    "dynamodb:DeleteItem",
    "dynamodb:Query",
    "dynamodb:BatchGetItem",
    "dynamodb:ConditionCheckItem",
}


EVENT_HANDLER_GRANTS = {
    "RouteStoredChanges": {
        "Logs": API_HANDLER_GRANTS["Logs"],
        "Tracing": API_HANDLER_GRANTS["Tracing"],
        "TableStream": (
            {"dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"},
            [STREAM],
        ),
        "TableStreams": ({"dynamodb:ListStreams"}, [{"Fn::Sub": "${ReviewTable.Arn}/stream/*"}]),
        "SendToQueues": ({"sqs:SendMessage"}, [*WORK_QUEUES, STREAM_DEAD_LETTER_QUEUE]),
    },
    "ScreenFeedback": {
        "Logs": API_HANDLER_GRANTS["Logs"],
        "Tracing": API_HANDLER_GRANTS["Tracing"],
        "ConsumeQueue": (CONSUME, [WORK_QUEUES[0]]),
        "Table": (SCREENING_TABLE_ACTIONS, [TABLE, TABLE_INDEXES]),
    },
    "SendNotifications": {
        "Logs": API_HANDLER_GRANTS["Logs"],
        "Tracing": API_HANDLER_GRANTS["Tracing"],
        "ConsumeQueue": (CONSUME, [WORK_QUEUES[1]]),
        "Table": (
            {
                "dynamodb:GetItem",
                "dynamodb:Query",
                "dynamodb:PutItem",
                "dynamodb:UpdateItem",
                "dynamodb:DeleteItem",
            },
            [TABLE, TABLE_INDEXES],
        ),
        "FormTokenSecret": API_HANDLER_GRANTS["FormTokenSecret"],
        "Email": ({"ses:SendEmail"}, [SENDER_IDENTITIES]),
        "AnnounceCitations": ({"sqs:SendMessage"}, [WORK_QUEUES[1]]),
    },
}


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def grants(resources: dict[str, Any], role: str) -> dict[str, tuple[set[str], list[Any]]]:
    return {
        statement["Sid"]: (set(as_list(statement["Action"])), as_list(statement["Resource"]))
        for statement in statements(resources, role)
        if statement["Effect"] == "Allow"
    }


def test_packaged_template_passes_cfn_lint(package_run):
    assert package_run.returncode == 0, package_run.output
    assert "is ready to deploy" in package_run.output


def test_table_has_stream_ttl_point_in_time_recovery_and_encryption(resources):
    table = resources["ReviewTable"]["Properties"]

    assert table["StreamSpecification"]["StreamViewType"] == "NEW_AND_OLD_IMAGES"
    assert table["TimeToLiveSpecification"] == {"AttributeName": "expires_at", "Enabled": True}
    assert table["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"] is True
    assert table["SSESpecification"]["SSEEnabled"] is True
    assert [index["IndexName"] for index in table["GlobalSecondaryIndexes"]] == ["GSI1", "GSI2", "GSI3"]
    assert resources["ReviewTable"]["DeletionPolicy"] == "RetainExceptOnCreate"


def test_every_work_queue_redrives_to_a_dead_letter_queue(resources):
    queues = of_type(resources, "AWS::SQS::Queue")
    work_queues = {name: body for name, body in queues.items() if not name.endswith("DeadLetterQueue")}

    assert set(work_queues) == {"ScreeningQueue", "NotificationQueue"}
    for name, body in work_queues.items():
        redrive = body["Properties"]["RedrivePolicy"]
        target = redrive["deadLetterTargetArn"]["Fn::GetAtt"]
        assert target[0] in queues and target[0].endswith("DeadLetterQueue") and target[1] == "Arn", name
        assert redrive["maxReceiveCount"] == 5


def test_every_dead_letter_queue_has_an_alarm(resources):
    dead_letter_queues = {
        name for name in of_type(resources, "AWS::SQS::Queue") if name.endswith("DeadLetterQueue")
    }
    alarms = [
        alarm
        for alarm in of_type(resources, "AWS::CloudWatch::Alarm").values()
        if alarm["Properties"].get("MetricName") == "ApproximateNumberOfMessagesVisible"
    ]
    alarmed = {
        dimension["Value"]["Fn::GetAtt"][0]
        for alarm in alarms
        for dimension in alarm["Properties"]["Dimensions"]
        if dimension["Name"] == "QueueName"
    }

    assert dead_letter_queues == {
        "ScreeningDeadLetterQueue",
        "NotificationDeadLetterQueue",
        "StreamDeadLetterQueue",
    }
    assert alarmed == dead_letter_queues
    for alarm in alarms:
        properties = alarm["Properties"]
        assert (properties["Namespace"], properties["MetricName"]) == (
            "AWS/SQS",
            "ApproximateNumberOfMessagesVisible",
        )
        assert (properties["ComparisonOperator"], properties["Threshold"]) == ("GreaterThanThreshold", 0)
        assert properties["AlarmActions"] == [{"Ref": "AlarmTopic"}]


def test_every_queue_and_stream_event_source_reports_batch_item_failures(resources):
    assert event_sources(resources, "SQS") and event_sources(resources, "DynamoDB")
    assert batch_sources_without_batch_item_failures(resources) == []


def test_the_stream_source_reads_the_tables_stream_and_reports_every_batch_it_gives_up(resources):
    (source,) = event_sources(resources, "DynamoDB").values()
    queues = of_type(resources, "AWS::SQS::Queue")

    assert stream_sources_not_on_a_table_stream(resources) == []
    assert source["Stream"] == STREAM
    assert source["StartingPosition"] == "TRIM_HORIZON"
    assert source["BisectBatchOnFunctionError"] is True
    assert source["DestinationConfig"] == {"OnFailure": {"Destination": STREAM_DEAD_LETTER_QUEUE}}
    # Bounded retries, given up while the stream still holds the records: never a silent 24 h trim.
    assert 0 <= source["MaximumRetryAttempts"] <= 100
    assert 60 <= source["MaximumRecordAgeInSeconds"] < STREAM_RETENTION_SECONDS
    assert "RedrivePolicy" not in queues["StreamDeadLetterQueue"]["Properties"]
    assert not [
        name
        for name, queue in queues.items()
        if queue["Properties"].get("RedrivePolicy", {}).get("deadLetterTargetArn") == STREAM_DEAD_LETTER_QUEUE
    ]


def test_an_alarm_fires_when_table_changes_wait_for_the_stream_handler(resources):
    (alarm,) = [
        alarm["Properties"]
        for alarm in of_type(resources, "AWS::CloudWatch::Alarm").values()
        if alarm["Properties"].get("MetricName") == "IteratorAge"
    ]

    assert alarm["Namespace"] == "AWS/Lambda"
    assert alarm["Dimensions"] == [{"Name": "FunctionName", "Value": {"Ref": "RouteStoredChanges"}}]
    assert (alarm["Statistic"], alarm["ComparisonOperator"]) == ("Maximum", "GreaterThanThreshold")
    assert 0 < alarm["Threshold"] < source_max_age_ms(resources)
    assert alarm["AlarmActions"] == [{"Ref": "AlarmTopic"}]


def source_max_age_ms(resources: dict[str, Any]) -> int:
    (source,) = event_sources(resources, "DynamoDB").values()
    return int(source["MaximumRecordAgeInSeconds"]) * 1000


def test_every_function_role_has_a_policy_written_in_the_template(resources):
    assert functions_whose_role_grants_nothing(resources) == []


def test_role_policy_grants_only_the_table_queues_and_ses(resources):
    api_role = resources["APIHandler"]["Properties"]["Role"]["Fn::GetAtt"][0]
    authorizer_role = resources["CognitoToken"]["Properties"]["Role"]["Fn::GetAtt"][0]

    assert api_role == "ApiHandlerRole"
    assert grants(resources, api_role) == API_HANDLER_GRANTS
    assert grants(resources, authorizer_role) == {
        "Logs": API_HANDLER_GRANTS["Logs"],
        "Tracing": API_HANDLER_GRANTS["Tracing"],
    }


@pytest.mark.parametrize("function", sorted(EVENT_HANDLER_GRANTS))
def test_each_event_handler_role_grants_exactly_what_the_handler_calls(resources, function):
    role = resources[function]["Properties"]["Role"]["Fn::GetAtt"][0]

    assert role == f"{function}Role"
    assert grants(resources, role) == EVENT_HANDLER_GRANTS[function]


def test_email_may_be_sent_only_from_the_sender_address(resources):
    (email,) = [
        statement
        for statement in statements(resources, "SendNotificationsRole")
        if statement["Sid"] == "Email"
    ]

    assert email["Condition"] == {"StringEquals": {"ses:FromAddress": {"Ref": "SenderEmail"}}}


def test_no_role_allows_a_wildcard_action_or_any_resource_beyond_email_and_tracing(resources):
    for role in of_type(resources, "AWS::IAM::Role"):
        for statement in statements(resources, role):
            actions = as_list(statement["Action"])
            assert statement["Effect"] == "Allow" and "NotAction" not in statement, role
            assert not [action for action in actions if "*" in action], role
            if "*" in as_list(statement["Resource"]):
                assert {action.split(":")[0] for action in actions} <= {"ses", "xray"}, role


def test_functions_log_to_one_log_group_that_expires_its_logs(template, resources):
    log_group = resources["FunctionLogGroup"]

    assert template["Globals"]["Function"]["LoggingConfig"] == {"LogGroup": {"Ref": "FunctionLogGroup"}}
    assert log_group["Type"] == "AWS::Logs::LogGroup"
    assert log_group["Properties"]["RetentionInDays"] == {"Ref": "LogRetentionInDays"}
    assert template["Parameters"]["LogRetentionInDays"]["Default"] == 90


def test_user_pool_has_admin_and_staff_groups_and_an_app_client(resources):
    groups = {
        body["Properties"]["GroupName"]: body["Properties"]["UserPoolId"]
        for body in of_type(resources, "AWS::Cognito::UserPoolGroup").values()
    }
    client = resources["UserPoolClient"]["Properties"]

    assert groups == {"admin": {"Ref": "UserPool"}, "staff": {"Ref": "UserPool"}}
    assert client["UserPoolId"] == {"Ref": "UserPool"}
    assert client["GenerateSecret"] is False
    assert resources["UserPool"]["Properties"]["AdminCreateUserConfig"]["AllowAdminCreateUserOnly"] is True


def test_functions_get_resource_names_from_the_template(template, resources):
    variables = template["Globals"]["Function"]["Environment"]["Variables"]
    from_the_stack = {
        "TABLE_NAME": {"Ref": "ReviewTable"},
        "USER_POOL_ID": {"Ref": "UserPool"},
        "USER_POOL_CLIENT_ID": {"Ref": "UserPoolClient"},
        "SCREENING_QUEUE_URL": {"Ref": "ScreeningQueue"},
        "NOTIFICATION_QUEUE_URL": {"Ref": "NotificationQueue"},
        "SENDER_EMAIL": {"Ref": "SenderEmail"},
    }

    assert variables == {**from_the_stack, "POWERTOOLS_SERVICE_NAME": "public-review"}
    for name, function in of_type(resources, "AWS::Serverless::Function").items():
        own = function["Properties"].get("Environment", {}).get("Variables", {})
        assert not set(own) & set(from_the_stack), f"{name} would override the stack's names"


def test_the_sender_address_is_a_parameter_with_an_ses_identity(template, resources):
    identity = resources["SenderIdentity"]

    assert "Default" not in template["Parameters"]["SenderEmail"]
    assert identity["Type"] == "AWS::SES::EmailIdentity"
    assert identity["Properties"]["EmailIdentity"] == {"Ref": "SenderEmail"}


def test_the_form_token_secret_is_generated_by_secrets_manager(resources):
    secret = resources["FormTokenSecret"]

    assert secret["Type"] == "AWS::SecretsManager::Secret"
    assert secret["Properties"]["GenerateSecretString"]["PasswordLength"] >= 32
    assert "SecretString" not in secret["Properties"]


def quoted(value: str) -> str:
    """A static value of a gateway response header: in single quotes, with any quote inside escaped."""
    return "'" + value.replace("'", "\\'") + "'"


GATEWAY_RESPONSE_HEADERS = {
    "Cache-Control": quoted(NO_STORE),
    "Content-Security-Policy": quoted(JSON_CSP),
    "Strict-Transport-Security": quoted(HSTS),
    "X-Content-Type-Options": quoted("nosniff"),
}


def test_api_gateway_refusals_are_declared_on_the_api_with_the_apps_error_body_and_headers(resources):
    responses = resources["RestAPI"]["Properties"]["GatewayResponses"]

    assert resources["RestAPI"]["Type"] == "AWS::Serverless::Api"
    assert of_type(resources, "AWS::ApiGateway::GatewayResponse") == {}
    assert {kind: response.get("StatusCode") for kind, response in responses.items()} == {
        "UNAUTHORIZED": "401",
        "ACCESS_DENIED": "403",
        "MISSING_AUTHENTICATION_TOKEN": "404",
        "REQUEST_TOO_LARGE": "413",
        "THROTTLED": "429",
        "DEFAULT_4XX": None,
        "DEFAULT_5XX": None,
    }
    for kind, response in responses.items():
        # API Gateway substitutes messageString with an already quoted JSON string.
        text = response["ResponseTemplates"]["application/json"].replace(
            "$context.error.messageString", '"Missing Authentication Token"'
        )
        body = json.loads(text)
        assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "fields"}, kind
        assert body["error"]["fields"] == [], kind
        assert response["ResponseParameters"]["Headers"] == GATEWAY_RESPONSE_HEADERS, kind


def test_outputs_name_the_api_table_user_pool_client_queues_sender_and_secret(template):
    outputs = {name: output["Value"] for name, output in template["Outputs"].items()}

    assert outputs["EndpointURL"]["Fn::Sub"].startswith("https://${RestAPI}.execute-api.")
    assert outputs["TableName"] == {"Ref": "ReviewTable"}
    assert outputs["UserPoolId"] == {"Ref": "UserPool"}
    assert outputs["UserPoolClientId"] == {"Ref": "UserPoolClient"}
    assert outputs["ScreeningQueueUrl"] == {"Ref": "ScreeningQueue"}
    assert outputs["NotificationQueueUrl"] == {"Ref": "NotificationQueue"}
    assert outputs["ScreeningDeadLetterQueueArn"] == {"Fn::GetAtt": ["ScreeningDeadLetterQueue", "Arn"]}
    assert outputs["NotificationDeadLetterQueueArn"] == {"Fn::GetAtt": ["NotificationDeadLetterQueue", "Arn"]}
    assert outputs["StreamDeadLetterQueueArn"] == STREAM_DEAD_LETTER_QUEUE
    assert outputs["StreamDeadLetterQueueUrl"] == {"Ref": "StreamDeadLetterQueue"}
    assert outputs["SenderEmail"] == {"Ref": "SenderIdentity"}
    assert outputs["FormTokenSecretArn"] == {"Ref": "FormTokenSecret"}
    assert outputs["FunctionLogGroupName"] == {"Ref": "FunctionLogGroup"}


def test_dependencies_ship_as_a_layer_so_app_changes_do_not_rebuild_them(package_run, resources):
    layer = resources["ManagedLayer"]

    assert layer["Type"] == "AWS::Serverless::LayerVersion"
    assert (package_run.template.parent / layer["Properties"]["ContentUri"]).is_file()
    for name, function in of_type(resources, "AWS::Serverless::Function").items():
        assert function["Properties"]["Layers"] == [{"Ref": "ManagedLayer"}], name
        assert (package_run.template.parent / function["Properties"]["CodeUri"]).is_file(), name


def test_the_api_compresses_answers_larger_than_a_kilobyte(resources):
    assert resources["RestAPI"]["Properties"]["MinimumCompressionSize"] == 1024


def test_a_web_acl_limits_each_address_posting_feedback_and_applies_the_common_rule_set(resources):
    (acl,) = of_type(resources, "AWS::WAFv2::WebACL").values()
    rules = {rule["Name"]: rule for rule in acl["Properties"]["Rules"]}
    rate = next(
        rule["Statement"]["RateBasedStatement"]
        for rule in rules.values()
        if "RateBasedStatement" in rule["Statement"]
    )
    managed = [rule["Statement"].get("ManagedRuleGroupStatement", {}) for rule in rules.values()]
    scope = [
        statement["ByteMatchStatement"]
        for statement in rate["ScopeDownStatement"]["AndStatement"]["Statements"]
    ]

    assert acl["Properties"]["Scope"] == "REGIONAL"
    assert rate["AggregateKeyType"] == "IP"
    assert rate["Limit"] >= 10 * 30 * rate["EvaluationWindowSec"] // 300  # ten classrooms' worth
    assert {(match["SearchString"], match["PositionalConstraint"]) for match in scope} == {
        ("POST", "EXACTLY"),
        ("/feedback", "ENDS_WITH"),
    }
    assert {"Method": {}} in [match["FieldToMatch"] for match in scope]
    assert {"VendorName": "AWS", "Name": "AWSManagedRulesCommonRuleSet"}.items() <= next(
        statement for statement in managed if statement
    ).items()


def test_the_web_acl_refuses_with_429_retry_after_and_the_apps_error_body(resources):
    (acl,) = of_type(resources, "AWS::WAFv2::WebACL").values()
    blocks = [
        rule["Action"]["Block"]["CustomResponse"] for rule in acl["Properties"]["Rules"] if "Action" in rule
    ]
    bodies = acl["Properties"]["CustomResponseBodies"]

    assert blocks
    for block in blocks:
        assert block["ResponseCode"] == 429
        assert [header["Name"] for header in block["ResponseHeaders"]] == ["Retry-After"]
        body = json.loads(bodies[block["CustomResponseBodyKey"]]["Content"])
        assert set(body["error"]) == {"code", "message", "fields"}


def test_a_web_acl_limits_each_address_posting_registrations_and_questions(resources):
    (acl,) = of_type(resources, "AWS::WAFv2::WebACL").values()
    rule = next(rule for rule in acl["Properties"]["Rules"] if rule["Name"] == "event-posts-per-address")
    rate = rule["Statement"]["RateBasedStatement"]
    statements = rate["ScopeDownStatement"]["AndStatement"]["Statements"]
    scope = [statement["ByteMatchStatement"] for statement in statements if "ByteMatchStatement" in statement]
    (unless,) = [
        statement["NotStatement"]["Statement"] for statement in statements if "NotStatement" in statement
    ]

    assert rate["AggregateKeyType"] == "IP"
    assert {(match["SearchString"], match["PositionalConstraint"]) for match in scope} == {
        ("POST", "EXACTLY"),
        ("/events/", "STARTS_WITH"),
    }
    assert unless["SizeConstraintStatement"]["FieldToMatch"] == {"SingleHeader": {"Name": "authorization"}}
    assert "Block" in rule["Action"]


def test_the_web_acl_guards_the_api_stage(resources):
    (association,) = of_type(resources, "AWS::WAFv2::WebACLAssociation").values()
    (acl_name,) = of_type(resources, "AWS::WAFv2::WebACL")

    assert association["Properties"]["WebACLArn"] == {"Fn::GetAtt": [acl_name, "Arn"]}
    assert association["Properties"]["ResourceArn"] == {
        "Fn::Sub": "arn:${AWS::Partition}:apigateway:${AWS::Region}::/restapis/${RestAPI}/stages/${RestAPI.Stage}"
    }


def test_the_api_stage_is_throttled_overall_and_tighter_on_posting_feedback(template):
    api = template["Globals"]["Api"]
    settings = {(item["ResourcePath"], item["HttpMethod"]): item for item in api["MethodSettings"]}

    assert "OpenApiVersion" in api  # else SAM adds a stage named "Stage" that nothing guards
    everything, feedback = settings[("/*", "*")], settings[("/~1feedback", "POST")]
    for throttle in (everything, feedback):
        assert 0 < throttle["ThrottlingRateLimit"] <= throttle["ThrottlingBurstLimit"]
    assert feedback["ThrottlingRateLimit"] < everything["ThrottlingRateLimit"]
