"""Loading: the whole pipeline from a file to a Dispute, and its errors and warnings."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from argmap.anchoring import normalise
from argmap.diagnostics import AnnotationError, ArgmapError, ErrorCode
from argmap.loader import load, loads

from .conftest import EXAMPLE

SMALL = """\
article:
  title: A small dispute
  text_file: article.txt
speakers:
  ana: {name: Ana Alves}
  ben: {name: Ben Brown}
topics: {taxes: Taxes}
statements:
  - {id: s1, speaker: ana, topic: taxes, kind: claim, text: Taxes rose., quote: taxes rose}
  - id: s2
    speaker: ben
    topic: taxes
    kind: denial
    text: Taxes did not rise.
    quote: “That is false.”
    responds_to: s1
"""


def write(tmp_path: Path, annotation: str, article: bytes | None) -> Path:
    if article is not None:
        (tmp_path / "article.txt").write_bytes(article)
    path = tmp_path / "annotation.yaml"
    path.write_text(annotation, encoding="utf-8")
    return path


def test_loads_an_article_from_a_file_beside_the_annotation(tmp_path: Path) -> None:
    article = "Ana said taxes rose.\r\n\r\nBen replied: \u201cThat is false.\u201d\r\n"
    dispute = load(write(tmp_path, SMALL, article.encode("utf-8-sig")))
    assert (
        dispute.article_text == "Ana said taxes rose.\n\nBen replied: \u201cThat is false.\u201d\n"
    )
    (s2_anchor,) = dispute.anchors["s2"]
    assert dispute.article_text[s2_anchor.start : s2_anchor.end] == "That is false."
    assert s2_anchor.paragraph == 2
    assert dispute.warnings == ()


def test_an_article_that_is_not_utf8_is_an_error_at_text_file(tmp_path: Path) -> None:
    path = write(tmp_path, SMALL, "Caf\u00e9 talk: taxes rose.".encode("latin-1"))
    with pytest.raises(AnnotationError) as caught:
        load(path)
    (problem,) = caught.value.diagnostics
    assert problem.code is ErrorCode.ARTICLE_UNREADABLE
    assert "not valid UTF-8" in problem.message
    assert (problem.position.line, problem.position.column) == (3, 14)  # type: ignore[union-attr]


def test_control_characters_in_an_article_file_are_spaces_with_a_warning(tmp_path: Path) -> None:
    article = "Ana said\x0ctaxes rose.\nBen replied:\x1b\u201cThat is false.\u201d\x07\n"
    dispute = load(write(tmp_path, SMALL, article.encode("utf-8")))
    assert dispute.article_text == "".join(" " if c < " " and c != "\n" else c for c in article)
    (s2_anchor,) = dispute.anchors["s2"]
    assert dispute.article_text[s2_anchor.start : s2_anchor.end] == "That is false."
    (warning,) = dispute.warnings
    assert warning.code is ErrorCode.ENCODING
    assert str(warning).startswith(
        f"{tmp_path / 'article.txt'}:1:9: warning: the article holds 3 control characters "
        "(the first is U+000C); argmap reads them as spaces"
    )


def test_a_missing_annotation_file_is_a_plain_error(tmp_path: Path) -> None:
    with pytest.raises(ArgmapError, match="cannot read the file"):
        load(tmp_path / "missing.yaml")


def test_utf16_files_are_refused_with_a_hint(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("article: {title: T}\n", encoding="utf-16")
    with pytest.raises(AnnotationError, match="UTF-16"):
        load(path)


def test_support_without_a_target_is_a_warning_not_an_error() -> None:
    dispute = loads(
        "article: {title: T}\nspeakers: {a: {name: A}}\ntopics: {t: T}\n"
        "statements:\n  - {id: s1, speaker: a, topic: t, kind: support, text: Because.}\n",
        name="w.yaml",
    )
    (warning,) = dispute.warnings
    assert warning.severity == "warning"
    assert warning.code is ErrorCode.MISSING_TARGET
    assert str(warning).startswith("w.yaml:5:42: warning: a support that responds to nothing")


def test_a_broken_statement_still_has_its_other_fields_checked() -> None:
    with pytest.raises(AnnotationError) as caught:
        loads(
            "article: {title: T, text: Ana spoke.}\nspeakers: {a: {name: A}}\ntopics: {t: T}\n"
            "statements:\n"
            "  - {id: s1, speaker: b, topic: u, kind: clam, text: X, quote: Ben spoke,"
            " responds_to: [s1, s9, {to: s1, relation: bad}]}\n",
            name="b.yaml",
        )
    codes = [d.code for d in caught.value.diagnostics]
    assert codes == [
        ErrorCode.UNKNOWN_SPEAKER,
        ErrorCode.UNKNOWN_TOPIC,
        ErrorCode.INVALID_CHOICE,
        ErrorCode.QUOTE_NOT_FOUND,
        ErrorCode.SELF_RESPONSE,
        ErrorCode.UNKNOWN_STATEMENT,
        ErrorCode.INVALID_CHOICE,
    ]


def test_loading_restores_the_garbage_collector() -> None:
    assert gc.isenabled()
    load(EXAMPLE)
    assert gc.isenabled()
    with pytest.raises(AnnotationError):
        loads("a: [", name="x.yaml")
    assert gc.isenabled()


def test_the_founding_example_loads_with_every_quote_anchored() -> None:
    dispute = load(EXAMPLE)
    assert dispute.warnings == ()
    text = dispute.article_text
    assert text is not None
    for statement in dispute.statements:
        anchors = dispute.anchors.get(statement.id, ())
        assert len(anchors) == len(statement.quote), statement.id
        for anchor, quote in zip(anchors, statement.quote, strict=True):
            found = normalise(text[anchor.start : anchor.end])
            assert found == normalise(quote.text).strip("\"' "), statement.id
