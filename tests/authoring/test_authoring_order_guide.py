"""The order guide: every enabled order of every shipped scenario has a description and an
effect summary, and the summary follows the order's parameters (a light and a heavy escort
read differently, with the ambush odds before and after)."""

from __future__ import annotations

from functools import cache

import pytest

from wargame.engine import Scenario, new_game
from wargame.engine.guide import _CLAUSES, effect_summary
from wargame.engine.legality import candidate_orders, legal_orders
from wargame.engine.model import OrderBase
from wargame.engine.orders import ORDER_KINDS, SIDES, Order
from wargame.scenario.load import load_scenario
from wargame.scenario.shipped import shipped_scenarios


@cache
def shipped() -> dict[str, Scenario]:
    return {p.stem: load_scenario(p) for p in shipped_scenarios()}


@pytest.mark.parametrize("name", ["bamako-blockade-2025", "encircling-bamako-2023",
                                  "western-offensive-2025", "tutorial"])
def test_every_enabled_order_has_a_description(name: str) -> None:
    scenario = shipped()[name]
    for side in SIDES:
        for kind, spec in scenario.order_specs[side].items():
            assert spec.description and len(spec.description.split()) >= 8, \
                f"{name}: {side} order '{kind}' has no description"


def test_the_guide_knows_every_order_kind() -> None:
    kinds = {cls for cls in _all_subclasses(OrderBase)}
    assert kinds <= set(_CLAUSES), kinds - set(_CLAUSES)
    assert len(ORDER_KINDS) == len(_CLAUSES)


def _all_subclasses(cls: type) -> set[type]:
    out = set()
    for sub in cls.__subclasses__():
        out |= {sub} | _all_subclasses(sub)
    return out


@pytest.mark.parametrize("name", ["bamako-blockade-2025", "encircling-bamako-2023",
                                  "western-offensive-2025", "tutorial"])
def test_every_enabled_order_has_an_effect_summary(name: str) -> None:
    scenario = shipped()[name]
    state = new_game(scenario, 7)
    for side in SIDES:
        seen: set[str] = set()
        for order in candidate_orders(scenario, side):
            if order.kind in seen:
                continue
            seen.add(order.kind)
            summary = effect_summary(state, side, order)
            assert summary.clauses, f"{name}: {order} has no effect summary"
            assert summary.text(scenario.name_of).strip()
        assert seen == set(scenario.order_specs[side]), set(scenario.order_specs[side]) - seen


def test_light_and_heavy_escorts_read_differently_with_odds_before_and_after() -> None:
    scenario = shipped()["bamako-blockade-2025"]
    state = new_game(scenario, 3)
    escorts = [o for o in legal_orders(state, "junta", "escort")]
    corridor = escorts[0].args[0]
    light = effect_summary(state, "junta", Order("escort", (corridor, "light")))
    heavy = effect_summary(state, "junta", Order("escort", (corridor, "heavy")))
    assert light.text(scenario.name_of) != heavy.text(scenario.name_of)
    odds = [p for t, p in heavy.clauses if "before" in p and "after" in p]
    assert odds and int(str(odds[0]["after"])) < int(str(odds[0]["before"]))
    light_odds = [p for t, p in light.clauses if "before" in p and "after" in p]
    assert int(str(light_odds[0]["after"])) > int(str(odds[0]["after"]))
    assert "→" in heavy.text(scenario.name_of)


def test_campaign_and_dialogue_say_what_grievance_over_the_pivot_does() -> None:
    scenario = shipped()["bamako-blockade-2025"]
    state = new_game(scenario, 3)
    pivot = scenario.spec.rules.support.grievance_pivot
    campaign, talks = Order.parse("info-campaign bamako"), Order.parse("dialogue bamako")
    state.grievance["bamako"] = pivot
    calm = effect_summary(state, "junta", campaign).text(scenario.name_of)
    assert "grievance" not in calm
    assert "information campaigns" not in effect_summary(state, "junta", talks).text(
        scenario.name_of)
    state.grievance["bamako"] = pivot + 4
    info = scenario.order_specs["junta"]["info-campaign"]
    cut = 4 * info.odds_cut_per_grievance
    blunted = effect_summary(state, "junta", campaign).text(scenario.name_of)
    assert blunted.startswith(f"{info.base_odds - cut}% chance")
    assert f"4 over {pivot}, where it turns against the junta: odds −{cut} points" in blunted
    assert (f"information campaigns in Bamako District +{cut} points of odds"
            in effect_summary(state, "junta", talks).text(scenario.name_of))


def test_validate_warns_about_an_enabled_order_without_a_description() -> None:
    from pathlib import Path

    from wargame.scenario.load import check_bytes

    base = Path(__file__).resolve().parent / "mistakes" / "base.yaml"
    lines = base.read_text(encoding="utf-8").splitlines(keepends=True)
    escort = next(i for i, line in enumerate(lines) if line.startswith("    escort:"))
    described = next(i for i in range(escort, len(lines))
                     if lines[i].strip().startswith("description:"))
    report = check_bytes("".join(lines[:described] + lines[described + 1:]).encode(),
                         "no-description.yaml")
    assert report.errors == []
    (warning,) = report.warnings
    assert warning.code == "W0407" and warning.path == "orders.junta.escort"
    assert "has no description" in warning.message
