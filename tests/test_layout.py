"""Layout by size: ranks argmap assigns, clusters dropped for huge maps, notes for the user."""

from __future__ import annotations

import math

import pytest

from argmap import drawing
from argmap.graph import RESPONDS, ArgGraph, build_graph, statement_node
from argmap.layout import CLUSTERS_UP_TO, LAYERED_ABOVE, levels, plan
from argmap.loader import loads
from argmap.render_options import RenderOptions


def dispute(n: int, responses: dict[int, list[int]] | None = None) -> ArgGraph:
    """A dispute of ``n`` statements; by default each answers the one before it, if even."""
    responses = responses if responses is not None else {i: [i - 1] for i in range(1, n, 2)}
    lines = [
        "article: {title: T}",
        "speakers: {a: {name: Ana}, b: {name: Ben}}",
        "topics: {t: Taxes, u: Schools}",
        "statements:",
    ]
    for i in range(n):
        answers = ", ".join(f"s{j}" for j in responses.get(i, []))
        lines.append(
            f"  - {{id: s{i}, speaker: {'ab'[i % 2]}, topic: {'tu'[i % 3 == 0]}, kind: claim,"
            f" text: Statement {i}., responds_to: [{answers}]}}"
        )
    return build_graph(loads("\n".join(lines)))


def test_small_maps_keep_dots_ranking_and_defaults() -> None:
    layout = plan(dispute(20), RenderOptions())
    assert layout.levels is None
    assert layout.column >= 3
    assert layout.attributes == {}
    assert layout.notes == ()
    assert layout.group_by == "speaker"


def test_levels_are_bounded_and_put_answers_below_what_they_answer() -> None:
    n = 400
    graph = dispute(n, {i: sorted({i - 1, i // 2}) for i in range(1, n)})
    assigned = levels(graph)
    width = max(8, math.ceil(math.sqrt(0.9 * n)))
    per_rank: dict[int, int] = {}
    for rank in assigned.values():
        per_rank[rank] = per_rank.get(rank, 0) + 1
    assert max(per_rank.values()) <= width
    for source, target, data in graph.edges(data=True):
        if data["type"] == RESPONDS:
            assert assigned[source] > assigned[target]


def test_levels_survive_cycles_of_responses() -> None:
    graph = dispute(3, {0: [2], 1: [0], 2: [1]})
    assert sorted(levels(graph)) == [statement_node(f"s{i}") for i in range(3)]


def test_mid_sized_maps_get_ranks_assigned_and_a_note() -> None:
    layout = plan(dispute(LAYERED_ABOVE + 1), RenderOptions(group_by="topic"))
    assert layout.levels is not None
    assert layout.group_by == "topic"
    assert any("ranks assigned by argmap" in note for note in layout.notes)


def test_huge_maps_drop_clusters_and_say_so() -> None:
    layout = plan(dispute(CLUSTERS_UP_TO + 1), RenderOptions())
    assert layout.group_by == "none"
    assert "drawn without speaker clusters" in layout.notes[0]
    assert layout.attributes["splines"] == "line" or layout.attributes["splines"] == "false"


@pytest.mark.needs_dot
def test_render_falls_back_to_no_clusters_when_dot_fails_on_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[bytes] = []
    real = drawing._run_dot

    def flaky(source: bytes, fmt: str, timeout: float) -> bytes:
        calls.append(source)
        if len(calls) == 1:
            raise drawing._ClusterTrouble("Graphviz's 'dot' failed: trouble in init_rank")
        return real(source, fmt, timeout)

    monkeypatch.setattr(drawing, "_run_dot", flaky)
    rendering = drawing.render_map(dispute(10), "svg")
    assert b"subgraph cluster_" in calls[0]
    assert b"subgraph cluster_" not in calls[1]
    assert rendering.layout.group_by == "none"
    assert "could not draw the speaker clusters" in rendering.layout.notes[-1]
    assert rendering.data.startswith(b"<?xml")
