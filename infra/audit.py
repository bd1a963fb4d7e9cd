"""`make audit`: checkov on the packaged template after the SAM transform (the resources CloudFormation
creates). The checks in infra/checkov-accepted.txt are skipped, each for the reason it gives; any other
failure fails the audit.

python -m infra.audit OUTDIR   (OUTDIR holds `make package`'s sam.yaml)
"""

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from infra.tool_venv import DEPLOY_TOOLS, ROOT, tool_bin

AUDIT_TOOLS = ROOT / "infra" / "audit-tools.txt"
ACCEPTED = ROOT / "infra" / "checkov-accepted.txt"
TRANSFORM = ROOT / "infra" / "sam_transform.py"
# Any values the parameters' patterns accept: the audit is of the resources, not the addresses.
PARAMETERS = ("AlarmEmail=ops@example.org", "SenderEmail=no-reply@example.org")


@dataclass(frozen=True)
class Failure:
    check_id: str
    resource: str
    name: str


def accepted_checks(text: str) -> dict[str, str]:
    """CHECK_ID -> reason, from the accepted list; a check without a reason is refused."""
    accepted = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        check_id, _, reason = line.strip().partition(" ")
        if not reason.strip():
            raise ValueError(f"{check_id} is accepted without a reason")
        accepted[check_id] = reason.strip()
    return accepted


def failures(report: Any) -> list[Failure]:
    """The failed checks of checkov's JSON report (one framework's object, or a list of them)."""
    reports = report if isinstance(report, list) else [report]
    return [
        Failure(failed["check_id"], failed["resource"], failed["check_name"])
        for one in reports
        for failed in one.get("results", {}).get("failed_checks", [])
    ]


def transformed_template(template: Path, destination: Path) -> Path:
    environment = {**os.environ, "AWS_DEFAULT_REGION": os.environ.get("AWS_DEFAULT_REGION", "us-east-1")}
    python = str(tool_bin(DEPLOY_TOOLS) / "python")
    finished = subprocess.run(
        [python, str(TRANSFORM), str(template), *PARAMETERS],
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    destination.write_text(finished.stdout, encoding="utf-8")
    return destination


def checkov_report(template: Path, skipped: list[str]) -> Any:
    command = [
        str(tool_bin(AUDIT_TOOLS) / "checkov"),
        "--file",
        str(template),
        "--framework",
        "cloudformation",
        "--skip-download",
        "--compact",
        "--quiet",
        "--output",
        "json",
        "--skip-check",
        ",".join(skipped),
    ]
    finished = subprocess.run(command, capture_output=True, text=True, check=False)
    if not finished.stdout.strip():
        raise RuntimeError(f"checkov wrote no report:\n{finished.stderr}")
    return json.loads(finished.stdout)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m infra.audit OUTDIR", file=sys.stderr)
        return 2
    out_dir = Path(args[0])
    accepted = accepted_checks(ACCEPTED.read_text(encoding="utf-8"))
    template = transformed_template(out_dir / "sam.yaml", out_dir / "transformed.json")
    report = checkov_report(template, sorted(accepted))
    found = failures(report)
    for failure in found:
        print(f"FAILED {failure.check_id} {failure.resource}: {failure.name}")
    passed = sum(
        one.get("summary", {}).get("passed", 0) for one in (report if isinstance(report, list) else [report])
    )
    print(
        f"checkov: {passed} passed, {len(found)} failed; {len(accepted)} checks accepted as not applying"
        f" ({ACCEPTED.relative_to(ROOT)})"
    )
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
