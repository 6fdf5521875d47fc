"""Indented JSON text for the JSON-based exports, written by orjson, or piece by piece.

Why orjson: the standard library indents in pure Python (its C encoder only writes compact
JSON), which took 0.8 s of the 1.7 s AIF export of 10,000 statements. orjson writes the same
bytes as ``json.dumps(value, indent=2, ensure_ascii=False)`` (two-space indent, the same
separators, text as UTF-8) in a tenth of the time; the tests hold it to that.

Why piece by piece too: an AIF file is mostly long arrays of objects that all have the same
members (60,000 nodes and 80,000 edges for 10,000 statements). Building a dict per item for
orjson, and decoding its bytes back into a str, costs more than writing each item's text from
a template, so the AIF and xAIF writers do that (:func:`string` escapes the text in it), leave
the irregular parts to :func:`value`, and join the lot with :func:`document`. A value's text
is written for the nesting level it is placed at (the document's members are at level 1): its
first line is not indented (it follows ``"key": ``) and its later lines are indented as at that
level, so that it can be placed as is. The tests check that the documents so made are exactly
what :func:`dumps` writes.
"""

from __future__ import annotations

import json.encoder
from collections.abc import Callable
from dataclasses import dataclass
from itertools import islice
from typing import Any, Final, TypeAlias

import orjson

__all__ = ["Array", "Members", "document", "dumps", "string", "value"]

_OPTIONS: Final = orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE

string: Final[Callable[[str], str]] = json.encoder.encode_basestring
"""Return a str as a JSON string literal, quotes included, as :func:`dumps` writes it.

This is the standard library's C escaper (``json.dumps(text, ensure_ascii=False)``): ``"``,
``\\`` and control characters escaped, everything else as is, which is orjson's rule too (the
tests compare them on every character). One difference: a lone surrogate, which orjson refuses
and this passes through, cannot be in an annotation (the loader refuses it).
"""


def dumps(document: Any) -> str:
    """Return ``document`` as indented JSON text ending with a newline.

    >>> print(dumps({"a": [1, "é"]}), end="")
    {
      "a": [
        1,
        "é"
      ]
    }
    """
    return orjson.dumps(document, option=_OPTIONS).decode("utf-8")


def value(content: Any, level: int) -> str:
    r"""Return ``content`` as indented JSON text to be placed at nesting ``level``.

    orjson indents from level 0, so ``content`` is written as the only item of ``level``
    nested arrays, which are then cut off: that indents it as wanted without a second pass
    over the text.

    >>> print("[\n  " + value({"a": [1]}, 1) + "\n]")
    [
      {
        "a": [
          1
        ]
      }
    ]
    """
    for _ in range(level):
        content = [content]
    text = orjson.dumps(content, option=orjson.OPT_INDENT_2)
    # Each array adds "[", a line break and its items' indentation before the content, and a
    # line break, its own indentation and "]" after it.
    before = sum(2 + 2 * depth for depth in range(1, level + 1))
    after = sum(2 + 2 * depth for depth in range(level))
    return str(memoryview(text)[before : len(text) - after], "utf-8")


@dataclass(frozen=True, slots=True)
class Array:
    r"""A JSON array whose items' texts were written from a template, for :func:`document`.

    Each item's text is written for its nesting level (one more than the array's) and begins
    with what comes before it in the array: a comma, a line break and its indentation, as in
    ``',\n    {"a": 1}'`` for an item at level 2. Why: so that :func:`document` joins the items
    into the text as they are, without first joining them with separators (for 10,000
    statements, that would copy another 17 megabytes).
    """

    items: list[str]


Members: TypeAlias = "list[tuple[str, str | Array | Members]]"
"""An object's members: ``(key, value)``, the value as its text written for the level it is
placed at (see :func:`value`), an :class:`Array`, or the members of an object."""


def document(members: Members) -> str:
    r"""Return the JSON object of ``members`` as text ending with a newline, as :func:`dumps` does.

    The text is joined once, at the end: the AIF of 10,000 statements runs to 25 million
    characters, joining them takes a tenth of the export, and each further copy would cost as
    much again (fresh memory, page by page).

    >>> print(document([("a", "1"), ("b", [("c", Array([",\n      2", ",\n      3"]))])]))
    {
      "a": 1,
      "b": {
        "c": [
          2,
          3
        ]
      }
    }
    <BLANKLINE>

    Raises:
        ValueError: if an array's first item does not begin as an item of its level does.
    """
    pieces: list[str] = []
    _add_object(pieces, members, 0)
    pieces.append("\n")
    return "".join(pieces)


def _add_object(pieces: list[str], members: Members, level: int) -> None:
    if not members:
        pieces.append("{}")
        return
    before = "{"
    for key, text in members:
        pieces.append(f"{before}\n{'  ' * (level + 1)}{string(key)}: ")
        if isinstance(text, str):
            pieces.append(text)
        elif isinstance(text, Array):
            _add_array(pieces, text.items, level + 1)
        else:
            _add_object(pieces, text, level + 1)
        before = ","
    pieces.append(f"\n{'  ' * level}}}")


def _add_array(pieces: list[str], items: list[str], level: int) -> None:
    if not items:
        pieces.append("[]")
        return
    first = f",\n{'  ' * (level + 1)}"
    if not items[0].startswith(first) or items[0].startswith(first + " "):
        raise ValueError(f"an item at level {level + 1} should begin with {first!r}")
    pieces.append("[" + items[0][1:])  # the first item has no comma before it
    pieces += islice(items, 1, None)
    pieces.append(f"\n{'  ' * level}]")
