"""The scenario file format: typed, validated, immutable pydantic models.

These models declare the format: what a file may hold, the checks (in `checks`), the
error messages, the JSON schema and its documentation. The game reads a scenario through
the engine's records (`model`): plain classes of the same names and fields, written from
these models by `wargame.scenario.modelgen` (a test keeps them in step) and filled by a
validator built from these models' core schema (`wargame.scenario.validators`), so the
rules read exactly what the instructor wrote, and a game read from the cache needs no
pydantic at all (issue 13). They hold no behaviour beyond validation; YAML and files live
in `wargame.scenario`.

No `from __future__ import annotations` here: pydantic would evaluate every field's
annotation from its string when the 88 classes are created at import; written as types,
Python evaluates them once, cheaper (~10% of the import). The few names used before they
are defined are quoted.
"""

import datetime as dt
from typing import Annotated, Any, Literal, Union

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    PlainSerializer,
    PlainValidator,
    Tag,
    WithJsonSchema,
    model_validator,
)

from .checks import (
    bounds_ordered,
    filter_member,
    iso_date,
    known_order,
    light_not_heavier,
    line_text,
    odds_ordered,
    prose_text,
    safe_line,
)
from .localtext import LANGUAGE_CODE, LocalText
from .orders import ORDER_KINDS

SideId = Literal["junta", "insurgency"]
TownKind = Literal[
    "capital", "city", "town", "village", "outpost", "border_post", "mine", "factory"
]
RouteCondition = Literal["paved", "laterite", "track"]
TownStatus = Literal["government", "contested", "besieged", "insurgent"]
Comparison = Literal["lt", "le", "gt", "ge", "eq"]
FlagId = Literal[
    "rural_fuel_ban",
    "schools_closed",
    "evacuation_advice",
    "travel_restrictions",
    "dress_rules",
    "power_cuts",
    "parties_banned",
    "coup",
    "mass_unrest",
]
# Tracks an effect may move, and tracks a condition may test.
EffectTrack = Literal[
    "fuel_stock", "fuel_price", "treasury", "cohesion", "isolation",
    "insurgent_funds", "insurgent_weapons",
]
ConditionTrack = Literal[
    "fuel_days", "fuel_price", "treasury", "cohesion", "isolation",
    "tankers_destroyed", "towns_held", "insurgent_fighters", "insurgent_funds", "turn",
]

Id = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=60)]
SourceFile = Annotated[str, Field(pattern=r"^[0-9]{3}_[0-9a-f]{16}\.txt$")]
Percent = Annotated[int, Field(ge=0, le=100)]
NonNeg = Annotated[int, Field(ge=0)]


def _text_schema(multiline: bool) -> WithJsonSchema:
    one = {"type": "string"}
    return WithJsonSchema({"anyOf": [one, {
        "type": "object", "minProperties": 1, "additionalProperties": one,
        "propertyNames": {"pattern": LANGUAGE_CODE.pattern},
        "description": "The text in several languages, e.g. {en: ..., fr: ...}."}]})


# Every text a player reads is one of these two types: a string, or a mapping of language
# to string. Either loads as a `LocalText`, a `str` in English that carries its
# translations, so code that reads it as a string is unchanged; the interface picks a
# language at the edge. It is written back in the form it was read (cache, schema).
_dump = PlainSerializer(LocalText.dumped)
Text = Annotated[LocalText, PlainValidator(prose_text), _dump,     # prose: briefings, news
                 _text_schema(multiline=True)]
Name = Annotated[LocalText, PlainValidator(line_text), _dump,    # one line: names, titles
                 _text_schema(multiline=False)]
# One line that is not shown as prose and never translated (an order's text form).
Line = Annotated[str, AfterValidator(safe_line)]


# A date, written YYYY-MM-DD, quoted or not.
Date = Annotated[dt.date, BeforeValidator(iso_date)]


# An order kind's keyword (`ambush`, `africa-corps`...), as a schema enum too.
OrderName = Annotated[
    str, AfterValidator(known_order),
    WithJsonSchema({"type": "string", "enum": sorted(ORDER_KINDS)}),
]


def desc(text: str, **kwargs: Any) -> Any:
    """A pydantic Field with its description (every field of the format is described)."""
    return Field(description=text, **kwargs)


