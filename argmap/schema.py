"""The JSON Schema of the annotation format, generated from the pydantic models.

Editors that speak the YAML language server protocol (VS Code's YAML extension, Neovim, Helix,
JetBrains IDEs) read it from a first line such as::

    # yaml-language-server: $schema=../../docs/annotation.schema.json

and then complete field names, list the kinds and relations with their meaning, and flag a
misspelt field or a malformed id while the annotator types.

Why generated and not written by hand: the models are the format's single definition, so the
schema cannot drift from what ``argmap validate`` accepts. Pydantic's own generator describes
the models as they validate Python data, though, and an editor sees the YAML differently; the
generator here closes the gaps:

* argmap reads plain scalars as text (``id: 01``, ``title: 1984``), where an editor's YAML 1.2
  parser sees numbers; text and id fields accept numbers too.
* The shorthands the models accept before validation (``responds_to: s1``, ``quote: some
  words``, ``crimea: Crimea``) are described, not only the long forms.
* ``speakers:``, ``topics:`` and ``statements:`` may be left empty (null).
* The values of each enumeration carry their documentation as ``enumDescriptions``, which the
  YAML language server shows beside each completion.

The schema is a help for typing, not the validator: rules across the document (does this
speaker exist? is the quote in the article?) are ``argmap validate``'s.
"""

from __future__ import annotations

import ast
import inspect
import itertools
import json
import re
import textwrap
from collections.abc import Callable
from enum import Enum
from typing import Any, Final, get_args

from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from argmap import model
from argmap.model import REFERENCE_PATTERN, Annotation

__all__ = ["SCHEMA_DIALECT", "annotation_schema", "enum_member_docs", "schema_json"]

SCHEMA_DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"
"""The JSON Schema version pydantic generates, and the one editors are told to read."""

_ID_PATTERN: Final[str] = get_args(model.Identifier)[1].pattern
"""The pattern of :data:`argmap.model.Identifier`, recognised in the generated schema."""

_TEXT: Final[JsonSchemaValue] = {"type": ["string", "number"], "minLength": 1, "pattern": r"\S"}
"""A non-blank text, as argmap reads it: a YAML number is text too."""


def _one_or_list(*forms: JsonSchemaValue) -> JsonSchemaValue:
    """One value of the given forms, or a list of them."""
    return {"anyOf": [*forms, {"type": "array", "items": {"anyOf": list(forms)}}]}


def _copy(value: JsonSchemaValue) -> JsonSchemaValue:
    copied: JsonSchemaValue = json.loads(json.dumps(value))  # pydantic edits what it is given
    return copied


_REFERENCE: Final[JsonSchemaValue] = {
    "type": ["string", "number"],
    "pattern": REFERENCE_PATTERN,
    "maxLength": 257,
}

_SHORTHANDS: Final[dict[Callable[..., Any], Callable[[JsonSchemaValue], JsonSchemaValue]]] = {
    model._topic_from_label: lambda topic: {
        "anyOf": [{**_copy(_TEXT), "description": "The label, short for {label: …}."}, topic]
    },
    model._quotes_from_shorthand: lambda quotes: _one_or_list(_copy(_TEXT), quotes["items"]),
    model.responses_from_shorthand: lambda responses: _one_or_list(
        _copy(_REFERENCE), responses["items"]
    ),
}
"""What each ``BeforeValidator`` of the models accepts, built from the long form's schema (a
reference to a model's definition, or a list of them), by the validator's function."""


class _Generator(GenerateJsonSchema):
    """Pydantic's generator, describing the YAML an annotator writes (see the module's doc)."""

    def str_schema(self, schema: core_schema.StringSchema) -> JsonSchemaValue:
        result = super().str_schema(schema)
        pattern = result.get("pattern")
        if pattern in (None, _ID_PATTERN, REFERENCE_PATTERN):
            # Formatted values (a URL, a colour, a language tag) cannot be a YAML number.
            result["type"] = ["string", "number"]
        if pattern is None and schema.get("strip_whitespace") and schema.get("min_length"):
            result["pattern"] = r"\S"  # argmap strips the text before it checks it is not empty
        return result

    def function_before_schema(
        self, schema: core_schema.BeforeValidatorFunctionSchema
    ) -> JsonSchemaValue:
        long_form = super().function_before_schema(schema)
        shorthand = _SHORTHANDS.get(schema["function"]["function"])
        return long_form if shorthand is None else shorthand(long_form)


def annotation_schema() -> dict[str, Any]:
    """Return the JSON Schema of an annotation file as a dict.

    Descriptions come from the models' docstrings, rewritten for an editor's tooltip: one line
    per paragraph, with Markdown's single backticks.
    """
    schema = Annotation.model_json_schema(schema_generator=_Generator)
    for section in ("speakers", "topics"):
        # Pydantic lets keys that miss the id pattern through; an id's rules are the same here.
        field = schema["properties"][section]
        ((pattern, value),) = field.pop("patternProperties").items()
        field["propertyNames"] = {"pattern": pattern, "maxLength": 128}
        field["additionalProperties"] = value
    for section in ("speakers", "topics", "statements"):
        # Annotation._null_sections_are_empty: ``speakers:`` with nothing under it is empty.
        field = schema["properties"][section]
        keep = {k: field.pop(k) for k in ("title", "description", "default") if k in field}
        schema["properties"][section] = {**keep, "anyOf": [field, {"type": "null"}]}
    for name, definition in schema["$defs"].items():
        enum = getattr(model, name, None)
        if isinstance(enum, type) and issubclass(enum, Enum):
            docs = enum_member_docs(enum)
            definition["enumDescriptions"] = [docs.get(m.name, "") for m in enum]
    _tidy_descriptions(schema)
    return {"$schema": SCHEMA_DIALECT, **schema}


def schema_json() -> str:
    """Return :func:`annotation_schema` as JSON text: indented, stable, ending with a newline.

    Why stable: the schema is committed (``docs/annotation.schema.json``) and a test compares
    it with this text, so the same models must give the same bytes.
    """
    return json.dumps(annotation_schema(), indent=2, ensure_ascii=False) + "\n"


def enum_member_docs(enum: type[Enum]) -> dict[str, str]:
    """The docstrings written under an enumeration's members, by member name.

    Python keeps no attribute docstrings at run time; pydantic reads them from the source for
    models (``use_attribute_docstrings``) but not for enumerations, so this does the same.
    """
    tree = ast.parse(textwrap.dedent(inspect.getsource(enum)))
    body = tree.body[0].body if isinstance(tree.body[0], ast.ClassDef) else []
    docs: dict[str, str] = {}
    for statement, following in itertools.pairwise(body):
        if (
            isinstance(statement, ast.Assign)
            and isinstance(statement.targets[0], ast.Name)
            and isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
        ):
            docs[statement.targets[0].id] = inspect.cleandoc(following.value.value)
    return docs


def _tidy_descriptions(node: Any) -> None:
    """Rewrite every description in place: paragraphs on one line, single backticks."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "description" and isinstance(value, str):
                node[key] = _tidy(value)
            elif key == "enumDescriptions":
                node[key] = [_tidy(text) for text in value]
            else:
                _tidy_descriptions(value)
    elif isinstance(node, list):
        for item in node:
            _tidy_descriptions(item)


def _tidy(text: str) -> str:
    paragraphs = re.split(r"\n\s*\n", text.replace("``", "`"))
    return "\n\n".join(" ".join(p.split()) for p in paragraphs)
