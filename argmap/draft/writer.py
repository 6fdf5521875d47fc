"""The draft as annotation YAML, with a comment on every guess.

Written by hand rather than through a YAML library, because the point of a draft is its
comments: each speaker, kind and link says on its line what it was guessed from, so that the
annotator can check it against the article and delete the comment. Every string is written in
double quotes (JSON's escapes are YAML's), after white space and control characters are
turned into single spaces: quotes still anchor, as argmap compares them with white space
normalised, and no escape can write a character the loader refuses.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Final

from argmap.yamlsource import FORBIDDEN

__all__ = ["DraftDocument", "Line", "to_yaml"]

_WIDTH: Final = 99
_PLAIN: Final = re.compile(r"^[A-Za-z][A-Za-z0-9 .,'’()-]*[A-Za-z0-9.)]$")
_RESERVED: Final = frozenset({"null", "true", "false", "yes", "no", "on", "off", "~"})

Line = tuple[int, str, str | None]
"""``(indent, content, comment)`` of one output line."""
DraftDocument = Sequence[Line]


def clean(text: str) -> str:
    """One line of text: white space runs and control characters as single spaces."""
    text = FORBIDDEN.sub(" ", text).replace("\u2028", " ").replace("\u2029", " ")
    return " ".join(text.split())


def scalar(text: str, *, plain: bool = False) -> str:
    """A YAML scalar for ``text``: plain when asked and safe, else double-quoted."""
    text = clean(text)
    if plain and _PLAIN.match(text) and text.lower() not in _RESERVED and ": " not in text:
        return text
    return json.dumps(text, ensure_ascii=False)


def _folded(indent: int, key: str, text: str) -> list[str]:
    """``key: "…"`` over several lines when long (a line break in double quotes is a space).

    Lines are broken only at spaces, which :func:`clean` has made single, so YAML's folding
    joins them back into the same value; an escape is never cut in two.
    """
    value = scalar(text)
    head = " " * indent + key
    if len(head) + len(value) <= _WIDTH or not value.startswith('"'):
        return [head + value]
    words = value[1:-1].split(" ")
    pad = " " * (indent + 4)
    lines: list[str] = []
    current = head + '"' + words[0]
    for word in words[1:]:
        if len(current) + 1 + len(word) > _WIDTH:
            lines.append(current)
            current = pad + word
        else:
            current += " " + word
    lines.append(current + '"')
    return lines


def to_yaml(lines: DraftDocument, header: str) -> str:
    """Lay out the document's lines, each comment aligned after its value."""
    out = ["".join(f"# {line}".rstrip() + "\n" for line in header.splitlines())]
    for indent, content, comment in lines:
        if content.startswith("#"):
            out.append(" " * indent + content + "\n")
            continue
        if "\0" in content:  # a long string: key\0value
            key, value = content.split("\0", 1)
            rendered = _folded(indent, key, value)
        else:
            rendered = [" " * indent + content]
        if comment:
            last = rendered[-1]
            column = max(len(last) + 2, 40)
            if column + len(comment) + 2 > _WIDTH + 20:
                rendered.insert(0, " " * indent + f"# {comment}")
            else:
                rendered[-1] = last.ljust(column) + f"# {comment}"
        out.extend(line.rstrip() + "\n" for line in rendered)
    return "".join(out)
