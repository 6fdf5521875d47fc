"""Every file in tests/bad gives exactly the messages in its .errors file: no traceback, ever.

The .errors files are the expected standard error of ``argmap validate CASE.yaml`` (in
tests/bad/yaml) or ``argmap import CASE --from FORMAT`` (in tests/bad/aif, xaif and argdown),
run in that directory: positions or elements, messages, hints and the summary line. They double
as a catalogue of what users see. Regenerate with ``pytest --update-golden`` and review the diff
line by line.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.cli import main

from .conftest import BAD_INPUTS

INVALID = BAD_INPUTS / "yaml"
CASES = sorted(path.stem for path in INVALID.glob("*.yaml"))
IMPORT_SUFFIXES = {"aif": ".json", "xaif": ".json", "argdown": ".argdown"}
IMPORT_CASES = sorted(
    (fmt, path.name)
    for fmt, suffix in IMPORT_SUFFIXES.items()
    for path in (BAD_INPUTS / fmt).glob(f"*{suffix}")
)


def test_the_corpus_holds_at_least_forty_broken_inputs_across_formats() -> None:
    assert len(CASES) + len(IMPORT_CASES) >= 40
    assert {fmt for fmt, _ in IMPORT_CASES} == set(IMPORT_SUFFIXES)


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


@pytest.mark.parametrize(("fmt", "name"), IMPORT_CASES, ids=[f"{f}/{n}" for f, n in IMPORT_CASES])
def test_broken_import_names_the_file_and_the_element(
    fmt: str,
    name: str,
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
    tmp_path: Path,
) -> None:
    monkeypatch.chdir(BAD_INPUTS / fmt)
    output = tmp_path / "imported.yaml"
    output.write_text("an earlier import\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["import", name, "--from", fmt, "-o", str(output)])
    expected_file = (BAD_INPUTS / fmt / name).with_suffix(".errors")
    if request.config.getoption("--update-golden"):
        expected_file.write_text(result.stderr, encoding="utf-8")
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.stdout == ""
    assert result.stderr == expected_file.read_text(encoding="utf-8")
    assert result.stderr.startswith(f"argmap: {name}")
    assert output.read_text(encoding="utf-8") == "an earlier import\n"  # not clobbered


def test_no_import_case_is_left_without_expected_errors() -> None:
    for fmt, suffix in IMPORT_SUFFIXES.items():
        expected = {path.stem for path in (BAD_INPUTS / fmt).glob("*.errors")}
        assert expected == {path.stem for path in (BAD_INPUTS / fmt).glob(f"*{suffix}")}
