import json

import pytest
from pydantic import ValidationError

from chalicelib.adapters.program_file import PROGRAMS_DIR, UnknownProgramError, load_program
from chalicelib.domain.program import Program

SEED_TEAMS = [
    "academic-achievement",
    "climate-and-culture",
    "effective-educators",
    "leadership-and-governance",
    "success-ready-graduates",
    "systems-and-processes",
]


def msip6_document() -> dict:
    return json.loads((PROGRAMS_DIR / "msip-6.json").read_text())


def test_msip6_has_six_teams_with_the_seed_slugs_and_four_policy_goals():
    program = load_program("msip-6")

    assert [team.slug for team in program.teams] == SEED_TEAMS
    assert len(program.policy_goals) == 4
    assert program.team("academic-achievement").charter.startswith(
        "This development team will examine existing"
    )


def test_only_systems_and_processes_works_across_teams():
    program = load_program("msip-6")

    assert [team.slug for team in program.teams if team.works_across_teams] == ["systems-and-processes"]


def test_a_second_program_is_only_data():
    document = msip6_document()
    document.update(id="another-state", name="Another program")

    program = Program.model_validate(document)

    assert program.accepts_channel("climate-and-culture")
    assert program.accepts_channel("general") and program.accepts_channel("site")
    assert not program.accepts_channel("football")


@pytest.mark.parametrize(
    "change",
    [
        lambda doc: doc["teams"].append(dict(doc["teams"][0])),
        lambda doc: doc["teams"][0].update(slug="general"),
        lambda doc: doc["teams"][0].update(slug="Not A Slug"),
        lambda doc: doc["policy_goals"].append(dict(doc["policy_goals"][0])),
        lambda doc: doc.update(teams=[]),
        lambda doc: doc.update(unexpected=True),
    ],
)
def test_a_program_file_with_a_mistake_is_refused_when_loaded(change):
    document = msip6_document()
    change(document)

    with pytest.raises(ValidationError):
        Program.model_validate(document)


def test_an_unknown_program_id_names_the_missing_file():
    with pytest.raises(UnknownProgramError, match="no-such-program"):
        load_program("no-such-program")
