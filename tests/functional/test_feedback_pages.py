"""The feedback form, the problem form and the receipt page, posted and read as a browser does, through the
Chalice app on moto: the same service and the same stored item as the JSON API."""

import re
from typing import Any
from urllib.parse import urlencode

import pytest

from tests.functional.conftest import body_of, post_json, signed_in
from tests.functional.journeys import DRAFT, approve, publish_feedback, start_recommendation
from tests.functional.journeys import link as link_feedback

HOST = "localhost:8000"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
FORM = "application/x-www-form-urlencoded"
TEXT = "Please report growth, not only proficiency, for small rural districts."


def form_page(client: Any, path: str = "/feedback/new", language: str = "en") -> Any:
    return client.http.get(path, headers={"Accept": BROWSER, "Accept-Language": language, "Host": HOST})


def hidden_fields(page: Any) -> dict[str, str]:
    html = page.body.decode()
    found = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', html))
    return {name: found[name] for name in ("form_token", "idempotency_key")}


def post_form(client: Any, fields: dict[str, Any], path: str = "/feedback/new", language: str = "en") -> Any:
    return client.http.post(
        path,
        headers={"Content-Type": FORM, "Accept": BROWSER, "Accept-Language": language, "Host": HOST},
        body=urlencode(fields, doseq=True),
    )


def filled(client: Any, path: str = "/feedback/new", **changes: Any) -> dict[str, Any]:
    fields = {
        **hidden_fields(form_page(client, path)),
        "team": "academic-achievement",
        "body": TEXT,
        "policy_goals": ["distinguish-performance"],
        "name": "Dana Parent",
        "email": "dana@example.org",
        "role": "parent",
        "consent": "yes",
        "website": "",
    }
    return {**fields, **changes}


def filled_slowly(client: Any, **changes: Any) -> dict[str, Any]:
    """A form sent back the moment it was served looks like a bot's; without its token, screening cannot
    tell how long the person took, as with an API client."""
    return filled(client, **changes, form_token="")


def receipt_link(page: Any) -> str:
    found = re.search(
        r'<p class="private-link"><a href="http://localhost:8000(/feedback/[^"]+)"', page.body.decode()
    )
    assert found, page.body.decode()
    return found.group(1).replace("&amp;", "&")


def text_of(page: Any) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page.body.decode()))


def test_the_form_sent_without_javascript_stores_feedback_and_confirms_it_with_a_private_link(client, stack):
    sent = post_form(client, filled(client))

    assert sent.status_code == 200, sent.body
    assert sent.headers["Cache-Control"] == "no-store"
    assert "Feedback sent" in text_of(sent)
    view = body_of(client.http.get(receipt_link(sent)))
    assert view["team"] == "academic-achievement"
    assert view["consent_to_publish"] is True
    assert view["policy_goals"] == ["distinguish-performance"]
    assert stack.count_items("feedback") == 1


def test_each_visit_gets_a_form_of_its_own_that_no_cache_serves_without_asking(client):
    first, second = form_page(client), form_page(client)

    assert first.status_code == 200
    assert first.headers["Cache-Control"] == "no-cache"
    assert all(hidden_fields(first).values())
    assert hidden_fields(first)["idempotency_key"] != hidden_fields(second)["idempotency_key"]


def test_a_form_that_comes_back_with_what_was_typed_is_never_stored(client):
    answer = post_form(client, filled(client, body=""))

    assert answer.status_code == 400
    assert answer.headers["Cache-Control"] == "no-store"


def test_a_team_in_the_address_is_chosen_on_the_form(client):
    page = form_page(client, "/feedback/new?team=climate-and-culture")

    assert re.search(r'value="climate-and-culture"\s+checked', page.body.decode())


def test_a_form_without_team_text_or_consent_says_what_to_do_and_keeps_what_was_typed(client):
    answer = post_form(client, filled(client, team="", body="  ", consent="", email="dana@example.org"))

    assert answer.status_code == 400
    page = text_of(answer)
    assert page.index("Choose a team or General") < page.index("Enter your feedback")
    assert "Choose whether we may publish your feedback" in page
    assert "<title>Error: Send feedback" in answer.body.decode()
    assert 'value="dana@example.org"' in answer.body.decode()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"body": "x" * 5001}, "Feedback must be 5,000 characters or fewer"),
        (
            {"email": "dana.example.org"},
            "Enter an email address in the correct format, like name@example.com",
        ),
        ({"name": "n" * 201}, "Name must be 200 characters or fewer"),
        ({"role": "astronaut"}, "Choose the description that fits you best, or Prefer not to say"),
        ({"team": "no-such-team"}, "Choose a team or General"),
        ({"policy_goals": ["no-such-goal"]}, "Choose policy goals from the list, or none"),
        ({"body": "Growth\x07 matters"}, "Remove the hidden formatting characters from your feedback"),
    ],
)
def test_each_problem_is_said_in_plain_words_beside_its_field(client, stack, changes, message):
    answer = post_form(client, filled(client, **changes))

    assert answer.status_code == 400
    assert text_of(answer).count(message) == 2  # in the summary and beside the field
    assert stack.count_items("feedback") == 0


def test_the_problems_are_in_spanish_for_a_spanish_visitor(client):
    answer = post_form(client, filled(client, body="", email="nope"), language="es")

    assert answer.status_code == 400
    page = text_of(answer)
    assert "Escriba sus comentarios" in page
    assert "Hay un problema" in page
    assert "Enter your feedback" not in page


