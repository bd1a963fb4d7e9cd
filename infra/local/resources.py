"""Creates the template's tables, queues, user pool and SES identities with boto3, from the template's own
Properties, so the local stack and the cloud stack cannot drift. Idempotent: what already exists is found,
not recreated.

Only these resource types are created locally; the template's other resources (alarms, topics, ...) have
no local counterpart and are skipped.
"""

import contextlib
import json
import logging
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from botocore.exceptions import ClientError

from infra.local.clients import AwsClients
from infra.local.template import TEMPLATE_PATH, Outputs, Resolver, Resource, load_template, resources_of

log = logging.getLogger(__name__)

TABLE = "AWS::DynamoDB::Table"
QUEUE = "AWS::SQS::Queue"
USER_POOL = "AWS::Cognito::UserPool"
USER_POOL_CLIENT = "AWS::Cognito::UserPoolClient"
USER_POOL_GROUP = "AWS::Cognito::UserPoolGroup"
EMAIL_IDENTITY = "AWS::SES::EmailIdentity"
DEFAULT_TABLE_NAME = "public-review"


@dataclass(frozen=True)
class Table:
    logical_id: str
    name: str
    arn: str
    stream_arn: str | None


@dataclass(frozen=True)
class Queue:
    logical_id: str
    name: str
    url: str
    arn: str

    @property
    def environment_variable(self) -> str:
        """ScreeningQueue -> SCREENING_QUEUE_URL: the name the app reads the queue's URL from."""
        return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", self.logical_id).upper() + "_URL"


@dataclass(frozen=True)
class LocalResources:
    region: str
    tables: dict[str, Table]
    queues: dict[str, Queue]
    user_pool_id: str
    user_pool_name: str
    user_pool_client_id: str
    groups: tuple[str, ...]
    email_identities: tuple[str, ...] = ()

    @property
    def table(self) -> Table:
        return next(iter(self.tables.values()))

    @property
    def table_name(self) -> str:
        return self.table.name

    def queue_named(self, name: str) -> Queue | None:
        return next((queue for queue in self.queues.values() if queue.name == name), None)

    @property
    def sender_email(self) -> str | None:
        """The verified address the app sends from: the first identity that is an address, not a domain."""
        return next((identity for identity in self.email_identities if "@" in identity), None)

    def app_environment(self) -> dict[str, str]:
        environment = {
            "TABLE_NAME": self.table_name,
            "USER_POOL_ID": self.user_pool_id,
            "USER_POOL_CLIENT_ID": self.user_pool_client_id,
        }
        environment.update({queue.environment_variable: queue.url for queue in self.queues.values()})
        if self.sender_email:
            environment["SENDER_EMAIL"] = self.sender_email
        return environment


def create_resources(
    template_path: Path = TEMPLATE_PATH, clients: AwsClients | None = None, table_name: str | None = None
) -> LocalResources:
    clients = clients or AwsClients.create()
    template = load_template(template_path)
    resolver = Resolver(template, clients.region)
    names = _TableNames(table_name or os.environ.get("TABLE_NAME") or DEFAULT_TABLE_NAME)
    created: dict[str, list[tuple[str, Outputs]]] = {kind: [] for kind in _CREATORS}
    for resource in resources_of(template, _CREATORS):
        properties = resolver.resolve(resource.properties)
        if resource.type == TABLE:
            properties.setdefault("TableName", names.next())
        outputs = _CREATORS[resource.type](clients, resource, properties)
        resolver.created(resource.logical_id, outputs)
        created[resource.type].append((resource.logical_id, outputs))
    return _collect(clients.region, created)


class _TableNames:
    def __init__(self, first: str) -> None:
        self._first = first
        self._given = 0

    def next(self) -> str:
        self._given += 1
        return self._first if self._given == 1 else f"{self._first}-{self._given}"


