"""The AWS CLI, run as written, with CloudFormation answered here as it answers a new stack's deploy, and
refusing what it refuses: a template over its size limits, a parameter without a value or not matching
its pattern, a missing capability, a template the SAM transform rejects. S3 is whatever AWS_ENDPOINT_URL
points at (a moto server in the tests). Runs in the deploy tools' environment (infra/deploy-tools.txt):

STUB_RECORD=calls.json python tests/infra/aws_cli_stub.py cloudformation deploy ...
"""

import json
import os
import re
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import boto3
from awscli.clidriver import create_clidriver
from awscli.customizations.cloudformation.yamlhelper import yaml_parse

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "infra"))
from sam_transform import transform_template

TEMPLATE_URL_LIMIT = 1_048_576
TEMPLATE_BODY_LIMIT = 51_200


class StubResponse:
    def __init__(self, status_code: int) -> None:
        self.status_code = status_code
        self.headers: dict[str, str] = {}


class ValidationError(Exception):
    pass


class StubCloudFormation:
    def __init__(self, record: Path) -> None:
        self.record = record
        self.params: dict[str, Any] = {}
        self.created = False

    def remember(self, params: dict[str, Any], **_: Any) -> None:
        self.params = dict(params)

    def answer(self, model: Any, **_: Any) -> tuple[StubResponse, dict[str, Any]]:
        try:
            return StubResponse(200), getattr(self, model.name)()
        except ValidationError as error:
            return StubResponse(400), {"Error": {"Code": "ValidationError", "Message": str(error)}}

    def DescribeStacks(self) -> dict[str, Any]:
        if not self.created:
            raise ValidationError(f"Stack with id {self.params['StackName']} does not exist")
        return {"Stacks": [{"StackName": self.params["StackName"], "StackStatus": "CREATE_COMPLETE"}]}

    def CreateChangeSet(self) -> dict[str, Any]:
        body = self.template_text()
        template = yaml_parse(body)
        given = {item["ParameterKey"]: item["ParameterValue"] for item in self.params.get("Parameters", [])}
        self.check_parameters(template.get("Parameters", {}), given)
        transformed = transform_template(template, given)
        self.check_capabilities(template, transformed)
        call = {key: value for key, value in self.params.items() if key != "TemplateBody"}
        self.record.write_text(json.dumps({**call, "TemplateSize": len(body.encode())}), encoding="utf-8")
        return {"Id": "change-set", "StackId": "stack"}

    def DescribeChangeSet(self) -> dict[str, Any]:
        return {"Status": "CREATE_COMPLETE", "ExecutionStatus": "AVAILABLE", "Changes": []}

    def ExecuteChangeSet(self) -> dict[str, Any]:
        self.created = True
        return {}

    def template_text(self) -> str:
        if "TemplateBody" in self.params:
            body: str = self.params["TemplateBody"]
            if len(body.encode()) > TEMPLATE_BODY_LIMIT:
                raise ValidationError(
                    f"Templates sent in the request are limited to {TEMPLATE_BODY_LIMIT} bytes"
                )
            return body
        bucket, key = urlparse(self.params["TemplateURL"]).path.lstrip("/").split("/", 1)
        stored = boto3.client("s3").get_object(Bucket=bucket, Key=key)
        if stored["ContentLength"] > TEMPLATE_URL_LIMIT:
            raise ValidationError(f"Templates in S3 are limited to {TEMPLATE_URL_LIMIT} bytes")
        text: str = stored["Body"].read().decode()
        return text

    @staticmethod
    def check_parameters(declared: dict[str, Any], given: dict[str, str]) -> None:
        unknown = sorted(set(given) - set(declared))
        if unknown:
            raise ValidationError(f"Parameters: {unknown} do not exist in the template")
        missing = sorted(
            name for name, spec in declared.items() if "Default" not in spec and name not in given
        )
        if missing:
            raise ValidationError(f"Parameters: {missing} must have values")
        for name, value in given.items():
            pattern = declared[name].get("AllowedPattern")
            if pattern and not re.fullmatch(pattern, value):
                raise ValidationError(f"Parameter '{name}' must match pattern {pattern}")

    def check_capabilities(self, template: dict[str, Any], transformed: dict[str, Any]) -> None:
        granted = set(self.params.get("Capabilities", []))
        needed = {"CAPABILITY_AUTO_EXPAND"} if "Transform" in template else set()
        for resource in transformed["Resources"].values():
            if resource["Type"].startswith("AWS::IAM::"):
                named = "RoleName" in resource.get("Properties", {})
                needed.add("CAPABILITY_NAMED_IAM" if named else "CAPABILITY_IAM")
        if "CAPABILITY_NAMED_IAM" in granted:
            granted.add("CAPABILITY_IAM")
        if needed - granted:
            raise ValidationError(f"Requires capabilities : {sorted(needed - granted)}")


def main(argv: list[str]) -> int:
    stub = StubCloudFormation(Path(os.environ["STUB_RECORD"]))
    driver = create_clidriver()
    driver.session.register("before-parameter-build.cloudformation", stub.remember)
    driver.session.register("before-call.cloudformation", stub.answer)
    status: int = driver.main(argv)
    return status


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
