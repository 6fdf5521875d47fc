"""Argdown import: an annotation from an Argdown document, argmap's own or anyone's.

Argdown (argdown.org) has no Python parser that argmap can depend on, so this module carries
one for the part of the syntax an argument map needs. Its lexer follows Argdown 1.7.5's token
for token (the same regular expressions, tried in the same order, with the same rules for what
may start a line), so a document splits into statements, relations and headings where Argdown
splits it; its parser follows Argdown's grammar and reports the first syntax error with its line.

What becomes what:

* each statement (an equivalence class: every statement with the same ``[title]`` is one) and
  each argument (``<title>: description``) becomes a statement; its title is its id when it is
  a valid argmap id, else a slug of it; untitled ones get ``untitled-N``;
* headings become topics (statements before any heading go to one topic of their own);
* relations become responses of their source: an attack a ``counters`` (a contradiction a
  ``denies``), a support a ``supports``, an undercut an ``undercuts``; a statement's kind
  follows its first relation (``counterclaim``, ``denial``, ``support``), else ``claim``;
* tags become the statement's tags; the front matter's ``title``, ``author`` and ``date`` the
  article's.

A document that argmap wrote (its front matter has ``argmap:``) reads back exactly: the speakers,
topics and article come from the front matter, the speaker and kind from the tags, and
everything else from each statement's data ``{…}`` (see :mod:`argmap.export.argdown`).
Premise–conclusion structures are read: their premises and conclusions become statements, noted
as such, but the inference between them has no argmap equivalent and is reported as skipped.
Every element of the document is counted in the :class:`~argmap.importers.ImportReport`.
"""

from __future__ import annotations

import bisect
import datetime
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final, NoReturn

from argmap import yamlsource
from argmap.diagnostics import AnnotationError
from argmap.export.argdown import (
    CANONICAL_RELATION,
    FORMAT_VERSION,
    flow,
    infer_relation,
    normalise_space,
    resolve_tags,
    speakers_by_tag,
    unique,
)
from argmap.importers import FormatError, Imported, ImportReport
from argmap.loader import loads
from argmap.model import DEFAULT_RELATION, Kind, Relation

__all__ = ["read_argdown"]

FORMAT: Final = "argdown"

# --- The lexer: Argdown 1.7.5's tokens (packages/argdown-core/src/lexer.ts) -------------------

# JavaScript's "." matches anything but these; Argdown's patterns are written for it.
_DOT: Final = r"[^\n\r\u2028\u2029]"
_ANY: Final = r"[^\u2028\u2029]"
_COMMENT: Final = rf"(?:<!--{_ANY}*?-->)|(?:/\*{_ANY}*?\*/)|(?://{_DOT}*?(?=\r\n|\n|\r))"

_RE: Final = {
    "comment": re.compile(_COMMENT),
    "comment_lines": re.compile(rf"(?:{_COMMENT})(?:[ \t]*\r\n|\n|\r)*"),
    "comment_line": re.compile(
        rf"(?:{_COMMENT})(?:[ \t]*(?:\r\n|\n|\r)(?![ \t]*(?:\r\n|\n|\r)))?"
    ),
    "front_matter": re.compile(r"===+[\s\S]*?===+"),
    "data": re.compile(rf"\{{(?:(?!\}}\s[^,}}])(?:{_DOT}|\n))*\}}(?!\s*(?:,|\}}))"),
    "escaped": re.compile(rf"\\{_DOT}(?: )*"),
    "special": re.compile(r"(?:\.[^\s]+?\.[ \t]?)|(?::[^\s]+?:[ \t]?)"),
    "emptyline": re.compile(r"(?:[ \t]*(?:\r\n|\n)){2,}"),
    "newline": re.compile(r"[ \t]*(?:\r\n|\n|\r)"),
    "inference_start": re.compile(r"[' \t]*-{2}"),
    "heading": re.compile(r"(#+)(?: )"),
    "statement_number": re.compile(r"[' \t]*\([0-9]+\)"),
    "ordered_item": re.compile(r"([' \t]*)[0-9]+\.(?=\s)"),
    "unordered_item": re.compile(r"([' \t]*)\*(?=\s)"),
    "link": re.compile(r"\[[^\]]+?\]\([^)]+?\)[ \t]?"),
    "tag": re.compile(
        r"#(?:\(([^)]+)\)|([a-zA-z0-9\-\u00A0-\uD7FF\uF900-\uFDCF\uFDF0-\uFFEF]+))[ \t]?"
    ),
    "statement_definition": re.compile(rf"\[({_DOT}+?)\]:"),
    "statement_reference": re.compile(rf"\[([^-]{_DOT}*?)\]"),
    "statement_mention": re.compile(rf"@\[{_DOT}+?\][ \t]?"),
    "argument_definition": re.compile(rf"<({_DOT}+?)>:"),
    "argument_reference": re.compile(rf"<([^-]{_DOT}*?)>"),
    "argument_mention": re.compile(rf"@<{_DOT}+?>[ \t]?"),
    "spaces": re.compile(r"[ \t]+"),
    "freestyle": re.compile(r"[^\\@#*_\[\],.:;</>\-\r\n(){}]+"),
    "unused": re.compile(r"[@#*_\[\],.:;</>\-(){}][ \t]?"),
    "inference_end": re.compile(r"-{2,}"),
    "list_delimiter": re.compile(r","),
}
"""Argdown's token patterns; a leading ``^`` is implied (each is matched where a token starts)."""

