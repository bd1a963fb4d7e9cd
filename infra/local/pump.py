"""Stands in for Lambda's event source mappings: feeds SQS messages and DynamoDB stream records to the
app's event handlers, in batches, honouring partial batch failures. Each queue is polled by
`sqs_concurrency` threads, each invoking the handler with its own batch, as Lambda scales out a queue's
consumers; each stream is read by one thread, in order, as Lambda reads a shard.

SQS: a message is deleted only when its batch succeeded (or it is not in `batchItemFailures`); a failed
message is made visible again after `retry_delay_seconds` rather than the queue's visibility timeout, so
local retries take seconds; after the queue's maxReceiveCount SQS itself moves it to the DLQ.
Streams: a failed batch is retried from its first failed record, with backoff, a bounded number of times.
A stream source with FilterCriteria in the template delivers only the records its filter admits, as
Lambda does (infra/local/event_filter.py); a batch with none left is not delivered at all.
"""

import logging
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from chalice.app import Chalice, DynamoDBEventConfig, SQSEventConfig

from infra.local.clients import AwsClients
from infra.local.event_filter import EventFilter, filter_for_handler, stream_filters
from infra.local.lambda_shapes import LambdaContext, dynamodb_record, sqs_record
from infra.local.resources import LocalResources
from infra.local.template import load_template

log = logging.getLogger(__name__)

Handler = Callable[[dict[str, Any], Any], Any]
_SQS_RECEIVE_LIMIT = 10
_STREAM_RECORDS_LIMIT = 1000


@dataclass(frozen=True)
class PumpSettings:
    sqs_wait_seconds: int = 1
    retry_delay_seconds: int = 2
    stream_poll_seconds: float = 0.25
    stream_attempts: int = 5
    stream_backoff_seconds: float = 0.5
    sqs_concurrency: int = 4
    stage: str = "dev"


class _Source:
    def __init__(
        self, name: str, handler: Handler, function_name: str, region: str, concurrency: int = 1
    ) -> None:
        self.name = name
        self._handler = handler
        self._function_name = function_name
        self._region = region
        self._stopping = threading.Event()
        self._threads = [
            threading.Thread(target=self._run_safely, name=f"pump-{name}-{number}", daemon=True)
            for number in range(1, max(1, concurrency) + 1)
        ]
        self._working = 0
        self._working_lock = threading.Lock()

    @property
    def busy(self) -> bool:
        return self._working > 0

    @contextmanager
    def _at_work(self) -> Iterator[None]:
        with self._working_lock:
            self._working += 1
        try:
            yield
        finally:
            with self._working_lock:
                self._working -= 1

    def start(self) -> None:
        for thread in self._threads:
            thread.start()

    def request_stop(self) -> None:
        self._stopping.set()

    def join(self, deadline: float) -> None:
        for thread in self._threads:
            if thread.is_alive():
                thread.join(max(0.0, deadline - time.monotonic()))

    def idle_since(self, mark: float) -> bool:
        raise NotImplementedError

    def _invoke(self, records: list[dict[str, Any]]) -> tuple[bool, Any]:
        context = LambdaContext(function_name=self._function_name, region=self._region)
        try:
            return True, self._handler({"Records": records}, context)
        except Exception:
            log.exception("%s raised; the whole batch of %d failed", self.name, len(records))
            return False, None

    def _run_safely(self) -> None:
        while not self._stopping.is_set():
            try:
                self._run()
                return
            except Exception:
                log.exception("event source %s stopped on an error; restarting it in 1 s", self.name)
                self._stopping.wait(1)

    def _run(self) -> None:
        raise NotImplementedError


def failed_identifiers(result: Any, identifiers: list[str]) -> set[str] | None:
    """The identifiers a handler reported as failed; None when its answer marks the whole batch failed."""
    if not isinstance(result, dict) or not result.get("batchItemFailures"):
        return set()
    failed = set()
    for failure in result["batchItemFailures"]:
        identifier = failure.get("itemIdentifier") if isinstance(failure, dict) else None
        if not identifier or identifier not in identifiers:
            return None
        failed.add(identifier)
    return failed


