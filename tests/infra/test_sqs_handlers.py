"""A copy of the app with one SQS handler, packaged twice: the suite catches a handler the template does not
cover, and the entry infra/template.yml documents next to the queues covers it."""

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from infra.package import FRAGMENT, ROOT, lint, package
from tests.infra.conftest import (
    PackageRun,
    functions_whose_role_grants_nothing,
    load,
    of_type,
    sqs_events_without_batch_item_failures,
)

pytestmark = pytest.mark.packaging

HANDLER = """

@app.on_sqs_message(queue="public-review-screening", batch_size=10)
def handle_screening(event):
    return {"batchItemFailures": []}
"""
SCREENING_HANDLER_ENTRY = {
    "HandleScreening": {
        "Type": "AWS::Serverless::Function",
        "Properties": {
            "Events": {
                "HandleScreeningSqsEventSource": {
                    "Properties": {"FunctionResponseTypes": ["ReportBatchItemFailures"]}
                }
            }
        },
    },
    "HandleScreeningRole": {
        "Type": "AWS::IAM::Role",
        "Properties": {
            "Policies": [
                {
                    "PolicyName": "HandleScreeningRolePolicy",
                    "PolicyDocument": {
                        "Version": "2012-10-17",
                        "Statement": [
                            {
                                "Sid": "Logs",
                                "Effect": "Allow",
                                "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
                                "Resource": {"Fn::GetAtt": ["FunctionLogGroup", "Arn"]},
                            },
                            {
                                "Sid": "ScreeningQueue",
                                "Effect": "Allow",
                                "Action": [
                                    "sqs:ReceiveMessage",
                                    "sqs:DeleteMessage",
                                    "sqs:GetQueueAttributes",
                                    "sqs:ChangeMessageVisibility",
                                ],
                                "Resource": {"Fn::GetAtt": ["ScreeningQueue", "Arn"]},
                            },
                        ],
                    },
                }
            ]
        },
    },
}


@pytest.fixture(scope="module")
def app_copy(tmp_path_factory: pytest.TempPathFactory, package_run: PackageRun) -> Path:
    """The real app, config and requirements plus one SQS handler; package_run has cached the dependency
    layer, which is keyed on requirements.txt alone, so the copy reuses it instead of building it again."""
    project = tmp_path_factory.mktemp("app-with-sqs-handler")
    shutil.copytree(ROOT / "chalicelib", project / "chalicelib", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "requirements.txt", project)
    (project / ".chalice" / "deployments").mkdir(parents=True)
    for name in ("config.json", "policy.json"):
        shutil.copy(ROOT / ".chalice" / name, project / ".chalice")
    for layer in (ROOT / ".chalice" / "deployments").glob("managed-layer-*.zip"):
        (project / ".chalice" / "deployments" / layer.name).symlink_to(layer)
    (project / "app.py").write_text((ROOT / "app.py").read_text(encoding="utf-8") + HANDLER, encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def uncovered(app_copy: Path) -> dict[str, Any]:
    return load(package(app_copy / "out-uncovered", project_dir=app_copy))["Resources"]


@pytest.fixture(scope="module")
def covered_template(app_copy: Path) -> Path:
    fragment = load(FRAGMENT)
    fragment["Resources"].update(SCREENING_HANDLER_ENTRY)
    merge = app_copy / "template-with-handler.yml"
    merge.write_text(yaml.safe_dump(fragment, sort_keys=False), encoding="utf-8")
    return package(app_copy / "out-covered", project_dir=app_copy, fragment=merge)


def test_a_handler_the_template_does_not_cover_is_caught(uncovered):
    assert sqs_events_without_batch_item_failures(uncovered) == [
        "HandleScreening.HandleScreeningSqsEventSource"
    ]
    assert functions_whose_role_grants_nothing(uncovered) == ["HandleScreening"]


def test_the_documented_entry_covers_a_handler_and_passes_cfn_lint(covered_template):
    document = load(covered_template)
    resources = document["Resources"]
    variables = document["Globals"]["Function"]["Environment"]["Variables"]
    handler = resources["HandleScreening"]
    queue_arn = handler["Properties"]["Events"]["HandleScreeningSqsEventSource"]["Properties"]["Queue"]

    lint(covered_template)
    assert sqs_events_without_batch_item_failures(resources) == []
    assert functions_whose_role_grants_nothing(resources) == []
    assert queue_arn == {
        "Fn::Sub": "arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:public-review-screening"
    }
    assert resources["ScreeningQueue"]["Properties"]["QueueName"] == "public-review-screening"
    assert variables["SCREENING_QUEUE_URL"] == {"Ref": "ScreeningQueue"}
    assert handler["Properties"]["Layers"] == [{"Ref": "ManagedLayer"}]
    assert set(of_type(resources, "AWS::Serverless::Function")) == {
        "APIHandler",
        "CognitoToken",
        "HandleScreening",
    }