_RELATIONS: Final = (
    ("incoming_support", re.compile(r"([' \t]*)(\+>)")),
    ("incoming_attack", re.compile(r"([' \t]*)(->)")),
    ("outgoing_support", re.compile(r"([' \t]*)(<?\+)")),
    ("outgoing_attack", re.compile(r"([' \t]*)(<?-)")),
    ("contradiction", re.compile(r"([' \t]*)(><)")),
    ("incoming_undercut", re.compile(r"([' \t]*)(_>)")),
    ("outgoing_undercut", re.compile(r"([' \t]*)(<_|(?:_(?=\s)))")),
)
_RANGE_END: Final = r"(?:[ \t]|(?=\n|\r|\)|\}|_|\.|,|!|\?|;|:|-|\*|\Z))"
_RANGES: Final = (
    ("asterisk_bold_end", "asterisk_bold", re.compile(r"\*\*" + _RANGE_END), False),
    ("underscore_bold_end", "underscore_bold", re.compile(r"__" + _RANGE_END), False),
    ("asterisk_italic_end", "asterisk_italic", re.compile(r"\*" + _RANGE_END), False),
    ("underscore_italic_end", "underscore_italic", re.compile(r"_" + _RANGE_END), False),
    ("asterisk_bold_start", "asterisk_bold", re.compile(r"\*\*(?!\s)"), True),
    ("underscore_bold_start", "underscore_bold", re.compile(r"__(?!\s)"), True),
    ("asterisk_italic_start", "asterisk_italic", re.compile(r"\*(?!\s)"), True),
    ("underscore_italic_start", "underscore_italic", re.compile(r"_(?!\s)"), True),
)
_SHORTCODES: Final = {
    "A": "\u2200",
    "E": "\u2203",
    "O": "\U0001d5e2",
    "P": "\U0001d5e3",
    "->": "\u2192",
    "<->": "\u2194",
    "~": "\u00ac",
    "^": "\u2227",
    "v": "\u2228",
    "v_": "\u22bb",
    "<>": "\u25c7",
    "[]": "\u25fb",
    "happy": "\U0001f600",
    "smile": "\u263a",
    "smiley": "\u263a",
    "laugh": "\U0001f606",
    "lol": "\U0001f606",
    "rofl": "\U0001f923",
    "joy": "\U0001f602",
    "heart": "\u2764",
    "?": "\u2753",
    "question": "\u2753",
    "love": "\U0001f60d",
    "wink": "\U0001f609",
    "shush": "\U0001f92b",
    "meh": "\U0001f610",
    "eye-roll": "\U0001f644",
    "sad": "\U0001f622",
    "disappointed": "\U0001f61e",
    "scream": "\U0001f631",
    "+1": "\U0001f44d",
    "up": "\U0001f44d",
    "-1": "\U0001f44e",
    "down": "\U0001f44e",
    "think": "\U0001f914",
    "star": "\u2b50",
    "y": "\u2714",
    "agree": "\u2714",
    "n": "\u274c",
    "disagree": "\u274c",
}
"""Argdown's special characters: ``.name.`` or ``:name:`` (plugins/shortcodes.ts)."""
_RELATION_KINDS: Final = frozenset(name for name, _ in _RELATIONS)
_MAX_NESTING: Final = 100
"""Deepest nesting of relations read (Python's stack holds about two hundred)."""
_TEXT_TOKENS: Final = frozenset({"freestyle", "unused", "escaped", "special"})
_CONTENT_TOKENS: Final = _TEXT_TOKENS | {
    "link",
    "tag",
    "argument_mention",
    "statement_mention",
    "newline",
    "asterisk_bold_start",
    "underscore_bold_start",
    "asterisk_italic_start",
    "underscore_italic_start",
}
_RANGE_PAIRS: Final = {
    "asterisk_bold_start": "asterisk_bold_end",
    "underscore_bold_start": "underscore_bold_end",
    "asterisk_italic_start": "asterisk_italic_end",
    "underscore_italic_start": "underscore_italic_end",
}


@dataclass
class _Token:
    kind: str
    image: str
    offset: int
    match: re.Match[str] | None = None


