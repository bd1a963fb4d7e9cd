"""CSV exports: the public's hold exactly what the public pages show; staff's add the moderation and
review columns; none holds a submitter's name or email."""

import csv
import io
import json
from typing import Any

from tests.functional.conftest import body_of, post_json, signed_in
from tests.functional.journeys import (
    DRAFT,
    approve,
    publish_feedback,
    send_feedback,
    start_recommendation,
)

ACADEMIC = "academic-achievement"
CLIMATE = "climate-and-culture"


def export(client: Any, name: str, headers: dict[str, str] | None = None) -> tuple[Any, list[dict[str, str]]]:
    response = client.http.get(f"/exports/{name}", headers=headers or {})
    assert response.status_code == 200, response.body
    text = response.body.decode("utf-8-sig")
    return response, list(csv.DictReader(io.StringIO(text)))


def every_public_feedback_page(client: Any) -> list[dict[str, Any]]:
    channels = [team["slug"] for team in body_of(client.http.get("/teams"))["items"]] + ["general", "site"]
    return [
        item for slug in channels for item in body_of(client.http.get(f"/teams/{slug}/feedback"))["items"]
    ]


def submit_with_contact(client: Any, team: str, body: str) -> dict[str, Any]:
    document = {
        "team": team,
        "body": body,
        "consent_to_publish": True,
        "submitter": {"name": "Dana Whitfield", "email": "dana.w@example.org", "role": "parent"},
    }
    response = post_json(client, "/feedback", document)
    assert response.status_code == 202, response.body
    return body_of(response)


def test_the_public_feedback_export_holds_exactly_what_the_team_pages_show(client, stack, workers):
    shown = submit_with_contact(client, CLIMATE, "Call me at (573) 555-0142 about the climate survey.")
    general = send_feedback(client, "general", "Please publish the review calendar early.")
    private = send_feedback(client, CLIMATE, "Only for the team: our gym is freezing.", consent=False)
    waiting = send_feedback(client, ACADEMIC, "Still waiting for a reviewer to read this one.")
    workers()
    for answer in (shown, general):
        publish_feedback(client, stack, answer["id"])

    response, rows = export(client, "feedback.csv")
    pages = every_public_feedback_page(client)

    as_rows = {(row["id"], row["team"], row["body"], int(row["count"])) for row in rows}
    as_pages = {(item["id"], item["team"], item["body"], item["count"]) for item in pages}
    assert as_rows == as_pages and len(rows) == 2
    assert response.headers["Content-Type"].startswith("text/csv")
    assert "attachment" in response.headers["Content-Disposition"]
    text = response.body.decode("utf-8-sig")
    for hidden in (
        "555-0142",
        "Dana",
        "dana.w@example.org",
        "freezing",
        "Still waiting",
        private["id"],
        waiting["id"],
    ):
        assert hidden not in text


def test_the_staff_feedback_export_adds_moderation_columns_and_never_the_submitter(client, stack, workers):
    published = submit_with_contact(client, CLIMATE, "Measure belonging with a short student survey.")
    rejected = send_feedback(client, CLIMATE, "Buy my essay-writing service today, cheap.")
    spam = post_json(
        client,
        "/feedback",
        {
            "team": CLIMATE,
            "body": "Visit my site.",
            "consent_to_publish": True,
            "website": "http://x.example",
        },
    )
    workers()
    publish_feedback(client, stack, published["id"])
    post_json(
        client,
        f"/queues/moderation/{rejected['id']}/decision",
        {"action": "reject", "reason": "off-topic"},
        signed_in(stack, "staff"),
    )

    response, rows = export(client, "feedback.csv", signed_in(stack, "staff"))
    by_id = {row["id"]: row for row in rows}

    assert set(by_id) == {published["id"], rejected["id"], body_of(spam)["id"]}
    assert by_id[published["id"]]["status"] == "published" and by_id[published["id"]]["decided_by"]
    assert (by_id[rejected["id"]]["status"], by_id[rejected["id"]]["rejection_reason"]) == (
        "rejected",
        "off-topic",
    )
    assert by_id[body_of(spam)["id"]]["spam"] == "yes"
    assert "honeypot" in by_id[body_of(spam)["id"]]["spam_signals"]
    assert "Dana" not in response.body.decode() and "dana.w@example.org" not in response.body.decode()
    assert "staff" in response.headers["Content-Disposition"]


