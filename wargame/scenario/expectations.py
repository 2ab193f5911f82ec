"""Scenario tests an instructor writes in YAML, run by `wargame check-scenario FILE`.

A test file names a scenario and lists expectations about many headless games of it:

    scenario: ../bamako-blockade-2025.yaml   # a path (relative to this file) or a shipped id
    games: 100                              # games per policy set (default 100)
    seed: 1                                 # game i uses seed + i (default 1)
    expectations:
      - name: "With a passive junta, the regime collapses in more than half of the games"
        junta: passive                      # passive, random, historical, defensive, aggressive,
                                            # planner (planner_budget: N, default 64)
        metric: outcome_share
        outcome: regime_collapse            # an ending id, or a list of them
        op: gt
        value: 0.5
      - name: "Bamako's fuel falls below 7 days by turn 8 in most games"
        metric: fuel_below_days_by_turn
        days: 7
        turn: 8
        op: ge
        value: 0.5

Games are played by `wargame.ai.simulate.simulate` (the same code as `wargame simulate`),
which the caller passes in (`check_scenario(path, simulate=...)`: this module sits below
the bots and does not import them), once per distinct (junta, insurgency, difficulty) and
shared by every expectation that uses them. Results depend only on the file, never on
`--jobs`. docs/scenario-authoring.md describes every metric.
"""

from __future__ import annotations

import math
import operator
import statistics
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

import pydantic
from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..engine.orders import ORDER_KINDS
from ..engine.scenario import Scenario
from ..i18n import N_, _, current_language, format_decimal, format_fixed
from .errors import SourceError, pydantic_errors_to_source
from .load import check_file
from .readfile import FileRefused, read_regular
from .shipped import resolve_scenario
from .yamlload import MAX_BYTES, LoadedYaml, YamlLoadError, load_yaml

Op = Literal["lt", "le", "gt", "ge", "eq"]
Stat = Literal["median", "mean", "min", "max"]
JuntaPolicy = Literal["passive", "random", "historical", "defensive", "aggressive", "planner"]
OPS: dict[str, Callable[[float, float], bool]] = {
    "lt": operator.lt, "le": operator.le, "gt": operator.gt, "ge": operator.ge,
    "eq": operator.eq,
}
OP_WORDS = {"lt": "<", "le": "≤", "gt": ">", "ge": "≥", "eq": "="}

# Tracks of a game's history an expectation may read (`junta_support.REGION` and
# `insurgent_support.REGION` too).
TRACKS = ("fuel_days", "fuel_price", "tankers_destroyed", "cohesion", "treasury",
          "towns_held", "turn")
_HISTORY_KEY = {"fuel_days": "bamako_fuel_days", "fuel_price": "fuel_price_index",
                "tankers_destroyed": "tankers_destroyed", "cohesion": "cohesion",
                "treasury": "treasury", "turn": "turn"}


# The statistics' names, for the report (the YAML keeps its own words).
STAT_WORDS = {"median": N_("median"), "mean": N_("mean"), "min": N_("min"), "max": N_("max")}


def _short(value: float) -> str:
    """`{value:g}` in English, the language's decimal comma elsewhere."""
    return f"{value:g}" if current_language() == "en" else format_decimal(value, places=6)


def _either(items: list[str]) -> str:
    text = items[0]
    for item in items[1:]:
        text = _("{first} or {second}").format(first=text, second=item)
    return text


def _desc(text: str, **kwargs: Any) -> Any:
    return Field(description=text, **kwargs)