class _Lexer:
    """Argdown's lexer: the first pattern that matches where a token starts wins.

    Some tokens may only start a line (relations, headings, numbered statements, list items),
    and relations and list items open and close indentation blocks, as Python's do.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens: list[_Token] = []
        self.skipped: list[_Token] = []
        self.indents = [0]
        self.ranges: list[str] = []
        self.inference = False

    def _last(self) -> str | None:
        return self.tokens[-1].kind if self.tokens else None

    def _line_start(self, after_emptyline: bool = True) -> bool:
        last = self._last()
        return last is None or last == "newline" or (after_emptyline and last == "emptyline")

    def _dedent_all(self, offset: int) -> None:
        while len(self.indents) > 1:
            self.tokens.append(_Token("dedent", "", offset))
            self.indents.pop()

    def _indent(self, width: int, offset: int) -> None:
        if width > self.indents[-1]:
            self.indents.append(width)
            self.tokens.append(_Token("indent", "", offset))
        while len(self.indents) > 1 and width < self.indents[-1]:
            self.indents.pop()
            self.tokens.append(_Token("dedent", "", offset))

    def _match(self, offset: int) -> tuple[str, re.Match[str]] | None:
        """The first token that matches at ``offset``, with its side effects on the state."""
        text, patterns = self.text, _RE
        found = self._comment(offset)
        if found:
            return "comment", found
        if self.inference:
            for kind in ("newline", "escaped", "special", "inference_end", "data"):
                if m := patterns[kind].match(text, offset):
                    return kind, m
            for kind in ("list_delimiter", "spaces", "freestyle", "unused"):
                if m := patterns[kind].match(text, offset):
                    return kind, m
            return None
        for kind in ("front_matter", "data", "escaped", "special"):
            if m := patterns[kind].match(text, offset):
                return kind, m
        if self._last() != "emptyline" and (m := patterns["emptyline"].match(text, offset)):
            if m.end() < len(text):
                self._dedent_all(offset)
            return "emptyline", m
        if m := patterns["newline"].match(text, offset):
            return "newline", m
        found_line_start = self._line_start_token(offset)
        if found_line_start:
            return found_line_start
        for kind, range_type, pattern, opens in _RANGES:
            if opens or (
                self.ranges
                and self.ranges[-1] == range_type
                and self.tokens
                and not (self.skipped and self.skipped[-1].offset >= self._end_of_last())
            ):
                m = pattern.match(text, offset)
                if m:
                    if opens:
                        self.ranges.append(range_type)
                    else:
                        self.ranges.pop()
                    return kind, m
        for kind in (
            "link",
            "tag",
            "statement_definition",
            "statement_reference",
            "statement_mention",
            "argument_definition",
            "argument_reference",
            "argument_mention",
            "spaces",
            "freestyle",
            "unused",
        ):
            if m := patterns[kind].match(text, offset):
                return kind, m
        return None

    def _end_of_last(self) -> int:
        last = self.tokens[-1]
        return last.offset + len(last.image)

    def _comment(self, offset: int) -> re.Match[str] | None:
        last = self._last()
        if last == "emptyline":
            return _RE["comment_lines"].match(self.text, offset)
        if last == "newline":
            return _RE["comment_line"].match(self.text, offset)
        return _RE["comment"].match(self.text, offset)

    def _line_start_token(self, offset: int) -> tuple[str, re.Match[str]] | None:
        """Tokens that only start a line: inference lines, relations, headings, numbers, lists."""
        text = self.text
        if self._line_start(after_emptyline=False) and (
            m := _RE["inference_start"].match(text, offset)
        ):
            self._dedent_all(offset)
            self.inference = True
            return "inference_start", m
        if self._line_start():
            for kind, pattern in _RELATIONS:
                if m := pattern.match(text, offset):
                    self._indent(len(m.group(1)), offset)
                    return kind, m
        if self._line_start() and (m := _RE["heading"].match(text, offset)):
            return "heading", m
        if self._line_start() and (m := _RE["statement_number"].match(text, offset)):
            self._dedent_all(offset)
            return "statement_number", m
        if self._line_start():
            for kind in ("ordered_item", "unordered_item"):
                if m := _RE[kind].match(text, offset):
                    self._indent(len(m.group(1)) + 1, offset)
                    return kind, m
        return None

    def run(self) -> list[_Token]:
        """Split the text into tokens (comments and spaces set aside in :attr:`skipped`).

        Raises:
            _SyntaxError: where no token matches (a backslash at the end of a line).
        """
        offset = 0
        while offset < len(self.text):
            found = self._match(offset)
            if found is None:
                raise _SyntaxError(
                    offset,
                    "a backslash must be followed by the character it escapes on the same line",
                )
            kind, match = found
            token = _Token(kind, match.group(0), offset, match)
            if kind in ("comment", "spaces"):
                self.skipped.append(token)
            else:
                self.tokens.append(token)
            if kind == "inference_end":
                self.inference = False
            offset = match.end()
        if self.tokens and self.tokens[-1].kind == "emptyline":
            self.tokens.pop()
        self._dedent_all(len(self.text))
        return self.tokens


class _SyntaxError(Exception):
    def __init__(self, offset: int, message: str) -> None:
        super().__init__(message)
        self.offset = offset
        self.message = message


# --- The parser: Argdown's grammar (packages/argdown-core/src/parser.ts) ----------------------


@dataclass
class _Content:
    """What a run of text holds: the text as Argdown assembles it, and what it set aside."""

    text: str = ""
    tags: list[str] = field(default_factory=list)
    links: int = 0
    mentions: int = 0
    emphasis: int = 0
    shortcodes: int = 0


@dataclass
class _Element:
    """One occurrence of a statement or an argument in the document."""

    is_argument: bool
    title: str | None
    content: _Content
    offset: int
    section: int | None
    role: str
    is_reference: bool = False
    data: Any = None
    data_offset: int = 0


@dataclass
class _Relation:
    type: str
    source: _Element
    target: _Element
    offset: int


@dataclass
class _Heading:
    level: int
    content: _Content
    offset: int
    data: Any = None
    data_offset: int = 0


@dataclass
class _Reconstruction:
    """An argument's premise-conclusion structure: numbered statements and their roles."""

    argument: _Element
    statements: list[tuple[int, _Element, str]] = field(default_factory=list)
    inferences: int = 0


@dataclass
class _Document:
    front_matter: _Token | None = None
    elements: list[_Element] = field(default_factory=list)
    relations: list[_Relation] = field(default_factory=list)
    headings: list[_Heading] = field(default_factory=list)
    reconstructions: list[_Reconstruction] = field(default_factory=list)


_DESCRIBE: Final = {
    "emptyline": "an empty line",
    "newline": "the end of the line",
    "indent": "an indented line",
    "dedent": "a line indented less",
    "data": "data '{…}'",
    "heading": "a heading",
    "statement_number": "a numbered premise or conclusion",
    "inference_start": "an inference line '--'",
    "inference_end": "the end of an inference '--'",
    "front_matter": "front matter '==='",
    "ordered_item": "a list item",
    "unordered_item": "a list item",
    "statement_definition": "a statement '[title]:'",
    "statement_reference": "a statement '[title]'",
    "argument_definition": "an argument '<title>:'",
    "argument_reference": "an argument '<title>'",
    "eof": "the end of the document",
    "asterisk_bold_end": "'**' closing the bold text",
    "underscore_bold_end": "'__' closing the bold text",
    "asterisk_italic_end": "'*' closing the italic text",
    "underscore_italic_end": "'_' closing the italic text",
    **{kind: "a relation (+, -, +>, ->, <+, <-, ><, _>, <_)" for kind, _ in _RELATIONS},
}


