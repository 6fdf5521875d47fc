r"""xAIF export: the AIF analysis in OVA3's save format, with the article marked up for OVA.

OVA3, the web tool in which AIFdb's corpora are annotated, saves (and AIFdb's newer services
exchange) a wrapper around AIF::

    {"AIF": {"nodes", "edges", "schemefulfillments", "participants", "locutions",
             "descriptorfulfillments", "cqdescriptorfulfillments"},
     "text": "<span class=\"highlighted\" id=\"node7\">words</span> ...",
     "OVA": {"firstname", "surname", "url", "nodes": [{"nodeID", "visible", "x", "y",
             "timestamp"}], "edges": [{"fromID", "toID", "visible"}]}}

(the shape OVA3's ``genjson`` writes, and its ``loadOva3Json`` reads). The nodes and edges are
those of :mod:`argmap.export.aif`, shaped as OVA writes them: a node has
only ``nodeID``, ``text`` and ``type``, its scheme goes in ``schemefulfillments``, edge and
participant ids are numbers. ``text`` is the article as HTML: escaped, line breaks as ``<br>``,
and each locution's words wrapped in the ``<span>`` OVA uses to link a node to its place in the
text (the id is ``node`` + the L-node's id). A locution is located by its direct quote, else by
its first quote. Spans that would cross one another cannot be nested in HTML; such a span is left
out (argmap's extension keeps every quote). The ``OVA`` block places the nodes in columns, one
row per statement in article order, so the map opens readable in OVA.
"""

from __future__ import annotations

import html
from typing import Final

from argmap.export.aif import EXTENSION, analyse
from argmap.export.jsontext import Array, document, string, value
from argmap.graph import ArgGraph

__all__ = ["article_html", "to_xaif"]

_X0: Final = 150
_COLUMN_WIDTH: Final = 250
_Y0: Final = 100
_ROW_HEIGHT: Final = 120


def _escape(text: str) -> str:
    return html.escape(text, quote=False).replace("\n", "<br>")


def article_html(text: str, spans: list[tuple[int, int, str]]) -> str:
    r"""Return ``text`` as HTML, with each ``(start, end, node id)`` span marked as OVA does.

    Spans are nested where they share words; a span that would cross an open one is left out.

    >>> article_html("a < b.\nNo.", [(0, 5, "2")])
    '<span class="highlighted" id="node2">a &lt; b</span>.<br>No.'
    """
    parts: list[str] = []
    position = 0
    open_ends: list[int] = []

    def close_until(limit: int) -> None:
        nonlocal position
        while open_ends and open_ends[-1] <= limit:
            end = open_ends.pop()
            parts.append(_escape(text[position:end]) + "</span>")
            position = end

    for start, end, node in sorted(spans, key=lambda span: (span[0], -span[1])):
        close_until(start)
        if open_ends and end > open_ends[-1]:
            continue
        parts.append(_escape(text[position:start]))
        parts.append(f'<span class="highlighted" id="node{html.escape(node)}">')
        position = start
        open_ends.append(end)
    close_until(len(text))
    parts.append(_escape(text[position:]))
    return "".join(parts)


def to_xaif(graph: ArgGraph) -> str:
    """Return the graph as OVA3/xAIF JSON: AIF with the dialogue, the marked-up article, layout.

    The long arrays are written from templates (see :mod:`argmap.export.jsontext`): each item
    is an object at nesting level 3 (inside ``AIF`` or ``OVA``), preceded by its comma.
    """
    analysis = analyse(graph, article_text=False)
    text = graph.graph["article_text"] or ""
    spans = [
        (start, end, node)
        for node, _, start, end in analysis.locutions
        if start is not None and end is not None
    ]
    nodes = [
        f',\n      {{\n        "nodeID": "{node}",\n        "text": {string(text)},'
        f'\n        "type": "{kind}"\n      }}'
        for node, kind, text, _, _, _ in analysis.nodes
    ]
    edges = [
        f',\n      {{\n        "edgeID": {number},\n        "fromID": "{start}",'
        f'\n        "toID": "{end}"\n      }}'
        for number, (start, end) in enumerate(analysis.edge_ends(), 1)
    ]
    schemes = [
        f',\n      {{\n        "nodeID": "{node}",\n        "schemeID": "{scheme.id}"\n      }}'
        for node, _, _, scheme, _, _ in analysis.nodes
        if scheme is not None
    ]
    participants = [
        {"participantID": number, "firstname": first, "surname": last}
        for number, first, last in analysis.participants
    ]
    locutions = [
        f',\n      {{\n        "nodeID": "{node}",\n        "personID": {person},'
        '\n        "start": null,\n        "end": null,'
        f'\n        "argmapStart": {"null" if start is None else start},'
        f'\n        "argmapEnd": {"null" if end is None else end}\n      }}'
        for node, person, start, end in analysis.locutions
    ]
    layout = [
        f',\n      {{\n        "nodeID": "{node}",\n        "visible": true,'
        f'\n        "x": {_X0 + _COLUMN_WIDTH * column},'
        f'\n        "y": {_Y0 + round(_ROW_HEIGHT * row)},'
        '\n        "timestamp": ""\n      }'
        for node, _, _, _, column, row in analysis.nodes
    ]
    layout_edges = [
        f',\n      {{\n        "fromID": "{start}",\n        "toID": "{end}",'
        '\n        "visible": true\n      }'
        for start, end in analysis.edge_ends()
    ]
    return document(
        [
            (
                "AIF",
                [
                    ("nodes", Array(nodes)),
                    ("edges", Array(edges)),
                    ("schemefulfillments", Array(schemes)),
                    ("participants", value(participants, 2)),
                    ("locutions", Array(locutions)),
                    ("descriptorfulfillments", "[]"),
                    ("cqdescriptorfulfillments", "[]"),
                ],
            ),
            ("text", string(article_html(text, spans))),
            (
                "OVA",
                [
                    ("firstname", '""'),
                    ("surname", '""'),
                    ("url", string(graph.graph["article"]["url"] or "")),
                    ("nodes", Array(layout)),
                    ("edges", Array(layout_edges)),
                ],
            ),
            (EXTENSION, value(analysis.extension, 1)),
        ]
    )
