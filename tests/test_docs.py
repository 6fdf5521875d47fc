"""The docs and README are tested: their commands run, their excerpts match the real files,
and the references list every error code, field and option there is.

* ```console blocks: each ``$ argmap …`` line is run (in a scratch copy of examples/ and
  tests/data/) and must print the lines that follow it; a line ``...`` stands for any lines.
* ```yaml blocks in the tutorial are excerpts of the founding example and must appear in it
  verbatim (after the common indentation is removed).
* ``>>>`` examples run as doctests (pytest's --doctest-glob, see pyproject.toml).
"""

from __future__ import annotations

import re
import shlex
import shutil
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from argmap.cli import main
from argmap.diagnostics import ErrorCode
from argmap.model import Annotation, Article, Quote, Response, Speaker, Statement, Topic

from .conftest import BAD_INPUTS, DATA, EXAMPLE, ROOT

DOCS = ROOT / "docs"
PAGES = sorted([*DOCS.rglob("*.md"), ROOT / "README.md"])
FENCE = re.compile(r"^```(\w+)\n(.*?)^```", re.MULTILINE | re.DOTALL)


def blocks(page: Path, language: str) -> Iterator[str]:
    for match in FENCE.finditer(page.read_text(encoding="utf-8")):
        if match.group(1) == language:
            yield match.group(2)


def console_examples() -> Iterator[tuple[str, str, list[str]]]:
    for page in PAGES:
        for number, block in enumerate(blocks(page, "console")):
            command: str | None = None
            expected: list[str] = []
            for line in [*block.splitlines(), "$ end"]:
                if line.startswith("$ "):
                    if command and command.startswith("argmap "):
                        yield f"{page.relative_to(ROOT)}#{number}", command, expected
                    command, expected = line[2:], []
                else:
                    expected.append(line)


def matches(actual: list[str], expected: list[str]) -> bool:
    if not expected:
        return not actual
    if expected[0] == "...":
        return any(matches(actual[i:], expected[1:]) for i in range(len(actual) + 1))
    return bool(actual) and actual[0] == expected[0] and matches(actual[1:], expected[1:])


EXAMPLES = list(console_examples())


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    shutil.copytree(DATA, tmp_path / "tests" / "data")
    shutil.copytree(BAD_INPUTS, tmp_path / "tests" / "bad")
    (tmp_path / "out").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_docs_have_console_examples() -> None:
    assert len(EXAMPLES) >= 10


@pytest.mark.needs_dot
@pytest.mark.parametrize(("where", "command", "expected"), EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_console_example(scratch: Path, where: str, command: str, expected: list[str]) -> None:
    args = shlex.split(command)[1:]
    result = CliRunner().invoke(main, args, prog_name="argmap")
    actual = result.output.splitlines()
    assert matches(actual, expected), f"{where}: $ {command}\n" + result.output


def test_tutorial_yaml_excerpts_are_from_the_founding_example() -> None:
    source = EXAMPLE.read_text(encoding="utf-8")
    excerpts = list(blocks(DOCS / "tutorial.md", "yaml"))
    assert len(excerpts) >= 5
    for excerpt in excerpts:
        # A line "# ..." marks lines left out; the pieces between must appear in order.
        position = 0
        for piece in re.split(r"^\s*# \.\.\.\n", excerpt, flags=re.MULTILINE):
            if piece.strip():
                found = source.find(piece.strip("\n"), position)
                assert found >= 0, f"not in the founding example:\n{piece}"
                position = found


def test_error_catalogue_has_one_section_per_code() -> None:
    text = (DOCS / "errors.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## `(\w+)`", text, re.MULTILINE)
    assert headings == sorted(headings)
    assert set(headings) == {code.value for code in ErrorCode}


@pytest.mark.parametrize(
    "model", [Annotation, Article, Speaker, Topic, Statement, Quote, Response]
)
def test_annotation_reference_documents_every_field(model: type) -> None:
    text = (DOCS / "annotation-format.md").read_text(encoding="utf-8")
    for field in model.model_fields:  # type: ignore[attr-defined]
        assert f"`{field}`" in text, f"{model.__name__}.{field}"


def test_cli_reference_documents_every_command_and_option() -> None:
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    assert isinstance(main, click.Group)
    for name, command in main.commands.items():
        assert f"## `argmap {name}`" in text, name
        for param in command.params:
            if isinstance(param, click.Option):
                assert any(f"`{opt}" in text for opt in param.opts), f"{name} {param.opts}"


def test_readme_quickstart_is_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quickstart = readme.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    (block,) = blocks_in(quickstart, "sh")
    commands = [line for line in block.splitlines() if line and not line.startswith("#")]
    assert commands == ["./scripts/quickstart", "./scripts/test"]
    assert (ROOT / ".ci" / "run").read_text().rstrip().endswith("exec ./scripts/test")


def blocks_in(text: str, language: str) -> list[str]:
    return [m.group(2) for m in FENCE.finditer(text) if m.group(1) == language]


def test_readme_annotation_example_is_valid() -> None:
    from argmap.loader import loads

    (block,) = blocks(ROOT / "README.md", "yaml")
    dispute = loads(block, name="README.md", base_dir=EXAMPLE.parent)
    assert [s.id for s in dispute.statements] == [
        "lavrov-johnson-confirmed",
        "johnson-not-successfully",
    ]
