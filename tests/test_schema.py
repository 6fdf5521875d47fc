"""The JSON Schema: shipped as generated, and it accepts and refuses what argmap does.

Two readings of each file are checked against the schema: argmap's own (every plain scalar is
text) and an editor's (YAML 1.2's core schema, as the YAML language server reads it, where
``id: 01`` is a number and a date is text).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from argmap import yamlsource
from argmap.cli import main
from argmap.diagnostics import AnnotationError
from argmap.schema import annotation_schema, schema_json
from argmap.validation import validate

from .conftest import BAD_INPUTS, DATA, ROOT

SHIPPED = ROOT / "docs" / "annotation.schema.json"
EXAMPLES = sorted((ROOT / "examples").glob("*/annotation.yaml"))
VALID_DATA = sorted(DATA.rglob("*.yaml"))
SCHEMA_LINE = re.compile(r"# yaml-language-server: \$schema=(\S+)\n")


class _Yaml12Core(yaml.SafeLoader):
    """YAML 1.2's core schema, as editors read YAML: no dates, no yes/no booleans."""


_Yaml12Core.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in [
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", list("-+0123456789")),
    (
        "float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        list("-+.0123456789"),
    ),
]:
    _Yaml12Core.add_implicit_resolver(f"tag:yaml.org,2002:{_tag}", re.compile(_pattern), _first)


def _int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
    text = str(loader.construct_scalar(node))
    base = {"0o": 8, "0x": 16}.get(text[:2], 10)
    return int(text[2:] if base != 10 else text, base)