class Model(BaseModel):
    """Base of every format model: strict types, unknown keys rejected, immutable."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, defer_build=True)


# ----------------------------------------------------------------------------- metadata

class Meta(Model):
    id: Id = desc("Stable identifier of the scenario, used on the command line.")
    title: Name = desc("Title shown to players.")
    summary: Text = desc("A paragraph of briefing shown before play.")
    start_date: Date = desc("Date of the first day of turn 1.")
    days_per_turn: int = desc("Days of game time per turn.", ge=1, le=31)
    turns: int = desc("Number of turns the game lasts.", ge=1, le=200)
    sources: list[SourceFile] = desc(
        "The source articles this scenario is derived from, by file name.", min_length=1
    )


# ----------------------------------------------------------------------------- map

class Region(Model):
    id: Id = desc("Region identifier.")
    name: Name = desc("Region name shown to players.")


class Town(Model):
    id: Id = desc("Town identifier.")
    name: Name = desc("Name shown to players, with its proper accents.")
    region: Id = desc("Id of the region the town is in.")
    kind: TownKind = desc("What the place is: capital, city, town, village, outpost, "
                          "border_post, mine or factory.")
    lat: float = desc("Latitude in decimal degrees.", ge=-90, le=90)
    lon: float = desc("Longitude in decimal degrees.", ge=-180, le=180)
    population: NonNeg = desc("Population (a designer's estimate unless a source gives it).")
    board: list[float] | None = desc(
        "Optional hand-placed board position [x, y] in a 0..100 box (x east, y south), "
        "used where real coordinates would crowd labels.",
        default=None, min_length=2, max_length=2,
    )
    sources: list[SourceFile] = desc("Articles that name this place.", default_factory=list)
    note: Text | None = desc("A short neutral note shown in the details panel.", default=None)


class Route(Model):
    id: Id = desc("Route identifier.")
    from_town: Id = desc("Town at one end.", alias="from")
    to_town: Id = desc("Town at the other end.", alias="to")
    road: Name = desc("Road name, e.g. RN3.")
    km: int = desc("Length in kilometres.", ge=1, le=2000)
    corridor: Id | None = desc("Corridor this segment belongs to, if any.", default=None)
    condition: RouteCondition = desc("Road surface: paved, laterite or track.")
    sources: list[SourceFile] = desc("Articles that name this road.", default_factory=list)

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, populate_by_name=True)


class Bounds(Model):
    """The area the board shows, in decimal degrees."""

    west: float = desc("Westernmost longitude.", ge=-180, le=180)
    east: float = desc("Easternmost longitude.", ge=-180, le=180)
    south: float = desc("Southernmost latitude.", ge=-90, le=90)
    north: float = desc("Northernmost latitude.", ge=-90, le=90)

    _ordered = model_validator(mode="after")(bounds_ordered)


class MapSpec(Model):
    regions: list[Region] = desc("Regions, which carry public support.", min_length=1)
    towns: list[Town] = desc("Towns and sites: the nodes of the board.", min_length=1)
    routes: list[Route] = desc("Road segments: the edges of the board.", default_factory=list)
    bounds: Bounds | None = desc(
        "The area the board shows; without it the board fits the towns. A town outside it "
        "is warned about.", default=None)


class Corridor(Model):
    id: Id = desc("Corridor identifier.")
    name: Name = desc("Name shown to players.")
    origin: Name = desc("Where the fuel comes from (port and country).")
    entry: Id = desc("Town where the corridor enters the map (a border post).")
    destination: Id = desc("Town the convoys supply (normally the capital).")
    tankers_per_week: NonNeg = desc("Tankers that set out on this corridor in a normal week.")
    tanker_m3: int = desc("Cubic metres of fuel a tanker carries.", ge=1)
    convoy_tankers: int = desc("Tankers in one convoy: an ambush strikes one convoy, not the "
                               "whole week's traffic.", ge=1)
    goods_trucks_per_week: NonNeg = desc("Goods trucks on the corridor in a normal week; "
                                         "they pay customs and suffer checkpoints.")
    sources: list[SourceFile] = desc("Articles that describe this corridor.",
                                     default_factory=list)


# ----------------------------------------------------------------------------- forces

class JuntaUnit(Model):
    id: Id = desc("Unit identifier.")
    name: Name = desc("Name shown to players.")
    kind: Literal["army", "gendarmerie", "police", "militia"] = desc("Type of unit.")
    town: Id = desc("Town where the unit starts.")
    strength: int = desc("Strength in companies (about 150 soldiers each).", ge=0)


class InsurgentCell(Model):
    region: Id = desc("Region where the fighters start.")
    fighters: NonNeg = desc("Number of fighters.")


class JuntaSide(Model):
    name: Name = desc("Name shown to players.")
    command_capacity: int = desc("Orders the junta may give each turn.", ge=0, le=20)
    units: list[JuntaUnit] = desc("Ground forces and where they start.", min_length=1)
    helicopters: NonNeg = desc("Attack helicopters available for air strikes.")
    africa_corps: NonNeg = desc("Strength of the Russian Africa Corps, in companies.")
    reserve_town: Id = desc("Town whose garrison is the mobile reserve (escorts and "
                            "reinforcements come from it).")
    min_reserve: NonNeg = desc("Companies the reserve may not go below.")
    reserve_replacements: NonNeg = desc(
        "Companies added to the reserve each turn (recruits, recalls) while the treasury is "
        "not negative, up to the reserve's starting strength.")


class InsurgentSide(Model):
    name: Name = desc("Name shown to players.")
    command_capacity: int = desc("Orders the insurgency may give each turn.", ge=0, le=20)
    cells: list[InsurgentCell] = desc("Fighters per region at the start.", min_length=1)
    weapons: NonNeg = desc("Weapons stock (arbitrary units).")
    funds: NonNeg = desc("Funds, in million CFA francs.")


RegionPreference = Literal["most_insurgent_fighters", "fewest_insurgent_fighters",
                           "most_grievance", "most_rival_fighters"]


class ActorDoctrine(Model):
    """A non-player actor's small doctrine: which regions it acts in first."""

    actions_per_turn: int = desc("Regions it acts in each turn.", ge=0, le=10)
    prefer: list[RegionPreference] = desc(
        "Keep-the-best preferences applied in order to its candidate regions; ties go to the "
        "game's seeded generator.", default_factory=list)
    sources: list[SourceFile] = desc("Articles this behaviour follows.", default_factory=list)


class Actor(Model):
    id: Id = desc("Actor identifier.")
    name: Name = desc("Name shown to players.")
    kind: Literal["rival_insurgency", "partner_force", "foreign_government"] = desc(
        "rival_insurgency: fights the insurgency in its regions; partner_force: a foreign "
        "force under the junta's orders that may act beyond them; foreign_government: "
        "named in events only.")
    regions: list[Id] = desc("Regions where the actor is active.", default_factory=list)
    fighters: NonNeg = desc("Fighters per active region (rival insurgencies).", default=0)
    clash_odds: Percent = desc("Chance per turn and region of a clash with the insurgency.",
                               default=0)
    clash_losses: NonNeg = desc("Insurgent fighters lost in a clash.", default=0)
    beyond_orders_odds: Percent = desc(
        "partner_force: chance, after each operation it is ordered into, that it also acts "
        "on its own in a neighbouring region, with abuses.", default=0)
    beyond_orders_grievance: NonNeg = desc("partner_force: grievance its own actions add.",
                                           default=0)
    doctrine: ActorDoctrine | None = desc("How it chooses where to act.", default=None)
    sources: list[SourceFile] = desc("Articles that describe this actor.",
                                     default_factory=list)


class Sides(Model):
    junta: JuntaSide = desc("The Malian junta and its forces (the player).")
    insurgency: InsurgentSide = desc("JNIM (the AI by default).")
    actors: list[Actor] = desc("Non-player actors.", default_factory=list)


# ----------------------------------------------------------------------------- tracks

class RegionSupport(Model):
    junta: Percent = desc("Support for the junta, 0..100.")
    insurgency: Percent = desc("Support for the insurgency, 0..100.")


