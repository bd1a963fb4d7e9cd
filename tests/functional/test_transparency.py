"""The transparency dashboard and the export behind it: every screened item's moderation outcome is public
without its text, and every number on the dashboard can be worked out again from the public exports."""

import csv
import io
import statistics
from collections import Counter
from datetime import datetime
from typing import Any

from tests.functional.conftest import body_of, post_json, signed_in
from tests.functional.journeys import approve, publish_feedback, send_feedback, start_recommendation

ACADEMIC = "academic-achievement"
CLIMATE = "climate-and-culture"
CAMPAIGN = "Every school should publish its attendance numbers each month so families can see progress."
REASONS = ("off-topic", "abusive", "spam", "personal information", "duplicate")


def csv_rows(response: Any) -> list[dict[str, str]]:
    assert response.status_code == 200, response.body
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    text = response.body.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


def reject(client: Any, stack: Any, feedback_id: str, reason: str) -> None:
    response = post_json(
        client,
        f"/queues/moderation/{feedback_id}/decision",
        {"action": "reject", "reason": reason},
        signed_in(stack, "staff"),
    )
    assert response.status_code == 200, response.body


def send_spam(client: Any, *, consent: bool = True) -> str:
    document = {
        "team": CLIMATE,
        "body": "Visit my site.",
        "consent_to_publish": consent,
        "website": "http://x.example",
    }
    response = post_json(client, "/feedback", document)
    assert response.status_code == 202, response.body
    return body_of(response)["id"]


def a_review_with_every_outcome(client: Any, stack: Any, workers: Any) -> dict[str, str]:
    made = {
        "published": send_feedback(client, ACADEMIC, "Report growth beside proficiency for every building.")[
            "id"
        ],
        "off_topic": send_feedback(client, CLIMATE, "Our bus was late again this morning.")["id"],
        "private": send_feedback(client, CLIMATE, "Only for the team: our gym is freezing.", consent=False)[
            "id"
        ],
        "awaiting": send_feedback(client, "general", "Please publish the review calendar early.")["id"],
        "spam_rejected": send_spam(client),
        "spam_private": send_spam(client, consent=False),
    }
    campaign = [send_feedback(client, ACADEMIC, CAMPAIGN)["id"] for _ in range(3)]
    post_json(
        client,
        "/feedback",
        {
            "team": ACADEMIC,
            "body": "Tie the plan to goals, please.",
            "consent_to_publish": True,
            "policy_goals": ["expectations", "continuous-improvement"],
        },
    )
    workers()
    publish_feedback(client, stack, made["published"])
    reject(client, stack, made["off_topic"], "off-topic")
    reject(client, stack, made["spam_rejected"], "spam")
    publish_feedback(client, stack, campaign[0])
    reject(client, stack, campaign[1], "duplicate")
    approved = start_recommendation(client, stack, ACADEMIC)
    approve(client, stack, ACADEMIC, approved)
    start_recommendation(client, stack, CLIMATE, title="A draft that counts nowhere")
    return made


def test_the_decisions_export_holds_every_screened_item_once_with_its_outcome_and_never_its_text(
    client, stack, workers
):
    made = a_review_with_every_outcome(client, stack, workers)

    response = client.http.get("/exports/decisions.csv")
    rows = csv_rows(response)
    by_id = {row["id"]: row for row in rows}

    assert len(rows) == len(by_id) == 10
    assert {name: (by_id[made[name]]["outcome"], by_id[made[name]]["rejection_reason"]) for name in made} == {
        "published": ("published", ""),
        "off_topic": ("rejected", "off-topic"),
        "private": ("not-for-publication", ""),
        "awaiting": ("awaiting", ""),
        "spam_rejected": ("rejected", "spam"),
        "spam_private": ("not-for-publication", ""),
    }
    assert by_id[made["published"]]["decided_at"] and not by_id[made["awaiting"]]["decided_at"]
    text = response.body.decode()
    for never in ("growth beside", "bus was late", "freezing", "calendar", "Visit my site", "attendance"):
        assert never not in text
    assert "attachment" in response.headers["Content-Disposition"]