def _float(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> float:
    text = str(loader.construct_scalar(node)).lower().replace(".inf", "inf").replace(".nan", "nan")
    return float(text)


_Yaml12Core.add_constructor("tag:yaml.org,2002:int", _int)
_Yaml12Core.add_constructor("tag:yaml.org,2002:float", _float)


def as_editor_reads(path: Path) -> Any:
    """The file as JSON data, read as the YAML language server reads it (keys are text)."""

    def keys_as_text(value: Any) -> Any:
        if isinstance(value, dict):
            return {str(k): keys_as_text(v) for k, v in value.items()}
        if isinstance(value, list):
            return [keys_as_text(v) for v in value]
        return value

    return keys_as_text(yaml.load(path.read_text(encoding="utf-8"), Loader=_Yaml12Core))


def as_argmap_reads(path: Path) -> Any:
    return yamlsource.parse(path.read_text(encoding="utf-8"), str(path)).data


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = json.loads(SHIPPED.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def errors(validator: Draft202012Validator, data: Any) -> list[str]:
    """Every error, with those of each alternative of an anyOf ("not valid under any…")."""
    found: list[str] = []
    pending = list(validator.iter_errors(data))
    while pending:
        error = pending.pop(0)
        found.append(f"{list(error.absolute_path)}: {error.message}")
        pending.extend(error.context or ())
    return found


def test_the_shipped_schema_is_the_generated_one() -> None:
    assert SHIPPED.read_text(encoding="utf-8") == schema_json(), (
        "docs/annotation.schema.json is stale: run `argmap schema -o docs/annotation.schema.json`"
    )


def test_the_schema_is_deterministic() -> None:
    assert schema_json() == schema_json()
    assert json.loads(schema_json()) == annotation_schema()


def test_argmap_schema_prints_or_writes_it(tmp_path: Path) -> None:
    printed = CliRunner().invoke(main, ["schema"])
    assert (printed.exit_code, printed.stdout) == (0, schema_json())
    assert CliRunner().invoke(main, ["schema", "-o", "-"]).stdout == schema_json()
    out = tmp_path / "annotation.schema.json"
    written = CliRunner().invoke(main, ["schema", "-o", str(out)])
    assert (written.exit_code, written.output) == (0, "")
    assert out.read_text(encoding="utf-8") == schema_json()


def test_the_schema_is_useful_in_an_editor() -> None:
    schema = annotation_schema()
    defs = schema["$defs"]
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["additionalProperties"] is False
    assert all(defs[m]["additionalProperties"] is False for m in ("Article", "Statement", "Quote"))
    assert defs["Kind"]["enum"][:3] == ["claim", "denial", "counterclaim"]
    assert (
        defs["Kind"]["enumDescriptions"][1] == "Says that what another statement asserts is false."
    )
    assert all(defs["Relation"]["enumDescriptions"])
    assert "``" not in json.dumps(schema)  # descriptions in Markdown's single backticks
    responds_to = defs["Statement"]["properties"]["responds_to"]
    assert responds_to["anyOf"][0]["pattern"].startswith("^([A-Za-z0-9]")


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.parent.name)
def test_every_example_names_the_shipped_schema(path: Path) -> None:
    first_line = path.read_text(encoding="utf-8").partition("\n")[0] + "\n"
    found = SCHEMA_LINE.fullmatch(first_line)
    assert found, f"{path} does not start with '# yaml-language-server: $schema=…'"
    assert (path.parent / found.group(1)).resolve() == SHIPPED


@pytest.mark.parametrize(
    "path",
    [*EXAMPLES, *VALID_DATA, BAD_INPUTS / "yaml" / "numeric_ids.yaml"],
    ids=lambda p: str(p.relative_to(ROOT)),
)
@pytest.mark.parametrize("reader", [as_argmap_reads, as_editor_reads])
def test_valid_files_satisfy_the_schema(
    validator: Draft202012Validator, path: Path, reader: Any
) -> None:
    assert errors(validator, reader(path)) == []


def readable(path: Path) -> bool:
    try:
        as_argmap_reads(path)
    except (AnnotationError, UnicodeDecodeError):
        return False
    return True


BAD_YAML = [p for p in sorted((BAD_INPUTS / "yaml").glob("*.yaml")) if readable(p)]


@pytest.mark.parametrize("path", BAD_YAML, ids=lambda p: p.stem)
def test_the_schema_agrees_with_the_models_on_every_bad_input(
    validator: Draft202012Validator, path: Path
) -> None:
    """A file the models refuse is refused by the schema; one they accept, accepted."""
    data = as_argmap_reads(path)
    models_refuse = bool(validate(data).problems)
    assert bool(errors(validator, data)) == models_refuse


HEAD = "article: {title: T}\n"


@pytest.mark.parametrize(
    ("document", "where"),
    [
        ("article: {title: T, titel: U}", "['article']: Additional properties"),
        ("article: {}", "['article']: 'title' is a required property"),
        ("article: {title: '  '}", "['article', 'title']"),
        ("article: {title: true}", "['article', 'title']"),
        ("article: {title: T, url: ftp://x}", "['article', 'url']"),
        ("article: {title: T}\nspeakers: {bad id: {name: A}}", "['speakers']"),
        (
            "article: {title: T}\nspeakers: {a: {name: A, color: red}}",
            "['speakers', 'a', 'color']",
        ),
        (
            f"{HEAD}statements: [{{id: s, speaker: a, topic: t, kind: denail, text: X}}]",
            "['statements', 0, 'kind']: 'denail' is not one of",
        ),
        (
            f"{HEAD}statements: [{{id: s, speaker: a, topic: t, kind: claim}}]",
            "['statements', 0]: 'text' is a required property",
        ),
        (
            f"{HEAD}statements: [{{id: s, speaker: a, topic: t, kind: claim, text: X, "
            "responds_to: a:b:c}]",
            "['statements', 0, 'responds_to']",
        ),
    ],
)
def test_invalid_documents_are_refused(
    validator: Draft202012Validator, document: str, where: str
) -> None:
    data = yamlsource.parse(document, "t.yaml").data
    found = errors(validator, data)
    assert any(e.startswith(where) for e in found), found
