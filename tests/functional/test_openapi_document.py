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


def test_every_signed_in_route_documents_its_401_as_the_apis_error_body(client):
    paths = body_of(client.http.get("/openapi.json"))["paths"]

    unauthenticated = {
        f"{method} {path}": operation["responses"]["401"]["content"]["application/json"]["schema"]
        for path, methods in paths.items()
        for method, operation in methods.items()
        if operation.get("security") == [{"cognito": []}]
    }

    assert unauthenticated
    assert set(map(str, unauthenticated.values())) == {str({"$ref": "#/components/schemas/ErrorBody"})}


def test_the_receipt_can_be_sent_in_a_header_instead_of_the_query(client):
    parameters = body_of(client.http.get("/openapi.json"))["paths"]["/feedback/{feedback_id}"]["get"][
        "parameters"
    ]

    where = {parameter["name"]: (parameter["in"], parameter["required"]) for parameter in parameters}
    assert where["receipt"] == ("query", False)
    assert where["Receipt"] == ("header", False)
