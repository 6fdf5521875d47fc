"""GEXF of the argument graph, for Gephi: every attribute, and the speakers' colours.

Written by networkx's GEXF writer from the same flat attributes as the GraphML export; the
file's ``lastmodifieddate`` is the article's date rather than today's, and its creator is
argmap rather than the networkx version, so that the same annotation always gives the same file.
An edge's ``type`` (responds, said_by, about) is its ``edge_type``: GEXF reserves ``type`` for
directed, undirected or mutual.
"""

from __future__ import annotations

import networkx as nx

from argmap.export.graphml import flat_attributes
from argmap.graph import STATEMENT, ArgGraph, speakers
from argmap.theme import PALETTE

__all__ = ["to_gexf"]


def _rgb(colour: str) -> dict[str, int]:
    return {"r": int(colour[1:3], 16), "g": int(colour[3:5], 16), "b": int(colour[5:7], 16)}


def to_gexf(graph: ArgGraph) -> str:
    """Return GEXF 1.2 of ``graph``."""
    colours = {
        data["id"]: data["color"] or PALETTE[index % len(PALETTE)]
        for index, (_, data) in enumerate(speakers(graph))
    }
    names = {data["id"]: data["name"] for _, data in speakers(graph)}
    flat: nx.DiGraph[str] = nx.DiGraph()
    for node, data in graph.nodes(data=True):
        attributes = flat_attributes({key: value for key, value in data.items() if key != "id"})
        if data["type"] == STATEMENT:
            attributes["label"] = f"{names[data['speaker']]} ({data['kind']}): {data['text']}"
            colour = colours[data["speaker"]]
        else:
            attributes["label"] = str(data.get("name") or data.get("label"))
            colour = colours.get(data["id"], "#BBBBBB")
        flat.add_node(node, **attributes, viz={"color": {**_rgb(colour), "a": 1.0}})
    for source, target, data in graph.edges(data=True):
        attributes = flat_attributes(data)
        # GEXF's own edge ``type`` is directed, undirected or mutual.
        attributes["edge_type"] = attributes.pop("type")
        flat.add_edge(source, target, **attributes)
    writer = nx.readwrite.gexf.GEXFWriter(version="1.2draft")
    writer.add_graph(flat)
    meta = writer.xml.find("meta")
    if meta is not None:
        meta.set("lastmodifieddate", graph.graph["article"]["date"] or "2000-01-01")
        creator = meta.find("creator")
        if creator is not None:
            creator.text = "argmap"  # not networkx's version: the file must not change with it
    return "".join(writer.__str__()).rstrip("\n") + "\n"
