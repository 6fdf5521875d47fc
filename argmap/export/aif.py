"""AIF export: the dispute as an AIFdb argument map with its dialogue (Inference Anchoring Theory).

AIF (the Argument Interchange Format) is what AIFdb, OVA and the argument-mining corpora built on
them (QT30, US2016, AraucariaDB) exchange. Its dialogue layer, Inference Anchoring Theory (IAT),
is the only standard way to say *who said what*, which is argmap's point, so the export writes
it in full, as the AIFdb corpora do:

* each statement is a locution (L-node, ``"Speaker name: words"``: the first direct quote, else
  the paraphrase, so a reporter's words are never put in the speaker's mouth), its proposition
  (I-node, the paraphrase) and the illocution joining them (YA-node: *Asserting*, *Conceding*
  for a concession, *Pure Questioning* for a question);
* locutions follow each other in article order through transitions (TA-nodes), and a response
  adds the transition from the answered locution to the answering one;
* ``denies``/``counters`` become a conflict (CA, *Default Conflict*), ``supports`` an inference
  (RA, *Default Inference*), ``qualifies`` a rephrase (MA, *Default Rephrase*: IAT's rephrase
  covers specifying and correcting), each anchored in its transition by *Disagreeing*, *Arguing*
  or *Restating*; ``agrees``, ``concedes``, ``questions`` and ``answers`` are illocutions of the
  transition aimed at the answered proposition (*Agreeing*, *Conceding*, *Challenging*,
  *Answering*); ``responds`` is the transition alone;
* an undercut is a conflict whose target is the node of the link it attacks (the RA, CA or MA,
  or the transition when the link has no such node).

Scheme names and ids are AIFdb's (the corpora's files and AIFdb's scheme list). Everything AIF
has no place for (ids, topics, kinds, quotes and their speech, notes, tags, the article) is kept
under a top-level ``"argmap"`` key, per node, so :mod:`argmap.importers.aif` restores the
annotation exactly while other tools read plain AIF. Locutions keep their character span in the
article as ``argmapStart``/``argmapEnd``, because AIFdb's ``start``/``end`` hold times.

Node and edge ids are numbers counted in file order, so the same annotation gives the same file.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from itertools import pairwise
from types import MappingProxyType
from typing import Any, Final, TypeAlias

from argmap.export.jsontext import Array, document, string, value
from argmap.graph import RESPONDS, ArgGraph, speakers, statements, topics

__all__ = [
    "EXTENSION",
    "EXTENSION_VERSION",
    "ILLOCUTIONS",
    "RELATION_ANCHORS",
    "RELATION_NODES",
    "TRANSITION",
    "Analysis",
    "Locution",
    "Node",
    "Scheme",
    "analyse",
    "split_name",
    "to_aif",
]

EXTENSION: Final = "argmap"
"""The top-level key of argmap's own data in an AIF or xAIF file."""

EXTENSION_VERSION: Final = 1
"""The layout of the extension; it changes only when a reader would break."""


@dataclass(frozen=True)
class Scheme:
    """An AIFdb scheme: the label OVA shows as the node's text, AIFdb's name and its id."""

    label: str
    name: str
    id: str


def _scheme(label: str, scheme_id: str) -> Scheme:
    # AIFdb names the dialogue schemes without spaces ("PureQuestioning", label "Pure
    # Questioning") and the default S-node schemes with them ("Default Conflict").
    name = label if label.startswith("Default") else label.replace(" ", "")
    return Scheme(label, name, scheme_id)


ASSERTING: Final = _scheme("Asserting", "74")
CONCEDING: Final = _scheme("Conceding", "76")
AGREEING: Final = _scheme("Agreeing", "77")
DISAGREEING: Final = _scheme("Disagreeing", "78")
CHALLENGING: Final = _scheme("Challenging", "79")
ARGUING: Final = _scheme("Arguing", "80")
PURE_QUESTIONING: Final = _scheme("Pure Questioning", "91")
RESTATING: Final = _scheme("Restating", "101")
ANSWERING: Final = _scheme("Answering", "422")
CONFLICT: Final = _scheme("Default Conflict", "71")
INFERENCE: Final = _scheme("Default Inference", "72")
REPHRASE: Final = _scheme("Default Rephrase", "144")
TRANSITION: Final = _scheme("Default Transition", "82")

ILLOCUTIONS: Final[Mapping[str, Scheme]] = MappingProxyType(
    {
        "claim": ASSERTING,
        "denial": ASSERTING,
        "counterclaim": ASSERTING,
        "concession": CONCEDING,
        "support": ASSERTING,
        "qualification": ASSERTING,
        "agreement": ASSERTING,
        "question": PURE_QUESTIONING,
        "answer": ASSERTING,
    }
)
"""Kind → the illocution joining a statement's locution to its own proposition.

Why most kinds assert: in IAT a denial or a counterclaim asserts its own content; the
disagreement is the illocution of the transition to the answered statement (see
:data:`RELATION_ANCHORS`), as in the AIFdb corpora, where *Disagreeing*, *Arguing* and
*Agreeing* only ever leave transitions.
"""

