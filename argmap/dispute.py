"""A loaded dispute: the validated annotation with its article text and anchored quotes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from argmap.anchoring import Anchor
from argmap.diagnostics import Diagnostic
from argmap.model import Annotation, Statement

__all__ = ["Dispute"]


@dataclass(frozen=True)
class Dispute:
    """Everything known about one annotated article once it has loaded without errors.

    Attributes:
        annotation: The validated annotation.
        source: The annotation's file name, as given to the loader (used in messages).
        article_text: The article's text (inline or from ``text_file``), or None if it has none.
        anchors: Statement id → the place in ``article_text`` of each of its quotes, in the
            order of the statement's ``quote`` list.
        warnings: Problems that did not stop loading.
    """

    annotation: Annotation
    source: str
    article_text: str | None = None
    anchors: Mapping[str, tuple[Anchor, ...]] = field(default_factory=dict)
    warnings: tuple[Diagnostic, ...] = ()

    @property
    def statements(self) -> tuple[Statement, ...]:
        """The statements, in file order."""
        return self.annotation.statements

    def _repr_svg_(self) -> str:
        """The map, as Jupyter and IPython show an object: a dispute alone in a cell draws it."""
        from argmap.drawing import render
        from argmap.graph import build_graph

        return render(build_graph(self), "svg").decode("utf-8")
