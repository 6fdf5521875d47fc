"""SADFace JSON: statements as atoms, relations as scheme nodes, quotes as sources in the article.

SADFace (Simple Argument Description Format) describes an argument graph with ``atom`` and
``scheme`` nodes joined by edges, and anchors atoms in ``resources`` by character offsets. The
article is the one resource; each quote anchored in it is a source of its statement's atom.
Relations become schemes named as SADFace tools expect: ``support`` (supports, agrees,
concedes), ``attack`` (denies, counters, undercuts: an undercut attacks the support scheme of
the link it undercuts), and the relation's own name for the rest. What SADFace has no field for
(speaker, kind, topic, speech) is kept in ``argmap`` metadata blocks.

Ids are UUIDs derived from the statements' ids, so the same annotation gives the same file;
the creation date is the article's.
"""

from __future__ import annotations

import uuid
from typing import Any, Final

from argmap.export.jsontext import dumps
from argmap.graph import ArgGraph, responses, speakers, statements

__all__ = ["to_sadface"]

_SCHEMES: Final = {
    "supports": "support",
    "agrees": "support",
    "concedes": "support",
    "denies": "attack",
    "counters": "attack",
    "undercuts": "attack",
}


def to_sadface(graph: ArgGraph) -> str:
    """Return SADFace 0.5 JSON of ``graph``."""
    article = graph.graph["article"]
    space = uuid.uuid5(uuid.NAMESPACE_URL, f"argmap:{article['title']}")

    def ident(*parts: str) -> str:
        return str(uuid.uuid5(space, "/".join(parts)))

    names = {data["id"]: data["name"] for _, data in speakers(graph)}
    resource = ident("article")
    nodes: list[dict[str, Any]] = []
    for _, data in statements(graph):
        nodes.append(
            {
                "id": ident("statement", data["id"]),
                "metadata": {
                    "argmap": {
                        "id": data["id"],
                        "speaker": data["speaker"],
                        "speaker_name": names[data["speaker"]],
                        "topic": data["topic"],
                        "kind": data["kind"],
                        "speech": data["speech"],
                    }
                },
                "sources": [
                    {
                        "resource_id": resource,
                        "text": quote["text"],
                        "offset": quote["start"],
                        "length": quote["end"] - quote["start"],
                    }
                    for quote in data["quotes"]
                    if quote["start"] is not None
                ],
                "text": data["text"],
                "type": "atom",
            }
        )
    edges: list[dict[str, str]] = []
    scheme_of: dict[tuple[str, str], str] = {}
    links = list(responses(graph))
    for source, target, edge in links:
        source_id, target_id = graph.nodes[source]["id"], graph.nodes[target]["id"]
        scheme = ident("relation", source_id, target_id)
        scheme_of[(source_id, target_id)] = scheme
        nodes.append(
            {
                "id": scheme,
                "metadata": {"argmap": {"relation": edge["relation"]}},
                "name": _SCHEMES.get(edge["relation"], edge["relation"]),
                "type": "scheme",
            }
        )
    for source, target, edge in links:
        source_id, target_id = graph.nodes[source]["id"], graph.nodes[target]["id"]
        scheme = scheme_of[(source_id, target_id)]
        # An undercut attacks the scheme of the link, not the statement.
        end = (
            scheme_of[(target_id, edge["link_to"])]
            if edge["relation"] == "undercuts"
            else ident("statement", target_id)
        )
        edges.append(
            {
                "id": ident("edge", source_id, target_id, "in"),
                "source_id": ident("statement", source_id),
                "target_id": scheme,
            }
        )
        edges.append(
            {
                "id": ident("edge", source_id, target_id, "out"),
                "source_id": scheme,
                "target_id": end,
            }
        )
    created = f"{article['date'] or '2000-01-01'}T00:00:00"
    document = {
        "edges": edges,
        "metadata": {
            "core": {
                "analyst_email": "",
                "analyst_name": "argmap",
                "created": created,
                "edited": created,
                "id": ident("document"),
                "version": "0.5",
            },
            "argmap": {
                "title": article["title"],
                "source": graph.graph["source"],
                "speakers": dict(names),
            },
        },
        "nodes": nodes,
        "resources": [
            {
                "id": resource,
                "content": graph.graph["article_text"] or "",
                "type": "text",
                "metadata": {"argmap": {"title": article["title"], "url": article["url"]}},
            }
        ],
    }
    return dumps(document)
