"""The schema: shorthands, defaults, and what each model refuses."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from argmap.model import (
    DEFAULT_RELATION,
    Annotation,
    Kind,
    Quote,
    Relation,
    Response,
    Speech,
    Statement,
    Topic,
)

BASE = {"id": "s1", "speaker": "a", "topic": "t", "kind": "denial", "text": "No."}


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("s0", (Response(to="s0"),)),
        (["s0", "s2"], (Response(to="s0"), Response(to="s2"))),
        ([{"to": "s0", "relation": "counters"}], (Response(to="s0", relation=Relation.COUNTERS),)),
        ({"to": "s0", "relation": "agrees"}, (Response(to="s0", relation=Relation.AGREES),)),
    ],
)
def test_responds_to_shorthands(given: object, expected: tuple[Response, ...]) -> None:
    assert Statement.model_validate({**BASE, "responds_to": given}).responds_to == expected


def test_relation_defaults_from_kind_and_can_be_given_per_target() -> None:
    statement = Statement.model_validate(
        {**BASE, "responds_to": ["s0", {"to": "s2", "relation": "concedes"}]}
    )
    assert list(statement.targets()) == [("s0", Relation.DENIES), ("s2", Relation.CONCEDES)]


def test_every_kind_has_a_default_relation() -> None:
    assert set(DEFAULT_RELATION) == set(Kind)


@pytest.mark.parametrize(
    ("quote", "speech", "modes", "overall"),
    [
        ((), None, (), Speech.REPORTED),
        ("Not successfully.", None, (Speech.DIRECT,), Speech.DIRECT),
        ("He denied it", "reported", (Speech.REPORTED,), Speech.REPORTED),
        (
            [{"text": "He denied it", "speech": "reported"}, "I deny it"],
            None,
            (Speech.REPORTED, Speech.DIRECT),
            Speech.DIRECT,
        ),
    ],
)
def test_speech_mode_per_quote_and_overall(
    quote: object, speech: str | None, modes: tuple[Speech, ...], overall: Speech
) -> None:
    statement = Statement.model_validate({**BASE, "quote": quote, "speech": speech})
    assert statement.quote_speech() == modes
    assert statement.speech_mode is overall


@pytest.mark.parametrize(
    "given",
    ["a few kopecks", ["a few kopecks"], {"text": "a few kopecks"}, [{"text": "a few kopecks"}]],
)
def test_quote_shorthands_make_quote_objects(given: object) -> None:
    statement = Statement.model_validate({**BASE, "quote": given})
    assert statement.quote == (Quote(text="a few kopecks"),)


def test_topic_label_shorthand() -> None:
    annotation = Annotation.model_validate({"article": {"title": "T"}, "topics": {"rt": "RT"}})
    assert annotation.topics == {"rt": Topic(label="RT")}


def test_empty_sections_are_allowed() -> None:
    annotation = Annotation.model_validate(
        {"article": {"title": "T"}, "speakers": None, "topics": None, "statements": None}
    )
    assert annotation.statements == ()


@pytest.mark.parametrize(
    "change",
    [
        {"colour": "red"},
        {"kind": "rebuttal"},
        {"id": "has space"},
        {"id": "a:b"},
        {"text": "   "},
        {"quote": 3},
        {"responds_to": [{"to": "s0", "relation": "refutes"}]},
        {"speech": "indirect"},
    ],
)
def test_statement_refuses(change: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        Statement.model_validate({**BASE, **change})


def test_models_are_frozen() -> None:
    statement = Statement.model_validate(BASE)
    with pytest.raises(ValidationError):
        statement.text = "changed"  # type: ignore[misc]