class _Parser:
    """Recursive descent over the tokens, one method per rule of Argdown's grammar."""

    def __init__(self, tokens: list[_Token], text: str) -> None:
        self.tokens = tokens
        self.position = 0
        self.last_text = len(text.rstrip())
        self.document = _Document()
        self.section: int | None = None
        self.role = "top-level"
        self.depth = 0

    def _peek(self, ahead: int = 0) -> str:
        index = self.position + ahead
        return self.tokens[index].kind if index < len(self.tokens) else "eof"

    def _offset(self) -> int:
        offset = self.tokens[self.position].offset if self.position < len(self.tokens) else -1
        # At the end of the document, point at the last line written.
        return offset if 0 <= offset < self.last_text else max(self.last_text - 1, 0)

    def _take(self, *kinds: str) -> _Token:
        kind = self._peek()
        if kind not in kinds:
            self._fail(" or ".join(unique(_DESCRIBE.get(k, k) for k in kinds)))
        token = self.tokens[self.position]
        self.position += 1
        return token

    def _accept(self, kind: str) -> _Token | None:
        return self._take(kind) if self._peek() == kind else None

    def _fail(self, expected: str) -> NoReturn:
        kind = self._peek()
        if kind in _RELATION_KINDS:
            raise _SyntaxError(
                self._offset(),
                "a relation must be indented under the statement or argument it belongs to",
            )
        found = _DESCRIBE.get(kind)
        if found is None:
            image = self.tokens[self.position].image.strip()
            found = f"'{image[:30]}'"
        raise _SyntaxError(self._offset(), f"expected {expected}, found {found}")

    def document_rule(self) -> _Document:
        self._accept("newline")
        self._accept("emptyline")
        if self._peek() == "front_matter":
            self.document.front_matter = self._take("front_matter")
            self._accept("newline")
            self._take("emptyline")
        previous: _Element | None = None
        while True:
            previous = self._block(previous)
            if self._peek() == "eof":
                return self.document
            self._take("emptyline")

    def _block(self, previous: _Element | None) -> _Element | None:
        """One top-level element; returns the argument a following reconstruction belongs to."""
        kind = self._peek()
        self.role = "top-level"
        if kind == "heading":
            self._heading()
            return None
        if kind == "statement_number":
            self._pcs(previous)
            return None
        if kind in ("argument_definition", "argument_reference"):
            return self._argument()
        if kind == "indent" and self._peek(1) in ("ordered_item", "unordered_item"):
            self._list()
            return None
        if kind not in _CONTENT_TOKENS and kind not in (
            "statement_definition",
            "statement_reference",
        ):
            self._fail("a statement, an argument or a heading")
        self._statement()
        return None

    def _heading(self) -> None:
        start = self._take("heading")
        heading = _Heading(len(start.image) - 1, self._content(), start.offset)
        if self._peek() == "data" or (self._peek() == "newline" and self._peek(1) == "data"):
            self._accept("newline")
            data = self._take("data")
            heading.data, heading.data_offset = data.image, data.offset
            self._accept("newline")
        self.document.headings.append(heading)
        self.section = len(self.document.headings) - 1

    def _content(self) -> _Content:
        content = _Content()
        self._content_into(content)
        return content

    def _content_into(self, content: _Content) -> None:
        """Statement text as Argdown assembles it (ModelPlugin): tags set aside, links' text."""
        if self._peek() not in _CONTENT_TOKENS:
            self._fail("text")
        while self._peek() in _CONTENT_TOKENS:
            token = self.tokens[self.position]
            self.position += 1
            kind = token.kind
            if kind in ("freestyle", "unused"):
                content.text += token.image
            elif kind == "escaped":
                content.text += token.image[1:]
            elif kind == "special":
                character = _SHORTCODES.get(token.image.strip()[1:-1])
                if character is None:
                    content.text += token.image
                else:
                    content.text += character + (" " if token.image.endswith(" ") else "")
                    content.shortcodes += 1
            elif kind == "link":
                content.text += token.image[1 : token.image.index("]")]
                content.text += " " if token.image.endswith((" ", "\t")) else ""
                content.links += 1
            elif kind == "tag":
                assert token.match is not None
                content.tags.append(token.match.group(1) or token.match.group(2))
            elif kind in ("argument_mention", "statement_mention"):
                content.text += token.image
                content.mentions += 1
            elif kind == "newline":
                if self._peek() in _CONTENT_TOKENS and not content.text.endswith(" "):
                    content.text += " "
            else:
                content.emphasis += 1
                if self._peek() in _CONTENT_TOKENS - {_RANGE_PAIRS[kind]}:
                    self._content_into(content)
                end = self._take(_RANGE_PAIRS[kind])
                content.text += " " if end.image[-1:] in (" ", "\t") else ""

    def _data_and_relations(self, element: _Element) -> None:
        if self._peek() == "data":
            data = self._take("data")
            element.data, element.data_offset = data.image, data.offset
            self._accept("newline")
        if self._peek() == "indent":
            self._relations(element)

    def _statement(self) -> _Element:
        offset = self._offset()
        role = self.role
        title: str | None = None
        is_reference = False
        content = _Content()
        kind = self._peek()
        if kind == "statement_reference":
            token = self._take(kind)
            assert token.match is not None
            title, is_reference = token.match.group(1), True
            while self._peek() == "tag":
                tag = self._take("tag")
                assert tag.match is not None
                content.tags.append(tag.match.group(1) or tag.match.group(2))
            self._accept("newline")
        else:
            if kind == "statement_definition":
                token = self._take(kind)
                assert token.match is not None
                title = token.match.group(1)
            self._content_into(content)
        element = _Element(False, title, content, offset, self.section, role, is_reference)
        self.document.elements.append(element)
        self._data_and_relations(element)
        return element

    def _argument(self) -> _Element:
        offset = self._offset()
        content = _Content()
        if self._peek() == "argument_definition":
            token = self._take("argument_definition")
            assert token.match is not None
            title, is_reference = token.match.group(1), False
            self._content_into(content)
        else:
            token = self._take("argument_reference")
            assert token.match is not None
            title, is_reference = token.match.group(1), True
            while self._peek() == "tag":
                tag = self._take("tag")
                assert tag.match is not None
                content.tags.append(tag.match.group(1) or tag.match.group(2))
            self._accept("newline")
        element = _Element(True, title, content, offset, self.section, self.role, is_reference)
        self.document.elements.append(element)
        self._data_and_relations(element)
        return element

    def _relations(self, parent: _Element) -> None:
        self._take("indent")
        self._relation(parent)
        while self._peek() in _RELATION_KINDS:
            self._relation(parent)
        self._take("dedent")

    def _relation(self, parent: _Element) -> None:
        if self.depth >= _MAX_NESTING:
            raise _SyntaxError(
                self._offset(), f"relations are nested more than {_MAX_NESTING} levels deep"
            )
        self.depth += 1
        token = self._take(*sorted(_RELATION_KINDS))
        kind = token.kind
        saved, self.role = self.role, "relation"
        if kind != "contradiction" and self._peek() in (
            "argument_definition",
            "argument_reference",
        ):
            child = self._argument()
        elif self._peek() in _CONTENT_TOKENS or self._peek() in (
            "statement_definition",
            "statement_reference",
        ):
            child = self._statement()
        else:
            self._fail("a statement or an argument after the relation")
        self.role = saved
        self.depth -= 1
        relation_type = {
            "incoming_support": "support",
            "outgoing_support": "support",
            "incoming_attack": "attack",
            "outgoing_attack": "attack",
            "contradiction": "contradictory",
            "incoming_undercut": "undercut",
            "outgoing_undercut": "undercut",
        }[kind]
        if kind.startswith("outgoing"):
            source, target = child, parent
        else:
            source, target = parent, child
        self.document.relations.append(_Relation(relation_type, source, target, token.offset))

    def _pcs(self, previous: _Element | None) -> None:
        """A premise-conclusion structure: numbered statements with inferences between them."""
        argument = previous
        if argument is None:
            argument = _Element(True, None, _Content(), self._offset(), self.section, "pcs")
            self.document.elements.append(argument)
        pcs = _Reconstruction(argument)
        self.document.reconstructions.append(pcs)
        self._pcs_statement(pcs, "premise")
        while self._peek() in ("statement_number", "inference_start"):
            while self._peek() == "statement_number":
                self._pcs_statement(pcs, "premise")
            if self._peek() != "inference_start":
                self._fail("an inference line '--' before the conclusion")
            self._inference(argument)
            pcs.inferences += 1
            self._pcs_statement(pcs, "conclusion")
        if not pcs.inferences:
            self._fail("an inference line '--' before the conclusion")

    def _pcs_statement(self, pcs: _Reconstruction, role: str) -> None:
        number = self._take("statement_number")
        self.role = role
        element = self._statement()
        self.role = "top-level"
        digits = re.search(r"[0-9]+", number.image)
        pcs.statements.append((int(digits.group(0)) if digits else 0, element, role))

    def _inference(self, argument: _Element) -> None:
        self._take("inference_start")
        while self._peek() in _TEXT_TOKENS | {"list_delimiter", "newline", "data"}:
            self.position += 1
        self._take("inference_end")
        self._take("newline")
        if self._peek() == "indent":
            self._take("indent")
            while self._peek() == "outgoing_undercut":
                token = self._take("outgoing_undercut")
                child = (
                    self._argument()
                    if self._peek() in ("argument_definition", "argument_reference")
                    else self._statement()
                )
                self.document.relations.append(
                    _Relation("undercut", child, argument, token.offset)
                )
            self._take("dedent")

    def _list(self) -> None:
        self._take("indent")
        item = self._peek()
        while self._peek() == item:
            self._take(item)
            self.role = "list-item"
            if self._peek() in ("argument_definition", "argument_reference"):
                self._argument()
            else:
                self._statement()
        self._take("dedent")


