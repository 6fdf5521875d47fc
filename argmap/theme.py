"""How a map looks: the speaker palette and the line style of each relation.

Why these choices: speakers get the Okabe–Ito palette, which stays distinguishable for the common
forms of colour blindness, as light fills (so black text stays readable) with a full-colour
border. Relations are told apart by line style and arrowhead as well as by colour, so a denial
still looks different from a support when printed in greyscale: an attack ends in a bar or a
solid head, an acceptance in an open one.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Final

from argmap.model import Relation

__all__ = [
    "PALETTE",
    "RELATION_STYLES",
    "STATUS_FILLS",
    "STATUS_MEANINGS",
    "STATUS_WORDS",
    "EdgeStyle",
    "tint",
]

PALETTE: Final = (
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#F0E442",  # yellow
    "#7F7F7F",  # grey
)
"""Speaker (or group) colours, assigned in declaration order and reused after eight."""


@dataclass(frozen=True, slots=True)
class EdgeStyle:
    """The look of one relation's arrows, and its sample in the legend."""

    color: str
    style: str
    arrowhead: str
    penwidth: float
    sample: str

    @property
    def attributes(self) -> str:
        """The style as DOT edge attributes."""
        return (
            f'color="{self.color}", style="{self.style}", '
            f'arrowhead="{self.arrowhead}", penwidth={self.penwidth:g}'
        )


RELATION_STYLES: Final[dict[Relation, EdgeStyle]] = {
    Relation.DENIES: EdgeStyle("#B2182B", "solid", "tee", 2.2, "━━━━┫"),
    Relation.COUNTERS: EdgeStyle("#B2182B", "dashed", "normal", 1.8, "╸╸╸╸▶"),
    Relation.QUALIFIES: EdgeStyle("#7B3294", "dashed", "diamond", 1.5, "╸╸╸╸◆"),
    Relation.CONCEDES: EdgeStyle("#2166AC", "dotted", "empty", 1.8, "┅┅┅┅▷"),
    Relation.SUPPORTS: EdgeStyle("#1B7837", "solid", "normal", 1.8, "━━━━▶"),
    Relation.AGREES: EdgeStyle("#1B7837", "dotted", "empty", 1.8, "┅┅┅┅▷"),
    Relation.QUESTIONS: EdgeStyle("#525252", "dashed", "odot", 1.4, "╸╸╸╸○"),
    Relation.ANSWERS: EdgeStyle("#525252", "solid", "vee", 1.4, "────❯"),
    Relation.RESPONDS: EdgeStyle("#8C8C8C", "dotted", "vee", 1.2, "┄┄┄┄❯"),
    Relation.UNDERCUTS: EdgeStyle("#E66101", "dashed", "tee", 1.8, "╸╸╸╸┫"),
}
"""Line colour, style, arrowhead, width and legend sample of each relation."""


STATUS_FILLS: Final = {"in": "#CCE3F0", "out": "#F5D2BF", "undecided": "#EBEBEB"}
"""Fills of statements marked by acceptability: Okabe–Ito blue and vermillion, light, and grey.

With statuses shown, the fill tells the status and the border still tells the speaker; each box
also says its status in words, so the map needs no colour to be read."""

STATUS_WORDS: Final = {"in": "✔ in", "out": "✘ out", "undecided": "? undecided"}
"""How a statement's box names its status."""

STATUS_MEANINGS: Final = {
    "in": "stands: every attack on it is defeated",
    "out": "defeated by a statement that stands",
    "undecided": "neither: attacks in a cycle",
}
"""The legend's explanation of each status (grounded semantics, see docs/summary.md)."""


@functools.cache
def tint(color: str, amount: float = 0.82) -> str:
    """Mix a ``#rrggbb`` colour with white; ``amount`` is the share of white.

    >>> tint("#0072B2")
    '#D1E6F1'
    """
    channels = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(c + (255 - c) * amount):02X}" for c in channels)
