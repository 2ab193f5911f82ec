"""Plain mode: a line-by-line game on standard input and output, for screen readers and
scripts. It never asks a question a script would have to answer and stops at end of input."""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from .ai.advisor import Advice, advise, record_advice
from .ai.bots import play_side, rationales
from .engine import (
    GameState,
    IllegalOrder,
    Order,
    OrderSyntaxError,
    Scenario,
    ending_of,
    legal_orders,
    observe,
    order_odds,
    queue_order,
    unqueue_last,
)
from .engine.events import Event
from .engine.game import Game
from .engine.goals import ending_name, flag_name, goal_outline, goals_of
from .engine.safetext import printable
from .engine.turn import capital_region
from .i18n import N_, _, error_text, format_week, local_numbers, localized
from .output import tolerant_input
from .present.events import event_text
from .present.ledgertext import (
    Group,
    group_lines,
    headline_groups,
    names_of,
    regional_groups,
    route_label,
    turn_groups,
)
from .present.orderguide import effect_line, order_help, order_kind_of
from .present.tracks import BY_TRACK, track_of, track_words
from .saves import store as saves_store
from .saves.format import MAX_REASON_CHARS, SaveError, clean_text

HELP = N_("""Commands:
  status          the tracks (fuel, price, treasury, support, cohesion, isolation) and
                  the goals: every ending, what it takes, and where the game stands
  map             towns with their status and garrisons, and the state of the roads
  orders          the orders you may give now, in their text form, with cost, odds and
                  what each would do
  ORDER           queue an order by its text form, e.g. 'escort dakar heavy'
  undo            take back the last queued order
  advise          ask the advisor (the planning junta) for its orders for this turn,
                  with its reasons; nothing is queued
  accept          replace your queue with the advisor's last suggestion
  reason TEXT     your reason for this turn's decisions (optional; kept in the save)
  end [TEXT]      resolve the turn (TEXT, if given, is the turn's reason); the report
                  says what moved each track, and why
  why TRACK [REGION]  every cause of the last turn's change to a track, e.g. 'why cohesion',
                  'why support segou' (tracks: fuel, price, treasury, cohesion, isolation,
                  support, jnim, grievance)
  save NAME       save the game as NAME.json in the saves folder
  help            this text
  help ORDER      what an order does, its effect now and its sources, e.g. 'help escort'
  help TRACK      what a track is, what moves it and why it matters, e.g. 'help isolation'
  quit            leave at once (the game is saved automatically after every turn)""")

# A town's status as the engine names it, for `map` (translated where it is shown).
TOWN_STATUS = {"government": N_("government"), "contested": N_("contested"),
               "besieged": N_("besieged"), "insurgent": N_("insurgent")}

MAX_LINE_CHARS = 10_000  # far above any command; a longer line is skipped, never held whole


def read_line(source: TextIO) -> str | None:
    """The next line of `source` ('' at the end of input); None for a line longer than
    MAX_LINE_CHARS, which is skipped a piece at a time."""
    line = source.readline(MAX_LINE_CHARS + 1)
    if len(line) <= MAX_LINE_CHARS or line.endswith("\n"):
        return line
    while line and not line.endswith("\n"):
        line = source.readline(MAX_LINE_CHARS)
    return None


def input_lines(source: TextIO) -> Iterator[str | None]:
    """The lines of `source`, decoded tolerantly (invalid UTF-8 becomes U+FFFD); None for
    a line too long (see `read_line`)."""
    tolerant_input(source)
    while (line := read_line(source)) != "":
        yield line


