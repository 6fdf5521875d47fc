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

import itertools
import re
import subprocess
from collections.abc import Iterable, Mapping
from html import escape
from typing import Any, Final, TypeAlias

from graphviz import ExecutableNotFound
from graphviz.backend import dot_command, execute

from argmap.diagnostics import RenderError
from argmap.gc_pause import gc_paused
from argmap.graph import RESPONDS, ArgGraph, responses, speakers, statements, topics
from argmap.model import Relation
from argmap.render_options import FORMATS, RenderOptions
from argmap.theme import PALETTE, RELATION_STYLES, tint

__all__ = ["render", "to_dot"]

FONT: Final = "DejaVu Sans,Helvetica,Arial,sans-serif"
"""DejaVu Sans first: installed with Graphviz on Debian, it covers Latin, Greek and Cyrillic."""

_CONTROL: Final = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")

_Attrs: TypeAlias = dict[str, str | float | None]


def _clean(text: str) -> str:
    """Drop control characters, which DOT and XML cannot carry."""
    return _CONTROL.sub(" ", text)


def _html(text: str) -> str:
    """Escape text for a Graphviz HTML-like label."""
    return escape(_clean(text), quote=False)


def _quoted(text: str) -> str:
    """Quote text as a DOT string (for tooltips and ids)."""
    escaped = _clean(text).replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\n", "\\n").replace("\t", " ") + '"'


class _Html(str):
    """Markup of an HTML-like label, whose text is already escaped; written as ``<markup>``.

    Why a type of its own: only values made by this module's label builders may be written
    unquoted; any other string, however it looks, is quoted, so annotation text can never
    inject DOT attributes or SVG links.
    """


def _attributes(attrs: Mapping[str, str | float | None]) -> str:
    """Format DOT attributes: numbers bare, :class:`_Html` labels in ``<…>``, text quoted."""
    parts = []
    for key, value in attrs.items():
        if value is None:
            continue
        if isinstance(value, float):
            parts.append(f"{key}={value:g}")
        elif isinstance(value, _Html):
            parts.append(f"{key}=<{value}>")
        else:
            parts.append(f"{key}={_quoted(value)}")
    return ", ".join(parts)


def _wrap(text: str, width: int) -> list[str]:
    """Break text into lines of at most ``width`` characters, at spaces where possible.

    Why not textwrap: it costs about 40 µs a call, a third of the whole DOT output's time.

    >>> _wrap("a few kopecks on social media adverts", 12)
    ['a few', 'kopecks on', 'social media', 'adverts']
    """
    lines: list[str] = []
    line = ""
    for word in text.split():
        while len(word) > width:
            if line:
                lines.append(line)
                line = ""
            lines.append(word[:width])
            word = word[width:]
        if not line:
            line = word
        elif len(line) + 1 + len(word) <= width:
            line = f"{line} {word}"
        else:
            lines.append(line)
            line = word
    if line or not lines:
        lines.append(line)
    return lines


def _lines(text: str, width: int) -> str:
    """Wrap text and join it as left-aligned lines of an HTML-like label."""
    return "".join(f'{_html(line)}<BR ALIGN="LEFT"/>' for line in _wrap(_clean(text), width))


def _shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] if " " in text[: limit - 1] else text[: limit - 1]
    return cut.rstrip(" ,;:") + "…"


def _quote_text(quotes: Iterable[Mapping[str, Any]]) -> str:
    return " … ".join(q["text"].strip().strip("\"'“”‘’") for q in quotes)


class _Colours:
    """Assigns each speaker its colour: their own, their group's, or the next in the palette."""

    def __init__(self, graph: ArgGraph, color_by: str) -> None:
        self.by_speaker: dict[str, str] = {}
        keys: dict[str, str] = {}
        for _, speaker in speakers(graph):
            key = speaker["group"] if color_by == "group" and speaker["group"] else speaker["id"]
            if speaker["color"]:
                colour = speaker["color"].upper()
            else:
                colour = keys.setdefault(key, PALETTE[len(keys) % len(PALETTE)])
            self.by_speaker[speaker["id"]] = colour


def _statement_label(data: Mapping[str, Any], speaker_name: str, options: RenderOptions) -> _Html:
    kind = data["kind"]
    reported = data["speech"] == "reported"
    header = f"<B>{_html(speaker_name)}</B> · {_html(kind)}" + (" · reported" if reported else "")
    rows = [
        f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="9" COLOR="#444444">{header}</FONT></TD></TR>',
        f'<TR><TD ALIGN="LEFT">{_lines(data["text"], options.wrap)}</TD></TR>',
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
            f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="9" COLOR="#555555">{body}</FONT></TD></TR>'
        )
    return _Html(
        '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="2">'
        + "".join(rows)
        + "</TABLE>"
    )


