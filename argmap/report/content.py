"""What a report shows, gathered once from the argument graph for every report format.

A report has the article (its text cut into passages, each quoted passage knowing who quoted
it), a row per statement (speaker, kind, paraphrase, quotes, what it answers, its standing
under grounded semantics), and who answered whom. For several articles read as one dispute,
each article has its own text.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from argmap.analysis import grounded
from argmap.drawing import speaker_colours
from argmap.graph import ArgGraph, responses, speakers, statements
from argmap.render_options import RenderOptions, ThemeName
from argmap.theme import STATUS_WORDS
from argmap.views import Flow, aggregate

__all__ = ["Article", "Passage", "Report", "Response", "Row", "SpeakerKey", "gather"]


@dataclass(frozen=True)
class Passage:
    """A stretch of article text; ``statements`` lists who quoted it (empty: plain text)."""

    text: str
    statements: tuple[str, ...] = ()


@dataclass(frozen=True)
class Article:
    """One article: its details, and its text as paragraphs of passages (None: no text)."""

    id: str | None
    title: str
    byline: str
    url: str | None
    paragraphs: tuple[tuple[Passage, ...], ...] | None


@dataclass(frozen=True)
class Response:
    """One answer: how (``relation``) the row's statement answers ``target`` (a statement id)."""

    relation: str
    target: str


@dataclass(frozen=True)
class Row:
    """One statement of the table."""

    id: str
    speaker: str
    speaker_name: str
    colour: str
    kind: str
    text: str
    quotes: tuple[tuple[str, str], ...]
    responds_to: tuple[Response, ...]
    answered_by: tuple[Response, ...]
    status: str
    status_word: str
    reason: str
    note: str | None


@dataclass(frozen=True)
class SpeakerKey:
    """A speaker in the report's key: id, name, details and colour."""

    id: str
    name: str
    detail: str
    colour: str


@dataclass(frozen=True)
class Report:
    """Everything a report shows (see the module's docs)."""

    title: str
    articles: tuple[Article, ...]
    rows: tuple[Row, ...]
    speakers: tuple[SpeakerKey, ...]
    flows: tuple[Flow, ...]
    relations: tuple[str, ...]
    theme: ThemeName = "default"
    """The map's theme, which the report's key follows."""


def gather(graph: ArgGraph, options: RenderOptions | None = None) -> Report:
    """Collect the report of ``graph``; ``options`` give the speaker colours of its map."""
    colours = speaker_colours(graph, options)
    names = {data["id"]: data["name"] for _, data in speakers(graph)}
    labels = grounded(graph)
    answers: dict[str, list[Response]] = {}
    asked: dict[str, list[Response]] = {}
    for source, target, data in responses(graph):
        source_id, target_id = graph.nodes[source]["id"], graph.nodes[target]["id"]
        answers.setdefault(source_id, []).append(Response(data["relation"], target_id))
        asked.setdefault(target_id, []).append(Response(data["relation"], source_id))
    rows = []
    for node, data in statements(graph):
        label = labels[node]
        rows.append(
            Row(
                id=data["id"],
                speaker=data["speaker"],
                speaker_name=names[data["speaker"]],
                colour=colours[data["speaker"]],
                kind=data["kind"],
                text=data["text"],
                quotes=tuple((q["text"].strip(), q["speech"]) for q in data["quotes"]),
                responds_to=tuple(answers.get(data["id"], ())),
                answered_by=tuple(asked.get(data["id"], ())),
                status=label.status,
                status_word=STATUS_WORDS[label.status],
                reason=label.reason,
                note=data["note"],
            )
        )
    keys = tuple(
        SpeakerKey(
            data["id"],
            data["name"],
            " · ".join(data[k] for k in ("role", "group") if data[k]),
            colours[data["id"]],
        )
        for _, data in speakers(graph)
    )
    _, flows = aggregate(graph, "speaker")
    used = sorted({data["relation"] for *_, data in responses(graph)})
    return Report(
        title=graph.graph["article"]["title"],
        articles=_articles(graph),
        rows=tuple(rows),
        speakers=keys,
        flows=tuple(flows),
        relations=tuple(used),
        theme=(options or RenderOptions()).theme,
    )


def _articles(graph: ArgGraph) -> tuple[Article, ...]:
    """The article, or each article of a merged dispute, with its quoted passages marked."""
    spans: dict[str | None, list[tuple[int, int, str]]] = {}
    for _, data in statements(graph):
        for quote in data["quotes"]:
            if quote["start"] is not None:
                spans.setdefault(data.get("article"), []).append(
                    (quote["start"], quote["end"], data["id"])
                )
    if "articles" in graph.graph:  # several files, merged
        return tuple(
            Article(
                id=article["id"],
                title=article["title"],
                byline=_byline(article),
                url=article["url"],
                paragraphs=_paragraphs(article.get("text"), spans.get(article["id"], [])),
            )
            for article in graph.graph["articles"]
        )
    article = graph.graph["article"]
    return (
        Article(
            id=article["id"],
            title=article["title"],
            byline=_byline(article),
            url=article["url"],
            paragraphs=_paragraphs(graph.graph["article_text"], spans.get(None, [])),
        ),
    )


def _byline(article: Mapping[str, Any]) -> str:
    return " · ".join(str(article[k]) for k in ("outlet", "author", "date") if article.get(k))


def _paragraphs(
    text: str | None, spans: Sequence[tuple[int, int, str]]
) -> tuple[tuple[Passage, ...], ...] | None:
    """Cut ``text`` into paragraphs (at blank lines) of passages, split where quotes begin and end.

    Quotes may overlap (two statements quoting one sentence): each passage lists every
    statement whose quote covers it.
    """
    if text is None:
        return None
    paragraphs = []
    position = 0
    for block in text.split("\n\n"):
        start, end = position, position + len(block)
        position = end + 2
        if not block.strip():
            continue
        cuts = {start, end}
        for a, b, _ in spans:
            if a < end and b > start:
                cuts.update(x for x in (a, b) if start < x < end)
        points = sorted(cuts)
        passages = []
        for a, b in itertools.pairwise(points):
            covering = tuple(dict.fromkeys(s for x, y, s in spans if x <= a and b <= y))
            passages.append(Passage(text[a:b], covering))
        paragraphs.append(tuple(passages))
    return tuple(paragraphs)
