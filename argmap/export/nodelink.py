"""networkx's node-link JSON of the argument graph, for programs that rebuild it with networkx.

Read it back with ``networkx.node_link_graph(json.load(f), edges="edges")``. Node keys and
attributes are those documented in :mod:`argmap.graph`; tuples become JSON lists.
"""

from __future__ import annotations

import networkx as nx

from argmap.export.jsontext import dumps
from argmap.graph import ArgGraph

__all__ = ["to_node_link"]


def to_node_link(graph: ArgGraph) -> str:
    """Return the node-link JSON of ``graph``, nodes and edges in file order."""
    data = nx.node_link_data(graph, edges="edges")
    return dumps(data)
