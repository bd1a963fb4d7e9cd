from pathlib import Path

import pytest
import yaml

from infra.package import package


@pytest.fixture(scope="session")
def packaged(tmp_path_factory) -> Path:
    return package(tmp_path_factory.mktemp("package") / "out")


@pytest.fixture(scope="session")
def template(packaged) -> dict:
    return yaml.safe_load(packaged.read_text())


@pytest.fixture(scope="session")
def resources(template) -> dict:
    return template["Resources"]


def of_type(resources: dict, kind: str) -> dict:
    return {name: body for name, body in resources.items() if body["Type"] == kind}