class PlainGame:
    def __init__(self, scenario: Scenario, seed: int, out: TextIO, *, game: Game | None = None,
                 saves: Path | None = None, save_options: dict[str, Any] | None = None,
                 reason: str | None = None) -> None:
        self.scenario = scenario
        self.game: Game = game if game is not None else Game.new(scenario, seed)
        self.out = out
        self.saves = saves                      # autosave folder; None: no autosave
        self.save_options = dict(save_options or {})
        self.reason = reason                    # the player's reason for this turn
        self.advice: Advice | None = None       # the advisor's suggestion this turn

    @property
    def state(self) -> GameState:
        return self.game.state

    def say(self, text: str = "") -> None:
        self.out.write(printable(text) + "\n")

    def banner(self) -> None:
        s = self.state
        self.say(_("Turn {turn} of {turns} — week of {date}").format(
            turn=s.turn, turns=self.scenario.turns,
            date=format_week(self.scenario.turn_start(s.turn))))

    def status(self) -> None:
        v = observe(self.state, "junta")
        capital = next(t.region for t in self.scenario.towns.values() if t.kind == "capital")
        fuel = _("Bamako fuel: {days} days ({stock} m³); price index {price}; treasury "
                 "{treasury} billion CFA")
        self.say(fuel.format_map(local_numbers(fuel, {
            "days": v.fuel_days, "stock": v.fuel_stock, "price": v.fuel_price,
            "treasury": v.treasury})))
        support = _("Support in Bamako: junta {junta}, JNIM {jnim}; cohesion {cohesion}; "
                    "isolation {isolation}; tankers destroyed {tankers}")
        self.say(support.format_map(local_numbers(support, {
            "junta": v.support_junta[capital], "jnim": v.support_insurgency[capital],
            "cohesion": v.cohesion, "isolation": v.isolation,
            "tankers": v.tankers_destroyed})))
        flags = [localized(flag_name(f)) for f, on in sorted(v.flags.items()) if on]
        if flags:
            self.say(_("In force: {flags}").format(flags=", ".join(flags)))
        # Translators: a table's header; the columns are 13, 6, 6, 11 and 2 characters wide.
        self.say(_("Region        junta  JNIM  grievance  fighters (estimate)"))
        for rid, region in self.scenario.regions.items():
            self.say(f"{localized(region.name)[:13]:<13} {v.support_junta[rid]:>5} "
                     f"{v.support_insurgency[rid]:>5} {v.grievance[rid]:>10}  "
                     f"~{v.fighters[rid]}")
        used = len(v.queued)
        self.say(_("Queued orders ({used}): {orders}").format(
            used=used, orders=", ".join(map(str, v.queued)) or _("none")))
        self.goals()

    def goals(self) -> None:
        """The endings, in the order the engine tests them, each condition marked met,
        not met or unknown (what the junta cannot see), with its value now."""
        goals = goals_of(self.scenario, observe(self.state, "junta"))
        words = {True: _("[met] "), False: _("[not met] "), None: _("[unknown] ")}
        self.say(_("Goals (the scenario's endings, in the order they are tested):"))
        for goal in goals.endings:
            for line in goal_outline(goal):
                mark = words[line.holds] if line.leaf else ""
                self.say("  " * (line.depth + 1) + mark + localized(line.text))
        now = goals.if_ended_now
        self.say("  " + _("If the game ended now: {ending}").format(
            ending=localized(ending_name(goals.ending(now))) + "." if now
            else _("unknown (it depends on what you cannot see).")))

    def show_map(self) -> None:
        v = observe(self.state, "junta")
        for tid, town in self.scenario.towns.items():
            garrison = v.garrison[tid] if v.garrison else 0
            status = v.town_status[tid]
            self.say(_("{town} {status} garrison {garrison}").format(
                town=f"{localized(town.name):<18}",
                status=f"{_(TOWN_STATUS.get(status, status)):<10}",
                garrison=garrison))
        for cid, path in self.scenario.corridor_paths.items():
            corridor = self.scenario.corridors[cid]
            bad = [_("{road} (cut)").format(road=route_label(self.scenario, r))
                   for r in path if v.route_damage.get(r)]
            bad += [_("{road} (checkpoint)").format(road=route_label(self.scenario, r))
                    for r in path if v.checkpoints.get(r)]
            blockade = _(" — blockade declared") if v.blockades.get(cid) else ""
            self.say(_("{corridor}: {state}").format(
                corridor=localized(corridor.name), state=", ".join(bad) or _("open"))
                + blockade)

    def list_orders(self) -> None:
        legal = legal_orders(self.state, "junta")
        specs = self.scenario.order_specs["junta"]
        for order in legal:
            spec = specs[order.kind]
            odds = order_odds(self.state, order, fighters=self.state.fighter_estimate)
            extra = _(", {odds}% to succeed").format(odds=odds) if odds is not None else ""
            fuel = _(", {fuel} m³ fuel").format(fuel=spec.fuel_m3) if spec.fuel_m3 else ""
            self.say("  " + _("{order}  (cost {cost}{fuel}{odds})").format(
                order=order, cost=spec.cost, fuel=fuel, odds=extra))
            effect = effect_line(self.state, "junta", order)
            if effect:
                self.say(f"      {effect}")
        if not legal:
            self.say("  " + _("no order is possible now; type 'end' to resolve the turn"))

    def report(self, events: list[Event]) -> None:
        for e in events:
            if e.visible_to not in ("all", "junta"):
                continue
            chance = (_(" [odds {odds}%, roll {roll}]").format(odds=e.odds, roll=e.roll)
                      if e.odds is not None else "")
            source = _(" (source: {source})").format(source=e.source) if e.source else ""
            self.say(f"- {event_text(e, names_of(self.scenario))}{chance}{source}")

    def end_turn(self) -> None:
        decisions = play_side(self.state, "insurgency", "doctrine")
        result = self.game.end_turn(self.reason, rationales(decisions))
        self.reason = None
        self.say(_("--- Report of turn {turn} ---").format(turn=result.turn))
        self.report(result.events)
        self.what_moved()
        self.autosave()
        if self.state.over:
            self.game_over()
        else:
            self.banner()

    # ------------------------------------------------------------------ the ledger
    def last_groups(self) -> list[Group] | None:
        """The last turn's changes as the junta may read them; None before the first turn."""
        if not self.game.records:
            return None
        return turn_groups(self.game.records[-1].ledger, self.state, "junta")

    def what_moved(self) -> None:
        """After a turn: each national track that moved and the capital's support, with
        their causes; how many regional tracks moved, and how to ask about them."""
        all_groups = self.last_groups() or []
        capital = capital_region(self.state)
        lead = [g for g in headline_groups(all_groups, capital) if g.change]
        if not lead:
            return
        self.say(_("What moved the tracks:"))
        for group in lead:
            for line in group_lines(group):
                self.say("  " + line)
        others = [g for g in regional_groups(all_groups, capital) if g.change]
        if others:
            regions = len({g.region for g in others})
            self.say(_("Also moved: {n} regional tracks in {regions} regions; type 'why "
                       "support REGION', 'why jnim REGION' or 'why grievance REGION'.").format(
                n=len(others), regions=regions))

    def why(self, args: str) -> None:
        """`why TRACK [REGION]`: every cause of the last turn's change, folded ones too."""
        words = args.split(maxsplit=1)
        valid = ", ".join(w for w in track_words() if w not in ("funds", "fighters"))
        if not words:
            self.say(_("Usage: why TRACK [REGION], e.g. 'why cohesion' or 'why support "
                       "segou'. Tracks: {tracks}.").format(tracks=valid))
            return
        track = track_of(words[0])
        if track is None or track in ("insurgent_funds", "fighters"):
            self.say(_("No track '{word}'. Tracks: {tracks}.").format(
                word=words[0], tracks=valid))
            return
        region: str | None = None
        if BY_TRACK[track].regional:
            region = capital_region(self.state)
            if len(words) > 1:
                found = self.region_of(words[1])
                if found is None:
                    self.say(_("No region '{word}'. Regions: {regions}.").format(
                        word=words[1], regions=", ".join(self.scenario.regions)))
                    return
                region = found
        all_groups = self.last_groups()
        if all_groups is None:
            self.say(_("No turn has been resolved yet: type 'end' first."))
            return
        group = next((g for g in all_groups if (g.track, g.region) == (track, region)), None)
        if group is None or not group.change:
            name = BY_TRACK[track].name
            where = (" " + _("in {region}").format(region=names_of(self.scenario)(
                "region", region))) if region else ""
            self.say(_("{track}{where} did not change last turn.").format(
                track=_(name), where=where)
                     + (" " + _("(Its causes cancelled out.)") if group else ""))
            if group is None:
                return
        for line in group_lines(group, expand=True):
            self.say("  " + line)

    def region_of(self, word: str) -> str | None:
        """A region by its id or its name, accents and case aside."""
        key = _fold(word)
        for rid, region in self.scenario.regions.items():
            if key in (_fold(rid), _fold(str(region.name))):
                return rid
        return None

    def help(self, args: str) -> None:
        if not args:
            self.say(_(HELP))
            return
        word = args.split()[0]
        kind = order_kind_of(word)
        if kind is not None:
            for line in order_help(self.state, "junta", kind):
                self.say(line)
            return
        track = track_of(word)
        if track is not None:
            for line in BY_TRACK[track].lines(self.scenario):
                self.say(line)
            return
        self.say(_("No order or track '{word}'. Orders: {orders}. Tracks: {tracks}.").format(
            word=word, orders=", ".join(self.scenario.order_specs["junta"]),
            tracks=", ".join(track_words())))

    def game_over(self) -> None:
        ending = ending_of(self.state)
        self.say(_("GAME OVER: {ending}").format(
            ending=localized(ending.title) if ending else self.state.outcome))
        self.say(_("Type 'save NAME' to keep this game for the debrief, or 'quit'."))

    # ------------------------------------------------------------------ saves
    def autosave(self) -> None:
        if self.saves is None:
            return
        try:
            saves_store.autosave(self.game, self.saves, **self.save_options)
        except SaveError as exc:
            self.say(_("Autosave failed: {error}").format(error=exc))

    def save(self, name: str) -> None:
        folder = self.saves if self.saves is not None else saves_store.saves_dir(None)
        try:
            path = saves_store.save_path(name, folder)
            saves_store.save_game(self.game, path, pending_reason=self.reason,
                                  **self.save_options)
        except SaveError as exc:
            self.say(_("Not saved: {error}").format(error=exc))
            return
        self.say(_("Saved: {path}").format(path=path))

    def advise(self) -> None:
        """The advisor's suggestion, recorded in the game (for the debrief), never queued."""
        advice = advise(self.state)
        record_advice(self.game, advice)
        self.advice = advice
        none = _("no orders")
        self.say(_("Advisor for turn {turn} (weighed {n} order sets): {orders}").format(
            turn=advice.turn, n=advice.weighed, orders=", ".join(advice.orders) or none))
        self.say(_("Why: {label}: {reasons}.").format(label=localized(advice.label),
                                                       reasons=localized(advice.reasons)))
        queued = ", ".join(str(o) for o in self.state.pending["junta"]) or _("empty")
        self.say(_("Your queue: {queued}. Type 'accept' to replace it with the advice, or "
                   "give your own orders.").format(queued=queued))

    def accept(self) -> None:
        advice = self.advice
        if advice is None or advice.turn != self.state.turn:
            self.say(_("No advice for this turn yet: type 'advise'."))
            return
        while unqueue_last(self.state, "junta") is not None:
            pass
        for text in advice.orders:
            try:
                queue_order(self.state, "junta", Order.parse(text))
            except (OrderSyntaxError, IllegalOrder) as exc:  # it was legal on this queue
                self.say(_("Not possible: {error}.").format(error=error_text(exc)))
        self.say(_("Queued the advice: {orders}").format(
            orders=", ".join(advice.orders) or _("no orders")))

    def set_reason(self, text: str) -> None:
        reason = clean_text(text, MAX_REASON_CHARS)
        if reason is not None and len(reason) < len(text.strip()):
            self.say(_("(Reason shortened to {n} characters.)").format(n=MAX_REASON_CHARS))
        self.reason = reason

    def handle(self, line: str) -> bool:
        """Handle one command; return False to stop."""
        words = line.split(maxsplit=1)
        if not words:
            return True
        cmd = words[0].lower()
        if cmd == "quit":
            return False
        if cmd == "help":
            self.help(words[1] if len(words) > 1 else "")
        elif cmd == "why":
            self.why(words[1] if len(words) > 1 else "")
        elif cmd == "status":
            self.status()
        elif cmd == "map":
            self.show_map()
        elif cmd == "orders":
            self.list_orders()
        elif cmd == "save":
            if len(words) < 2:
                self.say(_("Usage: save NAME"))
            else:
                self.save(words[1])
        elif self.state.over:
            self.say(_("The game is over. Type 'save NAME' to keep it, or 'quit'."))
        elif cmd == "reason":
            if len(words) > 1:
                self.set_reason(words[1])
            self.say(_("Reason for turn {turn}: {reason}").format(
                turn=self.state.turn, reason=self.reason) if self.reason
                else _("No reason given for this turn yet: type 'reason TEXT'."))
        elif cmd == "undo":
            taken = unqueue_last(self.state, "junta")
            self.say(_("Removed: {order}").format(order=taken) if taken
                     else _("Nothing to undo."))
        elif cmd == "advise":
            self.advise()
        elif cmd == "accept":
            self.accept()
        elif cmd == "end":
            if len(words) > 1:
                self.set_reason(words[1])
            self.end_turn()
        else:
            try:
                order = Order.parse(line)
                queue_order(self.state, "junta", order)
                self.say(_("Queued: {order}").format(order=order))
            except (OrderSyntaxError, IllegalOrder) as exc:
                self.say(_("Not possible: {error}. Type 'orders' for the list or 'help'.")
                         .format(error=error_text(exc)))
        return True


