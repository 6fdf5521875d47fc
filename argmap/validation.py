"""Validating parsed YAML against the schema, and turning pydantic's errors into diagnostics.

Messages are chosen by pydantic's error ``type`` (stable across releases), not by its message
text, and name the offending value and what would be accepted, with a did-you-mean hint where a
misspelling is likely. Only for error types argmap does not expect is pydantic's own message
shown, after the field's name.
"""

from __future__ import annotations

import typing
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Annotated, Any, Final, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic.fields import FieldInfo
from pydantic_core import ErrorDetails

from argmap.diagnostics import Diagnostic, ErrorCode, did_you_mean, shorten
from argmap.model import (
    REFERENCE_PATTERN,
    Annotation,
    Article,
    Kind,
    Quote,
    Response,
    Speaker,
    Speech,
    Statement,
    Topic,
    responses_from_shorthand,
)

__all__ = ["PartialStatement", "Validated", "diagnose", "validate"]

Loc = tuple[str | int, ...]

_PATTERNS: Final = {
    "^[A-Za-z0-9][A-Za-z0-9_.-]*$": (
        ErrorCode.INVALID_ID,
        "is not a valid id",
        "ids use letters, digits, '_', '.' and '-', and start with a letter or digit",
    ),
    REFERENCE_PATTERN: (
        ErrorCode.INVALID_ID,
        "is not a valid statement reference",
        "write a statement's id, or ARTICLE:ID for a statement of another annotation file",
    ),
    "^#[0-9A-Fa-f]{6}$": (
        ErrorCode.INVALID_VALUE,
        "is not a colour",
        "write colours as '#rrggbb'",
    ),
    r"^https?://\S+$": (
        ErrorCode.INVALID_VALUE,
        "is not an http(s) URL",
        "write the full address, starting with 'https://'",
    ),
    "^[A-Za-z]{2,3}(-[A-Za-z0-9]+)*$": (
        ErrorCode.INVALID_VALUE,
        "is not a language tag",
        "use a BCP 47 tag such as 'en', 'ru' or 'en-GB'",
    ),
}

_EXPECTED: Final = {
    "string_type": "text",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "tuple_type": "a list",
    "list_type": "a list",
    "bool_type": "true or false",
}

_ID_MAPS: Final = frozenset({"speakers", "topics"})

_SHORTHANDS: Final = {
    "quote": "text or a list of texts",
    "responds_to": "a statement id, a list of ids, or a list of {to, relation} mappings",
    "tags": "a list of texts",
}


def _describe(value: Any) -> str:
    """Name the YAML type of a value, as the annotator wrote it."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"'{str(value).lower()}' (true/false)"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text '{shorten(value)}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _models_in(annotation: Any) -> Iterator[type[BaseModel]]:
    """Yield the pydantic models mentioned in a field's type (inside unions, tuples, dicts)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for arg in typing.get_args(annotation):
        yield from _models_in(arg)


def _enums_in(annotation: Any) -> Iterator[type[Enum]]:
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        yield annotation
    for arg in typing.get_args(annotation):
        yield from _enums_in(arg)


def _field_at(loc: Loc) -> tuple[type[BaseModel], str | None]:
    """Find the model that owns the last field named in ``loc``, and that field's name."""
    model: type[BaseModel] = Annotation
    owner, name = model, None
    for part in loc:
        if isinstance(part, str) and part in model.model_fields:
            owner, name = model, part
            found = next(_models_in(model.model_fields[part].annotation), None)
            if found is not None:
                model = found
    return owner, name


def _model_at(loc: Loc) -> type[BaseModel]:
    """Find the model of the mapping at ``loc`` (where an unknown or missing field is)."""
    owner, name = _field_at(loc[:-1])
    if name is None:
        return owner
    return next(_models_in(owner.model_fields[name].annotation), owner)


def _noun(model: type[BaseModel]) -> str:
    return {
        Annotation: "the annotation",
        Article: "the article",
        Speaker: "a speaker",
        Topic: "a topic",
        Statement: "a statement",
    }.get(model, "this mapping")


