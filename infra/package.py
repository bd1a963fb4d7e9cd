"""`make package`: chalice's template merged with infra/template.yml, written to OUTDIR and linted.

python -m infra.package OUTDIR

Writes OUTDIR/sam.yaml, OUTDIR/deployment.zip (the app) and OUTDIR/layer-deployment.zip (its dependencies),
both with compiled bytecode beside every module, then runs cfn-lint on sam.yaml; exits non-zero if any
step fails or cfn-lint reports anything.
"""

import fcntl
import os
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from infra.bytecode import add_bytecode

ROOT = Path(__file__).resolve().parents[1]
FRAGMENT = ROOT / "infra" / "template.yml"
STAGE = "dev"
TEMPLATE_NAME = "sam.yaml"
DEFAULT_REGION = "us-east-1"
ARCHIVES = ("deployment.zip", "layer-deployment.zip")  # the function's code, and its dependencies' layer


class PackagingError(RuntimeError):
    pass


def package(out_dir: Path, project_dir: Path = ROOT, fragment: Path = FRAGMENT) -> Path:
    """Runs `chalice package` for project_dir with fragment merged in, then compiles the modules of the zips
    it wrote (see infra.bytecode); returns the template it wrote."""
    command = [
        _tool("chalice"),
        "package",
        "--stage",
        STAGE,
        "--template-format",
        "yaml",
        "--merge-template",
        str(fragment.resolve()),
        str(out_dir.resolve()),
    ]
    environment = {**os.environ, "AWS_DEFAULT_REGION": os.environ.get("AWS_DEFAULT_REGION", DEFAULT_REGION)}
    with _cache_lock(project_dir / ".chalice" / "deployments"):
        finished = subprocess.run(command, cwd=project_dir, env=environment, check=False)
    if finished.returncode != 0:
        raise PackagingError(f"chalice package exited with status {finished.returncode}")
    for archive in ARCHIVES:
        if (out_dir / archive).is_file():
            add_bytecode(out_dir / archive)
    return out_dir.resolve() / TEMPLATE_NAME


def lint(template: Path) -> None:
    finished = subprocess.run([_tool("cfn-lint"), str(template)], check=False)
    if finished.returncode != 0:
        raise PackagingError(f"cfn-lint found problems in {template} (status {finished.returncode})")


@contextmanager
def _cache_lock(cache_dir: Path) -> Iterator[None]:
    # Chalice writes its cached zips in place and reuses any file it finds, so two runs at once (or one
    # that was killed) could leave a half-written zip that every later package would ship.
    cache_dir.mkdir(parents=True, exist_ok=True)
    with (cache_dir / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            _drop_broken_zips(cache_dir)
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _drop_broken_zips(cache_dir: Path) -> None:
    for cached in cache_dir.glob("*.zip"):
        if not zipfile.is_zipfile(cached):
            cached.unlink()


def _tool(name: str) -> str:
    # The tools installed next to this interpreter (the venv's), whatever PATH says.
    return str(Path(sys.executable).parent / name)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m infra.package OUTDIR", file=sys.stderr)
        return 2
    started = time.monotonic()
    try:
        template = package(Path(args[0]))
        lint(template)
    except PackagingError as error:
        print(f"make package failed: {error}", file=sys.stderr)
        return 1
    print(f"{template} is ready to deploy ({time.monotonic() - started:.1f} s; see docs/deploy.md)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
