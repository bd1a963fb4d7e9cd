"""The zips `make package` writes hold code a cold start imports without compiling anything."""

import importlib.util
import zipfile
from pathlib import Path
from typing import Any

import pytest

from infra.bytecode import CHECKED_HASH
from tests.infra.conftest import PackageRun, of_type
from tests.support.lambda_layout import RUNTIME, LambdaLayout

pytestmark = pytest.mark.packaging


@pytest.fixture(scope="module")
def layout(package_run: PackageRun, tmp_path_factory: pytest.TempPathFactory) -> LambdaLayout:
    return LambdaLayout(package_run.template.parent, tmp_path_factory.mktemp("lambda"))


def stale_or_missing_bytecode(archive: Path) -> list[str]:
    with zipfile.ZipFile(archive) as opened:
        names = set(opened.namelist())
        problems = []
        for name in sorted(names):
            if not name.endswith(".py"):
                continue
            cached = importlib.util.cache_from_source(name)
            if cached not in names:
                problems.append(f"{name}: no bytecode")
                continue
            header = opened.read(cached)[:16]
            expected = (
                importlib.util.MAGIC_NUMBER
                + CHECKED_HASH.to_bytes(4, "little")
                + importlib.util.source_hash(opened.read(name))
            )
            if header != expected:
                problems.append(f"{name}: bytecode of another source or another Python")
        return problems


def test_the_functions_run_on_the_python_that_compiled_the_bytecode(resources: dict[str, Any]):
    functions = of_type(resources, "AWS::Serverless::Function")

    assert functions
    assert {body["Properties"]["Runtime"] for body in functions.values()} == {RUNTIME}


@pytest.mark.parametrize("archive", ["deployment.zip", "layer-deployment.zip"])
def test_every_module_in_the_package_ships_with_current_bytecode(package_run: PackageRun, archive: str):
    assert stale_or_missing_bytecode(package_run.template.parent / archive) == []


def test_importing_the_packaged_app_compiles_no_module_from_source(layout: LambdaLayout, monkeypatch):
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")

    finished = layout.run("import app", "-v", check=False)

    assert finished.returncode == 0, finished.stderr[-2000:]
    compiled_from_source = [
        line
        for line in finished.stderr.splitlines()
        if line.startswith("# code object from") and line.endswith(".py")
    ]
    assert compiled_from_source == []
