"""The argument graph of the founding example, and of small hand-made disputes."""

from __future__ import annotations

import networkx as nx
import pytest

from argmap.graph import (
    ABOUT,
    RESPONDS,
    SAID_BY,
    ArgGraph,
    build_graph,
    responses,
    speaker_node,
    statement_node,
    statements,
    topic_node,
)
from argmap.loader import load

from .conftest import EXAMPLE


@pytest.fixture(scope="module")
def graph() -> ArgGraph:
    return build_graph(load(EXAMPLE))


def test_nodes_of_each_type(graph: ArgGraph) -> None:
    types = [data["type"] for _, data in graph.nodes(data=True)]
    assert types.count("statement") == 26
    assert types.count("speaker") == 2
    assert types.count("topic") == 7


def test_every_statement_is_linked_to_its_speaker_and_topic(graph: ArgGraph) -> None:
    for node, data in statements(graph):
        out = {(v, d["type"]) for _, v, d in graph.out_edges(node, data=True)}
        assert (speaker_node(data["speaker"]), SAID_BY) in out
        assert (topic_node(data["topic"]), ABOUT) in out


@pytest.mark.parametrize(
    ("source", "target", "relation"),
    [
        ("johnson-abundant-evidence", "lavrov-denies-interference", "counters"),
        ("johnson-not-successfully", "lavrov-johnson-confirmed", "qualifies"),
        ("johnson-rejects-denial", "lavrov-denies-attempts", "denies"),
        ("lavrov-afraid-for-reputation", "johnson-rejects-denial", "counters"),
        ("lavrov-nothing-in-pockets", "johnson-handed-coat", "responds"),
        ("johnson-searched-already", "lavrov-nothing-in-pockets", "questions"),
        ("lavrov-uk-withheld-information", "lavrov-fsb-ties", "supports"),
    ],
)
def test_the_exchanges_the_article_reports(
    graph: ArgGraph, source: str, target: str, relation: str
) -> None:
    edge = graph.edges[statement_node(source), statement_node(target)]
    assert edge["type"] == RESPONDS
    assert edge["relation"] == relation


def test_both_speakers_answer_each_other(graph: ArgGraph) -> None:
    pairs = {
        (graph.nodes[u]["speaker"], graph.nodes[v]["speaker"]) for u, v, _ in responses(graph)
    }
    assert {("johnson", "lavrov"), ("lavrov", "johnson")} <= pairs


def test_topics_cover_the_article(graph: ArgGraph) -> None:
    used = {data["topic"] for _, data in statements(graph)}
    assert used == {"cyber", "elections", "relations", "coat", "litvinenko", "crimea", "rt"}


def test_quote_offsets_cut_the_article(graph: ArgGraph) -> None:
    text = graph.graph["article_text"]
    data = graph.nodes[statement_node("johnson-not-successfully")]
    (quote,) = data["quotes"]
    assert text[quote["start"] : quote["end"]] == "Not successfully."
    assert quote["speech"] == "direct"
    assert data["speech"] == "direct"


def test_statements_come_in_file_order(graph: ArgGraph) -> None:
    orders = [data["order"] for _, data in statements(graph)]
    assert orders == list(range(26))


def test_graph_attributes(graph: ArgGraph) -> None:
    assert graph.graph["article"]["title"].startswith("Boris Johnson clashes")
    assert graph.graph["article"]["date"] == "2017-12-22"
    assert graph.graph["source"] == "annotation.yaml"


def test_graph_round_trips_through_node_link_data(graph: ArgGraph) -> None:
    data = nx.node_link_data(graph, edges="edges")
    again = nx.node_link_graph(data, edges="edges")
    assert set(again.nodes) == set(graph.nodes)
    assert set(again.edges) == set(graph.edges)
