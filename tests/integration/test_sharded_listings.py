"""The listings every screened item enters (the moderation queues, a team's inbox, the screened-out
items) are spread over index shards and read merged: pages come in the listing's order with no gaps or
repeats, filters and counts hold across shards, items stored before the shards are still listed, and a
campaign writes no index partition key more than its share. Each test lists a program of its own, so the
table is shared by the module."""

import math
import secrets
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from chalicelib.adapters import aws, keys
from chalicelib.adapters.feedback_items import feedback_item
from chalicelib.adapters.feedback_listings import DynamoFeedbackListings
from chalicelib.adapters.feedback_repository import DynamoFeedbackRepository
from chalicelib.domain import moderation
from chalicelib.domain.claims import Reviewer
from chalicelib.domain.errors import ValidationFailedError
from chalicelib.domain.feedback import Feedback, FeedbackStatus, Screening, TeamState
from chalicelib.domain.feedback_views import InboxFilter
from chalicelib.domain.paging import Page

TEAM = "climate-and-culture"
OTHER_TEAM = "academic-achievement"
START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


@pytest.fixture
def program() -> str:
    return f"program-{secrets.token_hex(4)}"


@pytest.fixture(scope="module")
def app_dynamodb(shared_table) -> Any:
    """A client configured as the app's are (its pool holds a page's concurrent reads)."""
    return aws.client("dynamodb", shared_table[0].meta.region_name)


@pytest.fixture
def listings(app_dynamodb, shared_table) -> DynamoFeedbackListings:
    return DynamoFeedbackListings(app_dynamodb, shared_table[1])


@pytest.fixture
def queries(app_dynamodb) -> Iterator[Counter[str]]:
    """The DynamoDB operations the listings send, by name."""
    calls: Counter[str] = Counter()
    events = app_dynamodb.meta.events

    def count(model: Any, **_: Any) -> None:
        calls[model.name] += 1

    events.register("before-call.dynamodb.*", count)
    yield calls
    events.unregister("before-call.dynamodb.*", count)


def an_id(at: datetime, n: int) -> str:
    """A ULID whose random part is `n`, so the ids, and the shards they hash to, are the same each run."""
    value = (int(at.timestamp() * 1000) << 80) | n
    return "".join(CROCKFORD[(value >> (5 * place)) & 31] for place in reversed(range(26)))


