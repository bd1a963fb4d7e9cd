"""The packaged template after the SAM transform, as CloudFormation deploys it: what an operator relies on
to see and limit a running comment period."""

import json
import re
from typing import Any

import pytest

from chalicelib.adapters.entities import Entity
from chalicelib.domain.sessions import CHALLENGE_LIFETIME
from chalicelib.events.stored_changes import _DECODERS as ROUTED_ENTITIES
from infra.local.template import ACCOUNT_ID, Resolver
from tests.infra.conftest import DEPLOY_PARAMETERS, of_type

pytestmark = pytest.mark.packaging

CLOUDWATCH = {"Service": "cloudwatch.amazonaws.com"}


def key_statements(resources: dict[str, Any], key: str) -> list[dict[str, Any]]:
    statements: list[dict[str, Any]] = resources[key]["Properties"]["KeyPolicy"]["Statement"]
    return statements


def test_a_deploy_must_name_who_gets_the_alarms_and_the_address_mail_comes_from(transformed):
    parameters = transformed["Parameters"]

    for name in ("AlarmEmail", "SenderEmail"):
        assert "Default" not in parameters[name], name
        assert parameters[name]["AllowedPattern"] == "[^@\\s]+@[^@\\s]+", name


def test_every_alarm_reaches_the_alarm_email_through_a_topic_cloudwatch_may_publish_to(transformed):
    resources = transformed["Resources"]
    (topic,) = of_type(resources, "AWS::SNS::Topic")
    (subscription,) = of_type(resources, "AWS::SNS::Subscription").values()
    key = resources[topic]["Properties"]["KmsMasterKeyId"]["Fn::GetAtt"][0]
    cloudwatch = [
        statement for statement in key_statements(resources, key) if statement["Principal"] == CLOUDWATCH
    ]

    assert resources[key]["Type"] == "AWS::KMS::Key"
    assert resources[key]["Properties"]["EnableKeyRotation"] is True
    (grant,) = cloudwatch
    assert grant["Effect"] == "Allow"
    assert {"kms:Decrypt", "kms:GenerateDataKey*"} <= set(grant["Action"])
    assert "Condition" not in subscription
    assert subscription["Properties"] == {
        "TopicArn": {"Ref": topic},
        "Protocol": "email",
        "Endpoint": {"Ref": "AlarmEmail"},
    }
    alarms = of_type(resources, "AWS::CloudWatch::Alarm")
    assert alarms
    for name, alarm in alarms.items():
        assert alarm["Properties"]["AlarmActions"] == [{"Ref": topic}], name


def alarms_on(resources: dict[str, Any], namespace: str, metric: str) -> dict[str, dict[str, Any]]:
    return {
        name: alarm["Properties"]
        for name, alarm in of_type(resources, "AWS::CloudWatch::Alarm").items()
        if (alarm["Properties"].get("Namespace"), alarm["Properties"].get("MetricName"))
        == (namespace, metric)
    }


def dimension(alarm: dict[str, Any], name: str) -> Any:
    (value,) = [item["Value"] for item in alarm["Dimensions"] if item["Name"] == name]
    return value


def test_every_function_alarms_on_its_errors_and_its_throttles(transformed):
    resources = transformed["Resources"]
    functions = set(of_type(resources, "AWS::Lambda::Function"))

    assert functions == {
        "APIHandler",
        "CognitoToken",
        "RouteStoredChanges",
        "ScreenFeedback",
        "SendNotifications",
    }
    for metric in ("Errors", "Throttles"):
        alarms = alarms_on(resources, "AWS/Lambda", metric).values()
        assert {dimension(alarm, "FunctionName")["Ref"] for alarm in alarms} == functions, metric
        for alarm in alarms:
            assert (alarm["Statistic"], alarm["ComparisonOperator"], alarm["Threshold"]) == (
                "Sum",
                "GreaterThanThreshold",
                0,
            )


def test_the_api_stage_alarms_on_5xx_answers_and_p99_latency(transformed):
    resources = transformed["Resources"]
    (stage,) = of_type(resources, "AWS::ApiGateway::Stage")
    (errors,) = alarms_on(resources, "AWS/ApiGateway", "5XXError").values()
    (latency,) = alarms_on(resources, "AWS/ApiGateway", "Latency").values()

    assert resources["RestAPI"]["Properties"]["Name"] == {"Ref": "AWS::StackName"}
    for alarm in (errors, latency):
        assert dimension(alarm, "ApiName") == {"Ref": "AWS::StackName"}
        assert dimension(alarm, "Stage") == {"Ref": stage}
    assert errors["Statistic"] == "Average" and 0 < errors["Threshold"] <= 0.05
    assert latency["ExtendedStatistic"] == "p99" and 0 < latency["Threshold"] <= 5000