def _statement_tooltip(data: Mapping[str, Any], speaker_name: str) -> str:
    """The whole quotes, direct speech in quotation marks, as the SVG tooltip."""
    lines = [f"{speaker_name} ({data['kind']}): {data['text']}"]
    for quote in data["quotes"]:
        text = quote["text"].strip()
        lines.append(f"“{text}”" if quote["speech"] == "direct" else f"As reported: {text}")
    return "\n".join(lines)


def _graph_label(article: Mapping[str, Any]) -> _Html:
    lines = [f'<FONT POINT-SIZE="16"><B>{_html(article["title"])}</B></FONT>']
    byline = " · ".join(
        _html(article[key]) for key in ("outlet", "author", "date") if article[key]
    )
    if byline:
        lines.append(f'<FONT POINT-SIZE="10" COLOR="#444444">{byline}</FONT>')
    if article["url"]:
        lines.append(f'<FONT POINT-SIZE="8" COLOR="#666666">{_html(article["url"])}</FONT>')
    return _Html("<BR/>".join(lines))


def _legend(
    used: Iterable[Relation], colours: Mapping[str, str], names: Mapping[str, str]
) -> _Html:
    rows = ['<TR><TD COLSPAN="2" ALIGN="LEFT"><B>Legend</B></TD></TR>']
    for relation in Relation:
        if relation in used:
            style = RELATION_STYLES[relation]
            rows.append(
                f'<TR><TD ALIGN="LEFT"><FONT COLOR="{style.color}">{style.sample}</FONT></TD>'
                f'<TD ALIGN="LEFT">{_html(relation.value)}</TD></TR>'
            )
    for speaker_id, colour in colours.items():
        rows.append(
            f'<TR><TD BGCOLOR="{tint(colour)}" BORDER="1" COLOR="{colour}"> </TD>'
            f'<TD ALIGN="LEFT">{_html(names[speaker_id])}</TD></TR>'
        )
    return _Html(
        '<TABLE BORDER="1" COLOR="#BBBBBB" CELLBORDER="0" CELLSPACING="2" CELLPADDING="3">'
        + "".join(rows)
        + "</TABLE>"
    )


def _layout_attributes(statement_count: int, clustered: bool) -> _Attrs:
    """Cheaper layout settings for big maps (measured in docs/performance.md).

    Default ``dot`` settings grow as about N^3.5: 2 s at 1,000 statements, 13 minutes at 5,000.
    Limiting network-simplex and mincross iterations keeps 1,000 statements under half a second
    at the cost of more crossings, so it is applied only above a few hundred statements.
    """
    if statement_count <= 400:
        return {}
    if clustered:
        return {"nslimit": 1.0, "mclimit": 0.1, "splines": "line"}
    return {"nslimit": 0.2, "nslimit1": 0.2, "mclimit": 0.1, "splines": "false"}


