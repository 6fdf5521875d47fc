"""Writing output files atomically, so a failed run never leaves a truncated or clobbered file."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path

from argmap.diagnostics import ArgmapError

__all__ = ["write_output"]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_output(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` in one step, or to standard output when ``path`` is ``-``.

    The data goes to a temporary file in the same directory, which then replaces ``path``:
    readers see the old file or the new one, never half of one, and an existing file is left
    untouched when anything fails.

    Raises:
        ArgmapError: when the directory does not exist or the file cannot be written.
    """
    if os.fspath(path) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    target = Path(path)
    directory = target.parent
    if not directory.is_dir():
        raise ArgmapError(f"{target}: cannot write: directory '{directory}' does not exist")
    if target.is_dir():
        raise ArgmapError(f"{target}: cannot write: it is a directory")
    try:
        handle, temporary = tempfile.mkstemp(
            dir=directory, prefix=f".{target.name}.", suffix=".tmp"
        )
    except OSError as exc:
        raise ArgmapError(f"{target}: cannot write: {exc.strerror or exc}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        # mkstemp makes the file private; keep the mode of the file replaced, or the usual one.
        mode = target.stat().st_mode & 0o7777 if target.exists() else 0o666 & ~_umask()
        Path(temporary).chmod(mode)
        Path(temporary).replace(target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            Path(temporary).unlink()
        raise ArgmapError(f"{target}: cannot write: {exc.strerror or exc}") from None
