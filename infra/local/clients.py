"""The boto3 clients the local stack uses; botocore sends them to AWS_ENDPOINT_URL (the moto server)."""

from dataclasses import dataclass
from typing import Any

import boto3
from botocore.config import Config

from infra.local.config import region_from_env

_CONFIG = Config(retries={"mode": "standard", "max_attempts": 3}, connect_timeout=3, read_timeout=30)


@dataclass(frozen=True)
class AwsClients:
    region: str
    dynamodb: Any
    streams: Any
    sqs: Any
    cognito: Any
    ses: Any

    @classmethod
    def create(cls, endpoint_url: str | None = None, region: str | None = None) -> "AwsClients":
        session = boto3.session.Session()
        region = region or region_from_env()

        def client(service: str) -> Any:
            return session.client(service, region_name=region, endpoint_url=endpoint_url, config=_CONFIG)

        return cls(
            region=region,
            dynamodb=client("dynamodb"),
            streams=client("dynamodbstreams"),
            sqs=client("sqs"),
            cognito=client("cognito-idp"),
            ses=client("ses"),
        )
