"""One row per statement, for spreadsheets: speaker, topic, kind, text, quotes and responses.

Columns: ``id``, ``speaker`` (id), ``speaker_name``, ``topic`` (id), ``topic_label``, ``kind``,
``speech``, ``text``, ``quote`` (the quotes joined with `` … ``), ``responds_to`` (ids joined
with ``; ``), ``relations`` (the relation of each, in the same order), ``note``, ``tags``
(joined with ``; ``). A cell that a spreadsheet would take for a formula (starting with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is prefixed with ``'``, as OWASP
recommends against CSV injection: a quote such as ``=HYPERLINK(...)`` is shown, not run.
"""

from __future__ import annotations

import csv
import io
from typing import Final

from argmap.graph import ArgGraph, responses, speakers, statements, topics

__all__ = ["COLUMNS", "to_csv"]

COLUMNS: Final = (
    "id",
    "speaker",
    "speaker_name",
    "topic",
    "topic_label",
    "kind",
    "speech",
    "text",
    "quote",
    "responds_to",
    "relations",
    "note",
    "tags",
    "date",
)

_FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: str) -> str:
    return f"'{value}" if value.startswith(_FORMULA_STARTS) else value


def to_csv(graph: ArgGraph) -> str:
    """Return the statements of ``graph`` as CSV (RFC 4180: a header row, CRLF line ends)."""
    names = {data["id"]: data["name"] for _, data in speakers(graph)}
    labels = {data["id"]: data["label"] for _, data in topics(graph)}
    answered: dict[str, list[tuple[str, str]]] = {}
    for source, target, edge in responses(graph):
        answered.setdefault(source, []).append((graph.nodes[target]["id"], edge["relation"]))
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for node, data in statements(graph):
        links = answered.get(node, [])
        row = [
            data["id"],
            data["speaker"],
            names[data["speaker"]],
            data["topic"],
            labels[data["topic"]],
            data["kind"],
            data["speech"],
            data["text"],
            " … ".join(q["text"] for q in data["quotes"]),
            "; ".join(target for target, _ in links),
            "; ".join(relation for _, relation in links),
            data["note"] or "",
            "; ".join(data["tags"]),
            data["date"] or "",
        ]
        writer.writerow([_cell(value) for value in row])
    return buffer.getvalue()
