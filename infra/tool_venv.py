"""Virtual environments for tools whose pins clash with the app's (the AWS CLI, the SAM transform,
checkov): one per requirements file under `.tools/`, built on first use and again when the file changes.

python -m infra.tool_venv REQUIREMENTS   prints the environment's bin directory
"""

import fcntl
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOOLS = ROOT / ".tools"
DEPLOY_TOOLS = ROOT / "infra" / "deploy-tools.txt"


def tool_bin(requirements: Path, tools_dir: Path = TOOLS) -> Path:
    """The bin directory of the environment for requirements, built or rebuilt first when needed."""
    home = tools_dir / requirements.stem
    stamp = home / ".installed"
    wanted = requirements.read_text(encoding="utf-8")
    tools_dir.mkdir(parents=True, exist_ok=True)
    with (tools_dir / f".{requirements.stem}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not stamp.is_file() or stamp.read_text(encoding="utf-8") != wanted:
            venv.EnvBuilder(clear=True, with_pip=True).create(home)
            pip = [
                str(home / "bin" / "python"),
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
            ]
            subprocess.run([*pip, "-r", str(requirements.resolve())], check=True)
            stamp.write_text(wanted, encoding="utf-8")
    return home / "bin"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m infra.tool_venv REQUIREMENTS", file=sys.stderr)
        return 2
    print(tool_bin(Path(args[0])))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