def screened(program: str, n: int, *, goals: tuple[str, ...] = ("goal-1",), spam: bool = False) -> Feedback:
    # Three items to a second, so items of the same moment are ordered by their ids.
    at = START + timedelta(seconds=n // 3)
    received = Feedback(
        id=an_id(at, n),
        program_id=program,
        team=TEAM,
        body=f"Survey families every year, please ({n}).",
        policy_goals=list(goals),
        consent_to_publish=True,
        status=FeedbackStatus.RECEIVED,
        submitted_at=at,
        receipt_hash="0" * 64,
    )
    screening = Screening(
        # Screened in the reverse of the order written: the listings still run as people wrote.
        screened_at=START + timedelta(hours=1, seconds=-n),
        personal_information=[],
        spam_signals=["links"] if spam else [],
        spam=spam,
        fingerprint=f"fingerprint-{n}",
        signature="signature",
        cluster_id=received.id,
    )
    return moderation.screen(received, screening, received.body).feedback


def stored_the_old_way(feedback: Feedback) -> dict[str, Any]:
    """The item as written before the shards: each listing's own key as its index partition key."""
    item = feedback_item(feedback)
    for index in keys.INDEXES:
        if f"{index}PK" in item:
            item[f"{index}PK"] = {"S": item[f"{index}PK"]["S"].rsplit("#", 1)[0]}
    return item


def store(shared_table: tuple[Any, str], items: list[dict[str, Any]]) -> None:
    dynamodb, table = shared_table
    for start in range(0, len(items), 25):
        batch = [{"PutRequest": {"Item": item}} for item in items[start : start + 25]]
        dynamodb.batch_write_item(RequestItems={table: batch})


def every_page(read: Callable[[str | None], Page[Feedback]]) -> list[list[str]]:
    pages, cursor = [], None
    while True:
        page = read(cursor)
        pages.append([feedback.id for feedback in page.items])
        if page.cursor is None:
            return pages
        cursor = page.cursor


def flat(pages: list[list[str]]) -> list[str]:
    return [feedback_id for page in pages for feedback_id in page]


def in_written_order(items: list[Feedback]) -> list[str]:
    return [feedback.id for feedback in sorted(items, key=lambda f: (f.submitted_at, f.id))]


def test_120_queued_items_across_every_shard_page_by_50_each_once_in_the_order_written(
    program, listings, shared_table, queries
):
    items = [screened(program, n) for n in range(120)]
    store(shared_table, [feedback_item(feedback) for feedback in items])
    written = in_written_order(items)

    queue = every_page(lambda cursor: listings.moderation_queue(program, None, 50, cursor))
    team_queue = every_page(lambda cursor: listings.moderation_queue(program, TEAM, 50, cursor))
    oldest_first = every_page(lambda cursor: listings.team_inbox(program, TEAM, 50, cursor, True))
    queries.clear()
    newest_first = every_page(lambda cursor: listings.team_inbox(program, TEAM, 50, cursor, False))

    assert len({keys.listing_shard_of(feedback.id) for feedback in items}) == keys.LISTING_SHARDS
    assert [len(page) for page in queue] == [50, 50, 20]
    assert flat(queue) == flat(team_queue) == flat(oldest_first) == written
    assert flat(newest_first) == written[::-1]
    # Each page is one Query per shard and one for the listing's own key, from before the shards.
    assert queries == {"Query": 3 * (keys.LISTING_SHARDS + 1)}


def test_a_filtered_inbox_pages_and_counts_its_matches_across_every_shard(program, listings, shared_table):
    items = [screened(program, n, goals=("goal-2",) if n % 3 == 0 else ("goal-1",)) for n in range(90)]
    marked = [
        moderation.mark_by_team(feedback, TeamState.ACKNOWLEDGED, "member", START).feedback
        if n % 2 == 0
        else feedback
        for n, feedback in enumerate(items)
    ]
    store(shared_table, [feedback_item(feedback) for feedback in marked])
    only = InboxFilter(state=TeamState.ACKNOWLEDGED, policy_goal="goal-2")
    matching = [
        feedback
        for feedback in marked
        if feedback.team_state == only.state and "goal-2" in feedback.policy_goals
    ]

    pages = every_page(lambda cursor: listings.team_inbox(program, TEAM, 4, cursor, True, only))
    counted = listings.count_in_inbox(program, TEAM, only)
    everything = listings.count_in_inbox(program, TEAM, InboxFilter())

    assert len(matching) == 15
    assert [len(page) for page in pages] == [4, 4, 4, 3]
    assert flat(pages) == in_written_order(matching)
    assert counted == 15
    assert everything == 90


def test_items_stored_before_the_shards_are_still_queued_in_the_inbox_counted_and_screened_out(
    program, listings, shared_table
):
    new = [screened(program, n) for n in range(0, 40, 2)]
    old = [screened(program, n) for n in range(1, 40, 10)]
    old_spam = screened(program, 41, spam=True)
    new_spam = screened(program, 42, spam=True)
    old_items = [stored_the_old_way(feedback) for feedback in [*old, old_spam]]
    store(shared_table, [*(feedback_item(feedback) for feedback in [*new, new_spam]), *old_items])

    queue = every_page(lambda cursor: listings.moderation_queue(program, None, 7, cursor))
    team_queue = every_page(lambda cursor: listings.moderation_queue(program, TEAM, 50, cursor))
    inbox = every_page(lambda cursor: listings.team_inbox(program, TEAM, 7, cursor, False))
    screened_out = every_page(lambda cursor: listings.screened_out(program, 50, cursor))

    assert {item["GSI2PK"]["S"] for item in old_items} == {keys.moderation_queue(program)}
    # Suspected spam waits for moderation too, outside the inbox.
    assert flat(queue) == flat(team_queue) == in_written_order([*new, *old, old_spam, new_spam])
    assert flat(inbox) == in_written_order([*new, *old])[::-1]
    assert listings.count_in_inbox(program, TEAM, InboxFilter()) == len(new) + len(old)
    # Screened out in the reverse of the order written, so listed in that order.
    assert flat(screened_out) == [new_spam.id, old_spam.id]


def test_an_item_stored_before_the_shards_moves_to_its_shard_when_next_written_and_is_listed_once(
    program, listings, shared_table
):
    feedback = screened(program, 1)
    store(shared_table, [stored_the_old_way(feedback)])
    claim = moderation.claim(feedback, Reviewer(id="staff-1", name="Staff"), START, timedelta(minutes=15))

    DynamoFeedbackRepository(*shared_table).save(claim, feedback.version)
    dynamodb, table = shared_table
    key = {"PK": {"S": keys.feedback_pk(feedback.id)}, "SK": {"S": keys.FEEDBACK_SK}}
    stored = dynamodb.get_item(TableName=table, Key=key)["Item"]
    queue = listings.moderation_queue(program, None, 50, None)

    shard = keys.listing_shard_of(feedback.id)
    assert stored["GSI2PK"]["S"] == keys.listing_shard(keys.moderation_queue(program), shard)
    assert [item.id for item in queue.items] == [feedback.id]
    assert queue.items[0].claim is not None


def test_a_cursor_continues_only_the_listing_that_gave_it_out(program, listings, shared_table):
    store(shared_table, [feedback_item(screened(program, n)) for n in range(3)])
    cursor = listings.team_inbox(program, TEAM, 1, None, True).cursor
    assert cursor is not None

    with pytest.raises(ValidationFailedError) as elsewhere:
        listings.team_inbox(program, OTHER_TEAM, 1, cursor, True)
    with pytest.raises(ValidationFailedError):
        listings.moderation_queue(program, TEAM, 1, cursor)
    with pytest.raises(ValidationFailedError):
        listings.moderation_queue(program, None, 1, "not-a-cursor")

    assert [problem.field for problem in elsewhere.value.fields] == ["cursor"]


def test_a_campaign_of_1000_copies_puts_at_most_its_share_under_any_one_index_partition_key(
    program, shared_table
):
    copies = [screened(program, n) for n in range(1000)]
    store(shared_table, [feedback_item(feedback) for feedback in copies])
    dynamodb, table = shared_table
    stored = [
        item
        for page in dynamodb.get_paginator("scan").paginate(
            TableName=table,
            FilterExpression="program_id = :program",
            ExpressionAttributeValues={":program": {"S": program}},
        )
        for item in page["Items"]
    ]
    per_key = Counter(
        (index, item[f"{index}PK"]["S"]) for item in stored for index in keys.INDEXES if f"{index}PK" in item
    )
    share = math.ceil(len(copies) / keys.LISTING_SHARDS)

    assert len(stored) == 1000
    # The inbox, the queue and the team's queue, each over every shard.
    assert len(per_key) == 3 * keys.LISTING_SHARDS
    assert max(per_key.values()) <= share * 1.25, per_key.most_common(3)