def test_each_work_queue_alarms_when_its_oldest_message_waits_too_long(transformed):
    resources = transformed["Resources"]
    work_queues = {
        name
        for name, queue in of_type(resources, "AWS::SQS::Queue").items()
        if "RedrivePolicy" in queue["Properties"]
    }
    alarms = alarms_on(resources, "AWS/SQS", "ApproximateAgeOfOldestMessage").values()

    assert work_queues == {"ScreeningQueue", "NotificationQueue"}
    assert {dimension(alarm, "QueueName")["Fn::GetAtt"][0] for alarm in alarms} == work_queues
    for alarm in alarms:
        assert alarm["Statistic"] == "Maximum" and 0 < alarm["Threshold"] <= 3600


def test_the_table_alarms_on_throttled_reads_and_writes(transformed):
    resources = transformed["Resources"]
    (alarm,) = [
        alarm["Properties"]
        for alarm in of_type(resources, "AWS::CloudWatch::Alarm").values()
        if "Metrics" in alarm["Properties"]
    ]
    metrics = {query["Id"]: query for query in alarm["Metrics"]}
    (returned,) = [query for query in alarm["Metrics"] if query["ReturnData"]]

    assert {
        query["MetricStat"]["Metric"]["MetricName"] for query in metrics.values() if "MetricStat" in query
    } == {
        "ReadThrottleEvents",
        "WriteThrottleEvents",
    }
    for query in metrics.values():
        if "MetricStat" in query:
            assert query["MetricStat"]["Metric"]["Dimensions"] == [
                {"Name": "TableName", "Value": {"Ref": "ReviewTable"}}
            ]
    assert (
        set(returned["Expression"].replace("+", " ").split())
        == {"reads", "writes"}
        == set(metrics) - {returned["Id"]}
    )
    assert (alarm["ComparisonOperator"], alarm["Threshold"]) == ("GreaterThanThreshold", 0)


def test_ses_bounce_and_complaint_rates_alarm_before_ses_would_pause_sending(transformed):
    resources = transformed["Resources"]
    (bounces,) = alarms_on(resources, "AWS/SES", "Reputation.BounceRate").values()
    (complaints,) = alarms_on(resources, "AWS/SES", "Reputation.ComplaintRate").values()

    assert 0 < bounces["Threshold"] < 0.05
    assert 0 < complaints["Threshold"] < 0.001


def test_the_dashboard_shows_every_alarm_and_each_alarms_metric(transformed):
    resources = transformed["Resources"]
    alarms = set(of_type(resources, "AWS::CloudWatch::Alarm"))
    (dashboard,) = of_type(resources, "AWS::CloudWatch::Dashboard").values()
    body = json.loads(dashboard["Properties"]["DashboardBody"]["Fn::Sub"])
    status = [widget for widget in body["widgets"] if widget["type"] == "alarm"]
    graphs = [widget for widget in body["widgets"] if widget["type"] == "metric"]

    def named(arns: list[str]) -> list[str]:
        return [re.fullmatch(r"\$\{(\w+)\.Arn\}", arn).group(1) for arn in arns]

    (overview,) = status
    assert sorted(named(overview["properties"]["alarms"])) == sorted(alarms)
    assert sorted(
        name for graph in graphs for name in named(graph["properties"]["annotations"]["alarms"])
    ) == sorted(alarms)


WORKERS_AND_AUTHORIZER = {"CognitoToken", "RouteStoredChanges", "ScreenFeedback", "SendNotifications"}
FOURTEEN_DAYS = 14 * 24 * 60 * 60


def test_the_api_has_one_stage_traced_and_logging_each_request_as_json(transformed):
    resources = transformed["Resources"]
    (stage,) = of_type(resources, "AWS::ApiGateway::Stage").values()
    settings = stage["Properties"]
    log_group = settings["AccessLogSetting"]["DestinationArn"]["Fn::GetAtt"][0]
    line = json.loads(settings["AccessLogSetting"]["Format"])
    (account,) = of_type(resources, "AWS::ApiGateway::Account")

    assert settings["TracingEnabled"] is True
    assert resources[log_group]["Type"] == "AWS::Logs::LogGroup"
    assert {"requestId", "ip", "method", "path", "status", "latencyMs"} <= set(line)
    assert all(value.startswith("$context.") for value in line.values())
    assert account in as_list(resources[settings["RestApiId"]["Ref"]].get("DependsOn", []))


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def test_every_function_is_traced_and_every_log_group_expires_its_logs(transformed):
    resources = transformed["Resources"]

    for name, function in of_type(resources, "AWS::Lambda::Function").items():
        assert function["Properties"]["TracingConfig"] == {"Mode": "Active"}, name
        assert function["Properties"]["LoggingConfig"] == {"LogGroup": {"Ref": "FunctionLogGroup"}}, name
    log_groups = of_type(resources, "AWS::Logs::LogGroup")
    assert set(log_groups) == {"FunctionLogGroup", "ApiAccessLogGroup"}
    for name, log_group in log_groups.items():
        assert log_group["Properties"]["RetentionInDays"] == {"Ref": "LogRetentionInDays"}, name


