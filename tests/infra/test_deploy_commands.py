"""The deploy commands in the README, run as written: the AWS CLI uploads to S3 (a moto server) and deploys
to a CloudFormation that answers and refuses as AWS does (aws_cli_stub.py)."""

import json
import logging
import re
import shlex
import subprocess
from collections.abc import Iterator
from pathlib import Path

import boto3
import pytest
from moto.server import ThreadedMotoServer

from infra.package import ROOT
from tests.infra.conftest import HERE, PackageRun, load
from tests.support.ports import free_port

pytestmark = pytest.mark.packaging

BUCKET = "public-review-artifacts-123456789012"
TEMPLATE_BODY_LIMIT = 51_200


def section(markdown: Path, heading: str) -> str:
    text = markdown.read_text(encoding="utf-8")
    start = text.index(f"\n{heading}\n")
    end = text.find("\n## ", start + len(heading) + 2)
    return text[start : end if end != -1 else len(text)]


def cloudformation_commands(text: str) -> list[str]:
    """The `aws cloudformation` commands of a text's shell blocks, continuation lines joined."""
    blocks = re.findall(r"```sh\n(.*?)```", text, flags=re.DOTALL)
    lines = "\n".join(blocks).replace("\\\n", " ").splitlines()
    return [" ".join(line.split("#")[0].split()) for line in lines if line.startswith("aws cloudformation ")]


def readme_commands() -> list[str]:
    return cloudformation_commands(section(ROOT / "README.md", "## Deploy to AWS"))


@pytest.fixture(scope="module")
def s3_endpoint() -> Iterator[str]:
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


def test_the_readme_and_the_deploy_guide_give_the_same_package_and_deploy_commands():
    guide = cloudformation_commands(section(ROOT / "docs" / "deploy.md", "## Package, upload, deploy"))

    assert [command.split()[:3] for command in readme_commands()] == [
        ["aws", "cloudformation", "package"],
        ["aws", "cloudformation", "deploy"],
    ]
    assert guide == readme_commands()


def test_the_readme_deploy_commands_as_written_deploy_the_packaged_template(
    package_run: PackageRun, deploy_tools: Path, s3_endpoint: str, tmp_path: Path
):
    (tmp_path / "out").symlink_to(package_run.template.parent)
    record = tmp_path / "create-change-set.json"
    environment = {
        "PATH": f"{deploy_tools}:/usr/bin:/bin",
        "HOME": str(tmp_path),
        "AWS_ENDPOINT_URL": s3_endpoint,
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
        "ARTIFACT_BUCKET": BUCKET,
        "STUB_RECORD": str(record),
    }
    boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1").create_bucket(Bucket=BUCKET)

    def aws(command: list[str]) -> subprocess.CompletedProcess[str]:
        arguments = [
            re.sub(r"\$\{?(\w+)\}?", lambda name: environment[name.group(1)], argument)
            for argument in command[1:]
        ]
        return subprocess.run(
            [str(deploy_tools / "python"), str(HERE / "aws_cli_stub.py"), *arguments],
            cwd=tmp_path,
            env=environment,
            capture_output=True,
            text=True,
            check=False,
        )

    package_command, deploy_command = (shlex.split(command) for command in readme_commands())
    packaged = aws(package_command)
    assert packaged.returncode == 0, packaged.stderr
    without_bucket = [
        argument
        for index, argument in enumerate(deploy_command)
        if "--s3-bucket" not in (argument, deploy_command[index - 1])
    ]
    refused = aws(without_bucket)
    deployed = aws(deploy_command)

    template = tmp_path / "out" / "packaged.yaml"
    declared = load(template)["Parameters"]
    call = json.loads(record.read_text(encoding="utf-8"))
    # Over deploy's limit for a template sent in the request: it must go through the bucket.
    assert template.stat().st_size > TEMPLATE_BODY_LIMIT
    assert refused.returncode != 0 and "must be deployed via an S3 Bucket" in refused.stdout + refused.stderr
    assert deployed.returncode == 0, deployed.stdout + deployed.stderr
    assert call["TemplateURL"].startswith(f"{s3_endpoint}/{BUCKET}/")
    assert call["TemplateSize"] == template.stat().st_size
    assert {item["ParameterKey"] for item in call["Parameters"]} >= {
        name for name, spec in declared.items() if "Default" not in spec
    }
    for uri in re.findall(r"(?:CodeUri|ContentUri): (\S+)", template.read_text(encoding="utf-8")):
        assert uri.startswith(f"s3://{BUCKET}/"), uri
