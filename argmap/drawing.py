"""Drawing the argument graph with Graphviz: DOT text, and SVG, PNG or PDF through ``dot``.

:func:`to_dot` writes the DOT source itself, as plain strings, and :func:`render` pipes it
through Graphviz's ``dot`` with the ``graphviz`` package's backend.

Why write DOT by hand rather than with ``graphviz.Digraph``: the builder costs more per statement
than validating and building the graph together (58 ms per 1,000 statements, measured in
docs/performance.md), and HTML-like labels need escaping of their own anyway.

The drawing: one box per statement with the speaker, the kind, the wrapped paraphrase and the
quote (shortened; the whole quote is the SVG tooltip). An arrow runs from each response to the
statement it answers, its colour, line style and head telling the relation. Statements are
clustered by speaker or by topic; clusters need ``newrank=true``, or ``dot`` ranks each cluster
on its own and replies across clusters turn the map into a ribbon. Responses are drawn below the
statements they answer (``rankdir=BT``). A legend shows the relations used, and the speakers'
colours when they are not clusters. Output is deterministic: node names come from file order and
nothing depends on time, paths or hashing.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
import subprocess
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html import escape
from typing import Any, Final, TypeAlias

from graphviz import ExecutableNotFound
from graphviz.backend import dot_command, execute

from argmap.diagnostics import RenderError
from argmap.gc_pause import gc_paused
from argmap.graph import RESPONDS, ArgGraph, responses, speakers, statements, topics
from argmap.layout import Layout, plan, plan_overview
from argmap.model import Relation
from argmap.render_options import FORMATS, RenderOptions
from argmap.theme import STATUS_MEANINGS, STATUS_WORDS, THEMES, Theme
from argmap.views import Flow, Party, aggregate, timeline

__all__ = ["Rendering", "render", "render_map", "speaker_colours", "to_dot", "to_overview_dot"]

FONT: Final = "DejaVu Sans,Helvetica,Arial,sans-serif"
"""DejaVu Sans first: installed with Graphviz on Debian, it covers Latin, Greek and Cyrillic."""

_CONTROL: Final = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")

_Attrs: TypeAlias = dict[str, str | float | None]
_HTML_SPECIAL: Final = re.compile("[&<>\\]]")
_LEFT_BREAK: Final = '<BR ALIGN="LEFT"/>'
_DOT_SPECIAL: Final = re.compile('[\\\\"\n\t]')
NAME_LIMIT: Final = 80
"""Longest name, role, group, topic or byline shown whole in the map (tooltips have it all)."""
TITLE_LIMIT: Final = 200
"""Longest article title or URL shown whole above the map."""
TEXT_LIMIT: Final = 600
"""Longest paraphrase shown whole in a box. Graphviz also refuses a label over 16 KB."""
TOOLTIP_LIMIT: Final = 5000
"""Longest tooltip: Graphviz refuses a quoted string over 16 KB, and escaping can double it."""


# The fast paths below matter: a 10,000-statement map writes 200,000 strings.


def _clean(text: str) -> str:
    """Drop control characters, which DOT and XML cannot carry (newlines are kept)."""
    return text if text.isprintable() else _CONTROL.sub(" ", text)


def _html(text: str) -> str:
    """Escape text for a Graphviz HTML-like label.

    ``]`` too: Graphviz 2.43 rejects a text item that is only ``]`` ("syntax error").
    """
    text = _clean(text)
    if not _HTML_SPECIAL.search(text):
        return text
    return escape(text, quote=False).replace("]", "&#93;")


def _short(text: str, limit: int = NAME_LIMIT) -> str:
    """Escape text for an HTML-like label, shortened to ``limit`` characters."""
    return _html(_shorten(text, limit))


def _quoted(text: str) -> str:
    """Quote text as a DOT string (for tooltips and ids), shortened to ``TOOLTIP_LIMIT``."""
    text = _shorten(_clean(text), TOOLTIP_LIMIT)
    if _DOT_SPECIAL.search(text):
        text = text.replace("\\", "\\\\").replace('"', '\\"')
        text = text.replace("\n", "\\n").replace("\t", " ")
    return f'"{text}"'


class _Html(str):
    """Markup of an HTML-like label, whose text is already escaped; written as ``<markup>``.

    Why a type of its own: only values made by this module's label builders may be written
    unquoted; any other string, however it looks, is quoted, so annotation text can never
    inject DOT attributes or SVG links.
    """


def _ink(theme: Theme) -> str:
    """Default text (and line) colour attributes, for themes whose text is not black."""
    return f', fontcolor="{theme.text}"' if theme.background else ""


def _attributes(attrs: Mapping[str, str | float | None]) -> str:
    """Format DOT attributes: numbers bare, :class:`_Html` labels in ``<…>``, text quoted."""
    parts = []
    for key, value in attrs.items():
        kind = type(value)
        if kind is str:
            parts.append(f"{key}={_quoted(value)}")  # type: ignore[arg-type]
        elif kind is _Html:
            parts.append(f"{key}=<{value}>")
        elif kind is float:
            parts.append(f"{key}={value:g}")
        elif value is not None:
            parts.append(f"{key}={_quoted(str(value))}")
    return ", ".join(parts)


def _wrap(text: str, width: int) -> list[str]:
    """Break text into lines of at most ``width`` characters, at spaces where possible.

    Why a regular expression: the wrapping runs twice per statement, and a loop over words in
    Python was a third of the whole DOT output's time; textwrap is slower still.

    >>> _wrap("a few kopecks on social media adverts", 12)
    ['a few', 'kopecks on', 'social media', 'adverts']
    >>> _wrap("abcdefghijkl xy", 5)
    ['abcde', 'fghij', 'kl xy']
    """
    lines = [a or b for a, b in _wrapper(width).findall(" ".join(text.split()))]
    return lines or [""]


@functools.cache
def _wrapper(width: int) -> re.Pattern[str]:
    # A line: as much as fits before a space or the end; failing that (a word longer than a
    # line), the next ``width`` characters.
    return re.compile(f"(?:(.{{1,{width}}})(?: |$)|(.{{{width}}}))")


def _lines(text: str, width: int) -> str:
    """Wrap text and join it as left-aligned lines of an HTML-like label."""
    wrapped = _html("\n".join(_wrap(_clean(text), width)))  # one escape for all the lines
    return wrapped.replace("\n", _LEFT_BREAK) + _LEFT_BREAK


def _shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] if " " in text[: limit - 1] else text[: limit - 1]
    return cut.rstrip(" ,;:") + "…"


def _quote_text(quotes: Iterable[Mapping[str, Any]]) -> str:
    return " … ".join(q["text"].strip().strip("\"'“”‘’") for q in quotes)


class _Colours:
    """Assigns each speaker its colour: their own, their group's, or the next in the palette."""

    def __init__(self, graph: ArgGraph, color_by: str, theme: Theme) -> None:
        self.by_speaker: dict[str, str] = {}
        keys: dict[str, str] = {}
        palette = theme.palette
        for _, speaker in speakers(graph):
            key = speaker["group"] if color_by == "group" and speaker["group"] else speaker["id"]
            if speaker["color"] and theme.speaker_fills:
                colour = speaker["color"].upper()
            else:
                colour = keys.setdefault(key, palette[len(keys) % len(palette)])
            self.by_speaker[speaker["id"]] = colour


