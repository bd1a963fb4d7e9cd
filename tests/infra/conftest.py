"""`make package` run once per session; the tests read the template it wrote."""

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from infra.package import ROOT, TEMPLATE_NAME
from infra.tool_venv import DEPLOY_TOOLS, tool_bin

HERE = Path(__file__).resolve().parent
# What an operator passes to `aws cloudformation deploy --parameter-overrides`.
DEPLOY_PARAMETERS = {
    "AlarmEmail": "ops@agency.example.gov",
    "SenderEmail": "public-review@agency.example.gov",
}


@dataclass(frozen=True)
class PackageRun:
    returncode: int
    output: str
    template: Path


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "packaging: runs `chalice package` (deselect with -m 'not packaging')")


@pytest.fixture(scope="session")
def package_run(tmp_path_factory: pytest.TempPathFactory) -> PackageRun:
    out_dir = tmp_path_factory.mktemp("package") / "out"
    finished = subprocess.run(
        [sys.executable, "-m", "infra.package", str(out_dir)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    return PackageRun(finished.returncode, finished.stdout + finished.stderr, out_dir / TEMPLATE_NAME)


@pytest.fixture(scope="session")
def template(package_run: PackageRun) -> dict[str, Any]:
    if not package_run.template.is_file():
        pytest.fail(f"`python -m infra.package` wrote no template:\n{package_run.output}")
    return load(package_run.template)


@pytest.fixture(scope="session")
def resources(template: dict[str, Any]) -> dict[str, Any]:
    return template["Resources"]


@pytest.fixture(scope="session")
def deploy_tools() -> Path:
    """The bin directory of the AWS CLI and the SAM transform (infra/deploy-tools.txt)."""
    return tool_bin(DEPLOY_TOOLS)


@pytest.fixture(scope="session")
def transformed(package_run: PackageRun, deploy_tools: Path) -> dict[str, Any]:
    """The packaged template after the SAM transform, as CloudFormation deploys it."""
    if not package_run.template.is_file():
        pytest.fail(f"`python -m infra.package` wrote no template:\n{package_run.output}")
    overrides = [f"{name}={value}" for name, value in DEPLOY_PARAMETERS.items()]
    finished = subprocess.run(
        [
            str(deploy_tools / "python"),
            str(ROOT / "infra" / "sam_transform.py"),
            str(package_run.template),
            *overrides,
        ],
        env={"AWS_DEFAULT_REGION": "us-east-1", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr
    document: dict[str, Any] = json.loads(finished.stdout)
    return document


def load(template: Path) -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load(template.read_text(encoding="utf-8"))
    return document


def of_type(resources: dict[str, Any], kind: str) -> dict[str, Any]:
    return {name: body for name, body in resources.items() if body.get("Type") == kind}


BATCH_EVENT_TYPES = ("SQS", "DynamoDB", "Kinesis")


def event_sources(resources: dict[str, Any], *kinds: str) -> dict[str, dict[str, Any]]:
    """`Function.Event` -> the event's Properties, for the functions' events of these types."""
    return {
        f"{name}.{event_name}": event["Properties"]
        for name, function in of_type(resources, "AWS::Serverless::Function").items()
        for event_name, event in function["Properties"].get("Events", {}).items()
        if event["Type"] in kinds
    }


def event_handler_functions(resources: dict[str, Any]) -> list[str]:
    return sorted(
        name
        for name, function in of_type(resources, "AWS::Serverless::Function").items()
        if function["Properties"].get("Events")
    )


def batch_sources_without_batch_item_failures(resources: dict[str, Any]) -> list[str]:
    return sorted(
        source
        for source, properties in event_sources(resources, *BATCH_EVENT_TYPES).items()
        if properties.get("FunctionResponseTypes") != ["ReportBatchItemFailures"]
    )


def stream_sources_not_on_a_table_stream(resources: dict[str, Any]) -> list[str]:
    tables = of_type(resources, "AWS::DynamoDB::Table")
    return sorted(
        source
        for source, properties in event_sources(resources, "DynamoDB").items()
        if not (
            isinstance(properties["Stream"], dict)
            and list(properties["Stream"]) == ["Fn::GetAtt"]
            and properties["Stream"]["Fn::GetAtt"][0] in tables
            and properties["Stream"]["Fn::GetAtt"][1] == "StreamArn"
        )
    )


def functions_whose_role_grants_nothing(resources: dict[str, Any]) -> list[str]:
    """Functions still holding chalice's role from .chalice/policy.json, which has no statements."""
    return sorted(
        name
        for name, function in of_type(resources, "AWS::Serverless::Function").items()
        if not statements(resources, function["Properties"]["Role"]["Fn::GetAtt"][0])
    )


def statements(resources: dict[str, Any], role: str) -> list[dict[str, Any]]:
    return [
        statement
        for policy in resources[role]["Properties"].get("Policies", [])
        for statement in policy["PolicyDocument"]["Statement"]
    ]
