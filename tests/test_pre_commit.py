"""The pre-commit hook other repositories use: it parses, and its command runs."""

from __future__ import annotations

import re
import shlex
import tomllib
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from argmap.cli import main

from .conftest import BAD_INPUTS, EXAMPLE, ROOT


@pytest.fixture(scope="module")
def hook() -> dict[str, Any]:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert isinstance(hooks, list)
    (found,) = [h for h in hooks if h["id"] == "argmap-validate"]
    assert isinstance(found, dict)
    return found


def test_the_hook_is_complete(hook: dict[str, Any]) -> None:
    assert {"id", "name", "entry", "language"} <= set(hook)
    assert hook["language"] == "python"
    assert hook["require_serial"] is True
    assert "argmap-validate" in (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")


def test_the_entry_is_argmaps_command_and_validates(hook: dict[str, Any]) -> None:
    program, *args = shlex.split(hook["entry"])
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert program in pyproject["project"]["scripts"]
    good = CliRunner().invoke(main, [*args, str(EXAMPLE)])
    assert (good.exit_code, good.output) == (0, "")
    bad = CliRunner().invoke(main, [*args, str(BAD_INPUTS / "yaml" / "unknown_speaker.yaml")])
    assert bad.exit_code == 1
    assert "unknown_speaker.yaml:9:14: error: unknown speaker 'bne'" in bad.stderr


@pytest.mark.parametrize(
    ("path", "checked"),
    [
        ("examples/johnson-lavrov/annotation.yaml", True),
        ("annotation.yml", True),
        ("stories/moscow.argmap.yaml", True),
        (".github/workflows/ci.yml", False),
        ("mkdocs.yml", False),
        (".argmap.yaml", False),
        ("docs/annotation.yaml.md", False),
    ],
)
def test_the_hook_checks_annotation_files_only(
    hook: dict[str, Any], path: str, checked: bool
) -> None:
    assert bool(re.search(hook["files"], path)) is checked
