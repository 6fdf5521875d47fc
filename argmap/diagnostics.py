"""Problems found in user input, and the exceptions argmap raises on purpose.

Every problem with an annotation is a :class:`Diagnostic`: a stable code, a message, the path
(``loc``) to the offending value and, once the loader has resolved it, the file position. They
print in the GNU form editors and CI annotators understand::

    annotation.yaml:12:14: error: unknown speaker 'jonson' [unknown_speaker]
      hint: did you mean 'johnson'?

This module imports nothing from the rest of argmap, so every layer can use it.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

__all__ = [
    "AnnotationError",
    "ArgmapError",
    "Diagnostic",
    "ErrorCode",
    "RenderError",
    "Severity",
    "SourcePosition",
    "did_you_mean",
    "shorten",
    "sort_diagnostics",
]


class ErrorCode(StrEnum):
    """Stable identifiers of every problem argmap reports; each has a section in docs/errors.md."""

    # Reading the file and its YAML.
    ENCODING = "encoding"
    YAML_SYNTAX = "yaml_syntax"
    DUPLICATE_KEY = "duplicate_key"
    UNSUPPORTED_YAML = "unsupported_yaml"
    TOO_COMPLEX = "too_complex"
    EMPTY_DOCUMENT = "empty_document"
    # The schema, from pydantic's validation.
    NOT_A_MAPPING = "not_a_mapping"
    UNKNOWN_FIELD = "unknown_field"
    MISSING_FIELD = "missing_field"
    INVALID_CHOICE = "invalid_choice"
    INVALID_ID = "invalid_id"
    WRONG_TYPE = "wrong_type"
    INVALID_VALUE = "invalid_value"
    # Rules that relate several parts of the document.
    DUPLICATE_ID = "duplicate_id"
    UNKNOWN_SPEAKER = "unknown_speaker"
    UNKNOWN_TOPIC = "unknown_topic"
    UNKNOWN_STATEMENT = "unknown_statement"
    SELF_RESPONSE = "self_response"
    DUPLICATE_RESPONSE = "duplicate_response"
    DIRECT_WITHOUT_QUOTE = "direct_without_quote"
    INVALID_UNDERCUT = "invalid_undercut"
    MISSING_TARGET = "missing_target"
    EXTERNAL_REFERENCE = "external_reference"
    # The article text and the quotes anchored in it.
    ARTICLE_TEXT_CONFLICT = "article_text_conflict"
    ARTICLE_UNREADABLE = "article_unreadable"
    NO_ARTICLE_TEXT = "no_article_text"
    QUOTE_NOT_FOUND = "quote_not_found"


Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class SourcePosition:
    """Where a problem is, in GNU terms: a file name with 1-based line and column."""

    path: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem found in an annotation.

    Attributes:
        code: A stable :class:`ErrorCode`, for tests, docs and tools that filter problems.
        message: What is wrong, starting lower-case, naming the bad value.
        loc: The path from the document root to the offending node, as pydantic spells it
            (``("statements", 3, "speaker")``); the loader turns it into ``position``.
        target: Which part of the node at ``loc`` to point at: the ``value`` (a bad value),
            the ``key`` (an unknown or duplicate field) or the ``node`` itself.
        severity: ``error`` makes loading fail; a ``warning`` is reported and loading goes on.
        hint: How to fix it, when argmap can tell (did you mean…, the closest passage…).
        position: The resolved file position, once known.
        note: A second place that explains this one ("first defined here"), with ``note_loc``
            its path in the document and ``note_position`` its resolved position.
    """

    code: ErrorCode
    message: str
    loc: tuple[str | int, ...] = ()
    target: Literal["value", "key", "node"] = "value"
    severity: Severity = "error"
    hint: str | None = None
    position: SourcePosition | None = field(default=None, compare=False)
    note: str | None = None
    note_loc: tuple[str | int, ...] | None = None
    note_position: SourcePosition | None = field(default=None, compare=False)

    def __str__(self) -> str:
        where = f"{self.position}: " if self.position else ""
        lines = [f"{where}{self.severity}: {self.message} [{self.code}]"]
        if self.hint:
            hint_lines = self.hint.splitlines()
            lines.append(f"  hint: {hint_lines[0]}")
            lines.extend(f"        {line}" for line in hint_lines[1:])
        if self.note:
            note_where = f"{self.note_position}: " if self.note_position else ""
            lines.append(f"  {note_where}note: {self.note}")
        return "\n".join(lines)


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> tuple[Diagnostic, ...]:
    """Order diagnostics by file, line and column, as compilers list them."""
    return tuple(sorted(diagnostics, key=_sort_key))


def _sort_key(diagnostic: Diagnostic) -> tuple[str, int, int, str]:
    position = diagnostic.position
    if position is None:
        return ("", 0, 0, diagnostic.code)
    return (position.path, position.line, position.column, diagnostic.code)


class ArgmapError(Exception):
    """Base of every error argmap raises on purpose; the CLI shows them without a traceback."""


class AnnotationError(ArgmapError, ValueError):
    """An annotation could not be loaded; :attr:`diagnostics` lists every problem found.

    Why one exception with a list: annotators fix a file in one pass when they see every problem
    at once, as compilers show them, rather than one per run.
    """

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics: tuple[Diagnostic, ...] = sort_diagnostics(diagnostics)
        super().__init__("\n".join(map(str, self.diagnostics)))

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        """The diagnostics of severity ``error``."""
        return tuple(d for d in self.diagnostics if d.severity == "error")


class RenderError(ArgmapError, RuntimeError):
    """Graphviz could not draw the map: ``dot`` is missing, failed or ran out of time."""


def shorten(value: object, limit: int = 40) -> str:
    r"""Show a value in a one-line message: control characters escaped, long text cut.

    >>> shorten("two\nlines, café")
    'two\\nlines, café'
    """
    text = str(value)
    if not text.isprintable():
        text = "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def did_you_mean(given: str, choices: Sequence[str]) -> str | None:
    """Suggest the closest of ``choices`` to a misspelt ``given`` value.

    >>> did_you_mean("jonson", ["johnson", "lavrov"])
    "did you mean 'johnson'?"
    >>> did_you_mean("xyz", ["johnson", "lavrov"]) is None
    True
    """
    matches = difflib.get_close_matches(given, list(choices), n=1, cutoff=0.6)
    return f"did you mean '{matches[0]}'?" if matches else None