def test_every_number_on_the_dashboard_is_worked_out_again_from_the_public_exports(client, stack, workers):
    a_review_with_every_outcome(client, stack, workers)

    dashboard = csv_rows(client.http.get("/dashboard.csv"))
    decisions = csv_rows(client.http.get("/exports/decisions.csv"))
    recommendations = csv_rows(client.http.get("/exports/recommendations.csv"))
    published_feedback = csv_rows(client.http.get("/exports/feedback.csv"))

    recomputed = recompute(decisions, recommendations, body_of(client.http.get("/program")))
    shown = {(row["grouping"], row["id"]): without_name(row) for row in dashboard}
    assert shown == recomputed
    assert shown[("all", "")]["published"] == str(sum(int(row["count"]) for row in published_feedback))
    assert shown[("team", ACADEMIC)]["in_campaign"] == "3"
    assert shown[("all", "")]["received"] == "10"


def test_the_dashboard_says_no_feedback_yet_instead_of_drawing_empty_charts(client):
    response = client.http.get("/dashboard", headers={"Accept": "text/html"})

    page = response.body.decode()
    assert response.status_code == 200
    assert "No feedback yet" in page and "<svg" not in page


def test_the_dashboard_draws_each_chart_with_its_numbers_in_a_table_beside_it(client, stack, workers):
    a_review_with_every_outcome(client, stack, workers)

    page = client.http.get("/dashboard", headers={"Accept": "text/html"}).body.decode()

    assert page.count('role="img"') == 3 and page.count("<desc") == 3
    assert "Academic Achievement received the most feedback: 5 of 10 messages." in page
    assert page.count("<caption") == 7


def without_name(row: dict[str, str]) -> dict[str, str]:
    return {column: value for column, value in row.items() if column not in ("grouping", "id", "name")}


def recompute(
    decisions: list[dict[str, str]], recommendations: list[dict[str, str]], program: dict[str, Any]
) -> dict[tuple[str, str], dict[str, str]]:
    def goals(row: dict[str, str]) -> set[str]:
        return {goal for goal in row["policy_goals"].split("; ") if goal}

    clusters = Counter(row["cluster_id"] for row in decisions)
    channels = [team["slug"] for team in program["teams"]] + ["general", "site"]
    goal_ids = [goal["id"] for goal in program["policy_goals"]]
    groups: dict[tuple[str, str], Any] = {
        ("team", channel): lambda r, c=channel: r["team"] == c for channel in channels
    }
    groups |= {("policy_goal", goal): lambda r, g=goal: g in goals(r) for goal in goal_ids}
    groups[("policy_goal", "")] = lambda r: not goals(r)
    groups[("all", "")] = lambda r: True
    expected = {}
    for key, belongs in groups.items():
        mine = [row for row in decisions if belongs(row)]
        ours = [row for row in recommendations if belongs(row)]
        outcomes = Counter(row["outcome"] for row in mine)
        reasons = Counter(row["rejection_reason"] for row in mine)
        expected[key] = {
            "received": str(len(mine)),
            "published": str(outcomes["published"]),
            "rejected": str(outcomes["rejected"]),
            **{
                f"rejected_{reason.replace('-', '_').replace(' ', '_')}": str(reasons[reason])
                for reason in REASONS
            },
            "not_for_publication": str(outcomes["not-for-publication"]),
            "awaiting": str(outcomes["awaiting"]),
            "in_campaign": str(sum(1 for row in mine if clusters[row["cluster_id"]] > 1)),
            "median_days_to_moderation": median_days(mine, "received_at", "decided_at"),
            "recommendations_published": str(len(ours)),
            "median_days_to_approval": median_days(ours, "submitted_for_approval_at", "approved_at"),
        }
    return expected


def median_days(rows: list[dict[str, str]], start: str, end: str) -> str:
    spans = [
        (datetime.fromisoformat(row[end]) - datetime.fromisoformat(row[start])).total_seconds() / 86400
        for row in rows
        if row[start] and row[end]
    ]
    return f"{round(statistics.median(spans), 1):.1f}" if spans else ""