def speaker_colours(graph: ArgGraph, options: RenderOptions | None = None) -> dict[str, str]:
    """Speaker id → the colour the map gives them (``#RRGGBB``), for reports to match it."""
    options = options or RenderOptions()
    return _Colours(graph, options.color_by, THEMES[options.theme]).by_speaker


def _statement_label(
    data: Mapping[str, Any],
    speaker_name: str,
    options: RenderOptions,
    extra: str = "",
) -> _Html:
    """The box of a statement; ``extra`` is escaped text added to its first line."""
    theme = THEMES[options.theme]
    kind = data["kind"]
    reported = data["speech"] == "reported"
    header = f"<B>{_short(speaker_name)}</B> · {_html(kind)}" + (" · reported" if reported else "")
    if extra:
        header += f" · {_html(extra)}"
    text = _shorten(data["text"], TEXT_LIMIT)
    rows = [
        f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="9" COLOR="{theme.muted}">{header}</FONT>'
        "</TD></TR>",
        f'<TR><TD ALIGN="LEFT">{_lines(text, options.wrap)}</TD></TR>',
    ]
    direct = [q for q in data["quotes"] if q["speech"] == "direct"]
    if direct:
        quote = _shorten(_quote_text(direct), options.quote_limit)
        body = _lines(f"“{quote}”", options.wrap + 4)
        rows.append(f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="9"><I>{body}</I></FONT></TD></TR>')
    elif data["quotes"]:
        quote = _shorten(_quote_text(data["quotes"]), options.quote_limit)
        body = _lines(f"as reported: {quote}", options.wrap + 4)
        rows.append(
            f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="9" COLOR="{theme.faint}">{body}</FONT>'
            "</TD></TR>"
        )
    return _Html(
        '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="2">'
        + "".join(rows)
        + "</TABLE>"
    )


def _place(data: Mapping[str, Any], article_date: str | None) -> str:
    """Where a statement stands, for the timeline: its date, and its first quote's paragraph.

    The date is shown only where it is not the article's: in a map of several articles, or for
    a statement made before the article's day.
    """
    paragraphs = [q["paragraph"] for q in data["quotes"] if q["paragraph"] is not None]
    where = f"¶ {min(paragraphs)}" if paragraphs else ""
    if data.get("date") and data["date"] != article_date:
        where = f"{data['date']} {where}".strip()
    return where


def _statuses(graph: ArgGraph) -> Mapping[str, str]:
    """Statement node → ``in``, ``out`` or ``undecided`` under grounded semantics.

    A view cut out of a bigger dispute may carry the statuses of the whole (graph attribute
    ``statuses``, as ``argmap render`` sets it): a statement's standing must not change because
    its attackers are filtered out of the picture.
    """
    if "statuses" in graph.graph:
        statuses: Mapping[str, str] = graph.graph["statuses"]
        return statuses
    from argmap.analysis import grounded

    return {node: label.status for node, label in grounded(graph).items()}


def _statement_tooltip(data: Mapping[str, Any], speaker_name: str) -> str:
    """The whole quotes, direct speech in quotation marks, as the SVG tooltip."""
    lines = [f"{speaker_name} ({data['kind']}): {data['text']}"]
    for quote in data["quotes"]:
        text = quote["text"].strip()
        lines.append(f"“{text}”" if quote["speech"] == "direct" else f"As reported: {text}")
    return "\n".join(lines)


def _graph_label(article: Mapping[str, Any], theme: Theme) -> _Html:
    lines = [f'<FONT POINT-SIZE="16"><B>{_short(article["title"], TITLE_LIMIT)}</B></FONT>']
    byline = " · ".join(
        _short(article[key]) for key in ("outlet", "author", "date") if article[key]
    )
    if byline:
        lines.append(f'<FONT POINT-SIZE="10" COLOR="{theme.muted}">{byline}</FONT>')
    if article["url"]:
        url = _short(article["url"], TITLE_LIMIT)
        lines.append(f'<FONT POINT-SIZE="8" COLOR="{theme.faint}">{url}</FONT>')
    return _Html("<BR/>".join(lines))


def _legend(
    used: Iterable[Relation],
    colours: Mapping[str, str],
    names: Mapping[str, str],
    theme: Theme,
    status: bool = False,
) -> _Html:
    rows = ['<TR><TD COLSPAN="2" ALIGN="LEFT"><B>Legend</B></TD></TR>']
    if status:
        rows += [
            f'<TR><TD BGCOLOR="{theme.status_fills[word]}" BORDER="1"> </TD>'
            f'<TD ALIGN="LEFT">{_html(STATUS_WORDS[word])}: {_html(meaning)}</TD></TR>'
            for word, meaning in STATUS_MEANINGS.items()
        ]
    for relation in Relation:
        if relation in used:
            style = theme.relations[relation]
            rows.append(
                f'<TR><TD ALIGN="LEFT"><FONT COLOR="{style.color}">{style.sample}</FONT></TD>'
                f'<TD ALIGN="LEFT">{_html(relation.value)}</TD></TR>'
            )
    for speaker_id, colour in colours.items():
        # With statuses, only borders tell the speakers.
        fill = (theme.background or "#FFFFFF") if status else theme.fill(colour)
        rows.append(
            f'<TR><TD BGCOLOR="{fill}" BORDER="1" COLOR="{theme.border(colour)}"> </TD>'
            f'<TD ALIGN="LEFT">{_short(names[speaker_id])}</TD></TR>'
        )
    return _Html(
        f'<TABLE BORDER="1" COLOR="{theme.frame}" CELLBORDER="0" CELLSPACING="2" CELLPADDING="3">'
        + "".join(rows)
        + "</TABLE>"
    )


def _rank_lines(
    levels: Mapping[str, int],
    group: Iterable[tuple[str, Mapping[str, Any]]],
    node_names: Mapping[str, str],
    prefix: str,
    indent: str,
) -> list[str]:
    """Pin a group's statements to their ranks with an invisible spine, one node per rank.

    Each cluster has its own spine, so no rank constraint crosses a cluster's border (``dot``
    cannot always honour those: "trouble in init_rank"); the clusters line up through the
    responses between them and the spines' equal lengths.
    """
    ranks: dict[int, list[str]] = {}
    for node, _ in group:
        ranks.setdefault(levels[node], []).append(node_names[node])
    used = sorted(ranks)
    lines = [f'{indent}{prefix}{r} [style=invis, shape=point, width=0, label=""];' for r in used]
    lines += [
        f"{indent}{prefix}{lower} -> {prefix}{upper} [style=invis, minlen={lower - upper}];"
        for upper, lower in itertools.pairwise(used)
    ]
    lines += [f"{indent}{{rank=same; {prefix}{r}; {'; '.join(ranks[r])};}}" for r in used]
    return lines


def _stack(
    graph: ArgGraph,
    group: Iterable[tuple[str, Mapping[str, Any]]],
    node_names: Mapping[str, str],
    height: int,
    indent: str,
) -> list[str]:
    """Stack a group's unconnected statements in columns, in file order, with invisible edges.

    Why: ``dot`` puts every statement that neither answers nor is answered on the same rank, so
    a dispute with many standalone statements becomes a ribbon many times wider than tall.
    Columns as high as the longest chain of responses keep the map's shape without adding ranks.
    """
    alone = [
        node_names[node]
        for node, _ in group
        if not any(d.get("type") == RESPONDS for *_, d in graph.in_edges(node, data=True))
        and not any(d.get("type") == RESPONDS for *_, d in graph.out_edges(node, data=True))
    ]
    lines: list[str] = []
    for start in range(0, len(alone), height):
        column = alone[start : start + height]
        lines.extend(
            f"{indent}{lower} -> {upper} [style=invis];"
            for upper, lower in itertools.pairwise(column)
        )
    return lines


@gc_paused()
def to_dot(
    graph: ArgGraph, options: RenderOptions | None = None, layout: Layout | None = None
) -> str:
    """Return the DOT source of the map of ``graph``.

    ``layout`` defaults to the one :func:`argmap.layout.plan` chooses for the map's size.

    >>> from argmap.loader import loads
    >>> from argmap.graph import build_graph
    >>> dot = to_dot(build_graph(loads('''
    ... article: {title: T}
    ... speakers: {a: {name: Ana}}
    ... topics: {t: Taxes}
    ... statements: [{id: s1, speaker: a, topic: t, kind: claim, text: Taxes rose.}]
    ... ''')))
    >>> dot.splitlines()[0]
    'digraph argmap {'
    """
    options = options or RenderOptions()
    layout = layout or plan(graph, options)
    in_time = options.view == "timeline"
    focused = graph.graph.get("focus")  # the statement a focused view is centred on
    status = _statuses(graph) if options.status else {}
    theme = THEMES[options.theme]
    colours = _Colours(graph, options.color_by, theme)
    speaker_data = {data["id"]: data for _, data in speakers(graph)}
    names = {speaker_id: data["name"] for speaker_id, data in speaker_data.items()}
    statement_list = list(statements(graph))
    node_names = {node: f"s{index}" for index, (node, _) in enumerate(statement_list)}
    group_by = layout.group_by
    levels = layout.levels

    out = ["digraph argmap {"]
    graph_attrs: _Attrs = {
        "rankdir": "LR" if in_time else "BT",
        "newrank": "true",
        "fontname": FONT,
        "label": _graph_label(graph.graph["article"], theme),
        "labelloc": "t",
        "tooltip": graph.graph["article"]["title"],
        "nodesep": 0.3,
        "ranksep": 0.45,
        "pad": 0.3,
        **layout.attributes,
    }
    if theme.background:
        graph_attrs.update(bgcolor=theme.background, fontcolor=theme.text)
    out.append(f"  graph [{_attributes(graph_attrs)}];")
    out.append(
        f'  node [shape=box, style="rounded,filled", fontname={_quoted(FONT)}, fontsize=10, '
        f'margin="0.1,0.05", penwidth=1.4{_ink(theme)}];'
    )
    out.append(f"  edge [fontname={_quoted(FONT)}, fontsize=9, arrowsize=0.9{_ink(theme)}];")

    def node_line(node: str, data: Mapping[str, Any], indent: str) -> str:
        # Written out rather than through _attributes: this runs once per statement, and the
        # id (argmap's id alphabet) and colours (#rrggbb) need no escaping.
        colour = colours.by_speaker[data["speaker"]]
        speaker = names[data["speaker"]]
        fill = theme.fill(colour)
        extra = _place(data, graph.graph["article"]["date"]) if in_time else ""
        if status:
            fill = theme.status_fills[status[node]]
            extra = " · ".join(part for part in (extra, STATUS_WORDS[status[node]]) if part)
        focus = ", penwidth=3.5" if node == focused else ""
        return (
            f'{indent}{node_names[node]} [id="statement-{data["id"]}", '
            f"label=<{_statement_label(data, speaker, options, extra)}>, "
            f"tooltip={_quoted(_statement_tooltip(data, speaker))}, "
            f'fillcolor="{fill}", color="{theme.border(colour)}"{focus}];'
        )

    if group_by != "none":
        groups: dict[str, list[tuple[str, Mapping[str, Any]]]] = {}
        for node, data in statement_list:
            groups.setdefault(data[group_by], []).append((node, data))
        ordered = (
            [(d["id"], d) for _, d in speakers(graph)]
            if group_by == "speaker"
            else [(d["id"], d) for _, d in topics(graph)]
        )
        for index, (group_id, data) in enumerate(ordered):
            if group_id not in groups:
                continue
            cluster = _cluster_attributes(group_by, data, colours, theme)
            if in_time:
                cluster["labelloc"] = "t"
            out.append(f"  subgraph cluster_{index} {{")
            out.append(f"    graph [{_attributes(cluster)}];")
            out.extend(node_line(node, d, "    ") for node, d in groups[group_id])
            if in_time:
                pass  # the time line below places every statement
            elif levels:
                out.extend(
                    _rank_lines(levels, groups[group_id], node_names, f"rank{index}_", "    ")
                )
            else:
                out.extend(_stack(graph, groups[group_id], node_names, layout.column, "    "))
            out.append("  }")
    else:
        out.extend(node_line(node, data, "  ") for node, data in statement_list)
        if in_time:
            pass
        elif levels:
            out.extend(_rank_lines(levels, statement_list, node_names, "rank", "  "))
        else:
            out.extend(_stack(graph, statement_list, node_names, layout.column, "  "))

    if in_time:
        # An invisible chain through the statements in time order gives each its own column
        # (or, in a big map, each group of statements that share a column); the clusters,
        # which cannot overlap, become one lane per speaker (or topic).
        columns: dict[int, list[str]] = {}
        for index, node in enumerate(timeline(graph)):
            columns.setdefault(levels[node] if levels else index, []).append(node_names[node])
        if levels:
            out.extend(f"  {{rank=same; {'; '.join(column)};}}" for column in columns.values())
        out.extend(
            f"  {a[0]} -> {b[0]} [style=invis];" for a, b in itertools.pairwise(columns.values())
        )

    used: set[Relation] = set()
    for source, target, data in responses(graph):
        relation = Relation(data["relation"])
        used.add(relation)
        style = theme.relations[relation]
        source_data, target_data = graph.nodes[source], graph.nodes[target]
        tooltip = (
            f"{names[source_data['speaker']]} {relation.value} "
            f"{names[target_data['speaker']]}: {source_data['text']}"
        )
        # An answer drawn level with or above what it answers (a cycle of responses) must not
        # pull the ranks argmap assigned.
        free = (
            ", constraint=false"
            if in_time or (levels and levels[source] <= levels[target])
            else ""
        )
        out.append(
            f"  {node_names[source]} -> {node_names[target]} "
            f'[id="response-{source_data["id"]}-{target_data["id"]}"{free}, {style.attributes}, '
            f"tooltip={_quoted(tooltip)}];"
        )

    if options.legend and (used or group_by != "speaker" or status):
        shown = {} if group_by == "speaker" and not status else colours.by_speaker
        legend: _Attrs = {
            "id": "legend",
            "shape": "plain",
            "style": "solid",
            "label": _legend(used, shown, names, theme, bool(status)),
        }
        out.append(f"  legend [{_attributes(legend)}];")
    out.append("}")
    return "\n".join(out) + "\n"


def to_overview_dot(graph: ArgGraph, by: str, options: RenderOptions | None = None) -> str:
    """Return the DOT source of the ``speakers`` or ``topics`` view: who answered whom, counted.

    One box per speaker (or topic) with its statements counted by kind, and one arrow per
    relation between two of them, labelled with how many responses it stands for and thicker
    the more there are. ``by`` is ``speaker`` or ``topic``.
    """
    return _overview(graph, by, options or RenderOptions())[0]


def _overview(graph: ArgGraph, by: str, options: RenderOptions) -> tuple[str, Layout]:
    """The DOT source of an overview, and its layout (see :func:`argmap.layout.plan_overview`)."""
    parties, flows = aggregate(graph, "speaker" if by == "speaker" else "topic")
    layout = plan_overview(sum(1 for flow in flows if flow.source != flow.target))
    label_key = "xlabel" if layout.external_labels else "label"
    theme = THEMES[options.theme]
    colours = _Colours(graph, options.color_by, theme)
    out = ["digraph argmap {"]
    graph_attrs: _Attrs = {
        "rankdir": "LR",
        "fontname": FONT,
        "label": _graph_label(graph.graph["article"], theme),
        "labelloc": "t",
        "tooltip": graph.graph["article"]["title"],
        "nodesep": 0.6,
        "ranksep": 1.2,
        "pad": 0.3,
        **layout.attributes,
    }
    if theme.background:
        graph_attrs.update(bgcolor=theme.background, fontcolor=theme.text)
    out.append(f"  graph [{_attributes(graph_attrs)}];")
    out.append(
        f'  node [shape=box, style="rounded,filled", fontname={_quoted(FONT)}, fontsize=11, '
        f'margin="0.15,0.1", penwidth=1.6{_ink(theme)}];'
    )
    out.append(f"  edge [fontname={_quoted(FONT)}, fontsize=10, arrowsize=1.0{_ink(theme)}];")
    names = {party.id: f"p{index}" for index, party in enumerate(parties)}
    # Responses within one party are counted in its box: loops would crowd the map.
    within: dict[str, list[Flow]] = {}
    for flow in flows:
        if flow.source == flow.target:
            within.setdefault(flow.source, []).append(flow)
    for party in parties:
        if by == "speaker":
            colour = colours.by_speaker[party.id]
            colour, fill = theme.border(colour), theme.fill(colour)
        else:
            colour, fill = theme.muted, theme.panel
        attrs: _Attrs = {
            "id": f"{by}-{party.id}",
            "label": _party_label(party, within.get(party.id, []), theme),
            "tooltip": f"{party.label}: {_plural_of(party.statements, 'statement')}",
            "fillcolor": fill,
            "color": colour,
        }
        out.append(f"  {names[party.id]} [{_attributes(attrs)}];")
    used: set[Relation] = set()
    labels = {party.id: party.label for party in parties}
    for flow in flows:
        if flow.source == flow.target:
            continue
        relation = Relation(flow.relation)
        used.add(relation)
        style = theme.relations[relation]
        width = style.penwidth + 1.5 * math.log2(flow.count)
        out.append(
            f"  {names[flow.source]} -> {names[flow.target]} "
            f'[id="flow-{flow.source}-{flow.relation}-{flow.target}", color="{style.color}", '
            f'style="{style.style}", arrowhead="{style.arrowhead}", penwidth={width:.2f}, '
            f"{label_key}={_quoted(_times(flow))}, fontcolor={_quoted(style.color)}, "
            f"tooltip={_quoted(_flow_sentence(flow, labels))}];"
        )
    if options.legend and used:
        legend: _Attrs = {
            "id": "legend",
            "shape": "plain",
            "style": "solid",
            "label": _legend(used, {}, {}, theme),
        }
        out.append(f"  legend [{_attributes(legend)}];")
    out.append("}")
    return "\n".join(out) + "\n", layout


def _plural_of(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _times(flow: Flow) -> str:
    return f"{flow.relation} ×{flow.count}" if flow.count > 1 else flow.relation  # noqa: RUF001


def _flow_sentence(flow: Flow, labels: Mapping[str, str]) -> str:
    """The flow in words: "Sergey Lavrov counters Boris Johnson: 3 responses"."""
    verb = "responds to" if flow.relation == "responds" else flow.relation
    target = "itself" if flow.source == flow.target else labels[flow.target]
    return f"{labels[flow.source]} {verb} {target}: {_plural_of(flow.count, 'response')}"


def _party_label(party: Party, within: Iterable[Flow], theme: Theme) -> _Html:
    """A speaker's or topic's box: name, details, statements by kind, and inner responses."""
    lines = [f"<B>{_short(party.label)}</B>"]
    if party.detail:
        lines.append(f'<FONT POINT-SIZE="9" COLOR="{theme.muted}">{_short(party.detail)}</FONT>')
    kinds = [_plural_of(count, kind) for kind, count in party.kinds.items()]
    small = [f"{_plural_of(party.statements, 'statement')}:"]
    small += [", ".join(kinds[i : i + 3]) for i in range(0, len(kinds), 3)]
    inner = [_times(flow) for flow in within]
    if inner:
        small.append("answering each other: " + ", ".join(inner))
    lines += [f'<FONT POINT-SIZE="9">{_html(line)}</FONT>' for line in small]
    return _Html("<BR/>".join(lines))


def _cluster_attributes(
    group_by: str, data: Mapping[str, Any], colours: _Colours, theme: Theme
) -> _Attrs:
    """Cluster label and colours; ``labelloc=b`` puts the label on top, as ranks run bottom-up."""
    if group_by == "speaker":
        colour = colours.by_speaker[data["id"]]
        details = " · ".join(_short(data[key]) for key in ("role", "group") if data[key])
        label = f"<B>{_short(data['name'])}</B>"
        if details:
            label += f'<BR/><FONT POINT-SIZE="9">{details}</FONT>'
        return {
            "id": f"speaker-{data['id']}",
            "label": _Html(label),
            "labelloc": "b",
            "style": "rounded,filled",
            "color": theme.border(colour),
            "fillcolor": theme.fill(colour, 0.94),
            "fontsize": 12.0,
        }
    return {
        "id": f"topic-{data['id']}",
        "label": _Html(f"<B>{_short(data['label'])}</B>"),
        "labelloc": "b",
        "tooltip": data["description"] or data["label"],
        "style": "rounded,filled",
        "color": theme.frame,
        "fillcolor": theme.panel,
        "fontsize": 12.0,
    }


@dataclass(frozen=True)
class Rendering:
    """A rendered map, and the layout it was drawn with (see :attr:`Layout.notes`)."""

    data: bytes
    layout: Layout


def render(graph: ArgGraph, fmt: str, options: RenderOptions | None = None) -> bytes:
    """Render the map of ``graph`` as ``svg``, ``png``, ``pdf`` or ``dot`` (DOT source) bytes.

    Raises:
        ValueError: for a format not in :data:`~argmap.render_options.FORMATS`.
        RenderError: when ``dot`` is missing, fails, or runs longer than ``options.timeout``.
    """
    return render_map(graph, fmt, options).data


def render_map(graph: ArgGraph, fmt: str, options: RenderOptions | None = None) -> Rendering:
    """Like :func:`render`, also telling which layout was used.

    If ``dot`` cannot draw the clusters (it sometimes fails on large clustered maps with fixed
    ranks), the map is drawn again without them, and the layout's notes say so.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (choose from: {', '.join(FORMATS)})")
    options = options or RenderOptions()
    if options.view in ("speakers", "topics"):
        text, layout = _overview(graph, options.view[:-1], options)
        source = text.encode("utf-8")
        if fmt == "dot":
            return Rendering(source, layout)
        return Rendering(_run_dot(source, fmt, options.timeout), layout)
    layout = plan(graph, options)
    source = to_dot(graph, options, layout).encode("utf-8")
    if fmt == "dot":
        return Rendering(source, layout)
    try:
        return Rendering(_run_dot(source, fmt, options.timeout), layout)
    except _ClusterTrouble:
        layout = layout.without_clusters(
            f"Graphviz could not draw the {layout.group_by} clusters; drawn without them"
        )
        source = to_dot(graph, options, layout).encode("utf-8")
        return Rendering(_run_dot(source, fmt, options.timeout), layout)


class _ClusterTrouble(RenderError):
    """``dot`` failed in ranking, as Graphviz 2.43 does on some large clustered maps."""


def _run_dot(source: bytes, fmt: str, timeout: float) -> bytes:
    command = dot_command.command("dot", fmt)
    try:
        process = execute.run_check(
            command, input=source, capture_output=True, quiet=True, timeout=timeout
        )
    except ExecutableNotFound:
        raise RenderError(
            "Graphviz's 'dot' program was not found; install Graphviz "
            "(Debian/Ubuntu: apt-get install graphviz; macOS: brew install graphviz) "
            "or render to .dot"
        ) from None
    except subprocess.TimeoutExpired:
        raise RenderError(
            f"Graphviz's 'dot' took longer than {timeout:g} s and was stopped; "
            "render a smaller map, or allow more time with --timeout"
        ) from None
    except subprocess.CalledProcessError as exc:
        lines = (exc.stderr or b"").decode("utf-8", "replace").strip().splitlines()
        more = f"\n… ({len(lines) - 5} more lines)" if len(lines) > 5 else ""
        message = f"Graphviz's 'dot' failed (exit {exc.returncode}): " + "\n".join(lines[:5])
        error = _ClusterTrouble if "trouble in init_rank" in "".join(lines[:1]) else RenderError
        raise error(message + more) from None
    output: bytes = process.stdout
    return output
