"""Orders: small frozen values with a text form that parses back.

The text form (`ambush didieni-kolokani`, `escort dakar heavy`, `ration`) is what logs,
saves, tests, scripted events and the plain mode use; `Order.parse(str(o)) == o`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .ledger import N_, NP_  # marks the labels for the catalogue; the interface translates
from .phrase import Phrase, join

Side = Literal["junta", "insurgency"]
SIDES: tuple[Side, Side] = ("junta", "insurgency")

# What each argument of an order names; the engine checks it against the scenario.
ArgKind = Literal["corridor", "route", "town", "region", "level"]
# How an order's syntax names each argument ("escort CORRIDOR LEVEL").
ARG_NAMES: dict[str, str] = {"corridor": N_("CORRIDOR"), "route": N_("ROUTE"),
                             "town": N_("TOWN"), "region": N_("REGION"), "level": N_("LEVEL")}


@dataclass(frozen=True, slots=True)
class OrderKind:
    name: str          # text form keyword, e.g. "africa-corps"
    side: Side
    args: tuple[ArgKind, ...]
    field: str         # attribute of the side's catalogue in the spec, e.g. "africa_corps"
    label: str         # short human name
    chance: bool       # whether it involves a roll


def _kind(name: str, side: Side, args: tuple[ArgKind, ...], label: str,
          chance: bool) -> OrderKind:
    return OrderKind(name, side, args, name.replace("-", "_"), label, chance)


ORDER_KINDS: dict[str, OrderKind] = {
    k.name: k
    for k in (
        _kind("escort", "junta", ("corridor", "level"), N_("Escort convoy"), False),
        _kind("patrol", "junta", ("route",), N_("Patrol road"), True),
        _kind("reinforce", "junta", ("town",), N_("Reinforce garrison"), False),
        _kind("withdraw", "junta", ("town",), N_("Withdraw garrison"), False),
        _kind("airstrike", "junta", ("region",), N_("Helicopter strike"), True),
        _kind("africa-corps", "junta", ("region",), N_("Africa Corps operation"), True),
        _kind("ration", "junta", (), N_("Ration fuel in Bamako"), False),
        _kind("rural-fuel-ban", "junta", (), N_("Ban rural fuel sales"), False),
        _kind("close-schools", "junta", (), N_("Close schools"), False),
        _kind("reopen-schools", "junta", (), N_("Reopen schools"), False),
        _kind("info-campaign", "junta", ("region",), N_("Information campaign"), True),
        _kind("crackdown", "junta", ("region",), N_("Crackdown"), True),
        _kind("dialogue", "junta", ("region",), N_("Local dialogue"), True),
        _kind("repair", "junta", ("route",), N_("Repair road"), True),
        _kind("relieve", "junta", ("town",), N_("Relieve siege"), True),
        _kind("ambush", "insurgency", ("route",), N_("Ambush"), True),
        _kind("checkpoint", "insurgency", ("route",), N_("Checkpoint"), False),
        _kind("blockade", "insurgency", ("corridor",), N_("Declare blockade"), False),
        _kind("raid", "insurgency", ("town",), N_("Raid"), True),
        _kind("kidnap", "insurgency", ("route",), N_("Kidnap drivers"), True),
        _kind("tax", "insurgency", ("region",), N_("Levy taxes"), False),
        _kind("propaganda", "insurgency", ("region",), N_("Propaganda"), True),
        _kind("recruit", "insurgency", ("region",), N_("Recruit"), True),
        _kind("attack-site", "insurgency", ("town",), N_("Attack economic site"), True),
        _kind("strike", "insurgency", ("region",), N_("Simultaneous strikes"), True),
        _kind("siege", "insurgency", ("town",), N_("Besiege town"), True),
        _kind("sabotage", "insurgency", ("route",), N_("Cut road or bridge"), True),
        _kind("move", "insurgency", ("region", "region"), N_("Move fighters"), False),
    )
}

ESCORT_LEVELS = ("light", "heavy")


class OrderSyntaxError(ValueError):
    """The text is not an order at all (unknown keyword, wrong number of words)."""


@dataclass(frozen=True, slots=True, order=True)
class Order:
    kind: str
    args: tuple[str, ...] = ()

    def __str__(self) -> str:
        return " ".join((self.kind, *self.args))

    @property
    def side(self) -> Side:
        return ORDER_KINDS[self.kind].side

    @property
    def target(self) -> str | None:
        return self.args[0] if self.args else None

    @classmethod
    def parse(cls, text: str) -> Order:
        words = text.split()
        if not words:
            raise OrderSyntaxError(Phrase(N_("empty order")))
        kind = ORDER_KINDS.get(words[0].lower())
        if kind is None:
            raise OrderSyntaxError(Phrase(N_("unknown order '{kind}'"), kind=words[0]))
        if len(words) - 1 != len(kind.args):
            shape = join([kind.name, *(Phrase(ARG_NAMES[a]) for a in kind.args)], " ")
            raise OrderSyntaxError(Phrase(
                NP_("'{kind}' takes {count} argument(s): {shape}",
                    "'{kind}' takes {count} argument(s): {shape}", "count"),
                kind=kind.name, count=len(kind.args), shape=shape))
        return cls(kind.name, tuple(w.lower() for w in words[1:]))