RELATION_NODES: Final[Mapping[str, tuple[str, Scheme]]] = MappingProxyType(
    {
        "denies": ("CA", CONFLICT),
        "counters": ("CA", CONFLICT),
        "undercuts": ("CA", CONFLICT),
        "supports": ("RA", INFERENCE),
        "qualifies": ("MA", REPHRASE),
    }
)
"""Relation → the S-node (type and scheme) between the two propositions."""

RELATION_ANCHORS: Final[Mapping[str, Scheme]] = MappingProxyType(
    {
        "denies": DISAGREEING,
        "counters": DISAGREEING,
        "undercuts": DISAGREEING,
        "supports": ARGUING,
        "qualifies": RESTATING,
        "agrees": AGREEING,
        "concedes": CONCEDING,
        "questions": CHALLENGING,
        "answers": ANSWERING,
    }
)
"""Relation → the illocution (YA) of the transition from the answered locution to the answer.

It aims at the relation's S-node when there is one, else at the answered proposition."""


Node: TypeAlias = tuple[str, str, str, Scheme | None, int, float]
"""An AIF node: ``(id, type, text, scheme, column, row)``; the scheme is None for I- and L-nodes.

Ids are numbers counted from 1, as text. Column and row place the node in OVA's layout. A tuple
rather than a class: 10,000 statements make 60,000 nodes, and a tuple is made several times
faster than an instance and freed faster too.
"""

Locution: TypeAlias = tuple[str, int, int | None, int | None]
"""A locution entry: ``(L-node id, speaker's participant id, start, end)``: its span in the
article, None when its statement has no located quote."""


@dataclass
class Analysis:
    """The IAT analysis of a graph, shared by the AIF and xAIF writers."""

    nodes: list[Node] = field(default_factory=list)
    edges: list[str] = field(default_factory=list)
    """The edges' ends in file order, two by two: from, to (see :meth:`edge_ends`).

    A flat list rather than a pair per edge: the 80,000 pairs of 10,000 statements took twice as
    long to make and free as the list alone."""
    participants: list[tuple[int, str, str]] = field(default_factory=list)
    """``(participantID, firstname, surname)`` per speaker, in declaration order."""
    locutions: list[Locution] = field(default_factory=list)
    extension: dict[str, Any] = field(default_factory=dict)

    def edge_ends(self) -> Iterator[tuple[str, str]]:
        """Yield each edge's ``(from node id, to node id)``, in file order."""
        ends = iter(self.edges)
        return zip(ends, ends, strict=True)


# Layout columns, left to right: relation S-nodes, propositions, illocutions, locutions,
# transitions, and the transitions' illocutions.
_S_COLUMN, _I_COLUMN, _YA_COLUMN, _L_COLUMN, _TA_COLUMN, _ANCHOR_COLUMN = range(6)


def split_name(name: str) -> tuple[str, str]:
    """Split a speaker's name into AIF's ``firstname`` and ``surname`` at the last space.

    Joining the two with a space gives the name back.

    >>> split_name("Sergey Lavrov"), split_name("Kelly")
    (('Sergey', 'Lavrov'), ('Kelly', ''))
    """
    first, space, last = name.rpartition(" ")
    return (first, last) if space else (name, "")


