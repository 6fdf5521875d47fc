"""MkDocs hooks for argmap's documentation site (``hooks:`` in mkdocs.yml).

Two jobs, both at build time so that nothing generated is committed:

* Publish the repository files that pages link to outside ``docs/``, such as the founding
  example's maps in ``examples/``. The pages keep links like ``../examples/x/map.svg``, which
  work on GitHub; this hook adds each such file to the site at ``examples/x/map.svg`` under the
  very name the link uses, so MkDocs resolves, checks (``--strict``) and rewrites the link.
* Generate ``reference/annotation.md``, a field-by-field reference of the annotation format,
  from the pydantic models: their fields, JSON Schema types and attribute docstrings.
"""

from __future__ import annotations

import inspect
import posixpath
import re
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import Any, get_args

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from argmap.model import (
    DEFAULT_RELATION,
    REFERENCE_PATTERN,
    Annotation,
    Article,
    Identifier,
    Kind,
    Quote,
    Relation,
    Response,
    Speaker,
    Speech,
    Statement,
    Topic,
)
from argmap.schema import enum_member_docs

ANNOTATION_REFERENCE = "reference/annotation.md"
MODELS: tuple[type[BaseModel], ...] = (
    Annotation,
    Article,
    Speaker,
    Topic,
    Statement,
    Quote,
    Response,
)
IDENTIFIER: Any = get_args(Identifier)[1]  # Its StringConstraints: pattern, max_length.

# Inline links and images whose target leaves the docs folder: ](../x) or ](../x#anchor).
OUTSIDE_LINK = re.compile(r"\]\((\.\./[^)\s#]+)(?:#[^)\s]*)?\)")


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the repository files that pages link to, and the generated annotation reference."""
    docs = Path(config.docs_dir)
    root = docs.parent.resolve()
    for src_uri in sorted(set(_outside_links(files, docs))):
        target = (docs / src_uri).resolve()
        # Left to MkDocs, which reports the link as broken: a missing file, one outside the
        # repository, or a Markdown page (it would be built as a page, its own links unchecked;
        # link such a file by its URL on GitHub instead).
        if not target.is_file() or not target.is_relative_to(root) or target.suffix == ".md":
            continue
        # The file keeps the name the link uses ("../examples/…") so that MkDocs finds it, and
        # goes to the same path under the site's root ("examples/…").
        files.append(
            File(
                src_uri,
                src_dir=str(docs),
                dest_dir=config.site_dir,
                use_directory_urls=config.use_directory_urls,
                dest_uri=target.relative_to(root).as_posix(),
                # Else MkDocs would exclude it, as its name starts with a dot.
                inclusion=InclusionLevel.INCLUDED,
            )
        )
    files.append(File.generated(config, ANNOTATION_REFERENCE, content=annotation_reference()))
    return files


def _outside_links(files: Files, docs: Path) -> Iterator[str]:
    """Yield the targets of links leaving ``docs/``, as paths relative to ``docs/``."""
    for file in files.documentation_pages():
        if file.abs_src_path is None:
            continue
        text = Path(file.abs_src_path).read_text(encoding="utf-8")
        for match in OUTSIDE_LINK.finditer(text):
            path = posixpath.normpath(posixpath.join(posixpath.dirname(file.src_uri), match[1]))
            if path.startswith("../"):
                yield path


def annotation_reference() -> str:
    """The annotation format's reference, one table per model, one row per field, as Markdown."""
    schema = Annotation.model_json_schema()
    lines = [
        "# Annotation reference",
        "",
        "Every field of an annotation file, generated from argmap's models (`argmap.model`),",
        "so it is always complete. The [annotation format](../annotation-format.md) explains",
        "them with examples; the [tutorial](../tutorial.md) builds a whole file step by step.",
        "Unknown fields are errors.",
        "",
        "## Values",
        "",
        *_table(
            ["type", "what it accepts"],
            [
                [
                    "id",
                    "letters, digits, `_`, `.` and `-`, starting with a letter or digit, at most "
                    f"{IDENTIFIER.max_length} characters (`{IDENTIFIER.pattern}`)",
                ],
                [
                    "reference",
                    "a statement's id, or `ARTICLE:ID` for a statement of another annotation "
                    "file whose `article.id` (or file name without its suffix) is `ARTICLE`",
                ],
                ["text", "any text that is not blank; white space around it is dropped"],
                ["date", "a calendar date, `YYYY-MM-DD`"],
            ],
        ),
    ]
    for model in MODELS:
        definition = schema if model is Annotation else schema["$defs"][model.__name__]
        lines += _heading(model)
        lines += _table(
            ["field", "type", "required", "default", "description"],
            [
                [
                    f"`{name}`",
                    _type(definition["properties"][name]),
                    "yes" if field.is_required() else "",
                    "" if field.is_required() else _default(field.default, field.default_factory),
                    _markdown(field.description or ""),
                ]
                for name, field in model.model_fields.items()
            ],
        )
    kind_of = {relation: kind for kind, relation in DEFAULT_RELATION.items()}
    lines += _heading(Kind)
    lines += _table(
        ["value", "default relation", "meaning"],
        [
            [f"`{kind.value}`", f"`{DEFAULT_RELATION[kind].value}`", _member_doc(kind)]
            for kind in Kind
        ],
    )
    lines += _heading(Relation)
    lines += _table(
        ["value", "default of the kind", "meaning"],
        [
            [
                f"`{relation.value}`",
                f"`{kind_of[relation].value}`" if relation in kind_of else "",
                _member_doc(relation),
            ]
            for relation in Relation
        ],
    )
    lines += _heading(Speech)
    lines += _table(
        ["value", "meaning"], [[f"`{speech.value}`", _member_doc(speech)] for speech in Speech]
    )
    return "\n".join(lines)


