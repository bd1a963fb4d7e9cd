"""The three things a snapshot needs that no AWS API offers, read from the moto server running in this
process: queue messages without receiving them (a receive would count towards the redrive limit),
users' passwords, and a restored user's original `sub` (the app records who did what by `sub`).

moto is pinned (requirements-dev.txt); these reach into its models and are used only by the local stack.
"""

import base64
from typing import Any

from moto.cognitoidp.models import cognitoidp_backends
from moto.core.models import DEFAULT_ACCOUNT_ID
from moto.sqs.models import sqs_backends


def queue_messages(region: str, queue_name: str) -> list[dict[str, Any]]:
    queue = sqs_backends[DEFAULT_ACCOUNT_ID][region].queues.get(queue_name)
    if queue is None:
        return []
    return [
        {
            "body": message.body,
            "message_attributes": {
                name: _encode_message_attribute(value) for name, value in message.message_attributes.items()
            },
            "group_id": message.group_id,
            "deduplication_id": message.deduplication_id,
        }
        for message in list(queue._messages)
    ]


def _encode_message_attribute(value: dict[str, Any]) -> dict[str, Any]:
    encoded = dict(value)
    if isinstance(encoded.get("BinaryValue"), bytes):
        encoded["BinaryValue"] = base64.b64encode(encoded["BinaryValue"]).decode("ascii")
    return encoded


def user_passwords(region: str, user_pool_id: str) -> dict[str, str]:
    pool = cognitoidp_backends[DEFAULT_ACCOUNT_ID][region].user_pools.get(user_pool_id)
    if pool is None:
        return {}
    return {username: user.password for username, user in list(pool.users.items()) if user.password}


def restore_subject(region: str, user_pool_id: str, username: str, subject: str) -> str:
    """Gives a re-created user back its original `sub`; returns the user's username afterwards."""
    pool = cognitoidp_backends[DEFAULT_ACCOUNT_ID][region].user_pools[user_pool_id]
    user = pool.users.pop(username)
    if user.username == user.id:
        user.username = subject
    user.id = subject
    user.update_attributes([{"Name": "sub", "Value": subject}])
    pool.users[user.username] = user
    return str(user.username)