def test_sending_the_same_form_twice_makes_one_item_and_the_same_receipt(client, stack):
    fields = filled(client)

    first = post_form(client, fields)
    second = post_form(client, fields)

    assert first.status_code == second.status_code == 200
    assert receipt_link(first) == receipt_link(second)
    assert stack.count_items("feedback") == 1


def test_a_form_sent_again_with_other_words_asks_before_it_makes_new_feedback(client, stack):
    fields = filled(client)
    post_form(client, fields)

    changed = post_form(client, {**fields, "body": "Something else entirely about growth."})

    assert changed.status_code == 400
    assert "You already sent this form" in text_of(changed)
    assert hidden_fields(changed)["idempotency_key"] != fields["idempotency_key"]
    assert (
        post_form(client, {**fields, **hidden_fields(changed), "body": "Something else."}).status_code == 200
    )
    assert stack.count_items("feedback") == 2


def test_the_receipt_address_still_answers_json_to_api_clients(client):
    link = receipt_link(post_form(client, filled(client)))

    for accept in (None, "application/json", "*/*"):
        answer = client.http.get(link, headers={"Accept": accept} if accept else {})
        assert answer.status_code == 200
        assert not answer.body.lstrip().startswith(b"<")
        assert body_of(answer)["status"] == "received"


def test_the_receipt_page_says_where_the_feedback_is_and_is_never_stored(client):
    link = receipt_link(post_form(client, filled(client)))

    page = client.http.get(link, headers={"Accept": BROWSER})

    assert page.status_code == 200
    assert page.headers["Cache-Control"] == "no-store"
    assert "Academic Achievement" in text_of(page)
    assert "We received your feedback." in text_of(page)


@pytest.mark.parametrize("query", ["", "?receipt=wrong", "?receipt={receipt}&receipt={receipt}"])
def test_a_wrong_missing_or_repeated_receipt_shows_the_not_found_page(client, query):
    link = receipt_link(post_form(client, filled(client)))
    path, _, receipt = link.partition("?receipt=")

    page = client.http.get(path + query.format(receipt=receipt), headers={"Accept": BROWSER})

    assert page.status_code == 404
    assert "Page not found" in text_of(page)


def test_feedback_kept_private_is_never_said_to_wait_for_a_reviewer(client, workers):
    link = receipt_link(post_form(client, filled(client, consent="no")))
    workers()

    page = text_of(client.http.get(link, headers={"Accept": BROWSER}))

    assert "Not published, as you asked" in page
    assert "The development team still reads it." in page
    assert "reviewer" not in page.lower()


def test_a_rejection_is_explained_in_plain_words(client, stack, workers):
    link = receipt_link(post_form(client, filled(client)))
    workers()
    feedback_id = link.split("/")[2].split("?")[0]
    decided = post_json(
        client,
        f"/queues/moderation/{feedback_id}/decision",
        {"action": "reject", "reason": "off-topic"},
        signed_in(stack, "staff"),
    )
    assert decided.status_code == 200, decided.body

    page = text_of(client.http.get(link, headers={"Accept": BROWSER}))

    assert "Not published" in page
    assert "It is not about the program under review." in page


def test_a_problem_report_goes_to_the_site_channel_and_is_never_published(client, stack):
    fields = {
        **hidden_fields(form_page(client, "/problem")),
        "body": "The Spanish link on the dashboard goes nowhere.",
        "email": "",
        "website": "",
        "team": "academic-achievement",
        "consent": "yes",
    }

    sent = post_form(client, fields, path="/problem")

    assert sent.status_code == 200, sent.body
    assert "Thank you for telling us" in text_of(sent)
    view = body_of(client.http.get(receipt_link(sent)))
    assert view["team"] == "site"
    assert view["consent_to_publish"] is False


def test_an_empty_problem_report_asks_to_describe_the_problem(client):
    answer = post_form(client, {**hidden_fields(form_page(client, "/problem")), "body": ""}, path="/problem")

    assert answer.status_code == 400
    assert "Describe the problem" in text_of(answer)


def test_the_receipt_page_shows_when_the_team_considered_the_feedback(client, stack, workers):
    link = receipt_link(post_form(client, filled_slowly(client, consent="no")))
    workers()
    feedback_id = link.split("/")[2].split("?")[0]
    marked = post_json(
        client,
        f"/teams/academic-achievement/inbox/{feedback_id}",
        {"state": "considered"},
        signed_in(stack, "member-academic-achievement"),
    )
    assert marked.status_code == 200, marked.body

    page = text_of(client.http.get(link, headers={"Accept": BROWSER}))

    assert "Considered by the team" in page
    assert "The development team has considered your feedback." in page


def test_the_receipt_page_links_the_published_recommendations_that_answer_the_feedback(
    client, stack, workers
):
    link = receipt_link(post_form(client, filled_slowly(client)))
    workers()
    feedback_id = link.split("/")[2].split("?")[0]
    publish_feedback(client, stack, feedback_id)
    recommendation_id = start_recommendation(client, stack, "academic-achievement")
    linked = link_feedback(client, stack, recommendation_id, feedback_id, "member-academic-achievement")
    assert linked.status_code in (200, 201), linked.body
    approve(client, stack, "academic-achievement", recommendation_id)

    page = client.http.get(link, headers={"Accept": BROWSER}).body.decode()

    assert f'<a href="/recommendations/{recommendation_id}">{DRAFT["title"]}</a>' in page
    assert "Published" in text_of(client.http.get(link, headers={"Accept": BROWSER}))
