"""YAML text to plain Python data, keeping where every value came from.

Why PyYAML's composer and not ruamel.yaml's round-trip loader: both give line and column of every
node, but the C-accelerated composer (``yaml.CSafeLoader``) does it about thirty times faster
(~0.04 ms per statement against ~1.3 ms), which is what lets a 10,000-statement file load with
positions in well under a second. The node tree it returns is turned into data here, by rules
argmap controls:

* YAML 1.2 core scalars: only ``true``/``false`` are booleans and only ``null``/``~`` are null, so
  ``quote: no`` stays the text ``no``; dates stay text and pydantic parses the fields that are
  dates.
* A key given twice in one mapping is an error, not silently last-wins.
* Only the standard scalar, sequence and mapping tags: ``!!python/…``, ``!!binary``, ``!!set``
  and merge keys (``<<``) are refused.
* Aliases are expanded, but the expansion is capped, so a "billion laughs" file is refused
  instead of exhausting memory.

The node tree is kept, so a pydantic error location such as ``("statements", 3, "speaker")`` can
be resolved to a line and column only when an error needs one: positions cost nothing on the
happy path.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Final, Literal

import yaml

from argmap.diagnostics import AnnotationError, Diagnostic, ErrorCode, SourcePosition, shorten

__all__ = ["MAX_ALIAS_EXPANSION", "MAX_DEPTH", "MAX_NODES", "YamlDocument", "dump", "parse"]

MAX_DEPTH: Final = 64
"""Deepest nesting accepted; an annotation needs six levels."""

MAX_NODES: Final = 5_000_000
"""Most values a document may hold (a 50,000-statement file has about 1.5 million)."""

MAX_ALIAS_EXPANSION: Final = 100_000
"""Most values that aliases (``*name``) may add by repeating anchored values."""

_TAG = "tag:yaml.org,2002:"
_STR, _SEQ, _MAP = _TAG + "str", _TAG + "seq", _TAG + "map"
_PLAIN = "tag:argmap,2026:plain"
"""The tag argmap's resolver gives untagged plain scalars; :func:`_plain` interprets them."""
_CORE = frozenset(_TAG + t for t in ("null", "bool", "int", "float"))
_NULLS = frozenset({"~", "null", "Null", "NULL"})
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
FORBIDDEN: Final = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]"
)
"""Characters YAML does not allow in a file (C0 and C1 controls but tab, newlines and NEL;
surrogates; U+FFFE and U+FFFF), and so no annotation's text may hold: XML cannot carry them
either, and a terminal would obey them."""


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """PyYAML's C composer (or the pure one if libyaml is missing), with a trivial resolver.

    Why: the composer asks the resolver for every untagged scalar's tag, and PyYAML's YAML 1.1
    resolver runs a list of regular expressions each time (a quarter of the parse). argmap
    interprets plain scalars itself, by YAML 1.2 rules, so it only needs to know which were plain.
    """

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            return _PLAIN if implicit[0] else _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP

    # Path resolvers are a PyYAML feature argmap does not use; the composer calls these hooks
    # for every node.
    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


def _plain(value: str) -> Any:
    """Interpret a plain scalar: null and true/false as YAML 1.2 spells them, the rest as text.

    Numbers stay text too: argmap's schema has no numeric field, and ids such as ``01`` or
    ``1.10`` must keep their spelling. So ``no``, ``on``, dates and numbers are all text.
    """
    if not value or value in _NULLS:
        return None
    return _BOOL.get(value, value)


class _Lines:
    """Turns a mark's character offset into a line and column, counting lines at newlines only.

    Why not the mark's own line: YAML also breaks lines at U+0085, U+2028 and U+2029, which
    editors do not, so the line would not be the one the annotator sees.
    """

    def __init__(self, text: str, name: str) -> None:
        self.text = text
        self.name = name
        self._breaks: list[int] | None = None

    def at(self, mark: yaml.Mark) -> SourcePosition:
        if self._breaks is None:
            self._breaks = [m.start() for m in re.finditer("\n", self.text)]
        line = bisect.bisect_left(self._breaks, mark.index)
        start = self._breaks[line - 1] + 1 if line else 0
        return SourcePosition(self.name, line + 1, mark.index - start + 1)


