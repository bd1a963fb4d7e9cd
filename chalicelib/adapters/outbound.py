"""Messages to the work queues (SQS) and emails (SES)."""

import json
from typing import Any

from chalicelib.adapters.aws_errors import speaks_domain_errors
from chalicelib.domain.work import WorkMessage


@speaks_domain_errors
class SqsWorkQueues:
    def __init__(self, sqs: Any, queue_urls: dict[str, str]) -> None:
        self._sqs = sqs
        self._urls = queue_urls

    def send(self, message: WorkMessage) -> None:
        self._sqs.send_message(QueueUrl=self._urls[message.queue], MessageBody=json.dumps(message.body))


@speaks_domain_errors
class SesMailer:
    def __init__(self, ses: Any, sender: str) -> None:
        self._ses = ses
        self._sender = sender

    def send(self, to: str, subject: str, text: str) -> None:
        self._ses.send_email(
            Source=self._sender,
            Destination={"ToAddresses": [to]},
            Message={
                "Subject": {"Data": subject, "Charset": "UTF-8"},
                "Body": {"Text": {"Data": text, "Charset": "UTF-8"}},
            },
        )
