"""``argmap render --out-dir``: a map per file, in parallel; a bad file does not stop the rest."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from argmap.batch import Job, plan, run_in_order
from argmap.cli import main

from .conftest import BAD_INPUTS, ROOT

EXAMPLES = sorted((ROOT / "examples").glob("*/annotation.yaml"))
BAD = BAD_INPUTS / "yaml" / "unknown_speaker.yaml"


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def files(tmp_path: Path) -> list[Path]:
    """Two good annotations with their own names, and a bad one, in a scratch directory."""
    for example in EXAMPLES:
        shutil.copytree(example.parent, tmp_path / example.parent.name)
    good = [
        tmp_path / "johnson-lavrov" / "annotation.yaml",
        tmp_path / "analysts-react" / "a.yaml",
    ]
    (tmp_path / "analysts-react" / "annotation.yaml").rename(good[1])
    bad = tmp_path / "bad.yaml"
    shutil.copy(BAD, bad)
    return [good[0], bad, good[1]]


@pytest.mark.needs_dot
def test_each_file_is_drawn_and_a_bad_one_reported(files: list[Path], tmp_path: Path) -> None:
    maps = tmp_path / "maps"
    result = run("render", *files, "--out-dir", maps, "--format", "svg")
    assert result.exit_code == 1
    assert sorted(p.name for p in maps.iterdir()) == ["a.svg", "annotation.svg"]
    assert all(p.read_bytes().startswith(b"<?xml") for p in maps.iterdir())
    assert f"{files[1]}:9:14: error: unknown speaker 'bne' [unknown_speaker]" in result.stderr
    assert result.stderr.endswith("argmap: 1 of 3 files could not be drawn\n")
    assert result.stdout == ""
    assert "Drawing" not in result.output  # no progress bar when not on a terminal
    assert "\x1b[" not in result.output


def test_all_good_files_exit_zero_and_the_directory_is_made(
    files: list[Path], tmp_path: Path
) -> None:
    maps = tmp_path / "new" / "maps"
    result = run("render", files[0], files[2], "--out-dir", maps, "-f", "dot")
    assert result.exit_code == 0, result.output
    assert (maps / "annotation.dot").read_bytes().startswith(b"digraph")
    assert (maps / "a.dot").read_bytes().startswith(b"digraph")


def test_messages_come_in_the_order_of_the_files(files: list[Path], tmp_path: Path) -> None:
    result = run("render", *reversed(files), "--out-dir", tmp_path / "m", "-f", "dot")
    bad_at = result.stderr.index("unknown speaker")
    warning_at = result.stderr.index("external_reference")  # analysts-react, read alone
    assert warning_at < bad_at  # a.yaml comes first now


def test_files_with_one_name_are_named_by_their_directory(tmp_path: Path) -> None:
    result = run("render", *EXAMPLES, "--out-dir", tmp_path, "-f", "dot")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "analysts-react.dot",
        "johnson-lavrov.dot",
    ]


def test_plan_refuses_two_files_that_would_write_one_map(tmp_path: Path) -> None:
    jobs = plan([Path("a/x.yaml"), Path("b/y.yaml")], tmp_path, "svg")
    assert jobs == (
        Job(Path("a/x.yaml"), tmp_path / "x.svg"),
        Job(Path("b/y.yaml"), tmp_path / "y.svg"),
    )
    with pytest.raises(ValueError, match="same map"):
        plan([Path("a/x.yaml"), Path("a/x.yaml")], tmp_path, "svg")
    result = run("render", EXAMPLES[0], EXAMPLES[0], "--out-dir", tmp_path)
    assert result.exit_code == 2
    assert "several files would be drawn to the same map" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "x.svg", "--out-dir", "maps"], "-o/--output and --out-dir exclude each other"),
        ([], "missing -o/--output (one map of all FILES) or --out-dir (one map per file)"),
    ],
)
def test_output_and_out_dir_are_mutually_exclusive(
    tmp_path: Path, args: list[str], message: str
) -> None:
    result = run("render", EXAMPLES[0], *args)
    assert result.exit_code == 2
    assert f"Error: {message}" in result.stderr
    assert not (tmp_path / "maps").exists()


def test_with_o_several_files_are_still_one_dispute(tmp_path: Path) -> None:
    out = tmp_path / "story.dot"
    result = run("render", *EXAMPLES, "-o", out)
    assert result.exit_code == 0, result.output
    assert 'id="statement-analysts-react:' in out.read_text()
    assert 'id="statement-johnson-lavrov:' in out.read_text()


def test_run_in_order_is_parallel_and_reports_in_order() -> None:
    running = 0
    most = 0
    lock = threading.Lock()

    def work(delay: float) -> float:
        nonlocal running, most
        with lock:
            running += 1
            most = max(most, running)
        time.sleep(delay)
        with lock:
            running -= 1
        return delay

    seen: list[float] = []
    progress: list[int] = []
    delays = [0.2, 0.0, 0.1, 0.0]
    results = run_in_order(
        delays,
        work,
        max_workers=4,
        on_result=seen.append,
        on_progress=lambda: progress.append(1),
    )
    assert results == seen == delays
    assert len(progress) == 4
    assert most > 1


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_a_progress_bar_on_a_terminal(files: list[Path], tmp_path: Path) -> None:
    import pty

    leader, follower = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    process = subprocess.run(
        [
            sys.executable,
            "-m",
            "argmap",
            "render",
            *map(str, files),
            "--out-dir",
            "m",
            "-f",
            "dot",
        ],
        cwd=tmp_path,
        stderr=follower,
        stdout=subprocess.PIPE,
        env=env,
        check=False,
    )
    os.close(follower)
    output = _read_all(leader)
    assert process.returncode == 1
    assert "Drawing  [####################################]  100%" in output
    assert "argmap: 1 of 3 files could not be drawn" in output


def _read_all(fd: int) -> str:
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # the terminal's other end is closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(fd)
    return b"".join(chunks).decode("utf-8", "replace")