def test_workers_and_the_token_check_have_reserved_concurrency_and_queues_a_ceiling_under_it(transformed):
    resources = transformed["Resources"]
    functions = of_type(resources, "AWS::Lambda::Function")
    reserved = {
        name: function["Properties"]["ReservedConcurrentExecutions"]
        for name, function in functions.items()
        if "ReservedConcurrentExecutions" in function["Properties"]
    }
    queue_sources = [
        mapping["Properties"]
        for mapping in of_type(resources, "AWS::Lambda::EventSourceMapping").values()
        if ":sqs:" in str(mapping["Properties"]["EventSourceArn"])
    ]

    assert set(reserved) == WORKERS_AND_AUTHORIZER
    assert len(queue_sources) == 2
    for source in queue_sources:
        ceiling = source["ScalingConfig"]["MaximumConcurrency"]
        assert 2 <= ceiling <= reserved[source["FunctionName"]["Ref"]]


def test_every_queue_keeps_its_messages_for_fourteen_days(transformed):
    for name, queue in of_type(transformed["Resources"], "AWS::SQS::Queue").items():
        assert queue["Properties"]["MessageRetentionPeriod"] == FOURTEEN_DAYS, name


def test_the_table_is_protected_from_deletion_and_kept_unless_its_creation_is_rolled_back(transformed):
    table = transformed["Resources"]["ReviewTable"]

    assert table["Properties"]["DeletionProtectionEnabled"] is True
    assert (table["DeletionPolicy"], table["UpdateReplacePolicy"]) == ("RetainExceptOnCreate", "Retain")


def test_the_stream_invokes_the_router_only_for_what_it_decodes_and_never_for_ttl_deletions(transformed):
    (mapping,) = [
        mapping["Properties"]
        for mapping in of_type(transformed["Resources"], "AWS::Lambda::EventSourceMapping").values()
        if "StreamArn" in str(mapping["Properties"]["EventSourceArn"])
    ]
    patterns = [json.loads(item["Pattern"]) for item in mapping["FilterCriteria"]["Filters"]]

    assert mapping["FunctionName"] == {"Ref": "RouteStoredChanges"}
    assert sorted(image for pattern in patterns for image in pattern["dynamodb"]) == ["NewImage", "OldImage"]
    for pattern in patterns:
        (image,) = pattern["dynamodb"].values()
        assert set(image["entity"]["S"]) == set(ROUTED_ENTITIES)
        assert Entity.IDEMPOTENCY not in image["entity"]["S"] and Entity.SESSION not in image["entity"]["S"]
        assert pattern["userIdentity"] == {"type": [{"exists": False}]}


def test_no_function_holds_the_form_token_key_and_only_those_that_use_it_may_read_it(transformed):
    resources = transformed["Resources"]
    functions = of_type(resources, "AWS::Lambda::Function")
    told = set()
    for name, function in functions.items():
        variables = function["Properties"]["Environment"]["Variables"]
        assert "FORM_TOKEN_SECRET" not in variables, name
        assert "resolve:secretsmanager" not in json.dumps(variables), name
        if "FORM_TOKEN_SECRET_ARN" in variables:
            assert variables["FORM_TOKEN_SECRET_ARN"] == {"Ref": "FormTokenSecret"}
            told.add(name)
    readers = {
        name
        for name, function in functions.items()
        for policy in resources[function["Properties"]["Role"]["Fn::GetAtt"][0]]["Properties"]["Policies"]
        for statement in policy["PolicyDocument"]["Statement"]
        if "secretsmanager:GetSecretValue" in statement["Action"]
    }

    assert told == readers == {"APIHandler", "SendNotifications"}