@dataclass
class YamlDocument:
    """Data parsed from one YAML file, with the node tree to locate values in the file.

    Attributes:
        name: The file name used in positions.
        data: The document as plain dicts, lists and scalars.
        root: The composed node tree, with each node's position.
        problems: Problems that did not stop parsing (duplicate keys), already placed.
    """

    name: str
    data: Any
    root: yaml.Node
    lines: _Lines
    problems: list[Diagnostic] = field(default_factory=list)

    def locate(
        self, loc: Sequence[str | int], target: Literal["value", "key", "node"] = "value"
    ) -> SourcePosition:
        r"""Return the position of the node at ``loc``, or of its deepest existing ancestor.

        Segments that are not in the document are skipped: pydantic inserts names of its own
        (union members, ``[key]`` for a mapping key) and a ``missing`` field has no node, so the
        mapping that lacks it is the right place to point at.

        >>> doc = parse("a:\n  - {b: 1}\n  - {c: 2}\n", "f.yaml")
        >>> str(doc.locate(("a", 1, "c")))
        'f.yaml:3:9'
        >>> str(doc.locate(("a", 1, "c"), "key"))
        'f.yaml:3:6'
        >>> str(doc.locate(("a", 1, "missing")))
        'f.yaml:3:5'
        """
        if "[key]" in loc:
            target = "key"
            loc = [part for part in loc if part != "[key]"]
        node = self.root
        mark = node.start_mark
        for part in loc:
            if isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                if not 0 <= part < len(node.value):
                    break
                node = node.value[part]
                mark = node.start_mark
            elif isinstance(node, yaml.MappingNode):
                pair = _find_key(node, part)
                if pair is None:
                    continue
                key_node, node = pair
                mark = key_node.start_mark if target == "key" else node.start_mark
            else:
                break
        return self.lines.at(mark)

    def place(self, diagnostic: Diagnostic) -> Diagnostic:
        """Return ``diagnostic`` with its positions resolved from its locs."""
        if diagnostic.position is None:
            diagnostic = replace(
                diagnostic, position=self.locate(diagnostic.loc, diagnostic.target)
            )
        if diagnostic.note_loc is not None and diagnostic.note_position is None:
            diagnostic = replace(
                diagnostic, note_position=self.locate(diagnostic.note_loc, diagnostic.target)
            )
        return diagnostic


def _find_key(node: yaml.MappingNode, key: str | int) -> tuple[yaml.Node, yaml.Node] | None:
    """Find the last pair whose key equals ``key`` (the one the data kept)."""
    for key_node, value_node in reversed(node.value):
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == str(key):
            return key_node, value_node
    return None


