"""GraphML of the argument graph, with the yFiles extension so yEd shows labels and colours.

Every node and edge attribute of :mod:`argmap.graph` becomes a GraphML ``data`` element
(tuples and mappings as JSON text, absent values left out), so tools that read plain GraphML
(networkx, Gephi, Cytoscape) get all of it; yEd additionally reads a ``ShapeNode`` per node (the
speaker's colour and a label: speaker, kind, paraphrase) and a ``PolyLineEdge`` per edge (the
relation's colour, line style and name), so the map is readable the moment the file opens.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from typing import Any, Final

from argmap.graph import RESPONDS, STATEMENT, ArgGraph, speakers
from argmap.model import Relation
from argmap.theme import PALETTE, RELATION_STYLES, tint

__all__ = ["flat_attributes", "to_graphml"]

_GRAPHML: Final = "http://graphml.graphdrawing.org/xmlns"
_YFILES: Final = "http://www.yworks.com/xml/graphml"
_LINE_TYPES: Final = {"solid": "line", "dashed": "dashed", "dotted": "dotted"}
_ARROWS: Final = {
    "normal": "standard",
    "tee": "t_shape",
    "empty": "white_delta",
    "diamond": "diamond",
    "odot": "transparent_circle",
    "vee": "short",
}


def flat_attributes(data: Mapping[str, Any]) -> dict[str, str | int]:
    """Attributes as the scalars GraphML and GEXF hold: structures as JSON, None left out."""
    flat: dict[str, str | int] = {}
    for key, value in data.items():
        if value is None or value == ():
            continue
        if isinstance(value, bool):
            flat[key] = str(value).lower()
        elif isinstance(value, int | str):
            flat[key] = value
        else:
            flat[key] = json.dumps(value, ensure_ascii=False)
    return flat


def _keys(
    root: ET.Element, scope: str, items: Iterable[Mapping[str, str | int]]
) -> dict[str, str]:
    """Declare one GraphML key per attribute name, in first-seen order; return name -> key id."""
    ids: dict[str, str] = {}
    for item in items:
        for name, value in item.items():
            if name not in ids:
                ids[name] = f"{scope[0]}_{name}"
                ET.SubElement(
                    root,
                    f"{{{_GRAPHML}}}key",
                    {
                        "id": ids[name],
                        "for": scope,
                        "attr.name": name,
                        "attr.type": "int" if isinstance(value, int) else "string",
                    },
                )
    return ids


def _data(parent: ET.Element, ids: Mapping[str, str], attributes: Mapping[str, str | int]) -> None:
    for name, value in attributes.items():
        ET.SubElement(parent, f"{{{_GRAPHML}}}data", {"key": ids[name]}).text = str(value)


def _colours(graph: ArgGraph) -> dict[str, str]:
    """Speaker id -> colour: their own, else the palette's in declaration order."""
    return {
        data["id"]: data["color"] or PALETTE[index % len(PALETTE)]
        for index, (_, data) in enumerate(speakers(graph))
    }


def _label(data: Mapping[str, Any], names: Mapping[str, str]) -> str:
    if data["type"] == STATEMENT:
        return f"{names[data['speaker']]} ({data['kind']}): {data['text']}"
    return str(data.get("name") or data.get("label") or data["id"])


def to_graphml(graph: ArgGraph) -> str:
    """Return GraphML of ``graph``: every node (statements, speakers, topics) and edge."""
    ET.register_namespace("", _GRAPHML)
    ET.register_namespace("y", _YFILES)
    root = ET.Element(f"{{{_GRAPHML}}}graphml")
    nodes = [(node, flat_attributes(data)) for node, data in graph.nodes(data=True)]
    edges = [(u, v, flat_attributes(data)) for u, v, data in graph.edges(data=True)]
    graph_ids = _keys(root, "graph", [flat_attributes(graph.graph)])
    node_ids = _keys(root, "node", [attributes for _, attributes in nodes])
    edge_ids = _keys(root, "edge", [attributes for *_, attributes in edges])
    ET.SubElement(
        root,
        f"{{{_GRAPHML}}}key",
        {"id": "node_graphics", "for": "node", "yfiles.type": "nodegraphics"},
    )
    ET.SubElement(
        root,
        f"{{{_GRAPHML}}}key",
        {"id": "edge_graphics", "for": "edge", "yfiles.type": "edgegraphics"},
    )
    element = ET.SubElement(
        root, f"{{{_GRAPHML}}}graph", {"id": "argmap", "edgedefault": "directed"}
    )
    _data(element, graph_ids, flat_attributes(graph.graph))
    colours = _colours(graph)
    names = {data["id"]: data["name"] for _, data in speakers(graph)}
    for node, attributes in nodes:
        data = graph.nodes[node]
        item = ET.SubElement(element, f"{{{_GRAPHML}}}node", {"id": node})
        _data(item, node_ids, attributes)
        colour = colours.get(data.get("speaker") or data["id"], "#BBBBBB")
        shape = ET.SubElement(
            ET.SubElement(item, f"{{{_GRAPHML}}}data", {"key": "node_graphics"}),
            f"{{{_YFILES}}}ShapeNode",
        )
        ET.SubElement(shape, f"{{{_YFILES}}}Geometry", {"width": "220", "height": "90"})
        ET.SubElement(shape, f"{{{_YFILES}}}Fill", {"color": tint(colour), "transparent": "false"})
        ET.SubElement(
            shape, f"{{{_YFILES}}}BorderStyle", {"color": colour, "type": "line", "width": "1.5"}
        )
        ET.SubElement(shape, f"{{{_YFILES}}}NodeLabel").text = _label(data, names)
        ET.SubElement(shape, f"{{{_YFILES}}}Shape", {"type": "roundrectangle"})
    for index, (source, target, attributes) in enumerate(edges):
        item = ET.SubElement(
            element, f"{{{_GRAPHML}}}edge", {"id": f"e{index}", "source": source, "target": target}
        )
        _data(item, edge_ids, attributes)
        if attributes.get("type") == RESPONDS:
            relation = Relation(str(attributes["relation"]))
            style = RELATION_STYLES[relation]
            line = ET.SubElement(
                ET.SubElement(item, f"{{{_GRAPHML}}}data", {"key": "edge_graphics"}),
                f"{{{_YFILES}}}PolyLineEdge",
            )
            ET.SubElement(
                line,
                f"{{{_YFILES}}}LineStyle",
                {
                    "color": style.color,
                    "type": _LINE_TYPES[style.style],
                    "width": f"{style.penwidth:g}",
                },
            )
            ET.SubElement(
                line,
                f"{{{_YFILES}}}Arrows",
                {"source": "none", "target": _ARROWS[style.arrowhead]},
            )
            ET.SubElement(line, f"{{{_YFILES}}}EdgeLabel").text = relation.value
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
