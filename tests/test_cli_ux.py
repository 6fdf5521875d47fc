"""The command line as a shell tool: version, ``python -m``, completion, ``-o -``, colour."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from importlib.metadata import version

import click
import pytest
from click.testing import CliRunner

from argmap.cli import main
from argmap.colour import enabled, paint_diagnostic

from .conftest import BAD_INPUTS, ROOT

BAD = BAD_INPUTS / "yaml" / "many_errors.yaml"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def argmap(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python -m argmap`` as a user's shell would."""
    return subprocess.run(
        [sys.executable, "-m", "argmap", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        check=False,
    )


def test_version_with_python_m() -> None:
    result = argmap("--version")
    assert (result.returncode, result.stdout) == (0, f"argmap, version {version('argmap')}\n")


def test_bash_completion_script_and_completions() -> None:
    script = CliRunner().invoke(
        main, [], prog_name="argmap", env={"_ARGMAP_COMPLETE": "bash_source"}
    )
    assert script.exit_code == 0
    assert "_argmap_completion()" in script.stdout
    assert "complete -o nosort -F _argmap_completion argmap" in script.stdout
    completed = CliRunner().invoke(
        main,
        [],
        prog_name="argmap",
        env={"_ARGMAP_COMPLETE": "bash_complete", "COMP_WORDS": "argmap ren", "COMP_CWORD": "1"},
    )
    assert completed.stdout.splitlines() == ["plain,render"]
    options = CliRunner().invoke(
        main,
        [],
        prog_name="argmap",
        env={
            "_ARGMAP_COMPLETE": "bash_complete",
            "COMP_WORDS": "argmap render x.yaml --group-by ",
            "COMP_CWORD": "4",
        },
    )
    assert options.stdout.splitlines() == ["plain,speaker", "plain,topic", "plain,none"]


def output_options() -> list[tuple[str, click.Option]]:
    assert isinstance(main, click.Group)
    return [
        (name, param)
        for name, command in sorted(main.commands.items())
        for param in command.params
        if isinstance(param, click.Option) and "-o" in param.opts
    ]


@pytest.mark.parametrize(
    ("command", "option"), output_options(), ids=[name for name, _ in output_options()]
)
def test_every_output_option_takes_a_dash_for_stdout(command: str, option: click.Option) -> None:
    assert "--output" in option.opts, command
    assert isinstance(option.type, click.Path), command
    assert option.type.allow_dash, f"argmap {command} -o - must write to standard output"
    assert "'-'" in (option.help or ""), command


def test_diagnostics_are_plain_when_not_on_a_terminal() -> None:
    result = CliRunner().invoke(main, ["validate", str(BAD)], color=False)
    assert result.exit_code == 1
    assert "\x1b[" not in result.output
    assert argmap("validate", str(BAD)).stderr.count("\x1b[") == 0


def test_when_to_colour() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert enabled(Terminal(), {})
    assert enabled(Terminal(), {"NO_COLOR": ""})  # empty: as if unset (no-color.org)
    assert not enabled(Terminal(), {"NO_COLOR": "1"})
    assert not enabled(Terminal(), {"TERM": "dumb"})
    assert not enabled(io.StringIO(), {})
    closed = io.StringIO()
    closed.close()
    assert not enabled(closed, {})  # isatty() raises on a closed stream


def test_painting_changes_only_the_escapes() -> None:
    text = (
        "a.yaml:3:5: warning: a support that responds to nothing [missing_target]\n"
        "  hint: say what it supports\n"
        "        with responds_to\n"
        "  a.yaml:1:1: note: 'x' is first given here"
    )
    painted = paint_diagnostic(text)
    assert ANSI.sub("", painted) == text
    assert "\x1b[1;33mwarning\x1b[0m" in painted
    assert "\x1b[1ma.yaml:3:5: \x1b[0m" in painted
    assert "  \x1b[36mhint\x1b[0m: say" in painted
    assert "  \x1b[1ma.yaml:1:1: \x1b[0m\x1b[36mnote\x1b[0m:" in painted


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
@pytest.mark.parametrize("no_color", [None, "1"])
def test_diagnostics_on_a_terminal_are_coloured_unless_no_color(no_color: str | None) -> None:
    import pty

    leader, follower = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    if no_color:
        env["NO_COLOR"] = no_color
    process = subprocess.run(
        [sys.executable, "-m", "argmap", "validate", str(BAD)],
        stderr=follower,
        stdout=subprocess.PIPE,
        env=env,
        cwd=ROOT,
        check=False,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    stderr = b"".join(chunks).decode("utf-8")
    assert process.returncode == 1
    red_error = f"\x1b[1m{BAD}:18:12: \x1b[0m\x1b[1;31merror\x1b[0m: quote not found"
    if no_color:
        assert "\x1b[" not in stderr
        assert f"{BAD}:18:12: error: quote not found" in stderr
    else:
        assert red_error in stderr