class _Builder:
    """Turns a composed node tree into plain data, collecting problems as it goes.

    Scalars are handled inline in the loops over collections, and limits are counted per
    collection, because this runs once per value of the file (1.5 million at 50,000 statements).
    """

    def __init__(self, lines: _Lines) -> None:
        self.lines = lines
        self.problems: list[Diagnostic] = []
        self.nodes = 0
        self.expanded = 0
        self.in_alias = 0
        self.seen: set[int] = set()
        self.alias_root: yaml.Node | None = None

    def problem(
        self, code: ErrorCode, message: str, mark: yaml.Mark, hint: str | None = None
    ) -> None:
        self.problems.append(Diagnostic(code, message, hint=hint, position=self.lines.at(mark)))

    def scalar(self, node: yaml.ScalarNode) -> Any:
        tag = node.tag
        if tag == _PLAIN:
            return _plain(node.value)
        if tag == _STR:
            if node.style == '"' and FORBIDDEN.search(node.value):
                self.escaped_character(node)
            return node.value
        if tag in _CORE:
            return _plain(node.value)
        self.unsupported_tag(node)
        return node.value

    def escaped_character(self, node: yaml.ScalarNode) -> None:
        """Report a character YAML forbids in a file but lets a double-quoted escape write.

        Why: a control character in a name or a quote would reach every output, and XML
        (GraphML, GEXF, SVG) cannot carry one at all.
        """
        found = FORBIDDEN.search(node.value)
        assert found is not None
        self.problem(
            ErrorCode.ENCODING,
            f"character U+{ord(found.group()):04X} (written as an escape) is not allowed in text",
            node.start_mark,
            hint="remove the escape; text may hold tabs and line breaks, not control characters",
        )

    def build(self, node: yaml.Node, depth: int = 0) -> Any:
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
        if node.tag not in (_SEQ, _MAP):
            self.unsupported_tag(node)
        if depth > MAX_DEPTH:
            raise _TooComplex(
                f"values are nested more than {MAX_DEPTH} levels deep",
                node,
                hint="an annotation needs six levels at most; check the indentation",
            )
        # The composer shares one node object between an anchor and its aliases.
        repeated = id(node) in self.seen
        self.seen.add(id(node))
        if repeated and not self.in_alias:
            self.alias_root = node
        self.in_alias += repeated
        self.count(node)
        try:
            if isinstance(node, yaml.SequenceNode):
                scalar, build = self.scalar, self.build
                return [
                    scalar(item) if type(item) is yaml.ScalarNode else build(item, depth + 1)
                    for item in node.value
                ]
            assert isinstance(node, yaml.MappingNode)
            return self.mapping(node, depth)
        finally:
            self.in_alias -= repeated

    def count(self, node: yaml.Node) -> None:
        """Enforce the limits on the number of values, counting a collection's items at once."""
        size = len(node.value) + 1
        self.nodes += size
        if self.nodes > MAX_NODES:
            raise _TooComplex(
                f"the document holds more than {MAX_NODES:,} values",
                node,
                hint="split the dispute into several files",
            )
        if self.in_alias:
            self.expanded += size
            if self.expanded > MAX_ALIAS_EXPANSION:
                raise _TooComplex(
                    f"aliases of this anchored value expand to more than "
                    f"{MAX_ALIAS_EXPANSION:,} values",
                    self.alias_root or node,
                    hint="YAML aliases ('*name') may expand a file exponentially; "
                    "write the values out",
                )

    def mapping(self, node: yaml.MappingNode, depth: int) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        scalar, build = self.scalar, self.build
        for key_node, value_node in node.value:
            if type(key_node) is not yaml.ScalarNode:
                self.problem(
                    ErrorCode.UNSUPPORTED_YAML,
                    "a mapping key must be a plain value, not a list or mapping",
                    key_node.start_mark,
                )
                continue
            if key_node.value == "<<" and key_node.tag == _PLAIN:
                self.problem(
                    ErrorCode.UNSUPPORTED_YAML,
                    "merge keys ('<<') are not supported",
                    key_node.start_mark,
                    hint="write the fields out, or use an alias for a whole value",
                )
                continue
            key = key_node.value  # keys are ids and field names: always their text
            if key in result:
                self.duplicate(node, key, key_node)
            if type(value_node) is not yaml.ScalarNode:
                result[key] = build(value_node, depth + 1)
            elif value_node.tag == _STR:  # the common cases inline: a third of the build time
                if value_node.style == '"' and FORBIDDEN.search(value_node.value):
                    self.escaped_character(value_node)
                result[key] = value_node.value
            elif value_node.tag == _PLAIN:
                value = value_node.value
                result[key] = None if not value or value in _NULLS else _BOOL.get(value, value)
            else:
                result[key] = scalar(value_node)
        return result

    def duplicate(self, node: yaml.MappingNode, key: Any, key_node: yaml.Node) -> None:
        first = next(k for k, _ in node.value if type(k) is yaml.ScalarNode and k.value == key)
        self.problems.append(
            Diagnostic(
                ErrorCode.DUPLICATE_KEY,
                f"duplicate key '{shorten(key)}' in this mapping",
                hint="keep one of them; YAML does not allow a key twice in a mapping",
                position=self.lines.at(key_node.start_mark),
                note=f"'{shorten(key)}' is first given here",
                note_position=self.lines.at(first.start_mark),
            )
        )

    def unsupported_tag(self, node: yaml.Node) -> None:
        tag = "!!" + node.tag.removeprefix(_TAG) if node.tag.startswith(_TAG) else node.tag
        self.problem(
            ErrorCode.UNSUPPORTED_YAML,
            f"unsupported YAML tag '{tag}'",
            node.start_mark,
            hint="argmap reads plain text, numbers, lists and mappings only",
        )


class _TooComplex(Exception):
    def __init__(self, message: str, node: yaml.Node, hint: str | None = None) -> None:
        super().__init__(message)
        self.node = node
        self.hint = hint


def _line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _check_characters(text: str, name: str) -> None:
    """Report every character YAML forbids, with its code point and position.

    Why before parsing: libyaml stops at the first one and reports its offset in bytes, which
    would put the error in the wrong column of any line with accented letters.
    """
    found = [match.start() for _, match in zip(range(20), FORBIDDEN.finditer(text), strict=False)]
    if found:
        raise AnnotationError(
            [
                Diagnostic(
                    ErrorCode.ENCODING,
                    f"control character U+{ord(text[index]):04X} is not allowed in YAML",
                    position=SourcePosition(name, *_line_col(text, index)),
                    hint="remove it; only tab, line breaks and printable characters may appear",
                )
                for index in found
            ]
        )


