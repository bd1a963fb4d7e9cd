import json

from tests.functional.conftest import body_of
from tests.unit.test_program import SEED_TEAMS


def test_health_answers_ok(client):
    response = client.http.get("/health")

    assert response.status_code == 200
    assert body_of(response) == {"status": "ok"}


def test_the_program_lists_its_four_policy_goals_and_six_teams(client):
    program = body_of(client.http.get("/program"))

    assert program["id"] == "msip-6"
    assert len(program["policy_goals"]) == 4
    assert {"id", "text"} <= set(program["policy_goals"][0])
    assert len(program["teams"]) == 6


def test_teams_carry_their_slugs_names_and_seed_charters(client):
    teams = body_of(client.http.get("/teams"))["items"]

    assert [team["slug"] for team in teams] == SEED_TEAMS
    systems = teams[-1]
    assert systems["name"] == "Systems and Processes"
    assert "from a global perspective" in systems["charter"]


def test_the_apis_address_answers_with_a_short_index_that_links_to_its_description(client):
    response = client.http.get("/")

    assert response.status_code == 200
    index = body_of(response)
    assert "MSIP" in index["name"]
    assert index["openapi"] == "/openapi.json"
    assert client.http.get(index["openapi"]).status_code == 200
    assert all(client.http.get(link).status_code in (200, 405) for link in index["links"].values())


def test_behind_the_stage_of_api_gateways_own_address_the_index_links_within_the_stage(chalice_app):
    event = {
        "httpMethod": "GET",
        "path": "/",
        "resource": "/",
        "requestContext": {"httpMethod": "GET", "resourcePath": "/", "path": "/api/", "requestId": "r-1"},
        "headers": {"accept": "application/json"},
        "multiValueQueryStringParameters": None,
        "pathParameters": None,
        "stageVariables": None,
        "body": None,
        "isBase64Encoded": False,
    }

    answer = chalice_app(event, None)

    assert answer["statusCode"] == 200
    assert json.loads(answer["body"])["openapi"] == "/api/openapi.json"