def _fold(text: str) -> str:
    """Lower case without accents or separators: 'Ségou' and 'segou' match."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if c.isalnum())


def play_plain(scenario: Scenario | None, seed: int = 1, saves_dir: str | None = None,
               stdin: TextIO | None = None, stdout: TextIO | None = None, *,
               load: str | None = None, turn: int | None = None,
               scenario_text: str | None = None, autosave: bool = True) -> int:
    """Play on stdin/stdout. A new game of `scenario`, or with `load` a saved game
    continued (or, with `turn`, branched from the start of that turn). Autosaves go to
    the saves folder (`saves_dir`, $WARGAME_SAVES or ./saves) after every turn."""
    source = stdin or sys.stdin
    out = stdout or sys.stdout
    folder = saves_store.saves_dir(saves_dir)
    if load is not None:
        try:
            game = _load_plain(load, turn, folder, out)
        except SaveError as exc:
            print(printable(f"wargame: {exc}"), file=sys.stderr)
            return 1
        game.saves = folder if autosave else None
    else:
        if scenario is None:
            raise ValueError("play_plain needs a scenario or a save to load")
        options: dict[str, Any] = {"scenario_text": scenario_text} if scenario_text else {}
        game = PlainGame(scenario, seed, out, saves=folder if autosave else None,
                         save_options=options)
    meta = game.scenario.spec.meta
    game.say(f"{localized(meta.title)}. {localized(meta.summary)}")
    game.say(_("Type 'help' for commands."))
    if game.state.over:
        game.game_over()
    else:
        game.banner()
    for line in input_lines(source):
        if line is None:
            game.say(_("Line too long (more than {n} characters): ignored.").format(
                n=MAX_LINE_CHARS))
        elif not game.handle(line.strip()):
            break
    return 0


def _saved_day(text: object) -> str:
    """A save header's date (ISO) in the reader's language; shown as written if it is not
    a date (a damaged header is reported, not fatal)."""
    try:
        return format_week(str(text))
    except ValueError:
        return str(text)


def _load_plain(arg: str, turn: int | None, folder: Path, out: TextIO) -> PlainGame:
    """The PlainGame of a saved game (continued or branched); raises SaveError."""
    if arg == "autosave":
        loaded, skipped = saves_store.scan_autosaves(folder)
        for _path, problem in skipped:
            out.write(printable(_("Skipped a damaged autosave: {problem}").format(
                problem=problem) + "\n"))
        if loaded is None:
            raise SaveError(_("no autosave in {folder} loads").format(folder=folder)
                            + (_(" (all are damaged)") if skipped else ""))
    else:
        path = saves_store.resolve_save(arg, folder)
        try:
            loaded = saves_store.load_save(path)
        except SaveError as exc:
            good, _skipped = saves_store.scan_autosaves(folder)
            if good is None or good.path.resolve() == path.resolve():
                raise
            h = good.header
            raise SaveError(f"{exc}\n" + _(
                "The newest good autosave is {path} (turn {turn}, {date}): wargame play "
                "--load {path}").format(path=good.path, turn=h['turn'],
                                        date=_saved_day(h['date']))) from None
    scenario = loaded.game.scenario
    if turn is None:
        out.write(printable(_("Loaded {path} (turn {turn}, {date}).").format(
            path=loaded.path, turn=loaded.header['turn'],
            date=_saved_day(loaded.header['date'])) + "\n"))
        if loaded.note:
            out.write(printable(_("Note: {note}").format(note=loaded.note) + "\n"))
        return PlainGame(scenario, loaded.game.seed, out, game=loaded.game,
                         save_options=loaded.save_options(), reason=loaded.pending_reason)
    branch, options = saves_store.branch_game(loaded, turn)
    out.write(printable(_("Branched from {path} at the start of turn {turn}; the new game "
                          "records {name} as its parent.").format(
        path=loaded.path, turn=turn, name=loaded.path.name) + "\n"))
    return PlainGame(scenario, loaded.game.seed, out, game=branch, save_options=options)
