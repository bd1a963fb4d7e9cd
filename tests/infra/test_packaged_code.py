"""The zips `make package` writes hold code a cold start imports without compiling anything."""

import importlib.util
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from infra.bytecode import CHECKED_HASH
from tests.infra.conftest import PackageRun, of_type

pytestmark = pytest.mark.packaging

RUNTIME = f"python{sys.version_info.major}.{sys.version_info.minor}"
LAYER_SITE_PACKAGES = Path("python", "lib", RUNTIME, "site-packages")


@pytest.fixture(scope="module")
def extracted(package_run: PackageRun, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The two zips as Lambda lays them out: the function's code in /var/task, the layer in /opt."""
    root = tmp_path_factory.mktemp("lambda")
    directories = {"deployment.zip": root / "task", "layer-deployment.zip": root / "opt"}
    for archive, directory in directories.items():
        with zipfile.ZipFile(package_run.template.parent / archive) as opened:
            opened.extractall(directory)
    return directories


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


def test_importing_the_packaged_app_compiles_no_module_from_source(extracted: dict[str, Path]):
    task, layer = extracted["deployment.zip"], extracted["layer-deployment.zip"]

    finished = subprocess.run(
        [sys.executable, "-S", "-v", "-c", "import app"],
        cwd=task,
        env={
            **os.environ,
            "PYTHONPATH": os.pathsep.join([str(task), str(layer / LAYER_SITE_PACKAGES)]),
            "PYTHONDONTWRITEBYTECODE": "1",
            "AWS_DEFAULT_REGION": "us-east-1",
        },
        capture_output=True,
        text=True,
        check=False,
    )

    assert finished.returncode == 0, finished.stderr[-2000:]
    compiled_from_source = [
        line
        for line in finished.stderr.splitlines()
        if line.startswith("# code object from") and line.endswith(".py")
    ]
    assert compiled_from_source == []
