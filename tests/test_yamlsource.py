"""YAML parsing: YAML 1.2 scalars, positions, duplicate keys, and what argmap refuses."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.diagnostics import AnnotationError, ErrorCode
from argmap.yamlsource import MAX_ALIAS_EXPANSION, parse


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("v: no", "no"),
        ("v: yes", "yes"),
        ("v: on", "on"),
        ("v: true", True),
        ("v: False", False),
        ("v: ~", None),
        ("v: null", None),
        ("v:", None),
        ("v: 12", "12"),
        ("v: 01", "01"),
        ("v: -3", "-3"),
        ("v: 1.10", "1.10"),
        ("v: 1e3", "1e3"),
        ("v: " + "9" * 5000, "9" * 5000),
        ("v: 2017-12-22", "2017-12-22"),
        ("v: 1_000", "1_000"),
        ("v: 0x1F", "0x1F"),
        ("v: !!int 12", "12"),
        ('v: "true"', "true"),
        ("v: '12'", "12"),
        ("v: !!str 12", "12"),
        ("v: |\n  two\n  lines\n", "two\nlines\n"),
        ("v: Not successfully.", "Not successfully."),
    ],
)
def test_scalars_keep_their_spelling_except_null_and_booleans(
    source: str, expected: object
) -> None:
    assert parse(source, "f.yaml").data == {"v": expected}


def test_locate_points_at_values_keys_and_parents() -> None:
    doc = parse("statements:\n  - id: s1\n    speaker: ana\n", "f.yaml")
    assert str(doc.locate(("statements", 0, "speaker"))) == "f.yaml:3:14"
    assert str(doc.locate(("statements", 0, "speaker"), "key")) == "f.yaml:3:5"
    assert str(doc.locate(("statements", 0, "topic"), "node")) == "f.yaml:2:5"
    assert str(doc.locate(("statements", 7))) == "f.yaml:2:3"
    assert str(doc.locate(())) == "f.yaml:1:1"


def test_locate_skips_segments_pydantic_adds_and_points_at_keys_for_key_errors() -> None:
    doc = parse("speakers:\n  bad id:\n    name: Ana\n", "f.yaml")
    assert str(doc.locate(("speakers", "bad id", "[key]"))) == "f.yaml:2:3"
    assert str(doc.locate(("speakers", "bad id", "function-after[x]", "name"))) == "f.yaml:3:11"


def test_duplicate_key_is_reported_with_both_positions_and_parsing_goes_on() -> None:
    doc = parse("a: 1\nb: 2\na: 3\n", "f.yaml")
    assert doc.data == {"a": "3", "b": "2"}
    (problem,) = doc.problems
    assert problem.code is ErrorCode.DUPLICATE_KEY
    assert str(problem.position) == "f.yaml:3:1"
    assert str(problem.note_position) == "f.yaml:1:1"


@pytest.mark.parametrize(
    ("source", "code", "position"),
    [
        ("a: [1, 2\nb: 3\n", ErrorCode.YAML_SYNTAX, "f.yaml:2:2"),
        ("a:\n\tb: 1\n", ErrorCode.YAML_SYNTAX, "f.yaml:2:1"),
        ("a: b: c\n", ErrorCode.YAML_SYNTAX, "f.yaml:1:5"),
        ("a: *nowhere\n", ErrorCode.YAML_SYNTAX, "f.yaml:1:4"),
        ("a: 1\n---\nb: 2\n", ErrorCode.YAML_SYNTAX, "f.yaml:2:1"),
        ("", ErrorCode.EMPTY_DOCUMENT, "f.yaml:1:1"),
        ("# only a comment\n", ErrorCode.EMPTY_DOCUMENT, "f.yaml:1:1"),
        ("a: !!binary aGVsbG8=\n", ErrorCode.UNSUPPORTED_YAML, "f.yaml:1:4"),
        ("a: !custom x\n", ErrorCode.UNSUPPORTED_YAML, "f.yaml:1:4"),
        ("a: !!set {x}\n", ErrorCode.UNSUPPORTED_YAML, "f.yaml:1:4"),
        ("base: &b {x: 1}\nc:\n  <<: *b\n", ErrorCode.UNSUPPORTED_YAML, "f.yaml:3:3"),
        ("? [a, b]\n: c\n", ErrorCode.UNSUPPORTED_YAML, "f.yaml:1:3"),
        ("a: b\x07\n", ErrorCode.ENCODING, "f.yaml:1:5"),
        ("a: é\x07\n", ErrorCode.ENCODING, "f.yaml:1:5"),
    ],
)
def test_refused_documents_name_the_position(source: str, code: ErrorCode, position: str) -> None:
    with pytest.raises(AnnotationError) as caught:
        parse(source, "f.yaml")
    (problem,) = caught.value.diagnostics
    assert problem.code is code
    assert str(problem.position) == position


def test_keys_are_always_their_text() -> None:
    assert parse("1: a\n'1.0': b\ntrue: c\n~: d\n01: e\n", "f.yaml").data == {
        "1": "a",
        "1.0": "b",
        "true": "c",
        "~": "d",
        "01": "e",
    }


def test_control_characters_are_placed_by_character_not_byte() -> None:
    with pytest.raises(AnnotationError) as caught:
        parse('article:\n  title: "éééé"\n  note: "\x02"\n  x: "\x7f"\n', "f.yaml")
    assert [str(d).split(" [")[0] for d in caught.value.diagnostics] == [
        "f.yaml:3:10: error: control character U+0002 is not allowed in YAML",
        "f.yaml:4:7: error: control character U+007F is not allowed in YAML",
    ]


def test_small_aliases_are_expanded() -> None:
    doc = parse("tags: &t [a, b]\nmore: *t\n", "f.yaml")
    assert doc.data == {"tags": ["a", "b"], "more": ["a", "b"]}


def test_alias_bomb_is_refused() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    with pytest.raises(AnnotationError) as caught:
        parse("\n".join(lines), "f.yaml")
    (problem,) = caught.value.diagnostics
    assert problem.code is ErrorCode.TOO_COMPLEX
    assert f"{MAX_ALIAS_EXPANSION:,}" in problem.message


def test_deep_nesting_is_refused() -> None:
    with pytest.raises(AnnotationError) as caught:
        parse("a: " + "[" * 200 + "]" * 200, "f.yaml")
    assert caught.value.diagnostics[0].code is ErrorCode.TOO_COMPLEX


@settings(max_examples=400, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(
            list("ab: -[]{}#&*!|>'\"\n\t,?%@`~.0é€😀\x00\x07\x85\u2028\ufeff")
        ),
        max_size=60,
    )
)
def test_any_text_parses_or_fails_with_a_position_inside_the_file(text: str) -> None:
    try:
        parse(text, "f.yaml")
    except AnnotationError as exc:
        assert exc.diagnostics
        lines = text.split("\n")
        for d in exc.diagnostics:
            assert d.position is not None
            assert 1 <= d.position.line <= len(lines) + 1
            if d.position.line <= len(lines):
                assert 1 <= d.position.column <= len(lines[d.position.line - 1]) + 1
