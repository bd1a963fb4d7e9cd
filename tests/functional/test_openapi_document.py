from openapi_spec_validator import validate

from chalicelib.web.blueprint import PAGE_ROUTES
from tests.functional.conftest import body_of


def test_the_openapi_document_is_valid_openapi_3_1(client):
    document = body_of(client.http.get("/openapi.json"))

    assert document["openapi"].startswith("3.1")
    validate(document)


def test_every_route_the_app_serves_is_in_the_document_but_the_sites_pages(client, chalice_app):
    documented = body_of(client.http.get("/openapi.json"))["paths"]

    for path, methods in chalice_app.routes.items():
        for method in methods:
            if (method, path) in PAGE_ROUTES:
                continue
            assert method.lower() in documented.get(path, {}), f"{method} {path} is not documented"


def test_the_feedback_body_schema_comes_from_the_model(client):
    document = body_of(client.http.get("/openapi.json"))
    schemas = document["components"]["schemas"]

    submission = schemas["FeedbackSubmission"]
    assert set(submission["required"]) == {"team", "body", "consent_to_publish"}
    assert submission["additionalProperties"] is False
    assert "parent" in schemas["SubmitterRole"]["enum"]