class Tracks(Model):
    fuel_stock_m3: NonNeg = desc("Bamako's fuel stock at the start, cubic metres.")
    fuel_use_m3_per_day: int = desc("Bamako's normal fuel use per day, cubic metres.", ge=1)
    fuel_price: int = desc("Fuel price index at the start (100 = before the crisis).", ge=1)
    treasury: int = desc("Treasury at the start, billion CFA francs.")
    income_customs: NonNeg = desc("Customs income per turn with full traffic, billion CFA.")
    income_gold: NonNeg = desc("Gold income per turn, billion CFA.")
    income_other: NonNeg = desc("Other income per turn, billion CFA.")
    spending: NonNeg = desc("Fixed spending per turn (wages, upkeep), billion CFA.")
    income_fuel_tax: NonNeg = desc(
        "Fuel taxes per turn when Bamako burns its normal week of fuel, billion CFA; they fall "
        "with the fuel actually sold.", default=0)
    fuel_spending: NonNeg = desc(
        "The army's and the state's own fuel per turn at price index 100, billion CFA; the "
        "bill rises with the price.", default=0)
    support: dict[Id, RegionSupport] = desc("Support per region at the start.")
    grievance: dict[Id, Percent] = desc("Grievance per region at the start (abuses, "
                                        "poverty, neglect), 0..100.")
    intelligence: dict[Id, Percent] = desc("The junta's intelligence per region, 0..100: "
                                           "how well it sees the insurgency there.")
    cohesion: Percent = desc("Army cohesion, 0..100 (low means coup risk).")
    isolation: Percent = desc("International isolation, 0..100.")
    flags: list[FlagId] = desc("Flags set at the start.", default_factory=list)
    town_status: dict[Id, TownStatus] = desc("Towns whose status at the start is not "
                                             "'government'.", default_factory=dict)


# ----------------------------------------------------------------------------- conditions

class TrackCondition(Model):
    type: Literal["track"] = desc("Compare a track with a value.")
    track: ConditionTrack = desc("The track to test.")
    op: Comparison = desc("Comparison: lt, le, gt, ge or eq.")
    value: int = desc("The value to compare with.")


class SupportCondition(Model):
    type: Literal["support"] = desc("Compare a region's support for a side with a value.")
    region: Id = desc("Region.")
    side: SideId = desc("Whose support.")
    op: Comparison = desc("Comparison: lt, le, gt, ge or eq.")
    value: int = desc("The value to compare with.")


class GrievanceCondition(Model):
    type: Literal["grievance"] = desc("Compare a region's grievance with a value.")
    region: Id = desc("Region.")
    op: Comparison = desc("Comparison: lt, le, gt, ge or eq.")
    value: int = desc("The value to compare with.")


class FlagCondition(Model):
    type: Literal["flag"] = desc("Test whether a flag is set.")
    flag: FlagId = desc("The flag.")
    value: bool = desc("The value the flag must have.", default=True)


class TownStatusCondition(Model):
    type: Literal["town_status"] = desc("Test a town's status.")
    town: Id = desc("Town.")
    status: TownStatus = desc("The status it must have.")


class AllCondition(Model):
    type: Literal["all"] = desc("True when every listed condition holds.")
    conditions: "list[Condition]" = desc("The conditions.", min_length=1)


class AnyCondition(Model):
    type: Literal["any"] = desc("True when at least one listed condition holds.")
    conditions: "list[Condition]" = desc("The conditions.", min_length=1)


class NotCondition(Model):
    type: Literal["not"] = desc("True when the condition does not hold.")
    condition: "Condition" = desc("The condition to negate.")


Condition = Annotated[
    TrackCondition | SupportCondition | GrievanceCondition | FlagCondition
    | TownStatusCondition | AllCondition | AnyCondition | NotCondition,
    Field(discriminator="type"),
]


# ----------------------------------------------------------------------------- effects

class AdjustTrack(Model):
    type: Literal["adjust_track"] = desc("Move a track by a delta.")
    track: EffectTrack = desc("The track.")
    delta: int = desc("Amount added (negative to subtract).")


class AdjustSupport(Model):
    type: Literal["adjust_support"] = desc("Move a region's support for a side.")
    region: Id = desc("Region.")
    side: SideId = desc("Whose support.")
    delta: int = desc("Amount added (negative to subtract).")


class AdjustGrievance(Model):
    type: Literal["adjust_grievance"] = desc("Move a region's grievance.")
    region: Id = desc("Region.")
    delta: int = desc("Amount added (negative to subtract).")


class SetFlag(Model):
    type: Literal["set_flag"] = desc("Set or clear a flag.")
    flag: FlagId = desc("The flag.")
    value: bool = desc("New value.", default=True)


class DamageRoute(Model):
    type: Literal["damage_route"] = desc("Damage a road or bridge so convoys cannot pass.")
    route: Id = desc("Route.")
    turns: int = desc("Turns until it is passable again without repair.", ge=1)


class SetTownStatus(Model):
    type: Literal["set_town_status"] = desc("Change a town's status.")
    town: Id = desc("Town.")
    status: TownStatus = desc("New status.")


class AdjustFighters(Model):
    type: Literal["adjust_fighters"] = desc("Add or remove insurgent fighters in a region.")
    region: Id = desc("Region.")
    delta: int = desc("Fighters added (negative to remove).")


class ScriptedOrder(Model):
    type: Literal["scripted_order"] = desc(
        "Make a side attempt an order this turn, resolved with the normal odds "
        "(free of command capacity and cost).")
    side: SideId = desc("The side that attempts it.")
    order: Line = desc("The order in its text form, e.g. 'ambush didieni-kolokani'.")
    convoy_tankers: int | None = desc(
        "For a scripted ambush: the tankers in the convoy it strikes, when the articles give "
        "the convoy's size (otherwise the corridor's convoy_tankers).", default=None, ge=1)


class Message(Model):
    type: Literal["message"] = desc("A news line only.")
    text: Text = desc("The text.")


Effect = Annotated[
    AdjustTrack | AdjustSupport | AdjustGrievance | SetFlag | DamageRoute | SetTownStatus
    | AdjustFighters | ScriptedOrder | Message,
    Field(discriminator="type"),
]


