"""The tracks as a student reads them: their names, what each is, what moves it and why it
matters (the help screen and `help TRACK`), and the words a player may type for them
(`why cohesion`, `help isolation`).

Texts are marked with `N_` where they are defined and translated with `_` where they are
shown, so a catalogue can carry them.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..engine.model import InfoCampaignOrder
from ..engine.scenario import Scenario
from ..i18n import _


def N_(message: str) -> str:
    """Marks a module-level text for the catalogues; `_` translates it when shown."""
    return message


@dataclass(frozen=True)
class TrackText:
    """What a track is, what moves it and why it matters."""

    track: str          # the ledger's name for it
    name: str
    what: str
    moved_by: str
    matters: str
    regional: bool = False

    def why_it_matters(self, scenario: Scenario | None = None) -> str:
        """Why the track matters; with a scenario, its own numbers after the general words."""
        return " ".join([_(self.matters), *scenario_notes(self.track, scenario)])

    def lines(self, scenario: Scenario | None = None) -> list[str]:
        return [_(self.name), "", _(self.what), "", _("What moves it: {text}").format(
            text=_(self.moved_by)), "", _("Why it matters: {text}").format(
            text=self.why_it_matters(scenario))]


TRACK_TEXTS: tuple[TrackText, ...] = (
    TrackText("fuel_stock", N_("Fuel in Bamako"),
              N_("The capital's fuel stock, shown as days of its normal use (the causes are "
                 "counted in cubic metres)."),
              N_("Convoys that arrive add to it; the city's use, the fuel some orders draw "
                 "and scripted events take from it. Rationing and school closures cut the "
                 "use; so do high prices, which keep people at home."),
              N_("Below a week of stock the city queues and loses patience with the junta; "
                 "below a few days the power fails. Holding out at the end needs stock.")),
    TrackText("fuel_price_index", N_("Fuel price index"),
              N_("The price of fuel, 100 before the crisis."),
              N_("It climbs as the stock falls below comfort and falls back as it recovers; "
                 "some events add a risk premium."),
              N_("High prices cut use (people stay at home) but cost the state more for its "
                 "own fuel.")),
    TrackText("treasury", N_("Treasury"),
              N_("The state's money, in billion CFA francs."),
              N_("Customs follow the traffic on the corridors, fuel taxes follow the fuel "
                 "sold, gold follows the mines, and isolation cuts the rest; wages, the "
                 "state's own fuel and every order cost money."),
              N_("Below zero the army goes unpaid and its cohesion suffers; orders that cost "
                 "money can no longer be given.")),
    TrackText("cohesion", N_("Army cohesion"),
              N_("How far the army holds together behind the junta, 0 to 100."),
              N_("Lost garrisons and escort companies, strikes on several posts at once, the "
                 "partner force's abuses and some events lower it; a paid army with the "
                 "capital behind it recovers."),
              N_("Below the coup threshold each week brings a chance of a coup, which ends "
                 "the game (004: 55 soldiers arrested in August 2025 for allegedly plotting a "
                 "coup).")),
    TrackText("isolation", N_("International isolation"),
              N_("How far the junta stands alone, 0 to 100: it expelled French forces and "
                 "fell out with the UN and ECOWAS (000, 001)."),
              N_("Abuses by the security forces and the partner force raise it, as do some "
                 "events."),
              N_("It cuts the state's revenue other than gold: the higher it is, the less the "
                 "treasury takes in each week.")),
    TrackText("junta_support", N_("Support for the junta"),
              N_("The share of a region's people who back the junta, 0 to 100; the "
                 "capital's decides the regime's fate."),
              N_("Fuel shortages, closed schools, rationing, abuses, sieges, withdrawn "
                 "garrisons and JNIM's propaganda lower it; information campaigns, security, "
                 "fuel back in stock and reopened schools raise it."),
              N_("If the capital's support falls far enough the regime collapses; holding out "
                 "needs the capital broadly behind the junta at the end."), regional=True),
    TrackText("insurgent_support", N_("Support for JNIM"),
              N_("The share of a region's people who back the insurgency, 0 to 100."),
              N_("Grievance raises it and its propaganda too; little grievance, dialogue, "
                 "arrests and its own travel and dress rules lower it."),
              N_("It sets what JNIM's taxes yield, and where it is strong JNIM finds "
                 "recruits."), regional=True),
    TrackText("grievance", N_("Grievance"),
              N_("How aggrieved a region's people are, 0 to 100: abuses, poverty, neglect."),
              N_("Abuses by the security forces and the partner force, civilian casualties, "
                 "the rural fuel ban and JNIM's taxes raise it; dialogue eases it."),
              N_("It turns into support and recruits for JNIM (000: JNIM is adept at "
                 "communicating the grievances of the poor and minorities). Over the pivot "
                 "it feeds JNIM's support and recruits and, further over, costs the junta "
                 "support; in some scenarios it also blunts the junta's information "
                 "campaigns (001: JNIM takes advantage of local grievances, which further "
                 "delegitimizes the junta)."),
              regional=True),
    TrackText("insurgent_funds", N_("JNIM's funds"),
              N_("The insurgency's money, in million CFA francs (hidden from the junta)."),
              N_("Taxes, checkpoints, loot and ransoms add to it; the upkeep of its fighters, "
                 "its blockades and its operations cost it."),
              N_("Unpaid fighters desert; operations need money.")),
    TrackText("fighters", N_("JNIM's fighters"),
              N_("The insurgency's fighters in each region (the junta sees only estimates)."),
              N_("Grievance brings recruits, and so does recruitment; strikes, arrests, failed "
                 "attacks, desertion and clashes with the Islamic State take them away; moves "
                 "shift them."),
              N_("Most attacks need fighters near their target, and their odds grow with "
                 "them."), regional=True),
)
BY_TRACK = {t.track: t for t in TRACK_TEXTS}

# Words a player may type for a track (`why support segou`), lower case.
ALIASES: dict[str, str] = {
    "fuel": "fuel_stock", "stock": "fuel_stock", "fuel_stock": "fuel_stock",
    "price": "fuel_price_index", "prices": "fuel_price_index",
    "fuel_price_index": "fuel_price_index",
    "treasury": "treasury", "money": "treasury",
    "cohesion": "cohesion", "army": "cohesion",
    "isolation": "isolation",
    "support": "junta_support", "junta_support": "junta_support",
    "jnim": "insurgent_support", "insurgent_support": "insurgent_support",
    "grievance": "grievance",
    "funds": "insurgent_funds", "insurgent_funds": "insurgent_funds",
    "fighters": "fighters",
}


def track_of(word: str) -> str | None:
    """The track a typed word names, or None."""
    return ALIASES.get(word.strip().lower().replace("-", "_"))


def track_words() -> list[str]:
    """One typed word per track, for help and error messages."""
    firsts: dict[str, str] = {}
    for word, track in ALIASES.items():
        firsts.setdefault(track, word)
    return list(firsts.values())


def track_name(track: str) -> str:
    text = BY_TRACK.get(track)
    return _(text.name) if text else track


def scenario_notes(track: str, scenario: Scenario | None) -> list[str]:
    """Sentences that give a track's thresholds in this scenario's numbers, so the help
    never quotes a number the scenario does not use."""
    if scenario is None or track != "grievance":
        return []
    support = scenario.spec.rules.support
    notes = [_("In this scenario the pivot is {pivot}. Where JNIM has fighters, every "
               "{divisor} points over it add a point of support for JNIM a week and every 10 "
               "bring it {recruits} recruits a week; from {twice} points over, the junta "
               "loses support there too.").format(
        pivot=support.grievance_pivot, divisor=support.grievance_divisor,
        recruits=scenario.spec.rules.insurgency.grievance_recruits,
        twice=2 * support.grievance_divisor)]
    campaign = scenario.order_specs["junta"].get("info-campaign")
    if isinstance(campaign, InfoCampaignOrder) and campaign.odds_cut_per_grievance > 0:
        notes.append(_("Each point over the pivot takes {cut} points off the odds of the "
                       "junta's information campaigns in that region; a successful local "
                       "dialogue eases it.").format(cut=campaign.odds_cut_per_grievance))
    return notes
