"""Reports of a dispute for people who do not use argmap: standalone HTML and Markdown.

:func:`gather` collects what both show (:mod:`argmap.report.content`); :mod:`.html` and
:mod:`.markdown` write it; :func:`make` does all of it for ``argmap report``. The map inside is
the SVG ``argmap render`` draws, with the same options.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath
from typing import Final, Literal, TypeAlias

from argmap.graph import ArgGraph
from argmap.render_options import RenderOptions
from argmap.report.content import Report, gather
from argmap.report.html import to_html
from argmap.report.markdown import to_markdown

__all__ = [
    "REPORT_FORMATS",
    "Made",
    "Report",
    "gather",
    "make",
    "report_format",
    "to_html",
    "to_markdown",
]

ReportFormat: TypeAlias = Literal["html", "markdown"]
REPORT_FORMATS: Final[tuple[ReportFormat, ...]] = ("html", "markdown")
_SUFFIXES: Final[dict[str, ReportFormat]] = {
    ".html": "html",
    ".htm": "html",
    ".md": "markdown",
    ".markdown": "markdown",
}


def report_format(filename: str) -> ReportFormat | None:
    """The report format a file name's suffix asks for, or None.

    >>> report_format("out/johnson-lavrov.MD")
    'markdown'
    """
    return _SUFFIXES.get(PurePath(filename).suffix.lower())


@dataclass(frozen=True)
class Made:
    """A report: its text, and for Markdown with an image, the SVG map to write beside it."""

    text: bytes
    map_svg: bytes | None = None


def make(
    graph: ArgGraph,
    fmt: ReportFormat,
    options: RenderOptions | None = None,
    *,
    image: str | None = None,
) -> Made:
    """Make the report of ``graph``.

    Args:
        graph: The dispute.
        fmt: ``html`` (one self-contained file) or ``markdown``.
        options: How to draw the map (theme, grouping, wrapping…).
        image: For Markdown: the file name the SVG map will have beside the report; None
            puts the map in the report as Mermaid instead.

    Raises:
        RenderError: when Graphviz fails (see :func:`argmap.drawing.render`).
    """
    from argmap.drawing import render

    options = options or RenderOptions()
    report = gather(graph, options)
    if fmt == "html":
        svg = render(graph, "svg", options)
        language = graph.graph["article"].get("language")
        return Made(to_html(report, svg, language=language).encode("utf-8"))
    if image is None:
        from argmap.export.mermaid import to_mermaid

        return Made(to_markdown(report, mermaid=to_mermaid(graph)).encode("utf-8"))
    svg = render(graph, "svg", options)
    return Made(to_markdown(report, image=image).encode("utf-8"), svg)
