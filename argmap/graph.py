"""The argument graph: the one representation every exporter and analysis reads.

:func:`build_graph` turns a :class:`~argmap.dispute.Dispute` into a networkx ``DiGraph``.

Nodes (keyed ``"statement:ID"``, ``"speaker:ID"``, ``"topic:ID"``; attribute ``type`` tells
which):

* statement: ``id``, ``speaker``, ``topic``, ``kind``, ``text``, ``speech`` (``direct`` if any
  quote is the speaker's own words, else ``reported``), ``quotes`` (a tuple with one mapping
  per quote: ``text``, ``speech``, and where the article text has it, ``start``/``end``
  offsets, ``paragraph`` and ``line``; all None when the article has no text), ``note`` (str or
  None), ``tags`` (tuple of str), ``said_on`` (ISO text, as annotated, or None), ``date`` (when
  it was said: ``said_on``, else the article's date, else None), ``order`` (0-based position in
  the file);
* speaker: ``id``, ``name``, ``role``, ``group``, ``color`` (None where not given), ``order``;
* topic: ``id``, ``label``, ``description``, ``order``.

Edges (attribute ``type``):

* ``responds``: statement → the statement it answers, with ``relation`` (a
  :class:`~argmap.model.Relation` value), ``order`` (its position in ``responds_to``) and
  ``link_to`` (for ``undercuts``: the id of the statement whose link from the target is
  attacked; otherwise None);
* ``said_by``: statement → its speaker;
* ``about``: statement → its topic.

Graph attributes: ``article`` (id, title, outlet, author, date as ISO text, url, language, note),
``article_text`` (str or None) and ``source`` (the annotation's file name, without its directory).

Values are plain str/int/None/tuples, and nodes and edges are added in file order, so that every
exporter is deterministic.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from pathlib import PurePath
from typing import Any, Final, TypeAlias

import networkx as nx

from argmap.anchoring import Anchor
from argmap.dispute import Dispute
from argmap.gc_pause import gc_paused
from argmap.model import Relation, Statement

__all__ = [
    "ABOUT",
    "RESPONDS",
    "SAID_BY",
    "SPEAKER",
    "STATEMENT",
    "TOPIC",
    "ArgGraph",
    "build_graph",
    "empty_graph",
    "responses",
    "speaker_node",
    "speakers",
    "statement_node",
    "statements",
    "topic_node",
    "topics",
]

ArgGraph: TypeAlias = "nx.DiGraph[str]"
"""The argument graph type (a string alias: networkx classes are not subscriptable at run time)."""

STATEMENT: Final = "statement"
SPEAKER: Final = "speaker"
TOPIC: Final = "topic"
RESPONDS: Final = "responds"
SAID_BY: Final = "said_by"
ABOUT: Final = "about"


def empty_graph(**attributes: Any) -> ArgGraph:
    """A new argument graph with no nodes, for code that assembles one (see argmap.merge)."""
    graph: ArgGraph = nx.DiGraph(**attributes)
    return graph


def statement_node(statement_id: str) -> str:
    """Return the node key of a statement."""
    return f"{STATEMENT}:{statement_id}"


def speaker_node(speaker_id: str) -> str:
    """Return the node key of a speaker."""
    return f"{SPEAKER}:{speaker_id}"


def topic_node(topic_id: str) -> str:
    """Return the node key of a topic."""
    return f"{TOPIC}:{topic_id}"


@gc_paused()
def build_graph(dispute: Dispute) -> ArgGraph:
    """Build the argument graph of a dispute.

    >>> from argmap.loader import loads
    >>> graph = build_graph(loads('''
    ... article: {title: T}
    ... speakers: {a: {name: Ana}, b: {name: Ben}}
    ... topics: {t: Taxes}
    ... statements:
    ...   - {id: s1, speaker: a, topic: t, kind: claim, text: Taxes rose.}
    ...   - {id: s2, speaker: b, topic: t, kind: denial, text: They did not., responds_to: s1}
    ... '''))
    >>> graph.edges["statement:s2", "statement:s1"]["relation"]
    'denies'
    """
    annotation = dispute.annotation
    article = annotation.article
    graph: ArgGraph = nx.DiGraph(
        article={
            "id": article.id,
            "title": article.title,
            "outlet": article.outlet,
            "author": article.author,
            "date": _iso(article.date),
            "url": article.url,
            "language": article.language,
            "note": article.note,
        },
        article_text=dispute.article_text,
        # The file's name only: a path would make every export depend on where it was run.
        source=PurePath(dispute.source).name,
    )
    for order, (speaker_id, speaker) in enumerate(annotation.speakers.items()):
        graph.add_node(
            speaker_node(speaker_id),
            type=SPEAKER,
            id=speaker_id,
            name=speaker.name,
            role=speaker.role,
            group=speaker.group,
            color=speaker.color,
            order=order,
        )
    for order, (topic_id, topic) in enumerate(annotation.topics.items()):
        graph.add_node(
            topic_node(topic_id),
            type=TOPIC,
            id=topic_id,
            label=topic.label,
            description=topic.description,
            order=order,
        )
    for order, statement in enumerate(annotation.statements):
        graph.add_node(
            statement_node(statement.id),
            type=STATEMENT,
            id=statement.id,
            speaker=statement.speaker,
            topic=statement.topic,
            kind=str(statement.kind),
            text=statement.text,
            speech=str(statement.speech_mode),
            quotes=_quotes(statement, dispute.anchors.get(statement.id, ())),
            note=statement.note,
            tags=statement.tags,
            said_on=_iso(statement.said_on),
            date=_iso(statement.said_on or article.date),
            order=order,
        )
    answered = {s.id: [r.to for r in s.responds_to] for s in annotation.statements}
    for statement in annotation.statements:
        node = statement_node(statement.id)
        graph.add_edge(node, speaker_node(statement.speaker), type=SAID_BY)
        graph.add_edge(node, topic_node(statement.topic), type=ABOUT)
        for order, (response, (target, relation)) in enumerate(
            zip(statement.responds_to, statement.targets(), strict=True)
        ):
            if ":" in target:
                continue  # a statement of another file: argmap.merge joins the graphs
            link_to = response.link_to
            if relation is Relation.UNDERCUTS and link_to is None:
                link_to = next(iter(answered[target]), None)  # checks made it the only one
            graph.add_edge(
                node,
                statement_node(target),
                type=RESPONDS,
                relation=str(relation),
                order=order,
                link_to=link_to,
            )
    return graph


def _iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None


def _quotes(statement: Statement, anchors: tuple[Anchor, ...]) -> tuple[dict[str, Any], ...]:
    result = []
    for index, (quote, speech) in enumerate(
        zip(statement.quote, statement.quote_speech(), strict=True)
    ):
        anchor = anchors[index] if index < len(anchors) else None
        result.append(
            {
                "text": quote.text,
                "speech": str(speech),
                "start": anchor.start if anchor else None,
                "end": anchor.end if anchor else None,
                "paragraph": anchor.paragraph if anchor else None,
                "line": anchor.line if anchor else None,
            }
        )
    return tuple(result)


def _nodes_of(graph: ArgGraph, node_type: str) -> Iterator[tuple[str, dict[str, Any]]]:
    nodes = [(n, d) for n, d in graph.nodes(data=True) if d.get("type") == node_type]
    return iter(sorted(nodes, key=lambda item: item[1]["order"]))


def statements(graph: ArgGraph) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield ``(node, attributes)`` of each statement, in file order."""
    return _nodes_of(graph, STATEMENT)


def speakers(graph: ArgGraph) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield ``(node, attributes)`` of each speaker, in declaration order."""
    return _nodes_of(graph, SPEAKER)


def topics(graph: ArgGraph) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield ``(node, attributes)`` of each topic, in declaration order."""
    return _nodes_of(graph, TOPIC)


def responses(graph: ArgGraph) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """Yield ``(responding node, answered node, attributes)`` of each response, in file order."""
    edges = [(u, v, d) for u, v, d in graph.edges(data=True) if d.get("type") == RESPONDS]
    order = {node: data["order"] for node, data in statements(graph)}
    return iter(sorted(edges, key=lambda e: (order[e[0]], e[2]["order"])))
