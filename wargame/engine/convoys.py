"""The convoy phase: each corridor's week of tankers runs the gauntlet to Bamako."""

from __future__ import annotations

from .ledger import N_, NP_
from .model import AmbushOrder, CheckpointOrder, EscortOrder
from .ops_insurgency import ambush_without_convoy, resolve_ambush
from .turn import Segments, Turn


def run_convoys(t: Turn) -> tuple[int, int]:
    """Move every corridor's convoy; return (tankers arrived, tankers that set out normally)."""
    s = t.state
    scenario = s.scenario
    insurgent_specs = scenario.order_specs["insurgency"]
    ambush_spec = insurgent_specs.get("ambush")
    checkpoint_spec = insurgent_specs.get("checkpoint")
    escort_spec = scenario.order_specs["junta"].get("escort")
    waiting = {o.args[0]: o for o, _ in t.ambushes}
    arrived_total = normal_total = 0
    for cid in sorted(scenario.corridors):
        corridor = scenario.corridors[cid]
        path = scenario.corridor_paths[cid]
        normal_total += corridor.tankers_per_week
        if not path:
            t.emit("convoy", N_("No convoy on the {corridor}: it has no road to {town}."),
                   params={"corridor": cid, "town": corridor.destination})
            continue
        escort = t.escorts.get(cid, 0)
        tankers, note = _departures(t, cid, escort, escort_spec)
        assembled = max((t.convoy_sizes.get(r, 0) for r in path), default=0)
        if assembled > tankers:
            # A scripted convoy the articles describe set out whatever the week's blockade.
            tankers = min(assembled, corridor.tankers_per_week)
            note += [(" ", None), (N_("A large convoy of {tankers} tankers was assembled to "
                                      "make the run."), {"tankers": tankers})]
        cut = next((r for r in path if s.route_damage.get(r)), None)
        if cut is not None:
            passage = s.scenario.spec.rules.fuel.cut_road_passage_pct
            tankers = tankers * passage // 100
            note += [(" ", None), (N_("The road at {route} is cut: only {passage}% of the "
                                      "convoy got through by detours."),
                                   {"route": cut, "passage": passage})]
        setting_out = tankers
        for rid in path:
            if s.checkpoints.get(rid) and isinstance(checkpoint_spec, CheckpointOrder):
                back = tankers * checkpoint_spec.turn_back_pct // 100
                tankers -= back
                trucks = tankers + corridor.goods_trucks_per_week
                t.funds(trucks // 10 * checkpoint_spec.tax_per_10_trucks, "checkpoint_tax",
                        N_("traffic taxed at the checkpoint on {route}"),
                        checkpoint_spec.sources[0] if checkpoint_spec.sources else None,
                        {"route": rid})
                t.emit("checkpoint", N_("At the JNIM checkpoint on {route}, {back} tankers "
                                        "turned back and traffic was taxed."),
                       side="insurgency", params={"route": rid, "back": back},
                       source=checkpoint_spec.sources[0] if checkpoint_spec.sources else None)
            if rid in waiting and isinstance(ambush_spec, AmbushOrder):
                order = waiting.pop(rid)
                convoy = min(tankers, t.convoy_sizes.get(rid, corridor.convoy_tankers))
                t.order = str(order)
                destroyed = resolve_ambush(t, order, ambush_spec, convoy, escort, corridor.name,
                                           tankers)
                tankers -= destroyed
                s.fuel_lost_m3 += destroyed * corridor.tanker_m3
                if destroyed and escort and isinstance(escort_spec, EscortOrder):
                    _escort_losses(t, escort_spec)
                t.order = None
        delivered = tankers * corridor.tanker_m3
        t.fuel(delivered, "convoy_arrived",
               NP_("{tankers} tanker arrived on the {corridor}",
                   "{tankers} tankers arrived on the {corridor}", "tankers"),
               corridor.sources[0] if corridor.sources else None,
               {"tankers": tankers, "corridor": cid})
        s.tankers_delivered += tankers
        arrived_total += tankers
        arrived = (N_("{tankers} of {setting_out} tankers reached {town} on the {corridor} "
                      "under an escort of {escort} companies ({delivered} m³).") if escort else
                   N_("{tankers} of {setting_out} tankers reached {town} on the {corridor} "
                      "unescorted ({delivered} m³)."))
        t.emit("convoy", [(arrived, {"tankers": tankers, "setting_out": setting_out,
                                     "town": corridor.destination, "corridor": cid,
                                     "escort": escort, "delivered": delivered}), *note],
               source=corridor.sources[0] if corridor.sources else None)
    for order in waiting.values():
        if isinstance(ambush_spec, AmbushOrder):
            t.order = str(order)
            ambush_without_convoy(t, order, ambush_spec)
            t.order = None
    for order, _ in t.ambushes:
        s.ambushed[order.args[0]] = s.turn
    s.last_escorts = dict(sorted(t.escorts.items()))
    return arrived_total, normal_total


