"""The goal on the board: the two goal lines under the tracks, the Goals tab, the help,
the title screen's briefing and plain mode's `status`, all derived from the scenario's
`victory` section and judged on what the side at the keyboard may see."""

from __future__ import annotations

import io
from pathlib import Path

from tui_helpers import make_app, scenario, settle, sync, text_of

from wargame.engine import new_game, observe
from wargame.engine.goals import goals_of
from wargame.plain import play_plain
from wargame.scenario.load import load_scenario
from wargame.scenario.shipped import shipped_scenarios
from wargame.tui.app import WargameApp
from wargame.tui.briefing import briefing
from wargame.tui.screens.board import BoardScreen
from wargame.tui.screens.help import HelpScreen
from wargame.tui.screens.report import ReportScreen
from wargame.tui.widgets.goals import GoalBar, GoalsPanel, goal_line


@sync
async def test_goal_lines_and_goals_tab_at_120x40(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        board = app.screen
        assert isinstance(board, BoardScreen)
        win = text_of(board.query_one("#goal-win"))
        loss = text_of(board.query_one("#goal-loss"))
        assert win == ("To win at the end of turn 26, all of: ✓ tankers lost ≤200 (0) · "
                       "✓ Bamako support ≥30% (55%) · ✓ cohesion ≥40 (55)")
        assert loss == ("Lost at once if any of: ✗ a coup (none) · ✗ Bamako support ≤10% "
                        "(55%) · ✗ Bamako held by JNIM (secure)")
        # v opens the Goals tab: every ending, condition by condition.
        await pilot.press("v")
        await settle(pilot)
        tabs = board.query_one("#side")
        assert tabs.active == "tab-goals"  # type: ignore[attr-defined]
        panel = text_of(board.query_one(GoalsPanel))
        for ending in (*scenario().spec.victory.endings, scenario().spec.victory.default):
            assert ending.title in panel
        assert "✓ tankers destroyed ≤ 200 (now 0)" in panel
        assert "If the game ended now: The junta holds, the convoys still running" in panel
        # A turn later the lines show the new values.
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, ReportScreen)
        await pilot.press("enter")
        await settle(pilot)
        session = app.session
        assert session is not None
        view = session.view()
        win = text_of(board.query_one("#goal-win"))
        assert f"tankers lost ≤200 ({view.tankers_destroyed})" in win
        assert f"cohesion ≥40 ({view.cohesion})" in win
        # The help says how to read them, with this game's endings.
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        help_text = text_of(app.screen.query_one("#help Static"))
        assert "Winning and losing" in help_text and "The regime collapses" in help_text
        assert "Treas. is the treasury" in help_text


@sync
async def test_goal_lines_fit_80x24_for_every_scenario(tmp_path: Path) -> None:
    for path in shipped_scenarios():
        sc = load_scenario(path)
        app = make_app(tmp_path, scenario=sc, scenario_path=path)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            goals = goals_of(sc, observe(app.session.state, "junta"))  # type: ignore[union-attr]
            for bar in app.screen.query(GoalBar):
                text = text_of(bar)
                assert text and len(text) <= bar.size.width, (path.stem, text)
                # Every condition is there, shortened, or the line says how many more.
                leaves = [leaf for g in goals.by_outcome(bar.outcome)
                          if g.condition is not None for leaf in g.condition.leaves()]
                shown = [leaf for leaf in leaves if leaf.tiny in text]
                assert len(shown) == len(leaves) or "more (v)" in text, (path.stem, text)
            assert "Win at turn" in text_of(app.screen.query_one("#goal-win"))


def test_a_line_too_long_gives_way_by_whole_conditions() -> None:
    sc = load_scenario(next(p for p in shipped_scenarios() if "western" in p.stem))
    goals = goals_of(sc, observe(new_game(sc, 1), "junta"))
    full = goal_line(goals, "loss", 500).plain
    short = goal_line(goals, "loss", 60).plain
    assert len(short) <= 60 and short.endswith("more (v)")
    kept = short.split(" … ")[0]
    assert full.startswith("Lost at once if any of:")
    assert kept.startswith("Lost at once if:")     # the shortest wording, then cut whole
    assert all(part.endswith(")") for part in kept.split(" ✗")[1:])


@sync
async def test_the_insurgency_sees_its_goals_and_not_the_junta_s_cohesion(
        tmp_path: Path) -> None:
    app = make_app(tmp_path, insurgent="human")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("enter")      # the hand-over screen
        await settle(pilot)
        board = app.screen
        assert isinstance(board, BoardScreen) and app.session is not None
        assert app.session.side == "insurgency"
        win = text_of(board.query_one("#goal-win"))
        loss = text_of(board.query_one("#goal-loss"))
        assert win.startswith("Won at once if any of:") and "a coup" in win
        assert loss.startswith("Lost at the end of turn 26 if all of:")
        assert "cohesion ≥40 (?)" in loss
        assert str(app.session.state.cohesion) not in loss.split("cohesion")[1]


@sync
async def test_title_screen_briefing_lists_the_endings_with_values_at_the_start(
        tmp_path: Path) -> None:
    app = WargameApp(saves_dir=tmp_path)
    async with app.run_test(size=(110, 34)) as pilot:
        await settle(pilot)
        text = text_of(app.screen.query_one("#briefing"))
        assert "How the game ends (values at the start)" in text
        assert "To win at the end of turn 26, all of:" in text
        assert "✓ tankers destroyed ≤ 200 (now 0)" in text
    for path in shipped_scenarios():
        sc = load_scenario(path)
        plain = briefing(sc).plain
        for ending in sc.spec.victory.endings:
            assert ending.title in plain


def test_plain_status_shows_the_goals() -> None:
    out = io.StringIO()
    play_plain(scenario(), seed=1, stdin=io.StringIO("status\nend\nstatus\nquit\n"),
               stdout=out, autosave=False)
    text = out.getvalue()
    assert text.count("Goals (the scenario's endings, in the order they are tested):") == 2
    assert "    To win at the end of turn 26, all of:" in text
    assert "      [met] tankers destroyed ≤ 200 (now 0)" in text
    assert "      [not met] a coup (none so far)" in text
    assert "  If the game ended now: The junta holds, the convoys still running (victory)." in text