def test_names_unique_in_an_account_derive_from_the_stack_name_so_two_stacks_fit_in_one(transformed):
    resources = transformed["Resources"]
    queues = of_type(resources, "AWS::SQS::Queue")
    (layer,) = of_type(resources, "AWS::Lambda::LayerVersion").values()
    (pool,) = of_type(resources, "AWS::Cognito::UserPool").values()
    names = [queue["Properties"]["QueueName"] for queue in queues.values()]
    names += [layer["Properties"]["LayerName"], pool["Properties"]["UserPoolName"]]

    for name in names:
        assert name["Fn::Sub"].startswith("${AWS::StackName}-"), name
    queue_sources = [
        mapping["Properties"]["EventSourceArn"]["Fn::Sub"]
        for mapping in of_type(resources, "AWS::Lambda::EventSourceMapping").values()
        if ":sqs:" in str(mapping["Properties"]["EventSourceArn"])
    ]
    consumed = {source.split("${AWS::AccountId}:", 1)[1] for source in queue_sources}
    work_queues = {
        queue["Properties"]["QueueName"]["Fn::Sub"]
        for queue in queues.values()
        if "RedrivePolicy" in queue["Properties"]
    }
    assert consumed == work_queues


def test_the_user_pool_is_kept_protected_case_insensitive_and_watched_for_risky_sign_ins(transformed):
    pool = transformed["Resources"]["UserPool"]
    properties = pool["Properties"]

    assert (pool["DeletionPolicy"], pool["UpdateReplacePolicy"]) == ("Retain", "Retain")
    assert properties["DeletionProtection"] == "ACTIVE"
    assert properties["UsernameConfiguration"] == {"CaseSensitive": False}
    assert properties["UserPoolAddOns"]["AdvancedSecurityMode"] in {"AUDIT", "ENFORCED"}
    assert properties["UserPoolTier"] == "PLUS"


def test_everyone_signs_in_with_an_authenticator_apps_code_and_nothing_sent_by_text(transformed):
    pool = transformed["Resources"]["UserPool"]["Properties"]
    client = transformed["Resources"]["UserPoolClient"]["Properties"]

    assert pool["MfaConfiguration"] == "ON"
    assert pool["EnabledMfas"] == ["SOFTWARE_TOKEN_MFA"]
    assert "SmsConfiguration" not in pool
    # Time to set up the app at the first sign-in; the site's own sign-in step lasts as long.
    assert client["AuthSessionValidity"] * 60 == CHALLENGE_LIFETIME.total_seconds()


def test_a_revoked_session_can_call_the_api_for_at_most_fifteen_minutes(transformed):
    client = transformed["Resources"]["UserPoolClient"]["Properties"]

    assert client["TokenValidityUnits"]["IdToken"] == "minutes" and client["IdTokenValidity"] <= 15
    assert client["TokenValidityUnits"]["AccessToken"] == "minutes" and client["AccessTokenValidity"] <= 15
    assert client["EnableTokenRevocation"] is True


def test_the_user_pool_emails_through_ses_from_the_sender_once_a_deploy_says_it_is_verified(transformed):
    verified = transformed["Parameters"]["SenderVerified"]
    pool = transformed["Resources"]["UserPool"]["Properties"]

    def pool_deployed_with(sender_verified: str) -> dict[str, Any]:
        parameters = {**DEPLOY_PARAMETERS, "SenderVerified": sender_verified}
        resolved: dict[str, Any] = Resolver(transformed, "us-east-1", parameters).resolve(pool)
        return resolved

    first, after_verification = pool_deployed_with("false"), pool_deployed_with("true")
    sender = DEPLOY_PARAMETERS["SenderEmail"]

    # Cognito refuses an unverified SourceArn, and the first deploy creates the identity: it cannot use it yet.
    assert (verified["Default"], verified["AllowedValues"]) == ("false", ["false", "true"])
    assert first["EmailConfiguration"] == {"EmailSendingAccount": "COGNITO_DEFAULT"}
    assert "VerificationMessageTemplate" not in first
    assert "InviteMessageTemplate" not in first["AdminCreateUserConfig"]
    assert transformed["Resources"]["SenderIdentity"]["Properties"]["EmailIdentity"] == {"Ref": "SenderEmail"}
    assert after_verification["EmailConfiguration"] == {
        "EmailSendingAccount": "DEVELOPER",
        "SourceArn": f"arn:aws:ses:us-east-1:{ACCOUNT_ID}:identity/{sender}",
        "From": sender,
    }
    invitation = after_verification["AdminCreateUserConfig"]["InviteMessageTemplate"]
    days = after_verification["Policies"]["PasswordPolicy"]["TemporaryPasswordValidityDays"]
    assert "{username}" in invitation["EmailMessage"] and "{####}" in invitation["EmailMessage"]
    assert f"{days} days" in invitation["EmailMessage"] and invitation["EmailSubject"]
    verification = after_verification["VerificationMessageTemplate"]
    assert verification["DefaultEmailOption"] == "CONFIRM_WITH_CODE"
    assert "{####}" in verification["EmailMessage"] and verification["EmailSubject"]