def _present(mapping: Mapping[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in mapping.items() if value not in (None, (), [])}


def _quote(quote: Mapping[str, Any]) -> dict[str, Any]:
    """A quote in the extension: its text and speech, and its span when it was found."""
    if quote["start"] is None:
        return {"text": quote["text"], "speech": quote["speech"]}
    return {
        "text": quote["text"],
        "speech": quote["speech"],
        "start": quote["start"],
        "end": quote["end"],
    }


def _locution_words(data: Mapping[str, Any]) -> tuple[str, Mapping[str, Any] | None]:
    """A statement's words as its locution, and the quote whose span locates the locution.

    Why the paraphrase when there is no direct quote: a reported quote is the reporter's
    sentence, and an L-node's text is what its speaker said. The locution is located by its
    direct quote, else by the first quote found in the article.
    """
    direct = located = None
    for quote in data["quotes"]:
        if direct is None and quote["speech"] == "direct":
            direct = quote
        if located is None and quote["start"] is not None:
            located = quote
    if direct is None:
        return data["text"], located
    return direct["text"], (direct if direct["start"] is not None else located)


_UNLOCATED: Final = sys.maxsize
"""The article position of a statement none of whose quotes is in the article: after all."""


def _article_position(data: Mapping[str, Any]) -> int:
    """Sort key of a statement in article order: where its first quote in the article starts.

    Statements in the same place, and those not in the article (last), stay in file order, as
    Python's sort is stable. A plain loop and a plain number (rather than ``min()`` over a
    generator, or a tuple): sorting 10,000 statements by it takes half the time.
    """
    position = _UNLOCATED
    for quote in data["quotes"]:
        start = quote["start"]
        if start is not None and start < position:
            position = start
    return position


def _responses(
    graph: ArgGraph, statement_nodes: list[tuple[str, dict[str, Any]]]
) -> list[tuple[str, str, dict[str, Any]]]:
    """What :func:`argmap.graph.responses` returns, found in half the time.

    The same edges in the same order (by the answering statement's order, then the response's),
    but read from the adjacency dicts rather than through networkx's edge view, whose nested
    generator costs a microsecond an edge (the graph has three edges a statement).
    """
    order = {node: data["order"] for node, data in statement_nodes}
    found = [
        (source, target, edge)
        for source, targets in graph.adjacency()
        for target, edge in targets.items()
        if edge.get("type") == RESPONDS
    ]
    found.sort(key=lambda response: (order[response[0]], response[2]["order"]))
    return found


def analyse(graph: ArgGraph, *, article_text: bool = True) -> Analysis:
    """Turn the argument graph into AIF nodes and edges, and argmap's extension.

    The loops append nodes and edges to the lists themselves rather than through a helper: they
    run once per node (60,000 for 10,000 statements), where a call would cost a good part of
    the work.

    Args:
        graph: The argument graph.
        article_text: Whether the extension holds the article's text (xAIF carries it in its
            own ``text`` member instead).
    """
    speaker_data = [data for _, data in speakers(graph)]
    person = {data["id"]: number for number, data in enumerate(speaker_data, 1)}
    names = {data["id"]: data["name"] for data in speaker_data}

    statement_nodes = list(statements(graph))
    in_order = sorted((data for _, data in statement_nodes), key=_article_position)
    row = {data["id"]: float(number) for number, data in enumerate(in_order)}
    nodes: list[Node] = []
    edges: list[str] = []
    locutions: list[Locution] = []
    proposition: dict[str, str] = {}
    locution: dict[str, str] = {}
    extension_nodes: dict[str, Any] = {}
    for _, data in statement_nodes:
        statement, at = data["id"], row[data["id"]]
        words, located = _locution_words(data)
        illocution = ILLOCUTIONS[data["kind"]]
        number = len(nodes)
        i_node, l_node, ya_node = str(number + 1), str(number + 2), str(number + 3)
        nodes += (
            (i_node, "I", data["text"], None, _I_COLUMN, at),
            (l_node, "L", f"{names[data['speaker']]}: {words}", None, _L_COLUMN, at),
            (ya_node, "YA", illocution.label, illocution, _YA_COLUMN, at),
        )
        edges += (l_node, ya_node, ya_node, i_node)  # L → YA → I
        proposition[statement], locution[statement] = i_node, l_node
        locutions.append(
            (l_node, person[data["speaker"]], located["start"], located["end"])
            if located
            else (l_node, person[data["speaker"]], None, None)
        )
        extension = {
            "statement": statement,
            "speaker": data["speaker"],
            "topic": data["topic"],
            "kind": data["kind"],
            "speech": data["speech"],
        }
        if data["quotes"]:
            extension["quotes"] = [_quote(q) for q in data["quotes"]]
        if data["note"] is not None:
            extension["note"] = data["note"]
        if data["tags"]:
            extension["tags"] = list(data["tags"])
        if data["said_on"] is not None:
            extension["said_on"] = data["said_on"]
        extension["order"] = data["order"]
        extension_nodes[i_node] = extension

    following: dict[str, str] = {}  # statement -> the next one in the article
    transition: dict[str, str] = {}  # statement -> the transition to the next one
    for at, (before, after) in enumerate(pairwise(d["id"] for d in in_order)):
        ta = str(len(nodes) + 1)
        nodes.append((ta, "TA", TRANSITION.label, TRANSITION, _TA_COLUMN, at + 0.5))
        edges += (locution[before], ta, ta, locution[after])
        following[before], transition[before] = after, ta

    # "" stands for no node: a link without an S-node, or without an illocution.
    statement_id = {node: data["id"] for node, data in statement_nodes}
    link_node: dict[tuple[str, str], str] = {}
    undercuts: list[tuple[int, str, str]] = []
    for source, target, edge in _responses(graph, statement_nodes):
        answer, answered = statement_id[source], statement_id[target]
        relation = edge["relation"]
        middle = (row[answer] + row[answered]) / 2
        if following.get(answered) == answer:
            ta = transition[answered]
        else:  # the link's own: no other link shares it, a graph has one edge a pair of nodes
            ta = str(len(nodes) + 1)
            nodes.append((ta, "TA", TRANSITION.label, TRANSITION, _TA_COLUMN, middle + 0.25))
            edges += (locution[answered], ta, ta, locution[answer])
        s_node = anchor = ""
        if relation in RELATION_NODES:
            kind, scheme = RELATION_NODES[relation]
            s_node = str(len(nodes) + 1)
            nodes.append((s_node, kind, scheme.label, scheme, _S_COLUMN, middle))
            if relation == "undercuts":  # the attacked link's node, filled in below
                undercuts.append((len(edges) + 3, answered, edge["link_to"]))
            edges += (proposition[answer], s_node, s_node, proposition[answered])
        if relation in RELATION_ANCHORS:
            scheme = RELATION_ANCHORS[relation]
            anchor = str(len(nodes) + 1)
            nodes.append((anchor, "YA", scheme.label, scheme, _ANCHOR_COLUMN, middle + 0.25))
            edges += (ta, anchor, anchor, s_node or proposition[answered])
        link_node[(answer, answered)] = s_node or ta
        response = {"from": answer, "to": answered, "relation": relation}
        if relation == "undercuts" and edge["link_to"] is not None:
            response["link_to"] = edge["link_to"]
        response["order"] = edge["order"]
        extension_nodes[s_node or anchor or ta] = {"response": response}
    # An undercut may attack a link answered later in the file: now every link has its node.
    for index, answered, link_to in undercuts:
        edges[index] = link_node[(answered, link_to)]

    article = _present(graph.graph["article"])
    if article_text and graph.graph["article_text"] is not None:
        article["text"] = graph.graph["article_text"]
    extension = {
        "version": EXTENSION_VERSION,
        "article": article,
        "speakers": {
            data["id"]: _present(
                {
                    "participantID": person[data["id"]],
                    **{k: data[k] for k in ("name", "role", "group", "color")},
                }
            )
            for data in speaker_data
        },
        "topics": {
            data["id"]: _present({k: data[k] for k in ("label", "description")})
            for _, data in topics(graph)
        },
        "nodes": extension_nodes,
    }
    return Analysis(
        nodes,
        edges,
        [(person[d["id"]], *split_name(d["name"])) for d in speaker_data],
        locutions,
        extension,
    )


_AIF_SCHEME_MEMBERS: Final = {
    scheme.id: f',\n      "scheme": {string(scheme.name)},\n      "schemeID": {string(scheme.id)}'
    for scheme in (
        *ILLOCUTIONS.values(),
        *RELATION_ANCHORS.values(),
        *(scheme for _, scheme in RELATION_NODES.values()),
        TRANSITION,
    )
}
"""Scheme id → the ``scheme`` and ``schemeID`` members of a node of that scheme, as text."""


def to_aif(graph: ArgGraph) -> str:
    """Return the graph as AIFdb JSON, with participants, locutions and argmap's extension.

    The nodes, edges and locutions, nine tenths of the text, are written from templates (see
    :mod:`argmap.export.jsontext`): each item is an object at nesting level 2, preceded by its
    comma.
    """
    analysis = analyse(graph)
    source = value(graph.graph["article"]["url"], 0)
    nodes = [
        f',\n    {{\n      "nodeID": "{node}",\n      "text": {string(text)},'
        f'\n      "type": "{kind}"{"" if scheme is None else _AIF_SCHEME_MEMBERS[scheme.id]}'
        "\n    }"
        for node, kind, text, scheme, _, _ in analysis.nodes
    ]
    edges = [
        f',\n    {{\n      "edgeID": "{number}",\n      "fromID": "{start}",'
        f'\n      "toID": "{end}",\n      "formEdgeID": null\n    }}'
        for number, (start, end) in enumerate(analysis.edge_ends(), 1)
    ]
    locutions = [
        f',\n    {{\n      "nodeID": "{node}",\n      "personID": "{person}",'
        f'\n      "start": null,\n      "end": null,\n      "source": {source},'
        f'\n      "argmapStart": {"null" if start is None else start},'
        f'\n      "argmapEnd": {"null" if end is None else end}\n    }}'
        for node, person, start, end in analysis.locutions
    ]
    participants = [
        {"participantID": str(number), "firstname": first, "surname": last}
        for number, first, last in analysis.participants
    ]
    return document(
        [
            ("nodes", Array(nodes)),
            ("edges", Array(edges)),
            ("locutions", Array(locutions)),
            ("participants", value(participants, 1)),
            (EXTENSION, value(analysis.extension, 1)),
        ]
    )