# --- From the parsed document to annotation data ----------------------------------------------

_IDENTIFIER: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
_MAX_ID: Final = 128
_DATA_FIELDS: Final = (
    "speaker",
    "topic",
    "kind",
    "text",
    "quote",
    "speech",
    "responds_to",
    "note",
    "tags",
    "said_on",
)
_OWN_KEYS: Final = ("version", "article", "speakers", "topics", "order")
_ARGDOWN_SETTINGS: Final = frozenset(
    {
        "color",
        "dot",
        "graphml",
        "group",
        "html",
        "json",
        "logLevel",
        "map",
        "model",
        "process",
        "selection",
        "subTitle",
        "vizjs",
        "webComponent",
    }
)
_KIND_OF_TYPE: Final = {
    "attack": Kind.COUNTERCLAIM,
    "contrary": Kind.COUNTERCLAIM,
    "contradictory": Kind.DENIAL,
    "support": Kind.SUPPORT,
    "entails": Kind.SUPPORT,
    "undercut": Kind.COUNTERCLAIM,
}
_INCLUDE: Final = re.compile(r"^[ \t]*@include\([^)\n]*\)[ \t]*$", re.MULTILINE)


class _Lines:
    """Offsets to line numbers, for messages."""

    def __init__(self, text: str) -> None:
        self._breaks = [m.start() for m in re.finditer("\n", text)]

    def line(self, offset: int) -> int:
        return bisect.bisect_left(self._breaks, offset) + 1


