"""The SAM transform, as CloudFormation applies it, on a template `chalice package` or `aws cloudformation
package` wrote. Runs in the deploy tools' environment (infra/deploy-tools.txt), not the app's:

python infra/sam_transform.py TEMPLATE [NAME=VALUE ...]   prints the transformed template as JSON

Code and layer zips still on disk are pointed at S3 first, as `aws cloudformation package` does after
uploading them.
"""

import json
import sys
from pathlib import Path
from typing import Any

from awscli.customizations.cloudformation.yamlhelper import yaml_parse
from samtranslator.translator.transform import transform


class NoManagedPolicies:
    """The functions name no managed policies (their roles are in the template), so none is looked up."""

    def load(self) -> dict[str, str]:
        return {}


ARTIFACT_PROPERTIES = ("CodeUri", "ContentUri")


def as_uploaded(template: dict[str, Any], bucket: str = "artifacts") -> dict[str, Any]:
    for resource in template["Resources"].values():
        properties = resource.get("Properties", {})
        for name in ARTIFACT_PROPERTIES:
            location = properties.get(name)
            if isinstance(location, str) and not location.startswith("s3://"):
                properties[name] = f"s3://{bucket}/{Path(location).name}"
    return template


def transform_template(template: dict[str, Any], parameters: dict[str, str]) -> dict[str, Any]:
    transformed: dict[str, Any] = transform(template, parameters, NoManagedPolicies())
    return transformed


def main(argv: list[str]) -> int:
    template = as_uploaded(yaml_parse(Path(argv[0]).read_text(encoding="utf-8")))
    parameters = dict(argument.split("=", 1) for argument in argv[1:])
    print(json.dumps(transform_template(template, parameters)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