# ----------------------------------------------------------------------------- events

class DateTrigger(Model):
    type: Literal["date"] = desc("Fires in the turn that contains the date.")
    date: Date = desc("The date.")


class ConditionTrigger(Model):
    type: Literal["condition"] = desc("Fires once, at the end of the first turn the "
                                      "condition holds.")
    condition: Condition = desc("The condition.")
    earliest: Date | None = desc("Not before the turn containing this date.", default=None)


Trigger = Annotated[DateTrigger | ConditionTrigger, Field(discriminator="type")]


class EventSpec(Model):
    id: Id = desc("Event identifier.")
    title: Name = desc("Headline shown in the turn report.")
    text: Text = desc("Neutral account, attributing claims to sources.")
    source: SourceFile | None = desc("Article the event comes from (None for a designed "
                                     "what-if).", default=None)
    trigger: Trigger = desc("When it fires.")
    effects: list[Effect] = desc("What it does, in order.", default_factory=list)


# ----------------------------------------------------------------------------- victory

class Ending(Model):
    id: Id = desc("Stable outcome id, e.g. regime_collapse.")
    title: Name = desc("Title shown on the game-over screen.")
    grade: Literal["decisive_defeat", "defeat", "draw", "victory", "decisive_victory"] = desc(
        "How the ending grades for the junta.")
    check: Literal["every_turn", "final"] = desc(
        "every_turn: ends the game as soon as it holds; final: tested after the last turn.")
    condition: Condition = desc("When this ending applies.")
    explanation: Text = desc("Why this ending came about, for the after-action report.")
    sources: list[SourceFile] = desc("Articles this ending reflects.", default_factory=list)


class Victory(Model):
    endings: list[Ending] = desc("Endings in priority order.", min_length=1)
    default: Ending = desc("Ending when no final ending holds after the last turn.")


# ----------------------------------------------------------------------------- fog

class Fog(Model):
    estimate_error_pct_at_zero_intel: Percent = desc(
        "Largest error of the junta's estimate of fighters in a region with no intelligence, "
        "in percent; it shrinks linearly to 0 at intelligence 100.")
    min_detected_fighters: NonNeg = desc(
        "Below this many fighters a region with intelligence under 50 shows none.")
    insurgency_sees_garrisons: bool = desc("Whether the insurgency sees garrison strengths "
                                           "exactly (its fighters live among the people).")
    insurgency_sees_treasury: bool = desc("Whether the insurgency sees the treasury and "
                                          "cohesion.")
    parties_banned_error_pct: Percent = desc(
        "Extra error of the junta's estimates, in percent, in every region while political "
        "parties are banned: the intelligence services track opponents instead (004).",
        default=0)


# ----------------------------------------------------------------------------- rules

class RulesPart(Model):
    sources: list[SourceFile] = desc("Articles this part of the rules follows.",
                                     default_factory=list)


class FuelRules(RulesPart):
    comfort_days: int = desc("Days of fuel at or above which prices stay at normal.", ge=0)
    price_per_missing_day: NonNeg = desc("Price-index points added per day of fuel below "
                                         "comfort_days.")
    price_cap: int = desc("Highest price index.", ge=100)
    power_cut_days: NonNeg = desc("Below this many days of fuel, and with demand unmet, power "
                                  "cuts start.")
    shortage_days: NonNeg = desc("Below this many days of fuel, Bamako support falls.")
    shortage_support_loss: NonNeg = desc(
        "Junta support lost in Bamako per turn of shortage, per full shortage_step_pct of its "
        "normal use (after rationing and closures) that it goes without beyond "
        "shortage_allowance_pct, whether prices kept people at home or the fuel was not "
        "there.")
    shortage_step_pct: int = desc("See shortage_support_loss.", default=10, ge=1, le=100)
    shortage_allowance_pct: Percent = desc(
        "Share of its normal use a city can go without before it counts as hardship (queues, "
        "the black market, trips not taken).", default=0)
    shortage_regions: list[Id] = desc(
        "Regions outside the capital that go short of fuel with it (000: shortages across "
        "central and southern Mali).", default_factory=list)
    regional_shortage_support_loss: NonNeg = desc(
        "Junta support lost per turn in each of shortage_regions while the capital is below "
        "shortage_days.", default=0)
    power_cut_support_loss: NonNeg = desc("Junta support lost in Bamako per turn of power cuts.")
    recovery_support_gain: NonNeg = desc("Junta support regained in Bamako per turn when fuel "
                                         "is at or above comfort_days.")
    demand_cut_per_100_price: NonNeg = desc("Percent of Bamako's use that high prices cut per "
                                            "100 points of price index above 100.")
    demand_cut_cap: Percent = desc("Largest cut in use that prices cause, percent.")
    cut_road_passage_pct: Percent = desc("Percent of a convoy that still gets through a cut "
                                         "road by detours on tracks.")
    fear_cap_pct: Percent = desc(
        "The most departures drivers' fear (of abductions and burned convoys, which add up) "
        "can deter on a corridor: some drivers always run the risk.", default=60)
    fear_fade_pct: Percent = desc(
        "Share of the drivers' fear on a corridor that fades each turn (calm weeks bring the "
        "drivers back).", default=0)


class SupportRules(RulesPart):
    grievance_pivot: Percent = desc("Grievance above which insurgent support grows.")
    grievance_divisor: int = desc("Insurgent support change per turn = (grievance - pivot) "
                                  "// divisor.", ge=1)
    security_gain: NonNeg = desc("Junta support gained per turn in a region where the "
                                 "junta holds every town and fighters are few.")
    few_fighters: NonNeg = desc("Fighters at or under which a region counts as secure.")
    jnim_rules_support_loss: NonNeg = desc("Insurgent support lost per turn in regions with "
                                           "its fighters while its travel or dress rules "
                                           "apply.")
    inaction_support_loss: NonNeg = desc(
        "Junta support lost in the capital in a week of fuel shortage in which the junta gave "
        "no order though it could have: residents ask for government action (004).",
        default=0)
    unrest_support: Percent = desc("Bamako junta support at or below which mass unrest is "
                                   "flagged.")


