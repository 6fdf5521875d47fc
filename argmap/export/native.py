"""argmap's own JSON: the annotation, complete and explicit, with where each quote stands.

The ``annotation`` member is a valid annotation in its most explicit form (every relation and
speech mode spelt out, the article text inline), so ``argmap validate`` reads it back; the
``anchors`` member adds each quote's place in the article, which an annotation file does not
store. Programs that want argmap's data without YAML or networkx read this.

    {"format": "argmap", "version": 1,
     "annotation": {"article": {...}, "speakers": {...}, "topics": {...}, "statements": [...]},
     "anchors": {"statement-id": [{"start": 120, "end": 137, "paragraph": 4, "line": 9}]}}
"""

from __future__ import annotations

from typing import Any, Final

from argmap.export.jsontext import dumps
from argmap.graph import ArgGraph, responses, speakers, statements, topics

__all__ = ["VERSION", "annotation_data", "to_json"]

VERSION: Final = 1
"""The version of this JSON layout; it changes only when a reader would break."""


def _present(mapping: dict[str, Any]) -> dict[str, Any]:
    """Leave out absent optional fields, as an annotator would."""
    return {key: value for key, value in mapping.items() if value not in (None, (), [], "")}


def annotation_data(graph: ArgGraph) -> dict[str, Any]:
    """The annotation behind ``graph``, as plain data in its most explicit form."""
    article = dict(graph.graph["article"])
    article["text"] = graph.graph["article_text"]
    targets: dict[str, list[dict[str, Any]]] = {}
    for source, target, edge in responses(graph):
        targets.setdefault(source, []).append(
            _present(
                {
                    "to": graph.nodes[target]["id"],
                    "relation": edge["relation"],
                    "link_to": edge["link_to"],
                }
            )
        )
    return {
        "article": _present(article),
        "speakers": {
            data["id"]: _present({k: data[k] for k in ("name", "role", "group", "color")})
            for _, data in speakers(graph)
        },
        "topics": {
            data["id"]: _present({k: data[k] for k in ("label", "description")})
            for _, data in topics(graph)
        },
        "statements": [
            _present(
                {
                    "id": data["id"],
                    "speaker": data["speaker"],
                    "topic": data["topic"],
                    "kind": data["kind"],
                    "text": data["text"],
                    "quote": [{"text": q["text"], "speech": q["speech"]} for q in data["quotes"]],
                    "responds_to": targets.get(node, []),
                    "note": data["note"],
                    "tags": list(data["tags"]),
                    "said_on": data["said_on"],
                }
            )
            for node, data in statements(graph)
        ],
    }


def to_json(graph: ArgGraph) -> str:
    """Return argmap's JSON of ``graph`` (sorted nothing: file order is kept, and meaningful)."""
    anchors = {
        data["id"]: [
            {key: quote[key] for key in ("start", "end", "paragraph", "line")}
            for quote in data["quotes"]
        ]
        for _, data in statements(graph)
        if data["quotes"] and data["quotes"][0]["start"] is not None
    }
    document = {
        "format": "argmap",
        "version": VERSION,
        "annotation": annotation_data(graph),
        "anchors": anchors,
    }
    return dumps(document)
