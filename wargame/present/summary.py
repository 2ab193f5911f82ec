"""A whole game's causes per track, for the after-action report: "Army cohesion: −31 from
garrisons lost, −12 from scripted events, +8 from weeks with pay"."""

from __future__ import annotations

from collections.abc import Iterable

from ..engine.ledger import TRACKS, Entry
from ..i18n import _
from .ledgertext import Names, label_of, signed
from .tracks import N_

# What a rule's entries add up to, in a few words ("−31 from garrisons lost").
RULE_LABELS: dict[str, str] = {
    "airstrike": N_("air strikes"), "ambush_failed": N_("failed ambushes"),
    "ambush_loot": N_("ambush loot"), "beyond_orders": N_("the partner force beyond orders"),
    "blockade_upkeep": N_("holding blockades"), "checkpoint_tax": N_("checkpoint levies"),
    "civilian_harm": N_("civilian casualties of strikes"), "clamp": N_("the track's limits"),
    "consumption": N_("the city's use"), "convoy_arrived": N_("convoys arrived"),
    "crackdown": N_("crackdowns"), "crackdown_abuses": N_("abuses in crackdowns"),
    "customs": N_("customs"), "customs_lost": N_("customs lost to the blockade"),
    "desertion": N_("desertion"), "dialogue": N_("dialogue"),
    "escort_company_lost": N_("escort companies lost"), "event": N_("scripted events"),
    "fuel_ban_upkeep": N_("the rural fuel ban"), "fuel_bill": N_("the state's own fuel"),
    "fuel_recovery": N_("fuel back in stock"), "fuel_shortage": N_("fuel shortages"),
    "fuel_tax": N_("fuel taxes"), "fuel_tax_lost": N_("fuel taxes lost"),
    "garrison_lost": N_("garrisons lost"), "gold": N_("gold"),
    "gold_lost": N_("gold lost to idle sites"), "grievance": N_("grievance"),
    "grievance_recruits": N_("recruits from grievance"),
    "info_campaign": N_("information campaigns"),
    "isolation_income": N_("revenue lost to isolation"), "jnim_rules": N_("JNIM's rules"),
    "move": N_("moves"), "order_cost": N_("orders' costs"), "order_fuel": N_("orders' fuel"),
    "other_income": N_("taxes and other revenue"), "partner_abuses": N_("partner abuses"),
    "partner_operation": N_("partner operations"), "partner_tension": N_("partner tension"),
    "patrol_company_lost": N_("patrol companies lost"), "price": N_("the stock's level"),
    "propaganda": N_("JNIM propaganda"), "raid_loot": N_("raid loot"),
    "raid_repelled": N_("repelled raids"), "ransom": N_("ransoms"),
    "rationing": N_("rationing"), "recovery": N_("weeks with pay and support"),
    "recruitment": N_("recruitment"), "regional_shortage": N_("regional shortages"),
    "rival_clash": N_("clashes with the Islamic State"),
    "rural_fuel_ban": N_("the rural fuel ban"), "schools_closed": N_("closed schools"),
    "security": N_("security"), "siege": N_("sieges"), "site_loot": N_("site loot"),
    "spending": N_("wages and upkeep"), "strike_shock": N_("simultaneous strikes"),
    "tax": N_("JNIM's taxes"), "upkeep": N_("fighters' upkeep"),
    "withdrawal": N_("withdrawn garrisons"),
}


def rule_label(rule: str) -> str:
    label = RULE_LABELS.get(rule)
    return _(label) if label else rule.replace("_", " ")


def game_summary(ledger: Iterable[Entry], capital: str,
                 names: Names | None = None) -> list[tuple[str, int, list[tuple[str, int]]]]:
    """Per track: its label, its net change over the game and its causes by rule, largest
    first. The junta's support is the capital's; the other regional tracks are summed over
    the regions."""
    totals: dict[tuple[str, str | None], dict[str, int]] = {}
    for e in ledger:
        region = e.region if e.track == "junta_support" else None
        if e.track == "junta_support" and region != capital:
            continue
        rules = totals.setdefault((e.track, region), {})
        rules[e.rule] = rules.get(e.rule, 0) + e.delta
    order: dict[str, int] = {t: i for i, t in enumerate(TRACKS)}
    out: list[tuple[str, int, list[tuple[str, int]]]] = []
    for (track, region), rules in sorted(totals.items(), key=lambda kv: order[kv[0][0]]):
        causes = sorted(((rule_label(r), d) for r, d in rules.items() if d),
                        key=lambda c: (-abs(c[1]), c[0]))
        if not causes:
            continue
        label = label_of(track, region, names)
        if track == "fuel_stock":
            label = _("{track} (m³)").format(track=label)
        if track in ("insurgent_support", "grievance", "fighters"):
            label = _("{track} (all regions)").format(track=label)
        out.append((label, sum(d for _r, d in causes), causes))
    return out


def summary_line(label: str, causes: list[tuple[str, int]], limit: int = 5) -> str:
    """`Army cohesion: −31 from garrisons lost, +8 from weeks with pay and support`."""
    parts = [_("{amount} from {cause}").format(amount=signed(d), cause=c)
             for c, d in causes[:limit]]
    if len(causes) > limit:
        parts.append(_("{amount} from {n} other causes").format(
            amount=signed(sum(d for _c, d in causes[limit:])), n=len(causes) - limit))
    return _("{track}: {causes}").format(track=label, causes=", ".join(parts))
