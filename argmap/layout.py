"""How a map is laid out, chosen by its size: ranks, clusters and Graphviz's settings.

Graphviz's ``dot`` draws a map of a few dozen statements well with its defaults. Bigger maps
need help, and this module decides it before any DOT is written (measured in
docs/performance.md, on synthetic disputes):

* up to 150 statements: ``dot`` ranks the statements; those that neither answer nor are
  answered are stacked in columns, or they would all share one rank;
* above 150: argmap assigns the ranks itself, at most about √N statements to a rank
  (:func:`levels`), or the map becomes a ribbon dozens of times wider than tall; in the
  timeline, about √N consecutive statements share a column (:func:`time_columns`), as one
  column per statement makes ``dot`` route every response through hundreds of ranks (a
  1,000-statement timeline took 81 s, 0.4 s in columns);
* above 400: fewer network-simplex and crossing-reduction passes; above 2,000, fewer still;
* above 1,000 statements: no clusters (``dot`` 2.43 fails on large clustered maps with fixed
  ranks: "trouble in init_rank"); statements keep their speaker's colour.

The ``speakers`` and ``topics`` views label each arrow with its count; above 150 arrows the
counts become external labels, placed after the layout (``dot`` spends most of its time on
edge labels: 27 s for 727 labelled arrows, 0.2 s with external labels), and ``dot`` makes
fewer passes (7,464 arrows between 60 topics: 8 s).

Every choice that departs from the defaults is described in :attr:`Layout.notes`, which the
command line prints, so a user is never silently given a different map.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Final

from argmap.graph import RESPONDS, ArgGraph, statements
from argmap.render_options import GroupBy, RenderOptions
from argmap.views import timeline

__all__ = [
    "CLUSTERS_UP_TO",
    "FAST_ABOVE",
    "LABELLED_FLOWS_UP_TO",
    "LAYERED_ABOVE",
    "Layout",
    "levels",
    "plan",
    "plan_overview",
    "time_columns",
]

LAYERED_ABOVE: Final = 150
"""Statements above which argmap assigns the ranks (see :func:`levels`)."""

FAST_ABOVE: Final = 400
"""Statements above which ``dot`` runs with fewer optimisation passes."""

FASTEST_ABOVE: Final = 2000
"""Statements above which ``dot`` runs with the fewest passes that still give a clean map."""

CLUSTERS_UP_TO: Final = 1000
"""Most statements drawn in clusters."""

LABELLED_FLOWS_UP_TO: Final = 150
"""Most arrows of a ``speakers`` or ``topics`` view whose labels ``dot`` lays out itself."""


@dataclass(frozen=True)
class Layout:
    """The layout chosen for one map.

    Attributes:
        group_by: The clustering actually used (``none`` when the map is too big for clusters).
        levels: Statement node → rank (0 at the top; in the timeline, the column from the left)
            when argmap assigns the ranks, else None.
        column: When ``dot`` ranks the map: how many unconnected statements to stack.
        attributes: Graph attributes that set ``dot``'s effort.
        notes: What was chosen instead of the defaults, and why, for the user.
        external_labels: In a ``speakers`` or ``topics`` view, whether arrows' labels are
            placed after the layout (``xlabel``) rather than by it.
    """

    group_by: GroupBy
    levels: Mapping[str, int] | None
    column: int
    attributes: Mapping[str, str | float] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    external_labels: bool = False

    def without_clusters(self, reason: str) -> Layout:
        """The same layout with statements unclustered, noting why."""
        return replace(self, group_by="none", notes=(*self.notes, reason))


def plan(graph: ArgGraph, options: RenderOptions) -> Layout:
    """Choose the layout of ``graph``'s map from its size and the options asked for."""
    count = sum(1 for _ in statements(graph))
    notes: list[str] = []
    group_by = options.group_by
    if group_by != "none" and count > CLUSTERS_UP_TO:
        group_by = "none"
        notes.append(
            f"{count} statements: drawn without {options.group_by} clusters (up to "
            f"{CLUSTERS_UP_TO:,}); colours still tell the speakers apart"
        )
    in_time = options.view == "timeline"
    layered = count > LAYERED_ABOVE
    ranks: Mapping[str, int] | None = None
    if layered and in_time:
        ranks = time_columns(graph)
        notes.append(
            f"{count} statements: the timeline puts about {_column_size(count)} consecutive "
            f"statements in each of its {max(ranks.values()) + 1} columns"
        )
    elif layered:
        ranks = levels(graph)
        notes.append(f"{count} statements: ranks assigned by argmap to keep the map compact")
    attributes: dict[str, str | float] = {}
    if count > FASTEST_ABOVE:
        # Above 1,000 statements there are no clusters, with which nslimit=0 can fail.
        attributes = {
            "nslimit": 0.0,
            "nslimit1": 0.01,
            "mclimit": 0.01,
            "searchsize": 10.0,
            "remincross": "false",
            "splines": "false",
        }
    elif count > FAST_ABOVE:
        attributes = (
            {"nslimit": 1.0, "mclimit": 0.1, "splines": "line"}
            if group_by != "none"
            else {"nslimit": 0.2, "nslimit1": 0.2, "mclimit": 0.1, "splines": "false"}
        )
    if attributes:
        notes.append(
            f"{count} statements: Graphviz runs with fewer optimisation passes "
            "(faster, a few more crossings, straight edges)"
        )
    return Layout(
        group_by=group_by,
        levels=ranks,
        column=0 if layered else column_height(graph),
        attributes=attributes,
        notes=tuple(notes),
    )