@dataclass
class _Node:
    """A statement of the annotation to be: an equivalence class or an argument."""

    is_argument: bool
    title: str | None
    id: str
    members: list[_Element]
    text: str = ""
    tags: list[str] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    section: int | None = None
    responses: list[tuple[str, str, int]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def what(self) -> str:
        return "argument" if self.is_argument else "statement"

    @property
    def name(self) -> str:
        return self.title if self.title is not None else self.id


class _Import:
    """One import: the parsed document, the report, and the annotation being built."""

    def __init__(self, text: str, name: str) -> None:
        self.text = text
        self.name = name
        self.lines = _Lines(text)
        self.report = ImportReport(source=name, format=FORMAT)
        self.nodes: dict[tuple[bool, str], _Node] = {}
        self.node_of: dict[int, _Node] = {}
        self.statement_ids: set[str] = set()
        self.topic_ids: set[str] = set()
        self.own = False
        self.untitled = 0
        self.conclusion_of: dict[int, _Node] = {}

    def error(self, offset: int, message: str) -> FormatError:
        """A :class:`FormatError` at the line of ``offset``."""
        return FormatError(f"{self.name}:{self.lines.line(offset)}: {message}")

    def mapped(self, what: str, count: int = 1) -> None:
        if count:
            self.report.mapped[what] += count

    def skipped(self, what: str, count: int = 1) -> None:
        if count:
            self.report.skipped[what] += count

    # Ids -----------------------------------------------------------------------------------

    @staticmethod
    def new_id(wanted: str, fallback: str, used: set[str], keep: bool = True) -> str:
        """A unique id: ``wanted`` if it is a valid argmap id (and ``keep``), else a slug of it.

        Statement titles are kept, so that a document argmap wrote keeps its ids; topics are
        named by their heading's text, always as a slug.
        """
        valid = _IDENTIFIER.fullmatch(wanted) and len(wanted) <= _MAX_ID
        if keep and valid and wanted not in used:
            used.add(wanted)
            return wanted
        ascii_text = unicodedata.normalize("NFKD", wanted).encode("ascii", "ignore").decode()
        slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60] or fallback
        candidate, number = slug, 1
        while candidate in used:
            number += 1
            candidate = f"{slug}-{number}"
        used.add(candidate)
        return candidate

    # YAML: front matter and data -------------------------------------------------------------

    def yaml(self, source: str, offset: int, what: str) -> Any:
        """Parse YAML from the document, with its errors at this file's lines."""
        try:
            return yamlsource.parse(source, what).data
        except AnnotationError as exc:
            first = exc.diagnostics[0]
            line = self.lines.line(offset) + (first.position.line - 1 if first.position else 0)
            raise FormatError(f"{self.name}:{line}: {what}: {first.message}") from None

    def data(self, image: str, offset: int) -> dict[str, Any]:
        """An element's ``{…}`` data, read as Argdown reads it (as a block if it starts one)."""
        block = re.match(r"\{[ \t]*\n", image)
        source = image[block.end() :].rstrip()[:-1] if block else image
        if not source.strip():
            return {}
        data = self.yaml(source, offset + (block.end() if block else 0), "data")
        if not isinstance(data, dict):
            raise self.error(offset, "data must be a mapping: {key: value, …}")
        return data

    def front_matter(self, token: _Token) -> dict[str, Any]:
        body = re.sub(r"={3,}\s*$", "", re.sub(r"^\s*={3,}", "", token.image))
        if not body.strip():
            return {}
        data = self.yaml(body, token.offset, "front matter")
        if not isinstance(data, dict):
            raise self.error(token.offset, "the front matter must be a YAML mapping")
        return data

    def own_part(self, own: Mapping[str, Any], key: str) -> dict[str, Any]:
        value = own.get(key)
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise self.error(0, f"front matter argmap.{key} must be a mapping")
        return value

    # The import ------------------------------------------------------------------------------

    def run(self) -> dict[str, Any]:
        text = _INCLUDE.sub(self._include, self.text)
        lexer = _Lexer(text)
        try:
            tokens = lexer.run()
            if not tokens:
                raise _SyntaxError(0, "the document holds no Argdown statement")
            document = _Parser(tokens, text).document_rule()
        except _SyntaxError as exc:
            raise self.error(exc.offset, exc.message) from None
        except RecursionError:
            raise self.error(0, "bold and italic are nested too deeply") from None
        self.skipped("comment", sum(1 for t in lexer.skipped if t.kind == "comment"))
        front = self.front_matter(document.front_matter) if document.front_matter else {}
        if not document.front_matter and re.match(r"\s*===", text):
            self.report.notes.append(
                "the document starts with '===' but never closes its front matter: "
                "read as text, as Argdown does"
            )
        own = front.pop("argmap", None)
        if own is not None and not isinstance(own, dict):
            raise self.error(0, "front matter argmap must be a mapping")
        self.own = own is not None
        own = own or {}
        article = self.article(front, own)
        speakers = dict(self.own_part(own, "speakers"))
        self.mapped("front matter argmap.speakers -> speaker", len(speakers))
        topics, section_topic = self.topics(document.headings, own)
        statements = self.statements(document, speakers, section_topic, topics)
        order = own.get("order")
        if order is not None and not isinstance(order, list):
            raise self.error(0, "front matter argmap.order must be a list of statement ids")
        if order is not None:
            self.mapped("front matter argmap.order -> the order of the statements")
            position = {str(statement_id): index for index, statement_id in enumerate(order)}
            statements.sort(key=lambda s: (position.get(s["id"], len(position)), s["_offset"]))
        return {
            "article": article,
            "speakers": speakers,
            "topics": topics,
            "statements": statements,
        }

    def _include(self, _: re.Match[str]) -> str:
        self.skipped("@include: included files are not read")
        return ""

    def article(self, front: dict[str, Any], own: Mapping[str, Any]) -> dict[str, Any]:
        """The article: Argdown's title, author and date, and argmap's details of it."""
        article: dict[str, Any] = {}
        title = front.pop("title", None)
        if isinstance(title, str) and title.strip():
            article["title"] = title if self.own else normalise_space(title)
            self.mapped("front matter title -> article title")
        else:
            article["title"] = self.name
            self.report.notes.append(f"no title in the front matter: the article is '{self.name}'")
        author = front.pop("author", None)
        if isinstance(author, list) and all(isinstance(a, str) for a in author):
            author = ", ".join(author)
        if isinstance(author, str) and author.strip():
            article["author"] = author
            self.mapped("front matter author -> article author")
        elif author is not None:
            self.skipped("front matter author: not text")
        date = front.pop("date", None)
        if date is not None:
            try:
                article["date"] = datetime.date.fromisoformat(str(date)).isoformat()
                self.mapped("front matter date -> article date")
            except ValueError:
                self.skipped("front matter date: not a YYYY-MM-DD date")
        for key in front:
            reason = "an Argdown setting" if key in _ARGDOWN_SETTINGS else "no argmap field"
            self.skipped(f"front matter {key}: {reason}")
        if self.own and str(own.get("version", FORMAT_VERSION)) != str(FORMAT_VERSION):
            raise self.error(0, f"argmap front matter version {own['version']} is not supported")
        for key, value in self.own_part(own, "article").items():
            if key == "text_file":
                self.skipped(
                    "front matter argmap.article.text_file: not read (argmap writes the text)"
                )
                continue
            article[key] = value
            self.mapped(f"front matter argmap.article.{key} -> article {key}")
        for key in own:
            if key not in _OWN_KEYS:
                self.skipped(f"front matter argmap.{key}: no argmap field")
        return article

    def topics(
        self, headings: Sequence[_Heading], own: Mapping[str, Any]
    ) -> tuple[dict[str, Any], dict[int, str]]:
        """The topics: argmap's from the front matter, and one per heading that is not one of them.

        Returns:
            The topics, and the topic of each heading ("" for one that is not a topic).
        """
        topics = dict(self.own_part(own, "topics"))
        self.mapped("front matter argmap.topics -> topic", len(topics))
        self.topic_ids.update(topics)
        labels: dict[str, list[str]] = {}
        for topic_id, topic in topics.items():
            label = topic.get("label") if isinstance(topic, dict) else topic
            labels.setdefault(str(label), []).append(topic_id)
        section_topic: dict[int, str] = {}
        for index, heading in enumerate(headings):
            label = normalise_space(heading.content.text)
            data = self.data(heading.data, heading.data_offset) if heading.data else {}
            if self.own and "topic" in data:
                wanted = data.pop("topic")
                if wanted is None:
                    self.skipped("heading marked 'topic: null': not a topic")
                    section_topic[index] = ""
                    self._skip_data(data)
                    continue
                topic_id = str(wanted)
                self.mapped("heading -> topic (named in its data)")
            elif self.own and len(labels.get(label, ())) == 1:
                topic_id = labels[label][0]
                self.mapped("heading -> topic (by its label)")
            else:
                topic_id = self.new_id(label, f"topic-{index + 1}", self.topic_ids, keep=False)
                self.mapped("heading -> topic")
            if topic_id not in topics:
                topics[topic_id] = label or f"Topic {index + 1}"
                labels.setdefault(label, []).append(topic_id)
            section_topic[index] = topic_id
            self._skip_data(data)
            self.skipped("heading tag: topics have no tags", len(heading.content.tags))
        nested = sum(1 for heading in headings if heading.level > 1)
        if nested:
            self.report.notes.append(
                f"{nested} headings are nested under others; argmap's topics are not nested"
            )
        return topics, section_topic

    def _skip_data(self, data: Mapping[str, Any]) -> None:
        for key in data:
            self.skipped(f"data {key}: no argmap field")

    def node(self, element: _Element) -> _Node:
        """The statement an element is an occurrence of: the same title, the same statement."""
        found = self.node_of.get(id(element))
        if found is not None:
            return found
        if element.title is None:
            self.untitled += 1
            key = (element.is_argument, f"\0{self.untitled}")
            wanted = f"untitled-{self.untitled}"
        else:
            key = (element.is_argument, element.title)
            wanted = element.title
        found = self.nodes.get(key)
        if found is None:
            new_id = self.new_id(
                wanted, "argument" if element.is_argument else "statement", self.statement_ids
            )
            found = _Node(element.is_argument, element.title, new_id, [])
            self.nodes[key] = found
        found.members.append(element)
        self.node_of[id(element)] = found
        return found

    def statements(
        self,
        document: _Document,
        speakers: dict[str, Any],
        section_topic: Mapping[int, str],
        topics: dict[str, Any],
    ) -> list[dict[str, Any]]:
        for element in sorted(document.elements, key=lambda e: e.offset):
            self.node(element)
        nodes = list(self.nodes.values())
        for node in nodes:
            self.merge(node)
        self.reconstructions(document.reconstructions)
        self.relations(document.relations)
        unknown = self.new_id("unknown", "unknown", set(speakers))
        names = {k: v.get("name") for k, v in speakers.items() if isinstance(v, dict)}
        by_name = speakers_by_tag({k: v for k, v in names.items() if isinstance(v, str)})
        default_topic = ""
        homeless = [n for n in nodes if n.section is None or not section_topic.get(n.section, "")]
        if homeless:
            default_topic = self.new_id("general", "general", self.topic_ids)
            topics[default_topic] = "Statements outside any heading"
            self.report.notes.append(
                f"{_statements(len(homeless))} outside any heading: in topic '{default_topic}'"
            )
        statements = [
            self.statement(node, by_name, section_topic, default_topic, unknown) for node in nodes
        ]
        self.responses(statements, nodes)
        anonymous = sum(s["speaker"] == unknown for s in statements)
        if anonymous:
            speakers[unknown] = {"name": "Unknown"}
            self.report.notes.append(
                f"{_statements(anonymous)} without an argmap speaker (Argdown has none): "
                f"attributed to speaker '{unknown}'"
            )
        return statements

    def merge(self, node: _Node) -> None:
        """Gather a statement's occurrences: text, tags and data, as Argdown does."""
        texts = []
        for member in node.members:
            content = member.content
            text = normalise_space(content.text)
            if text and not member.is_reference:
                texts.append(text)
            node.tags = unique([*node.tags, *content.tags])
            if member.data is not None:
                node.data.update(self.data(member.data, member.data_offset))
            self.skipped("link: its URL (the link's text is kept)", content.links)
            self.mapped("mention -> kept as text", content.mentions)
            self.skipped("bold or italic: the emphasis (the text is kept)", content.emphasis)
            self.mapped("special character code -> the character", content.shortcodes)
        definitions = [m for m in node.members if not m.is_reference]
        node.section = (definitions or node.members)[0].section
        self.mapped(f"{node.what} -> statement")
        references = sum(1 for m in node.members if m.is_reference)
        self.mapped(f"reference to a {node.what} -> that statement", references)
        self.mapped(
            f"repeated {node.what} with the same title -> the same statement",
            max(len(definitions) - 1, 0),
        )
        different = unique(texts)
        self.skipped(
            f"other text of a repeated {node.what} (the first is kept)", len(different) - 1
        )
        if different:
            node.text = different[0]
        else:
            node.text = normalise_space(node.name) or node.id
            self.report.notes.append(
                f"{node.what} '{node.id}' has no text in the document: its title is its text"
            )

    def reconstructions(self, reconstructions: Sequence[_Reconstruction]) -> None:
        """Note on each premise and conclusion where it stands: the inferences are lost."""
        for pcs in reconstructions:
            node = self.node(pcs.argument)
            if id(node) in self.conclusion_of:
                raise self.error(
                    pcs.argument.offset,
                    f"argument <{node.name}> has a second premise-conclusion structure",
                )
            self.conclusion_of[id(node)] = self.node(pcs.statements[-1][1])
            argument = node.name
            last = len(pcs.statements) - 1
            for index, (number, element, role) in enumerate(pcs.statements):
                if role == "conclusion":
                    role = "main conclusion" if index == last else "intermediate conclusion"
                self.node(element).notes.append(f"({number}), {role} of argument <{argument}>.")
            self.mapped("premise or conclusion -> statement (noted)", len(pcs.statements))
            self.skipped(
                "inference of a premise-conclusion structure: argmap has no inferences",
                pcs.inferences,
            )

    def relations(self, relations: Sequence[_Relation]) -> None:
        """Each relation as a response of its source; repeats merged as Argdown merges them.

        As in Argdown's model, a relation from a reconstructed argument is its conclusion's.
        """
        seen: set[tuple[str, str, str]] = set()
        for relation in relations:
            source, target = self.node(relation.source), self.node(relation.target)
            conclusion = self.conclusion_of.get(id(source))
            if conclusion is not None:
                source = conclusion
                if source is target:
                    self.skipped(
                        "relation of a reconstructed argument to its own conclusion "
                        "(what its inference says)"
                    )
                    continue
                self.mapped(
                    f"{relation.type} relation of a reconstructed argument -> "
                    "a response of its conclusion"
                )
            key = (source.id, target.id, relation.type)
            if key in seen or (
                relation.type == "contradictory" and (target.id, source.id, relation.type) in seen
            ):
                self.mapped(f"repeated {relation.type} relation -> the same response")
                continue
            seen.add(key)
            if source is target:
                self.skipped(f"{relation.type} relation of a statement to itself")
            elif any(to == target.id for to, _, _ in source.responses):
                self.skipped(
                    f"{relation.type} relation between two statements already related "
                    "that way round (argmap keeps one response per pair)"
                )
            else:
                source.responses.append((target.id, relation.type, relation.offset))

    def statement(
        self,
        node: _Node,
        by_name: Mapping[str, str | None],
        section_topic: Mapping[int, str],
        default_topic: str,
        unknown: str,
    ) -> dict[str, Any]:
        """One statement: data (argmap's own documents), then tags, then the relations."""
        offset = min(m.offset for m in node.members)
        data = dict(node.data)
        fields: dict[str, Any] = {}
        if self.own:
            for key in _DATA_FIELDS:
                if key in data:
                    fields[key] = data.pop(key)
                    self.mapped(f"data {key} -> {key}")
        self._skip_data(data)
        speaker: str | None = None
        kind: Any = None
        tags = list(node.tags)
        if self.own:
            speaker, kind, tags = resolve_tags(node.tags, by_name)
            self.mapped("tag -> speaker", speaker is not None)
            self.mapped("tag -> kind", kind is not None)
        self.mapped("tag -> tag", len(tags))
        speaker = fields.pop("speaker", speaker)
        kind = fields.pop("kind", kind)
        if kind is None:
            kind = _KIND_OF_TYPE[node.responses[0][1]] if node.responses else Kind.CLAIM
        try:
            kind = Kind(kind)
        except (ValueError, TypeError):
            raise self.error(offset, f"'{kind}' is not an argmap kind") from None
        topic = section_topic.get(node.section, "") if node.section is not None else ""
        statement: dict[str, Any] = {
            "id": node.id,
            "speaker": unknown if speaker is None else speaker,
            "topic": fields.pop("topic", topic or default_topic),
            "kind": kind.value,
            "text": fields.pop("text", node.text),
        }
        for key in ("quote", "speech", "responds_to"):
            if key in fields:
                statement[key] = fields.pop(key)
        notes = node.notes if "note" not in fields else [fields.pop("note"), *node.notes]
        if notes:
            statement["note"] = notes[0] if len(notes) == 1 else " ".join(map(str, notes))
        tags = fields.pop("tags", tags)
        if tags:
            statement["tags"] = tags
        if "said_on" in fields:
            statement["said_on"] = fields.pop("said_on")
        statement["_offset"] = offset
        return statement

    def responses(self, statements: list[dict[str, Any]], nodes: Sequence[_Node]) -> None:
        """Turn relations into responses, undercuts into what argmap can draw of them.

        An Argdown undercut attacks an argument as a whole; argmap's attacks the link from the
        target to a statement the target answers, so it needs the target to answer one.
        """
        answered: dict[str, list[Any]] = {}
        for statement, node in zip(statements, nodes, strict=True):
            if "responds_to" in statement:
                given = statement["responds_to"]
                items = given if isinstance(given, list) else [given]
                answered[node.id] = [i.get("to") if isinstance(i, dict) else i for i in items]
                self.mapped(
                    "relation -> shown only (the data gives the responses)", len(node.responses)
                )
            else:
                answered[node.id] = [to for to, _, _ in node.responses]
        for statement, node in zip(statements, nodes, strict=True):
            if "responds_to" in statement or not node.responses:
                continue
            kind = Kind(statement["kind"])
            result: list[Any] = []
            for target, argdown_type, offset in node.responses:
                relation = infer_relation(kind, argdown_type)
                response: dict[str, Any] = {"to": target, "relation": relation.value}
                links = answered.get(target, [])
                if relation is Relation.UNDERCUTS and not links:
                    relation = CANONICAL_RELATION["attack"]
                    response["relation"] = relation.value
                    self.report.notes.append(
                        f"line {self.lines.line(offset)}: '{target}' answers nothing, so it has "
                        "no link to undercut: the undercut is imported as 'counters'"
                    )
                elif relation is Relation.UNDERCUTS and len(links) > 1:
                    response["link_to"] = links[0]
                    self.report.notes.append(
                        f"line {self.lines.line(offset)}: '{target}' answers several "
                        f"statements: the undercut attacks its link to '{links[0]}'"
                    )
                self.mapped(f"relation {argdown_type} -> {relation.value}")
                if relation is DEFAULT_RELATION[kind] and "link_to" not in response:
                    result.append(target)
                else:
                    result.append(response)
            statement["responds_to"] = result


