"""The command line, end to end: exit codes, messages, files written or left alone."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from argmap.cli import main

from .conftest import BAD_INPUTS, EXAMPLE, ROOT

BAD = BAD_INPUTS / "yaml" / "many_errors.yaml"


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


def test_validate_a_good_file() -> None:
    result = run("validate", EXAMPLE)
    assert result.exit_code == 0
    assert result.stdout == (
        f"{EXAMPLE}: ok (26 statements, 2 speakers, 7 topics, 31 quotes anchored)\n"
    )
    assert result.stderr == ""


def test_validate_reports_every_file_and_fails_if_any_is_bad() -> None:
    result = run("validate", BAD, EXAMPLE)
    assert result.exit_code == 1
    assert f"{EXAMPLE}: ok" in result.stdout
    assert f"{BAD}:20:14: error: unknown speaker 'benn'" in result.stderr
    assert result.stderr.endswith(f"argmap: 8 errors in {BAD}\n")
    assert "Traceback" not in result.output


def test_validate_quiet_prints_nothing_for_good_files() -> None:
    result = run("validate", "-q", EXAMPLE)
    assert (result.exit_code, result.output) == (0, "")


def test_validate_strict_fails_on_warnings(tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    path.write_text(
        "article: {title: T}\nspeakers: {a: {name: A}}\ntopics: {t: T}\n"
        "statements: [{id: s1, speaker: a, topic: t, kind: support, text: Because.}]\n"
    )
    assert run("validate", path).exit_code == 0
    strict = run("validate", "--strict", path)
    assert strict.exit_code == 1
    assert "warning: a support that responds to nothing" in strict.stderr
    assert "argmap: 1 warning in" in strict.stderr


def test_validate_a_missing_file(tmp_path: Path) -> None:
    result = run("validate", tmp_path / "nope.yaml")
    assert result.exit_code == 1
    assert "nope.yaml: cannot read the file: No such file or directory" in result.stderr


@pytest.mark.needs_dot
@pytest.mark.parametrize(
    ("name", "magic"),
    [
        ("map.svg", b"<?xml"),
        ("map.png", b"\x89PNG"),
        ("map.pdf", b"%PDF-"),
        ("map.dot", b"digraph"),
    ],
)
def test_render_each_format_from_the_suffix(tmp_path: Path, name: str, magic: bytes) -> None:
    out = tmp_path / name
    result = run("render", EXAMPLE, "-o", out)
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(magic)


@pytest.mark.needs_dot
@pytest.mark.parametrize("group_by", ["speaker", "topic", "none"])
def test_render_options(tmp_path: Path, group_by: str) -> None:
    out = tmp_path / "map.svg"
    result = run(
        "render", EXAMPLE, "-o", out, "--group-by", group_by, "--color-by", "group",
        "--wrap", "40", "--no-legend",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    svg = out.read_text(encoding="utf-8")
    assert "Boris Johnson" in svg
    assert "Sergey Lavrov" in svg
    assert 'id="legend"' not in svg


def test_render_dot_to_stdout(capfdbinary: pytest.CaptureFixture[bytes]) -> None:
    result = run("render", EXAMPLE, "-o", "-", "--format", "dot")
    assert result.exit_code == 0
    assert result.stdout.startswith("digraph argmap {")


def test_render_bad_input_leaves_the_existing_output_untouched(tmp_path: Path) -> None:
    out = tmp_path / "map.svg"
    out.write_bytes(b"previous map")
    result = run("render", BAD, "-o", out)
    assert result.exit_code == 1
    assert f"{BAD}:22:11: error: 'denail' is not a valid kind" in result.stderr
    assert out.read_bytes() == b"previous map"
    assert [p.name for p in tmp_path.iterdir()] == ["map.svg"]


def test_render_without_dot_explains_and_leaves_output_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "map.svg"
    out.write_bytes(b"previous map")
    monkeypatch.setenv("PATH", str(tmp_path))
    result = run("render", EXAMPLE, "-o", out)
    assert result.exit_code == 1
    assert "Graphviz's 'dot' program was not found" in result.stderr
    assert out.read_bytes() == b"previous map"


def test_render_into_a_missing_directory(tmp_path: Path) -> None:
    result = run("render", EXAMPLE, "-o", tmp_path / "maps" / "map.dot")
    assert result.exit_code == 1
    assert "does not exist" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "map.txt"], "cannot tell the format from 'map.txt'"),
        (["-o", "map.png", "--format", "svg"], "'map.png' says png but --format says svg"),
        (["-o", "-"], "cannot tell the format from '-'"),
        (["-o", "map.svg", "--group-by", "colour"], "'colour' is not one of"),
        (["-o", "map.svg", "--wrap", "3"], "3 is not in the range"),
    ],
)
def test_render_usage_errors_exit_2(args: list[str], message: str) -> None:
    result = run("render", EXAMPLE, *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_python_dash_m_and_version() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-m", "argmap", "--version"], capture_output=True, text=True, env=env
    )
    assert result.returncode == 0
    assert result.stdout.startswith("argmap, version ")


def test_help_lists_the_commands() -> None:
    result = run("--help")
    assert result.exit_code == 0
    assert "validate" in result.stdout
    assert "render" in result.stdout


@pytest.mark.needs_dot
def test_render_tells_which_layout_a_big_map_got(tmp_path: Path) -> None:
    lines = ["article: {title: T}", "speakers: {a: {name: Ana}}", "topics: {t: T}", "statements:"]
    lines += [
        f"  - {{id: s{i}, speaker: a, topic: t, kind: claim, text: S{i}.}}" for i in range(200)
    ]
    source = tmp_path / "big.yaml"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("render", source, "-o", tmp_path / "big.svg")
    assert result.exit_code == 0, result.output
    assert "argmap: note: 200 statements: ranks assigned by argmap" in result.stderr