class SqsSource(_Source):
    def __init__(
        self,
        config: SQSEventConfig,
        handler: Handler,
        function_name: str,
        clients: AwsClients,
        settings: PumpSettings,
    ) -> None:
        super().__init__(config.name, handler, function_name, clients.region, settings.sqs_concurrency)
        self._sqs = clients.sqs
        self._settings = settings
        self._batch_size = config.batch_size
        queue_name = config.queue or str(config.queue_arn).rsplit(":", 1)[-1]
        self.queue_url: str = self._sqs.get_queue_url(QueueName=queue_name)["QueueUrl"]
        attributes = self._sqs.get_queue_attributes(QueueUrl=self.queue_url, AttributeNames=["QueueArn"])
        self.queue_arn: str = attributes["Attributes"]["QueueArn"]

    def idle_since(self, mark: float) -> bool:
        if self.busy:
            return False
        names = [
            "ApproximateNumberOfMessages",
            "ApproximateNumberOfMessagesNotVisible",
            "ApproximateNumberOfMessagesDelayed",
        ]
        counts = self._sqs.get_queue_attributes(QueueUrl=self.queue_url, AttributeNames=names)["Attributes"]
        return not self.busy and all(int(counts.get(name, 0)) == 0 for name in names)

    def _run(self) -> None:
        while not self._stopping.is_set():
            messages = self._receive_one_call(self._settings.sqs_wait_seconds)
            if messages:
                with self._at_work():
                    self._deliver(self._fill_batch(messages))

    def _receive_one_call(self, wait: int, limit: int = _SQS_RECEIVE_LIMIT) -> list[dict[str, Any]]:
        received: list[dict[str, Any]] = self._sqs.receive_message(
            QueueUrl=self.queue_url,
            MaxNumberOfMessages=min(_SQS_RECEIVE_LIMIT, self._batch_size, limit),
            WaitTimeSeconds=wait,
            AttributeNames=["All"],
            MessageAttributeNames=["All"],
        ).get("Messages", [])
        return received

    def _fill_batch(self, messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
        while len(messages) < self._batch_size:
            received = self._receive_one_call(0, self._batch_size - len(messages))
            if not received:
                break
            messages += received
        return messages

    def _deliver(self, messages: list[dict[str, Any]]) -> None:
        records = [sqs_record(message, self.queue_arn, self._region) for message in messages]
        identifiers = [message["MessageId"] for message in messages]
        succeeded, result = self._invoke(records)
        failed = failed_identifiers(result, identifiers) if succeeded else None
        if failed is None:
            failed = set(identifiers)
        done = [message for message in messages if message["MessageId"] not in failed]
        retry = [message for message in messages if message["MessageId"] in failed]
        for start in range(0, len(done), _SQS_RECEIVE_LIMIT):
            self._sqs.delete_message_batch(
                QueueUrl=self.queue_url,
                Entries=[
                    {"Id": str(index), "ReceiptHandle": message["ReceiptHandle"]}
                    for index, message in enumerate(done[start : start + _SQS_RECEIVE_LIMIT])
                ],
            )
        for start in range(0, len(retry), _SQS_RECEIVE_LIMIT):
            self._sqs.change_message_visibility_batch(
                QueueUrl=self.queue_url,
                Entries=[
                    {
                        "Id": str(index),
                        "ReceiptHandle": message["ReceiptHandle"],
                        "VisibilityTimeout": self._settings.retry_delay_seconds,
                    }
                    for index, message in enumerate(retry[start : start + _SQS_RECEIVE_LIMIT])
                ],
            )
        if retry:
            log.warning(
                "%s: %d of %d messages failed; they come back in %d s (receive counts %s)",
                self.name,
                len(retry),
                len(messages),
                self._settings.retry_delay_seconds,
                [message.get("Attributes", {}).get("ApproximateReceiveCount") for message in retry],
            )


class StreamSource(_Source):
    """Reads every shard from LATEST: restored items must not be fed again, so the configured
    starting position (TRIM_HORIZON) is not used locally."""

    def __init__(
        self,
        config: DynamoDBEventConfig,
        handler: Handler,
        function_name: str,
        stream_arn: str,
        clients: AwsClients,
        settings: PumpSettings,
        event_filter: EventFilter | None = None,
    ) -> None:
        super().__init__(config.name, handler, function_name, clients.region)
        self._streams = clients.streams
        self._filter = event_filter
        self._settings = settings
        self._batch_size = min(config.batch_size, _STREAM_RECORDS_LIMIT)
        self.stream_arn = stream_arn
        self._catch_up_until = 0.0
        self._last_empty_poll = 0.0
        self._iterators = self._latest_iterators()

    def request_stop(self, catch_up_seconds: float = 0.0) -> None:
        self._catch_up_until = time.monotonic() + catch_up_seconds
        super().request_stop()

    def idle_since(self, mark: float) -> bool:
        return not self.busy and self._last_empty_poll > mark

    def _latest_iterators(self) -> list[str]:
        shards = self._streams.describe_stream(StreamArn=self.stream_arn)["StreamDescription"]["Shards"]
        return [
            self._streams.get_shard_iterator(
                StreamArn=self.stream_arn, ShardId=shard["ShardId"], ShardIteratorType="LATEST"
            )["ShardIterator"]
            for shard in shards
        ]

    def _run(self) -> None:
        while self._iterators:
            if self._stopping.is_set() and time.monotonic() >= self._catch_up_until:
                return
            found_any = False
            for index, iterator in enumerate(list(self._iterators)):
                answer = self._streams.get_records(ShardIterator=iterator, Limit=self._batch_size)
                self._iterators[index] = answer.get("NextShardIterator")
                if answer["Records"]:
                    found_any = True
                    self._deliver(answer["Records"])
            self._iterators = [iterator for iterator in self._iterators if iterator]
            if not found_any:
                self._last_empty_poll = time.monotonic()
                if self._stopping.is_set():
                    return
                self._stopping.wait(self._settings.stream_poll_seconds)

    def _deliver(self, raw_records: list[dict[str, Any]]) -> None:
        with self._at_work():
            pending = [dynamodb_record(record, self.stream_arn, self._region) for record in raw_records]
            if self._filter is not None:
                pending = [record for record in pending if self._filter.admits(record)]
            if not pending:
                return
            for attempt in range(1, self._settings.stream_attempts + 1):
                succeeded, result = self._invoke(pending)
                numbers = [record["dynamodb"]["SequenceNumber"] for record in pending]
                failed = failed_identifiers(result, numbers) if succeeded else None
                if failed == set():
                    return
                first_failed = 0 if failed is None else min(numbers.index(number) for number in failed)
                pending = pending[first_failed:]
                delay = self._settings.stream_backoff_seconds * 2 ** (attempt - 1)
                log.warning("%s: retrying %d stream records in %.1f s", self.name, len(pending), delay)
                if self._stopping.wait(delay) and time.monotonic() >= self._catch_up_until:
                    break
            keys = [record["dynamodb"]["Keys"] for record in pending]
            log.error("%s: gave up on %d stream records after retries: %s", self.name, len(pending), keys)


class EventPump:
    def __init__(
        self,
        app: Chalice,
        clients: AwsClients,
        resources: LocalResources,
        settings: PumpSettings | None = None,
        filters: Mapping[str, EventFilter] | None = None,
    ) -> None:
        """`filters`: the function's logical ID -> its stream source's filter; by default those of
        infra/template.yml, so a filter the pump cannot apply stops it here."""
        settings = settings or PumpSettings()
        filters = stream_filters(load_template()) if filters is None else filters
        self.sources: list[_Source] = []
        for config in app.event_sources:
            handler = app.handler_map[config.name]
            function_name = f"{app.app_name}-{settings.stage}-{config.name}"
            if isinstance(config, SQSEventConfig):
                self.sources.append(SqsSource(config, handler, function_name, clients, settings))
            elif isinstance(config, DynamoDBEventConfig):
                stream_arn = local_stream_arn(config.stream_arn, resources)
                event_filter = filter_for_handler(filters, config.name)
                self.sources.append(
                    StreamSource(config, handler, function_name, stream_arn, clients, settings, event_filter)
                )
            else:
                log.info(
                    "event source %s (%s) has no local pump; skipped", config.name, type(config).__name__
                )

    def start(self) -> None:
        for source in self.sources:
            source.start()

    def stop(self, catch_up_seconds: float = 0.0, timeout: float = 10.0) -> None:
        """Stops every source; stream sources first deliver what is already in the stream, for at most
        `catch_up_seconds`, so the last writes before a stop are routed too."""
        for source in self.sources:
            if isinstance(source, StreamSource):
                source.request_stop(catch_up_seconds)
            else:
                source.request_stop()
        deadline = time.monotonic() + timeout
        for source in self.sources:
            source.join(deadline)

    def drain(self, timeout: float = 10.0) -> bool:
        """Waits until every queue is empty and every stream has been read to its end, twice in a row
        (a handler may cause more work for another); False if that did not happen within `timeout`."""
        deadline = time.monotonic() + timeout
        settled = 0
        while time.monotonic() < deadline:
            mark = time.monotonic()
            while not self._idle_since(mark) and time.monotonic() < deadline:
                time.sleep(0.1)
            settled = settled + 1 if self._idle_since(mark) else 0
            if settled >= 2:
                return True
        return False

    def _idle_since(self, mark: float) -> bool:
        return all(source.idle_since(mark) for source in self.sources)


def local_stream_arn(configured_arn: str, resources: LocalResources) -> str:
    """The decorator's stream ARN names the table; its stream label is unknown until the table exists."""
    parts = configured_arn.split(":table/", 1)
    table_name = parts[1].split("/", 1)[0] if len(parts) == 2 else None
    streamed = [table for table in resources.tables.values() if table.stream_arn]
    chosen = next((table for table in streamed if table.name == table_name), None)
    if chosen is None and len(streamed) == 1:
        chosen = streamed[0]
    if chosen is None or chosen.stream_arn is None:
        raise ValueError(f"no local table stream matches {configured_arn!r}")
    return chosen.stream_arn