class _Base(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    name: str = _desc("What is expected, in words; shown in the report.")
    junta: JuntaPolicy = _desc("The junta's policy in these games.", default="historical")
    insurgency: Literal["doctrine", "random", "passive"] = _desc(
        "The insurgency's policy (its doctrine AI by default).", default="doctrine")
    difficulty: Literal["novice", "standard", "expert"] = _desc(
        "The insurgency AI's level.", default="standard")
    planner_budget: int | None = _desc(
        "With `junta: planner`, its rollouts a turn (as `simulate --planner-budget`; "
        "default: the command line's).", default=None, ge=1, le=4096)

    @model_validator(mode="after")
    def _budget_is_the_planners(self) -> _Base:
        if self.planner_budget is not None and self.junta != "planner":
            raise ValueError("planner_budget applies only with junta: planner")
        return self
    op: Op = _desc("How the measured value compares with `value`: lt, le, gt, ge, eq.")
    value: float = _desc("The value to compare with (a share from 0 to 1 for share metrics).")

    def measure(self, games: list[dict[str, Any]]) -> tuple[float, str]:
        raise NotImplementedError


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """95% Wilson score interval for a proportion k/n (as `wargame simulate` reports)."""
    if n == 0:
        return (0.0, 0.0)
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (max(0.0, centre - half), min(1.0, centre + half))


def _share(hits: int, n: int) -> tuple[float, str]:
    low, high = wilson(hits, n)
    return hits / n, _("{hits} of {n} games = {share} (95% CI {low}–{high})").format(
        hits=hits, n=n, share=format_fixed(hits / n), low=format_fixed(low),
        high=format_fixed(high))


def _aggregate(values: list[float], stat: str) -> float:
    funcs: dict[str, Callable[[list[float]], float]] = {
        "median": statistics.median, "mean": statistics.fmean, "min": min, "max": max}
    return float(funcs[stat](values))


def track_value(entry: dict[str, Any], track: str) -> float:
    """A track's value in one history entry (the state after a turn)."""
    if track == "towns_held":
        return float(len(entry["towns_held"]))
    if "." in track:
        table, region = track.split(".", 1)
        return float(entry[table][region])
    return float(entry[_HISTORY_KEY[track]])


def _entry_at(history: list[dict[str, Any]], turn: int | None) -> dict[str, Any]:
    """The state after `turn` (or the last turn played, if the game ended before)."""
    if turn is None:
        return history[-1]
    upto = [h for h in history if h["turn"] <= turn]
    return upto[-1] if upto else history[0]


class OutcomeShare(_Base):
    metric: Literal["outcome_share"] = _desc("Share of games that end with `outcome`.")
    outcome: str | list[str] = _desc("An ending id, or a list of ending ids.")

    def outcomes(self) -> list[str]:
        return [self.outcome] if isinstance(self.outcome, str) else list(self.outcome)

    def measure(self, games: list[dict[str, Any]]) -> tuple[float, str]:
        wanted = set(self.outcomes())
        value, text = _share(sum(g["outcome"] in wanted for g in games), len(games))
        return value, _("{outcomes} in {share}").format(outcomes=_either(self.outcomes()),
                                                        share=text)


class FuelBelowDaysByTurn(_Base):
    metric: Literal["fuel_below_days_by_turn"] = _desc(
        "Share of games in which the capital's fuel falls below `days` days of supply at "
        "the end of some turn up to `turn`.")
    days: int = _desc("Days of fuel.", ge=0)
    turn: int = _desc("By the end of this turn.", ge=1)

    def measure(self, games: list[dict[str, Any]]) -> tuple[float, str]:
        hits = sum(any(h["bamako_fuel_days"] < self.days for h in g["history"]
                       if h["turn"] <= self.turn) for g in games)
        value, text = _share(hits, len(games))
        return value, _("fuel below {days} days by turn {turn} in {share}").format(
            days=self.days, turn=self.turn, share=text)


class ShareReaching(_Base):
    metric: Literal["share_reaching"] = _desc(
        "Share of games in which `track` goes below `below` (or above `above`) at the end of "
        "some turn up to `by_turn` (default: the whole game).")
    track: str = _desc("fuel_days, fuel_price, tankers_destroyed, cohesion, treasury, "
                       "towns_held, junta_support.REGION or insurgent_support.REGION.")
    below: int | None = _desc("Counts a game when the track is lower than this.", default=None)
    above: int | None = _desc("Counts a game when the track is higher than this.",
                              default=None)
    by_turn: int | None = _desc("Up to the end of this turn.", default=None, ge=1)

    def measure(self, games: list[dict[str, Any]]) -> tuple[float, str]:
        def crossed(h: dict[str, Any]) -> bool:
            v = track_value(h, self.track)
            return (self.below is not None and v < self.below) or (
                self.above is not None and v > self.above)
        limit = self.by_turn or 10**9
        hits = sum(any(crossed(h) for h in g["history"] if h["turn"] <= limit) for g in games)
        value, text = _share(hits, len(games))
        if self.below is not None:
            words = _("{track} below {limit} by turn {turn} in {share}") if self.by_turn \
                else _("{track} below {limit} in {share}")
        else:
            words = _("{track} above {limit} by turn {turn} in {share}") if self.by_turn \
                else _("{track} above {limit} in {share}")
        return value, words.format(track=self.track, turn=self.by_turn, share=text,
                                   limit=self.below if self.below is not None else self.above)


class TrackStat(_Base):
    metric: Literal["track"] = _desc(
        "A statistic over the games of a track's value at the end of `turn` (or of the game).")
    track: str = _desc("As for share_reaching.")
    turn: int | Literal["end"] = _desc("A turn, or `end` for the last turn played.",
                                       default="end")
    stat: Stat = _desc("median, mean, min or max over the games.", default="median")

    def measure(self, games: list[dict[str, Any]]) -> tuple[float, str]:
        at = None if self.turn == "end" else int(self.turn)
        values = [track_value(_entry_at(g["history"], at), self.track) for g in games]
        value = _aggregate(values, self.stat)
        words = _("{stat} {track} at the end = {value} over {games} games") if at is None \
            else _("{stat} {track} after turn {turn} = {value} over {games} games")
        return value, words.format(stat=_(STAT_WORDS[self.stat]), track=self.track, turn=at,
                                   value=_short(value), games=len(games))


class AttacksStat(_Base):
    metric: Literal["attacks"] = _desc(
        "A statistic over the games of the number of insurgent operations of one kind "
        "(`order`) in a whole game.")
    order: str = _desc("An insurgency order kind, e.g. ambush, raid, attack-site.")
    stat: Stat = _desc("median, mean, min or max over the games.", default="median")

    def measure(self, games: list[dict[str, Any]]) -> tuple[float, str]:
        values = [float(sum(h["attacks"].get(self.order, 0) for h in g["history"]))
                  for g in games]
        value = _aggregate(values, self.stat)
        return value, _("{stat} {order} operations per game = {value}").format(
            stat=_(STAT_WORDS[self.stat]), order=self.order, value=_short(value))


class TurnsPlayed(_Base):
    metric: Literal["turns_played"] = _desc("A statistic of the number of turns played.")
    stat: Stat = _desc("median, mean, min or max over the games.", default="median")

    def measure(self, games: list[dict[str, Any]]) -> tuple[float, str]:
        value = _aggregate([float(g["turns_played"]) for g in games], self.stat)
        return value, _("{stat} turns played = {value}").format(
            stat=_(STAT_WORDS[self.stat]), value=_short(value))


Expectation = Annotated[
    OutcomeShare | FuelBelowDaysByTurn | ShareReaching | TrackStat | AttacksStat | TurnsPlayed,
    Field(discriminator="metric"),
]


class ScenarioTestFile(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    scenario: str = _desc("The scenario: a path relative to this file, or a shipped id.")
    games: int = _desc("Games per policy set.", default=100, ge=1, le=10000)
    seed: int = _desc("Seed of the first game; game i uses seed + i.", default=1)
    expectations: list[Expectation] = _desc("What must hold.", min_length=1)


# ----------------------------------------------------------------------------- running

@dataclass
class Outcome:
    name: str
    passed: bool
    measured: float
    detail: str
    expected: str


@dataclass
class CheckResult:
    filename: str
    errors: list[str] = field(default_factory=list)        # FILE:LINE:COL lines
    outcomes: list[Outcome] = field(default_factory=list)
    scenario_id: str = ""
    games: int = 0

    @property
    def passed(self) -> bool:
        return not self.errors and all(o.passed for o in self.outcomes)

    def lines(self) -> Iterator[str]:
        if self.errors:
            yield from self.errors
            return
        yield _("{file}: scenario {scenario}, {games} games per policy set").format(
            file=self.filename, scenario=self.scenario_id, games=self.games)
        for o in self.outcomes:
            # Translators: a mark at the start of a line, padded to the same width.
            mark = _("PASS") if o.passed else _("FAIL")
            yield f"{mark}  {o.name}"
            yield "      " + _("measured: {detail}; expected {expected}").format(
                detail=o.detail, expected=o.expected)
        failed = sum(not o.passed for o in self.outcomes)
        words = _("{passed} passed, {failed} failed") if failed else \
            _("{passed} passed, {failed} failed — all expectations hold")
        yield words.format(passed=len(self.outcomes) - failed, failed=failed)


def _load_test(path: Path) -> tuple[ScenarioTestFile | None, LoadedYaml | None, list[str]]:
    try:
        raw = read_regular(path, MAX_BYTES)
    except FileRefused as exc:
        return None, None, [SourceError(1, 1, "file", str(exc)).format(str(path))]
    try:
        loaded = load_yaml(raw)
    except YamlLoadError as exc:
        return None, None, [e.format(str(path)) for e in exc.errors]
    try:
        return ScenarioTestFile.model_validate(loaded.data), loaded, []
    except pydantic.ValidationError as exc:
        errors = pydantic_errors_to_source(exc, loaded, ScenarioTestFile)
        return None, loaded, [e.format(str(path)) for e in errors]


def scenario_path(test: ScenarioTestFile, test_path: Path) -> Path:
    relative = (test_path.parent / test.scenario)
    if test.scenario.endswith((".yaml", ".yml")) or "/" in test.scenario:
        return relative
    return resolve_scenario(test.scenario)


def _reference_errors(test: ScenarioTestFile, loaded: LoadedYaml, scenario: Scenario,
                      filename: str) -> list[str]:
    """Ending ids, regions, tracks and order kinds the expectations name must exist."""
    endings = {e.id for e in scenario.spec.victory.endings} | {scenario.spec.victory.default.id}
    errors: list[SourceError] = []

    def at(i: int, key: str, message: str) -> None:
        path = ("expectations", i, key)
        line, col = loaded.positions.get(path) or loaded.positions.get(path[:2], (1, 1))
        errors.append(SourceError(line, col, ".".join(map(str, path)), message))

    for i, exp in enumerate(test.expectations):
        if isinstance(exp, OutcomeShare):
            for outcome in exp.outcomes():
                if outcome not in endings:
                    at(i, "outcome", _("unknown ending '{ending}'; the scenario's endings "
                                       "are: {endings}").format(
                                           ending=outcome, endings=", ".join(sorted(endings))))
        if isinstance(exp, ShareReaching | TrackStat):
            problem = _track_problem(exp.track, scenario)
            if problem:
                at(i, "track", problem)
        if isinstance(exp, ShareReaching) and (exp.below is None) == (exp.above is None):
            at(i, "metric", _("share_reaching needs exactly one of `below` and `above`"))
        if isinstance(exp, AttacksStat):
            kind = ORDER_KINDS.get(exp.order)
            if kind is None or kind.side != "insurgency":
                names = sorted(k for k, v in ORDER_KINDS.items() if v.side == "insurgency")
                at(i, "order", _("unknown insurgency order '{order}'; known: {names}").format(
                    order=exp.order, names=", ".join(names)))
    return [e.format(filename) for e in sorted(errors)]


def _track_problem(track: str, scenario: Scenario) -> str | None:
    if "." in track:
        table, region = track.split(".", 1)
        if table not in ("junta_support", "insurgent_support"):
            return _("unknown track '{track}'").format(track=track)
        if region not in scenario.regions:
            return _("unknown region '{region}' in track '{track}'").format(region=region,
                                                                            track=track)
        return None
    if track not in TRACKS:
        return _("unknown track '{track}'; known: {names}, junta_support.REGION, "
                 "insurgent_support.REGION").format(track=track, names=", ".join(TRACKS))
    return None


# wargame.ai.simulate.simulate: (scenario, scenario_path, games, seed, junta=, insurgency=,
# difficulty=, jobs=) -> {"games": [...], ...}
Simulate = Callable[..., dict[str, Any]]


def check_scenario(path: Path, *, simulate: Simulate, jobs: int = 1,
                   progress: Callable[[str], None] | None = None) -> CheckResult:
    """Run every expectation of the test file at `path`, playing games with `simulate`."""
    filename = str(path)
    result = CheckResult(filename)
    test, loaded, errors = _load_test(path)
    if test is None or loaded is None:
        result.errors = errors
        return result
    target = scenario_path(test, path)
    report = check_file(target)
    if report.scenario is None:
        where = loaded.positions.get(("scenario",), (1, 1))
        head = f"{filename}:{where[0]}:{where[1]}: error: scenario: "
        result.errors = [head + _("the scenario {path} does not load:").format(path=target)] \
            + [f"  {line}" for line in report.lines() if ": error: " in line]
        if not target.exists():
            result.errors = [head + _("no such scenario file {path}").format(path=target)]
        return result
    scenario = report.scenario
    result.errors = _reference_errors(test, loaded, scenario, filename)
    if result.errors:
        return result
    result.scenario_id, result.games = scenario.id, test.games
    runs: dict[tuple[str, str, str, int | None], list[dict[str, Any]]] = {}
    for exp in test.expectations:
        # The planner's budget is part of its policy (more rollouts, a stronger junta).
        budget = exp.planner_budget if exp.junta == "planner" else None
        key = (exp.junta, exp.insurgency, exp.difficulty, budget)
        junta = exp.junta if budget is None else _("{policy} (budget {budget})").format(
            policy=exp.junta, budget=budget)
        if key not in runs:
            if progress:
                progress(_("{games} games: junta {junta}, insurgency {insurgency} "
                           "({difficulty})").format(games=test.games, junta=junta,
                                                    insurgency=key[1], difficulty=key[2]))
            extra = {"planner_budget": budget} if budget is not None else {}
            runs[key] = simulate(scenario, target, test.games, test.seed, junta=key[0],
                                 insurgency=key[1], difficulty=key[2], jobs=jobs,
                                 **extra)["games"]
        measured, detail = exp.measure(runs[key])
        passed = OPS[exp.op](round(measured, 6), exp.value)
        policies = _("[junta {junta}, insurgency {insurgency}, {difficulty}]") \
            if exp.difficulty != "standard" else _("[junta {junta}, insurgency {insurgency}]")
        policies = policies.format(junta=junta, insurgency=exp.insurgency,
                                   difficulty=exp.difficulty)
        result.outcomes.append(Outcome(exp.name, passed, measured, f"{detail} {policies}",
                                       f"{OP_WORDS[exp.op]} {_short(exp.value)}"))
    return result