def test_the_staff_feedback_export_holds_every_row_of_the_public_one_spam_flagged_ones_included(
    client, stack, workers
):
    flagged = post_json(
        client,
        "/feedback",
        {
            "team": CLIMATE,
            "body": "Flagged by screening, but a reviewer found it fair.",
            "consent_to_publish": True,
            "website": "http://x.example",
        },
    )
    plain = send_feedback(client, ACADEMIC, "Publish the growth model's technical report.")
    workers()
    for answer in (body_of(flagged), plain):
        publish_feedback(client, stack, answer["id"])

    _, public_rows = export(client, "feedback.csv")
    _, staff_rows = export(client, "feedback.csv", signed_in(stack, "staff"))

    public_ids = {row["id"] for row in public_rows}
    assert public_ids == {body_of(flagged)["id"], plain["id"]}
    assert public_ids <= {row["id"] for row in staff_rows}


def test_a_cell_that_starts_like_a_formula_stays_text(client, stack, workers):
    answer = send_feedback(client, CLIMATE, '=HYPERLINK("http://evil.example","Click for survey results")')
    workers()
    publish_feedback(client, stack, answer["id"])

    _, rows = export(client, "feedback.csv")

    assert rows[0]["body"].startswith("'=HYPERLINK(")


def test_the_public_recommendation_export_matches_the_public_listing_with_each_approved_body(client, stack):
    approved = start_recommendation(client, stack, ACADEMIC, title="Growth beside proficiency")
    approve(client, stack, ACADEMIC, approved)
    drafted = start_recommendation(client, stack, CLIMATE, title="A draft nobody outside may read")

    response, rows = export(client, "recommendations.csv")
    listing = body_of(client.http.get("/recommendations"))["items"]

    assert [(row["id"], row["title"], int(row["revision"])) for row in rows] == [
        (item["id"], item["title"], item["revision"]) for item in listing
    ]
    assert rows[0]["body"] == DRAFT["body"]
    assert drafted not in response.body.decode() and "nobody outside" not in response.body.decode()


def test_the_staff_recommendation_export_adds_every_state_and_the_last_review(client, stack):
    approved = start_recommendation(client, stack, ACADEMIC)
    approve(client, stack, ACADEMIC, approved)
    drafted = start_recommendation(client, stack, CLIMATE, title="Still a draft")

    _, rows = export(client, "recommendations.csv", signed_in(stack, "staff"))
    by_id = {row["id"]: row for row in rows}

    assert by_id[approved]["status"] == "approved" and by_id[approved]["last_decision"] == "approved"
    assert by_id[approved]["decided_by"] and by_id[approved]["body"]
    assert by_id[drafted]["status"] == "draft" and by_id[drafted]["current_title"] == "Still a draft"
    assert by_id[drafted]["body"] == "" and by_id[drafted]["title"] == ""


def test_a_member_gets_the_public_export_and_a_bad_token_is_refused(client, stack):
    start_recommendation(client, stack, ACADEMIC)

    _, as_member = export(client, "recommendations.csv", signed_in(stack, f"member-{ACADEMIC}"))
    bad = client.http.get("/exports/recommendations.csv", headers={"Authorization": "Bearer not-a-token"})

    assert as_member == []
    assert bad.status_code == 401 and json.loads(bad.body)["error"]["code"]


def test_a_cursor_from_elsewhere_is_refused_naming_the_field(client):
    response = client.http.get("/exports/feedback.csv?cursor=eyJsaXN0aW5nIjo5OSwiYWZ0ZXIiOm51bGx9")

    assert response.status_code == 422
    assert body_of(response)["error"]["fields"][0]["field"] == "cursor"


def test_the_staff_feedback_export_holds_every_screened_item_spam_rejected_or_kept_private_included(
    client, stack, workers
):
    def spam(body: str, consent: bool) -> str:
        document = {
            "team": CLIMATE,
            "body": body,
            "consent_to_publish": consent,
            "website": "http://x.example",
        }
        return body_of(post_json(client, "/feedback", document))["id"]

    rejected = spam("Buy cheap essays now.", consent=True)
    private = spam("Cheap followers, private please.", consent=False)
    plain = send_feedback(client, ACADEMIC, "Report growth beside proficiency.")["id"]
    workers()
    decision = {"action": "reject", "reason": "spam"}
    assert (
        post_json(
            client, f"/queues/moderation/{rejected}/decision", decision, signed_in(stack, "staff")
        ).status_code
        == 200
    )

    _, staff_rows = export(client, "feedback.csv", signed_in(stack, "staff"))

    assert {row["id"] for row in staff_rows} == {rejected, private, plain}
