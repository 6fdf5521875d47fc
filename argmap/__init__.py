"""argmap: turn a news article's dispute into an argument map.

The Python API is the same core the ``argmap`` command uses::

    >>> import argmap
    >>> dispute = argmap.load("examples/johnson-lavrov/annotation.yaml")
    >>> graph = argmap.build_graph(dispute)
    >>> argmap.to_dot(graph).startswith("digraph argmap {")
    True

Several files are read as one dispute with :func:`load_graph`; :func:`summarise` runs every
analysis (:func:`grounded` only the acceptability), :func:`format_summary` writes it as text,
Markdown or JSON, and :func:`select` cuts a view out of a graph.

:func:`load` raises :class:`AnnotationError`, whose ``diagnostics`` list every problem with its
file position; :func:`render` draws the map as SVG, PNG, PDF or DOT bytes.

Names are imported on first use, so ``import argmap.model`` does not load networkx or Graphviz.
"""

from __future__ import annotations

import importlib
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from argmap.analysis import Summary, grounded, summarise
    from argmap.anchoring import Anchor
    from argmap.diagnostics import (
        AnnotationError,
        ArgmapError,
        Diagnostic,
        RenderError,
        SourcePosition,
    )
    from argmap.dispute import Dispute
    from argmap.drawing import render, to_dot
    from argmap.graph import ArgGraph, build_graph
    from argmap.loader import load, loads
    from argmap.merge import Loaded, load_graph
    from argmap.model import (
        Annotation,
        Article,
        Kind,
        Quote,
        Relation,
        Speaker,
        Speech,
        Statement,
        Topic,
    )
    from argmap.output import write_output
    from argmap.render_options import RenderOptions
    from argmap.summary import format_summary
    from argmap.views import Selection, select

try:
    __version__ = version("argmap")
except PackageNotFoundError:  # a source tree that is not installed
    __version__ = "0+unknown"

_LOCATIONS = {
    "Anchor": "anchoring",
    "AnnotationError": "diagnostics",
    "ArgmapError": "diagnostics",
    "Diagnostic": "diagnostics",
    "RenderError": "diagnostics",
    "SourcePosition": "diagnostics",
    "Dispute": "dispute",
    "render": "drawing",
    "to_dot": "drawing",
    "ArgGraph": "graph",
    "build_graph": "graph",
    "load": "loader",
    "loads": "loader",
    "Annotation": "model",
    "Article": "model",
    "Kind": "model",
    "Quote": "model",
    "Relation": "model",
    "Speaker": "model",
    "Speech": "model",
    "Statement": "model",
    "Topic": "model",
    "write_output": "output",
    "RenderOptions": "render_options",
    "Loaded": "merge",
    "load_graph": "merge",
    "Summary": "analysis",
    "grounded": "analysis",
    "summarise": "analysis",
    "format_summary": "summary",
    "Selection": "views",
    "select": "views",
}

__all__ = [
    "Anchor",
    "Annotation",
    "AnnotationError",
    "ArgGraph",
    "ArgmapError",
    "Article",
    "Diagnostic",
    "Dispute",
    "Kind",
    "Loaded",
    "Quote",
    "Relation",
    "RenderError",
    "RenderOptions",
    "Selection",
    "SourcePosition",
    "Speaker",
    "Speech",
    "Statement",
    "Summary",
    "Topic",
    "__version__",
    "build_graph",
    "format_summary",
    "grounded",
    "load",
    "load_graph",
    "loads",
    "render",
    "select",
    "summarise",
    "to_dot",
    "write_output",
]


def __getattr__(name: str) -> Any:
    module = _LOCATIONS.get(name)
    if module is None:
        raise AttributeError(f"module 'argmap' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"argmap.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
