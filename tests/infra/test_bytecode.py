"""Bytecode added to a deployment zip is what the extracted code imports, whatever the files' timestamps."""

import importlib.util
import os
import subprocess
import sys
import zipfile
from pathlib import Path

from infra.bytecode import add_bytecode

MODULES = {
    "shop/__init__.py": b"",
    "shop/prices.py": b"VAT = 'compiled from the zip'\n",
    "legacy.py": b"print 'written for another Python'\n",
    "shop/__pycache__/gone.cpython-311.pyc": b"stale bytecode of a module no longer shipped",
    "shop/catalogue.json": b"{}",
}


def zip_of(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def extracted(archive: Path, into: Path) -> Path:
    with zipfile.ZipFile(archive) as opened:
        opened.extractall(into)
    return into


def import_in_fresh_interpreter(module: str, attribute: str, path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-S", "-v", "-c", f"import {module}; print({module}.{attribute})"],
        cwd=path,
        env={**os.environ, "PYTHONPATH": str(path), "PYTHONDONTWRITEBYTECODE": "1"},
        capture_output=True,
        text=True,
        check=True,
    )


def test_every_module_that_compiles_gets_its_bytecode_and_stale_bytecode_is_dropped(tmp_path):
    archive = zip_of(tmp_path / "deployment.zip", MODULES)

    compiled = add_bytecode(archive)

    names = set(zipfile.ZipFile(archive).namelist())
    assert compiled == 2
    assert {"shop/__pycache__/__init__.cpython-311.pyc", "shop/__pycache__/prices.cpython-311.pyc"} <= names
    assert "shop/__pycache__/gone.cpython-311.pyc" not in names
    assert not any(name.startswith("__pycache__/legacy") for name in names)
    assert set(MODULES) - {"shop/__pycache__/gone.cpython-311.pyc"} <= names


def test_the_extracted_module_is_loaded_from_its_bytecode_whatever_timestamps_extraction_gives(tmp_path):
    archive = zip_of(tmp_path / "deployment.zip", MODULES)
    add_bytecode(archive)
    task = extracted(archive, tmp_path / "task")
    os.utime(task / "shop" / "prices.py", (1, 1))

    finished = import_in_fresh_interpreter("shop.prices", "VAT", task)

    assert finished.stdout.strip() == "compiled from the zip"
    assert f"code object from '{bytecode_of(task / 'shop' / 'prices.py')}'" in finished.stderr


def test_a_source_edited_after_packaging_is_what_runs_not_the_shipped_bytecode(tmp_path):
    archive = zip_of(tmp_path / "deployment.zip", MODULES)
    add_bytecode(archive)
    task = extracted(archive, tmp_path / "task")
    source = task / "shop" / "prices.py"
    source.write_text("VAT = 'edited in place'\n")
    os.utime(source, (1, 1))

    finished = import_in_fresh_interpreter("shop.prices", "VAT", task)

    assert finished.stdout.strip() == "edited in place"


def bytecode_of(module: Path) -> str:
    return importlib.util.cache_from_source(str(module))
