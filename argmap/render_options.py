"""What a user can ask of a map: formats, grouping, colours, wrapping, time allowed.

Kept apart from :mod:`argmap.drawing` so the command line can offer these choices without
importing Graphviz and networkx, which keeps ``argmap --help`` fast.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath
from typing import Final, Literal, TypeAlias

__all__ = [
    "COLOR_BY",
    "FORMATS",
    "GROUP_BY",
    "THEME_NAMES",
    "VIEWS",
    "ColorBy",
    "GroupBy",
    "RenderOptions",
    "ThemeName",
    "View",
    "format_for",
]

FORMATS: Final = ("svg", "png", "pdf", "dot")
"""Formats a map renders to; ``dot`` is the DOT source itself, without layout."""

GroupBy: TypeAlias = Literal["speaker", "topic", "none"]
ColorBy: TypeAlias = Literal["speaker", "group"]

GROUP_BY: Final[tuple[GroupBy, ...]] = ("speaker", "topic", "none")
"""Ways to cluster statements on the map."""

COLOR_BY: Final[tuple[ColorBy, ...]] = ("speaker", "group")
"""What a statement's colour tells: its speaker, or the speaker's group."""

View: TypeAlias = Literal["statements", "speakers", "topics", "timeline"]

VIEWS: Final[tuple[View, ...]] = ("statements", "speakers", "topics", "timeline")
"""What a map shows: every statement and its responses; one node per speaker or per topic
with the responses between them counted; or the statements in the order they were made."""

ThemeName: TypeAlias = Literal["default", "print", "dark"]

THEME_NAMES: Final[tuple[ThemeName, ...]] = ("default", "print", "dark")
"""Looks of a map (see :mod:`argmap.theme`): colour-blind-safe colours, greyscale for paper,
or light on dark."""

_SUFFIXES: Final = {".svg": "svg", ".png": "png", ".pdf": "pdf", ".dot": "dot", ".gv": "dot"}


def format_for(filename: str) -> str | None:
    """Return the format a file name's suffix asks for, or None.

    >>> format_for("maps/johnson-lavrov.SVG")
    'svg'
    """
    return _SUFFIXES.get(PurePath(filename).suffix.lower())


@dataclass(frozen=True)
class RenderOptions:
    """How to draw a map.

    Attributes:
        group_by: Cluster statements by ``speaker``, by ``topic``, or not at all (``none``).
        color_by: Colour statements by ``speaker``, or by the speaker's ``group``.
        wrap: Characters per line of a statement's text.
        quote_limit: Longest quote shown whole in a box; longer ones are shortened with ``…``.
        legend: Draw a legend of the relations (and colours) used.
        timeout: Seconds ``dot`` may run before the rendering is abandoned.
        view: What the map shows (see :data:`VIEWS`).
        status: Mark each statement in, out or undecided under grounded semantics (its fill
            colour and a word in its box).
        theme: The map's look (see :data:`THEME_NAMES`).
    """

    group_by: GroupBy = "speaker"
    color_by: ColorBy = "speaker"
    wrap: int = 34
    quote_limit: int = 160
    legend: bool = True
    timeout: float = 120.0
    view: View = "statements"
    status: bool = False
    theme: ThemeName = "default"