def _collect(region: str, created: dict[str, list[tuple[str, Outputs]]]) -> LocalResources:
    pools, pool_clients = created[USER_POOL], created[USER_POOL_CLIENT]
    if not created[TABLE] or len(pools) != 1 or len(pool_clients) < 1:
        raise ValueError("the template must define a table, exactly one user pool and a user pool client")
    return LocalResources(
        region=region,
        tables={
            logical_id: Table(logical_id, out.ref, out.attributes["Arn"], out.attributes.get("StreamArn"))
            for logical_id, out in created[TABLE]
        },
        queues={
            logical_id: Queue(logical_id, out.attributes["QueueName"], out.ref, out.attributes["Arn"])
            for logical_id, out in created[QUEUE]
        },
        user_pool_id=pools[0][1].ref,
        user_pool_name=pools[0][1].attributes["Name"],
        user_pool_client_id=pool_clients[0][1].ref,
        groups=tuple(out.ref for _, out in created[USER_POOL_GROUP]),
        email_identities=tuple(out.ref for _, out in created[EMAIL_IDENTITY]),
    )


def _api_arguments(
    client: Any, operation: str, arguments: dict[str, Any], resource: Resource
) -> dict[str, Any]:
    accepted = client.meta.service_model.operation_model(operation).input_shape.members
    ignored = sorted(set(arguments) - set(accepted))
    if ignored:
        log.info("%s: %s has no local equivalent; ignored", resource.logical_id, ", ".join(ignored))
    return {key: value for key, value in arguments.items() if key in accepted}


def _create_table(clients: AwsClients, resource: Resource, properties: dict[str, Any]) -> Outputs:
    dynamodb = clients.dynamodb
    arguments = dict(properties)
    name = arguments["TableName"]
    ttl = arguments.pop("TimeToLiveSpecification", None)
    recovery = arguments.pop("PointInTimeRecoverySpecification", None)
    if "StreamSpecification" in arguments:
        arguments["StreamSpecification"] = {"StreamEnabled": True, **arguments["StreamSpecification"]}
    if "SSESpecification" in arguments:
        sse = arguments["SSESpecification"]
        arguments["SSESpecification"] = {
            ("Enabled" if key == "SSEEnabled" else key): value for key, value in sse.items()
        }
    with contextlib.suppress(dynamodb.exceptions.ResourceInUseException):
        dynamodb.create_table(**_api_arguments(dynamodb, "CreateTable", arguments, resource))
    dynamodb.get_waiter("table_exists").wait(TableName=name, WaiterConfig={"Delay": 1, "MaxAttempts": 30})
    if ttl and dynamodb.describe_time_to_live(TableName=name)["TimeToLiveDescription"].get(
        "TimeToLiveStatus"
    ) != ("ENABLED" if ttl.get("Enabled") else "DISABLED"):
        dynamodb.update_time_to_live(TableName=name, TimeToLiveSpecification=ttl)
    if recovery:
        dynamodb.update_continuous_backups(TableName=name, PointInTimeRecoverySpecification=recovery)
    table = dynamodb.describe_table(TableName=name)["Table"]
    attributes = {"Arn": table["TableArn"]}
    if table.get("LatestStreamArn"):
        attributes["StreamArn"] = table["LatestStreamArn"]
    return Outputs(ref=name, attributes=attributes)


def _queue_attribute(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list):
        return json.dumps(value)
    return str(value)


def _create_queue(clients: AwsClients, resource: Resource, properties: dict[str, Any]) -> Outputs:
    sqs = clients.sqs
    fifo = bool(properties.get("FifoQueue"))
    name = properties.get("QueueName") or resource.logical_id + (".fifo" if fifo else "")
    tags = {tag["Key"]: tag["Value"] for tag in properties.get("Tags", [])}
    attributes = {
        key: _queue_attribute(value) for key, value in properties.items() if key not in ("QueueName", "Tags")
    }
    try:
        url = sqs.create_queue(QueueName=name, Attributes=attributes, tags=tags)["QueueUrl"]
    except ClientError as error:
        if error.response["Error"]["Code"] not in ("QueueAlreadyExists", "QueueNameExists"):
            raise
        url = sqs.get_queue_url(QueueName=name)["QueueUrl"]
        sqs.set_queue_attributes(QueueUrl=url, Attributes=attributes)
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    return Outputs(ref=url, attributes={"Arn": arn, "QueueName": name, "QueueUrl": url})


