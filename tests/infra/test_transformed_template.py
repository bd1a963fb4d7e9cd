"""The packaged template after the SAM transform, as CloudFormation deploys it: what an operator relies on
to see and limit a running comment period."""

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
