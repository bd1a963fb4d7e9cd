"""The dashboard's figures, without I/O: counts per team and goal, campaigns, medians, and no data at all."""

from datetime import UTC, datetime, timedelta

from chalicelib.domain.transparency import NO_POLICY_GOAL, Approval, Decision, Outcome, figures, median_days

START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
CHANNELS = ("academic-achievement", "climate-and-culture", "general", "site")
GOALS = ("expectations", "continuous-improvement")


def decided(
    n: int,
    team: str = "academic-achievement",
    outcome: Outcome = Outcome.PUBLISHED,
    days: float | None = 1,
    goals: tuple[str, ...] = (),
    reason: str | None = None,
    cluster: str | None = None,
) -> Decision:
    return Decision(
        id=f"f{n}",
        team=team,
        policy_goals=goals,
        received_at=START,
        decided_at=START + timedelta(days=days) if days is not None else None,
        outcome=outcome,
        rejection_reason=reason,
        cluster_id=cluster or f"f{n}",
    )


def approved(team: str, days: float | None, goals: tuple[str, ...] = ()) -> Approval:
    submitted = START if days is not None else None
    return Approval(team, goals, submitted, START + timedelta(days=days or 0))


def test_the_median_of_an_odd_number_of_spans_is_the_middle_one():
    assert median_days([(START, START + timedelta(days=d)) for d in (1, 9, 2)]) == 2.0


def test_the_median_of_an_even_number_of_spans_is_halfway_between_the_middle_two():
    assert median_days([(START, START + timedelta(days=d)) for d in (1, 2, 4, 10)]) == 3.0


def test_a_median_is_rounded_to_a_tenth_of_a_day():
    assert median_days([(START, START + timedelta(hours=31))]) == 1.3


def test_spans_without_an_end_are_left_out_and_none_at_all_give_no_median():
    assert median_days([(START, None), (None, START)]) is None
    assert median_days([]) is None


def test_no_feedback_at_all_gives_zero_counts_no_medians_and_says_so():
    found = figures(CHANNELS, GOALS, [], [])

    assert not found.has_feedback
    assert found.total.received == 0 and found.total.rejected_total == 0
    assert found.total.median_days_to_moderation is None and found.total.median_days_to_approval is None
    assert [group.key for group in found.by_team] == list(CHANNELS)
    assert [group.key for group in found.by_policy_goal] == [*GOALS, NO_POLICY_GOAL]


def test_each_team_counts_its_own_outcomes_and_rejections_by_reason():
    found = figures(
        CHANNELS,
        GOALS,
        [
            decided(1),
            decided(2, outcome=Outcome.REJECTED, reason="spam", days=3),
            decided(3, "climate-and-culture", Outcome.REJECTED, reason="off-topic"),
            decided(4, "climate-and-culture", Outcome.NOT_FOR_PUBLICATION, days=None),
            decided(5, "general", Outcome.AWAITING, days=None),
        ],
        [],
    )
    academic, climate, general, site = found.by_team

    assert (academic.received, academic.published, academic.rejected["spam"]) == (2, 1, 1)
    assert academic.median_days_to_moderation == 2.0
    assert (climate.rejected["off-topic"], climate.not_for_publication, climate.rejected_total) == (1, 1, 1)
    assert (general.awaiting, general.median_days_to_moderation) == (1, None)
    assert site.received == 0
    assert found.total.received == 5 and found.total.rejected_total == 2


def test_an_item_counts_under_every_goal_it_names_and_untagged_items_under_none():
    found = figures(
        CHANNELS, GOALS, [decided(1, goals=GOALS), decided(2, goals=("expectations",)), decided(3)], []
    )
    expectations, improvement, untagged = found.by_policy_goal

    assert (expectations.received, improvement.received, untagged.received) == (2, 1, 1)


def test_items_sharing_a_cluster_are_in_a_campaign_and_a_lone_item_is_not():
    found = figures(
        CHANNELS,
        GOALS,
        [
            decided(1, cluster="c"),
            decided(2, "climate-and-culture", cluster="c"),
            decided(3, cluster="c"),
            decided(4),
        ],
        [],
    )

    assert found.total.in_campaign == 3
    assert [group.in_campaign for group in found.by_team[:2]] == [2, 1]


def test_recommendations_published_and_their_median_days_to_approval_follow_team_and_goal():
    found = figures(
        CHANNELS,
        GOALS,
        [decided(1)],
        [
            approved("academic-achievement", 2, ("expectations",)),
            approved("academic-achievement", 4),
            approved("climate-and-culture", None, ("expectations",)),
        ],
    )
    academic, climate = found.by_team[:2]

    assert (academic.recommendations_published, academic.median_days_to_approval) == (2, 3.0)
    assert (climate.recommendations_published, climate.median_days_to_approval) == (1, None)
    assert found.by_policy_goal[0].recommendations_published == 2