class CohesionRules(RulesPart):
    garrison_lost: NonNeg = desc("Cohesion lost when a garrison is wiped out.")
    escort_company_lost: NonNeg = desc("Cohesion lost per escort company lost.")
    unpaid: NonNeg = desc("Cohesion lost per turn while the treasury is negative.")
    low_support: NonNeg = desc("Cohesion lost per turn while Bamako's junta support is under "
                               "low_support_threshold.")
    low_support_threshold: Percent = desc("See low_support.")
    recovery: NonNeg = desc("Cohesion regained per turn while the army is paid and the "
                            "capital's support is at or above low_support_threshold.")
    coup_threshold: Percent = desc("Below this cohesion, a coup may happen.")
    coup_odds_per_point: NonNeg = desc("Coup chance per turn, percent per point of cohesion "
                                       "below coup_threshold.")
    soldiers_taken: NonNeg = desc("Cohesion lost when soldiers of an escort are abducted in "
                                  "an ambush.", default=0)


class EconomyRules(RulesPart):
    isolation_income_cut_pct: Percent = desc("Percent of non-gold income lost at isolation 100 "
                                             "(linear).")
    site_income_share_pct: Percent = desc("Percent of gold income a damaged mine or factory "
                                          "withholds while damaged.")


class InsurgentRules(RulesPart):
    upkeep_per_100_fighters: NonNeg = desc("Funds spent per turn per 100 fighters.")
    desertion_pct: Percent = desc("Percent of fighters lost per turn when funds run out.")
    fuel_ban_upkeep_pct: NonNeg = desc("Extra upkeep, percent, while the rural fuel ban holds.")
    grievance_recruits: NonNeg = desc("Fighters joining per turn in a region per 10 points of "
                                      "grievance above the pivot.")
    siege_attrition: NonNeg = desc("Garrison companies a besieged town loses per turn when "
                                   "besiegers outnumber it.")
    siege_attrition_odds: Percent = desc(
        "Chance per turn that a besieged garrison the besiegers outnumber loses those companies "
        "(hunger, desertion, sorties), rolled and shown.", default=100)
    siege_fighters_per_company: int = desc("Besiegers needed per garrison company for "
                                           "attrition to bite.", ge=1)
    siege_fall_turns: int = desc("Turns of siege after which an emptied town falls.", ge=1)
    besieged_support_loss: NonNeg = desc("Junta support lost per turn in a region with a "
                                         "besieged town.")
    recover_companies: NonNeg = desc(
        "Garrison companies that, held in a contested town for recover_turns turns in a row "
        "without it being raided, bring it back under government control (0: never).",
        default=0)
    recover_turns: int = desc("See recover_companies; a patrol on one of the town's roads "
                              "counts a turn twice.", default=3, ge=1)


class Rules(Model):
    odds_floor: Percent = desc("No chance is lower than this, percent.")
    odds_ceiling: Percent = desc("No chance is higher than this, percent.")
    fuel: FuelRules = desc("Fuel stock, price and shortage.")
    support: SupportRules = desc("How public support drifts.")
    cohesion: CohesionRules = desc("Army cohesion and coup risk.")
    economy: EconomyRules = desc("Treasury income.")
    insurgency: InsurgentRules = desc("Insurgent upkeep, recruitment and sieges.")

    _odds_ordered = model_validator(mode="after")(odds_ordered)


# ----------------------------------------------------------------------------- orders

class OrderBase(Model):
    enabled: bool = desc("Whether the order is offered.", default=True)
    capacity: int = desc("Command capacity the order uses.", default=1, ge=0)
    cost: NonNeg = desc("Money it costs: billion CFA (junta) or million CFA (insurgency).",
                        default=0)
    fuel_m3: NonNeg = desc("Fuel it draws from Bamako's stock, cubic metres (junta).",
                           default=0)
    sources: list[SourceFile] = desc("Articles the order and its numbers come from.",
                                     default_factory=list)
    description: Text | None = desc(
        "What the order does, in one or two sentences, for the order guide (`help ORDER`, "
        "`?` on the orders panel); cite the article it paraphrases in a comment.",
        default=None)


class EscortOrder(OrderBase):
    light_companies: int = desc("Companies in a light escort.", ge=1)
    heavy_companies: int = desc("Companies in a heavy escort.", ge=1)
    odds_cut_per_company: NonNeg = desc("Ambush odds lost per escorting company.")
    blockade_warning_cut_pct: Percent = desc(
        "While a blockade is declared on the corridor, percent of the departures lost when its "
        "convoy is escorted: JNIM warned civilians not to travel with military convoys, so "
        "escorted convoys are its targets and some drivers stay away.")
    loss_odds: Percent = desc("Chance the escort loses a company when an ambush succeeds.")

    _light_not_heavier = model_validator(mode="after")(light_not_heavier)


class PatrolOrder(OrderBase):
    ambush_odds_cut: NonNeg = desc("Ambush and kidnap odds lost on the patrolled route.")
    clear_checkpoint_odds: Percent = desc("Chance to clear a checkpoint on the route.")
    intel_gain: NonNeg = desc("Intelligence gained in the route's regions.")


class ReinforceOrder(OrderBase):
    companies: int = desc("Companies sent from the reserve.", ge=1)


class WithdrawOrder(OrderBase):
    support_loss: NonNeg = desc("Junta support lost in the region when a garrison leaves.")


class AirstrikeOrder(OrderBase):
    base_odds: Percent = desc("Chance of a hit at intelligence 0.")
    odds_per_10_intel: NonNeg = desc("Odds added per 10 points of intelligence.")
    kills: NonNeg = desc("Fighters the army says a hit killed (its claim; the true losses are "
                         "at most those present).")
    civilian_harm_odds: Percent = desc("Chance of civilian casualties.")
    grievance: NonNeg = desc("Grievance added by civilian casualties.")


