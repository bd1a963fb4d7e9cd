"""The transparency dashboard: what became of the feedback each team and policy goal received, how long
moderation and approval took, as charts, tables and a CSV, every number reproducible from the exports."""

from dataclasses import dataclass

from chalice.app import Request, Response

from chalicelib import dependencies
from chalicelib.api.csv_files import CSV_TYPE, csv_text
from chalicelib.domain.program import Program
from chalicelib.domain.transparency import (
    FIGURE_COLUMNS,
    NO_POLICY_GOAL,
    REJECTION_REASONS,
    GroupFigures,
    Transparency,
    figure_row,
)
from chalicelib.services.transparency import transparency
from chalicelib.web.charts import BarChart, bar_chart
from chalicelib.web.enumeration_words import OTHER_CHANNELS
from chalicelib.web.enumeration_words import REJECTION_REASONS as REASON_WORDS
from chalicelib.web.pages.common import program_for
from chalicelib.web.rendering import PAGE_HEADERS, render
from chalicelib.web.translations import Words
from chalicelib.web.visit import Visit


@dataclass(frozen=True)
class Named:
    name: str
    figures: GroupFigures


def dashboard(visit: Visit, request: Request) -> Response:
    program = program_for(visit)
    words = Words(visit.language)
    found = current_figures()
    teams = _teams(found, program, words)
    goals = _goals(found, program, words)
    charts = _charts(found, teams, goals, words) if found.has_feedback else {}
    return render(
        visit,
        "dashboard.html",
        program=program,
        figures=found,
        teams=teams,
        program_teams=[item for item in teams if program.team(item.figures.key)],
        goals=goals,
        reasons=[(reason, words.gettext(REASON_WORDS[reason])) for reason in REJECTION_REASONS],
        charts=charts,
    )


def dashboard_csv(visit: Visit, request: Request) -> Response:
    program = program_for(visit)
    words = Words(visit.language)
    found = current_figures()
    rows = [figure_row("team", item.name, item.figures) for item in _teams(found, program, words)]
    rows += [figure_row("policy_goal", item.name, item.figures) for item in _goals(found, program, words)]
    _ = words.gettext
    rows.append(figure_row("all", _("All feedback"), found.total))
    headers: dict[str, str | list[str]] = {
        "Content-Type": CSV_TYPE,
        "Content-Disposition": f'attachment; filename="{program.id}-dashboard.csv"',
        "Cache-Control": "no-cache",
        "Vary": PAGE_HEADERS["Vary"],
    }
    return Response(body=csv_text(FIGURE_COLUMNS, rows), status_code=200, headers=headers)


def current_figures() -> Transparency:
    deps = dependencies.current()
    return transparency(program=deps.program, listings=deps.listings, recommendations=deps.recommendations)


def _teams(found: Transparency, program: Program, words: Words) -> list[Named]:
    def name(channel: str) -> str:
        team = program.team(channel)
        return team.name if team else words.gettext(OTHER_CHANNELS[channel])

    return [Named(name(group.key), group) for group in found.by_team]


def _goals(found: Transparency, program: Program, words: Words) -> list[Named]:
    numbers = {goal.id: position for position, goal in enumerate(program.policy_goals, start=1)}

    _ = words.gettext

    def name(goal: str) -> str:
        if goal == NO_POLICY_GOAL:
            return _("No policy goal named")
        return _("Goal %(number)s", number=numbers[goal])

    return [Named(name(group.key), group) for group in found.by_policy_goal]


def _charts(found: Transparency, teams: list[Named], goals: list[Named], words: Words) -> dict[str, BarChart]:
    _, ngettext, total = words.gettext, words.ngettext, found.total
    by_team = [(item.name, item.figures.received) for item in teams]
    by_goal = [(item.name, item.figures.received) for item in goals]
    by_reason = [(_(REASON_WORDS[reason]), total.rejected[reason]) for reason in REJECTION_REASONS]
    name, most = _largest(by_team, words)
    charts = {
        "teams": bar_chart(
            "chart-teams",
            _("Feedback received by team"),
            ngettext(
                "%(name)s received the most feedback: %(most)s of %(num)s message.",
                "%(name)s received the most feedback: %(most)s of %(num)s messages.",
                total.received,
                name=name,
                most=most,
            ),
            by_team,
            words.number,
        )
    }
    top_goal = max(goals, key=lambda item: item.figures.received)
    name, most = top_goal.name, words.number(top_goal.figures.received)
    if top_goal.figures.key == NO_POLICY_GOAL:
        goal_takeaway = ngettext(
            "Most feedback named no policy goal: %(most)s of %(num)s message.",
            "Most feedback named no policy goal: %(most)s of %(num)s messages.",
            total.received,
            most=most,
        )
    else:
        goal_takeaway = ngettext(
            "%(name)s drew the most feedback: %(most)s of %(num)s message.",
            "%(name)s drew the most feedback: %(most)s of %(num)s messages.",
            total.received,
            name=name,
            most=most,
        )
    charts["goals"] = bar_chart(
        "chart-goals", _("Feedback received by policy goal"), goal_takeaway, by_goal, words.number
    )
    if total.rejected_total:
        name, most = _largest(by_reason, words)
        charts["reasons"] = bar_chart(
            "chart-reasons",
            _("Why feedback was not published"),
            ngettext(
                "The most common reason was %(name)s: %(most)s of %(num)s message not published.",
                "The most common reason was %(name)s: %(most)s of %(num)s messages not published.",
                total.rejected_total,
                name=name,
                most=most,
            ),
            by_reason,
            words.number,
        )
    return charts


def _largest(values: list[tuple[str, int]], words: Words) -> tuple[str, str]:
    name, count = max(values, key=lambda pair: pair[1])
    return name, words.number(count)
