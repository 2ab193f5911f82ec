"""The turn report: every event with its odds and roll, the AI's reasons, the article each
rule or event comes from, and a short news-style account of the week."""

from __future__ import annotations

import time
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from ..news import week_summary
from ..session import Session, TurnReport
from ..sources import cite
from .base import ClosesOnce

PHASE_TITLES = {
    "events": "Scripted events", "junta": "The junta's orders", "insurgency": "JNIM's operations",
    "convoys": "Convoys", "economy": "Economy", "society": "Society",
    "insurgent_upkeep": "The insurgency, its rivals and the sieges", "army": "The army",
    "intelligence": "Intelligence", "conditions": "Events", "victory": "Outcome",
}

Part = str | tuple[str, str]


def chance_text(odds: int | None, roll: int | None, success: bool | None) -> str:
    if odds is None:
        return ""
    if roll is None:
        return f"odds {odds}%"
    verdict = "success" if success else "failure"
    return f"odds {odds}% · roll {roll} → {verdict} (a roll of {odds} or less succeeds)"


def report_content(session: Session, report: TurnReport) -> tuple[Content, Content]:
    """(the week in brief, the events) as styled text."""
    scenario = session.scenario
    headline, paragraph = week_summary(report, scenario)
    news = Content.assemble((headline, "bold"), "\n", paragraph)
    parts: list[Part] = []
    phase = None
    for event in report.events:
        if event.phase != phase:
            phase = event.phase
            title = PHASE_TITLES.get(phase, phase.replace("_", " ").capitalize())
            if report.side == phase:
                title = "Your orders" if phase == "junta" else "Your operations"
            parts += ["\n" if parts else "", (title, "bold underline"), "\n"]
        marker = ("✓ " if event.success else "✗ ") if event.success is not None else "• "
        parts += [(marker, "bold"), event.text, "\n"]
        chance = chance_text(event.odds, event.roll, event.success)
        if chance:
            parts += ["    ", (chance, "bold $secondary" if event.success else "bold $accent"),
                      "\n"]
        if event.rationale:
            who = "JNIM's AI" if event.side == "insurgency" else "The bot"
            parts += ["    ", (f"Why ({who}): ", "bold"), (event.rationale, "italic"), "\n"]
        if event.source:
            parts += ["    ", ("Source: ", "bold"), (cite(event.source), "$text-muted"), "\n"]
    if not report.events:
        parts.append("Nothing you could see happened this week.\n")
    return news, Content.assemble(*parts)


class ReportScreen(ClosesOnce, Screen[None]):
    """What happened in the turn, for one side."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,escape,space", "close", "Continue"),
        Binding("f1,question_mark", "app.help", "Help", key_display="?"),
    ]

    def __init__(self, session: Session, report: TurnReport) -> None:
        super().__init__()
        self.session = session
        self.report = report

    def compose(self) -> ComposeResult:
        report = self.report
        news, events = report_content(self.session, report)
        side = "the junta" if report.side == "junta" else "JNIM"
        yield Static(Content.assemble((f"Report of turn {report.turn}", "bold"),
                                      f" · week of {report.date} · as seen by {side}"),
                     id="report-title")
        with VerticalScroll(id="report-body"):
            yield Static(news, id="news")
            yield Static(events, id="events")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#report-body").focus()
        app: Any = self.app
        self.call_after_refresh(lambda: app.timings.__setitem__("report_shown",
                                                                time.perf_counter()))

    def action_close(self) -> None:
        self.dismiss(None)
