"""argmap: turn a news article's dispute into an argument map.

The Python API is the same core the ``argmap`` command uses::

    >>> import argmap
    >>> dispute = argmap.load("examples/johnson-lavrov/annotation.yaml")
    >>> graph = argmap.build_graph(dispute)
    >>> argmap.to_dot(graph).startswith("digraph argmap {")
    True

:func:`load` raises :class:`AnnotationError`, whose ``diagnostics`` list every problem with its
file position; :func:`render` draws the map as SVG, PNG, PDF or DOT bytes.
"""

from importlib.metadata import PackageNotFoundError, version

from argmap.anchoring import Anchor
from argmap.diagnostics import (
    AnnotationError,
    ArgmapError,
    Diagnostic,
    RenderError,
    SourcePosition,
)
from argmap.dispute import Dispute
from argmap.graph import ArgGraph, build_graph
from argmap.loader import load, loads
from argmap.model import Annotation, Article, Kind, Relation, Speaker, Speech, Statement, Topic
from argmap.output import write_output
from argmap.render import RenderOptions, render, to_dot

try:
    __version__ = version("argmap")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0+unknown"

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
    "Relation",
    "RenderError",
    "RenderOptions",
    "SourcePosition",
    "Speaker",
    "Speech",
    "Statement",
    "Topic",
    "__version__",
    "build_graph",
    "load",
    "loads",
    "render",
    "to_dot",
    "write_output",
]