def _departures(t: Turn, cid: str, escort: int, escort_spec: object) -> tuple[int, Segments]:
    """Tankers that set out this week, after a declared blockade and drivers' fear; and
    what held them back, as an event's follow-up segments ("The declared blockade kept 20%
    of drivers at home; fear of abductions kept 10% more away.")."""
    s = t.state
    corridor = s.scenario.corridors[cid]
    tankers = corridor.tankers_per_week
    notes: Segments = []
    blockade_spec = s.scenario.order_specs["insurgency"].get("blockade")
    if s.blockades.get(cid) and blockade_spec is not None:
        cut = getattr(blockade_spec, "departure_cut_pct", 0)
        tankers = tankers * (100 - cut) // 100
        notes.append((N_("The declared blockade kept {pct}% of drivers at home"), {"pct": cut}))
        warned = escort_spec.blockade_warning_cut_pct \
            if escort and isinstance(escort_spec, EscortOrder) else 0
        if warned:
            # 000: JNIM advised civilians not to travel with military convoys, which makes an
            # escorted convoy a target under a declared blockade; some drivers weigh that.
            tankers = tankers * (100 - warned) // 100
            notes.append((N_("JNIM's warning against travelling with military convoys kept "
                             "{pct}% more away"), {"pct": warned}))
    turns, fear_pct = s.fear.get(cid, (0, 0))
    if turns > 0:
        tankers = tankers * (100 - fear_pct) // 100
        # The first clause of the note starts with a capital: two wordings, not a rule.
        notes.append((N_("fear of abductions and attacks kept {pct}% more away") if notes else
                      N_("Fear of abductions and attacks kept {pct}% more away"),
                      {"pct": fear_pct}))
    if not notes:
        return tankers, []
    # Translators: between two clauses of a convoy's note ("...at home; fear of...").
    separator: Segments = [(N_("; "), None)]
    joined: Segments = [(" ", None), notes[0]]
    for clause in notes[1:]:
        joined += separator + [clause]
    return tankers, [*joined, (".", None)]


def _escort_losses(t: Turn, spec: EscortOrder) -> None:
    s = t.state
    reserve = s.scenario.spec.sides.junta.reserve_town
    hit, roll, odds = t.chance(spec.loss_odds)
    if hit:
        lost = t.lose_companies(reserve, 1)
        s.escort_companies_lost += lost
        t.cohesion(-s.scenario.spec.rules.cohesion.escort_company_lost, "escort_company_lost",
                   N_("an escort company was lost in an ambush"),
                   spec.sources[0] if spec.sources else None)
    t.emit("escort_losses", N_("The escort lost a company in the ambush.") if hit else
           N_("The escort held without heavy losses."), side="junta", odds=odds, roll=roll,
           success=hit, source=spec.sources[0] if spec.sources else None)
