"""Idempotency for the workers: the function that does one queue record's work runs once per key; a
redelivered record gets the saved result. The records live in the table, under a partition of their own."""

from collections.abc import Callable
from typing import Any, TypeVar, cast

from aws_lambda_powertools.utilities.idempotency import (
    DynamoDBPersistenceLayer,
    IdempotencyConfig,
    idempotent_function,
)

from chalicelib import dependencies

IDEMPOTENCY_PARTITION = "IDEMPOTENCY#workers"

RecordWork = TypeVar("RecordWork", bound=Callable[..., Any])


def once_per_key(unit: str, config: IdempotencyConfig) -> Callable[[RecordWork], RecordWork]:
    """powertools' idempotent_function on a record handler (its argument is named `record`), keyed on
    what `config` picks out of the record; `unit` names the work in the stored keys."""
    decorate = idempotent_function(
        data_keyword_argument="record", persistence_store=_store(), config=config, key_prefix=unit
    )
    return cast(Callable[[RecordWork], RecordWork], decorate)


def _store() -> DynamoDBPersistenceLayer:
    # One store per unit of work: a store keeps the first configuration it is given.
    deps = dependencies.current()
    return DynamoDBPersistenceLayer(
        table_name=deps.table_name,
        key_attr="PK",
        sort_key_attr="SK",
        static_pk_value=IDEMPOTENCY_PARTITION,
        expiry_attr="expires_at",
        boto3_client=deps.dynamodb,
    )
