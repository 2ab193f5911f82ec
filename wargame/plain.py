"""Plain mode: a line-by-line game on standard input and output, for screen readers and
scripts. It never asks a question a script would have to answer and stops at end of input."""

from __future__ import annotations

import sys
from typing import TextIO

from .ai.policies import random_policy
from .engine import (
    GameState,
    IllegalOrder,
    Order,
    OrderSyntaxError,
    Scenario,
    ending_of,
    legal_orders,
    new_game,
    observe,
    order_odds,
    queue_order,
    resolve_turn,
    unqueue_last,
)
from .engine.events import Event

HELP = """Commands:
  status          the tracks: fuel, price, treasury, support, cohesion, isolation
  map             towns with their status and garrisons, and the state of the roads
  orders          the orders you may give now, in their text form, with cost and odds
  ORDER           queue an order by its text form, e.g. 'escort dakar heavy'
  undo            take back the last queued order
  end             resolve the turn
  help            this text
  quit            leave at once"""


class PlainGame:
    def __init__(self, scenario: Scenario, seed: int, out: TextIO) -> None:
        self.scenario = scenario
        self.state: GameState = new_game(scenario, seed)
        self.out = out

    def say(self, text: str = "") -> None:
        self.out.write(text + "\n")

    def banner(self) -> None:
        s = self.state
        self.say(f"Turn {s.turn} of {self.scenario.turns} — week of "
                 f"{self.scenario.turn_start(s.turn).isoformat()}")

    def status(self) -> None:
        v = observe(self.state, "junta")
        capital = next(t.region for t in self.scenario.towns.values() if t.kind == "capital")
        self.say(f"Bamako fuel: {v.fuel_days} days ({v.fuel_stock} m³); price index "
                 f"{v.fuel_price}; treasury {v.treasury} billion CFA")
        self.say(f"Support in Bamako: junta {v.support_junta[capital]}, JNIM "
                 f"{v.support_insurgency[capital]}; cohesion {v.cohesion}; isolation "
                 f"{v.isolation}; tankers destroyed {v.tankers_destroyed}")
        flags = [f.replace("_", " ") for f, on in sorted(v.flags.items()) if on]
        if flags:
            self.say("In force: " + ", ".join(flags))
        self.say("Region        junta  JNIM  grievance  fighters (estimate)")
        for rid, region in self.scenario.regions.items():
            self.say(f"{region.name[:13]:<13} {v.support_junta[rid]:>5} "
                     f"{v.support_insurgency[rid]:>5} {v.grievance[rid]:>10}  "
                     f"~{v.fighters[rid]}")
        used = len(v.queued)
        self.say(f"Queued orders ({used}): " + (", ".join(map(str, v.queued)) or "none"))

    def show_map(self) -> None:
        v = observe(self.state, "junta")
        for tid, town in self.scenario.towns.items():
            garrison = v.garrison[tid] if v.garrison else 0
            self.say(f"{town.name:<18} {v.town_status[tid]:<10} garrison {garrison}")
        for cid, path in self.scenario.corridor_paths.items():
            corridor = self.scenario.corridors[cid]
            bad = [self.scenario.route_label(r) + " (cut)" for r in path if v.route_damage.get(r)]
            bad += [self.scenario.route_label(r) + " (checkpoint)" for r in path
                    if v.checkpoints.get(r)]
            blockade = " — blockade declared" if v.blockades.get(cid) else ""
            self.say(f"{corridor.name}: " + (", ".join(bad) or "open") + blockade)

    def list_orders(self) -> None:
        legal = legal_orders(self.state, "junta")
        specs = self.scenario.order_specs["junta"]
        for order in legal:
            spec = specs[order.kind]
            odds = order_odds(self.state, order, fighters=self.state.fighter_estimate)
            extra = f", {odds}% to succeed" if odds is not None else ""
            fuel = f", {spec.fuel_m3} m³ fuel" if spec.fuel_m3 else ""
            self.say(f"  {order}  (cost {spec.cost}{fuel}{extra})")
        if not legal:
            self.say("  no order is possible now; type 'end' to resolve the turn")

    def report(self, events: list[Event]) -> None:
        for e in events:
            if e.visible_to not in ("all", "junta"):
                continue
            chance = f" [odds {e.odds}%, roll {e.roll}]" if e.odds is not None else ""
            source = f" (source: {e.source})" if e.source else ""
            self.say(f"- {e.text}{chance}{source}")

    def end_turn(self) -> None:
        random_policy(self.state, "insurgency")
        result = resolve_turn(self.state)
        self.say(f"--- Report of turn {result.turn} ---")
        self.report(result.events)
        if self.state.over:
            ending = ending_of(self.state)
            self.say(f"GAME OVER: {ending.title if ending else self.state.outcome}")
        else:
            self.banner()

    def handle(self, line: str) -> bool:
        """Handle one command; return False to stop."""
        words = line.split(maxsplit=1)
        if not words:
            return True
        cmd = words[0].lower()
        if cmd == "quit":
            return False
        if cmd == "help":
            self.say(HELP)
        elif cmd == "status":
            self.status()
        elif cmd == "map":
            self.show_map()
        elif cmd == "orders":
            self.list_orders()
        elif cmd == "undo":
            taken = unqueue_last(self.state, "junta")
            self.say(f"Removed: {taken}" if taken else "Nothing to undo.")
        elif cmd == "end":
            self.end_turn()
            return not self.state.over
        else:
            try:
                order = Order.parse(line)
                queue_order(self.state, "junta", order)
                self.say(f"Queued: {order}")
            except (OrderSyntaxError, IllegalOrder) as exc:
                self.say(f"Not possible: {exc}. Type 'orders' for the list or 'help'.")
        return True


def play_plain(scenario: Scenario, seed: int = 1, saves_dir: str | None = None,
               stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    source = stdin or sys.stdin
    game = PlainGame(scenario, seed, stdout or sys.stdout)
    game.say(f"{scenario.spec.meta.title}. {scenario.spec.meta.summary}")
    game.say("Type 'help' for commands.")
    game.banner()
    for line in source:
        if not game.handle(line.strip()):
            break
    return 0
