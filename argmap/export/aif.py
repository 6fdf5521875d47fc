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

from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import pairwise
from types import MappingProxyType
from typing import Any, Final

from argmap.export.jsontext import dumps
from argmap.graph import ArgGraph, responses, speakers, statements, topics

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


@dataclass(slots=True)
class Node:
    """One AIF node, with where it goes in OVA's layout (column, row)."""

    id: str
    type: str
    text: str
    scheme: Scheme | None
    place: tuple[int, float]


@dataclass(slots=True)
class Locution:
    """A locution entry: the L-node, its speaker's participant id, its span in the article."""

    node: str
    person: int
    start: int | None
    end: int | None


@dataclass
class Analysis:
    """The IAT analysis of a graph, shared by the AIF and xAIF writers."""

    nodes: list[Node] = field(default_factory=list)
    edges: list[tuple[str, str]] = field(default_factory=list)
    participants: list[tuple[int, str, str]] = field(default_factory=list)
    """``(participantID, firstname, surname)`` per speaker, in declaration order."""
    locutions: list[Locution] = field(default_factory=list)
    extension: dict[str, Any] = field(default_factory=dict)

    def add(self, kind: str, text: str, place: tuple[int, float], scheme: Scheme | None) -> str:
        """Add a node and return its id: the next number."""
        node = Node(str(len(self.nodes) + 1), kind, text, scheme, place)
        self.nodes.append(node)
        return node.id


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
    sentence, and an L-node's text is what its speaker said.
    """
    quotes = data["quotes"]
    direct = next((q for q in quotes if q["speech"] == "direct"), None)
    located = [q for q in quotes if q["start"] is not None]
    if direct is not None and direct["start"] is not None:
        return direct["text"], direct
    return (direct["text"] if direct else data["text"]), (located[0] if located else None)


def _article_position(data: Mapping[str, Any]) -> tuple[int, int, int]:
    """Sort key of a statement in article order: its first quote, else after all, by file order."""
    starts = [q["start"] for q in data["quotes"] if q["start"] is not None]
    return (0, min(starts), data["order"]) if starts else (1, 0, data["order"])


def analyse(graph: ArgGraph, *, article_text: bool = True) -> Analysis:
    """Turn the argument graph into AIF nodes and edges, and argmap's extension.

    Args:
        graph: The argument graph.
        article_text: Whether the extension holds the article's text (xAIF carries it in its
            own ``text`` member instead).
    """
    analysis = Analysis()
    add, edges = analysis.add, analysis.edges
    speaker_data = [data for _, data in speakers(graph)]
    person = {data["id"]: number for number, data in enumerate(speaker_data, 1)}
    names = {data["id"]: data["name"] for data in speaker_data}
    analysis.participants = [(person[d["id"]], *split_name(d["name"])) for d in speaker_data]

    statement_data = [data for _, data in statements(graph)]
    in_order = sorted(statement_data, key=_article_position)
    row = {data["id"]: float(number) for number, data in enumerate(in_order)}
    proposition: dict[str, str] = {}
    locution: dict[str, str] = {}
    extension_nodes: dict[str, Any] = {}
    for data in statement_data:
        statement, at = data["id"], row[data["id"]]
        words, located = _locution_words(data)
        proposition[statement] = add("I", data["text"], (_I_COLUMN, at), None)
        locution[statement] = add("L", f"{names[data['speaker']]}: {words}", (_L_COLUMN, at), None)
        illocution = ILLOCUTIONS[data["kind"]]
        ya = add("YA", illocution.label, (_YA_COLUMN, at), illocution)
        edges += [(locution[statement], ya), (ya, proposition[statement])]
        analysis.locutions.append(
            Locution(
                locution[statement],
                person[data["speaker"]],
                located["start"] if located else None,
                located["end"] if located else None,
            )
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
        extension["order"] = data["order"]
        extension_nodes[proposition[statement]] = extension

    transition: dict[tuple[str, str], str] = {}
    for before, after in pairwise(d["id"] for d in in_order):
        node = add("TA", TRANSITION.label, (_TA_COLUMN, row[before] + 0.5), TRANSITION)
        edges += [(locution[before], node), (node, locution[after])]
        transition[(before, after)] = node

    # Every node first, so that an undercut can point at the node of a link answered later.
    links = []
    link_node: dict[tuple[str, str], str] = {}
    for source, target, edge in responses(graph):
        answer, answered = graph.nodes[source]["id"], graph.nodes[target]["id"]
        relation = edge["relation"]
        middle = (row[answer] + row[answered]) / 2
        new_transition = (answered, answer) not in transition
        if new_transition:
            transition[(answered, answer)] = add(
                "TA", TRANSITION.label, (_TA_COLUMN, middle + 0.25), TRANSITION
            )
        ta = transition[(answered, answer)]
        s_node = None
        if relation in RELATION_NODES:
            kind, scheme = RELATION_NODES[relation]
            s_node = add(kind, scheme.label, (_S_COLUMN, middle), scheme)
        anchor = None
        if relation in RELATION_ANCHORS:
            scheme = RELATION_ANCHORS[relation]
            anchor = add("YA", scheme.label, (_ANCHOR_COLUMN, middle + 0.25), scheme)
        link_node[(answer, answered)] = s_node or ta
        links.append((answer, answered, edge, new_transition, ta, s_node, anchor))

    for answer, answered, edge, new_transition, ta, s_node, anchor in links:
        if new_transition:
            edges += [(locution[answered], ta), (ta, locution[answer])]
        if s_node is not None:
            attacked = (
                link_node[(answered, edge["link_to"])]
                if edge["relation"] == "undercuts"
                else proposition[answered]
            )
            edges += [(proposition[answer], s_node), (s_node, attacked)]
        if anchor is not None:
            edges += [(ta, anchor), (anchor, s_node or proposition[answered])]
        carrier = s_node or anchor or ta
        extension_nodes[carrier] = {
            "response": _present(
                {
                    "from": answer,
                    "to": answered,
                    "relation": edge["relation"],
                    "link_to": edge["link_to"] if edge["relation"] == "undercuts" else None,
                    "order": edge["order"],
                }
            )
        }

    article = _present(graph.graph["article"])
    if article_text and graph.graph["article_text"] is not None:
        article["text"] = graph.graph["article_text"]
    analysis.extension = {
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
    return analysis


def _node(node: Node) -> dict[str, str]:
    if node.scheme is None:
        return {"nodeID": node.id, "text": node.text, "type": node.type}
    scheme = node.scheme
    return {
        "nodeID": node.id,
        "text": node.text,
        "type": node.type,
        "scheme": scheme.name,
        "schemeID": scheme.id,
    }


def to_aif(graph: ArgGraph) -> str:
    """Return the graph as AIFdb JSON, with participants, locutions and argmap's extension."""
    analysis = analyse(graph)
    source = graph.graph["article"]["url"]
    document = {
        "nodes": [_node(node) for node in analysis.nodes],
        "edges": [
            {"edgeID": str(number), "fromID": start, "toID": end, "formEdgeID": None}
            for number, (start, end) in enumerate(analysis.edges, 1)
        ],
        "locutions": [
            {
                "nodeID": locution.node,
                "personID": str(locution.person),
                "start": None,
                "end": None,
                "source": source,
                "argmapStart": locution.start,
                "argmapEnd": locution.end,
            }
            for locution in analysis.locutions
        ],
        "participants": [
            {"participantID": str(number), "firstname": first, "surname": last}
            for number, first, last in analysis.participants
        ],
        EXTENSION: analysis.extension,
    }
    return dumps(document)
