"""AIF, xAIF and SADFace exports read by arguebuf, the Python converter between argument formats.

arguebuf keeps only the argument layer (propositions and the schemes between them), so these
tests check that layer: every statement is an atom with its paraphrase, and every relation that
the format carries as a scheme joins the right two propositions with the right polarity.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import arguebuf
import pytest
from arguebuf.model.scheme import Attack, Rephrase, Support

from argmap.export import export
from argmap.graph import ArgGraph, build_graph, statements
from argmap.loader import load, loads

from .conftest import EXAMPLE

Link = tuple[str, str, str]
"""A scheme as (premise text, conclusion text, polarity)."""

AIF_SCHEMES = {
    "denies": "attack",
    "counters": "attack",
    "supports": "support",
    "qualifies": "rephrase",
}
SADFACE_SCHEMES = {
    "denies": "attack",
    "counters": "attack",
    "supports": "support",
    "agrees": "support",
    "concedes": "support",
}


def polarity(scheme: object) -> str:
    """arguebuf's scheme object as the word the tables above use."""
    for kind, word in ((Attack, "attack"), (Support, "support"), (Rephrase, "rephrase")):
        if isinstance(scheme, kind):
            return word
    return "none"


def expected_links(graph: ArgGraph, table: dict[str, str]) -> list[Link]:
    """The statement-to-statement relations that ``table`` says become schemes."""
    text = {node: data["text"] for node, data in statements(graph)}
    return sorted(
        (text[source], text[target], table[data["relation"]])
        for source, target, data in graph.edges(data=True)
        if data["type"] == "responds" and data["relation"] in table
    )


def read(loader: Callable[[Any], Any], document: str) -> tuple[list[str], list[Link]]:
    """The atoms' texts and the schemes' links, as arguebuf reads ``document``."""
    parsed = json.loads(document)
    if "metadata" in parsed and "core" in parsed["metadata"]:
        # arguebuf 2.7 requires SADFace 0.2's core ``notes``, ``description`` and ``title``,
        # which SADFace 0.5's validator rejects; argmap writes 0.5.
        for key in ("notes", "description", "title"):
            parsed["metadata"]["core"].setdefault(key, "")
    read_graph = loader(parsed)
    atoms = sorted(atom.plain_text for atom in read_graph.atom_nodes.values())
    links = sorted(
        (incoming.source.plain_text, outgoing.target.plain_text, polarity(node.scheme))
        for node in read_graph.scheme_nodes.values()
        for incoming in read_graph.incoming_edges(node)
        for outgoing in read_graph.outgoing_edges(node)
    )
    return atoms, links


@pytest.fixture(scope="module")
def graph() -> ArgGraph:
    return build_graph(load(EXAMPLE))


@pytest.mark.parametrize(
    ("name", "loader", "table"),
    [
        ("aif", arguebuf.load.aif, AIF_SCHEMES),
        ("xaif", arguebuf.load.xaif, AIF_SCHEMES),
        ("sadface", arguebuf.load.sadface, SADFACE_SCHEMES),
    ],
)
def test_arguebuf_reads_the_propositions_and_their_schemes(
    graph: ArgGraph, name: str, loader: Callable[[Any], Any], table: dict[str, str]
) -> None:
    atoms, links = read(loader, export(graph, name))
    assert atoms == sorted(data["text"] for _, data in statements(graph))
    sadface_neutral = name == "sadface"
    schemes = [link for link in links if not (sadface_neutral and link[2] == "none")]
    assert schemes == expected_links(graph, table)


UNDERCUT = """\
article: {title: T}
speakers: {a: {name: A}, b: {name: B}}
topics: {t: T}
statements:
  - {id: s1, speaker: a, topic: t, kind: claim, text: It rained.}
  - {id: s2, speaker: a, topic: t, kind: support, text: The streets are wet.,
     responds_to: {to: s1, relation: supports}}
  - {id: s3, speaker: b, topic: t, kind: counterclaim, text: The streets were hosed.,
     responds_to: {to: s2, relation: undercuts}}
"""


@pytest.mark.parametrize("name", ["aif", "xaif"])
def test_arguebuf_sees_an_undercut_attack_the_inference(name: str) -> None:
    document = export(build_graph(loads(UNDERCUT, name="undercut.yaml")), name)
    read_graph = getattr(arguebuf.load, name)(json.loads(document))
    (attack,) = [n for n in read_graph.scheme_nodes.values() if isinstance(n.scheme, Attack)]
    (attacked,) = [edge.target for edge in read_graph.outgoing_edges(attack)]
    assert isinstance(attacked.scheme, Support)
