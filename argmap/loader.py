"""Loading an annotation file: read, parse, validate, cross-check and anchor its quotes.

The loader is where an annotation file becomes a :class:`~argmap.dispute.Dispute`, or an
:class:`~argmap.diagnostics.AnnotationError` listing every problem with its line and column::

    read bytes → decode UTF-8 → parse YAML (positions kept) → validate (pydantic)
        → check references (argmap.checks) → read the article text → anchor quotes

Each step reports problems as diagnostics and the steps after a failed one still run on what is
valid, so one run shows everything that is wrong.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Final

from argmap import yamlsource
from argmap.anchoring import Anchor, ArticleText, closest_passage
from argmap.checks import check_parts
from argmap.diagnostics import (
    AnnotationError,
    ArgmapError,
    Diagnostic,
    ErrorCode,
    SourcePosition,
    shorten,
    sort_diagnostics,
)
from argmap.dispute import Dispute
from argmap.gc_pause import gc_paused
from argmap.model import Article, Statement
from argmap.validation import PartialStatement, validate

__all__ = [
    "MAX_CLOSEST_PASSAGE_HINTS",
    "MAX_FILE_BYTES",
    "load",
    "loads",
    "place_in_file",
    "read_limited",
    "read_text",
]

_UTF8_BOM: Final = b"\xef\xbb\xbf"

MAX_FILE_BYTES: Final = 20 * 1024 * 1024
"""Largest annotation or article file read, unless the caller allows more: above a 50,000-
statement dispute (16 MB of YAML, 1.3 GB of memory to load), so that a file of unknown origin
cannot exhaust memory (see docs/security.md)."""

MAX_CLOSEST_PASSAGE_HINTS: Final = 20
"""Quotes not found for which the closest passage is searched (each search reads the article)."""


_BOMS: Final = {
    b"\xff\xfe\x00\x00": "UTF-32",
    b"\x00\x00\xfe\xff": "UTF-32",
    b"\xff\xfe": "UTF-16",
    b"\xfe\xff": "UTF-16",
}


def _decode(data: bytes, name: str) -> str:
    """Decode a file as UTF-8 (a byte order mark is allowed), reporting where it is not."""
    for mark, encoding in _BOMS.items():
        if data.startswith(mark):
            raise AnnotationError(
                [
                    Diagnostic(
                        ErrorCode.ENCODING,
                        f"the file is {encoding}; argmap reads UTF-8",
                        position=SourcePosition(name, 1, 1),
                        hint="save the file as UTF-8",
                    )
                ]
            )
    bom = len(_UTF8_BOM) if data.startswith(_UTF8_BOM) else 0
    try:
        text = data[bom:].decode("utf-8")
    except UnicodeDecodeError as exc:
        start = exc.start + bom
        before = data[bom:start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        raise AnnotationError(
            [
                Diagnostic(
                    ErrorCode.ENCODING,
                    f"the file is not valid UTF-8 (byte 0x{data[start]:02x})",
                    position=SourcePosition(name, line, column),
                    hint="save the file as UTF-8",
                )
            ]
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_limited(path: Path, max_bytes: int) -> bytes:
    """Read a file, refusing one larger than ``max_bytes`` without reading it all.

    Raises:
        OSError: with a ``strerror`` that says what is wrong (too large, not a regular file).
    """
    if not path.is_file():
        raise OSError(0, "not a regular file" if path.exists() else "No such file or directory")
    with path.open("rb") as stream:  # at most one byte more than allowed
        data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise OSError(0, f"larger than the {max_bytes / 2**20:g} MB limit (--max-size raises it)")
    return data


def read_text(path: str | os.PathLike[str], max_bytes: int = MAX_FILE_BYTES) -> str:
    """Read a UTF-8 text file of at most ``max_bytes``, as argmap reads every file it is given.

    Line ends become newlines; a UTF-8 byte order mark is dropped.

    Raises:
        ArgmapError: when the file cannot be read (missing, too large, not a regular file).
        AnnotationError: when it is not UTF-8, with the line and column of the first bad byte.
    """
    path = Path(path)
    name = os.fspath(path)
    try:
        data = read_limited(path, max_bytes)
    except OSError as exc:
        raise ArgmapError(f"{name}: cannot read the file: {exc.strerror or exc}") from None
    return _decode(data, name)


def load(
    path: str | os.PathLike[str],
    *,
    max_bytes: int = MAX_FILE_BYTES,
    article_anywhere: bool = False,
) -> Dispute:
    """Load, validate and anchor an annotation file.

    Args:
        path: The annotation's YAML file. A relative ``article.text_file`` is read from the
            same directory.
        max_bytes: The largest annotation or article file to read.
        article_anywhere: Let ``article.text_file`` point outside the annotation's directory.

    Raises:
        AnnotationError: listing every problem found, each with its file position.
        ArgmapError: when the file cannot be read at all.
    """
    path = Path(path)
    return loads(
        read_text(path, max_bytes),
        name=os.fspath(path),
        base_dir=path.parent,
        max_bytes=max_bytes,
        article_anywhere=article_anywhere,
    )


def loads(
    text: str,
    *,
    name: str = "<string>",
    base_dir: str | os.PathLike[str] = ".",
    max_bytes: int = MAX_FILE_BYTES,
    article_anywhere: bool = False,
) -> Dispute:
    """Load an annotation from YAML text.

    Args:
        text: The YAML text.
        name: The file name to show in messages.
        base_dir: The directory a relative ``article.text_file`` is read from.
        max_bytes: The largest article file to read.
        article_anywhere: Let ``article.text_file`` point outside ``base_dir``.

    Raises:
        AnnotationError: listing every problem found, each with its file position.
    """
    with gc_paused():
        return _load(text, name, Path(base_dir), max_bytes, article_anywhere)


def _load(text: str, name: str, base_dir: Path, max_bytes: int, article_anywhere: bool) -> Dispute:
    document = yamlsource.parse(text, name)
    validated = validate(document.data)
    problems: list[Diagnostic] = [*document.problems, *validated.problems]
    problems += check_parts(validated.speaker_ids, validated.topic_ids, validated.statements)
    article_text: str | None = None
    anchors: dict[str, tuple[Anchor, ...]] = {}
    if validated.article is not None:
        article_text, article_problems = _article_text(
            validated.article, base_dir, max_bytes, article_anywhere
        )
        problems += article_problems
        if not any(p.severity == "error" for p in article_problems):
            anchors, quote_problems = _anchor_quotes(validated.statements, article_text)
            problems += quote_problems
    placed = _unique(document.place(p) for p in problems)
    if validated.annotation is None or any(p.severity == "error" for p in placed):
        raise AnnotationError(placed)
    return Dispute(
        annotation=validated.annotation,
        source=name,
        article_text=article_text,
        anchors=anchors,
        warnings=sort_diagnostics(placed),
    )


def place_in_file(
    source: str, diagnostics: Iterable[Diagnostic], max_bytes: int = MAX_FILE_BYTES
) -> list[Diagnostic]:
    """Give diagnostics found after loading (across files) their positions in ``source``.

    Why read the file again: a loaded dispute keeps no YAML positions (keeping them would cost
    every load), and problems between files are rare, so they pay for their own positions.
    A file that cannot be read again leaves the diagnostics as they are.
    """
    diagnostics = list(diagnostics)
    try:
        text = _decode(read_limited(Path(source), max_bytes), source)
        document = yamlsource.parse(text, source)
    except (OSError, ArgmapError):
        return diagnostics
    return [document.place(d) for d in diagnostics]


def _unique(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    seen: set[tuple[object, ...]] = set()
    result = []
    for d in diagnostics:
        key = (d.code, d.position, d.message)
        if key not in seen:
            seen.add(key)
            result.append(d)
    return result


def _article_text(
    article: Article, base_dir: Path, max_bytes: int, anywhere: bool
) -> tuple[str | None, list[Diagnostic]]:
    """Get the article's text, inline or from its file."""
    if article.text_file is None:
        return (unicodedata.normalize("NFC", article.text) if article.text else article.text), []
    at = ("article", "text_file")
    if article.text is not None:
        return article.text, [
            Diagnostic(
                ErrorCode.ARTICLE_TEXT_CONFLICT,
                "the article has both 'text' and 'text_file'",
                at,
                target="key",
                hint="keep one: the text inline, or the file that holds it",
            )
        ]
    path = base_dir / article.text_file
    if not anywhere and not _inside(path, base_dir):
        # An annotation from elsewhere must not make argmap read, and copy into its exports,
        # any file the user can read (~/.ssh/id_rsa as "the article").
        return None, [
            Diagnostic(
                ErrorCode.ARTICLE_UNREADABLE,
                f"the article text '{shorten(article.text_file)}' is outside the annotation's "
                "directory",
                at,
                hint="keep the article beside the annotation (or below it), or allow it with "
                "--article-anywhere if you trust this annotation",
            )
        ]
    try:
        data = read_limited(path, max_bytes)
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the path
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        return None, [
            Diagnostic(
                ErrorCode.ARTICLE_UNREADABLE,
                f"cannot read the article text '{shorten(article.text_file)}': {reason}",
                at,
                hint=f"looked for '{shorten(path, 80)}': the path is relative to the "
                "annotation's directory",
            )
        ]
    try:
        text = unicodedata.normalize("NFC", _decode(data, os.fspath(path)))
    except AnnotationError as exc:
        return None, [
            Diagnostic(
                ErrorCode.ARTICLE_UNREADABLE,
                f"cannot read the article text '{shorten(article.text_file)}': "
                f"{exc.diagnostics[0].message.removeprefix('the file ')}",
                at,
                hint=f"{exc.diagnostics[0].position}: save the article as UTF-8",
            )
        ]
    return _without_controls(text, os.fspath(path))