def diagnose(error: ErrorDetails, prefix: Loc = ()) -> Diagnostic:
    """Turn one pydantic error into a diagnostic whose ``loc`` is relative to the document."""
    loc: Loc = prefix + tuple(error["loc"])
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    field = next((p for p in reversed(loc) if isinstance(p, str) and p != "[key]"), "value")
    item = bool(loc) and isinstance(loc[-1], int)
    subject = f"each item of '{field}'" if item else f"'{field}'"
    if len(loc) == 2 and loc[0] in _ID_MAPS:  # ("speakers", "ana"): the entry for an id
        subject = f"{str(loc[0])[:-1]} '{shorten(loc[1])}'"
        item = True

    if kind == "extra_forbidden":
        model = _model_at(loc)
        allowed = sorted(model.model_fields)
        return Diagnostic(
            ErrorCode.UNKNOWN_FIELD,
            f"unknown field '{shorten(field)}' in {_noun(model).split()[-1]}",
            loc,
            target="key",
            hint=did_you_mean(str(field), allowed) or f"allowed fields: {', '.join(allowed)}",
        )
    if kind == "missing":
        model = _model_at(loc)
        required = [n for n, f in model.model_fields.items() if f.is_required()]
        return Diagnostic(
            ErrorCode.MISSING_FIELD,
            f"missing required field '{field}'",
            loc,
            target="node",
            hint=f"{_noun(model)} needs: {', '.join(required)}",
        )
    if kind in ("enum", "literal_error") and not isinstance(value, str):
        return Diagnostic(
            ErrorCode.WRONG_TYPE, f"{subject} must be text, not {_describe(value)}", loc
        )
    if kind in ("enum", "literal_error"):
        owner, name = _field_at(loc)
        annotation = owner.model_fields[name].annotation if name else None
        choices = [str(m.value) for e in _enums_in(annotation) for m in e]
        suggestion = did_you_mean(str(value), choices)
        listed = f"choose from: {', '.join(choices)}"
        return Diagnostic(
            ErrorCode.INVALID_CHOICE,
            f"'{shorten(value)}' is not a valid {field}",
            loc,
            hint=f"{suggestion} ({listed})" if suggestion else listed,
        )
    if kind == "string_pattern_mismatch" and ctx.get("pattern") in _PATTERNS:
        code, problem, hint = _PATTERNS[ctx["pattern"]]
        return Diagnostic(code, f"'{shorten(value)}' {problem}", loc, hint=hint)
    if kind in _EXPECTED or (kind == "tuple_type" and field in _SHORTHANDS):
        if not loc:
            return Diagnostic(
                ErrorCode.NOT_A_MAPPING,
                f"the file must hold a mapping, not {_describe(value)}",
                loc,
                target="node",
                hint="an annotation starts with 'article:', then 'speakers:', 'topics:' "
                "and 'statements:'",
            )
        expected = _EXPECTED[kind]
        if len(loc) == 2 and loc[0] == "topics":
            expected = "a label or a mapping"
        elif not item and kind != "string_type":
            expected = _SHORTHANDS.get(field, expected)
        return Diagnostic(
            ErrorCode.WRONG_TYPE, f"{subject} must be {expected}, not {_describe(value)}", loc
        )
    if kind == "string_too_short":
        return Diagnostic(ErrorCode.INVALID_VALUE, f"{subject} must not be blank", loc)
    if kind.startswith("date_"):
        return Diagnostic(
            ErrorCode.INVALID_VALUE,
            f"'{shorten(value)}' is not a date",
            loc,
            hint="write dates as YYYY-MM-DD, e.g. 2017-12-22",
        )
    # A type argmap has no message of its own for: pydantic's words, after the field's name.
    message = error["msg"]
    return Diagnostic(
        ErrorCode.INVALID_VALUE, f"{subject}: {message[:1].lower()}{message[1:]}", loc
    )


