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
from textual.widgets import Collapsible, Static

from ...i18n import N_, _, format_week, localized, ngettext
from ...present.events import event_text
from ...present.ledgertext import (
    Group,
    cause_line,
    headline_groups,
    names_of,
    regional_groups,
)
from ..news import week_summary
from ..session import Session, TurnReport
from ..sources import cite
from ..widgets.footer import Footer
from .base import ClosesOnce

# Marked here, translated where they are shown (the language is chosen after import).
PHASE_TITLES = {
    "events": N_("Scripted events"), "junta": N_("The junta's orders"),
    "insurgency": N_("JNIM's operations"), "convoys": N_("Convoys"), "economy": N_("Economy"),
    "society": N_("Society"),
    "insurgent_upkeep": N_("The insurgency, its rivals and the sieges"), "army": N_("The army"),
    "intelligence": N_("Intelligence"), "conditions": N_("Events"), "victory": N_("Outcome"),
}

Part = str | tuple[str, str]


def chance_text(odds: int | None, roll: int | None, success: bool | None) -> str:
    if odds is None:
        return ""
    if roll is None:
        return _("odds {odds}%").format(odds=odds)
    if success:
        return _("odds {odds}% · roll {roll} → success (a roll of {odds} or less succeeds)"
                 ).format(odds=odds, roll=roll)
    return _("odds {odds}% · roll {roll} → failure (a roll of {odds} or less succeeds)"
             ).format(odds=odds, roll=roll)


def report_content(session: Session, report: TurnReport) -> tuple[Content, Content]:
    """(the week in brief, the events) as styled text."""
    scenario = session.scenario
    headline, paragraph = week_summary(report, scenario)
    news = Content.assemble((headline, "bold"), "\n", paragraph)
    parts: list[Part] = []
    names = names_of(scenario)
    phase = None
    for event in report.events:
        if event.phase != phase:
            phase = event.phase
            title = (_(PHASE_TITLES[phase]) if phase in PHASE_TITLES
                     else phase.replace("_", " ").capitalize())
            if report.side == phase:
                title = _("Your orders") if phase == "junta" else _("Your operations")
            parts += ["\n" if parts else "", (title, "bold underline"), "\n"]
        marker = ("✓ " if event.success else "✗ ") if event.success is not None else "• "
        parts += [(marker, "bold"), event_text(event, names), "\n"]
        chance = chance_text(event.odds, event.roll, event.success)
        if chance:
            parts += ["    ", (chance, "bold $secondary" if event.success else "bold $accent"),
                      "\n"]
        if event.rationale:
            why = (_("Why (JNIM's AI): ") if event.side == "insurgency"
                   else _("Why (the bot): "))
            parts += ["    ", (why, "bold"), (localized(event.rationale), "italic"), "\n"]
        if event.source:
            parts += ["    ", (_("Source: "), "bold"), (cite(event.source), "$text-muted"),
                      "\n"]
    if not report.events:
        parts.append(_("Nothing you could see happened this week.") + "\n")
    return news, Content.assemble(*parts)


def group_content(group: Group, *, expanded: bool = False) -> Content:
    """`Army cohesion 55 → 48` and its causes underneath, largest first; with `expanded`
    the folded small causes are listed too (in the regional fold, where there is no
    further fold)."""
    parts: list[Part] = [(group.headline(), "bold"), "\n"]
    for cause in group.causes + (group.folded if expanded else ()):
        parts += ["    ", (cause_line(cause, group.unit), "" if cause.delta else "$text-muted"),
                  "\n"]
    return Content.assemble(*parts)


def folded_content(group: Group) -> Content:
    return Content.assemble(*[part for cause in group.folded
                              for part in ("  ", cause_line(cause, group.unit), "\n")])


def what_moved(report: TurnReport, capital: str) -> ComposeResult:
    """The tracks that moved, each with its causes; small causes and the regions' tracks
    behind folds that Enter (or a click) opens."""
    moved = [g for g in report.groups if g.change]
    yield Static(Content.styled(_("What moved the tracks"), "bold underline"),
                 classes="moved-title")
    lead = headline_groups(moved, capital)
    if not lead:
        yield Static(_("No track you can see moved this week."))
    for group in lead:
        yield Static(group_content(group), classes="moved-group")
        if group.folded:
            with Collapsible(title=group.other_label(), collapsed=True, classes="moved-other"):
                yield Static(folded_content(group))
    regions = regional_groups(moved, capital)
    if regions:
        title = ngettext("Regions: {n} track moved", "Regions: {n} tracks moved",
                         len(regions)).format(n=len(regions))
        with Collapsible(title=title, collapsed=True, classes="moved-regions"):
            for group in regions:
                yield Static(group_content(group, expanded=True), classes="moved-group")


class ReportScreen(ClosesOnce, Screen[None]):
    """What happened in the turn, for one side."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,escape,space", "close", N_("Continue")),
        Binding("x", "expand", N_("Expand causes")),
        Binding("f1,question_mark", "app.help", N_("Help"), key_display="?"),
    ]

    def __init__(self, session: Session, report: TurnReport) -> None:
        super().__init__()
        self.session = session
        self.report = report

    def compose(self) -> ComposeResult:
        report = self.report
        news, events = report_content(self.session, report)
        seen = (_(" · week of {date} · as seen by the junta") if report.side == "junta"
                else _(" · week of {date} · as seen by JNIM")).format(
            date=format_week(report.date))
        yield Static(Content.assemble((_("Report of turn {turn}").format(turn=report.turn),
                                       "bold"), seen),
                     id="report-title")
        with VerticalScroll(id="report-body"):
            yield Static(news, id="news")
            yield from what_moved(report, self.session.capital_region())
            yield Static(events, id="events")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#report-body").focus()
        app: Any = self.app
        self.call_after_refresh(lambda: app.timings.__setitem__("report_shown",
                                                                time.perf_counter()))

    def action_expand(self) -> None:
        """Open every fold (or close them all when all are open)."""
        folds = list(self.query(Collapsible))
        closed = any(f.collapsed for f in folds)
        for fold in folds:
            fold.collapsed = not closed
        # Opening a fold scrolls to it: start reading again from the top.
        body = self.query_one("#report-body")
        self.call_after_refresh(body.scroll_home, animate=False)

    def action_close(self) -> None:
        self.dismiss(None)
