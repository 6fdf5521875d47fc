"""Colour for diagnostics on a terminal, and the rule for when to use it.

Colour helps the eye find each problem in a long list (``error:`` red, ``warning:`` yellow, the
``file:line:column:`` bold), as compilers show them. It is added only when standard error is a
terminal and the user has not asked for none: ``NO_COLOR`` (https://no-color.org) set to
anything, or ``TERM=dumb``. Piped or redirected output, CI logs, editors' problem matchers and
the tests read the same plain text as before.

This module only adds escape codes to text that :class:`argmap.diagnostics.Diagnostic` already
formatted, so the plain format keeps one definition.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Mapping
from typing import Final, TextIO

__all__ = ["enabled", "paint_diagnostic"]

BOLD: Final = "\x1b[1m"
RED: Final = "\x1b[1;31m"
YELLOW: Final = "\x1b[1;33m"
CYAN: Final = "\x1b[36m"
RESET: Final = "\x1b[0m"

_LINE = re.compile(
    r"^(?P<indent> *)(?P<where>\S.*?:\d+:\d+: )?(?P<level>error|warning|hint|note): "
)
"""A diagnostic's first line (``where: error: …``), or its ``hint:`` or ``note:`` line."""
_COLOURS: Final = {"error": RED, "warning": YELLOW, "hint": CYAN, "note": CYAN}


def enabled(stream: TextIO | None = None, environ: Mapping[str, str] | None = None) -> bool:
    """Whether to colour what is written to ``stream`` (standard error by default).

    Args:
        stream: Where the text goes; only a terminal gets colour.
        environ: The environment (by default, the process's); ``NO_COLOR`` set to a non-empty
            value, or ``TERM=dumb``, turns colour off.
    """
    environ = os.environ if environ is None else environ
    if environ.get("NO_COLOR") or environ.get("TERM") == "dumb":
        return False
    stream = sys.stderr if stream is None else stream
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        return False


def paint_diagnostic(text: str) -> str:
    r"""Colour a diagnostic as :class:`argmap.diagnostics.Diagnostic` formats it.

    The first line's position is bold and its severity red (``error``) or yellow
    (``warning``); ``hint:`` and ``note:`` lines are cyan, with a note's position bold.
    Removing the escape codes gives ``text`` back.

    >>> paint_diagnostic("a.yaml:3:5: error: unknown speaker 'x' [unknown_speaker]")
    "\x1b[1ma.yaml:3:5: \x1b[0m\x1b[1;31merror\x1b[0m: unknown speaker 'x' [unknown_speaker]"
    """
    return "\n".join(_paint_line(line) for line in text.split("\n"))


def _paint_line(line: str) -> str:
    found = _LINE.match(line)
    if found is None:
        return line
    indent, where, level = found.group("indent", "where", "level")
    where = f"{BOLD}{where}{RESET}" if where else ""
    return f"{indent}{where}{_COLOURS[level]}{level}{RESET}" + line[found.end() - 2 :]
