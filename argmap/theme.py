"""How a map looks: the speaker palette, the line style of each relation, and the themes.

Why these choices: speakers get the Okabe–Ito palette, which stays distinguishable for the common
forms of colour blindness, as light fills (so black text stays readable) with a full-colour
border. Relations are told apart by line style and arrowhead as well as by colour (no two share
both), so a denial still looks different from a support when printed in greyscale: an attack
ends in a bar or a solid head, an acceptance in an open one.

Three :class:`Theme` values: ``default`` (the above), ``print`` (black on white: speakers told by
name, relations by line and head alone, statuses by grey and by word) and ``dark`` (light text
and lines on a dark ground, speaker colours as dark fills with bright borders).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Final

from argmap.model import Relation
from argmap.render_options import ThemeName

__all__ = [
    "PALETTE",
    "RELATION_STYLES",
    "STATUS_FILLS",
    "STATUS_MEANINGS",
    "STATUS_WORDS",
    "THEMES",
    "EdgeStyle",
    "Theme",
    "shade",
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
    Relation.AGREES: EdgeStyle("#1B7837", "dotted", "odiamond", 1.8, "┅┅┅┅◇"),
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


@functools.cache
def shade(color: str, amount: float = 0.7) -> str:
    """Mix a ``#rrggbb`` colour with the dark theme's ground; ``amount`` is the ground's share.

    >>> shade("#0072B2")
    '#15374A'
    """
    ground = (0x1E, 0x1E, 0x1E)
    channels = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(
        f"{round(c + (g - c) * amount):02X}" for c, g in zip(channels, ground, strict=True)
    )


@dataclass(frozen=True)
class Theme:
    """Every colour a map uses, so that a theme is one value and no colour is hard-coded.

    Attributes:
        name: The theme's name, as ``--theme`` takes it.
        background: The map's ground, or None for Graphviz's (white, transparent in SVG).
        text: Body text.
        muted: Secondary text: each box's header, the byline.
        faint: Tertiary text: reported speech, the URL.
        frame: Borders of the legend and of topic clusters.
        panel: Fill of topic clusters and of the overview's topic boxes.
        palette: Speaker (or group) colours, used as borders, and mixed into fills.
        relations: Each relation's line.
        status_fills: Fills of statements marked in, out or undecided.
        dark: Fills are speaker colours darkened (:func:`shade`) instead of lightened.
        speaker_fills: Fill statements with their speaker's colour; if not, with the ground.
    """

    name: ThemeName
    background: str | None
    text: str
    muted: str
    faint: str
    frame: str
    panel: str
    palette: tuple[str, ...]
    relations: Mapping[Relation, EdgeStyle]
    status_fills: Mapping[str, str]
    dark: bool = False
    speaker_fills: bool = True

    def fill(self, colour: str, light: float = 0.82) -> str:
        """A statement's (or cluster's, with ``light`` higher) fill of its speaker's colour."""
        if not self.speaker_fills:
            return self.background or "#FFFFFF"
        # In the dark, 0.76 of the ground keeps the muted text at 5:1 on the yellow's fill.
        return shade(colour, light - 0.06) if self.dark else tint(colour, light)

    def border(self, colour: str) -> str:
        """A speaker's border colour (black in print, where colours would turn to greys)."""
        return colour if self.speaker_fills else self.text


_DEFAULT = Theme(
    name="default",
    background=None,
    text="#000000",
    muted="#444444",
    faint="#555555",
    frame="#BBBBBB",
    panel="#F7F7F7",
    palette=PALETTE,
    relations=RELATION_STYLES,
    status_fills=STATUS_FILLS,
)

THEMES: Final[Mapping[ThemeName, Theme]] = {
    "default": _DEFAULT,
    "print": replace(
        _DEFAULT,
        name="print",
        palette=("#000000",),
        relations={
            relation: replace(style, color="#000000")
            for relation, style in RELATION_STYLES.items()
        },
        status_fills={"in": "#FFFFFF", "out": "#CFCFCF", "undecided": "#EFEFEF"},
        speaker_fills=False,
        panel="#FFFFFF",
        frame="#888888",
    ),
    "dark": Theme(
        name="dark",
        background="#1E1E1E",
        text="#EDEDED",
        muted="#C8C8C8",
        faint="#B4B4B4",
        frame="#5A5A5A",
        panel="#262626",
        palette=PALETTE,
        relations={
            Relation.DENIES: replace(RELATION_STYLES[Relation.DENIES], color="#F4A582"),
            Relation.COUNTERS: replace(RELATION_STYLES[Relation.COUNTERS], color="#F4A582"),
            Relation.QUALIFIES: replace(RELATION_STYLES[Relation.QUALIFIES], color="#C2A5CF"),
            Relation.CONCEDES: replace(RELATION_STYLES[Relation.CONCEDES], color="#92C5DE"),
            Relation.SUPPORTS: replace(RELATION_STYLES[Relation.SUPPORTS], color="#A6DBA0"),
            Relation.AGREES: replace(RELATION_STYLES[Relation.AGREES], color="#A6DBA0"),
            Relation.QUESTIONS: replace(RELATION_STYLES[Relation.QUESTIONS], color="#CCCCCC"),
            Relation.ANSWERS: replace(RELATION_STYLES[Relation.ANSWERS], color="#CCCCCC"),
            Relation.RESPONDS: replace(RELATION_STYLES[Relation.RESPONDS], color="#9A9A9A"),
            Relation.UNDERCUTS: replace(RELATION_STYLES[Relation.UNDERCUTS], color="#FDB863"),
        },
        status_fills={"in": "#1D4560", "out": "#5E331D", "undecided": "#3A3A3A"},
        dark=True,
    ),
}
"""The themes ``--theme`` offers."""
