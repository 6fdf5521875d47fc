"""A Mermaid flowchart of the map: for Markdown that renders Mermaid (GitHub, GitLab, Obsidian).

One box per statement (speaker, kind, paraphrase, and the direct quote), grouped by speaker,
coloured as in argmap's own maps, with an arrow from each response to what it answers, labelled
with the relation. Mermaid reads HTML in labels, so every character that could open markup
(``<``, ``>``, ``&``, quotes, ``#``, backticks) is written as a Mermaid entity code: statement
text is shown as text, never interpreted. So is ``%``: Mermaid takes ``%%{…}%%`` anywhere in
the file, even inside a label, as a directive that configures the diagram.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from argmap.graph import ArgGraph, responses, speakers, statements
from argmap.model import Relation
from argmap.theme import PALETTE, RELATION_STYLES, tint

__all__ = ["to_mermaid"]

_ENTITIES: Final = {
    "#": "#35;",
    '"': "#quot;",
    "&": "#amp;",
    "<": "#lt;",
    ">": "#gt;",
    "`": "#96;",
    "|": "#124;",
    "\\": "#92;",
    "%": "#37;",
    "\n": " ",
    "\r": " ",
    "\t": " ",
}
_ARROWS: Final = {"solid": "-->", "dashed": "-.->", "dotted": "-.->"}
_QUOTE_LIMIT: Final = 200


def _text(value: str) -> str:
    """Escape text for a quoted Mermaid label (``#`` first: the others produce it)."""
    escaped = "".join(_ENTITIES.get(char, char) for char in value)
    return "".join(char for char in escaped if char.isprintable())


def _label(data: Mapping[str, Any], speaker: str) -> str:
    header = f"<b>{_text(speaker)}</b> · {data['kind']}"
    if data["speech"] == "reported":
        header += " · reported"
    parts = [header, _text(data["text"])]
    direct = [q["text"] for q in data["quotes"] if q["speech"] == "direct"]
    if direct:
        quote = " … ".join(direct)
        if len(quote) > _QUOTE_LIMIT:
            quote = quote[: _QUOTE_LIMIT - 1].rsplit(" ", 1)[0] + "…"
        parts.append(f"<i>#8220;{_text(quote)}#8221;</i>")
    return "<br/>".join(parts)


def to_mermaid(graph: ArgGraph) -> str:
    """Return a Mermaid flowchart of ``graph``."""
    names = {data["id"]: data["name"] for _, data in speakers(graph)}
    colours = {
        data["id"]: data["color"] or PALETTE[index % len(PALETTE)]
        for index, (_, data) in enumerate(speakers(graph))
    }
    node_names = {node: f"s{index}" for index, (node, _) in enumerate(statements(graph))}
    title = _text(graph.graph["article"]["title"])
    lines = ["---", f'title: "{title}"', "---", "flowchart BT"]
    by_speaker: dict[str, list[str]] = {}
    for node, data in statements(graph):
        by_speaker.setdefault(data["speaker"], []).append(node)
    for index, (speaker_id, nodes) in enumerate(by_speaker.items()):
        lines.append(f'  subgraph speaker{index}["{_text(names[speaker_id])}"]')
        for node in nodes:
            data = graph.nodes[node]
            lines.append(f'    {node_names[node]}["{_label(data, names[speaker_id])}"]')
        lines.append("  end")
    link_styles = []
    for index, (source, target, edge) in enumerate(responses(graph)):
        relation = Relation(edge["relation"])
        style = RELATION_STYLES[relation]
        arrow = _ARROWS[style.style]
        lines.append(f"  {node_names[source]} {arrow}|{relation.value}| {node_names[target]}")
        link_styles.append(
            f"  linkStyle {index} stroke:{style.color},stroke-width:{style.penwidth:g}px"
        )
    lines += link_styles
    for index, (speaker_id, nodes) in enumerate(by_speaker.items()):
        colour = colours[speaker_id]
        lines.append(
            f"  classDef speaker{index}Style fill:{tint(colour)},stroke:{colour},color:#000"
        )
        lines.append(f"  class {','.join(node_names[n] for n in nodes)} speaker{index}Style")
    return "\n".join(lines) + "\n"
