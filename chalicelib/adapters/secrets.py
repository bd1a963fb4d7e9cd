"""Secrets kept in AWS Secrets Manager, read once when a function starts."""

from chalicelib.adapters.aws import client


def secret_string(secret_id: str, region: str) -> str:
    answer = client("secretsmanager", region).get_secret_value(SecretId=secret_id)
    return str(answer["SecretString"])
