"""Idempotency for the workers: the function that does one queue record's work runs once per key; a
redelivered record gets the saved result. The records live in the table, each under a partition of its own
(`IDEMPOTENCY#<unit>#<hash>`), so that a burst of work spreads over many partitions rather than one."""

from collections.abc import Callable
from typing import Any, TypeVar, cast

from aws_lambda_powertools.utilities.idempotency import (
    DynamoDBPersistenceLayer,
    IdempotencyConfig,
    idempotent_function,
)

from chalicelib import dependencies
from chalicelib.adapters import keys

RecordWork = TypeVar("RecordWork", bound=Callable[..., Any])


def once_per_key(unit: str, config: IdempotencyConfig) -> Callable[[RecordWork], RecordWork]:
    """powertools' idempotent_function on a record handler (its argument is named `record`), keyed on
    what `config` picks out of the record; `unit` names the work in the stored keys."""
    decorate = idempotent_function(
        data_keyword_argument="record", persistence_store=_store(), config=config, key_prefix=unit
    )
    return cast(Callable[[RecordWork], RecordWork], decorate)


class _KeyedPerRecord(DynamoDBPersistenceLayer):
    """powertools' DynamoDB store with the record's own key as its partition: the store's composite keys
    otherwise put every record under one static partition key."""

    def _get_key(self, idempotency_key: str) -> dict[str, Any]:
        return {
            "PK": {"S": keys.worker_idempotency_pk(idempotency_key)},
            "SK": {"S": keys.WORKER_IDEMPOTENCY_SK},
        }


def _store() -> DynamoDBPersistenceLayer:
    # One store per unit of work: a store keeps the first configuration it is given.
    deps = dependencies.current()
    return _KeyedPerRecord(
        table_name=deps.table_name,
        key_attr="PK",
        sort_key_attr="SK",
        expiry_attr="expires_at",
        boto3_client=deps.dynamodb,
    )