class AfricaCorpsOrder(OrderBase):
    base_odds: Percent = desc("Chance the operation hits the insurgency.")
    kills: NonNeg = desc("Fighters killed on success.")
    abuse_odds: Percent = desc("Chance it acts beyond its orders with abuses against "
                               "civilians.")
    grievance: NonNeg = desc("Grievance added by abuses.")
    support_loss: NonNeg = desc("Junta support lost in the region by abuses.")
    isolation: NonNeg = desc("Isolation added by abuses.")
    cohesion_cost: NonNeg = desc(
        "Cohesion lost when its operation brings abuses: the force takes resources for itself "
        "outside Mali's chain of command and officers spoke out against its abuses (004).",
        default=0)


class RationOrder(OrderBase):
    use_cut_pct: Percent = desc("Percent cut in Bamako's fuel use this turn.")
    support_loss: NonNeg = desc("Junta support lost in Bamako.")


class RuralFuelBanOrder(OrderBase):
    grievance: NonNeg = desc("Grievance added in every region with insurgent fighters.")


class CloseSchoolsOrder(OrderBase):
    use_cut_pct: Percent = desc("Percent cut in Bamako's fuel use while schools are closed.")
    turns: int = desc("Turns schools stay closed before they reopen by themselves.", ge=1)
    support_loss: NonNeg = desc("Junta support lost in Bamako per turn while closed.")


class ReopenSchoolsOrder(OrderBase):
    support_gain: NonNeg = desc("Junta support regained in Bamako.")


class InfoCampaignOrder(OrderBase):
    base_odds: Percent = desc("Chance the campaign lands.")
    support_gain: NonNeg = desc("Junta support gained on success.")
    odds_cut_per_grievance: NonNeg = desc(
        "Odds lost per point of grievance over rules.support.grievance_pivot in the region: "
        "residents whose grievances go unheard believe the government's message less, until "
        "a dialogue eases them.", default=0)


class CrackdownOrder(OrderBase):
    base_odds: Percent = desc("Chance to hit insurgent networks.")
    kills: NonNeg = desc("Suspected fighters the authorities say they detained on success.")
    insurgent_support_cut: NonNeg = desc("Insurgent support lost on success.")
    abuse_odds: Percent = desc("Chance of abuses against civilians: arbitrary arrests, "
                               "killings, disappearances.")
    grievance: NonNeg = desc("Grievance added by abuses.")
    support_loss: NonNeg = desc("Junta support lost in the region by abuses.", default=0)
    isolation: NonNeg = desc("Isolation added by abuses.", default=0)


class DialogueOrder(OrderBase):
    base_odds: Percent = desc("Chance the dialogue succeeds.")
    grievance_cut: NonNeg = desc("Grievance removed on success.")
    insurgent_support_cut: NonNeg = desc("Insurgent support lost on success.")


class RepairOrder(OrderBase):
    base_odds: Percent = desc("Chance the road or bridge is repaired this turn.")


class RelieveOrder(OrderBase):
    companies: int = desc("Companies of the reserve committed.", ge=1)
    base_odds: Percent = desc("Chance to break a siege with equal forces.")
    odds_per_company: NonNeg = desc("Odds added per company in the relief and garrison.")
    odds_per_100_fighters: NonNeg = desc("Odds lost per 100 fighters in the region.")
    losses: NonNeg = desc("Companies lost on failure.")


class AmbushOrder(OrderBase):
    min_fighters: NonNeg = desc("Fighters needed in the route's regions.")
    base_odds: Percent = desc("Chance of success against an unescorted convoy.")
    odds_per_100_fighters: NonNeg = desc("Odds added per 100 fighters in the regions.")
    destroy_pct: Percent = desc("Percent of the convoy's tankers destroyed on success.")
    drivers_kidnapped: NonNeg = desc("Drivers abducted on success.")
    fear_turns: NonNeg = desc("Turns drivers on the corridor are deterred after a successful "
                              "ambush (burned tankers keep drivers at home).", default=0)
    fear_cut_pct: Percent = desc("Percent of the corridor's departures deterred while that "
                                 "fear lasts.", default=0)
    loot_funds_per_tanker: NonNeg = desc("Funds gained per tanker destroyed (fuel and goods "
                                         "taken).")
    loot_weapons: NonNeg = desc("Weapons taken from the escort on success.")
    fighter_losses: NonNeg = desc("Fighters lost on failure.")
    soldiers_taken: NonNeg = desc("Soldiers of the escort abducted on success against an "
                                  "escorted convoy (004).", default=0)


class CheckpointOrder(OrderBase):
    min_fighters: NonNeg = desc("Fighters needed in the route's regions.")
    turns: int = desc("Turns the checkpoint stands unless cleared.", ge=1)
    turn_back_pct: Percent = desc("Percent of trucks on the corridor turned back.")
    tax_per_10_trucks: NonNeg = desc("Funds levied per 10 trucks passing.")


class BlockadeOrder(OrderBase):
    min_fighters: NonNeg = desc("Fighters needed in the regions the corridor crosses.")
    turns: int = desc("Turns the declared blockade lasts.", ge=1)
    departure_cut_pct: Percent = desc("Percent of departures stopped (drivers refuse to "
                                      "travel) while the blockade is declared.")
    upkeep_per_turn: NonNeg = desc("Funds the blockade costs each turn it stands (fighters "
                                   "held along the roads), million CFA.", default=0)


class RaidOrder(OrderBase):
    min_fighters: NonNeg = desc("Fighters needed in the town's region.")
    base_odds: Percent = desc("Chance of success against an equal garrison.")
    odds_per_100_fighters: NonNeg = desc("Odds added per 100 fighters in the region.")
    odds_per_company: NonNeg = desc("Odds lost per garrison company.")
    garrison_losses: NonNeg = desc("Garrison companies lost on success.")
    loot_weapons: NonNeg = desc("Weapons looted on success.")
    loot_funds: NonNeg = desc("Funds looted on success.")
    fighter_losses: NonNeg = desc("Fighters lost on failure.")


class KidnapOrder(OrderBase):
    min_fighters: NonNeg = desc("Fighters needed in the route's regions.")
    base_odds: Percent = desc("Chance of success.")
    drivers: NonNeg = desc("Drivers abducted on success.")
    ransom: NonNeg = desc("Funds gained on success.")
    fear_turns: NonNeg = desc("Turns drivers are deterred on the corridor.")
    fear_cut_pct: Percent = desc("Percent of departures deterred while the fear lasts.")
    release_odds: Percent = desc("Chance the abducted are released within days, without a "
                                 "ransom (004: six drivers released the next day).", default=0)


