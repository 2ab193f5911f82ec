"""The goal on the board: two lines under the track bar (what wins, what loses) and the
Goals tab (every ending, condition by condition). Both come from `engine.goals`, judged
on the view of the side at the keyboard: what it cannot see is shown as `?`."""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content
from textual.widgets import Static

from ...engine.goals import (
    Check,
    Goal,
    Goals,
    Level,
    Outcome,
    Token,
    ending_name,
    goal_outline,
    goals_of,
    inline,
    joiner,
    when_text,
)
from ...i18n import _, localized
from ..session import Session
from .fit import Part, first_that_fits

MARK = {True: "✓", False: "✗", None: "?"}


def mark_style(holds: bool | None, outcome: Outcome) -> str:
    """Green when the condition is where the side wants it, red when not, muted when
    unknown (the mark itself says which, for the colour-blind and NO_COLOR)."""
    if holds is None or outcome == "draw":
        return "bold $text-muted"
    return "bold $success" if holds == (outcome == "win") else "bold $error"


@dataclass(frozen=True)
class _Group:
    """Endings of one outcome tested at the same time, shown as one run of conditions."""

    outcome: Outcome
    check: Check
    turn: int | None
    goals: list[Goal]

    def connective(self) -> str:
        if len(self.goals) > 1:
            return "any"
        node = self.goals[0].condition
        return node.kind if node is not None and node.kind in ("all", "any") else ""

    def heading(self, level: Level, first: bool) -> str:
        """'Lost at once if any of:'; after another group on the line, without its verb
        ('at the end of turn 10 if any of:')."""
        text = when_text(self.outcome, self.check, self.turn, level, verb=first)
        return localized(text) + localized(joiner(self.outcome, self.check,
                                                  self.connective(), level))


def _groups(goals: Goals, outcome: Outcome) -> list[_Group]:
    groups: list[_Group] = []
    for check in ("every_turn", "final"):
        chosen = [g for g in goals.by_outcome(outcome) if g.check == check]
        if chosen:
            groups.append(_Group(outcome, check, chosen[0].turn, chosen))
    return groups


def goal_line(goals: Goals, outcome: Outcome, width: int) -> Content:
    """One line of the endings of an outcome for the reader, with the value of each
    condition now: the fullest wording that fits `width`; if even the shortest does not,
    the last conditions give way to '… +N more (v)', never a cut word."""
    groups = _groups(goals, outcome)
    if not groups:
        return Content("")
    candidates = [_line(groups, level)[0] for level in (0, 1, 2)]
    total = _line(groups, 2)[1]
    for keep in range(total - 1, 0, -1):   # the last conditions give way, whole
        line, _count = _line(groups, 2, keep)
        candidates.append([*line, (" … " + _("+{count} more (v)").format(count=total - keep),
                                   "$text-muted")])
    return first_that_fits(candidates, width)


def _line(groups: list[_Group], level: Level, keep: int | None = None
          ) -> tuple[list[Part], int]:
    """The parts of a line at a level of wording, with only its first `keep` items (a
    condition, or a bracket of them); and how many items there are in all."""
    separator = " · " if level < 2 else " "
    parts: list[Part] = []
    total = 0
    for group in groups:
        nodes = [g.condition for g in group.goals if g.condition is not None]
        items = inline(nodes, "any" if group.connective() == "any" else "all", level)
        for i, item in enumerate(items):
            if keep is not None and total >= keep:
                return parts, total
            if i == 0:
                if parts:
                    parts.append((" │ ", "$text-muted"))
                parts += [(group.heading(level, first=not parts), "bold"), " "]
            else:
                parts.append((separator, "$text-muted"))
            parts += _styled(item, group.outcome, level)
            total += 1
    return parts, total


def _styled(tokens: list[Token], outcome: Outcome, level: Level) -> list[Part]:
    parts: list[Part] = []
    for text, leaf in tokens:
        if leaf is None:
            parts.append((localized(text), "$text-muted"))
            continue
        gap = " " if level < 2 else ""
        parts += [(MARK[leaf.holds] + gap, mark_style(leaf.holds, outcome)), localized(text)]
    return parts


class GoalBar(Static):
    """One line of the endings of an outcome (`win` or `loss` for the side at the
    keyboard), fitted to its width."""

    DEFAULT_CSS = """
    GoalBar { height: 1; padding: 0 1; background: $boost; }
    """

    def __init__(self, outcome: Outcome, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.outcome: Outcome = outcome
        self.goals: Goals | None = None

    def show(self, goals: Goals) -> None:
        self.goals = goals
        self._render_goals()

    def on_resize(self) -> None:
        self._render_goals()

    def _render_goals(self) -> None:
        if self.goals is None:
            return
        width = self.size.width or self.app.size.width - 2
        self.update(goal_line(self.goals, self.outcome, width), layout=False)


def goals_content(goals: Goals, *, heading: bool = True, projection: bool = True
                  ) -> Content:
    """Every ending in the order the engine tests them, each condition with its mark and
    the value now; then (`projection`) what the game would be if it ended now."""
    parts: list[Part] = []
    if heading:
        parts += [(_("Endings, in the order they are tested"), "bold underline"), "\n"]
    for goal in goals.endings:
        for line in goal_outline(goal):
            indent = "  " * line.depth
            if line.leaf:
                parts += [indent, (MARK[line.holds] + " ", mark_style(line.holds, goal.outcome)),
                          localized(line.text), "\n"]
            else:
                parts += [indent, (localized(line.text), "bold" if line.depth == 0 else ""),
                          "\n"]
    now = goals.if_ended_now
    if projection:
        parts += ["\n", (_("If the game ended now:") + " ", "bold")]
        parts.append(_("unknown to you: it depends on what you cannot see (?).") if now is None
                     else localized(ending_name(goals.ending(now))) + ".")
        parts.append("\n")
    parts.append((_("✓ holds now  ✗ does not  ? hidden from you"), "$text-muted"))
    return Content.assemble(*parts)


class GoalsPanel(Static):
    """The Goals tab."""

    DEFAULT_CSS = """
    GoalsPanel { padding: 0 1; height: 1fr; overflow-y: auto; }
    """

    def show(self, session: Session) -> None:
        self.update(goals_content(session_goals(session)))


def session_goals(session: Session) -> Goals:
    return goals_of(session.scenario, session.view())

