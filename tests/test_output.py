"""Atomic writing: a failed write never leaves a truncated or clobbered file."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from argmap.diagnostics import ArgmapError
from argmap.output import write_output


def test_writes_a_new_file_with_the_usual_permissions(tmp_path: Path) -> None:
    target = tmp_path / "map.svg"
    write_output(target, b"<svg/>")
    assert target.read_bytes() == b"<svg/>"
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask
    assert [p.name for p in tmp_path.iterdir()] == ["map.svg"]


def test_replacing_keeps_the_old_file_s_mode(tmp_path: Path) -> None:
    target = tmp_path / "map.svg"
    target.write_bytes(b"old")
    target.chmod(0o640)
    write_output(target, b"new")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_a_failed_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "map.svg"
    target.write_bytes(b"old")

    def fail(self: Path, target: Path) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "replace", fail)
    with pytest.raises(ArgmapError, match="No space left on device"):
        write_output(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["map.svg"]


def test_a_missing_directory_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ArgmapError, match=r"directory '.*nowhere' does not exist"):
        write_output(tmp_path / "nowhere" / "map.svg", b"x")


def test_a_directory_is_not_overwritten(tmp_path: Path) -> None:
    with pytest.raises(ArgmapError, match="it is a directory"):
        write_output(tmp_path, b"x")


def test_dash_writes_to_standard_output(capfdbinary: pytest.CaptureFixture[bytes]) -> None:
    write_output("-", b"digraph {}\n")
    assert capfdbinary.readouterr().out == b"digraph {}\n"
