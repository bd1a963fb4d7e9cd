"""The packaged template after the SAM transform, as CloudFormation deploys it: what an operator relies on
to see and limit a running comment period."""

import json
import re
from typing import Any

import pytest

from tests.infra.conftest import of_type

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
