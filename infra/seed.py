"""Creates a program's team groups (`team-<slug>`) in a user pool. Idempotent; works against AWS too:

python -m infra.seed --user-pool-id us-east-1_AbC123 [--program msip-6]
"""

import argparse
from typing import Any

from chalicelib.adapters.program_file import load_program
from chalicelib.domain.program import Program


def ensure_program_groups(cognito: Any, user_pool_id: str, program: Program) -> list[str]:
    """Returns the names of the groups it created (the others existed already)."""
    created = []
    for team in program.teams:
        try:
            cognito.create_group(
                UserPoolId=user_pool_id,
                GroupName=team.group_name,
                Description=f"{program.name}: members of the {team.name} development team"[:2048],
            )
        except cognito.exceptions.GroupExistsException:
            continue
        created.append(team.group_name)
    return created


def main(argv: list[str] | None = None) -> int:
    import boto3

    parser = argparse.ArgumentParser(prog="python -m infra.seed", description=__doc__.splitlines()[0])
    parser.add_argument("--user-pool-id", required=True)
    parser.add_argument("--program", default="msip-6", help="a program id under chalicelib/programs")
    args = parser.parse_args(argv)
    program = load_program(args.program)
    created = ensure_program_groups(boto3.client("cognito-idp"), args.user_pool_id, program)
    existing = len(program.teams) - len(created)
    print(f"{program.name}: created {len(created)} team groups ({existing} existed already)")
    for name in created:
        print(f"  {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