def _statements(count: int) -> str:
    return f"{count} statement" if count == 1 else f"{count} statements"


def read_argdown(text: str, name: str) -> Imported:
    """Read an Argdown document as an annotation.

    Args:
        text: The document.
        name: Its file name, for messages.

    Returns:
        Annotation data that passes argmap's validation, and the report of what became what.

    Raises:
        FormatError: ``name:LINE: what is wrong``, for a document Argdown would reject or
            whose argmap data does not make a valid annotation.

    >>> imported = read_argdown('''
    ... [Taxes]: Taxes rose.
    ...   - [Cuts]: They fell.
    ... ''', "taxes.argdown")
    >>> [(s["id"], s["kind"], s.get("responds_to")) for s in imported.annotation["statements"]]
    [('Taxes', 'claim', None), ('Cuts', 'counterclaim', ['Taxes'])]
    """
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    run = _Import(text, name)
    annotation = run.run()
    _validate(annotation, run)
    return Imported(annotation, run.report)


def _validate(annotation: dict[str, Any], run: _Import) -> None:
    """Load the result as argmap will; a problem points at the element it came from."""
    offsets = [statement.pop("_offset") for statement in annotation["statements"]]
    try:
        # One line of YAML flow: read back exactly, and much faster to write than block YAML.
        loads(flow(annotation), name=run.name)
    except AnnotationError as exc:
        problem = (exc.errors or exc.diagnostics)[0]
        loc = problem.loc
        offset = 0
        where = ""
        if loc[:1] == ("statements",) and len(loc) > 1 and isinstance(loc[1], int):
            offset = offsets[loc[1]]
            where = f"statement '{annotation['statements'][loc[1]].get('id')}': "
        elif loc:
            where = "front matter " + ".".join(map(str, loc)) + ": "
        raise run.error(offset, where + problem.message) from None
