"""What every page rests on: static files named by content and kept a year, display choices that only ever
send a person back into this site, and a language chosen by link, cookie or browser."""

import importlib
import json
import re

import pytest

from chalicelib.api.security_headers import HSTS
from chalicelib.web.languages import preferred_language
from chalicelib.web.site import PAGES
from tests.support.start_up import modules_loaded_by_importing_app

BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


def stylesheet_path(client) -> str:
    html = client.http.get("/", headers=BROWSER).body.decode()
    return re.search(r'href="(/static/site\.[0-9a-f]{12}\.css)"', html).group(1)


def test_the_stylesheet_is_named_by_its_content_and_kept_for_a_year(client):
    response = client.http.get(stylesheet_path(client))

    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/css")
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"


def test_a_static_name_with_another_hash_is_not_found(client):
    assert client.http.get("/static/site.000000000000.css").status_code == 404


@pytest.mark.parametrize(
    "return_to", ["https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)"]
)
def test_a_display_choice_never_sends_a_person_to_another_site(client, return_to):
    response = client.http.post(
        "/display",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        body=f"contrast=high&return_to={return_to}",
    )

    assert response.status_code == 303
    assert response.headers["Location"] == "/"


def test_a_display_choice_is_remembered_in_cookies_and_sends_the_person_back(client):
    response = client.http.post(
        "/display",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        body="text_size=large&return_to=/teams/climate-and-culture?lang=es",
    )

    assert response.headers["Location"] == "/teams/climate-and-culture?lang=es"
    [cookie] = response.headers["Set-Cookie"]
    assert cookie.startswith("text=large;")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_the_page_is_in_spanish_for_a_browser_that_prefers_it(client):
    response = client.http.get("/", headers={**BROWSER, "Accept-Language": "es-MX,es;q=0.9,en;q=0.8"})

    assert '<html lang="es"' in response.body.decode()
    assert response.headers["Content-Language"] == "es"


def test_a_chosen_language_in_the_cookie_wins_over_the_browsers(client):
    response = client.http.get("/", headers={**BROWSER, "Accept-Language": "es", "Cookie": "lang=en"})

    assert '<html lang="en"' in response.body.decode()


@pytest.mark.parametrize(
    ("header", "language"),
    [("", "en"), ("fr-FR, de", "en"), ("en;q=0.5, es;q=0.8", "es"), ("es;q=0, en", "en"), ("ES-us", "es")],
)
def test_the_browsers_ranking_of_languages_is_honoured(header, language):
    assert preferred_language(header) == language


def test_every_page_sends_a_strict_content_security_policy_and_no_referrer(client):
    response = client.http.get("/", headers=BROWSER)

    policy = response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in policy and "http" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Strict-Transport-Security"] == HSTS


def test_an_address_that_answers_a_page_or_json_tells_caches_it_varies_by_accept(client):
    page = client.http.get("/recommendations", headers=BROWSER)
    document = client.http.get("/recommendations", headers={"Accept": "application/json"})

    assert page.headers["Content-Type"].startswith("text/html")
    assert "items" in json.loads(document.body)
    assert "Accept" in page.headers["Vary"] and "Accept-Language" in page.headers["Vary"]
    assert document.headers["Vary"] == "Accept"


def test_every_page_names_a_view_that_exists():
    for declared in PAGES:
        module_name, function_name = declared.view.split(":")
        assert callable(
            getattr(importlib.import_module(f"chalicelib.web.pages.{module_name}"), function_name)
        )


def test_starting_the_app_loads_no_page_module_no_template_engine_and_no_catalogue():
    loaded = modules_loaded_by_importing_app()

    assert [
        name
        for name in loaded
        if name.startswith(("chalicelib.web.pages.", "jinja2", "babel", "markdown_it", "segno"))
    ] == []
