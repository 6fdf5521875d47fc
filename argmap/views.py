"""Views of a dispute: the part of the graph a map shows, and the dispute seen by speaker or topic.

A big dispute is read a piece at a time: one speaker's statements, one topic, the statements
of a kind, or the neighbourhood of one statement (what it answers and what answers it, a few
responses deep). :func:`select` cuts that piece out of the argument graph as an argument graph
of its own, so that every map, export and analysis works on it unchanged.

:func:`aggregate` looks from further away: one node per speaker (or per topic) and, between
them, how many times one answered the other, per relation. Its result feeds the ``speakers``
and ``topics`` views of ``argmap render``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final, Literal

from argmap.diagnostics import ArgmapError, did_you_mean
from argmap.graph import (
    RESPONDS,
    ArgGraph,
    responses,
    speaker_node,
    speakers,
    statement_node,
    statements,
    topic_node,
    topics,
)
from argmap.model import Kind

__all__ = ["Flow", "Party", "Selection", "ViewError", "aggregate", "select", "timeline"]

MAX_DEPTH: Final = 50
"""Deepest neighbourhood ``--focus`` may ask for (deeper is the whole connected dispute)."""


class ViewError(ArgmapError, ValueError):
    """A view that cannot be made: an unknown id, or a selection with no statement in it."""


@dataclass(frozen=True)
class Selection:
    """Which statements a view keeps; every criterion given must hold.

    Attributes:
        speakers: Keep statements by these speakers (ids), if any are given.
        topics: Keep statements on these topics (ids), if any are given.
        kinds: Keep statements of these kinds, if any are given.
        focus: Keep only the neighbourhood of this statement (id): the statements within
            ``depth`` responses of it, in either direction.
        depth: How many responses away from ``focus`` a statement may be.
    """

    speakers: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    focus: str | None = None
    depth: int = 1

    @property
    def empty(self) -> bool:
        """Whether the selection keeps everything."""
        return not (self.speakers or self.topics or self.kinds or self.focus)

    def describe(self) -> str:
        """The selection in words, for notes and titles."""
        parts = []
        for label, values in (
            ("speaker", self.speakers),
            ("topic", self.topics),
            ("kind", self.kinds),
        ):
            if values:
                parts.append(f"{label} {' or '.join(values)}")
        if self.focus:
            step = "response" if self.depth == 1 else "responses"
            parts.append(f"within {self.depth} {step} of {self.focus}")
        return "; ".join(parts)


def _check_ids(given: Iterable[str], known: Sequence[str], what: str) -> None:
    for value in given:
        if value not in known:
            hint = did_you_mean(value, known)
            listed = ", ".join(known) if len(known) <= 12 else f"{len(known)} of them"
            raise ViewError(
                f"no {what} '{value}' in the dispute"
                + (f"; {hint}" if hint else f" ({what}s: {listed})")
            )


def _neighbourhood(graph: ArgGraph, focus: str, depth: int) -> set[str]:
    """Statement nodes within ``depth`` responses of ``focus``, either way, ``focus`` included."""
    reached = {focus}
    frontier = [focus]
    for _ in range(depth):
        following = []
        for node in frontier:
            near = [v for v, e in graph.succ[node].items() if e["type"] == RESPONDS]
            near += [u for u, e in graph.pred[node].items() if e["type"] == RESPONDS]
            for other in near:
                if other not in reached:
                    reached.add(other)
                    following.append(other)
        if not following:
            break
        frontier = following
    return reached


def select(graph: ArgGraph, selection: Selection) -> ArgGraph:
    """Return the part of ``graph`` that ``selection`` keeps, as an argument graph.

    The statements kept bring their speakers and topics; responses are kept between statements
    kept, and an undercut only with the link it attacks. Graph attributes are shared.

    >>> from argmap.loader import loads
    >>> from argmap.graph import build_graph, statements
    >>> graph = build_graph(loads('''
    ... article: {title: T}
    ... speakers: {a: {name: Ana}, b: {name: Ben}}
    ... topics: {t: Taxes}
    ... statements:
    ...   - {id: s1, speaker: a, topic: t, kind: claim, text: Taxes rose.}
    ...   - {id: s2, speaker: b, topic: t, kind: denial, text: They did not., responds_to: s1}
    ... '''))
    >>> [d["id"] for _, d in statements(select(graph, Selection(speakers=("b",))))]
    ['s2']

    Raises:
        ViewError: for an id the dispute does not have, or when nothing is left.
    """
    if selection.empty:
        return graph
    _check_ids(selection.speakers, [d["id"] for _, d in speakers(graph)], "speaker")
    _check_ids(selection.topics, [d["id"] for _, d in topics(graph)], "topic")
    _check_ids(selection.kinds, [kind.value for kind in Kind], "kind")
    statement_list = list(statements(graph))
    if selection.focus is not None:
        _check_ids([selection.focus], [d["id"] for _, d in statement_list], "statement")
        if not 0 <= selection.depth <= MAX_DEPTH:
            raise ViewError(f"the depth must be between 0 and {MAX_DEPTH}")
        near = _neighbourhood(graph, statement_node(selection.focus), selection.depth)
        statement_list = [(n, d) for n, d in statement_list if n in near]
    kept = [
        node
        for node, data in statement_list
        if (not selection.speakers or data["speaker"] in selection.speakers)
        and (not selection.topics or data["topic"] in selection.topics)
        and (not selection.kinds or data["kind"] in selection.kinds)
    ]
    if not kept:
        raise ViewError(f"no statement is left to show ({selection.describe()})")
    keep = set(kept)
    for node in kept:
        data = graph.nodes[node]
        keep.add(speaker_node(data["speaker"]))
        keep.add(topic_node(data["topic"]))
    view: ArgGraph = graph.subgraph(keep).copy()
    for source, target, data in list(view.edges(data=True)):
        if data.get("link_to") is not None and not view.has_edge(
            target, statement_node(data["link_to"])
        ):
            view.remove_edge(source, target)
    view.graph = {**graph.graph, "selection": selection.describe()}
    if selection.focus is not None:
        view.graph["focus"] = statement_node(selection.focus)
    return view


@dataclass(frozen=True)
class Party:
    """One node of a speakers or topics view.

    Attributes:
        id: The speaker's or topic's id.
        label: Its name or label.
        detail: A second line: the speaker's role and group, or the topic's speakers.
        colour: The speaker's colour (``#rrggbb``) if they have one, else None.
        kinds: How many statements of each kind it holds, in the order of :class:`Kind`.
    """

    id: str
    label: str
    detail: str
    colour: str | None
    kinds: Mapping[str, int] = field(default_factory=dict)

    @property
    def statements(self) -> int:
        """How many statements it holds."""
        return sum(self.kinds.values())


@dataclass(frozen=True)
class Flow:
    """Responses from one party's statements to another's with one relation, counted."""

    source: str
    target: str
    relation: str
    count: int


def aggregate(graph: ArgGraph, by: Literal["speaker", "topic"]) -> tuple[list[Party], list[Flow]]:
    """The dispute as parties (speakers or topics) and the flows of responses between them.

    Parties come in declaration order, and only those with statements; flows in the order of
    their first response in the file. A party answering itself (a speaker supporting their own
    claim, a topic whose statements answer each other) is a flow from it to itself.
    """
    kinds: dict[str, Counter[str]] = {}
    spoken: dict[str, list[str]] = {}
    for _, data in statements(graph):
        kinds.setdefault(data[by], Counter())[data["kind"]] += 1
        names = spoken.setdefault(data["topic"], [])
        if data["speaker"] not in names:
            names.append(data["speaker"])
    speaker_names = {d["id"]: d["name"] for _, d in speakers(graph)}
    parties = []
    entries: Iterable[tuple[str, dict[str, Any]]] = (
        speakers(graph) if by == "speaker" else topics(graph)
    )
    for _, data in entries:
        if data["id"] not in kinds:
            continue
        if by == "speaker":
            label = data["name"]
            detail = " · ".join(data[key] for key in ("role", "group") if data[key])
            colour = data["color"]
        else:
            label = data["label"]
            detail = ", ".join(speaker_names[s] for s in spoken[data["id"]])
            colour = None
        counted = kinds[data["id"]]
        ordered = {kind.value: counted[kind.value] for kind in Kind if counted[kind.value]}
        parties.append(Party(data["id"], label, detail, colour, ordered))
    flows: Counter[tuple[str, str, str]] = Counter()
    for source, target, data in responses(graph):
        key = (graph.nodes[source][by], graph.nodes[target][by], data["relation"])
        flows[key] += 1  # a Counter keeps first-seen order
    return parties, [Flow(s, t, r, n) for (s, t, r), n in flows.items()]


def timeline(graph: ArgGraph) -> list[str]:
    """Statement nodes in the order they were made, as far as the annotations tell.

    A statement's place is its article's date, then where its first quote stands in the
    article; a statement with no quote found in the article keeps its place in the file, just
    after the statement listed before it. Ties keep file order.
    """
    date = graph.graph.get("article", {}).get("date") or ""
    keyed = []
    previous = -1
    for node, data in statements(graph):
        starts = [q["start"] for q in data["quotes"] if q["start"] is not None]
        previous = min(starts) if starts else previous
        keyed.append(((data.get("date") or date, previous, data["order"]), node))
    return [node for _, node in sorted(keyed)]