def _column_height(graph: ArgGraph) -> int:
    """How many statements the longest chain of responses stacks up (at least 3).

    Responses to later statements are left out, so cycles cannot occur and one pass in file
    order suffices; the answer only sizes columns, so it need not be exact.
    """
    depth: dict[str, int] = {}
    for node, _ in statements(graph):
        answered = (
            depth[target]
            for _, target, edge in graph.out_edges(node, data=True)
            if edge["type"] == RESPONDS and target in depth
        )
        depth[node] = 1 + max(answered, default=0)
    return max(3, *depth.values()) if depth else 3


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
def to_dot(graph: ArgGraph, options: RenderOptions | None = None) -> str:
    """Return the DOT source of the map of ``graph``.

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
    colours = _Colours(graph, options.color_by)
    speaker_data = {data["id"]: data for _, data in speakers(graph)}
    names = {speaker_id: data["name"] for speaker_id, data in speaker_data.items()}
    statement_list = list(statements(graph))
    node_names = {node: f"s{index}" for index, (node, _) in enumerate(statement_list)}
    clustered = options.group_by != "none"

    out = ["digraph argmap {"]
    graph_attrs: _Attrs = {
        "rankdir": "BT",
        "newrank": "true",
        "fontname": FONT,
        "label": _graph_label(graph.graph["article"]),
        "labelloc": "t",
        "tooltip": graph.graph["article"]["title"],
        "nodesep": 0.3,
        "ranksep": 0.45,
        "pad": 0.3,
        **_layout_attributes(len(statement_list), clustered),
    }
    out.append(f"  graph [{_attributes(graph_attrs)}];")
    out.append(
        f'  node [shape=box, style="rounded,filled", fontname={_quoted(FONT)}, fontsize=10, '
        'margin="0.1,0.05", penwidth=1.4];'
    )
    out.append(f"  edge [fontname={_quoted(FONT)}, fontsize=9, arrowsize=0.9];")

    def node_line(node: str, data: Mapping[str, Any], indent: str) -> str:
        colour = colours.by_speaker[data["speaker"]]
        attrs: _Attrs = {
            "id": f"statement-{data['id']}",
            "label": _statement_label(data, names[data["speaker"]], options),
            "tooltip": _statement_tooltip(data, names[data["speaker"]]),
            "fillcolor": tint(colour),
            "color": colour,
        }
        return f"{indent}{node_names[node]} [{_attributes(attrs)}];"

    column = _column_height(graph)
    if clustered:
        groups: dict[str, list[tuple[str, Mapping[str, Any]]]] = {}
        for node, data in statement_list:
            groups.setdefault(data[options.group_by], []).append((node, data))
        ordered = (
            [(d["id"], d) for _, d in speakers(graph)]
            if options.group_by == "speaker"
            else [(d["id"], d) for _, d in topics(graph)]
        )
        for index, (group_id, data) in enumerate(ordered):
            if group_id not in groups:
                continue
            out.append(f"  subgraph cluster_{index} {{")
            out.append(f"    graph [{_attributes(_cluster_attributes(options, data, colours))}];")
            out.extend(node_line(node, d, "    ") for node, d in groups[group_id])
            out.extend(_stack(graph, groups[group_id], node_names, column, "    "))
            out.append("  }")
    else:
        out.extend(node_line(node, data, "  ") for node, data in statement_list)
        out.extend(_stack(graph, statement_list, node_names, column, "  "))

    used: set[Relation] = set()
    for source, target, data in responses(graph):
        relation = Relation(data["relation"])
        used.add(relation)
        style = RELATION_STYLES[relation]
        source_data, target_data = graph.nodes[source], graph.nodes[target]
        attrs: _Attrs = {
            "id": f"response-{source_data['id']}-{target_data['id']}",
            "color": style.color,
            "style": style.style,
            "arrowhead": style.arrowhead,
            "penwidth": style.penwidth,
            "tooltip": f"{names[source_data['speaker']]} {relation.value} "
            f"{names[target_data['speaker']]}: {source_data['text']}",
        }
        out.append(f"  {node_names[source]} -> {node_names[target]} [{_attributes(attrs)}];")

    if options.legend and (used or options.group_by != "speaker"):
        shown = {} if options.group_by == "speaker" else colours.by_speaker
        legend: _Attrs = {
            "id": "legend",
            "shape": "plain",
            "style": "solid",
            "label": _legend(used, shown, names),
        }
        out.append(f"  legend [{_attributes(legend)}];")
    out.append("}")
    return "\n".join(out) + "\n"


def _cluster_attributes(
    options: RenderOptions, data: Mapping[str, Any], colours: _Colours
) -> _Attrs:
    """Cluster label and colours; ``labelloc=b`` puts the label on top, as ranks run bottom-up."""
    if options.group_by == "speaker":
        colour = colours.by_speaker[data["id"]]
        details = " · ".join(_html(data[key]) for key in ("role", "group") if data[key])
        label = f"<B>{_html(data['name'])}</B>"
        if details:
            label += f'<BR/><FONT POINT-SIZE="9">{details}</FONT>'
        return {
            "id": f"speaker-{data['id']}",
            "label": _Html(label),
            "labelloc": "b",
            "style": "rounded,filled",
            "color": colour,
            "fillcolor": tint(colour, 0.94),
            "fontsize": 12.0,
        }
    return {
        "id": f"topic-{data['id']}",
        "label": _Html(f"<B>{_html(data['label'])}</B>"),
        "labelloc": "b",
        "tooltip": data["description"] or data["label"],
        "style": "rounded,filled",
        "color": "#BBBBBB",
        "fillcolor": "#F7F7F7",
        "fontsize": 12.0,
    }


def render(graph: ArgGraph, fmt: str, options: RenderOptions | None = None) -> bytes:
    """Render the map of ``graph`` as ``svg``, ``png``, ``pdf`` or ``dot`` (DOT source) bytes.

    Raises:
        ValueError: for a format not in :data:`FORMATS`.
        RenderError: when ``dot`` is missing, fails, or runs longer than ``options.timeout``.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (choose from: {', '.join(FORMATS)})")
    options = options or RenderOptions()
    source = to_dot(graph, options).encode("utf-8")
    if fmt == "dot":
        return source
    command = dot_command.command("dot", fmt)
    try:
        process = execute.run_check(
            command, input=source, capture_output=True, quiet=True, timeout=options.timeout
        )
    except ExecutableNotFound:
        raise RenderError(
            "Graphviz's 'dot' program was not found; install Graphviz "
            "(Debian/Ubuntu: apt-get install graphviz; macOS: brew install graphviz) "
            "or render to .dot"
        ) from None
    except subprocess.TimeoutExpired:
        raise RenderError(
            f"Graphviz's 'dot' took longer than {options.timeout:g} s and was stopped; "
            "render a smaller map, or allow more time with --timeout"
        ) from None
    except subprocess.CalledProcessError as exc:
        detail = (exc.stderr or b"").decode("utf-8", "replace").strip()
        raise RenderError(f"Graphviz's 'dot' failed (exit {exc.returncode}): {detail}") from None
    output: bytes = process.stdout
    return output