def parse(text: str, name: str) -> YamlDocument:
    """Parse one YAML document.

    Args:
        text: The file's text.
        name: The file name to show in positions.

    Raises:
        AnnotationError: on a YAML syntax error, an empty file, a key given twice or a value
            argmap does not read; all of them, each with its position.

    >>> parse("speakers: {a: {name: Ana}}", "f.yaml").data
    {'speakers': {'a': {'name': 'Ana'}}}
    """
    _check_characters(text, name)
    lines = _Lines(text, name)
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        position = lines.at(mark) if mark else SourcePosition(name, 1, 1)
        context = exc.context_mark
        has_note = bool(
            exc.context and exc.problem and context and mark and context.line != mark.line
        )
        raise AnnotationError(
            [
                Diagnostic(
                    ErrorCode.YAML_SYNTAX,
                    f"YAML syntax: {_PROBLEMS.get(problem, problem)}"
                    + (
                        f" ({exc.context})" if exc.context and exc.problem and not has_note else ""
                    ),
                    position=position,
                    hint=_syntax_hint(problem, text, mark),
                    note=f"{exc.context}, which starts here" if has_note else None,
                    note_position=lines.at(context) if has_note and context else None,
                )
            ]
        ) from None
    except yaml.YAMLError as exc:  # e.g. a second document in the stream
        raise AnnotationError(
            [
                Diagnostic(
                    ErrorCode.YAML_SYNTAX, f"YAML: {exc}", position=SourcePosition(name, 1, 1)
                )
            ]
        ) from None
    except RecursionError:
        raise AnnotationError(
            [
                Diagnostic(
                    ErrorCode.TOO_COMPLEX,
                    f"values are nested more than {MAX_DEPTH} levels deep",
                    position=SourcePosition(name, 1, 1),
                )
            ]
        ) from None
    if root is None:
        raise AnnotationError(
            [
                Diagnostic(
                    ErrorCode.EMPTY_DOCUMENT,
                    "the file holds no YAML document",
                    position=SourcePosition(name, 1, 1),
                    hint="an annotation starts with 'article:', then 'speakers:', 'topics:' "
                    "and 'statements:'",
                )
            ]
        )
    builder = _Builder(lines)
    try:
        data = builder.build(root)
    except _TooComplex as exc:
        raise AnnotationError(
            [
                Diagnostic(
                    ErrorCode.TOO_COMPLEX,
                    str(exc),
                    position=lines.at(exc.node.start_mark),
                    hint=exc.hint,
                )
            ]
        ) from None
    problems = builder.problems
    if any(p.code is not ErrorCode.DUPLICATE_KEY for p in problems):
        raise AnnotationError(problems)
    return YamlDocument(name, data, root, lines, problems)


_PROBLEMS: Final = {"but found another document": "a second document starts here"}
"""PyYAML's problem descriptions that read badly on their own, reworded."""


def _syntax_hint(problem: str, text: str, mark: yaml.Mark | None) -> str | None:
    """Explain the YAML syntax errors annotators meet most often."""
    if "cannot start any token" in problem and mark is not None:
        char = text[mark.index] if mark.index < len(text) else ""
        if char == "\t":
            return "YAML indents with spaces; replace the tab with spaces"
        if char in "`@":
            return f"a value starting with '{char}' must be quoted"
    if "mapping values are not allowed" in problem:
        return "a value containing ': ' must be quoted, e.g. text: \"He said: no\""
    if "found another document" in problem:
        return "an annotation is one YAML document: remove this '---' and what follows it"
    if "found undefined alias" in problem:
        return "an alias ('*name') must refer to an anchor ('&name') defined before it"
    if "could not find expected ':'" in problem or "expected <block end>" in problem:
        return "check the indentation of this line and the one before"
    return None


class _Dumper(yaml.SafeDumper):
    """Block style with multi-line text as ``|`` blocks: the way people write annotations."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # PyYAML falls back to a quoted style where a block cannot hold the text exactly.
    return dumper.represent_scalar(_STR, value, style="|" if "\n" in value else None)


_Dumper.add_representer(str, _text)


def dump(data: Any, *, header: str = "") -> str:
    r"""Write annotation data as YAML that :func:`parse` reads back to the same data.

    Args:
        data: Plain dicts, lists, text, booleans and None, as :func:`parse` gives.
        header: Text put first as ``#`` comment lines (an import's provenance, say).

    >>> print(dump({"article": {"title": "T", "text": "one\ntwo\n"}}), end="")
    article:
      title: T
      text: |
        one
        two
    """
    text = yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=100,
        default_flow_style=False,
    )
    comments = "".join(f"# {line}".rstrip() + "\n" for line in header.splitlines())
    return comments + text