def _heading(cls: type) -> list[str]:
    return [f"## `{cls.__name__}`", "", _markdown(inspect.getdoc(cls) or ""), ""]


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    def line(cells: list[str]) -> str:
        return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"

    return [line(header), line(["---"] * len(header)), *map(line, rows), ""]


def _type(prop: dict[str, Any]) -> str:
    """A JSON Schema property as a short phrase: text, [id](#values), list of [Quote](#quote)."""
    if "$ref" in prop:
        name = prop["$ref"].rsplit("/", 1)[1]
        return f"[{name}](#{name.lower()})"
    if "anyOf" in prop:
        kinds = [_type(option) for option in prop["anyOf"] if option.get("type") != "null"]
        return " or ".join(kinds)
    kind = prop.get("type")
    if kind == "array":
        return f"list of {_type(prop.get('items', {}))}"
    if kind == "object":
        patterns = prop.get("patternProperties", {})
        if len(patterns) == 1:
            ((key, value),) = patterns.items()
            return f"mapping of {_type({'type': 'string', 'pattern': key})} to {_type(value)}"
        return f"mapping of text to {_type(prop.get('additionalProperties', {}))}"
    if kind == "string":
        pattern = prop.get("pattern")
        if prop.get("format") == "date":
            return "date"
        if pattern == IDENTIFIER.pattern:
            return "[id](#values)"
        if pattern == REFERENCE_PATTERN:
            return "[reference](#values)"
        if pattern:
            return f"text matching `{pattern}`"
        return "text"
    return str(kind or "any")


def _default(value: Any, factory: Any) -> str:
    if factory is not None:
        value = factory()
    if value is None or value is PydanticUndefined:
        return ""
    if value in ((), {}, []):
        return "empty"
    return f"`{value}`"


def _markdown(text: str) -> str:
    """A docstring as one Markdown line: reStructuredText's ``code`` becomes `code`."""
    return " ".join(text.replace("``", "`").split())


def _member_doc(member: Enum) -> str:
    return _markdown(enum_member_docs(type(member)).get(member.name, ""))