def _create_user_pool(clients: AwsClients, resource: Resource, properties: dict[str, Any]) -> Outputs:
    cognito = clients.cognito
    arguments = dict(properties)
    name = arguments.pop("UserPoolName", None) or resource.logical_id
    pool_id = _find_user_pool(cognito, name)
    if pool_id is None:
        pool_id = cognito.create_user_pool(
            **_api_arguments(cognito, "CreateUserPool", {**arguments, "PoolName": name}, resource)
        )["UserPool"]["Id"]
    _set_mfa(cognito, pool_id, properties)
    provider = f"cognito-idp.{clients.region}.amazonaws.com/{pool_id}"
    arn = cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"]["Arn"]
    return Outputs(
        ref=pool_id,
        attributes={"Arn": arn, "Name": name, "ProviderName": provider, "ProviderURL": f"https://{provider}"},
    )


def _set_mfa(cognito: Any, pool_id: str, properties: dict[str, Any]) -> None:
    # CloudFormation turns `EnabledMfas` into this call after creating the pool; CreateUserPool has no such
    # argument. Made on every start, so a pool kept from before takes the template's setting.
    if "MfaConfiguration" not in properties:
        return
    enabled = properties.get("EnabledMfas", [])
    cognito.set_user_pool_mfa_config(
        UserPoolId=pool_id,
        SoftwareTokenMfaConfiguration={"Enabled": "SOFTWARE_TOKEN_MFA" in enabled},
        MfaConfiguration=properties["MfaConfiguration"],
    )


def _find_user_pool(cognito: Any, name: str) -> str | None:
    for page in cognito.get_paginator("list_user_pools").paginate(MaxResults=60):
        for pool in page["UserPools"]:
            if pool["Name"] == name:
                return str(pool["Id"])
    return None


def _create_user_pool_client(clients: AwsClients, resource: Resource, properties: dict[str, Any]) -> Outputs:
    cognito = clients.cognito
    pool_id = properties["UserPoolId"]
    name = properties.get("ClientName") or resource.logical_id
    for page in cognito.get_paginator("list_user_pool_clients").paginate(UserPoolId=pool_id, MaxResults=60):
        for existing in page["UserPoolClients"]:
            if existing["ClientName"] == name:
                return Outputs(ref=existing["ClientId"], attributes={"Name": name})
    arguments = _api_arguments(cognito, "CreateUserPoolClient", {**properties, "ClientName": name}, resource)
    client_id = cognito.create_user_pool_client(**arguments)["UserPoolClient"]["ClientId"]
    return Outputs(ref=client_id, attributes={"Name": name})


def _create_user_pool_group(clients: AwsClients, resource: Resource, properties: dict[str, Any]) -> Outputs:
    cognito = clients.cognito
    name = properties.get("GroupName") or resource.logical_id
    with contextlib.suppress(cognito.exceptions.GroupExistsException):
        cognito.create_group(
            **_api_arguments(cognito, "CreateGroup", {**properties, "GroupName": name}, resource)
        )
    return Outputs(ref=name)


def _create_email_identity(clients: AwsClients, resource: Resource, properties: dict[str, Any]) -> Outputs:
    # moto verifies an identity at once; AWS emails the address a link (or waits for the domain's DNS).
    identity = properties["EmailIdentity"]
    if "@" in identity:
        clients.ses.verify_email_identity(EmailAddress=identity)
    else:
        clients.ses.verify_domain_identity(Domain=identity)
    return Outputs(ref=identity)


_CREATORS: dict[str, Callable[[AwsClients, Resource, dict[str, Any]], Outputs]] = {
    TABLE: _create_table,
    QUEUE: _create_queue,
    USER_POOL: _create_user_pool,
    USER_POOL_CLIENT: _create_user_pool_client,
    USER_POOL_GROUP: _create_user_pool_group,
    EMAIL_IDENTITY: _create_email_identity,
}
