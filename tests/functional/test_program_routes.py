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
