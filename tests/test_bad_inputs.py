"""Every file in tests/bad gives exactly the messages in its .errors file: no traceback, ever.

The .errors files are the expected standard error of ``argmap validate CASE.yaml`` run in that
directory: positions, messages, hints and the summary line. They double as a catalogue of what
users see. Regenerate with ``pytest --update-golden`` and review the diff line by line.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.cli import main

from .conftest import BAD_INPUTS

INVALID = BAD_INPUTS / "yaml"
CASES = sorted(path.stem for path in INVALID.glob("*.yaml"))


def test_there_are_cases_for_every_documented_error_kind() -> None:
    expected = {
        "yaml_syntax", "yaml_tab", "duplicate_key", "unknown_field", "bad_kind", "bad_relation",
        "unknown_speaker", "unknown_topic", "unknown_statement", "duplicate_id", "self_response",
        "quote_not_found", "many_errors",
    }  # fmt: skip
    assert expected <= set(CASES)


@pytest.mark.parametrize("case", CASES)
def test_invalid_file_reports_exact_positions(
    case: str, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    monkeypatch.chdir(INVALID)
    result = CliRunner().invoke(main, ["validate", f"{case}.yaml"])
    expected_file = INVALID / f"{case}.errors"
    if request.config.getoption("--update-golden"):
        expected_file.write_text(result.stderr, encoding="utf-8")
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.stderr == expected_file.read_text(encoding="utf-8")


@pytest.mark.parametrize("case", CASES)
def test_every_error_line_starts_with_the_file_and_a_position(case: str) -> None:
    lines = (INVALID / f"{case}.errors").read_text(encoding="utf-8").splitlines()
    first = lines[0]
    name, line, column, rest = first.split(":", 3)
    assert name == f"{case}.yaml"
    assert int(line) >= 1
    assert int(column) >= 1
    assert rest.startswith((" error: ", " warning: "))
    assert lines[-1].startswith("argmap: ")


def test_no_case_file_is_left_without_expected_errors() -> None:
    expected = {path.stem for path in Path(INVALID).glob("*.errors")}
    assert expected == set(CASES)
