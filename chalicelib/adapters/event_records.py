"""What happens at an event after it starts, kept in its partition beside its registrations: each
person's presence at each session, the certificates of who earned credit (findable by their code through
GSI1 for the public verification page), and the recordings of its sessions."""

from typing import Any, TypeVar

from chalicelib.adapters import keys
from chalicelib.adapters.aws_errors import speaks_domain_errors
from chalicelib.adapters.entities import Entity
from chalicelib.adapters.items import from_item, plain, to_item
from chalicelib.adapters.transactions import Write, transact
from chalicelib.domain.attendance import Presence
from chalicelib.domain.certificates import Certificate, IssuedCertificate
from chalicelib.domain.model import Model
from chalicelib.domain.recordings import Recording

_PER_TRANSACTION = 100


@speaks_domain_errors
class DynamoEventRecords:
    def __init__(self, dynamodb: Any, table_name: str) -> None:
        self._dynamodb = dynamodb
        self._table = table_name

    def record_presences(self, program_id: str, event_id: str, presences: list[Presence]) -> None:
        """Stores each presence, replacing what was recorded of that person at that session."""
        # One write per person and session: a transaction may not touch an item twice.
        latest = {(presence.session_id, presence.registration_id): presence for presence in presences}
        self._write(
            [self._put(self._presence_item(program_id, event_id, presence)) for presence in latest.values()]
        )

    def presences(self, program_id: str, event_id: str) -> list[Presence]:
        return [
            _model(item, Presence) for item in self._partition(program_id, event_id, keys.PRESENCE_PREFIX)
        ]

    def certificates(self, program_id: str, event_id: str) -> dict[str, Certificate]:
        """The event's certificates by the registration code of who holds each."""
        items = self._partition(program_id, event_id, keys.CERTIFICATE_PREFIX)
        return {str(from_item(item)["registration_code"]): _model(item, Certificate) for item in items}

    def replace_certificates(
        self, program_id: str, event_id: str, before: dict[str, Certificate], after: dict[str, Certificate]
    ) -> None:
        writes: list[dict[str, Any]] = [
            self._put(self._certificate_item(program_id, code, certificate))
            for code, certificate in after.items()
            if before.get(code) != certificate
        ]
        writes += [
            self._delete(_key(program_id, event_id, keys.certificate_sk(code)))
            for code in before
            if code not in after
        ]
        self._write(writes)

    def certificate(self, code: str) -> Certificate | None:
        response = self._dynamodb.query(
            TableName=self._table,
            IndexName="GSI1",
            KeyConditionExpression="GSI1PK = :pk",
            ExpressionAttributeValues={":pk": {"S": keys.certificate_code_key(code)}},
            Limit=1,
        )
        items = response.get("Items", [])
        return _model(items[0], Certificate) if items else None

    def add_recording(self, program_id: str, recording: Recording) -> None:
        attributes = recording.model_dump(mode="json") | {
            **_plain_key(
                program_id, recording.event_id, keys.recording_sk(recording.session_id, recording.id)
            ),
            "entity": Entity.RECORDING,
        }
        self._dynamodb.put_item(TableName=self._table, Item=to_item(attributes))

    def recordings(self, program_id: str, event_id: str) -> list[Recording]:
        return [
            _model(item, Recording) for item in self._partition(program_id, event_id, keys.RECORDING_PREFIX)
        ]

    def _presence_item(self, program_id: str, event_id: str, presence: Presence) -> dict[str, Any]:
        sort_key = keys.presence_sk(presence.session_id, presence.registration_id)
        attributes = presence.model_dump(mode="json") | {
            **_plain_key(program_id, event_id, sort_key),
            "entity": Entity.PRESENCE,
        }
        return to_item(attributes)

    def _certificate_item(
        self, program_id: str, registration_code: str, certificate: Certificate
    ) -> dict[str, Any]:
        attributes = certificate.model_dump(mode="json") | {
            **_plain_key(program_id, certificate.event_id, keys.certificate_sk(registration_code)),
            "entity": Entity.CERTIFICATE,
            "registration_code": registration_code,
            "program_id": program_id,
            "GSI1PK": keys.certificate_code_key(certificate.code),
            "GSI1SK": keys.certificate_code_key(certificate.code),
        }
        return to_item(attributes)

    def _partition(self, program_id: str, event_id: str, prefix: str) -> list[dict[str, Any]]:
        pages = self._dynamodb.get_paginator("query").paginate(
            TableName=self._table,
            KeyConditionExpression="PK = :pk AND begins_with(SK, :prefix)",
            ExpressionAttributeValues={
                ":pk": {"S": keys.program_event_pk(program_id, event_id)},
                ":prefix": {"S": prefix},
            },
            ConsistentRead=True,
        )
        return [item for page in pages for item in page["Items"]]

    def _write(self, requests: list[dict[str, Any]]) -> None:
        # Transactions, not BatchWriteItem: the functions' policy allows the item actions they are made of.
        for start in range(0, len(requests), _PER_TRANSACTION):
            chunk = requests[start : start + _PER_TRANSACTION]
            transact(self._dynamodb, [Write(f"write-{n}", request) for n, request in enumerate(chunk)])

    def _put(self, item: dict[str, Any]) -> dict[str, Any]:
        return {"Put": {"TableName": self._table, "Item": item}}

    def _delete(self, key: dict[str, Any]) -> dict[str, Any]:
        return {"Delete": {"TableName": self._table, "Key": key}}


def _plain_key(program_id: str, event_id: str, sort_key: str) -> dict[str, str]:
    return {"PK": keys.program_event_pk(program_id, event_id), "SK": sort_key}


def _key(program_id: str, event_id: str, sort_key: str) -> dict[str, Any]:
    return {name: {"S": value} for name, value in _plain_key(program_id, event_id, sort_key).items()}


def issued_certificate_from(item: dict[str, Any]) -> IssuedCertificate:
    attributes = from_item(item)
    return IssuedCertificate(
        program_id=str(attributes["program_id"]),
        registration_code=str(attributes["registration_code"]),
        certificate=_model(item, Certificate),
    )


Read = TypeVar("Read", bound=Model)


def _model(item: dict[str, Any], model: type[Read]) -> Read:
    attributes = plain(from_item(item))
    return model.model_validate(
        {name: value for name, value in attributes.items() if name in model.model_fields}
    )
