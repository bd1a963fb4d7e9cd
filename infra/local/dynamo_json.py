"""DynamoDB attribute values as JSON: boto3 returns binary values as bytes; JSON (and Lambda events) carry
them base64-encoded."""

import base64
from collections.abc import Callable
from typing import Any


def encode_item(item: dict[str, Any]) -> dict[str, Any]:
    return {name: _convert(value, _encode) for name, value in item.items()}


def decode_item(item: dict[str, Any]) -> dict[str, Any]:
    return {name: _convert(value, base64.b64decode) for name, value in item.items()}


def _encode(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _convert(value: dict[str, Any], binary: Callable[[Any], Any]) -> dict[str, Any]:
    (kind, inner), *_ = value.items()
    if kind == "B":
        return {"B": binary(inner)}
    if kind == "BS":
        return {"BS": [binary(part) for part in inner]}
    if kind == "M":
        return {"M": {name: _convert(part, binary) for name, part in inner.items()}}
    if kind == "L":
        return {"L": [_convert(part, binary) for part in inner]}
    return value