def _field_adapter(info: FieldInfo) -> TypeAdapter[Any]:
    annotation: Any = info.annotation
    if info.metadata:
        annotation = Annotated[(annotation, *info.metadata)]
    return TypeAdapter(annotation)


_STATEMENT_FIELDS: Final = {
    name: _field_adapter(info) for name, info in Statement.model_fields.items()
}


@dataclass(frozen=True)
class PartialStatement:
    """The fields of a statement that are valid, when others are not (invalid ones are None).

    Why: a statement with a misspelt kind should still have its speaker, topic, responses and
    quotes checked, so that the annotator sees every problem in one run.
    """

    id: str | None = None
    speaker: str | None = None
    topic: str | None = None
    kind: Kind | None = None
    speech: Speech | None = None
    quote: tuple[Quote, ...] = ()
    responds_to: tuple[Response | None, ...] = ()
    """The responses, None in place of each malformed one."""
    invalid: frozenset[str] = frozenset()
    """The fields present in the file but not valid."""

    @classmethod
    def salvage(cls, item: Any) -> PartialStatement:
        """Keep each field of a raw statement mapping that validates on its own."""
        if not isinstance(item, dict):
            return cls()
        valid: dict[str, Any] = {}
        invalid: set[str] = set()
        for name in ("id", "speaker", "topic", "kind", "speech", "quote", "responds_to"):
            if name in item:
                try:
                    valid[name] = _STATEMENT_FIELDS[name].validate_python(item[name])
                except ValidationError:
                    invalid.add(name)
        if "responds_to" in invalid and isinstance(item["responds_to"], list):
            valid["responds_to"] = tuple(
                _try(Response, response)
                for response in responses_from_shorthand(item["responds_to"])
            )
        return cls(**valid, invalid=frozenset(invalid))


@dataclass(frozen=True)
class Validated:
    """The outcome of validation: the annotation if all is well, else what could be salvaged.

    Attributes:
        annotation: The whole annotation, or None if any part failed.
        problems: Every schema problem found.
        article: The article section, if it validated.
        speaker_ids: The declared speaker ids, valid or not; None if the section is malformed
            (then references to speakers cannot be checked).
        topic_ids: Likewise for topics.
        statements: Each statement in file order; where one failed validation, its valid fields.
    """

    annotation: Annotation | None
    problems: Sequence[Diagnostic]
    article: Article | None
    speaker_ids: frozenset[str] | None
    topic_ids: frozenset[str] | None
    statements: Sequence[Statement | PartialStatement]


def validate(data: Any) -> Validated:
    """Validate parsed YAML data against :class:`~argmap.model.Annotation`.

    When the whole annotation is not valid, each section and each statement is validated on its
    own, so the caller can still check references and quotes of the parts that are valid.
    """
    try:
        annotation = Annotation.model_validate(data)
    except ValidationError as exc:
        problems = [diagnose(e) for e in exc.errors(include_url=False)]
    else:
        return Validated(
            annotation,
            (),
            annotation.article,
            frozenset(annotation.speakers),
            frozenset(annotation.topics),
            annotation.statements,
        )
    if not isinstance(data, dict):
        return Validated(None, problems, None, None, None, ())
    raw_statements = data.get("statements")
    return Validated(
        None,
        problems,
        _try(Article, data.get("article")),
        _keys(data.get("speakers")),
        _keys(data.get("topics")),
        [
            _try(Statement, item) or PartialStatement.salvage(item)
            for item in (raw_statements if isinstance(raw_statements, list) else ())
        ],
    )


_M = TypeVar("_M", bound=BaseModel)


def _try(model: type[_M], data: Any) -> _M | None:
    try:
        return model.model_validate(data)
    except ValidationError:
        return None


def _keys(section: Any) -> frozenset[str] | None:
    if section is None:
        return frozenset()
    return frozenset(str(key) for key in section) if isinstance(section, dict) else None
