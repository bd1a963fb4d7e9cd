"""`make verify-audit ID=<recommendation id>`: checks that a recommendation's audit trail is whole and
unaltered: every event carries the hash of the one before, and the last matches the recommendation.

    python -m infra.verify_audit [--local | --endpoint-url URL] [--region R] [--table NAME] ID

With --local it reads the running `make run`; otherwise your AWS configuration, with --table the
stack's TableName output. Exits 0 when the chain holds, 1 when it is broken or cannot be read.
"""

import argparse
import sys

import boto3
from botocore.exceptions import BotoCoreError, ClientError

from chalicelib.adapters.recommendation_repository import DynamoRecommendationRepository
from chalicelib.domain.errors import DomainError
from chalicelib.services.recommendations import audit_report
from infra.local.resources import DEFAULT_TABLE_NAME
from infra.redrive import local_stack_endpoint


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m infra.verify_audit", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("recommendation_id", metavar="ID")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--local", action="store_true", help="the running `make run`, not AWS")
    where.add_argument("--endpoint-url", metavar="URL", help="a DynamoDB endpoint other than AWS's")
    parser.add_argument("--region", help="the region (default: your AWS configuration's)")
    parser.add_argument(
        "--table", default=DEFAULT_TABLE_NAME, help=f"the table (default {DEFAULT_TABLE_NAME})"
    )
    args = parser.parse_args(argv)
    try:
        endpoint, region = local_stack_endpoint() if args.local else (args.endpoint_url, args.region)
        dynamodb = boto3.session.Session().client(
            "dynamodb", region_name=args.region or region, endpoint_url=endpoint
        )
        report = audit_report(
            args.recommendation_id, repository=DynamoRecommendationRepository(dynamodb, args.table)
        )
    except (LookupError, DomainError, BotoCoreError, ClientError) as error:
        # An AWS failure reaches here as a domain error; its cause says what AWS answered.
        print(f"verify-audit: {error.__cause__ or error}", file=sys.stderr)
        return 1
    if report.ok:
        print(f"{args.recommendation_id}: the audit trail holds ({report.checked} events).")
        return 0
    broken_at = report.first_broken_sequence
    print(f"{args.recommendation_id}: the audit trail is BROKEN at event {broken_at}: {report.reason}")
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
