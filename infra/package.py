"""`make package`: chalice's template merged with infra/template.yml, written to OUTDIR and linted."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FRAGMENT = ROOT / "infra" / "template.yml"


def package(out_dir: Path) -> Path:
    environment = {**os.environ, "AWS_DEFAULT_REGION": os.environ.get("AWS_DEFAULT_REGION", "us-east-1")}
    bin_dir = Path(sys.executable).parent
    subprocess.run(
        [str(bin_dir / "chalice"), "package", "--merge-template", str(FRAGMENT), str(out_dir)],
        cwd=ROOT,
        env=environment,
        check=True,
    )
    return out_dir / "sam.yaml"


def lint(template: Path) -> None:
    subprocess.run([str(Path(sys.executable).parent / "cfn-lint"), str(template)], check=True)


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit("usage: python -m infra.package OUTDIR")
    template = package(Path(sys.argv[1]).resolve())
    lint(template)
    print(f"{template} is ready to deploy (see docs/deploy.md)")


if __name__ == "__main__":
    main()
