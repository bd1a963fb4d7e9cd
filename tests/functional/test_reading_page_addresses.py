"""The reading pages share their addresses with the JSON API: a browser asking for HTML gets a page, every
other client the API's JSON exactly as before; what a page cannot show is a page, never a server error."""

import html
import re
from typing import Any

import pytest

from tests.functional.conftest import body_of
from tests.functional.journeys import approve, publish_feedback, revise, send_feedback, start_recommendation

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"
TEAM = "academic-achievement"


def approved_twice(client: Any, stack: Any) -> str:
    rec_id = start_recommendation(client, stack, TEAM)
    approve(client, stack, TEAM, rec_id)
    revise(client, stack, TEAM, rec_id, base=1, body="Publish growth for every school building.")
    approve(client, stack, TEAM, rec_id, revision=2)
    return rec_id


def get(client: Any, path: str, accept: str | None = None) -> Any:
    return client.http.get(path, headers={"Accept": accept} if accept else {})


def is_page(response: Any) -> bool:
    return (
        response.headers.get("Content-Type", "").startswith("text/html") and "<h1>" in response.body.decode()
    )


@pytest.mark.parametrize(
    "path", ["/recommendations", "/recommendations/{id}", "/recommendations/{id}/diff?from=1&to=2"]
)
def test_json_clients_get_the_api_s_json_and_browsers_get_a_page_at_each_recommendation_address(
    client, stack, path
):
    rec_id = approved_twice(client, stack)
    address = path.format(id=rec_id)

    as_json = get(client, address, "application/json")
    as_anything = get(client, address)
    as_browser = get(client, address, BROWSER)

    assert as_json.status_code == as_anything.status_code == 200
    assert not is_page(as_json) and not is_page(as_anything)
    assert body_of(as_json) == body_of(as_anything)
    assert as_browser.status_code == 200 and is_page(as_browser)


@pytest.mark.parametrize(
    "path",
    ["/recommendations/no-such-id", "/recommendations/no-such-id/diff?from=1&to=2", "/teams/marching-band"],
)
def test_an_unknown_recommendation_or_team_is_the_site_s_not_found_page(client, path):
    response = get(client, path, BROWSER)

    assert response.status_code == 404 and is_page(response)
    assert "Page not found" in response.body.decode()


def test_a_draft_is_not_found_by_a_browser_either(client, stack):
    draft = start_recommendation(client, stack, TEAM)

    response = get(client, f"/recommendations/{draft}", BROWSER)

    assert response.status_code == 404 and "Page not found" in response.body.decode()


@pytest.mark.parametrize("query", ["from=1&to=7", "from=one&to=2", "to=2", "from=0&to=1"])
def test_a_revision_range_that_cannot_be_compared_is_explained_on_the_page(client, stack, query):
    rec_id = approved_twice(client, stack)

    response = get(client, f"/recommendations/{rec_id}/diff?{query}", BROWSER)

    assert 400 <= response.status_code < 500 and is_page(response)
    assert "Choose two approved revisions" in response.body.decode()


@pytest.mark.parametrize(
    "path", ["/recommendations?cursor=not-a-cursor", "/teams/academic-achievement?cursor=bad"]
)
def test_a_cursor_the_listing_never_gave_out_shows_the_first_page_with_a_note(client, stack, path):
    approved_twice(client, stack)

    response = get(client, path, BROWSER)

    assert response.status_code == 200 and is_page(response)
    assert "first page" in response.body.decode()


def test_an_unknown_filter_on_the_listing_page_shows_every_recommendation_instead_of_an_error(client, stack):
    rec_id = approved_twice(client, stack)

    response = get(client, "/recommendations?team=marching-band&policy_goal=world-peace", BROWSER)

    assert response.status_code == 200 and f"/recommendations/{rec_id}" in response.body.decode()


@pytest.mark.parametrize("path", ["/teams/academic-achievement", "/recommendations/{id}/diff?from=1&to=2"])
def test_the_language_link_and_display_controls_of_a_page_lead_back_to_the_same_address(client, stack, path):
    address = path.format(id=approved_twice(client, stack))

    page = get(client, address, BROWSER).body.decode()

    assert f'href="{address.replace("&", "&amp;")}{"&amp;" if "?" in address else "?"}lang=es"' in page
    assert f'name="return_to" value="{address.replace("&", "&amp;")}"' in page


def next_page_address(page: str, label: str) -> str | None:
    found = re.search(r'<a href="([^"]+)"[^>]*>' + label + "</a>", page)
    return html.unescape(found.group(1)) if found else None


def test_a_team_s_published_feedback_pages_with_the_api_s_cursor_and_limit(client, stack, workers):
    older = send_feedback(client, TEAM, "Report growth for students who change schools mid-year.")
    newer = send_feedback(client, TEAM, "Publish reading growth beside proficiency for every building.")
    workers()
    for sent in (older, newer):
        publish_feedback(client, stack, sent["id"])

    first = get(client, f"/teams/{TEAM}?limit=1", BROWSER).body.decode()
    second_address = next_page_address(first, "Next page")
    second = get(client, second_address, BROWSER).body.decode()

    assert "Publish reading growth" in first and "mid-year" not in first
    assert second_address.startswith(f"/teams/{TEAM}?limit=1&cursor=")
    assert "mid-year" in second and "Publish reading growth" not in second
    assert next_page_address(second, "Back to the first page") == f"/teams/{TEAM}?limit=1#feedback"


def test_the_recommendation_listing_pages_with_the_api_s_cursor_keeping_its_filter(client, stack):
    older, newer = approved_twice(client, stack), approved_twice(client, stack)

    first = get(client, f"/recommendations?team={TEAM}&limit=1", BROWSER).body.decode()
    second = get(client, next_page_address(first, "Next page"), BROWSER).body.decode()

    assert f"/recommendations/{newer}" in first and f"/recommendations/{older}" not in first
    assert f"/recommendations/{older}" in second and f"/recommendations/{newer}" not in second