class TaxOrder(OrderBase):
    min_fighters: NonNeg = desc("Fighters needed in the region.")
    funds_per_100_fighters: NonNeg = desc(
        "Funds levied per 100 fighters present where half the region backs the insurgency; "
        "the levy scales with its support there (003: it taxes where the state is absent).")
    grievance: int = desc("Grievance change (extortion angers, order may reassure).")


class PropagandaOrder(OrderBase):
    base_odds: Percent = desc("Chance the message lands.")
    support_gain: NonNeg = desc("Insurgent support gained on success.")
    per_20_grievance: NonNeg = desc("Extra support per 20 points of grievance.")
    shortage_bonus: NonNeg = desc("Extra support while Bamako is short of fuel.")
    junta_support_loss: NonNeg = desc("Junta support lost on success.")


class RecruitOrder(OrderBase):
    base_odds: Percent = desc("Chance of success.")
    fighters: NonNeg = desc("Fighters recruited on success.")
    per_10_grievance: NonNeg = desc("Extra fighters per 10 points of grievance.")


class AttackSiteOrder(OrderBase):
    min_fighters: NonNeg = desc("Fighters needed in the region.")
    base_odds: Percent = desc("Chance of success.")
    damage_turns: int = desc("Turns the site yields no income.", ge=1)
    loot_funds: NonNeg = desc("Funds taken on success.")


class StrikeOrder(OrderBase):
    min_fighters: NonNeg = desc("Fighters needed in the region.")
    max_sites: int = desc("Garrisons struck at once.", ge=2)
    reach: Literal["region", "neighbours"] = desc(
        "Where its sites may lie: the region only, or also the neighbouring regions (004: the "
        "1 July 2025 attacks struck seven places hundreds of kilometres apart).",
        default="neighbours")
    odds_cut: NonNeg = desc("Odds lost by each raid of the strike against a lone raid.")
    cohesion_shock: NonNeg = desc("Cohesion lost when at least two raids succeed.")


class SiegeOrder(OrderBase):
    min_fighters: NonNeg = desc("Fighters needed in the town's region.")
    base_odds: Percent = desc("Chance to close the roads around the town.")
    odds_per_100_fighters: NonNeg = desc("Odds added per 100 fighters in the region.")


class SabotageOrder(OrderBase):
    min_fighters: NonNeg = desc("Fighters needed in the route's regions.")
    base_odds: Percent = desc("Chance the road or bridge is cut.")
    turns: int = desc("Turns it stays cut.", ge=1)


class MoveOrder(OrderBase):
    fighters: int = desc("Fighters moved to an adjacent region.", ge=1)


class JuntaOrders(Model):
    escort: EscortOrder | None = desc("Escort a corridor's convoy: escort CORRIDOR light|heavy.",
                                      default=None)
    patrol: PatrolOrder | None = desc("Patrol a route: patrol ROUTE.", default=None)
    reinforce: ReinforceOrder | None = desc("Send reserve companies: reinforce TOWN.",
                                            default=None)
    withdraw: WithdrawOrder | None = desc("Pull a garrison back to the reserve: withdraw TOWN.",
                                          default=None)
    airstrike: AirstrikeOrder | None = desc("Helicopter strike: airstrike REGION.",
                                            default=None)
    africa_corps: AfricaCorpsOrder | None = desc("Africa Corps operation: africa-corps REGION.",
                                                 default=None, alias="africa-corps")
    ration: RationOrder | None = desc("Ration fuel in Bamako this turn: ration.", default=None)
    rural_fuel_ban: RuralFuelBanOrder | None = desc("Ban small rural fuel sales: "
                                                    "rural-fuel-ban.", default=None,
                                                    alias="rural-fuel-ban")
    close_schools: CloseSchoolsOrder | None = desc("Close schools and universities: "
                                                   "close-schools.", default=None,
                                                   alias="close-schools")
    reopen_schools: ReopenSchoolsOrder | None = desc("Reopen them: reopen-schools.",
                                                     default=None, alias="reopen-schools")
    info_campaign: InfoCampaignOrder | None = desc("Information campaign: info-campaign "
                                                   "REGION.", default=None,
                                                   alias="info-campaign")
    crackdown: CrackdownOrder | None = desc("Security crackdown: crackdown REGION.",
                                            default=None)
    dialogue: DialogueOrder | None = desc("Local dialogue: dialogue REGION.", default=None)
    repair: RepairOrder | None = desc("Repair a damaged road: repair ROUTE.", default=None)
    relieve: RelieveOrder | None = desc("Break a siege: relieve TOWN.", default=None)

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, populate_by_name=True)


class InsurgentOrders(Model):
    ambush: AmbushOrder | None = desc("Ambush convoys: ambush ROUTE.", default=None)
    checkpoint: CheckpointOrder | None = desc("Set a checkpoint: checkpoint ROUTE.",
                                              default=None)
    blockade: BlockadeOrder | None = desc("Declare a blockade: blockade CORRIDOR.",
                                          default=None)
    raid: RaidOrder | None = desc("Raid, loot and withdraw: raid TOWN.", default=None)
    kidnap: KidnapOrder | None = desc("Abduct drivers: kidnap ROUTE.", default=None)
    tax: TaxOrder | None = desc("Levy taxes: tax REGION.", default=None)
    propaganda: PropagandaOrder | None = desc("Propaganda: propaganda REGION.", default=None)
    recruit: RecruitOrder | None = desc("Recruit: recruit REGION.", default=None)
    attack_site: AttackSiteOrder | None = desc("Attack a mine or factory: attack-site TOWN.",
                                               default=None, alias="attack-site")
    strike: StrikeOrder | None = desc("Simultaneous raids across a region: strike REGION.",
                                      default=None)
    siege: SiegeOrder | None = desc("Besiege a town: siege TOWN.", default=None)
    sabotage: SabotageOrder | None = desc("Cut a road or bridge: sabotage ROUTE.",
                                          default=None)
    move: MoveOrder | None = desc("Move fighters: move FROM-REGION TO-REGION.", default=None)

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, populate_by_name=True)