def _without_controls(text: str, name: str) -> tuple[str, list[Diagnostic]]:
    """Read the control characters of an article file as spaces, with a warning.

    Why spaces: a form feed or escape code left by a PDF or terminal copy is no reason to refuse
    an article, but no output may carry one (XML cannot); a space keeps every offset.
    """
    found = yamlsource.FORBIDDEN.search(text)
    if found is None:
        return text, []
    count = len(yamlsource.FORBIDDEN.findall(text))
    line = text.count("\n", 0, found.start()) + 1
    column = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
    plural = "s" if count > 1 else ""
    return yamlsource.FORBIDDEN.sub(" ", text), [
        Diagnostic(
            ErrorCode.ENCODING,
            f"the article holds {count} control character{plural} (the first is "
            f"U+{ord(found.group()):04X}); argmap reads them as spaces",
            position=SourcePosition(name, line, column),
            severity="warning",
            hint="remove them from the article's file",
        )
    ]


def _inside(path: Path, directory: Path) -> bool:
    """Whether ``path``, symbolic links resolved, is in ``directory`` or below it."""
    try:
        return path.resolve().is_relative_to(directory.resolve())
    except (OSError, ValueError):
        return False


def _anchor_quotes(
    statements: Sequence[Statement | PartialStatement], article_text: str | None
) -> tuple[dict[str, tuple[Anchor, ...]], list[Diagnostic]]:
    """Anchor every quote in the article, reporting the quotes it does not contain."""
    quoted = [(index, s) for index, s in enumerate(statements) if s.quote]
    if not quoted:
        return {}, []
    if article_text is None:
        index, _ = quoted[0]
        return {}, [
            Diagnostic(
                ErrorCode.NO_ARTICLE_TEXT,
                "quotes cannot be checked: the article has no text",
                ("statements", index, "quote"),
                hint="give the article's text as 'text_file:' (or 'text:') under 'article:'",
            )
        ]
    article = ArticleText(article_text)
    anchors: dict[str, tuple[Anchor, ...]] = {}
    problems: list[Diagnostic] = []
    for index, statement in quoted:
        found: list[Anchor] = []
        for number, quote in enumerate(statement.quote):
            anchor = article.find(quote.text)
            if anchor is not None:
                found.append(anchor)
                continue
            hint = None
            if not article.words_of(quote.text):
                hint = "the quote has no words once spaces and quotation marks are set aside"
            elif len(problems) < MAX_CLOSEST_PASSAGE_HINTS:
                passage = closest_passage(article_text, quote.text)
                hint = (
                    f"the closest passage, at line {passage[1]} of the article, is:\n{passage[0]}"
                    if passage
                    else "no passage of the article is close; is this the right article?"
                )
            problems.append(
                Diagnostic(
                    ErrorCode.QUOTE_NOT_FOUND,
                    "quote not found in the article text",
                    ("statements", index, "quote", number, "text"),
                    hint=hint,
                )
            )
        if statement.id is not None:
            anchors[statement.id] = tuple(found)
    return anchors, problems
