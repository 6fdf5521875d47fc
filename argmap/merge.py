"""Several annotation files read as one dispute: the articles of one story.

A story is told over several articles (the press conference, the next day's reactions, an
interview a week later), each annotated in its own file. Read together:

* each file is one article, named by its ``article.id`` or, failing that, by its file name
  without the suffix; its statements become ``ARTICLE:ID`` in the merged graph, so ids need only
  be unique within a file;
* speakers and topics that share an id are one speaker or topic: the first file to describe
  them gives their name, role and colour (a file that says otherwise gets a note);
* a statement may respond to a statement of another file: ``responds_to: {to: ARTICLE:ID}``.
  Read alone, such a file is valid; the reference is checked (and drawn) when the file it names
  is read too. :func:`argmap.references.check_references` says which references resolve.

The merged graph has the shape :mod:`argmap.graph` describes, with ``ARTICLE:ID`` statement ids,
and two more attributes: each statement's ``article`` (the article id) and the graph's
``articles`` (one mapping per file: ``id``, ``title``, ``outlet``, ``author``, ``date``,
``url``, ``source`` and ``text``, the article's text or None).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from argmap.diagnostics import AnnotationError, Diagnostic
from argmap.dispute import Dispute
from argmap.graph import (
    ABOUT,
    RESPONDS,
    SAID_BY,
    STATEMENT,
    ArgGraph,
    build_graph,
    empty_graph,
    statement_node,
)
from argmap.loader import MAX_FILE_BYTES
from argmap.model import Relation
from argmap.references import article_id, check_references, load_all, qualified

__all__ = ["Loaded", "Merged", "load_graph", "merge"]


@dataclass(frozen=True)
class Merged:
    """The graph of several files, and what the merge had to decide (for the user)."""

    graph: ArgGraph
    notes: tuple[str, ...] = ()


_SPEAKER_FIELDS = ("name", "role", "group", "color")
_TOPIC_FIELDS = ("label", "description")


def merge(disputes: Sequence[Dispute]) -> Merged:
    """Join the disputes of several files into one argument graph (see the module's docs).

    References to files not among ``disputes`` are left out;
    :func:`~argmap.references.check_references` reports them, and must have found no error.
    """
    graphs = [(article_id(d), d, build_graph(d)) for d in disputes]
    articles = []
    for name, _, graph in graphs:
        article = graph.graph["article"]
        articles.append(
            {
                "id": name,
                "title": article["title"],
                "outlet": article["outlet"],
                "author": article["author"],
                "date": article["date"],
                "url": article["url"],
                "source": graph.graph["source"],
                "text": graph.graph["article_text"],
            }
        )
    dates = {a["date"] for a in articles}
    languages = {g.graph["article"]["language"] for _, _, g in graphs}
    merged = empty_graph(
        article={
            "id": None,
            "title": "; ".join(a["title"] for a in articles),
            "outlet": None,
            "author": None,
            "date": dates.pop() if len(dates) == 1 else None,
            "url": None,
            "language": languages.pop() if len(languages) == 1 else None,
            "note": None,
        },
        articles=articles,
        article_text=None,
        source=" + ".join(a["source"] for a in articles),
    )
    notes: list[str] = []
    counters = {"speaker": 0, "topic": 0, "statement": 0}
    for name, _, graph in graphs:
        for node, data in graph.nodes(data=True):
            kind = data["type"]
            if kind == STATEMENT:
                attributes = {**data, "id": f"{name}:{data['id']}", "article": name}
                attributes["order"] = counters[kind]
                counters[kind] += 1
                merged.add_node(statement_node(attributes["id"]), **attributes)
            elif node in merged:
                notes += _disagreements(merged.nodes[node], data, graph.graph["source"])
            else:
                merged.add_node(node, **{**data, "order": counters[kind]})
                counters[kind] += 1
    for name, _, graph in graphs:
        for source, target, data in graph.edges(data=True):
            start = statement_node(f"{name}:{graph.nodes[source]['id']}")
            if data["type"] == RESPONDS:
                end = statement_node(f"{name}:{graph.nodes[target]['id']}")
                link = data["link_to"]
                merged.add_edge(
                    start, end, **{**data, "link_to": qualified(name, link) if link else None}
                )
            elif data["type"] in (SAID_BY, ABOUT):
                merged.add_edge(start, target, **data)
    for name, dispute, _ in graphs:
        _add_cross_references(merged, name, dispute)
    return Merged(merged, tuple(notes))


def _disagreements(kept: dict[str, Any], other: dict[str, Any], source: str) -> list[str]:
    """Notes on where a later file describes a speaker or topic differently; the first wins."""
    fields = _SPEAKER_FIELDS if kept["type"] == "speaker" else _TOPIC_FIELDS
    notes = []
    for field in fields:
        if other[field] is not None and kept[field] is None:
            kept[field] = other[field]
        elif other[field] is not None and other[field] != kept[field]:
            notes.append(
                f"{kept['type']} '{kept['id']}': {source} gives {field} '{other[field]}'; "
                f"kept '{kept[field]}' from the first file"
            )
    return notes


def _add_cross_references(merged: ArgGraph, name: str, dispute: Dispute) -> None:
    """Add the responses of one file to statements of other files read with it."""
    for statement in dispute.statements:
        start = statement_node(f"{name}:{statement.id}")
        for order, (response, (target, relation)) in enumerate(
            zip(statement.responds_to, statement.targets(), strict=True)
        ):
            end = statement_node(target)
            if ":" not in target or end not in merged:
                continue
            link_to = response.link_to
            if relation is Relation.UNDERCUTS and link_to is None:
                # check_references made sure the target answers one statement only.
                link_to = next(
                    (
                        merged.nodes[v]["id"]
                        for v, e in merged.succ[end].items()
                        if e["type"] == RESPONDS
                    ),
                    None,
                )
            merged.add_edge(
                start,
                end,
                type=RESPONDS,
                relation=str(relation),
                order=order,
                link_to=link_to,
            )


@dataclass(frozen=True)
class Loaded:
    """The graph of one or several annotation files, and what the user should hear of it."""

    graph: ArgGraph
    warnings: tuple[Diagnostic, ...] = ()
    """Every file's warnings, then those about references between files."""
    notes: tuple[str, ...] = ()
    """What merging several files decided (see :class:`Merged`)."""

    def _repr_svg_(self) -> str:
        """The map, as Jupyter and IPython show an object: ``loaded`` alone in a cell draws it."""
        from argmap.drawing import render

        return render(self.graph, "svg").decode("utf-8")


def load_graph(
    paths: Sequence[str | PurePath],
    *,
    max_bytes: int = MAX_FILE_BYTES,
    article_anywhere: bool = False,
) -> Loaded:
    """Load one annotation file, or several as one dispute, and build its graph.

    >>> loaded = load_graph(["examples/johnson-lavrov/annotation.yaml"])
    >>> loaded.graph.nodes["statement:lavrov-rebuke"]["speaker"]
    'lavrov'

    Raises:
        AnnotationError: when a file, or a reference between files, is invalid.
        ArgmapError: when a file cannot be read, or two have the same article id.
    """
    disputes = load_all(paths, max_bytes=max_bytes, article_anywhere=article_anywhere)
    between = check_references(disputes, max_bytes)
    if any(d.severity == "error" for d in between):
        raise AnnotationError(between)
    warnings = tuple(w for d in disputes for w in d.warnings) + tuple(between)
    if len(disputes) == 1:
        return Loaded(build_graph(disputes[0]), warnings)
    merged = merge(disputes)
    return Loaded(merged.graph, warnings, merged.notes)