class OrderCatalogue(Model):
    junta: JuntaOrders = desc("The junta's orders and their parameters.")
    insurgency: InsurgentOrders = desc("The insurgency's orders and their parameters.")


# ----------------------------------------------------------------------------- doctrine

# `required: true` on any filter: a filter that would leave nothing ends the priority's
# turn instead of being skipped ("only these targets").
RequiredFlag = Annotated[bool, Field(description=(
    "If true, a filter that would leave no candidate makes the priority give no order "
    "(instead of being skipped)."))]


class YesNoFilter(Model):
    """A yes/no test: keeps the candidates that pass."""

    filter: Literal[
        "on_corridor", "off_corridor", "escort_weaker_than_cells",
        "escort_outmatches_cells", "not_capital", "new_region", "no_blockade",
        "threatened_corridor", "besieged", "undamaged", "toward_capital",
    ] = desc("Filter name (see docs/doctrine.md).")
    required: RequiredFlag = False


class MinFilter(Model):
    """A threshold test on a number about each candidate."""

    filter: Literal["fighters_at_least", "grievance_at_least", "odds_at_least",
                    "garrison_at_least"] = desc("Filter name (see docs/doctrine.md).")
    min: int = desc("Smallest value kept.")
    required: RequiredFlag = False


class MaxFilter(Model):
    filter: Literal["garrison_at_most", "junta_support_at_most"] = desc(
        "Filter name (see docs/doctrine.md).")
    max: int = desc("Largest value kept.")
    required: RequiredFlag = False


class ChoiceFilter(Model):
    filter: Literal["town_kind", "arg_is", "status_is"] = desc(
        "Filter name (see docs/doctrine.md).")
    values: list[Line] = desc("Accepted values.", min_length=1)
    arg: int = desc("For arg_is: which argument of the order (0-based).", default=0, ge=0)
    required: RequiredFlag = False


class BestFilter(Model):
    """Keep-the-highest or keep-the-lowest: keeps every candidate with the best value."""

    filter: Literal[
        "most_tankers", "nearest_to_capital", "farthest_from_capital", "most_grievance",
        "most_fighters", "fewest_fighters", "weakest_garrison", "strongest_garrison",
        "best_odds", "least_junta_support", "most_junta_support", "most_insurgent_support",
        "largest_population", "most_intelligence",
    ] = desc("Filter name (see docs/doctrine.md).")
    required: RequiredFlag = False


FILTER_MODELS: tuple[type[Model], ...] = (YesNoFilter, MinFilter, MaxFilter, ChoiceFilter,
                                          BestFilter)


DoctrineFilter = Annotated[
    Union[  # noqa: UP007 - Tag annotations need the Union form
        Annotated[YesNoFilter, Tag("YesNoFilter")], Annotated[MinFilter, Tag("MinFilter")],
        Annotated[MaxFilter, Tag("MaxFilter")], Annotated[ChoiceFilter, Tag("ChoiceFilter")],
        Annotated[BestFilter, Tag("BestFilter")],
    ],
    Discriminator(filter_member, custom_error_type="unknown_tag",
                  custom_error_message="unknown filter",
                  custom_error_context={"discriminator": "filter"}),
]


class Priority(Model):
    id: Id = desc("Priority identifier, shown in rationales.")
    title: Name = desc("What this priority does, in a few words.")
    order: OrderName = desc("The order kind it gives, e.g. 'ambush'.")
    when: Condition | None = desc("Only while this holds, judged on what the side can see.",
                                  default=None)
    max_per_turn: int = desc("How many orders of this priority per turn at most.",
                             default=1, ge=1, le=10)
    filters: list[DoctrineFilter] = desc("Filters narrowing the candidates, in order; one "
                                         "that leaves nothing is skipped unless it is "
                                         "`required`.",
                                         default_factory=list)
    sources: list[SourceFile] = desc("Articles this priority follows.", default_factory=list)


class Doctrine(Model):
    title: Name = desc("Name of the doctrine.")
    summary: Text = desc("What the doctrine does and why.")
    priorities: list[Priority] = desc("Priorities in order: each turn the bot walks them "
                                      "until its command capacity is used.", min_length=1)
    sources: list[SourceFile] = desc("Articles the doctrine follows.", default_factory=list)


class DoctrineSpec(Model):
    insurgency: Doctrine = desc("How the insurgency AI decides.")
    junta: dict[Id, Doctrine] = desc("Named junta policies for simulation (e.g. historical, "
                                     "defensive, aggressive); the built-in ones are used "
                                     "where a name is missing.", default_factory=dict)


# ----------------------------------------------------------------------------- root

class ScenarioSpec(Model):
    format: Literal[1] = desc("Scenario format version.")
    meta: Meta = desc("What the scenario is.")
    map: MapSpec = desc("Regions, towns and routes.")
    corridors: list[Corridor] = desc("Supply corridors into the map.", default_factory=list)
    sides: Sides = desc("The sides and their forces.")
    tracks: Tracks = desc("Starting values of the tracks.")
    rules: Rules = desc("Parameters of the turn's mechanics.")
    orders: OrderCatalogue = desc("Which orders exist and their parameters.")
    events: list[EventSpec] = desc("Scripted events.", default_factory=list)
    victory: Victory = desc("Endings and how they grade.")
    fog: Fog = desc("Fog-of-war parameters.")
    doctrine: DoctrineSpec | None = desc("The bots' doctrines; without it the insurgency "
                                         "AI uses the built-in default.", default=None)


def complete_models() -> None:
    """Resolve `Condition` in the recursive condition models (AllCondition, AnyCondition,
    NotCondition name it before it exists), so that code that reads their fields (error
    messages, the schema and its reference) sees types, not forward references.

    Not done at import: it builds their validators, and pydantic's plugin loader with
    them, which a game read from the cache never needs (issue 13). Validation resolves the
    name by itself (from this module) when ScenarioSpec is first built."""
    for model in (AllCondition, AnyCondition, NotCondition):
        if not model.__pydantic_complete__:
            model.model_rebuild()