def plan_overview(arrows: int) -> Layout:
    """Choose the layout of a ``speakers`` or ``topics`` view that draws ``arrows`` arrows."""
    if arrows <= LABELLED_FLOWS_UP_TO:
        return Layout(group_by="none", levels=None, column=0)
    return Layout(
        group_by="none",
        levels=None,
        column=0,
        external_labels=True,
        attributes={"nslimit": 0.2, "nslimit1": 0.2, "mclimit": 0.1, "splines": "false"},
        notes=(
            f"{arrows} arrows: their counts are placed beside them after the layout "
            f"(up to {LABELLED_FLOWS_UP_TO}, the layout makes room for them), and Graphviz "
            "runs with fewer optimisation passes (straight arrows)",
        ),
    )


def _column_size(count: int) -> int:
    return max(8, math.ceil(math.sqrt(count)))


def time_columns(graph: ArgGraph) -> dict[str, int]:
    """Statement node → column of the timeline: about √N consecutive statements to a column.

    Columns keep the order of time (:func:`argmap.views.timeline`) from left to right; within
    a column, the boxes say where each statement stands.
    """
    order = timeline(graph)
    size = _column_size(len(order))
    return {node: index // size for index, node in enumerate(order)}


def _targets(graph: ArgGraph, node: str) -> list[str]:
    return [v for v, edge in graph.succ[node].items() if edge["type"] == RESPONDS]


def column_height(graph: ArgGraph) -> int:
    """How many statements the longest chain of responses stacks up (at least 3).

    Responses to later statements are left out, so cycles cannot occur and one pass in file
    order suffices; the answer only sizes columns, so it need not be exact.
    """
    depth: dict[str, int] = {}
    for node, _ in statements(graph):
        answered = (depth[target] for target in _targets(graph, node) if target in depth)
        depth[node] = 1 + max(answered, default=0)
    return max(3, *depth.values()) if depth else 3


def levels(graph: ArgGraph) -> dict[str, int]:
    """Assign each statement a rank (0 at the top), at most about √N statements to a rank.

    Why: ``dot`` ranks a statement just below what it answers, so in a big dispute hundreds of
    statements share a few ranks and the map becomes a ribbon fifty times wider than tall.
    Placing statements after everything they answer (in file order where free), each below what
    it answers and moving down when a rank is full, a greedy bounded-width layering like
    Coffman and Graham's, keeps the map a few times wider than tall whatever its size. A cycle
    of responses is broken at its statement listed first.
    """
    nodes = [node for node, _ in statements(graph)]
    order = {node: index for index, node in enumerate(nodes)}
    width = max(8, math.ceil(math.sqrt(0.9 * len(nodes))))
    targets = {node: set(_targets(graph, node)) for node in nodes}
    waiting = {node: len(found) for node, found in targets.items()}
    answered_by: dict[str, list[str]] = {}
    for node, found in targets.items():
        for target in found:
            answered_by.setdefault(target, []).append(node)
    ready = [(order[node], node) for node in nodes if waiting[node] == 0]
    heapq.heapify(ready)
    level: dict[str, int] = {}
    filled: list[int] = []
    next_in_file = 0  # for breaking cycles: the first statement not placed yet
    while len(level) < len(nodes):
        if ready:
            node = heapq.heappop(ready)[1]
            if node in level:
                continue
        else:
            while nodes[next_in_file] in level:
                next_in_file += 1
            node = nodes[next_in_file]
        rank = max((level[t] + 1 for t in targets[node] if t in level), default=0)
        while rank < len(filled) and filled[rank] >= width:
            rank += 1
        if rank == len(filled):
            filled.append(0)
        filled[rank] += 1
        level[node] = rank
        for responder in answered_by.get(node, ()):
            waiting[responder] -= 1
            if waiting[responder] == 0 and responder not in level:
                heapq.heappush(ready, (order[responder], responder))
    return level
