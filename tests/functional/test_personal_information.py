"""What a parent types about their child never reaches a public page or export; the moderation queue
names each kind that was masked and the likely names left for a reviewer to decide."""

import csv
import io
from typing import Any

from tests.functional.conftest import body_of, post_json, signed_in
from tests.functional.journeys import publish_feedback
from tests.support.start_up import modules_loaded_by_importing_app

TEAM = "climate-and-culture"
MASKED = [
    "Tyler Johnson",
    "03/14/2015",
    "123-45-6789",
    "555-0142",
    "maria dot lopez at gmail dot com",
    "300 W Broadway Apt 4B",
    "12345 County Road 220",
]
PARENT_NOTE = (
    "My son Tyler Johnson in 3rd grade was born 03/14/2015 and the office asked for his SSN 123-45-6789 "
    "on paper. Call 555-0142 or write to maria dot lopez at gmail dot com. We moved from "
    "300 W Broadway Apt 4B to 12345 County Road 220. Superintendent Jane Roe never answered, "
    "and Brandon said the same."
)


def submit(client: Any) -> dict[str, Any]:
    document = {"team": TEAM, "body": PARENT_NOTE, "consent_to_publish": True}
    response = post_json(client, "/feedback", document)
    assert response.status_code == 202, response.body
    return body_of(response)


def moderation_queue(client: Any, stack: Any) -> list[dict[str, Any]]:
    return body_of(client.http.get("/queues/moderation", headers=signed_in(stack, "staff")))["items"]


def public_export(client: Any) -> list[dict[str, str]]:
    response = client.http.get("/exports/feedback.csv")
    assert response.status_code == 200, response.body
    return list(csv.DictReader(io.StringIO(response.body.decode("utf-8-sig"))))


def test_the_moderation_queue_shows_each_kind_masked_and_the_likely_names_left_to_the_reviewer(
    client, stack, workers
):
    submit(client)
    workers()

    [item] = moderation_queue(client, stack)

    assert item["personal_information"] == [
        "date_of_birth",
        "email",
        "person_name",
        "phone",
        "ssn",
        "street_address",
    ]
    assert item["likely_names"] == ["Jane Roe", "Brandon"]
    assert not [value for value in MASKED if value in item["public_body"]]


def test_a_published_item_shows_nothing_that_was_masked_on_the_team_page_or_in_the_public_export(
    client, stack, workers
):
    answer = submit(client)
    workers()
    publish_feedback(client, stack, answer["id"])

    page = body_of(client.http.get(f"/teams/{TEAM}/feedback"))
    [row] = [row for row in public_export(client) if row["id"] == answer["id"]]

    assert [item["id"] for item in page["items"]] == [answer["id"]]
    assert [value for value in MASKED if value in str(page) or value in str(row)] == []
    assert "[name removed]" in page["items"][0]["body"] and "likely_names" not in page["items"][0]


def test_starting_the_app_loads_no_phone_number_library():
    loaded = modules_loaded_by_importing_app()

    assert [name for name in loaded if name.startswith(("phonenumbers", "chalicelib.domain.pii"))] == []
